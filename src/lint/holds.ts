// What keeps a lock held longer: the statements after it in the same transaction, and
// which of them add a wait. Shared by the rules about locks held across statements
// (holding-access-exclusive-lock, holding-write-blocking-lock).

import type { Statement } from '../types';
import type { LintContext } from './context';
import { bareName, dmlTarget } from '../sql/ast';
import { tableLocks } from './locks';

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
export function extendsHold(st: Statement, ctx: LintContext, held: ReadonlyMap<string, unknown>): string | undefined {
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

/** Held locks (table → line), less those of DROP statements: a dropped table has no readers left to block. */
export function withoutDropped<T extends number | { line: number }>(ctx: LintContext, held: ReadonlyMap<string, T>): ReadonlyMap<string, T> {
  let lines = droppedAt.get(ctx.statements);
  if (!lines) {
    lines = new Set(ctx.statements.filter((s) => s.kind === 'DropStmt').map((s) => s.range.line));
    droppedAt.set(ctx.statements, lines);
  }
  const drops = lines;
  const lineOf = (v: T) => (typeof v === 'number' ? v : v.line);
  if (![...held.values()].some((v) => drops.has(lineOf(v)))) return held;
  return new Map([...held].filter(([, v]) => !drops.has(lineOf(v))));
}
