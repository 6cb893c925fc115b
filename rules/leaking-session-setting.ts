import { defineRule } from '../src/lint/rule';

/** Settings whose leaked value changes how the next migrations (and the app's pooled connections) behave. */
const SESSION_SETTINGS = new Set([
  'lock_timeout',
  'statement_timeout',
  'idle_in_transaction_session_timeout',
  'search_path',
  'role',
  'session_authorization',
  'synchronous_commit',
  'session_replication_role',
]);

/** A plain SET of a session setting that the migration never resets. */
export default defineRule({
  meta: {
    id: 'leaking-session-setting',
    severity: 'warning',
    summary: 'A session setting changed with plain SET and never reset',
    why: 'Plain `SET` (and `SET SESSION`) lasts for the connection, not the migration: even inside a transaction it survives the COMMIT (only SET LOCAL ends with the transaction; checked on PostgreSQL 15 and 18). Migration tools run many migrations on one connection, so `SET statement_timeout = 0` or `SET search_path = staging` leaks into every later migration of the run, and `SET session_replication_role = replica` disables every trigger and foreign-key check after it. Reported for lock_timeout, statement_timeout, idle_in_transaction_session_timeout, search_path, role, session_authorization, synchronous_commit and session_replication_role when the file neither resets them nor sets them back.',
    fix: "Inside a transaction use SET LOCAL, which ends with it; outside one, RESET the setting at the end of the migration:\n\n```sql\nBEGIN;\nSET LOCAL lock_timeout = '2s';\nALTER TABLE users ADD COLUMN bio text;\nCOMMIT;\n-- or, without a transaction:\nSET lock_timeout = '2s';\nCREATE INDEX CONCURRENTLY users_bio_idx ON users (bio);\nRESET lock_timeout;\n```",
    examples: {
      bad: ["SET statement_timeout = 0;\nUPDATE users SET plan = 'free' WHERE plan IS NULL;", 'BEGIN;\nSET search_path = staging;\nCREATE TABLE t (id int);\nCOMMIT;'],
      good: [
        "BEGIN;\nSET LOCAL lock_timeout = '2s';\nALTER TABLE users ADD COLUMN bio text;\nCOMMIT;",
        "SET lock_timeout = '2s';\nCREATE INDEX CONCURRENTLY users_bio_idx ON users (bio);\nRESET lock_timeout;",
        'SET search_path = staging;\nCREATE TABLE t (id int);\nRESET ALL;',
      ],
    },
    messages: { leaks: 'SET {{name}} lasts for the whole connection (past COMMIT), and this migration never resets it: every later migration on the connection runs with it' },
  },
  create: ({ report, statements }) => ({
    VariableSetStmt(n, statement, ctx) {
      if (n.kind !== 'VAR_SET_VALUE' || n.is_local || statement.embedded) return;
      const name = (n.name ?? '').toLowerCase();
      if (!SESSION_SETTINGS.has(name)) return;
      // RESET ALL, RESET name or SET name TO DEFAULT later in the file puts it back.
      const reset = statements
        .slice(ctx.index + 1)
        .some(
          (s) =>
            s.kind === 'VariableSetStmt' &&
            !s.embedded &&
            (s.node.kind === 'VAR_RESET_ALL' || ((s.node.kind === 'VAR_RESET' || s.node.kind === 'VAR_SET_DEFAULT') && (s.node.name ?? '').toLowerCase() === name)),
        );
      if (!reset) report({ messageId: 'leaks', data: { name } });
    },
  }),
});
