// `pglite`: the embedded default. Postgres 18 compiled to WASM, run in a worker
// thread (see pglite-worker.ts for why), in memory: nothing on disk to clean up
// except the start-up cache. A cold start runs initdb in WASM (~4 s here), so the
// first start saves the fresh data dir (gzip, ~4.5 MB) under the cache dir, keyed
// by the PGlite version; later starts load it (~0.5 s).

import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DatabaseUnavailableError } from '../../errors';
import { registerCleanup } from './cleanup';
import { WORKER_SOURCE, type SerializedError, type WorkerInit, type WorkerReply, type WorkerRequest } from './pglite-worker';
import type { Database, QueryResult, StartOptions } from './types';
import { hasCopyProgram } from '../host-access';

/** Extensions PGlite ships (`CREATE EXTENSION` names); plpgsql is built in. */
export const PGLITE_EXTENSIONS = [
  'amcheck',
  'auto_explain',
  'bloom',
  'btree_gin',
  'btree_gist',
  'citext',
  'cube',
  'dict_int',
  'dict_xsyn',
  'earthdistance',
  'file_fdw',
  'fuzzystrmatch',
  'hstore',
  'intarray',
  'isn',
  'lo',
  'ltree',
  'moddatetime',
  'pageinspect',
  'pg_buffercache',
  'pg_freespacemap',
  'pg_stat_statements',
  'pg_surgery',
  'pg_trgm',
  'pg_visibility',
  'pg_walinspect',
  'pgcrypto',
  'seg',
  'tablefunc',
  'tcn',
  'tsm_system_rows',
  'tsm_system_time',
  'unaccent',
  'uuid-ossp',
] as const;

/** Why a COPY … PROGRAM fails on PGlite (see hasCopyProgram). */
export const COPY_PROGRAM_MESSAGE = 'PGlite cannot run COPY … TO/FROM PROGRAM (WebAssembly has no processes; it would hang the embedded database): verify this migration with --database container';

/** Extensions another one needs installed first (CREATE EXTENSION … CASCADE loads them). */
const REQUIRES: Record<string, string[]> = { earthdistance: ['cube'] };

/** A statement ran past the statement timeout. `code` is Postgres's query_canceled SQLSTATE on every provider. */
export class StatementTimeoutError extends Error {
  override name = 'StatementTimeoutError';
  readonly code = '57014';
  constructor(
    readonly timeoutMs: number,
    /** True on PGlite: the statement could not be cancelled, so the database was stopped. */
    readonly databaseStopped: boolean,
  ) {
    super(`canceling statement due to statement timeout (${timeoutMs} ms)`);
  }
}

/** A running PGlite: how it started and what it loaded. */
export interface PgliteDatabase extends Database {
  /** 'warm' when the data dir came from the cache, 'cold' when initdb ran. */
  readonly start: 'warm' | 'cold';
  /** Extensions loaded (CREATE EXTENSION names). */
  readonly extensions: string[];
}

/** The extension names a SQL text creates (`CREATE EXTENSION [IF NOT EXISTS] name`), comments ignored. */
export function extensionsIn(sql: string): string[] {
  const code = sql.replace(/--[^\n]*/g, ' ').replace(/\/\*[\s\S]*?\*\//g, ' ');
  const names = new Set<string>();
  const re = /\bcreate\s+extension\s+(?:if\s+not\s+exists\s+)?("(?:[^"]|"")+"|[A-Za-z_][\w$-]*)/gi;
  for (const m of code.matchAll(re)) {
    const raw = m[1];
    names.add(raw.startsWith('"') ? raw.slice(1, -1).replace(/""/g, '"') : raw.toLowerCase());
  }
  return [...names];
}

/** The migration-guard cache dir: $MIGRATION_GUARD_CACHE_DIR, else $XDG_CACHE_HOME or ~/.cache, else the temp dir. */
export function cacheDir(): string {
  if (process.env.MIGRATION_GUARD_CACHE_DIR) return process.env.MIGRATION_GUARD_CACHE_DIR;
  const home = (() => {
    try {
      return homedir();
    } catch {
      return '';
    }
  })();
  const base = process.env.XDG_CACHE_HOME || (home ? join(home, '.cache') : '');
  return base ? join(base, 'migration-guard') : join(tmpdir(), 'migration-guard-cache');
}

