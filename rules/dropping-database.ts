import { defineRule } from '../src/lint/rule';
import { isNewDatabase } from '../src/lint/created';

/** DROP DATABASE in a migration. */
export default defineRule({
  meta: {
    id: 'dropping-database',
    severity: 'error',
    summary: 'Dropping a database',
    why: 'DROP DATABASE deletes every object and row in it, cannot run inside a transaction (so it cannot be rolled back) and fails while anyone is connected, unless `WITH (FORCE)` (PG 13+) disconnects them. A schema migration should never do this; it usually means a development script slipped into the migration folder.',
    fix: 'Remove the statement from the migration. Drop databases by hand (or in provisioning code), after a backup:\n\n```sql\n-- outside of migrations, by an operator, after pg_dump:\nDROP DATABASE IF EXISTS legacy_app;\n```',
    examples: {
      bad: ['DROP DATABASE legacy_app;', 'DROP DATABASE IF EXISTS legacy_app WITH (FORCE);'],
      good: ['CREATE DATABASE scratch; DROP DATABASE scratch;', 'DROP SCHEMA IF EXISTS scratch;'],
    },
    squawk: ['ban-drop-database'],
  },
  create: ({ report }) => ({
    DropdbStmt(node, statement, ctx) {
      if (isNewDatabase(ctx, node.dbname)) return;
      report({ message: `Database ${node.dbname} is dropped: every object and row in it is deleted, and DROP DATABASE cannot be rolled back.` });
    },
  }),
});
