import { defineRule } from '../src/lint/rule';
import { extendsHold, withoutDropped } from '../src/lint/holds';

/** More work in the same transaction after ACCESS EXCLUSIVE was taken on an existing table. */
export default defineRule({
  meta: {
    id: 'holding-access-exclusive-lock',
    severity: 'warning',
    work: 'lock',
    summary: 'Work continues in a transaction that holds an ACCESS EXCLUSIVE lock',
    why: 'A lock is held until the transaction ends, not until the statement that took it ends. After ALTER TABLE (or DROP, TRUNCATE, RENAME, LOCK …) took ACCESS EXCLUSIVE on an existing table, every read and write of that table waits until COMMIT. A backfill UPDATE, an index build or a wait for a lock on a second table in the same transaction stretches a millisecond lock into minutes of downtime, and locking several busy tables in one transaction invites deadlocks with the application. Tables created in the same migration are not counted; outside a transaction each statement releases its locks at once.',
    fix: "Keep the ACCESS EXCLUSIVE step alone and short: commit right after it, then backfill in batches and build indexes concurrently in later steps (or migrations):\n\n```sql\nBEGIN;\nSET LOCAL lock_timeout = '2s';\nALTER TABLE users ADD COLUMN status text;\nCOMMIT;\n-- separate transaction(s), in batches:\nUPDATE users SET status = 'active' WHERE id BETWEEN 1 AND 10000 AND status IS NULL;\n-- outside any transaction:\nCREATE INDEX CONCURRENTLY users_status_idx ON users (status);\n```",
    examples: {
      bad: [
        "BEGIN;\nALTER TABLE users ADD COLUMN status text;\nUPDATE users SET status = 'active';\nCOMMIT;",
        'BEGIN;\nALTER TABLE orders ADD COLUMN note text;\nALTER TABLE invoices ADD COLUMN note text;\nCOMMIT;',
        'BEGIN;\nALTER TABLE users RENAME COLUMN name TO full_name;\nCREATE INDEX users_full_name_idx ON users (full_name);\nCOMMIT;',
        "DO $$\nBEGIN\n  ALTER TABLE users ADD COLUMN status text;\n  UPDATE users SET status = 'active';\nEND $$;",
      ],
      good: [
        "ALTER TABLE users ADD COLUMN status text;\nUPDATE users SET status = 'active';",
        'BEGIN;\nALTER TABLE users ADD COLUMN a int;\nALTER TABLE users ADD COLUMN b int;\nCOMMIT;',
        "BEGIN;\nALTER TABLE users ADD COLUMN a int;\nCOMMENT ON COLUMN users.a IS 'x';\nCOMMIT;\nUPDATE users SET a = 1;",
        'BEGIN;\nCREATE TABLE notes (id bigint);\nALTER TABLE notes ADD COLUMN body text;\nCREATE INDEX notes_body_idx ON notes (body);\nINSERT INTO notes VALUES (1);\nCOMMIT;',
        'BEGIN;\nDROP TABLE old_events;\nDROP TABLE old_sessions;\nCOMMIT;',
      ],
    },
  },
  create: ({ report }) => ({
    '*'(statement, ctx) {
      if (!ctx.inTransaction || !ctx.runsDuringMigration || ctx.accessExclusiveHeld.size === 0) return;
      const held = withoutDropped(ctx, ctx.accessExclusiveHeld);
      if (held.size === 0) return;
      const why = extendsHold(statement, ctx, held);
      if (!why) return;
      const first = Math.min(...held.values());
      if (!ctx.once(`holding-access-exclusive-lock:${first}`)) return; // once per transaction
      const list = [...held].map(([t, line]) => `${t} (line ${line})`).join(', ');
      report({
        message: `The ACCESS EXCLUSIVE lock on ${list} is still held while this statement runs (${why}): every query on ${held.size > 1 ? 'those tables' : 'that table'} waits until the transaction commits.`,
      });
    },
  }),
});
