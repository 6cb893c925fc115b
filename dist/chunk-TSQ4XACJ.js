// migration-guard GitHub Action, bundled by scripts/build-action.mjs. Do not edit: run `npm run build:action`.
import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
const require = __mgCreateRequire(import.meta.url);
const __filename = __mgFileURLToPath(import.meta.url);
const __dirname = __mgDirname(__filename);
import {
  parseSqlite,
  splitSqlite
} from "./chunk-YFHPBY3G.js";
import {
  dataLoss,
  diffSnapshots,
  emptyVerification,
  skippedVerification,
  summaryWord,
  verificationFindings
} from "./chunk-BSJRQMLR.js";
import "./chunk-ED3R6KV7.js";
import {
  finding
} from "./chunk-RZSGMBFC.js";
import {
  SqliteSchema
} from "./chunk-PCFPHZTP.js";
import "./chunk-L63O7JR3.js";
import {
  PositionMap
} from "./chunk-CC3LKNC6.js";
import {
  loadSqlite,
  openSqlite
} from "./chunk-3QZNZ7XC.js";
import "./chunk-P6Q5PN73.js";

// src/verify/sqlite/index.ts
import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// src/verify/sqlite/snapshot.ts
import { createHash } from "node:crypto";
var q = (s) => `"${s.replace(/"/g, '""')}"`;
function userTables(db, exclude = /* @__PURE__ */ new Set()) {
  return db.all("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name").map((r) => String(r.name)).filter((n) => !exclude.has(n.toLowerCase()));
}
function sqliteSnapshot(db, exclude = /* @__PURE__ */ new Set()) {
  const snap = /* @__PURE__ */ new Map();
  for (const r of db.all("SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type, name")) {
    const [type, name, table] = [String(r.type), String(r.name), String(r.tbl_name)];
    if (exclude.has(table.toLowerCase())) continue;
    if (type === "table") {
      const checks = checksIn(String(r.sql ?? ""));
      snap.set(`table ${name}`, checks.length ? { checks } : {});
      for (const c of db.all(`PRAGMA table_xinfo(${q(name)})`)) {
        snap.set(`column ${name}.${String(c.name)}`, {
          position: Number(c.cid),
          type: String(c.type ?? ""),
          notNull: Number(c.notnull) === 1,
          default: c.dflt_value ?? null,
          primaryKey: Number(c.pk),
          ...Number(c.hidden) ? { generated: Number(c.hidden) } : {}
        });
      }
      for (const fk of db.all(`PRAGMA foreign_key_list(${q(name)})`)) {
        snap.set(`foreign key ${name}.${String(fk.from)}`, { references: `${String(fk.table)}(${String(fk.to ?? "")})`, onDelete: String(fk.on_delete), onUpdate: String(fk.on_update) });
      }
    } else if (type === "index") {
      const columns = db.all(`PRAGMA index_xinfo(${q(name)})`).filter((c) => Number(c.key) === 1).map((c) => c.name === null ? "<expression>" : String(c.name));
      const info = db.all(`PRAGMA index_list(${q(table)})`).find((i) => i.name === name);
      snap.set(`index ${name}`, { table, columns, unique: Number(info?.unique ?? 0) === 1, partial: Number(info?.partial ?? 0) === 1, sql: normalized(r.sql) });
    } else snap.set(`${type} ${name}`, { table, sql: normalized(r.sql) });
  }
  for (const t of userTables(db, exclude)) {
    for (const i of db.all(`PRAGMA index_list(${q(t)})`)) {
      if (i.origin === "c") continue;
      const columns = db.all(`PRAGMA index_info(${q(String(i.name))})`).map((c) => String(c.name));
      snap.set(`${i.origin === "pk" ? "primary key" : "unique"} ${t}(${columns.join(", ")})`, {});
    }
  }
  return snap;
}
function normalized(sql) {
  return typeof sql === "string" ? sql.replace(/\s+/g, " ").trim() : null;
}
function checksIn(sql) {
  const schema = new SqliteSchema();
  const { statements } = parseSqlite({ file: "sqlite_schema", text: sql, firstLine: 1 });
  for (const st of statements) schema.apply(st);
  return [...schema.tables.values()].flatMap((t) => t.checks.map((c) => c.replace(/\s+/g, " ").trim())).sort();
}
function sqliteFingerprints(db, tables) {
  const out = /* @__PURE__ */ new Map();
  for (const t of tables) {
    try {
      const cols = db.all(`PRAGMA table_info(${q(t)})`).map((c) => String(c.name));
      const rows = Number(db.all(`SELECT count(*) AS n FROM ${q(t)}`)[0].n);
      const columns = /* @__PURE__ */ new Map();
      for (const c of cols) {
        const r = db.all(`SELECT count(${q(c)}) AS n, (SELECT group_concat(v, char(31)) FROM (SELECT quote(${q(c)}) AS v FROM ${q(t)} ORDER BY 1)) AS h FROM ${q(t)}`)[0];
        columns.set(c, { values: Number(r.n), hash: r.h === null ? null : createHash("sha1").update(String(r.h)).digest("hex") });
      }
      out.set(t, { rows, columns });
    } catch {
    }
  }
  return out;
}
function integrityProblems(db) {
  const problems = db.all("PRAGMA integrity_check").map((r) => String(Object.values(r)[0])).filter((s) => s !== "ok");
  for (const v of db.all("PRAGMA foreign_key_check")) problems.push(`foreign key violation: ${String(v.table)} row ${String(v.rowid)} references missing ${String(v.parent)} row`);
  return problems;
}

