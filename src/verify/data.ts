// Data fingerprints: per table its row count and, per column, how many values are
// non-null and a hash of the sorted values. Comparing the fingerprint taken before
// an up with the one after its down says what the round trip lost.

import type { Database } from './databases/types';
import { queryPrepared } from './prepared';
import { displayName } from './trace';

/** One table's fingerprint. */
export interface TableFingerprint {
  rows: number;
  /** column → non-null count and hash of its sorted text values. */
  columns: Map<string, { values: number; hash: string | null }>;
}

const quoteIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;

async function attempt<T>(db: Database, inTransaction: boolean, fn: () => Promise<T>): Promise<T | undefined> {
  if (inTransaction) await db.exec('SAVEPOINT migration_guard_read');
  try {
    const r = await fn();
    if (inTransaction) await db.exec('RELEASE SAVEPOINT migration_guard_read');
    return r;
  } catch {
    if (inTransaction) await db.exec('ROLLBACK TO SAVEPOINT migration_guard_read');
    return undefined;
  }
}

/**
 * Fingerprint the given tables (`regclass` text → column names); tables that fail
 * to read are left out. `inTransaction`: guard each read with a savepoint so a
 * failing one does not abort the caller's transaction.
 */
export async function fingerprint(db: Database, tables: Map<string, string[]>, options: { inTransaction?: boolean } = {}): Promise<Map<string, TableFingerprint>> {
  const inTx = options.inTransaction ?? false;
  const out = new Map<string, TableFingerprint>();
  const entries = [...tables].filter(([, cols]) => cols.length > 0);
  if (!entries.length) return out;
  const parts = entries.map(([table, cols], i) => {
    const aggs = cols.flatMap((c) => [`count(${quoteIdent(c)})`, `pg_catalog.md5(pg_catalog.string_agg(${quoteIdent(c)}::text, E'\\x1f' ORDER BY ${quoteIdent(c)}::text))`]);
    return `SELECT ${i} AS i, pg_catalog.jsonb_build_array(count(*), ${aggs.join(', ')}) AS f FROM ${table}`;
  });
  type Row = { i: number; f: unknown };
  let rows = await attempt(db, inTx, async () => (await db.query<Row>(parts.join('\nUNION ALL\n'))).rows);
  if (!rows) {
    // One odd table must not hide the others: read them one by one.
    rows = [];
    for (const part of parts) rows.push(...((await attempt(db, inTx, async () => (await db.query<Row>(part)).rows)) ?? []));
  }
  for (const r of rows) {
    const [table, cols] = entries[Number(r.i)];
    const f = (typeof r.f === 'string' ? JSON.parse(r.f) : r.f) as (number | string | null)[];
    const columns = new Map<string, { values: number; hash: string | null }>();
    cols.forEach((c, k) => columns.set(c, { values: Number(f[1 + 2 * k]), hash: (f[2 + 2 * k] as string | null) ?? null }));
    out.set(table, { rows: Number(f[0]), columns });
  }
  return out;
}

/** What was lost between two fingerprints, one readable line each (`users.legacy: 100 values lost`). */
export function dataLoss(before: Map<string, TableFingerprint>, after: Map<string, TableFingerprint>): string[] {
  const lost: string[] = [];
  for (const [qualified, b] of before) {
    const table = displayName(qualified);
    if (b.rows === 0) continue;
    const a = after.get(qualified);
    if (!a) {
      lost.push(`${table}: table gone, ${b.rows} rows lost`);
      continue;
    }
    if (a.rows < b.rows) lost.push(`${table}: ${b.rows - a.rows} of ${b.rows} rows lost`);
    for (const [col, bc] of b.columns) {
      if (bc.values === 0) continue;
      const ac = a.columns.get(col);
      if (!ac) lost.push(`${table}.${col}: column gone, ${bc.values} values lost`);
      else if (a.rows < b.rows)
        continue; // the lost rows say it; per-column counts would repeat them
      else if (ac.values < bc.values) lost.push(`${table}.${col}: ${bc.values - ac.values} values lost`);
      else if (a.rows === b.rows && ac.hash !== bc.hash) lost.push(`${table}.${col}: values changed`);
    }
  }
  return lost;
}

/** The user tables (not partitions; partitions are read through their parent) and their live columns, by schema-qualified name. */
export async function userTableColumns(db: Database): Promise<Map<string, string[]>> {
  const rows = await queryPrepared<{ name: string; cols: unknown }>(
    db,
    'migration_guard_table_columns',
    `
    SELECT pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname) AS name,
      (SELECT coalesce(jsonb_agg(a.attname ORDER BY a.attnum), '[]'::jsonb) FROM pg_catalog.pg_attribute a
        WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS cols
    FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE c.oid >= 16384 AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'
      AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = 'pg_catalog.pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')`,
  );
  return new Map(rows.map((r) => [r.name, (typeof r.cols === 'string' ? JSON.parse(r.cols) : r.cols) as string[]]));
}
