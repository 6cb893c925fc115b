// Alembic (or any Python migration tool on the standard sqlite3 module) on SQLite:
// its commands run for real, with a sitecustomize hook on PYTHONPATH that (1) sends
// every sqlite3.connect to a scratch copy of the project's database file, so the
// pull request's code never writes the real one, and (2) records each statement the
// connection runs (sqlite3's trace callback) with its transaction state. The trace
// plays the capture proxy's part: the same segmentation by version-table writes, the
// same source lines, the same findings.

import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Config } from '../config';
import type { CapturedQuery } from '../capture/proxy';
import { filesChangedSince } from '../migrations/history';
import { FrameworkRun } from './capture';
import { scrubbedEnv } from './command';
import type { FrameworkDiscovery } from './discover';
import { loadProject } from './project';
import type { Framework, Project } from './types';
import { sqliteFileOf, sqliteUrlOf } from '../sqlite/detect';
import { splitSqlite } from '../sqlite/parse';

/** The hook Python loads at start-up (PYTHONPATH first): redirect and trace sqlite3 connections, then run the system's own sitecustomize. */
const HOOK = String.raw`
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

/** Statements the hook recorded, read as the capture proxy's queries (new ones on each take). */
class TraceReader {
  private read = 0;
  constructor(private readonly file: string) {}

  take(): CapturedQuery[] {
    if (!existsSync(this.file)) return [];
    const lines = readFileSync(this.file, 'utf8').split('\n').filter(Boolean);
    const fresh = lines
      .slice(this.read)
      .map((l) => JSON.parse(l) as { c: number; s: number; sql: string; tx: boolean })
      .filter((r) => !isIntrospection(r.sql));
    this.read = lines.length;
    return fresh.map((r, i) => {
      // The state after a statement is the state before the connection's next one.
      const next = fresh.slice(i + 1).find((x) => x.c === r.c);
      return {
        connection: r.c,
        seq: r.s,
        sql: r.sql,
        protocol: 'simple',
        txBefore: r.tx ? 'T' : 'I',
        ...(next ? { txAfter: next.tx ? 'T' : 'I' } : {}),
        tags: [],
        startedAt: 0,
      };
    });
  }
}

/** PRAGMAs that only read (SQLAlchemy's reflection: `PRAGMA main.table_info("users")`, `PRAGMA read_uncommitted`): the driver's, not the migration's. */
const READ_PRAGMA = /^\s*PRAGMA\s+(?:\w+\.)?(?:\w+\s*;?\s*$|(?:table_x?info|index_list|index_x?info|foreign_key_list)\s*\()/i;

function isIntrospection(sql: string): boolean {
  return READ_PRAGMA.test(sql);
}

/** An Alembic migrate command's `upgrade head`, which the step and offline forms rewrite. */
const UPGRADE_HEAD = /\bupgrade\s+head\b/;

/** `migrate` with its `upgrade head` replaced, or undefined when it has none (a custom command we cannot vary). */
function varied(migrate: string, replacement: string): string | undefined {
  return UPGRADE_HEAD.test(migrate) ? migrate.replace(UPGRADE_HEAD, replacement) : undefined;
}

/** One migration forward: the preset's, or the configured migrate command with `head` made `+1` (`python -m alembic upgrade head`). */
function stepCommand(framework: Framework, project: Project, migrate: string | undefined): string | undefined {
  if (!migrate) return framework.step?.(project);
  return varied(migrate, 'upgrade +1');
}

/** Folders never copied with a project (version control, dependencies, caches). */
const NOT_COPIED = new Set(['.git', 'node_modules', '.venv', 'venv', '__pycache__', '.mypy_cache', '.pytest_cache', '.tox']);

/**
 * Run the project's migrate (and rollback) commands and capture its migrations. They run in a
 * scratch copy of the project folder, so a relative database path lands in the copy even where
 * the hook cannot load; the hook sends every connection to a scratch copy of the database file
 * and traces it. Where nothing was traced (a Python started with -I or -S, a driver outside
 * sqlite3), Alembic's offline mode (`upgrade … --sql`) gives the ups' SQL instead, and the
 * report says so (Migration.sqlFrom).
 */
export async function captureSqliteFramework(
  path: string,
  shown: string,
  framework: Framework,
  config: Config,
  context: { cwd: string; base?: string; rollBack: boolean; log: (line: string) => void },
): Promise<FrameworkDiscovery> {
  const fc = config.framework ?? {};
  const dir = mkdtempSync(join(tmpdir(), 'migration-guard-sqlite-capture-'));
  try {
    const work = join(dir, 'project');
    cpSync(path, work, { recursive: true, filter: (src) => !NOT_COPIED.has(basename(src)) });
    const scratch = join(dir, 'scratch.db');
    const url = sqliteUrlOf(path);
    const original = url ? sqliteFileOf(url, path) : undefined;
    if (original && existsSync(original)) copyFileSync(original, scratch);
    writeFileSync(join(dir, 'sitecustomize.py'), HOOK);
    const trace = join(dir, 'trace.jsonl');
    const offlineSql = join(dir, 'offline.sql');
    const base = scrubbedEnv(process.env);
    const env: NodeJS.ProcessEnv = {
      ...base,
      DATABASE_URL: `sqlite:///${scratch}`,
      MIGRATION_GUARD_SQLITE_DB: scratch,
      MIGRATION_GUARD_SQLITE_TRACE: trace,
      MIGRATION_GUARD_OFFLINE_SQL: offlineSql,
      PYTHONPATH: [dir, base.PYTHONPATH].filter(Boolean).join(':'),
      ...(fc.env ?? {}),
    };
    const project = loadProject(path);
    const migrate = fc.migrate ?? framework.migrate(project);
    const options = {
      framework,
      project,
      shown,
      migrate,
      ...(fc.rollback ? { rollback: fc.rollback } : {}),
      cwd: join(work, fc.cwd ?? '.'),
      timeoutMs: (fc.timeout ?? 300) * 1000,
      rollBack: context.rollBack,
      ...(context.base ? { changedFiles: filesChangedSince(path, context.base) } : {}),
      log: context.log,
    };
    const step = stepCommand(framework, project, fc.migrate);
    const live = await new FrameworkRun({ ...options, ...(step ? { step } : {}) }, new TraceReader(trace), env).run();
    const from = original && existsSync(original) ? original : 'a new SQLite database';
    const traced = existsSync(trace) && statSync(trace).size > 0;
    const offline = !traced && live.commands[0]?.exitCode === 0 ? offlineCommand(framework, migrate) : undefined;
    if (!offline) {
      context.log(`${shown}: ${framework.name} ran on a scratch copy of ${from} (statements traced live)`);
      return { layout: framework.name, migrations: live.migrations.map((m) => ({ ...m, sqlFrom: 'traced' })), findings: live.findings, commands: live.commands };
    }
    // Nothing traced: the SQL of the ups from offline mode; the downs cannot be had that way.
    context.log(
      `${shown}: no SQLite statement could be traced (the command does not load Python's site hooks, or uses a driver other than sqlite3): the ups' SQL comes from ${framework.name}'s offline mode (\`${offline}\`); downs are not captured`,
    );
    const fromOffline = await new FrameworkRun(
      { ...options, migrate: `${offline} > "$MIGRATION_GUARD_OFFLINE_SQL"; status=$?; grep '^FAILED' "$MIGRATION_GUARD_OFFLINE_SQL" >&2; exit $status`, rollBack: false },
      new OfflineSqlReader(offlineSql),
      env,
    ).run();
    return {
      layout: framework.name,
      migrations: fromOffline.migrations.map((m) => ({ ...m, sqlFrom: 'offline' })),
      findings: fromOffline.findings,
      commands: [...live.commands, ...fromOffline.commands],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The offline form of a migrate command (`alembic upgrade head` → `alembic upgrade head --sql`), where the framework has one. */
function offlineCommand(framework: Framework, migrate: string): string | undefined {
  return framework.name === 'alembic' ? varied(migrate, 'upgrade head --sql') : undefined;
}

/** SQL an offline run printed, read as one connection's queries (BEGIN/COMMIT set the transaction state). */
class OfflineSqlReader {
  constructor(private readonly file: string) {}

  take(): CapturedQuery[] {
    if (!existsSync(this.file)) return [];
    // Alembic prints its own failure (`FAILED: …`) where the SQL goes: the command's output has it.
    const text = readFileSync(this.file, 'utf8').replace(/^FAILED:.*$/gm, '');
    rmSync(this.file);
    let tx = false;
    return splitSqlite(text).pieces.map((p, i): CapturedQuery => {
      const sql = text.slice(p.first, p.end).replace(/;\s*$/, '');
      const before = tx;
      if (p.head?.[0] === 'BEGIN') tx = true;
      else if (p.head?.[0] === 'COMMIT' || p.head?.[0] === 'END' || p.head?.[0] === 'ROLLBACK') tx = false;
      return { connection: 1, seq: i + 1, sql, protocol: 'simple', txBefore: before ? 'T' : 'I', txAfter: tx ? 'T' : 'I', tags: [], startedAt: 0 };
    });
  }
}
