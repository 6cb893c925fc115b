import type { Statement } from '../src/types';
import { defineRule } from '../src/lint/rule';
import type { LintContext } from '../src/lint/context';
import { bareName, dmlTarget } from '../src/sql/ast';
import { tableLocks } from '../src/lint/locks';

// Statements that only touch the catalog or the session: they add no wait while the lock is held.
const HARMLESS = new Set([
  'TransactionStmt',
  'VariableSetStmt',
  'VariableShowStmt',
  'CommentStmt',
  'GrantStmt',
  'GrantRoleStmt',
  'AlterDefaultPrivilegesStmt',
  'DoStmt', // its inner statements are checked one by one
  'CreateFunctionStmt',
  'CreateSchemaStmt',
  'CreateEnumStmt',
  'CreateDomainStmt',
  'CompositeTypeStmt',
  'CreateSeqStmt',
  'AlterSeqStmt',
  'ViewStmt',
  'SelectStmt',
  'NotifyStmt',
]);
const DML = new Set(['InsertStmt', 'UpdateStmt', 'DeleteStmt', 'MergeStmt']);

/** Why this statement prolongs (or widens) the hold, or undefined when it adds no wait. */
function extendsHold(st: Statement, ctx: LintContext, held: ReadonlyMap<string, number>): string | undefined {
  if (HARMLESS.has(st.kind)) return undefined;
  if (DML.has(st.kind)) {
    const t = dmlTarget(st)?.relname;
    return t && !ctx.isNew(t) ? `it changes rows of ${t}` : undefined;
  }
  if (st.kind === 'IndexStmt') {
    const t = st.node.relation?.relname;
    return t && !ctx.isNew(t) ? `it builds an index on ${t}` : undefined;
  }
  const others = tableLocks(st).filter((l) => l.kind !== 'index' && !ctx.isNew(l.relation) && !held.has(bareName(l.relation)));
  if (others.length) return `it waits for a lock on ${others.map((l) => l.relation).join(', ')}`;
  return undefined;
}

const droppedAt = new WeakMap<readonly Statement[], Set<number>>();

/** Held locks, less those of DROP statements: a dropped table has no readers left to block. */
function withoutDropped(ctx: LintContext): ReadonlyMap<string, number> {
  let lines = droppedAt.get(ctx.statements);
  if (!lines) {
    lines = new Set(ctx.statements.filter((s) => s.kind === 'DropStmt').map((s) => s.range.line));
    droppedAt.set(ctx.statements, lines);
  }
  const drops = lines;
  if (![...ctx.accessExclusiveHeld.values()].some((line) => drops.has(line))) return ctx.accessExclusiveHeld;
  return new Map([...ctx.accessExclusiveHeld].filter(([, line]) => !drops.has(line)));
}

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
      const held = withoutDropped(ctx);
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
