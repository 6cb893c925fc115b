// Alembic (or any Python migration tool on the standard sqlite3 module) on SQLite:
// its commands run for real, with a sitecustomize hook on PYTHONPATH that (1) sends
// every sqlite3.connect to a scratch copy of the project's database file, so the
// pull request's code never writes the real one, and (2) records each statement the
// connection runs (sqlite3's trace callback) with its transaction state. The trace
// plays the capture proxy's part: the same segmentation by version-table writes, the
// same source lines, the same findings.

import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../config';
import type { CapturedQuery } from '../capture/proxy';
import { filesChangedSince } from '../migrations/history';
import { FrameworkRun } from './capture';
import { scrubbedEnv } from './command';
import type { FrameworkDiscovery } from './discover';
import { loadProject } from './project';
import type { Framework } from './types';
import { sqliteFileOf, sqliteUrlOf } from '../sqlite/detect';

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
      } as CapturedQuery;
    });
  }
}

/** PRAGMAs that only read (SQLAlchemy's reflection: `PRAGMA main.table_info("users")`, `PRAGMA read_uncommitted`): the driver's, not the migration's. */
const READ_PRAGMA = /^\s*PRAGMA\s+(?:\w+\.)?(?:\w+\s*;?\s*$|(?:table_x?info|index_list|index_x?info|foreign_key_list)\s*\()/i;

function isIntrospection(sql: string): boolean {
  return READ_PRAGMA.test(sql);
}

/** Run the project's migrate (and rollback) commands on a scratch copy of its SQLite database and capture its migrations. */
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
    const scratch = join(dir, 'scratch.db');
    const url = sqliteUrlOf(path);
    const original = url ? sqliteFileOf(url, path) : undefined;
    if (original && existsSync(original)) copyFileSync(original, scratch);
    writeFileSync(join(dir, 'sitecustomize.py'), HOOK);
    const trace = join(dir, 'trace.jsonl');
    const base = scrubbedEnv(process.env);
    const env: NodeJS.ProcessEnv = {
      ...base,
      DATABASE_URL: `sqlite:///${scratch}`,
      MIGRATION_GUARD_SQLITE_DB: scratch,
      MIGRATION_GUARD_SQLITE_TRACE: trace,
      PYTHONPATH: [dir, base.PYTHONPATH].filter(Boolean).join(':'),
      ...(fc.env ?? {}),
    };
    const project = loadProject(path);
    const run = new FrameworkRun(
      {
        framework,
        project,
        shown,
        ...(fc.migrate ? { migrate: fc.migrate } : {}),
        ...(fc.rollback ? { rollback: fc.rollback } : {}),
        ...(fc.cwd ? { cwd: fc.cwd } : {}),
        timeoutMs: (fc.timeout ?? 300) * 1000,
        rollBack: context.rollBack,
        ...(context.base ? { changedFiles: filesChangedSince(path, context.base) } : {}),
        log: context.log,
      },
      new TraceReader(trace),
      env,
    );
    const capture = await run.run();
    context.log(`${shown}: ${framework.name} ran on a scratch copy of ${original && existsSync(original) ? original : 'a new SQLite database'} (statements traced live)`);
    return { layout: framework.name, migrations: capture.migrations, findings: capture.findings, commands: capture.commands };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