/** The installed PGlite's version (the cache key), or undefined when it cannot be read. */
export function pgliteVersion(): string | undefined {
  try {
    const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
    // …/node_modules/@electric-sql/pglite/dist/index.cjs → …/pglite/package.json
    const pkg = JSON.parse(readFileSync(join(entry, '..', '..', 'package.json'), 'utf8')) as { name?: string; version?: string };
    return pkg.name === '@electric-sql/pglite' ? pkg.version : undefined;
  } catch {
    return undefined;
  }
}

/** The path of the cached, freshly initialized data dir for this PGlite version (undefined: no caching). */
export function dataDirCachePath(): string | undefined {
  if (process.env.MIGRATION_GUARD_PGLITE_CACHE === '0') return undefined;
  const version = pgliteVersion();
  return version ? join(cacheDir(), `pglite-${version}-datadir.tgz`) : undefined;
}

function resolveModule(specifier: string): string {
  try {
    return import.meta.resolve(specifier);
  } catch {
    return pathToFileURL(createRequire(import.meta.url).resolve(specifier)).href;
  }
}

/** Starts PGlite in a worker thread with the given extensions loaded. */
export async function startPglite(options: StartOptions = {}): Promise<PgliteDatabase> {
  const log = options.log ?? (() => {});
  const wanted = new Set<string>();
  for (const name of options.extensions ?? []) {
    for (const dep of REQUIRES[name] ?? []) wanted.add(dep);
    wanted.add(name);
  }
  const loaded: string[] = [];
  const extensionUrls: Record<string, string> = {};
  let pgliteUrl: string;
  try {
    pgliteUrl = resolveModule('@electric-sql/pglite');
    for (const name of wanted) {
      if (name === 'plpgsql') continue;
      if (!(PGLITE_EXTENSIONS as readonly string[]).includes(name)) {
        log(`pglite: extension "${name}" is not available in PGlite; its CREATE EXTENSION will fail`);
        continue;
      }
      const exportName = name.replace(/-/g, '_');
      extensionUrls[exportName] = resolveModule(`@electric-sql/pglite/contrib/${exportName}`);
      loaded.push(name);
    }
  } catch (err) {
    throw new DatabaseUnavailableError(`pglite: cannot locate @electric-sql/pglite: ${(err as Error).message}`);
  }

  const cachePath = dataDirCachePath();
  let dataDir: Uint8Array | null = null;
  if (cachePath && existsSync(cachePath)) {
    try {
      dataDir = readFileSync(cachePath);
    } catch {
      dataDir = null;
    }
  }
  // the worker saves a data dir only after a cold start (no cache yet, or an unusable one it replaces)
  const init: WorkerInit = { pgliteUrl, extensions: extensionUrls, dataDir, cachePath: cachePath ?? null };
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: init });

  let gone: string | undefined;
  let stopped = false;
  let stopping: Promise<void> | undefined;
  let timeoutMs = options.statementTimeoutMs ?? 0;
  let nextId = 1;
  const pending = new Map<number, { resolve: (rows: unknown[] | undefined) => void; reject: (err: unknown) => void }>();
  const unavailable = () => new DatabaseUnavailableError(`pglite: the database is no longer available (${gone})`);
  const failAll = (reason: string) => {
    gone ??= reason;
    for (const p of pending.values()) p.reject(unavailable());
    pending.clear();
  };

  const ready = new Promise<Extract<WorkerReply, { type: 'ready' }>>((resolve, reject) => {
    worker.on('message', (msg: WorkerReply) => {
      if (msg.type === 'ready') resolve(msg);
      else if (msg.type === 'failed') reject(new DatabaseUnavailableError(`pglite: could not start: ${msg.message.split('\n')[0]}`));
      else {
        const p = pending.get(msg.id);
        if (!p) return;
        pending.delete(msg.id);
        if (msg.type === 'result') p.resolve(msg.rows);
        else {
          if (msg.error.fatal) {
            gone ??= `the embedded Postgres crashed: ${msg.error.message}`;
            void terminate();
            p.reject(unavailable());
          } else p.reject(toError(msg.error));
        }
      }
    });
    worker.on('error', (err) => {
      reject(new DatabaseUnavailableError(`pglite: could not start: ${err.message}`));
      failAll(`the PGlite worker failed: ${err.message}`);
    });
    worker.on('exit', (code) => {
      reject(new DatabaseUnavailableError(`pglite: the worker exited during start-up (code ${code})`));
      failAll(stopped ? 'it was stopped' : `the PGlite worker exited (code ${code})`);
    });
  });

  const terminate = async () => {
    await worker.terminate().catch(() => {});
  };
  const unregister = registerCleanup('pglite worker', terminate);

  const call = (req: WorkerCall): Promise<unknown[] | undefined> => {
    if (stopped) return Promise.reject(new DatabaseUnavailableError('pglite: the database was already stopped'));
    if (gone) return Promise.reject(unavailable());
    if ((req.op === 'query' || req.op === 'exec') && hasCopyProgram(req.sql)) {
      // a failed statement (SQLSTATE feature_not_supported), not a wedged database
      return Promise.reject(Object.assign(new Error(COPY_PROGRAM_MESSAGE), { code: '0A000' }));
    }
    const id = nextId++;
    const limit = timeoutMs;
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const done =
        <A extends unknown[]>(fn: (...a: A) => void) =>
        (...a: A) => {
          clearTimeout(timer);
          fn(...a);
        };
      pending.set(id, { resolve: done(resolve), reject: done(reject) });
      if (limit > 0 && req.op !== 'close') {
        timer = setTimeout(() => {
          if (!pending.delete(id)) return;
          // PGlite cannot cancel a running statement: stop the whole embedded database
          gone ??= `a statement ran past the ${limit} ms statement timeout; PGlite cannot cancel a running statement, so the embedded database was stopped`;
          void terminate();
          failAll(gone);
          reject(new StatementTimeoutError(limit, true));
        }, limit);
      }
      worker.postMessage({ ...req, id });
    });
  };

  let started: Extract<WorkerReply, { type: 'ready' }>;
  try {
    started = await ready;
  } catch (err) {
    await terminate();
    unregister();
    throw err;
  }
  if (started.cacheNote) log(`pglite: ${started.cacheNote}`);
  log(
    `pglite: PostgreSQL ${started.serverVersion} (PGlite ${pgliteVersion() ?? '?'}), ${started.cold ? 'cold start (initdb)' : 'warm start (cached data dir)'} ` +
      `${Math.round(started.ms.create)} ms` +
      (loaded.length ? `, extensions: ${loaded.join(', ')}` : ''),
  );

  const db: PgliteDatabase = {
    kind: 'pglite',
    capabilities: { timeoutStopsDatabase: true, jit: false },
    serverVersion: started.serverVersion,
    start: started.cold ? 'cold' : 'warm',
    extensions: loaded,
    async query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>> {
      const rows = await call({ op: 'query', sql, params });
      return { rows: (rows ?? []) as T[] };
    },
    async exec(sql: string): Promise<void> {
      await call({ op: 'exec', sql });
    },
    setStatementTimeout(ms: number): Promise<void> {
      timeoutMs = Math.max(0, Math.floor(ms));
      return Promise.resolve();
    },
    stop(): Promise<void> {
      stopping ??= (async () => {
        if (!gone) {
          await Promise.race([call({ op: 'close' }).catch(() => {}), new Promise((r) => setTimeout(r, 2_000))]);
        }
        stopped = true;
        await terminate();
        unregister();
      })();
      return stopping;
    },
  };
  return db;
}

/** A request without its id (Omit over a union would keep only the common keys). */
type WorkerCall = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;

/** Rebuilds a Postgres error from the worker as an Error with the same fields (code, position, detail, …). */
function toError(e: SerializedError): Error {
  const err = new Error(e.message);
  for (const [k, v] of Object.entries(e)) if (k !== 'message' && k !== 'fatal') (err as unknown as Record<string, unknown>)[k] = v;
  return err;
}
