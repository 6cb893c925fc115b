import { defineRule } from '../src/lint/rule';
import { alterCommands, relationName } from '../src/sql/ast';
import { isNewColumn } from '../src/lint/created';

/** ALTER TABLE … DROP COLUMN on a column that existed before this migration. */
export default defineRule({
  meta: {
    id: 'dropping-column',
    severity: 'error',
    summary: 'Dropping a column that running code may still read or write',
    why: 'During a deploy the old application version keeps running against the new schema: every query that names the column (`SELECT col`, `INSERT … (col)`, an ORM that selects all mapped fields) fails with `column "col" does not exist` until the new version is fully rolled out, and a rollback of the application cannot bring the column back. The values are gone for good: a down migration can re-add the column but not its data. The statement itself is quick (a catalog change; the space is reclaimed later), but it takes an ACCESS EXCLUSIVE lock on the table. A column added earlier in the same migration is not flagged.',
    fix: "Expand/contract: first ship application code that no longer reads or writes the column (for ORMs, remove or ignore the field), deploy it everywhere, then drop the column in a later migration, and say so with an ignore comment:\n\n```sql\n-- release 1: application stops using users.legacy_name (no migration)\n-- release 2, once no running code references it:\nSET lock_timeout = '2s';\n-- migration-guard-ignore dropping-column: code stopped using it in release 1\nALTER TABLE users DROP COLUMN legacy_name;\nRESET lock_timeout;\n```\n\nKeep a copy first if the data may ever be needed: `CREATE TABLE users_legacy_name AS SELECT id, legacy_name FROM users;`",
    examples: {
      bad: ['ALTER TABLE users DROP COLUMN legacy_name;', 'ALTER TABLE IF EXISTS app.users DROP COLUMN IF EXISTS legacy_name CASCADE;'],
      good: [
        'ALTER TABLE users ADD COLUMN nickname text;',
        'CREATE TABLE drafts (id bigint, body text); ALTER TABLE drafts DROP COLUMN body;',
        'ALTER TABLE users ADD COLUMN tmp text; UPDATE users SET tmp = name WHERE id < 10; ALTER TABLE users DROP COLUMN tmp;',
      ],
    },
    squawk: ['ban-drop-column'],
    messages: {
      dropped:
        'Column "{{column}}" is dropped from {{table}}: running application code that still reads or writes it fails, and its data is lost for good. Stop using the column in the application first, deploy, then drop it.',
    },
  },
  create: ({ report }) => ({
    AlterTableStmt(node, statement, ctx) {
      if (node.objtype !== 'OBJECT_TABLE') return;
      const table = relationName(node.relation);
      for (const cmd of alterCommands(node)) {
        if (cmd.subtype !== 'AT_DropColumn' || isNewColumn(ctx, table, cmd.name)) continue;
        report({ messageId: 'dropped', data: { column: cmd.name ?? '', table: table ?? '' } });
      }
    },
  }),
});
