// Column definitions a statement creates or retypes, and what their built-in
// type is. One walk shared by the schema-design rules (prefer-bigint,
// prefer-identity, prefer-text, prefer-timestamptz, prefer-jsonb,
// using-char-type), so each rule is a single predicate.

import type { Statement } from '../types';
import { alterCommands, as, columnConstraints, isArrayType, relationName, str, typeMods } from '../sql/ast';
import type { pg } from '../sql/nodes';

export interface ColumnType {
  /** Table as written (`app.users`). */
  table: string;
  column: string;
  /** How the column gets this type. */
  via: 'create-table' | 'add-column' | 'alter-type';
  /** Built-in type name without `pg_catalog.` (`int4`, `varchar`, `serial`), or undefined for a user-schema type. */
  builtin: string | undefined;
  /** Integer type modifiers (`varchar(20)` → [20]). */
  mods: number[];
  array: boolean;
  /** The ColumnDef body (its constraints), when there is one. */
  def: pg.ColumnDef | undefined;
}

/** Built-in name of a TypeName: unqualified or `pg_catalog.`-qualified, as written by the parser (`int` → `int4`). */
function builtinName(typeName: pg.TypeName | undefined): string | undefined {
  const names = (typeName?.names ?? []).map((n) => str(n) ?? '');
  if (names.length === 1) return names[0];
  if (names.length === 2 && names[0] === 'pg_catalog') return names[1];
  return undefined;
}

function fromDef(table: string, def: pg.ColumnDef | undefined, via: ColumnType['via'], column = def?.colname): ColumnType | undefined {
  if (!def?.typeName || !column) return undefined;
  return { table, column, via, builtin: builtinName(def.typeName), mods: typeMods(def.typeName), array: isArrayType(def.typeName), def };
}

/** Columns the statement defines with a type: CREATE TABLE columns, ADD COLUMN, ALTER COLUMN … TYPE. */
export function columnTypes(statement: Statement): ColumnType[] {
  const out: (ColumnType | undefined)[] = [];
  if (statement.kind === 'CreateStmt') {
    const table = relationName(statement.node.relation) ?? '';
    for (const el of statement.node.tableElts ?? []) out.push(fromDef(table, as(el, 'ColumnDef'), 'create-table'));
  } else if (statement.kind === 'AlterTableStmt' && (statement.node.objtype === 'OBJECT_TABLE' || statement.node.objtype === 'OBJECT_FOREIGN_TABLE')) {
    const table = relationName(statement.node.relation) ?? '';
    for (const cmd of alterCommands(statement.node)) {
      if (cmd.subtype === 'AT_AddColumn') out.push(fromDef(table, as(cmd.def, 'ColumnDef'), 'add-column'));
      if (cmd.subtype === 'AT_AlterColumnType') out.push(fromDef(table, as(cmd.def, 'ColumnDef'), 'alter-type', cmd.name));
    }
  }
  return out.filter((c): c is ColumnType => !!c);
}

/** serial family → the integer type it stands for. */
export const SERIAL_TYPES: Record<string, 'int2' | 'int4' | 'int8'> = {
  smallserial: 'int2',
  serial2: 'int2',
  serial: 'int4',
  serial4: 'int4',
  bigserial: 'int8',
  serial8: 'int8',
};

/** Bits of a 16/32-bit integer type (serials included), else undefined. */
export function smallIntegerBits(c: ColumnType): 16 | 32 | undefined {
  const t = c.builtin ? (SERIAL_TYPES[c.builtin] ?? c.builtin) : undefined;
  if (t === 'int2') return 16;
  if (t === 'int4') return 32;
  return undefined;
}

/** Whether the column is an identity column or a primary key (values that only grow). */
export function isKeyLike(c: ColumnType): boolean {
  if (c.builtin && SERIAL_TYPES[c.builtin]) return true;
  return columnConstraints(c.def).some((k) => k.contype === 'CONSTR_IDENTITY' || k.contype === 'CONSTR_PRIMARY' || k.contype === 'CONSTR_FOREIGN');
}

/** `users.id`, for messages. */
export function columnLabel(c: ColumnType): string {
  return `${c.table}.${c.column}`;
}
