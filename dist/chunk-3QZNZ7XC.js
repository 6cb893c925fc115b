// migration-guard GitHub Action, bundled by scripts/build-action.mjs. Do not edit: run `npm run build:action`.
import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
const require = __mgCreateRequire(import.meta.url);
const __filename = __mgFileURLToPath(import.meta.url);
const __dirname = __mgDirname(__filename);

// src/verify/sqlite/engine.ts
import { createRequire } from "node:module";
var require2 = createRequire(import.meta.url);
function nodeSqlite() {
  if (process.env.MIGRATION_GUARD_SQLITE === "wasm") return void 0;
  try {
    const name = "node:sqlite";
    const original = process.emitWarning;
    process.emitWarning = () => {
    };
    try {
      return require2(name);
    } finally {
      process.emitWarning = original;
    }
  } catch {
    return void 0;
  }
}
var wasm;
async function loadSqlite() {
  if (nodeSqlite() || wasm) return;
  const mod = await import("./chunk-MJEKEY3N.js");
  wasm = mod.default ?? mod;
}
function openSqlite(path) {
  const native = nodeSqlite();
  if (native) {
    const db2 = new native.DatabaseSync(path);
    const all = (sql) => db2.prepare(sql).all();
    return { engine: "node:sqlite", version: String(all("SELECT sqlite_version() AS v")[0].v), exec: (sql) => db2.exec(sql), all, close: () => db2.close() };
  }
  if (!wasm) throw new Error("the SQLite engine is not loaded: await loadSqlite() first");
  const db = new wasm.Database(path);
  db.exec("PRAGMA foreign_keys = OFF");
  return { engine: "wasm", version: String(db.all("SELECT sqlite_version() AS v")[0].v), exec: (sql) => db.exec(sql), all: (sql) => db.all(sql), close: () => db.close() };
}
async function engineVersion() {
  await loadSqlite();
  const db = openSqlite(":memory:");
  try {
    return db.version;
  } finally {
    db.close();
  }
}

export {
  loadSqlite,
  openSqlite,
  engineVersion
};
