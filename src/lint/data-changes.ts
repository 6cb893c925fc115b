// Questions about data-changing statements (INSERT, UPDATE, DELETE, MERGE, COPY):
// which table they write, whether their WHERE obviously covers the whole
// table, and what ran earlier in the same transaction. Shared by
// unbatched-data-change and mixing-schema-and-data-changes.

import type { LintContext } from './context';
import type { Statement } from '../types';
import { as, dmlTarget, relationName, str } from '../sql/ast';
import type { Node } from '../sql/nodes';
import { isNewColumn } from './created';

const DML_KINDS = new Set(['InsertStmt', 'UpdateStmt', 'DeleteStmt', 'MergeStmt']);

/** The table a data-changing statement writes (qualified as written), or undefined for anything else. */
export function writtenTable(statement: Statement): string | undefined {
  if (DML_KINDS.has(statement.kind)) return relationName(dmlTarget(statement));
  if (statement.kind === 'CopyStmt' && statement.node.is_from) return relationName(statement.node.relation);
  return undefined;
}

/** Whether the statement changes data (INSERT, UPDATE, DELETE, MERGE, COPY … FROM). */
export function isDataChange(statement: Statement): boolean {
  return writtenTable(statement) !== undefined;
}

/** Whether a data change writes a fixed list of rows spelled out in the SQL (`INSERT … VALUES`), so its cost is bounded by the text. */
export function isLiteralInsert(statement: Statement): boolean {
  if (statement.kind !== 'InsertStmt') return false;
  const select = as(statement.node.selectStmt, 'SelectStmt');
  return !!select?.valuesLists && !select.fromClause;
}

/** Human name of the statement's command, e.g. `UPDATE`, `INSERT … SELECT`. */
export function commandName(statement: Statement): string {
  switch (statement.kind) {
    case 'UpdateStmt':
      return 'UPDATE';
    case 'DeleteStmt':
      return 'DELETE';
    case 'MergeStmt':
      return 'MERGE';
    case 'CopyStmt':
      return 'COPY';
    case 'InsertStmt':
      return isLiteralInsert(statement) ? 'INSERT' : 'INSERT … SELECT';
    default:
      return statement.kind.replace(/Stmt$/, '').toUpperCase();
  }
}

/** Last name of a ColumnRef (`t.col` → `col`), lower-cased as Postgres stores unquoted names. */
function columnName(node: Node | undefined): string | undefined {
  const fields = as(node, 'ColumnRef')?.fields;
  return fields ? str(fields[fields.length - 1]) : undefined;
}

/**
 * Why the WHERE of an UPDATE/DELETE obviously selects every row, or undefined
 * when it may be selective. "Obviously" is deliberately narrow: no WHERE; a
 * constant true (`true`, `1 = 1`); or `col IS NULL` where the statement sets
 * `col` (the backfill shape: it touches every row not yet filled, i.e. all of
 * them on the first run) or `col` was added earlier in this migration (all
 * NULL). OR is whole-table if any branch is; AND only if every branch is.
 */
export function wholeTableReason(statement: Statement, ctx: LintContext): string | undefined {
  if (statement.kind !== 'UpdateStmt' && statement.kind !== 'DeleteStmt') return undefined;
  if (!statement.node.whereClause) return 'it has no WHERE clause';
  const table = relationName(statement.node.relation);
  const targets = statement.kind === 'UpdateStmt' ? (statement.node.targetList ?? []) : [];
  const assigned = new Set(targets.map((t) => as(t, 'ResTarget')?.name).filter((n): n is string => !!n));
  const reason = (e: Node | undefined): string | undefined => {
    if (as(e, 'A_Const')?.boolval?.boolval === true) return 'its WHERE is always true';
    const op = as(e, 'A_Expr');
    if (op?.kind === 'AEXPR_OP' && str(op.name?.[0]) === '=' && as(op.lexpr, 'A_Const') && as(op.rexpr, 'A_Const')) {
      if (JSON.stringify(stripLocations(op.lexpr)) === JSON.stringify(stripLocations(op.rexpr))) return 'its WHERE is always true';
    }
    const nt = as(e, 'NullTest');
    if (nt?.nulltesttype === 'IS_NULL') {
      const col = columnName(nt.arg);
      if (col && assigned.has(col)) return `its WHERE "${col} IS NULL" matches every row not yet backfilled, which on the first run is all of them`;
      if (col && isNewColumn(ctx, table, col)) return `"${col}" was added in this migration, so "${col} IS NULL" matches every row`;
    }
    const b = as(e, 'BoolExpr');
    if (b?.boolop === 'OR_EXPR')
      for (const a of b.args ?? []) {
        const r = reason(a);
        if (r) return r;
      }
    if (b?.boolop === 'AND_EXPR') {
      const rs = (b.args ?? []).map(reason);
      if (rs.length > 0 && rs.every(Boolean)) return rs[0];
    }
    return undefined;
  };
  return reason(statement.node.whereClause);
}

function stripLocations(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(stripLocations);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([k]) => k !== 'location')
      .map(([k, v]) => [k, stripLocations(v)]),
  );
}

/** Statements before the current one that ran in the same transaction (most recent first); empty outside a transaction. */
export function earlierInTransaction(ctx: LintContext): Statement[] {
  if (!ctx.inTransaction) return [];
  const out: Statement[] = [];
  for (let i = ctx.index - 1; i >= 0; i--) {
    const st = ctx.statements[i];
    if (st.kind === 'TransactionStmt') {
      const k = st.node.kind;
      if (k === 'TRANS_STMT_BEGIN' || k === 'TRANS_STMT_START' || k === 'TRANS_STMT_COMMIT' || k === 'TRANS_STMT_ROLLBACK') break;
      continue;
    }
    out.push(st);
  }
  return out;
}
