// Synthetic rows for existing tables, so each migration meets a database with
// data, as it will in production. Every empty user table is filled with N rows
// whose values fit the column types, NOT NULLs, defaults, uniques, simple
// `col IN (…)` checks and foreign keys (parents first). A table that still
// refuses the rows (a CHECK we cannot satisfy, a trigger, a partition missing)
// is named with Postgres's reason, never fatal.
//
// Longer than most modules because planning the rows is one algorithm: values, uniques,
// checks and foreign-key order decide together, on one shared picture of the tables.

import type { Database } from './databases/types';
import { queryPrepared } from './prepared';

interface SeedColumn {
  name: string;
  /** format_type of the column, used for casts. */
  type: string;
  /** Base type name (domains resolved), e.g. `int4`, `_text`. */
  base: string;
  /** Base type's category (pg_type.typcategory). */
  category: string;
  /** For arrays: the element type's name and category. */
  elem: string | null;
  elemCategory: string | null;
  isEnum: boolean;
  /** For arrays of enums: the element type, formatted. */
  elemType: string | null;
  elemIsEnum: boolean;
  typmod: number;
  notNull: boolean;
  defaultExpr: string | null;
  identity: boolean;
  generated: boolean;
  unique: boolean;
  /** Literal values allowed by a `col = ANY (ARRAY[…])` / `col IN (…)` check. */
  allowed: string[] | null;
}

interface SeedForeignKey {
  columns: string[];
  parent: number;
  parentColumns: string[];
  /**
   * Not a constraint (yet): the column names make the pair clear (`crate_id` → `crates.id`).
   * Rows then reference real parent keys, so a foreign key added later does not fail on our data;
   * with an empty parent the column gets ordinary values.
   */
  guessed?: boolean;
}

interface SeedTable {
  oid: number;
  name: string;
  columns: SeedColumn[];
  fks: SeedForeignKey[];
  checks: string[];
  /** Constraint or unique index name → its columns, to find which column a violation is about. */
  constraintColumns: Map<string, string[]>;
  /** A parent outside the tables asked about: known by name only, never seeded here. */
  stub?: boolean;
  rows: number;
}

/** Result of one seeding pass. */
export interface SeedResult {
  /** Rows inserted now, by table. */
  seeded: Map<string, number>;
  /** Tables still empty, with why. */
  unseeded: Map<string, string>;
  /** Rows known in each user table after seeding: the count seeded, 1 for "some", 0 for none. */
  rows: Map<string, number>;
}

/** Remembers tables that refused rows, by shape, so they are not retried each migration. */
export type SeedMemory = Map<string, string>;