// src/verify/sqlite/seed.ts
function seedSqlite(db, tables, rows) {
  const empty = tables.filter((t) => Number(db.all(`SELECT count(*) AS n FROM ${q(t)}`)[0].n) === 0);
  const order = parentsFirst(db, empty);
  let seeded = 0;
  const unseeded = [];
  for (const t of order) {
    const cols = db.all(`PRAGMA table_xinfo(${q(t)})`).map((c) => ({ name: c.name, type: String(c.type ?? ""), notNull: c.notnull === 1, hasDefault: c.dflt_value !== null, pk: c.pk, hidden: c.hidden })).filter((c) => c.hidden === 0);
    const fks = new Map(db.all(`PRAGMA foreign_key_list(${q(t)})`).map((f) => [String(f.from), String(f.table)]));
    const values = (i) => cols.map((c) => valueFor(c, i, fks.has(c.name)));
    const insert = (i) => `INSERT INTO ${q(t)} (${cols.map((c) => q(c.name)).join(", ")}) VALUES (${values(i).join(", ")})`;
    try {
      db.exec("SAVEPOINT migration_guard_seed");
      for (let i = 1; i <= rows; i++) db.exec(insert(i));
      db.exec("RELEASE migration_guard_seed");
      seeded += rows;
    } catch (err) {
      db.exec("ROLLBACK TO migration_guard_seed");
      db.exec("RELEASE migration_guard_seed");
      unseeded.push(`${t}: ${err.message}`);
    }
  }
  return { seeded, unseeded };
}
function valueFor(c, i, isForeignKey) {
  const type = c.type.toUpperCase();
  if (isForeignKey || c.pk && type.includes("INT")) return String(i);
  if (type.includes("INT")) return String(i);
  if (/CHAR|CLOB|TEXT/.test(type)) return /DATE|TIME/.test(type) ? `'2024-01-${String(1 + i % 28).padStart(2, "0")} 00:00:${String(i % 60).padStart(2, "0")}'` : `'seed-${i}'`;
  if (type.includes("BLOB")) return `x'${i.toString(16).padStart(2, "0")}'`;
  if (/REAL|FLOA|DOUB/.test(type)) return `${i}.5`;
  if (/BOOL/.test(type)) return String(i % 2);
  if (/DATE|TIME/.test(type)) return `'2024-01-${String(1 + i % 28).padStart(2, "0")} 00:00:00'`;
  return /JSON/.test(type) ? `'{"seed": ${i}}'` : String(i);
}
function parentsFirst(db, tables) {
  const set = new Set(tables);
  const out = [];
  const seen = /* @__PURE__ */ new Set();
  const visit = (t, path) => {
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
  for (const t of tables) visit(t, /* @__PURE__ */ new Set());
  return out;
}

// src/verify/sqlite/index.ts
async function verifySqliteMigrations(migrations, options) {
  await loadSqlite();
  const t0 = performance.now();
  const dir = mkdtempSync(join(tmpdir(), "migration-guard-sqlite-"));
  const files = new ScratchFiles(dir, options.from);
  const exclude = new Set((options.exclude ?? []).map((t) => t.toLowerCase()));
  const integrity = [];
  try {
    const verification = { database: { kind: `sqlite (${files.db.engine})`, serverVersion: files.db.version }, migrations: [] };
    let stopped;
    let project;
    for (const m of migrations) {
      if (m.project !== project) [project, stopped] = [m.project, void 0];
      if (m.notRunnable || stopped) {
        if (m.changed) verification.migrations.push(skippedVerification(m, m.notRunnable ?? stopped));
        continue;
      }
      if (!m.changed) {
        files.save("before");
        const up = runSource(files.db, m.up, m.transactional);
        if (!up.outcome.ok) {
          files.restore("before");
          verification.migrations.push({ ...emptyVerification(m), up: up.outcome, appliedOnly: true });
          options.log?.(`verify: unchanged ${m.id} does not replay here (${up.outcome.error}); going on without it`);
        }
        continue;
      }
      const t = performance.now();
      const v = cycle(
        files,
        m,
        options.seedRows,
        exclude,
        (step, problems) => integrity.push(finding("sqlite-integrity-failed", { file: m.up.file, line: m.up.firstLine, migration: m.id }, `After ${step} of ${m.id}, SQLite reports: ${problems.slice(0, 5).join("; ")}`))
      );
      if (!v.up.ok) stopped = `migration ${m.id} failed`;
      verification.migrations.push(v);
      options.log?.(`verify: ${m.id} ${summaryWord(v)} (${Math.round(performance.now() - t)} ms)`);
    }
    verification.ms = Math.round(performance.now() - t0);
    return { verification, findings: [...verificationFindings(verification, [...migrations]), ...integrity] };
  } finally {
    files.db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
var ScratchFiles = class {
  constructor(dir, from) {
    this.dir = dir;
    this.file = join(dir, "verify.db");
    if (from && existsSync(from)) copyFileSync(from, this.file);
    this.db = openSqlite(this.file);
  }
  dir;
  file;
  db;
  /** Keep the current state under `name`. */
  save(name) {
    this.db.close();
    copyFileSync(this.file, join(this.dir, `${name}.db`));
    this.db = openSqlite(this.file);
  }
  /** Go back to the state kept under `name`. */
  restore(name) {
    this.db.close();
    for (const suffix of ["-wal", "-shm", "-journal"]) rmSync(this.file + suffix, { force: true });
    copyFileSync(join(this.dir, `${name}.db`), this.file);
    this.db = openSqlite(this.file);
  }
};
function cycle(files, m, seedRows, exclude, onIntegrity) {
  const v = emptyVerification(m);
  const checkIntegrity = (step) => {
    const problems = integrityProblems(files.db);
    if (problems.length) onIntegrity(step, problems);
  };
  files.save("unseeded");
  const seed = seedRows > 0 ? seedSqlite(files.db, userTables(files.db, exclude), seedRows) : { seeded: 0, unseeded: [] };
  v.dataCheck.rowsSeeded = seed.seeded;
  if (seed.unseeded.length) v.dataCheck.unseeded = seed.unseeded;
  const a = sqliteSnapshot(files.db, exclude);
  const tablesA = userTables(files.db, exclude);
  let fpA = sqliteFingerprints(files.db, tablesA);
  let up = runSource(files.db, m.up, m.transactional);
  for (const extra of m.extraUp ?? []) if (up.outcome.ok) up = merge(up, runSource(files.db, extra, m.transactional));
  if (!up.outcome.ok && seed.seeded > 0) {
    files.restore("unseeded");
    const empty = runSource(files.db, m.up, m.transactional);
    if (empty.outcome.ok) {
      v.dataCheck.failsWithData = true;
      v.dataCheck.error = up.outcome.line !== void 0 ? `line ${up.outcome.line}: ${up.outcome.error}` : up.outcome.error;
      fpA = /* @__PURE__ */ new Map();
    }
    up = empty;
  }
  v.up = up.outcome;
  if (!v.dataCheck.failsWithData) v.statements = up.traces;
  if (!up.outcome.ok) {
    files.restore("unseeded");
    return v;
  }
  checkIntegrity("the up");
  if (!v.hasDown) return v;
  const b = sqliteSnapshot(files.db, exclude);
  files.save("b");
  const down = runSource(files.db, m.down, m.downTransactional ?? m.transactional);
  v.down = down.outcome;
  if (down.outcome.ok) {
    checkIntegrity("the down");
    const c = sqliteSnapshot(files.db, exclude);
    const reverse = diffSnapshots(a, c, { before: "before up", after: "after down" });
    v.reversible = !reverse.some((d) => !d.orderOnly);
    const diffs = [...reverse];
    if (fpA.size) v.dataCheck.lost = dataLoss(fpA, sqliteFingerprints(files.db, userTables(files.db, exclude)));
    const reup = runSource(files.db, m.up, m.transactional);
    v.reup = reup.outcome;
    if (reup.outcome.ok) {
      checkIntegrity("the second up");
      const again = diffSnapshots(b, sqliteSnapshot(files.db, exclude), { before: "after the first up", after: "after the second up" });
      v.reapplicable = !again.some((x) => !x.orderOnly);
      diffs.push(...again);
    }
    v.schemaDiff = diffs.map((x) => x.orderOnly ? `${x.line} (order only)` : x.line);
  }
  files.restore("b");
  return v;
}
function merge(a, b) {
  return { outcome: { ...b.outcome, ms: a.outcome.ms + b.outcome.ms }, traces: [...a.traces, ...b.traces] };
}
function runSource(db, source, transactional) {
  const t0 = performance.now();
  const map = new PositionMap(source.text, source.firstLine, source.lineMap);
  const lineOf = (index) => map.position(index).line;
  const traces = [];
  const { pieces } = splitSqlite(source.text);
  if (transactional) db.exec("BEGIN");
  for (const p of pieces) {
    const sql = source.text.slice(p.start, p.end);
    const line = lineOf(p.first);
    const t = performance.now();
    try {
      db.exec(sql);
      traces.push({ line, sql: sql.trim(), ms: performance.now() - t, locks: [], rewrites: [] });
    } catch (err) {
      const error = err.message;
      traces.push({ line, sql: sql.trim(), ms: performance.now() - t, locks: [], rewrites: [], error });
      try {
        db.exec("ROLLBACK");
      } catch {
      }
      return { outcome: { ok: false, error, ms: performance.now() - t0, line }, traces };
    }
  }
  if (transactional) db.exec("COMMIT");
  return { outcome: { ok: true, error: null, ms: performance.now() - t0 }, traces };
}
export {
  verifySqliteMigrations
};
