// Synthetic rows for SQLite tables that are empty before a migration, so the
// migration meets data the way it will in production: values by each column's type
// affinity (https://www.sqlite.org/datatype3.html#determination_of_column_affinity),
// distinct per row, foreign keys pointing at rows seeded in the parent first.

import type { SqliteDb } from './engine';
import { sqliteIdent as q } from './snapshot';

interface Column {
  name: string;
  type: string;
  notNull: boolean;
  hasDefault: boolean;
  pk: number;
  hidden: number;
}

/** Seed each empty table of `tables` with `rows` rows; returns how many rows went in and the tables that refused them, with why. */
export function seedSqlite(db: SqliteDb, tables: readonly string[], rows: number): { seeded: number; unseeded: string[] } {
  const empty = tables.filter((t) => Number(db.all(`SELECT count(*) AS n FROM ${q(t)}`)[0].n) === 0);
  const order = parentsFirst(db, empty);
  let seeded = 0;
  const unseeded: string[] = [];
  for (const t of order) {
    const cols = (db.all(`PRAGMA table_xinfo(${q(t)})`) as unknown as { name: string; type: string; notnull: number; dflt_value: unknown; pk: number; hidden: number }[])
      .map((c): Column => ({ name: c.name, type: String(c.type ?? ''), notNull: c.notnull === 1, hasDefault: c.dflt_value !== null, pk: c.pk, hidden: c.hidden }))
      .filter((c) => c.hidden === 0);
    const fks = new Map(db.all(`PRAGMA foreign_key_list(${q(t)})`).map((f) => [String(f.from), String(f.table)]));
    const values = (i: number) => cols.map((c) => valueFor(c, i, fks.has(c.name)));
    const insert = (i: number) => `INSERT INTO ${q(t)} (${cols.map((c) => q(c.name)).join(', ')}) VALUES (${values(i).join(', ')})`;
    try {
      db.exec('SAVEPOINT migration_guard_seed');
      for (let i = 1; i <= rows; i++) db.exec(insert(i));
      db.exec('RELEASE migration_guard_seed');
      seeded += rows;
    } catch (err) {
      db.exec('ROLLBACK TO migration_guard_seed');
      db.exec('RELEASE migration_guard_seed');
      unseeded.push(`${t}: ${(err as Error).message}`);
    }
  }
  return { seeded, unseeded };
}

/** A literal for row `i` of a column, by type affinity; foreign keys take the parent's row i (parents are seeded 1..n). */
function valueFor(c: Column, i: number, isForeignKey: boolean): string {
  const type = c.type.toUpperCase();
  if (isForeignKey || (c.pk && type.includes('INT'))) return String(i);
  if (type.includes('INT')) return String(i);
  if (/CHAR|CLOB|TEXT/.test(type)) return /DATE|TIME/.test(type) ? `'2024-01-${String(1 + (i % 28)).padStart(2, '0')} 00:00:${String(i % 60).padStart(2, '0')}'` : `'seed-${i}'`;
  if (type.includes('BLOB')) return `x'${i.toString(16).padStart(2, '0')}'`;
  if (/REAL|FLOA|DOUB/.test(type)) return `${i}.5`;
  if (/BOOL/.test(type)) return String(i % 2);
  if (/DATE|TIME/.test(type)) return `'2024-01-${String(1 + (i % 28)).padStart(2, '0')} 00:00:00'`;
  // NUMERIC affinity (DECIMAL, NUMERIC, JSON, anything else).
  return /JSON/.test(type) ? `'{"seed": ${i}}'` : String(i);
}

/** Tables ordered so a table's foreign-key parents come before it. */
function parentsFirst(db: SqliteDb, tables: readonly string[]): string[] {
  const set = new Set(tables);
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (t: string, path: Set<string>) => {
    if (seen.has(t) || path.has(t)) return;
    path.add(t);
    for (const f of db.all(`PRAGMA foreign_key_list(${q(t)})`)) {
      const parent = String(f.table);
      const match = [...set].find((x) => x.toLowerCase() === parent.toLowerCase());
      if (match) visit(match, path);
    }
    seen.add(t);
    out.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return out;
}
