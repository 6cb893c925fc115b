// The SQLite engine verify runs migrations on: a real database file, opened with
// Node's built-in node:sqlite where the runtime has it (Node 22.13+, and the Action's
// Node 24), else with node-sqlite3-wasm (SQLite compiled to WebAssembly, reading and
// writing the file through Node's fs). Both are synchronous; both are the SQLite
// library itself, so what runs here is what runs in production (same major SQL).

import { createRequire } from 'node:module';

/** A value SQLite returns. */
export type SqlValue = string | number | bigint | null | Uint8Array;
export type SqlRow = Record<string, SqlValue>;

/** One open SQLite database file. */
export interface SqliteDb {
  /** `node:sqlite` or `wasm` (node-sqlite3-wasm). */
  readonly engine: 'node:sqlite' | 'wasm';
  /** sqlite_version(). */
  readonly version: string;
  /** Run one or more statements. */
  exec(sql: string): void;
  /** Rows of one query. */
  all(sql: string): SqlRow[];
  close(): void;
}

interface NodeSqliteModule {
  DatabaseSync: new (path: string) => { exec(sql: string): void; prepare(sql: string): { all(): SqlRow[] }; close(): void };
}
interface WasmModule {
  Database: new (path: string) => { exec(sql: string): void; all(sql: string): SqlRow[]; close(): void };
}

const require = createRequire(import.meta.url);

/** node:sqlite when this Node has it (and MIGRATION_GUARD_SQLITE is not `wasm`), else undefined. */
function nodeSqlite(): NodeSqliteModule | undefined {
  if (process.env.MIGRATION_GUARD_SQLITE === 'wasm') return undefined;
  try {
    // A variable name keeps bundlers from resolving a module Node 20 does not have.
    const name = 'node:sqlite';
    // eslint-disable-next-line @typescript-eslint/unbound-method -- put back as it was, never called here
    const original = process.emitWarning;
    // node:sqlite prints an ExperimentalWarning on load in Node 22/24: not ours to show.
    process.emitWarning = () => {};
    try {
      return require(name) as NodeSqliteModule;
    } finally {
      process.emitWarning = original;
    }
  } catch {
    return undefined;
  }
}

let wasm: WasmModule | undefined;

/** Load the engine once (the WASM build compiles on first use); then openSqlite may be called. */
export async function loadSqlite(): Promise<void> {
  if (nodeSqlite() || wasm) return;
  const mod = (await import('node-sqlite3-wasm')) as unknown as WasmModule & { default?: WasmModule };
  wasm = mod.default ?? mod;
}

/** Open (creating when absent) the SQLite database file at `path` (after loadSqlite). */
export function openSqlite(path: string): SqliteDb {
  const native = nodeSqlite();
  if (native) {
    const db = new native.DatabaseSync(path);
    const all = (sql: string) => db.prepare(sql).all();
    return { engine: 'node:sqlite', version: String(all('SELECT sqlite_version() AS v')[0].v), exec: (sql) => db.exec(sql), all, close: () => db.close() };
  }
  if (!wasm) throw new Error('the SQLite engine is not loaded: await loadSqlite() first');
  const db = new wasm.Database(path);
  // The WASM build enforces foreign keys by default (SQLITE_DEFAULT_FOREIGN_KEYS); stock SQLite, and every driver on it, does not.
  db.exec('PRAGMA foreign_keys = OFF');
  return { engine: 'wasm', version: String(db.all('SELECT sqlite_version() AS v')[0].v), exec: (sql) => db.exec(sql), all: (sql) => db.all(sql), close: () => db.close() };
}

/** The SQLite version verify runs (the default `sqliteVersion`). */
export async function engineVersion(): Promise<string> {
  await loadSqlite();
  const db = openSqlite(':memory:');
  try {
    return db.version;
  } finally {
    db.close();
  }
}
