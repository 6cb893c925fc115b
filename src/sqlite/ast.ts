// Small typed questions about sql-parser-cst's SQLite nodes, shared by the SQLite rules.

import type { AlterTableStmt, ColumnConstraint, ColumnDefinition, Expr, Node, PragmaAssignment } from 'sql-parser-cst';
import { entityName, sqliteKey } from './schema';
import type { SqliteLintContext } from './context';

/** The table an ALTER TABLE acts on, unqualified. */
export function alteredTable(n: AlterTableStmt): string {
  return entityName(n.table.type === 'table_without_inheritance' ? n.table.table : n.table);
}

/** The columns an ALTER TABLE adds to a table that existed before this file (a table the file created is empty). */
export function columnsAddedToExisting(n: AlterTableStmt, ctx: Pick<SqliteLintContext, 'createdHere'>): { table: string; column: ColumnDefinition }[] {
  const table = alteredTable(n);
  if (ctx.createdHere.has(sqliteKey(table))) return [];
  return n.actions.items.flatMap((a) => (a.type === 'alter_action_add_column' ? [{ table, column: a.column }] : []));
}

/** A column definition's constraints, unwrapped from `CONSTRAINT name …`. */
export function columnConstraints(def: ColumnDefinition): ColumnConstraint[] {
  return def.constraints.map((c) => (c.type === 'constraint' ? c.constraint : c));
}

/** The DEFAULT expression of a column definition, if any. */
export function defaultOf(def: ColumnDefinition): Expr | undefined {
  const d = columnConstraints(def).find((c) => c.type === 'constraint_default');
  return d?.type === 'constraint_default' ? d.expr : undefined;
}

/** Whether an expression is NULL (through parentheses). */
export function isNull(e: Expr | Node | undefined): boolean {
  if (!e) return false;
  if (e.type === 'paren_expr') return isNull(e.expr);
  return e.type === 'null_literal';
}

/**
 * Whether SQLite accepts the DEFAULT on ADD COLUMN over existing rows: a literal, or a
 * signed number, optionally in parentheses (checked on SQLite 3.53: `(1+2)`,
 * CURRENT_TIMESTAMP and function calls are "non-constant").
 */
export function isConstantDefault(e: Expr | Node): boolean {
  if (e.type === 'paren_expr') return isConstantDefault(e.expr);
  if (e.type === 'prefix_op_expr') return (e.operator === '-' || e.operator === '+') && e.expr.type === 'number_literal';
  return ['number_literal', 'string_literal', 'null_literal', 'boolean_literal', 'blob_literal'].includes(e.type);
}

/** The value a PRAGMA assigns, unquoted (`OFF`, `1`, `wal`). */
export function pragmaValue(p: PragmaAssignment): string {
  const v = p.value;
  const text = 'text' in v && typeof v.text === 'string' ? v.text : '';
  return text.replace(/^['"]|['"]$/g, '');
}

/** Whether a PRAGMA value turns a boolean setting on (`ON`, `1`, `true`, `yes`). */
export function pragmaOn(value: string): boolean {
  return ['on', '1', 'true', 'yes'].includes(value.toLowerCase());
}
