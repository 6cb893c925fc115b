import { defineRule } from '../src/lint/rule';
import { alterCommands, relationName } from '../src/sql/ast';
import { isNewColumn } from '../src/lint/created';

/** ALTER TABLE … ALTER COLUMN … DROP NOT NULL on an existing column. */
export default defineRule({
  meta: {
    id: 'dropping-not-null',
    severity: 'warning',
    summary: 'Dropping NOT NULL from an existing column',
    why: 'The change itself is a quick catalog update (under an ACCESS EXCLUSIVE lock), but it breaks a promise readers depend on: application code, reports and other services that assume the column always has a value start seeing NULLs (null dereferences, `NOT IN` subqueries that silently return nothing, aggregates that skip rows). It is also a one-way door: once NULLs are written, setting NOT NULL again fails until every one is backfilled, so the down migration usually cannot run. A column added or created in the same migration is not flagged.',
    fix: "Make sure every reader handles NULL first, then drop the constraint in its own migration. If the goal is only to stop writing the column, keep NOT NULL and give it a DEFAULT instead:\n\n```sql\n-- keep the guarantee, stop requiring writers to send a value\nALTER TABLE users ALTER COLUMN locale SET DEFAULT 'en';\n\n-- or, once all readers handle NULL:\nSET lock_timeout = '2s';\n-- migration-guard-ignore dropping-not-null: readers handle NULL since release 42\nALTER TABLE users ALTER COLUMN locale DROP NOT NULL;\nRESET lock_timeout;\n```",
    examples: {
      bad: ['ALTER TABLE users ALTER COLUMN locale DROP NOT NULL;', 'ALTER TABLE app.users ALTER locale DROP NOT NULL, ALTER email DROP NOT NULL;'],
      good: [
        "ALTER TABLE users ALTER COLUMN locale SET DEFAULT 'en';",
        'CREATE TABLE prefs (id bigint NOT NULL, theme text NOT NULL); ALTER TABLE prefs ALTER COLUMN theme DROP NOT NULL;',
        "ALTER TABLE users ADD COLUMN theme text NOT NULL DEFAULT 'light'; ALTER TABLE users ALTER COLUMN theme DROP NOT NULL;",
      ],
    },
    squawk: ['ban-drop-not-null'],
  },
  create: ({ report }) => ({
    AlterTableStmt(node, statement, ctx) {
      const table = relationName(node.relation);
      for (const cmd of alterCommands(node)) {
        if (cmd.subtype !== 'AT_DropNotNull' || isNewColumn(ctx, table, cmd.name)) continue;
        report({
          message: `NOT NULL is dropped from ${table}.${cmd.name}: code that assumes a value breaks on the first NULL, and the down migration cannot restore NOT NULL once NULLs exist.`,
        });
      }
    },
  }),
});
