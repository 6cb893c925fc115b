// Which ALTER COLUMN … TYPE changes are metadata-only. Every claim below was
// checked on PostgreSQL 15.18 and 18.6 (PGlite) by comparing the table's
// pg_class.relfilenode before and after the ALTER:
//   no rewrite: varchar(n)→varchar(m≥n), varchar(n)→varchar, varchar↔text,
//     text→bpchar, numeric(p,s)→numeric(q≥p,s), numeric(p,s)→numeric,
//     varbit(n)→varbit(m≥n), timestamp(p)/timestamptz(p)/time(p)→(q≥p) or no
//     precision, interval(p)→interval, cidr→inet, int4↔oid, regclass→oid,
//     timestamp↔timestamptz only when the session TimeZone is UTC (PG 12+);
//   rewrite: every int/float widening (int→bigint, smallint→int, real→double),
//     any narrowing (varchar(20)→varchar(10), text→varchar(10), varchar→varchar(10),
//     numeric→numeric(p,s), numeric scale change), char(n)→anything, bpchar→text,
//     inet→cidr, json↔jsonb, uuid→text, int→text, arrays of anything
//     (varchar(10)[]→varchar(20)[] rewrites too), domains with constraints.

import type { LintContext } from './context';
import { alterCommands, as, bareName, isArrayType, str, typeMods, typeNameOf } from '../sql/ast';
import type { Node } from '../sql/nodes';
import type { pg } from '../sql/nodes';

export interface ColumnType {
  /** Normalized name without pg_catalog (`int4`, `varchar`, `public.citext`). */
  name: string;
  mods: number[];
  array: boolean;
}

/** A TypeName node as a ColumnType. */
export function columnType(typeName: pg.TypeName | undefined): ColumnType {
  return { name: typeNameOf(typeName), mods: typeMods(typeName), array: isArrayType(typeName) };
}

/** How Postgres applies a type change: in the catalog only, by rewriting, or metadata-only only when TimeZone is UTC. */
export type TypeChange = 'metadata' | 'rewrite' | 'metadata-if-utc';

const PRECISION_TYPES = new Set(['timestamp', 'timestamptz', 'time']);

/** Whether `to` accepts every value of `from` unchanged within one length-limited family (no mods = unlimited). */
function widens(from: number | undefined, to: number | undefined): boolean {
  if (to === undefined) return true;
  return from !== undefined && to >= from;
}

/** Classify a change of a column's type from `from` to `to` (pgVersion: the target server's major version). */
export function classifyTypeChange(from: ColumnType, to: ColumnType, pgVersion: number): TypeChange {
  const same = from.name === to.name && from.array === to.array && from.mods.join(',') === to.mods.join(',');
  if (same) return 'metadata';
  if (from.array || to.array) return 'rewrite';
  const f = from.name;
  const t = to.name;
  if ((f === 'varchar' || f === 'text') && (t === 'text' || (t === 'varchar' && to.mods.length === 0))) return 'metadata';
  if (f === 'varchar' && t === 'varchar') return widens(from.mods[0], to.mods[0]) ? 'metadata' : 'rewrite';
  if (f === 'text' && t === 'bpchar' && to.mods.length === 0) return 'metadata';
  if (f === 'numeric' && t === 'numeric') {
    if (to.mods.length === 0) return 'metadata';
    if (from.mods.length === 0) return 'rewrite';
    const sameScale = (from.mods[1] ?? 0) === (to.mods[1] ?? 0);
    return sameScale && to.mods[0] >= from.mods[0] ? 'metadata' : 'rewrite';
  }
  if (f === 'varbit' && t === 'varbit') return widens(from.mods[0], to.mods[0]) ? 'metadata' : 'rewrite';
  if (PRECISION_TYPES.has(f) && f === t) return widens(from.mods[0] ?? 6, to.mods[0]) ? 'metadata' : 'rewrite';
  if (f === 'interval' && t === 'interval' && to.mods.length === 0) return 'metadata';
  if (f === 'cidr' && t === 'inet') return 'metadata';
  if ((f === 'int4' && t === 'oid') || (t === 'int4' && f === 'oid') || (f.startsWith('reg') && t === 'oid')) return 'metadata';
  if ((f === 'timestamp' && t === 'timestamptz') || (f === 'timestamptz' && t === 'timestamp')) {
    if (pgVersion < 12) return 'rewrite';
    return widens(from.mods[0] ?? 6, to.mods[0]) ? 'metadata-if-utc' : 'rewrite';
  }
  return 'rewrite';
}

