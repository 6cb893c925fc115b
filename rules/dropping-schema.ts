import { defineRule } from '../src/lint/rule';
import { droppedNames } from '../src/sql/ast';
import { isNewSchema } from '../src/lint/created';

/** DROP SCHEMA on a schema that existed before this migration. */
export default defineRule({
  meta: {
    id: 'dropping-schema',
    severity: 'error',
    summary: 'Dropping a schema',
    why: 'DROP SCHEMA … CASCADE removes every table, view, function, type and sequence in the schema at once: all their data is lost and all code using them breaks. Without CASCADE it fails as soon as the schema holds anything, which in a deploy usually means a broken migration. A schema created earlier in the same migration is not flagged.',
    fix: 'Move or drop the objects you really mean to remove one by one (each gets its own review: dropping-table, dropping-column), then drop the emptied schema without CASCADE so Postgres refuses if anything is left:\n\n```sql\n-- earlier releases: stop using the tables in reporting, then drop them one by one\nDROP SCHEMA reporting;  -- RESTRICT (the default) fails if anything remains\n```',
    examples: {
      bad: ['DROP SCHEMA reporting CASCADE;', 'DROP SCHEMA IF EXISTS reporting;'],
      good: ['CREATE SCHEMA scratch; DROP SCHEMA scratch CASCADE;', 'CREATE SCHEMA IF NOT EXISTS reporting;'],
    },
    squawk: ['ban-drop-schema'],
  },
  create: ({ report }) => ({
    DropStmt(node, statement, ctx) {
      if (node.removeType !== 'OBJECT_SCHEMA') return;
      const cascade = node.behavior === 'DROP_CASCADE';
      for (const name of droppedNames(node)) {
        if (isNewSchema(ctx, name)) continue;
        report({
          message: cascade
            ? `Schema ${name} is dropped with CASCADE: every table, view, function and type in it is dropped too, with all their data.`
            : `Schema ${name} is dropped: code that uses it breaks, and the migration fails if the schema still holds any object.`,
        });
      }
    },
  }),
});
