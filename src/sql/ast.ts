// Small, named questions about libpg_query AST nodes, so rules read as prose.
// Nodes are the JSON libpg_query produces: a wrapper `{ Kind: body }` or a body.
// Keep every helper total: unknown shapes answer undefined/false, never throw.

/** The kind of a wrapped node (`{ ColumnDef: {...} }` → `ColumnDef`). */
export function kindOf(node: any): string | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const keys = Object.keys(node);
  return keys.length === 1 && /^[A-Z]/.test(keys[0]!) ? keys[0] : undefined;
}

/** The body of a wrapped node, if it has the given kind. */
export function as(node: any, kind: string): any | undefined {
  return node && typeof node === 'object' ? node[kind] : undefined;
}

/** String value of a `{ String: { sval } }` node. */
export function str(node: any): string | undefined {
  return node?.String?.sval ?? node?.sval;
}

/** Dotted name from a list of String nodes (`['public','users']` → `public.users`). */
export function nameOf(list: any[] | undefined): string {
  return (list ?? []).map((n) => str(n) ?? '').join('.');
}

/** Qualified name of a RangeVar (`schema.table` or `table`). */
export function relationName(rv: any): string | undefined {
  if (!rv?.relname) return undefined;
  return rv.schemaname ? `${rv.schemaname}.${rv.relname}` : rv.relname;
}

/** Lower-cased table name without schema, for set lookups. */
export function bareName(name: string | undefined | null): string {
  if (!name) return '';
  const parts = name.split('.');
  return parts[parts.length - 1]!.toLowerCase();
}

/** Type name of a TypeName node without `pg_catalog.` (e.g. `int4`, `varchar`, `timestamptz`). */
export function typeNameOf(typeName: any): string {
  const names = (typeName?.names ?? []).map((n: any) => str(n) ?? '');
  const filtered = names[0] === 'pg_catalog' && names.length > 1 ? names.slice(1) : names;
  return filtered.join('.').toLowerCase();
}

/** Integer type modifiers of a TypeName (`varchar(20)` → [20], `numeric(10,2)` → [10, 2]). */
export function typeMods(typeName: any): number[] {
  return (typeName?.typmods ?? [])
    .map((m: any) => m?.A_Const?.ival?.ival ?? (m?.A_Const?.ival ? 0 : undefined))
    .filter((v: unknown): v is number => typeof v === 'number');
}

/** Whether a TypeName is an array type. */
export function isArrayType(typeName: any): boolean {
  return Array.isArray(typeName?.arrayBounds) && typeName.arrayBounds.length > 0;
}

/** The `AlterTableCmd` bodies of an AlterTableStmt. */
export function alterCommands(stmt: any): any[] {
  return (stmt?.cmds ?? []).map((c: any) => c?.AlterTableCmd).filter(Boolean);
}

/** The `Constraint` bodies attached to a ColumnDef. */
export function columnConstraints(columnDef: any): any[] {
  return (columnDef?.constraints ?? []).map((c: any) => c?.Constraint).filter(Boolean);
}

/** Whether a ColumnDef has a constraint of the given contype (e.g. `CONSTR_NOTNULL`). */
export function hasConstraint(columnDef: any, contype: string): boolean {
  return columnConstraints(columnDef).some((c) => c.contype === contype);
}

/** Value of a DefElem option in a list (`WITH (...)`, function options), by name. */
export function option(options: any[] | undefined, name: string): any | undefined {
  for (const o of options ?? []) {
    const d = o?.DefElem;
    if (d?.defname === name) return d.arg ?? true;
  }
  return undefined;
}

/**
 * Depth-first walk over every object in a node tree; `visit` returning false skips children.
 * Only wrapped nodes (`{ FuncCall: {...} }`) are visited by kind: fields typed in the
 * Postgres structs hold bare bodies (IndexStmt.relation is a RangeVar body, CallStmt.funccall
 * a FuncCall body); they are walked into, but not visited as their kind.
 */
export function walk(node: any, visit: (kind: string, body: any) => boolean | void): void {
  if (Array.isArray(node)) {
    for (const n of node) walk(n, visit);
    return;
  }
  if (!node || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if (/^[A-Z]/.test(key) && value && typeof value === 'object' && !Array.isArray(value)) {
      if (visit(key, value) === false) continue;
    }
    walk(value, visit);
  }
}

/** Qualified names a DropStmt removes (`DROP TABLE a, s.b` → [`a`, `s.b`]; types and schemas too). */
export function droppedNames(dropStmt: any): string[] {
  return (dropStmt?.objects ?? [])
    .map((o: any) => {
      if (o?.List) return nameOf(o.List.items);
      if (o?.TypeName) return nameOf(o.TypeName.names);
      return str(o) ?? '';
    })
    .filter((s: string) => s.length > 0);
}

/** The target RangeVar of a data-modifying statement (UPDATE, DELETE, INSERT, MERGE), by Statement kind. */
export function dmlTarget(kind: string, node: any): any | undefined {
  return ['UpdateStmt', 'DeleteStmt', 'InsertStmt', 'MergeStmt'].includes(kind) ? node?.relation : undefined;
}