// Flat rows (one per table, column, foreign key, check) rather than nested
// aggregates: correlated subqueries over the catalogs are slow on PGlite.
const TABLES_SQL = `
WITH t AS (
  SELECT c.oid, pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname) AS name
  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE c.oid >= 16384 AND c.relkind IN ('r', 'p') AND NOT c.relispartition
    AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'
    AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = 'pg_catalog.pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')
    AND ($1::text[] IS NULL OR pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname) = ANY($1::text[]))
),
uniq AS (
  SELECT DISTINCT ix.indrelid, k.attnum
  FROM pg_catalog.pg_index ix CROSS JOIN LATERAL unnest(ix.indkey::int2[]) AS k(attnum)
  WHERE ix.indisunique AND ix.indrelid >= 16384
)
SELECT 't' AS k, t.oid::int8 AS oid, 0 AS n, jsonb_build_object('name', t.name) AS d FROM t
UNION ALL
SELECT 'c', t.oid::int8, a.attnum, jsonb_build_object(
    'name', a.attname, 'type', pg_catalog.format_type(a.atttypid, a.atttypmod),
    'base', bt.typname, 'category', bt.typcategory::text,
    'elem', et.typname, 'elemCategory', et.typcategory::text, 'elemType', pg_catalog.format_type(et.oid, NULL), 'elemIsEnum', et.typtype = 'e',
    'isEnum', bt.typtype = 'e', 'typmod', CASE WHEN ty.typtype = 'd' THEN ty.typtypmod ELSE a.atttypmod END,
    'notNull', a.attnotnull OR (ty.typtype = 'd' AND ty.typnotnull),
    'defaultExpr', pg_catalog.pg_get_expr(d.adbin, d.adrelid),
    'identity', a.attidentity <> '', 'generated', a.attgenerated <> '',
    'unique', u.attnum IS NOT NULL)
  FROM t JOIN pg_catalog.pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped
  JOIN pg_catalog.pg_type ty ON ty.oid = a.atttypid
  JOIN pg_catalog.pg_type bt ON bt.oid = (CASE WHEN ty.typtype = 'd' THEN ty.typbasetype ELSE ty.oid END)
  LEFT JOIN pg_catalog.pg_type et ON et.oid = bt.typelem AND bt.typcategory = 'A'
  LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
  LEFT JOIN uniq u ON u.indrelid = a.attrelid AND u.attnum = a.attnum
UNION ALL
SELECT 'f', t.oid::int8, 0, jsonb_build_object('parent', con.confrelid::int8, 'parentName', (SELECT pg_catalog.quote_ident(pn.nspname) || '.' || pg_catalog.quote_ident(pc.relname) FROM pg_catalog.pg_class pc JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace WHERE pc.oid = con.confrelid),
    'columns', (SELECT jsonb_agg(a.attname ORDER BY k.i) FROM unnest(con.conkey) WITH ORDINALITY k(n, i) JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n),
    'parentColumns', (SELECT jsonb_agg(a.attname ORDER BY k.i) FROM unnest(con.confkey) WITH ORDINALITY k(n, i) JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n))
  FROM t JOIN pg_catalog.pg_constraint con ON con.conrelid = t.oid AND con.contype = 'f'
UNION ALL
SELECT 'k', t.oid::int8, 0, jsonb_build_object('def', pg_catalog.pg_get_constraintdef(con.oid))
  FROM t JOIN pg_catalog.pg_constraint con ON con.conrelid = t.oid AND con.contype = 'c'
UNION ALL
SELECT 'n', t.oid::int8, 0, jsonb_build_object('name', ic.relname,
    'columns', (SELECT jsonb_agg(a.attname) FROM pg_catalog.pg_attribute a WHERE a.attrelid = t.oid AND a.attnum = ANY(ix.indkey::int2[])))
  FROM t JOIN pg_catalog.pg_index ix ON ix.indrelid = t.oid AND ix.indisunique JOIN pg_catalog.pg_class ic ON ic.oid = ix.indexrelid
UNION ALL
SELECT 'n', t.oid::int8, 0, jsonb_build_object('name', con.conname,
    'columns', (SELECT jsonb_agg(a.attname) FROM pg_catalog.pg_attribute a WHERE a.attrelid = t.oid AND a.attnum = ANY(con.conkey)))
  FROM t JOIN pg_catalog.pg_constraint con ON con.conrelid = t.oid AND con.contype IN ('c', 'x')
`;

function parseJson<T>(v: unknown): T {
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}

const quoteIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;
const quoteLiteral = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The user tables with what seeding needs to know, and whether each has rows. */
async function readTables(db: Database, known: Map<string, boolean> = new Map(), only?: string[]): Promise<SeedTable[]> {
  const arg = only ? `ARRAY[${only.map(quoteLiteral).join(', ')}]::text[]` : 'NULL::text[]';
  const rows = await queryPrepared<{ k: string; oid: number | string; n: number; d: unknown }>(db, 'migration_guard_seed_tables', TABLES_SQL, [arg], ['text[]']);
  const byOid = new Map<number, SeedTable>();
  const cols: { oid: number; n: number; c: Omit<SeedColumn, 'allowed'> }[] = [];
  for (const r of rows) {
    const oid = Number(r.oid);
    // The row's JSON is shaped by its kind (TABLES_SQL): read as such.
    const d = parseJson<Record<string, unknown>>(r.d);
    if (r.k === 't') byOid.set(oid, { oid, name: String(d.name), columns: [], fks: [], checks: [], constraintColumns: new Map(), rows: 0 });
    else if (r.k === 'n') byOid.get(oid)?.constraintColumns.set(String(d.name), (d.columns ?? []) as string[]);
    else if (r.k === 'c') cols.push({ oid, n: Number(r.n), c: d as unknown as Omit<SeedColumn, 'allowed'> });
    else if (r.k === 'f') byOid.get(oid)?.fks.push(d as unknown as SeedForeignKey);
    else if (r.k === 'k') byOid.get(oid)?.checks.push(String(d.def));
  }
  // Parents outside `only`: their name and whether they have rows is all seeding needs.
  for (const t of [...byOid.values()]) {
    for (const fk of t.fks) {
      if (byOid.has(fk.parent)) continue;
      const name = (fk as SeedForeignKey & { parentName?: string }).parentName ?? String(fk.parent);
      byOid.set(fk.parent, { oid: fk.parent, name, columns: [], fks: [], checks: [], constraintColumns: new Map(), rows: 0, stub: true });
    }
  }
  cols.sort((a, b) => a.oid - b.oid || a.n - b.n);
  for (const { oid, c } of cols) {
    const t = byOid.get(oid);
    if (t) t.columns.push({ ...c, allowed: allowedValues(c.name, t.checks) });
  }
  const tables = [...byOid.values()];
  const unknown = tables.filter((t) => !known.has(t.name));
  for (const t of tables) t.rows = known.get(t.name) ? 1 : 0;
  if (unknown.length) {
    // Whether each table has rows; parents' counts are taken by the INSERT itself.
    const counts = await db.query<{ oid: number | string; n: boolean }>(unknown.map((t) => `SELECT ${t.oid}::int8 AS oid, EXISTS (SELECT 1 FROM ${t.name}) AS n`).join('\nUNION ALL\n'));
    const has = new Map(counts.rows.map((r) => [Number(r.oid), r.n === true || (r.n as unknown) === 't']));
    for (const t of unknown) t.rows = has.get(t.oid) ? 1 : 0;
  }
  return tables;
}

/** Literals a simple check allows for a column: `CHECK ((status = ANY (ARRAY['a'::text, 'b'::text])))` or `status = 'a'`. */
function allowedValues(column: string, checks: string[]): string[] | null {
  const col = `(?:"${column.replace(/"/g, '""').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"|${column.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})`;
  for (const def of checks) {
    const any = new RegExp(`\\(+${col}\\)?(?:::[\\w ]+)?\\s*=\\s*ANY\\s*\\(\\(?ARRAY\\[(.*?)\\]`, 'i').exec(def);
    const list = any?.[1];
    if (list) {
      const lits = [...list.matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1].replace(/''/g, "'"));
      if (lits.length) return lits;
    }
    const eq = new RegExp(`^CHECK \\(+${col}(?:::[\\w ]+)?\\s*=\\s*'((?:[^']|'')*)'`, 'i').exec(def);
    if (eq) return [eq[1].replace(/''/g, "'")];
  }
  return null;
}

/** Max length of a character type from its typmod, or undefined. */
function charLength(c: { base: string; typmod: number }): number | undefined {
  if (['varchar', 'bpchar'].includes(c.base) && c.typmod > 4) return c.typmod - 4;
  return undefined;
}

