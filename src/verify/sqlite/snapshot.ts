// SQLite schema snapshots and data fingerprints, in the shapes the Postgres side
// uses (Snapshot, TableFingerprint), so diffSnapshots and dataLoss compare them the
// same way. The schema comes from sqlite_schema and the table_info, index_list,
// index_info and foreign_key_list pragmas; names are as SQLite stores them.

import { createHash } from 'node:crypto';
import type { Snapshot } from '../snapshot';
import { parseSqlite } from '../../sqlite/parse';
import { SqliteSchema } from '../../sqlite/schema';
import type { TableFingerprint } from '../data';
import type { SqliteDb } from './engine';

const q = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** The user tables (not sqlite_* and not the framework's own), by name. */
export function userTables(db: SqliteDb, exclude: ReadonlySet<string> = new Set()): string[] {
  return db
    .all("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")
    .map((r) => String(r.name))
    .filter((n) => !exclude.has(n.toLowerCase()));
}

/** The schema as keys (`table users`, `column users.email`, `index users_email`, `trigger …`, `view …`) with their details. */
export function sqliteSnapshot(db: SqliteDb, exclude: ReadonlySet<string> = new Set()): Snapshot {
  const snap: Snapshot = new Map();
  for (const r of db.all("SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type, name")) {
    const [type, name, table] = [String(r.type), String(r.name), String(r.tbl_name)];
    if (exclude.has(table.toLowerCase())) continue;
    if (type === 'table') {
      const checks = checksIn(String(r.sql ?? ''));
      snap.set(`table ${name}`, checks.length ? { checks } : {});
      for (const c of db.all(`PRAGMA table_xinfo(${q(name)})`)) {
        snap.set(`column ${name}.${String(c.name)}`, {
          position: Number(c.cid),
          type: String(c.type ?? ''),
          notNull: Number(c.notnull) === 1,
          default: c.dflt_value ?? null,
          primaryKey: Number(c.pk),
          ...(Number(c.hidden) ? { generated: Number(c.hidden) } : {}),
        });
      }
      for (const fk of db.all(`PRAGMA foreign_key_list(${q(name)})`)) {
        snap.set(`foreign key ${name}.${String(fk.from)}`, { references: `${String(fk.table)}(${String(fk.to ?? '')})`, onDelete: String(fk.on_delete), onUpdate: String(fk.on_update) });
      }
    } else if (type === 'index') {
      const columns = db
        .all(`PRAGMA index_xinfo(${q(name)})`)
        .filter((c) => Number(c.key) === 1)
        .map((c) => (c.name === null ? '<expression>' : String(c.name)));
      const info = db.all(`PRAGMA index_list(${q(table)})`).find((i) => i.name === name);
      snap.set(`index ${name}`, { table, columns, unique: Number(info?.unique ?? 0) === 1, partial: Number(info?.partial ?? 0) === 1, sql: normalized(r.sql) });
    } else snap.set(`${type} ${name}`, { table, sql: normalized(r.sql) });
  }
  // Constraint-backed indexes (sqlite_autoindex_*) say what is UNIQUE or a PRIMARY KEY.
  for (const t of userTables(db, exclude)) {
    for (const i of db.all(`PRAGMA index_list(${q(t)})`)) {
      if (i.origin === 'c') continue;
      const columns = db.all(`PRAGMA index_info(${q(String(i.name))})`).map((c) => String(c.name));
      snap.set(`${i.origin === 'pk' ? 'primary key' : 'unique'} ${t}(${columns.join(', ')})`, {});
    }
  }
  return snap;
}

/** A statement's text with its whitespace made uniform (SQLite stores it as written). */
function normalized(sql: unknown): string | null {
  return typeof sql === 'string' ? sql.replace(/\s+/g, ' ').trim() : null;
}

/** The CHECK clauses of a CREATE TABLE, as the SQLite parser reads its stored text, sorted. */
function checksIn(sql: string): string[] {
  const schema = new SqliteSchema();
  const { statements } = parseSqlite({ file: 'sqlite_schema', text: sql, firstLine: 1 });
  for (const st of statements) schema.apply(st);
  return [...schema.tables.values()].flatMap((t) => t.checks.map((c) => c.replace(/\s+/g, ' ').trim())).sort();
}

/** Per table: row count, and per column the non-null count and a hash of its sorted values. */
export function sqliteFingerprints(db: SqliteDb, tables: readonly string[]): Map<string, TableFingerprint> {
  const out = new Map<string, TableFingerprint>();
  for (const t of tables) {
    try {
      const cols = db.all(`PRAGMA table_info(${q(t)})`).map((c) => String(c.name));
      const rows = Number(db.all(`SELECT count(*) AS n FROM ${q(t)}`)[0].n);
      const columns = new Map<string, { values: number; hash: string | null }>();
      for (const c of cols) {
        const r = db.all(`SELECT count(${q(c)}) AS n, (SELECT group_concat(v, char(31)) FROM (SELECT quote(${q(c)}) AS v FROM ${q(t)} ORDER BY 1)) AS h FROM ${q(t)}`)[0];
        columns.set(c, { values: Number(r.n), hash: r.h === null ? null : createHash('sha1').update(String(r.h)).digest('hex') });
      }
      out.set(t, { rows, columns });
    } catch {
      // A table that cannot be read (a virtual table without its module) is left out.
    }
  }
  return out;
}

/** `PRAGMA integrity_check` and `PRAGMA foreign_key_check`: what is wrong, one line each. */
export function integrityProblems(db: SqliteDb): string[] {
  const problems = db
    .all('PRAGMA integrity_check')
    .map((r) => String(Object.values(r)[0]))
    .filter((s) => s !== 'ok');
  for (const v of db.all('PRAGMA foreign_key_check')) problems.push(`foreign key violation: ${String(v.table)} row ${String(v.rowid)} references missing ${String(v.parent)} row`);
  return problems;
}

export { q as sqliteIdent };
