// Cuts what a framework command sent into its migrations. Frameworks record
// each migration in their version table after (or at the end of) its
// statements, so the statements since the previous write belong to the
// migration that the next write names; a COMMIT right after a write in a
// transaction block closes that same migration. What no write claims is left
// over (reported, never dropped in silence).

import { as, str } from '../sql/ast';
import type { Node, pg } from '../sql/nodes';
import { isFrameworkNoise, type VersionTable } from './noise';

export type { VersionTable } from './noise';
import type { CapturedStatement } from './statements';

export type Direction = 'up' | 'down';

/** One migration's share of a command's statements. */
export interface Segment {
  id: string;
  direction: Direction;
  /** Every statement, the framework's own included, in order. */
  statements: CapturedStatement[];
}

/** The migration a version-table write records, if the statement is one. */
export function versionWrite(s: CapturedStatement, table: VersionTable, running: Direction): { id: string; direction: Direction } | undefined {
  if (s.kind !== 'InsertStmt' && s.kind !== 'UpdateStmt' && s.kind !== 'DeleteStmt') return undefined;
  if (s.error) return undefined;
  if (s.node?.relation?.relname?.toLowerCase() !== table.table.toLowerCase()) return undefined;
  if (s.kind === 'InsertStmt') {
    const id = table.idOf(insertedRow(s.node));
    return id ? { id, direction: 'up' } : undefined;
  }
  if (s.kind === 'DeleteStmt') {
    const id = table.idOf(equalities(s.node.whereClause));
    return id ? { id, direction: 'down' } : undefined;
  }
  // UPDATE (Alembic): moving forward records the new version, moving back un-records the old one.
  const set: Record<string, string> = {};
  for (const t of s.node.targetList ?? []) {
    const target = as(t, 'ResTarget');
    const v = constant(target?.val);
    if (target?.name && v !== undefined) set[target.name] = v;
  }
  const id = running === 'up' ? table.idOf(set) : table.idOf(equalities(s.node.whereClause));
  return id ? { id, direction: running } : undefined;
}

/** Split one command's statements into migrations; `leftover` is what came after the last write. */
export function segment(statements: readonly CapturedStatement[], table: VersionTable, running: Direction): { segments: Segment[]; leftover: CapturedStatement[] } {
  const segments: Segment[] = [];
  let current: CapturedStatement[] = [];
  let awaitingCommit: Segment | undefined;
  for (const s of statements) {
    const write = versionWrite(s, table, running);
    if (write) {
      const seg: Segment = { ...write, statements: [...current, s] };
      segments.push(seg);
      current = [];
      awaitingCommit = s.txAfter === 'T' ? seg : undefined;
      continue;
    }
    if (awaitingCommit && s.connection === awaitingCommit.statements.at(-1)!.connection) {
      if (isTransactionEnd(s)) {
        awaitingCommit.statements.push(s);
        awaitingCommit = undefined;
        continue;
      }
      // The next migration's own statement in the same block: the block is shared (Alembic), not this one's.
      if (s.kind !== 'TransactionStmt' && !isFrameworkNoise(s, table)) awaitingCommit = undefined;
    }
    current.push(s);
  }
  return { segments, leftover: current };
}

/** COMMIT, END, ROLLBACK, or PREPARE TRANSACTION: the end of a transaction block. */
export function isTransactionEnd(s: CapturedStatement): boolean {
  return s.kind === 'TransactionStmt' && ['TRANS_STMT_COMMIT', 'TRANS_STMT_ROLLBACK', 'TRANS_STMT_PREPARE', 'TRANS_STMT_COMMIT_PREPARED'].includes(s.node.kind ?? '');
}

/** BEGIN or START TRANSACTION. */
export function isTransactionStart(s: CapturedStatement): boolean {
  return s.kind === 'TransactionStmt' && (s.node?.kind === 'TRANS_STMT_BEGIN' || s.node?.kind === 'TRANS_STMT_START');
}

/** Column → value of an INSERT's first VALUES row. */
function insertedRow(node: pg.InsertStmt): Record<string, string> {
  const cols = (node.cols ?? []).map((c) => as(c, 'ResTarget')?.name ?? '');
  const values = as(as(node.selectStmt, 'SelectStmt')?.valuesLists?.[0], 'List')?.items ?? [];
  const row: Record<string, string> = {};
  cols.forEach((c, i) => {
    const v = constant(values[i]);
    if (c && v !== undefined) row[c] = v;
  });
  return row;
}

/** `col = 'value'` terms of a WHERE (ANDed), by column name. */
function equalities(where: Node | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (e: Node | undefined): void => {
    const bool = as(e, 'BoolExpr');
    if (bool?.boolop === 'AND_EXPR') return bool.args?.forEach(visit);
    const x = as(e, 'A_Expr');
    if (!x || str(x.name?.[0]) !== '=') return;
    const col = as(x.lexpr, 'ColumnRef')?.fields?.at(-1);
    const v = constant(x.rexpr);
    if (col && v !== undefined) out[str(col) ?? ''] = v;
  };
  visit(where);
  return out;
}

/** A literal's text (through casts). */
function constant(e: Node | undefined): string | undefined {
  const cast = as(e, 'TypeCast');
  if (cast) return constant(cast.arg);
  const c = as(e, 'A_Const');
  if (!c) return undefined;
  if (c.sval) return c.sval.sval ?? '';
  if (c.ival) return String(c.ival.ival ?? 0);
  if (c.fval) return c.fval.fval;
  return undefined;
}
