import { defineRule } from '../src/lint/rule';
import { relationName } from '../src/sql/ast';
import { isNewColumn } from '../src/lint/created';

/** ALTER TABLE … RENAME COLUMN on a column that existed before this migration. */
export default defineRule({
  meta: {
    id: 'renaming-column',
    severity: 'error',
    summary: 'Renaming a column that running code uses',
    why: 'The rename is instant, which is the problem: the moment it commits, every running application instance that still uses the old name fails (`column "old" does not exist`), and there is no deploy order that avoids it: old code breaks if the migration runs first, new code breaks if it is deployed first. Views, indexes and constraints follow the rename automatically (they reference the column by number), but function bodies, application SQL, ORMs, reports and downstream consumers do not. A column created in the same migration is not flagged.',
    fix: "Expand/contract: add the new column, keep both in sync while old and new code run side by side, backfill, switch readers, then drop the old column in a later release:\n\n```sql\n-- migration 1 (expand)\nALTER TABLE users ADD COLUMN full_name text;\nCREATE FUNCTION users_sync_full_name() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  IF TG_OP = 'INSERT' OR NEW.name IS DISTINCT FROM OLD.name THEN NEW.full_name := NEW.name;\n  ELSE NEW.name := NEW.full_name; END IF;\n  RETURN NEW;\nEND $$;\nCREATE TRIGGER users_sync_full_name BEFORE INSERT OR UPDATE ON users\n  FOR EACH ROW EXECUTE FUNCTION users_sync_full_name();\n-- backfill in batches:\nUPDATE users SET full_name = name WHERE id BETWEEN 1 AND 10000 AND full_name IS NULL;\n\n-- release: application reads and writes full_name\n\n-- migration 2 (contract), once no code uses name:\nDROP TRIGGER users_sync_full_name ON users;\nDROP FUNCTION users_sync_full_name();\nALTER TABLE users DROP COLUMN name;\n```",
    examples: {
      bad: ['ALTER TABLE users RENAME COLUMN name TO full_name;', 'ALTER TABLE app.users RENAME name TO full_name;'],
      good: [
        'ALTER TABLE users ADD COLUMN full_name text;',
        'CREATE TABLE people (id bigint, nm text); ALTER TABLE people RENAME COLUMN nm TO name;',
        'ALTER TABLE users ADD COLUMN nick text; ALTER TABLE users RENAME COLUMN nick TO nickname;',
        'ALTER TABLE users RENAME TO users_old; ALTER INDEX users_pkey RENAME TO users_old_pkey;',
      ],
    },
    squawk: ['renaming-column'],
    messages: {
      renamed:
        'Column {{table}}.{{from}} is renamed to "{{to}}": every running instance of the application that still uses "{{from}}" fails as soon as this commits. Add "{{to}}" alongside it and keep both in sync instead.',
    },
  },
  create: ({ report }) => ({
    RenameStmt(node, _statement, ctx) {
      if (node.renameType !== 'OBJECT_COLUMN') return;
      const table = relationName(node.relation);
      if (isNewColumn(ctx, table, node.subname)) return;
      report({ messageId: 'renamed', data: { table: table ?? '', from: node.subname ?? '', to: node.newname ?? '' } });
    },
  }),
});
