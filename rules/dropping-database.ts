import type { Rule } from '../src/types';
import { isNewDatabase, runsAtMigrationTime } from '../src/lint/created';

/** DROP DATABASE in a migration. */
const rule: Rule = {
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
  check(statement, ctx, report) {
    if (!runsAtMigrationTime(statement)) return;
    if (statement.kind !== 'DropdbStmt' || isNewDatabase(ctx, statement.node.dbname)) return;
    report({ message: `Database ${statement.node.dbname} is dropped: every object and row in it is deleted, and DROP DATABASE cannot be rolled back.` });
  },
};
export default rule;