/** A SQL expression of `g` (1..N) for one value of a scalar type, or undefined when we have none. */
function scalarValue(base: string, category: string, type: string, typmod: number, isEnum: boolean, salt: string, style: TextStyle): string | undefined {
  if (isEnum) return `(pg_catalog.enum_range(NULL::${type}))[1 + (g - 1) % pg_catalog.array_length(pg_catalog.enum_range(NULL::${type}), 1)]`;
  switch (base) {
    case 'bool':
      return '(g % 2 = 0)';
    case 'int2':
    case 'int4':
    case 'int8':
    case 'float4':
    case 'float8':
    case 'oid':
      return `g::${type}`;
    case 'numeric': {
      if (typmod > 4) {
        const p = ((typmod - 4) >> 16) & 0xffff;
        const s = (typmod - 4) & 0xffff;
        const digits = p - s;
        return digits <= 0 ? `0::${type}` : `(g % ${10 ** Math.min(digits, 9)})::${type}`;
      }
      return `g::${type}`;
    }
    case 'money':
      return `g::numeric::money`;
    case 'uuid':
      return `pg_catalog.md5('${salt}' || g)::uuid`;
    case 'json':
    case 'jsonb':
      return `pg_catalog.jsonb_build_object('seed', g)::${type}`;
    case 'date':
      // Recent dates and times: tables partitioned by time usually have partitions around now.
      return `(current_date - g % 7)`;
    case 'timestamp':
    case 'timestamptz':
      return `(now() - g * interval '1 second')::${type}`;
    case 'time':
    case 'timetz':
      return `(time '00:00' + g * interval '1 second')::${type}`;
    case 'interval':
      return `(g * interval '1 minute')`;
    case 'bytea':
      return `pg_catalog.convert_to('seed-' || g, 'UTF8')`;
    case 'inet':
    case 'cidr':
      return `('10.0.' || (g / 256) || '.' || (g % 256))::${type}`;
    case 'macaddr':
      return `('08:00:2b:00:' || pg_catalog.lpad(pg_catalog.to_hex(g / 256), 2, '0') || ':' || pg_catalog.lpad(pg_catalog.to_hex(g % 256), 2, '0'))::macaddr`;
    case 'tsvector':
      return `pg_catalog.to_tsvector('simple', 'seed' || g)`;
    case 'xml':
      return `('<seed>' || g || '</seed>')::xml`;
    case 'bit':
      return `g::${type}`;
    case 'varbit':
      return `g::bit(32)::varbit`;
    case 'point':
      return `point(g, g)`;
  }
  if (category === 'S') {
    const len = charLength({ base, typmod });
    const text = style === 'version' ? `(g || '.0.0')` : `('seed-' || g)`;
    return len ? `pg_catalog.left(${text}, ${len})::${type}` : `${text}::${type}`;
  }
  if (category === 'N') return `g::${type}`;
  return undefined;
}

/** A value expression for a column (not a foreign key), or undefined. */
function columnValue(c: SeedColumn, salt: string, style: TextStyle): string | undefined {
  if (c.allowed) return `(ARRAY[${c.allowed.map(quoteLiteral).join(', ')}])[1 + (g - 1) % ${c.allowed.length}]::${c.type}`;
  if (c.category === 'A') {
    if (!c.elem) return `'{}'::${c.type}`;
    const inner = scalarValue(c.elem, c.elemCategory ?? '', c.elemType ?? c.elem, -1, c.elemIsEnum, salt, style);
    return inner ? `ARRAY[${inner}]::${c.type}` : `'{}'::${c.type}`;
  }
  const v = scalarValue(c.base, c.category, c.type, c.typmod, c.isEnum, salt, style);
  // A type we do not know (an extension's: ltree, citext, hstore…): its text input may take a plain word.
  if (v === undefined) return `('seed' || g)::${c.type}`;
  return c.base === c.type.split('(')[0] ? v : `(${v})::${c.type}`;
}

