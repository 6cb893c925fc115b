// Small, named questions about libpg_query AST nodes, so rules read as prose.
// Nodes are the JSON libpg_query produces: a wrapper `{ Kind: body }` or a body,
// typed from @pgsql/types (src/sql/nodes.ts). Keep every helper total: unknown
// shapes answer undefined/false, never throw.

import type { Node, NodeKind, NodeOf, pg, StatementKind, StatementNode } from './nodes';
import type { Statement } from '../types';

/** A node or body of unknown shape: only its own keys are read. */
type Loose = Readonly<Record<string, unknown>> | null | undefined;

/** The body of a wrapped node, if it has the given kind. */
export function as<K extends NodeKind>(node: unknown, kind: K): NodeOf<K> | undefined {
  return node && typeof node === 'object' ? ((node as Loose)?.[kind] as NodeOf<K> | undefined) : undefined;
}

/** String value of a `{ String: { sval } }` node (or of a bare String body). */
export function str(node: unknown): string | undefined {
  return as(node, 'String')?.sval ?? ((node as Loose)?.sval as string | undefined);
}

/** Dotted name from a list of String nodes (`['public','users']` → `public.users`). */
export function nameOf(list: readonly Node[] | undefined): string {
  return (list ?? []).map((n) => str(n) ?? '').join('.');
}

/** Qualified name of a RangeVar (`schema.table` or `table`). */
export function relationName(rv: pg.RangeVar | undefined | null): string | undefined {
  if (!rv?.relname) return undefined;
  return rv.schemaname ? `${rv.schemaname}.${rv.relname}` : rv.relname;
}

/** Lower-cased table name without schema, for set lookups. */
export function bareName(name: string | undefined | null): string {
  if (!name) return '';
  const parts = name.split('.');
  return parts[parts.length - 1].toLowerCase();
}

/** Type name of a TypeName node without `pg_catalog.` (e.g. `int4`, `varchar`, `timestamptz`). */
export function typeNameOf(typeName: pg.TypeName | undefined): string {
  const names = (typeName?.names ?? []).map((n) => str(n) ?? '');
  const filtered = names[0] === 'pg_catalog' && names.length > 1 ? names.slice(1) : names;
  return filtered.join('.').toLowerCase();
}

/** Integer type modifiers of a TypeName (`varchar(20)` → [20], `numeric(10,2)` → [10, 2]). */
export function typeMods(typeName: pg.TypeName | undefined): number[] {
  return (typeName?.typmods ?? [])
    .map((m) => {
      const c = as(m, 'A_Const');
      return c?.ival?.ival ?? (c?.ival ? 0 : undefined);
    })
    .filter((v): v is number => typeof v === 'number');
}

/** Whether a TypeName is an array type. */
export function isArrayType(typeName: pg.TypeName | undefined): boolean {
  return Array.isArray(typeName?.arrayBounds) && typeName.arrayBounds.length > 0;
}

/** The `AlterTableCmd` bodies of an AlterTableStmt. */
export function alterCommands(stmt: pg.AlterTableStmt | undefined): pg.AlterTableCmd[] {
  return (stmt?.cmds ?? []).map((c) => as(c, 'AlterTableCmd')).filter((c): c is pg.AlterTableCmd => !!c);
}

/** The ALTER TABLE commands that `statements[from, to)` run on `table` (its name compared as the parser folded it: "Orders" is not orders). */
export function alterCommandsOn(statements: readonly Statement[], table: string, from = 0, to = statements.length): pg.AlterTableCmd[] {
  return statements.slice(from, to).flatMap((s) => (s.kind === 'AlterTableStmt' && relationName(s.node.relation) === table ? alterCommands(s.node) : []));
}

/** The `AlterTableCmd` bodies of a statement: none unless it is an ALTER TABLE. */
export function alterCommandsOf(statement: Statement): pg.AlterTableCmd[] {
  return statement.kind === 'AlterTableStmt' ? alterCommands(statement.node) : [];
}

/** The `Constraint` bodies attached to a ColumnDef. */
export function columnConstraints(columnDef: pg.ColumnDef | undefined): pg.Constraint[] {
  return (columnDef?.constraints ?? []).map((c) => as(c, 'Constraint')).filter((c): c is pg.Constraint => !!c);
}

/** Value of a DefElem option in a list (`WITH (...)`, function options), by name: its argument, or true when it has none. */
export function option(options: readonly Node[] | undefined, name: string): Node | true | undefined {
  for (const o of options ?? []) {
    const d = as(o, 'DefElem');
    if (d?.defname === name) return d.arg ?? true;
  }
  return undefined;
}

/**
 * Depth-first walk over every object in a node tree; `visit` returning false skips children.
 * Only wrapped nodes (`{ FuncCall: {...} }`) are visited, with their kind and body (read a
 * body typed through `nodesOf`, or `as(node, kind)` on the wrapper); fields typed in the
 * Postgres structs hold bare bodies (IndexStmt.relation is a RangeVar body, CallStmt.funccall
 * a FuncCall body): they are walked into, but not visited as their kind. Nothing is allocated
 * per node: rules walk every statement.
 */
export function walk(tree: unknown, visit: (kind: NodeKind, body: object) => boolean | void): void {
  if (Array.isArray(tree)) {
    for (const n of tree) walk(n, visit);
    return;
  }
  if (!tree || typeof tree !== 'object') return;
  for (const [key, value] of Object.entries(tree as Record<string, unknown>)) {
    if (/^[A-Z]/.test(key) && value && typeof value === 'object' && !Array.isArray(value)) {
      if (visit(key as NodeKind, value) === false) continue;
    }
    walk(value, visit);
  }
}

/** Every node of one kind in a tree, in walk order (bodies). */
export function nodesOf<K extends NodeKind>(tree: unknown, kind: K): NodeOf<K>[] {
  const out: NodeOf<K>[] = [];
  walk(tree, (k, body) => {
    if (k === kind) out.push(body as NodeOf<K>);
  });
  return out;
}

/** Dotted function name of a FuncCall (`pg_catalog.now`). */
export function funcName(call: pg.FuncCall | undefined): string {
  return nameOf(call?.funcname);
}

/** Qualified names a DropStmt removes (`DROP TABLE a, s.b` → [`a`, `s.b`]; types and schemas too). */
export function droppedNames(dropStmt: pg.DropStmt | undefined): string[] {
  return (dropStmt?.objects ?? [])
    .map((o) => {
      const list = as(o, 'List');
      if (list) return nameOf(list.items);
      const type = as(o, 'TypeName');
      if (type) return nameOf(type.names);
      return str(o) ?? '';
    })
    .filter((s) => s.length > 0);
}

/** The statement's node if it is of the given kind. */
export function nodeOf<K extends StatementKind>(statement: StatementNode, kind: K): NodeOf<K> | undefined {
  return statement.kind === kind ? (statement.node as NodeOf<K>) : undefined;
}

/** The target RangeVar of a data-modifying statement (UPDATE, DELETE, INSERT, MERGE). */
export function dmlTarget(statement: Statement): pg.RangeVar | undefined {
  switch (statement.kind) {
    case 'UpdateStmt':
    case 'DeleteStmt':
    case 'InsertStmt':
    case 'MergeStmt':
      return statement.node.relation;
    default:
      return undefined;
  }
}
