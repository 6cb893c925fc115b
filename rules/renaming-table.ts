import { defineRule } from '../src/lint/rule';
import { relationName } from '../src/sql/ast';
import { isNewTable } from '../src/lint/created';

const KINDS: Record<string, string> = { OBJECT_TABLE: 'Table', OBJECT_VIEW: 'View', OBJECT_MATVIEW: 'Materialized view', OBJECT_FOREIGN_TABLE: 'Foreign table' };

/** ALTER TABLE … RENAME TO on a table (or view) that existed before this migration. */
export default defineRule({
  meta: {
    id: 'renaming-table',
    severity: 'error',
    summary: 'Renaming a table that running code uses',
    why: 'The rename is instant once it has its ACCESS EXCLUSIVE lock, and from that moment every running application instance that still uses the old name fails (`relation "old" does not exist`); no deploy order avoids it. Views, foreign keys and triggers follow the rename (they point at the table, not its name), but application SQL, ORMs, functions with SQL in their bodies and downstream consumers do not. A table created in the same migration is not flagged.',
    fix: 'Rename and leave a view with the old name behind, in the same transaction; a simple `SELECT *` view is automatically updatable, so old code keeps reading and writing through it. Drop the view once no code uses the old name:\n\n```sql\nBEGIN;\nALTER TABLE customers RENAME TO accounts;\nCREATE VIEW customers AS SELECT * FROM accounts;\nCOMMIT;\n\n-- a later release, when nothing uses customers any more:\nDROP VIEW customers;\n```',
    examples: {
      bad: ['ALTER TABLE customers RENAME TO accounts;', 'ALTER TABLE IF EXISTS billing.customers RENAME TO accounts;', 'ALTER VIEW active_customers RENAME TO active_accounts;'],
      good: [
        'CREATE TABLE staging (id bigint); ALTER TABLE staging RENAME TO accounts;',
        'ALTER TABLE customers RENAME COLUMN name TO full_name;',
        'ALTER INDEX customers_pkey RENAME TO customers_pk;',
      ],
    },
    squawk: ['renaming-table'],
  },
  create: ({ report }) => ({
    RenameStmt(n, _statement, ctx) {
      const kind = KINDS[n.renameType ?? ''];
      if (!kind) return;
      const table = relationName(n.relation);
      if (!table || isNewTable(ctx, table)) return;
      report({
        message: `${kind} ${table} is renamed to "${n.newname}": every running instance of the application that still uses "${n.relation?.relname}" fails as soon as this commits. Leave a view named ${n.relation?.relname} behind until no code uses the old name.`,
      });
    },
  }),
});