/** A default that yields a new value per row (sequence, uuid, clock) can fill a unique column. */
function defaultVaries(expr: string): boolean {
  return /\(/.test(expr) && !/^'.*'::[\w ."]+$/.test(expr);
}

/** How text values look: `seed-1`, or version-like `1.0.0`. */
type TextStyle = 'plain' | 'version';

interface Plan {
  sql: string;
}

/** The INSERT … SELECT that fills `t` with `n` rows; `nullOptional` leaves nullable columns NULL. */
function planInsert(t: SeedTable, n: number, nullOptional: boolean, byOid: Map<number, SeedTable>, style: TextStyle = 'plain', omit: Set<string> = new Set()): Plan | string {
  const cols: string[] = [];
  const values: string[] = [];
  const joins: string[] = [];
  const fkOf = new Map<string, { fk: SeedForeignKey; index: number; alias: string }>();
  t.fks.forEach((fk, i) => fk.columns.forEach((col, j) => fkOf.set(col, { fk, index: j, alias: `p${i}` })));
  const selfValue = new Map<string, string>();
  for (const c of t.columns) {
    if (c.identity || c.generated || (fkOf.has(c.name) && !fkOf.get(c.name)!.fk.guessed)) continue;
    if (c.defaultExpr !== null && (!c.unique || defaultVaries(c.defaultExpr))) continue;
    const v = columnValue(c, `${t.oid}-`, style); // UUIDs differ between tables, as real ones do
    if (v !== undefined) selfValue.set(c.name, v);
  }
  const usedFks = new Set<number>();
  for (const c of t.columns) {
    if (c.identity || c.generated) continue;
    const entry = fkOf.get(c.name);
    // A guessed pair whose parent has no rows: the column gets ordinary values.
    const fk = entry?.fk.guessed && !byOid.get(entry.fk.parent)?.rows ? undefined : entry;
    if (fk) {
      const fkIndex = t.fks.indexOf(fk.fk);
      if (fk.fk.parent === t.oid) {
        // Self reference: NULL (a root), or the row's own key when the column is required.
        if (!c.notNull) continue;
        const own = selfValue.get(fk.fk.parentColumns[fk.index]);
        if (!own) return `column ${c.name} must reference the table itself and its key has no value we can choose`;
        cols.push(quoteIdent(c.name));
        values.push(own);
        continue;
      }
      const parent = byOid.get(fk.fk.parent);
      if (!parent || parent.rows === 0) {
        if (c.notNull) return `column ${c.name} references ${parent?.name ?? 'a table'} which has no rows`;
        continue;
      }
      if (nullOptional && !c.notNull) continue;
      if (!usedFks.has(fkIndex)) {
        usedFks.add(fkIndex);
        const pcols = fk.fk.parentColumns.map(quoteIdent);
        joins.push(
          `LEFT JOIN (SELECT ${pcols.map((p, k) => `${p} AS k${k}`).join(', ')}, row_number() OVER () AS rn FROM ${parent.name} WHERE ${pcols.map((p) => `${p} IS NOT NULL`).join(' AND ')}) ${fk.alias}` +
            ` ON ${fk.alias}.rn = 1 + (g - 1) % (SELECT GREATEST(1, count(*)) FROM ${parent.name})`,
        );
      }
      cols.push(quoteIdent(c.name));
      values.push(`${fk.alias}.k${fk.index}`);
      continue;
    }
    const v = selfValue.get(c.name);
    if (v === undefined) {
      if (c.defaultExpr !== null || !c.notNull) continue;
      return `no value for column ${c.name} of type ${c.type}`;
    }
    if (nullOptional && !c.notNull && !c.unique) continue;
    if (omit.has(c.name) && !c.notNull) continue;
    cols.push(quoteIdent(c.name));
    values.push(v);
  }
  const target = cols.length ? `${t.name} (${cols.join(', ')})` : t.name;
  const select = cols.length ? `SELECT ${values.join(', ')}` : 'SELECT';
  if (!cols.length) return { sql: `INSERT INTO ${t.name} SELECT FROM pg_catalog.generate_series(1, ${n}) g` + '' };
  return { sql: `INSERT INTO ${target} ${select} FROM pg_catalog.generate_series(1, ${n}) AS s(g) ${joins.join(' ')}` };
}

/** A table's name without schema and quotes, lower-cased: `public."Crates"` → `crates`. */
function bareTable(name: string): string {
  const last = name.match(/(?:"(?:[^"]|"")*"|[^.])+$/)?.[0] ?? name;
  return last.replace(/^"|"$/g, '').replace(/""/g, '"').toLowerCase();
}

/** `crate` for a `crate_id` column; undefined for a column not named like a reference. */
function idStem(column: string): string | undefined {
  return /^(.+)_id$/i.exec(column)?.[1]?.toLowerCase();
}

/** Table names a `<x>_id` column may point to: crates, crate, categories, boxes. */
function parentNames(x: string): string[] {
  return [`${x}s`, x, `${x}es`, ...(x.endsWith('y') ? [`${x.slice(0, -1)}ies`] : [])];
}

/**
 * Tables outside `only` that a `<x>_id` column of the tables read may point to, read with their
 * columns as stubs (never seeded in this pass; their rows are as `known` says), so guessing works
 * when only some tables are looked at again.
 */
async function guessableParents(db: Database, tables: SeedTable[], known: Map<string, boolean>): Promise<SeedTable[]> {
  const have = new Set(tables.map((t) => t.name));
  const stems = tables.filter((t) => !t.stub).flatMap((t) => t.columns.map((c) => idStem(c.name)));
  const wanted = new Set(stems.flatMap((stem) => (stem ? parentNames(stem) : [])));
  if (!wanted.size) return [];
  const { rows } = await db.query<{ name: string }>(
    `SELECT pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname) AS name FROM pg_catalog.pg_class c
       JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND lower(c.relname) = ANY(ARRAY[${[...wanted].map(quoteLiteral).join(', ')}]::text[])`,
  );
  const names = rows.map((r) => r.name).filter((n) => !have.has(n));
  if (!names.length) return [];
  return (await readTables(db, known, names)).filter((t) => !have.has(t.name)).map((t) => ({ ...t, stub: true }));
}

/**
 * Pairs the column names make clear but no foreign key states yet (`crate_id` → `crates.id`,
 * a unique `id` of the same kind of type): seeded as references, so a foreign key a later
 * migration adds meets consistent rows, as it does in production.
 */
function guessForeignKeys(tables: SeedTable[]): void {
  const byName = new Map<string, SeedTable[]>();
  for (const t of tables) byName.set(bareTable(t.name), [...(byName.get(bareTable(t.name)) ?? []), t]);
  for (const t of tables) {
    if (t.stub) continue;
    const constrained = new Set(t.fks.flatMap((fk) => fk.columns));
    for (const c of t.columns) {
      const stem = idStem(c.name);
      if (!stem || constrained.has(c.name) || c.identity || c.generated) continue;
      const parent = parentNames(stem)
        .flatMap((n) => byName.get(n) ?? [])
        .find((p) => p !== t && p.columns.some((k) => k.name === 'id' && k.unique && (k.base === c.base || (k.category === 'N' && c.category === 'N'))));
      if (parent) t.fks.push({ columns: [c.name], parent: parent.oid, parentColumns: ['id'], guessed: true });
    }
  }
}

/** Parents before children (self references ignored); cycles keep their input order. */
function parentsFirst(tables: SeedTable[]): SeedTable[] {
  const byOid = new Map(tables.map((t) => [t.oid, t]));
  const done = new Set<number>();
  const visiting = new Set<number>();
  const out: SeedTable[] = [];
  const visit = (t: SeedTable) => {
    if (done.has(t.oid) || visiting.has(t.oid)) return;
    visiting.add(t.oid);
    for (const fk of t.fks) {
      const p = byOid.get(fk.parent);
      if (p && p !== t) visit(p);
    }
    visiting.delete(t.oid);
    done.add(t.oid);
    out.push(t);
  };
  tables.forEach(visit);
  return out;
}

function shapeKey(t: SeedTable, byOid: Map<number, SeedTable>): string {
  return JSON.stringify([t.name, t.columns, t.fks.map((fk) => [fk, byOid.get(fk.parent)?.rows ? 1 : 0]), t.checks]);
}

/** The columns a constraint violation names (via its constraint or column field). */
function culpritColumns(t: SeedTable, err: unknown): string[] {
  const e = err as { constraint?: string; column?: string };
  if (e.column) return [e.column];
  return e.constraint ? (t.constraintColumns.get(e.constraint) ?? []) : [];
}

function errorText(err: unknown): string {
  const e = err as { message?: string };
  return (e.message ?? String(err)).split('\n')[0];
}

/**
 * Fill every empty user table with `rows` synthetic rows (parents first). Runs in
 * autocommit: each table's INSERT stands alone, and a refused one leaves nothing.
 * `known`: tables (by `regclass` text) whose having rows the caller already knows;
 * `only`: look at these tables alone (their parents are taken from `known`).
 */
export async function seedEmptyTables(db: Database, rows: number, memory: SeedMemory = new Map(), known: Map<string, boolean> = new Map(), only?: string[]): Promise<SeedResult> {
  const tables = await readTables(db, known, only);
  if (only) tables.push(...(await guessableParents(db, tables, known)));
  guessForeignKeys(tables);
  const byOid = new Map(tables.map((t) => [t.oid, t]));
  const result: SeedResult = { seeded: new Map(), unseeded: new Map(), rows: new Map() };
  if (rows > 0) {
    for (const t of parentsFirst(tables)) {
      if (t.rows > 0 || t.stub) continue;
      const key = shapeKey(t, byOid);
      const known = memory.get(key);
      if (known) {
        result.unseeded.set(t.name, known);
        continue;
      }
      let reason = '';
      // Leave NULL the optional columns a violated constraint names (up to 3 times), then
      // fewer columns, version-like text (`1.0.0`, for triggers that parse it), a single row (low-cardinality uniques).
      const omit = new Set<string>();
      const attempts: [number, boolean, TextStyle][] = [
        [rows, false, 'plain'],
        [rows, false, 'plain'],
        [rows, false, 'plain'],
        [rows, true, 'plain'],
        [rows, false, 'version'],
        [1, false, 'plain'],
        [1, true, 'plain'],
      ];
      for (const [i, [n, nullOptional, style]] of attempts.entries()) {
        if (i > 0 && i < 3 && !reason.startsWith('\u0000')) continue; // no named culprit to leave out
        // eslint-disable-next-line no-control-regex -- NUL marks a reason that names a culprit (set above)
        reason = reason.replace(/^\u0000/, '');
        const plan = planInsert(t, n, nullOptional, byOid, style, omit);
        if (typeof plan === 'string') {
          reason = plan;
          break;
        }
        try {
          await db.exec(plan.sql);
          t.rows = n;
          result.seeded.set(t.name, n);
          reason = '';
          break;
        } catch (err) {
          reason = errorText(err);
          const culprits = culpritColumns(t, err).filter((c) => !omit.has(c) && !t.columns.find((x) => x.name === c)?.notNull);
          if (i < 2 && culprits.length) {
            culprits.forEach((c) => omit.add(c));
            reason = `\u0000${reason}`; // marks: retry with those left NULL
          }
        }
      }
      // eslint-disable-next-line no-control-regex -- NUL marks a reason that names a culprit
      reason = reason.replace(/^\u0000/, '');
      if (reason) {
        memory.set(key, reason);
        result.unseeded.set(t.name, reason);
      }
    }
  }
  for (const t of tables) if (!t.stub) result.rows.set(t.name, t.rows);
  return result;
}

/** Empty every user table in one statement (used to re-run an up on empty tables). */
export async function truncateAll(db: Database): Promise<void> {
  const tables = await readTables(db);
  const names = tables.filter((t) => t.rows > 0).map((t) => t.name);
  if (names.length) await db.exec(`TRUNCATE ${names.join(', ')} CASCADE`);
}
