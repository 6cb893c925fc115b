import { defineRule } from '../src/lint/rule';
import { describeLocks, strongLocksOnExisting } from '../src/lint/locks';

/** A statement that takes a strong lock on an existing table with no lock_timeout set before it. */
export default defineRule({
  meta: {
    id: 'missing-lock-timeout',
    severity: 'warning',
    work: 'lock',
    summary: 'A strong lock on an existing table with no lock_timeout',
    why: 'ALTER TABLE, CREATE INDEX (without CONCURRENTLY), ADD FOREIGN KEY, CREATE TRIGGER, DROP INDEX and similar statements need a SHARE, SHARE ROW EXCLUSIVE or ACCESS EXCLUSIVE lock. If any transaction is using the table (a long report, an idle-in-transaction session), the statement waits, and while it waits in the lock queue every new query on the table queues behind it: a one-millisecond ALTER turns into an outage that lasts as long as the slowest open transaction. Without lock_timeout it waits forever. Reported once per file, at the first such statement.',
    fix: "Set a short lock_timeout before the first such statement, and retry the migration when it times out:\n\n```sql\nSET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN bio text;\nRESET lock_timeout;\n```\n\nInside a transaction `SET LOCAL lock_timeout = '2s';` limits it to that transaction (SET LOCAL outside a transaction does nothing). Many teams set it for the migration role instead: `ALTER ROLE migrator SET lock_timeout = '2s';`.",
    examples: {
      bad: [
        'ALTER TABLE users ADD COLUMN bio text;',
        'CREATE INDEX users_email_idx ON users (email);',
        "SET LOCAL lock_timeout = '2s';\nALTER TABLE users ADD COLUMN bio text;",
        "SET lock_timeout = '2s';\nRESET lock_timeout;\nALTER TABLE users ADD COLUMN bio text;",
        'ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;',
      ],
      good: [
        "SET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN bio text;",
        "BEGIN;\nSET LOCAL lock_timeout = '2s';\nALTER TABLE users ADD COLUMN bio text;\nCOMMIT;",
        "SELECT set_config('lock_timeout', '2s', false);\nALTER TABLE users ADD COLUMN bio text;",
        'CREATE TABLE notes (id bigint PRIMARY KEY, body text);\nCREATE INDEX notes_body_idx ON notes (body);',
        'CREATE INDEX CONCURRENTLY users_email_idx ON users (email);',
      ],
    },
    squawk: ['require-timeout-settings', 'require-lock-timeout'], // squawk 2.x reports require-lock-timeout
  },
  create: ({ report }) => ({
    '*'(statement, ctx) {
      if (ctx.lockTimeoutSet || !ctx.runsDuringMigration) return;
      const locks = strongLocksOnExisting(statement, ctx.isNew);
      if (locks.length === 0 || !ctx.once('missing-lock-timeout')) return;
      report({
        message: `This statement takes ${describeLocks(locks)} with no lock_timeout set: if the table is busy it waits in the lock queue, and every query on it waits behind. Reported once per file.`,
      });
    },
  }),
});
