import { defineRule } from '../src/lint/rule';
import { bareName, dmlTarget } from '../src/sql/ast';
import { describeLocks, strongLocksOnExisting } from '../src/lint/locks';

const DML = new Set(['UpdateStmt', 'DeleteStmt', 'MergeStmt']);

/** A long-running or strongly locking statement with no statement_timeout set before it (off by default). */
export default defineRule({
  meta: {
    id: 'missing-statement-timeout',
    severity: 'warning',
    defaultOff: true,
    summary: 'A locking or long-running statement with no statement_timeout',
    why: 'A statement that holds a strong lock (ALTER TABLE that rewrites or scans, CREATE INDEX without CONCURRENTLY) or touches many rows (UPDATE/DELETE backfills) can run far longer on production data than in development, blocking the table or the deploy the whole time. statement_timeout bounds it, so a slow migration fails and is rolled back instead of stalling production. Off by default: a timeout that is too short also fails migrations that would have been fine; turn it on where migrations must stay short. Reported once per file.',
    fix: "Set a statement_timeout that fits the deploy window before the first such statement:\n\n```sql\nSET statement_timeout = '5min';\nSET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN bio text;\nRESET statement_timeout;\nRESET lock_timeout;\n```\n\nInside a transaction `SET LOCAL statement_timeout = '5min';` limits it to that transaction.",
    examples: {
      bad: ['ALTER TABLE users ADD COLUMN bio text;', "UPDATE users SET status = 'active' WHERE status IS NULL;"],
      good: [
        "SET statement_timeout = '5min';\nALTER TABLE users ADD COLUMN bio text;",
        "BEGIN;\nSET LOCAL statement_timeout = '5min';\nUPDATE users SET status = 'active';\nCOMMIT;",
        'CREATE TABLE notes (id bigint PRIMARY KEY, body text);\nCREATE INDEX notes_body_idx ON notes (body);\nUPDATE notes SET body = NULL;',
      ],
    },
    squawk: ['require-timeout-settings', 'require-statement-timeout'], // squawk 2.x reports require-statement-timeout
  },
  create: ({ report }) => ({
    '*'(statement, ctx) {
      if (ctx.statementTimeoutSet || !ctx.runsDuringMigration) return;
      const locks = strongLocksOnExisting(statement, ctx.isNew);
      const target = DML.has(statement.kind) ? dmlTarget(statement)?.relname : undefined;
      const dml = target && !ctx.isNew(bareName(target));
      if ((locks.length === 0 && !dml) || !ctx.once('missing-statement-timeout')) return;
      const what = locks.length ? `takes ${describeLocks(locks)}` : `changes rows of ${target}`;
      report({ message: `This statement ${what} with no statement_timeout set: on a large table it can run far longer than in development. Reported once per file.` });
    },
  }),
});
