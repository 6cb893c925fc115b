// Whether SET NOT NULL on a column can skip its full-table scan. PostgreSQL 12+
// skips the scan when a validated `CHECK (col IS NOT NULL)` proves the column
// has no NULLs (checked on PG 15 and 18: "existing constraints on column … are
// sufficient to prove that it does not contain nulls", 0.2 ms instead of a scan).

import type { LintContext } from './context';
import { as, alterCommands, bareName, str } from '../sql/ast';
import type { pg } from '../sql/nodes';

/** The column a `CHECK (col IS NOT NULL)` or PG 18 `NOT NULL col` constraint covers, lower-cased. */
export function notNullColumnOf(con: pg.Constraint | undefined): string | undefined {
  if (con?.contype === 'CONSTR_NOTNULL') return str(con.keys?.[0])?.toLowerCase();
  if (con?.contype !== 'CONSTR_CHECK') return undefined;
  const test = as(con.raw_expr, 'NullTest');
  if (test?.nulltesttype !== 'IS_NOT_NULL') return undefined;
  const fields = as(test.arg, 'ColumnRef')?.fields ?? [];
  return str(fields[fields.length - 1])?.toLowerCase();
}

/**
 * Whether this file shows that `table.column` is proven NOT NULL before the
 * current statement: a validated CHECK from the context, or a NOT VALID one
 * validated by a later VALIDATE CONSTRAINT earlier in the file.
 */
export function notNullProvenBefore(ctx: LintContext, table: string, column: string): boolean {
  const tbl = bareName(table);
  const col = column.toLowerCase();
  if (ctx.notNullChecks.has(`${tbl}.${col}`)) return true;
  const pending = new Set<string>();
  for (const st of ctx.statements.slice(0, ctx.index)) {
    if (st.embedded?.in === 'function') continue; // runs when called, not during the migration
    if (st.kind !== 'AlterTableStmt' || bareName(st.node.relation?.relname) !== tbl) continue;
    for (const cmd of alterCommands(st.node)) {
      const con = as(cmd.def, 'Constraint');
      if (cmd.subtype === 'AT_AddConstraint' && con?.conname && notNullColumnOf(con) === col) pending.add(con.conname.toLowerCase());
      if (cmd.subtype === 'AT_ValidateConstraint' && pending.has(String(cmd.name).toLowerCase())) return true;
    }
  }
  return false;
}

/**
 * Whether a later statement of the file drops a constraint on `table` that is
 * evidently the helper `CHECK (col IS NOT NULL)` of the documented recipe
 * (its name mentions the column and is not a key, index or exclusion name):
 * the check was then added and validated by an earlier migration or by hand.
 */
export function helperCheckDroppedAfter(ctx: LintContext, table: string, column: string): boolean {
  const tbl = bareName(table);
  const col = column.toLowerCase();
  for (const st of ctx.statements.slice(ctx.index + 1)) {
    if (st.embedded?.in === 'function') continue; // runs when called, not during the migration
    if (st.kind !== 'AlterTableStmt' || bareName(st.node.relation?.relname) !== tbl) continue;
    for (const cmd of alterCommands(st.node)) {
      const name = String(cmd.name ?? '').toLowerCase();
      // Any constraint named after the column, except the kinds that are not CHECKs (`orders_user_id_fkey`).
      if (cmd.subtype === 'AT_DropConstraint' && name.includes(col) && !/(fkey|pkey|key|idx|index|uniq|unique|excl|fk|pk)$/.test(name)) return true;
    }
  }
  return false;
}