/**
 * Target types that are a metadata-only change from at least one source type of
 * their own family (varchar widening, numeric precision, …). When the column's
 * current type is not visible, a change to one of these is most often that
 * widening, so rules give it the benefit of the doubt.
 */
export function mayBeWidening(to: ColumnType): boolean {
  if (to.array) return false;
  return ['text', 'varchar', 'numeric', 'varbit', 'inet'].includes(to.name);
}

const DISPLAY_NAMES: Record<string, string> = { int2: 'smallint', int4: 'integer', int8: 'bigint', float4: 'real', float8: 'double precision', bool: 'boolean', bpchar: 'char', varbit: 'bit varying' };

/** The display form of a column type as people write it (`varchar(20)`, `bigint`, `numeric(10,2)[]`). */
export function formatType(t: ColumnType): string {
  const mods = t.mods.length && t.name !== 'interval' ? `(${t.mods.join(',')})` : '';
  return `${DISPLAY_NAMES[t.name] ?? t.name}${mods}${t.array ? '[]' : ''}`;
}

/**
 * The type `table.column` has just before the current statement, as far as the
 * earlier statements of this file show it (CREATE TABLE, ADD COLUMN, ALTER TYPE).
 * Undefined when the column was defined outside this file.
 */
export function columnTypeBefore(ctx: LintContext, table: string, column: string): ColumnType | undefined {
  const tbl = bareName(table);
  const col = column.toLowerCase();
  let known: ColumnType | undefined;
  for (const st of ctx.statements.slice(0, ctx.index)) {
    if (st.embedded?.in === 'function') continue; // runs when called, not during the migration
    if (st.kind === 'CreateStmt' && bareName(st.node.relation?.relname) === tbl) {
      known = undefined;
      for (const el of st.node.tableElts ?? []) {
        const def = as(el, 'ColumnDef');
        if (def?.colname?.toLowerCase() === col) known = columnType(def.typeName);
      }
    } else if (st.kind === 'AlterTableStmt' && bareName(st.node.relation?.relname) === tbl) {
      for (const cmd of alterCommands(st.node)) {
        const def = as(cmd.def, 'ColumnDef');
        if (cmd.subtype === 'AT_AddColumn' && def?.colname?.toLowerCase() === col) known = columnType(def.typeName);
        if (cmd.subtype === 'AT_AlterColumnType' && cmd.name?.toLowerCase() === col && def?.typeName) known = columnType(def.typeName);
        if (cmd.subtype === 'AT_DropColumn' && cmd.name?.toLowerCase() === col) known = undefined;
      }
    }
  }
  return known;
}

/** Whether a `SET [LOCAL] timezone = 'UTC'` (or an alias of UTC) ran earlier in the file and still applies. */
export function timeZoneIsUtcBefore(ctx: LintContext): boolean {
  let utc = false;
  for (const st of ctx.statements.slice(0, ctx.index)) {
    if (st.embedded?.in === 'function') continue; // runs when called, not during the migration
    if (st.kind !== 'VariableSetStmt') continue;
    if (st.node.kind === 'VAR_RESET_ALL') utc = false;
    if (String(st.node.name ?? '').toLowerCase() !== 'timezone') continue;
    const v = as(st.node.args?.[0], 'A_Const')?.sval?.sval;
    utc = st.node.kind === 'VAR_SET_VALUE' && /^(utc|etc\/utc|gmt|etc\/gmt|z|zulu|universal|etc\/universal)$/i.test(String(v ?? ''));
  }
  return utc;
}

/**
 * Whether a USING expression only passes the column through (`USING c`,
 * `USING c::text`): then Postgres can still skip the rewrite for a
 * binary-compatible change.
 */
export function isTrivialUsing(expr: Node | undefined, column: string): boolean {
  if (!expr) return true;
  let e: Node | undefined = expr;
  for (let cast = as(e, 'TypeCast'); cast; cast = as(e, 'TypeCast')) e = cast.arg;
  const fields = as(e, 'ColumnRef')?.fields ?? [];
  return fields.length > 0 && str(fields[fields.length - 1])?.toLowerCase() === column.toLowerCase();
}
