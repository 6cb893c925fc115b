// migration-guard GitHub Action, bundled by scripts/build-action.mjs. Do not edit: run `npm run build:action`.
import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
const require = __mgCreateRequire(import.meta.url);
const __filename = __mgFileURLToPath(import.meta.url);
const __dirname = __mgDirname(__filename);
import {
  FrameworkRun,
  filesChangedSince,
  loadProject,
  scrubbedEnv
} from "./chunk-JTSU32SK.js";
import {
  sqliteFileOf,
  sqliteUrlOf
} from "./chunk-WFXCGOL5.js";
import "./chunk-PCOTMPAF.js";
import "./chunk-WEIKHWOF.js";
import {
  splitSqlite
} from "./chunk-YFHPBY3G.js";
import "./chunk-RZSGMBFC.js";
import "./chunk-PCFPHZTP.js";
import "./chunk-L63O7JR3.js";
import "./chunk-CC3LKNC6.js";
import "./chunk-P6Q5PN73.js";

// src/frameworks/sqlite-capture.ts
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
var HOOK = String.raw`
import os, sys, json, itertools, sqlite3, sqlite3.dbapi2

_trace = os.environ.get("MIGRATION_GUARD_SQLITE_TRACE")
_scratch = os.environ.get("MIGRATION_GUARD_SQLITE_DB")
if _trace and _scratch:
    _connect = sqlite3.connect
    _ids = itertools.count(1)
    _seq = itertools.count(1)

    def _guarded_connect(database, *args, **kwargs):
        name = os.fspath(database) if not isinstance(database, str) else database
        if name != ":memory:" and not name.startswith("file::memory:") and "mode=memory" not in name:
            database = _scratch
            kwargs.pop("uri", None)
        conn = _connect(database, *args, **kwargs)
        cid = next(_ids)
        out = open(_trace, "a", encoding="utf-8")

        def _record(sql):
            out.write(json.dumps({"c": cid, "s": next(_seq), "sql": sql, "tx": conn.in_transaction}) + "\n")
            out.flush()

        conn.set_trace_callback(_record)
        return conn

    sqlite3.connect = _guarded_connect
    sqlite3.dbapi2.connect = _guarded_connect

# The system's own sitecustomize (Debian ships one), which this file shadows.
_here = os.path.dirname(os.path.abspath(__file__))
for _dir in sys.path:
    _path = os.path.join(_dir or ".", "sitecustomize.py")
    if os.path.abspath(_dir or ".") != _here and os.path.isfile(_path):
        exec(compile(open(_path).read(), _path, "exec"))
        break
`;
var TraceReader = class {
  constructor(file) {
    this.file = file;
  }
  file;
  read = 0;
  take() {
    if (!existsSync(this.file)) return [];
    const lines = readFileSync(this.file, "utf8").split("\n").filter(Boolean);
    const fresh = lines.slice(this.read).map((l) => JSON.parse(l)).filter((r) => !isIntrospection(r.sql));
    this.read = lines.length;
    return fresh.map((r, i) => {
      const next = fresh.slice(i + 1).find((x) => x.c === r.c);
      return {
        connection: r.c,
        seq: r.s,
        sql: r.sql,
        protocol: "simple",
        txBefore: r.tx ? "T" : "I",
        ...next ? { txAfter: next.tx ? "T" : "I" } : {},
        tags: [],
        startedAt: 0
      };
    });
  }
};
var READ_PRAGMA = /^\s*PRAGMA\s+(?:\w+\.)?(?:\w+\s*;?\s*$|(?:table_x?info|index_list|index_x?info|foreign_key_list)\s*\()/i;
function isIntrospection(sql) {
  return READ_PRAGMA.test(sql);
}
var UPGRADE_HEAD = /\bupgrade\s+head\b/;
function varied(migrate, replacement) {
  return UPGRADE_HEAD.test(migrate) ? migrate.replace(UPGRADE_HEAD, replacement) : void 0;
}
function stepCommand(framework, project, migrate) {
  if (!migrate) return framework.step?.(project);
  return varied(migrate, "upgrade +1");
}
var NOT_COPIED = /* @__PURE__ */ new Set([".git", "node_modules", ".venv", "venv", "__pycache__", ".mypy_cache", ".pytest_cache", ".tox"]);
async function captureSqliteFramework(path, shown, framework, config, context) {
  const fc = config.framework ?? {};
  const dir = mkdtempSync(join(tmpdir(), "migration-guard-sqlite-capture-"));
  try {
    const work = join(dir, "project");
    cpSync(path, work, { recursive: true, filter: (src) => !NOT_COPIED.has(basename(src)) });
    const scratch = join(dir, "scratch.db");
    const url = sqliteUrlOf(path);
    const original = url ? sqliteFileOf(url, path) : void 0;
    if (original && existsSync(original)) copyFileSync(original, scratch);
    writeFileSync(join(dir, "sitecustomize.py"), HOOK);
    const trace = join(dir, "trace.jsonl");
    const offlineSql = join(dir, "offline.sql");
    const base = scrubbedEnv(process.env);
    const env = {
      ...base,
      DATABASE_URL: `sqlite:///${scratch}`,
      MIGRATION_GUARD_SQLITE_DB: scratch,
      MIGRATION_GUARD_SQLITE_TRACE: trace,
      MIGRATION_GUARD_OFFLINE_SQL: offlineSql,
      PYTHONPATH: [dir, base.PYTHONPATH].filter(Boolean).join(":"),
      ...fc.env ?? {}
    };
    const project = loadProject(path);
    const migrate = fc.migrate ?? framework.migrate(project);
    const options = {
      framework,
      project,
      shown,
      migrate,
      ...fc.rollback ? { rollback: fc.rollback } : {},
      cwd: join(work, fc.cwd ?? "."),
      timeoutMs: (fc.timeout ?? 300) * 1e3,
      rollBack: context.rollBack,
      ...context.base ? { changedFiles: filesChangedSince(path, context.base) } : {},
      log: context.log
    };
    const step = stepCommand(framework, project, fc.migrate);
    const live = await new FrameworkRun({ ...options, ...step ? { step } : {} }, new TraceReader(trace), env).run();
    const from = original && existsSync(original) ? original : "a new SQLite database";
    const traced = existsSync(trace) && statSync(trace).size > 0;
    const offline = !traced && live.commands[0]?.exitCode === 0 ? offlineCommand(framework, migrate) : void 0;
    if (!offline) {
      context.log(`${shown}: ${framework.name} ran on a scratch copy of ${from} (statements traced live)`);
      return { layout: framework.name, migrations: live.migrations.map((m) => ({ ...m, sqlFrom: "traced" })), findings: live.findings, commands: live.commands };
    }
    context.log(
      `${shown}: no SQLite statement could be traced (the command does not load Python's site hooks, or uses a driver other than sqlite3): the ups' SQL comes from ${framework.name}'s offline mode (\`${offline}\`); downs are not captured`
    );
    const fromOffline = await new FrameworkRun(
      { ...options, migrate: `${offline} > "$MIGRATION_GUARD_OFFLINE_SQL"; status=$?; grep '^FAILED' "$MIGRATION_GUARD_OFFLINE_SQL" >&2; exit $status`, rollBack: false },
      new OfflineSqlReader(offlineSql),
      env
    ).run();
    return {
      layout: framework.name,
      migrations: fromOffline.migrations.map((m) => ({ ...m, sqlFrom: "offline" })),
      findings: fromOffline.findings,
      commands: [...live.commands, ...fromOffline.commands]
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
function offlineCommand(framework, migrate) {
  return framework.name === "alembic" ? varied(migrate, "upgrade head --sql") : void 0;
}
var OfflineSqlReader = class {
  constructor(file) {
    this.file = file;
  }
  file;
  take() {
    if (!existsSync(this.file)) return [];
    const text = readFileSync(this.file, "utf8").replace(/^FAILED:.*$/gm, "");
    rmSync(this.file);
    let tx = false;
    return splitSqlite(text).pieces.map((p, i) => {
      const sql = text.slice(p.first, p.end).replace(/;\s*$/, "");
      const before = tx;
      if (p.head?.[0] === "BEGIN") tx = true;
      else if (p.head?.[0] === "COMMIT" || p.head?.[0] === "END" || p.head?.[0] === "ROLLBACK") tx = false;
      return { connection: 1, seq: i + 1, sql, protocol: "simple", txBefore: before ? "T" : "I", txAfter: tx ? "T" : "I", tags: [], startedAt: 0 };
    });
  }
};
export {
  captureSqliteFramework
};
