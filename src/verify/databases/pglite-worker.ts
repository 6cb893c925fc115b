// The source of the worker thread that hosts PGlite. PGlite runs Postgres as
// synchronous WASM: a long statement blocks its thread, and statement_timeout
// never fires (single-user mode has no SIGALRM; measured: `SET statement_timeout
// = 200; SELECT pg_sleep(2)` completes after 2 s). In a worker, the main thread
// stays free to enforce the timeout (terminate the worker) and to handle Ctrl-C.
//
// Kept as plain JavaScript in a string and started with `eval: true`, so it works
// the same under tsx, a tsc build and a bundle (no second file to locate); the
// modules it imports are resolved by the main thread and passed as file URLs.

/** Messages from the main thread. */
export type WorkerRequest = { id: number; op: 'query'; sql: string; params?: unknown[] } | { id: number; op: 'exec'; sql: string } | { id: number; op: 'close' };

/** Messages to the main thread. */
export type WorkerReply =
  | { type: 'ready'; serverVersion: string; cold: boolean; cacheNote?: string; ms: { create: number; dump: number } }
  | { type: 'failed'; message: string }
  | { type: 'result'; id: number; rows?: unknown[] }
  | { type: 'error'; id: number; error: SerializedError };

/** A Postgres error's fields, copied across the thread boundary. */
export interface SerializedError {
  name: string;
  message: string;
  fatal: boolean;
  [field: string]: unknown;
}

/** What the worker is started with. */
export interface WorkerInit {
  pgliteUrl: string;
  /** Extension export name → module URL. */
  extensions: Record<string, string>;
  /** A gzipped data-dir tarball from an earlier start, or null for a cold start. */
  dataDir: Uint8Array | null;
  /** Where to save the data dir after a cold start (null: don't); a warm start never writes. */
  cachePath: string | null;
}

export const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const path = require('node:path');
const FIELDS = ['code', 'severity', 'detail', 'hint', 'position', 'internalPosition', 'internalQuery',
  'where', 'schema', 'table', 'column', 'dataType', 'constraint', 'file', 'line', 'routine'];
function serialize(err) {
  const out = { name: (err && err.name) || 'Error', message: String((err && err.message) || err), fatal: false };
  for (const f of FIELDS) if (err && err[f] !== undefined) out[f] = err[f];
  // a WASM trap or abort leaves PGlite unusable
  if (!out.code && /RuntimeError|unreachable|Aborted|out of memory/i.test(out.name + ' ' + out.message)) out.fatal = true;
  return out;
}
(async () => {
  const init = workerData;
  let db;
  let cold = true;
  let cacheNote;
  const t0 = performance.now();
  try {
    const { PGlite } = await import(init.pgliteUrl);
    const extensions = {};
    for (const [name, url] of Object.entries(init.extensions)) {
      const mod = await import(url);
      extensions[name] = mod[name];
    }
    // rows typed like node-postgres: int8 as a string (PGlite's default is a lossy number)
    const options = { extensions, parsers: { 20: (x) => x } };
    if (init.dataDir) {
      try {
        db = await PGlite.create({ ...options, loadDataDir: new Blob([init.dataDir]) });
        cold = false;
      } catch (err) {
        cacheNote = 'cached data dir unusable (' + (err && err.message) + '), initialized a new one';
        db = undefined;
      }
    }
    if (!db) db = await PGlite.create(options);
    const tCreate = performance.now();
    if (cold && init.cachePath) {
      try {
        const blob = await db.dumpDataDir('gzip');
        const bytes = Buffer.from(await blob.arrayBuffer());
        fs.mkdirSync(path.dirname(init.cachePath), { recursive: true });
        const tmp = init.cachePath + '.' + process.pid + '.tmp';
        fs.writeFileSync(tmp, bytes);
        fs.renameSync(tmp, init.cachePath);
      } catch (err) {
        cacheNote = 'could not save the data dir cache: ' + (err && err.message);
      }
    }
    const tDump = performance.now();
    const v = await db.query('SHOW server_version');
    parentPort.postMessage({ type: 'ready', serverVersion: v.rows[0].server_version, cold, cacheNote,
      ms: { create: tCreate - t0, dump: tDump - tCreate } });
  } catch (err) {
    parentPort.postMessage({ type: 'failed', message: String((err && err.stack) || err) });
    return;
  }
  parentPort.on('message', async (msg) => {
    try {
      if (msg.op === 'query') {
        const res = await db.query(msg.sql, msg.params || []);
        parentPort.postMessage({ type: 'result', id: msg.id, rows: res.rows });
      } else if (msg.op === 'exec') {
        await db.exec(msg.sql);
        parentPort.postMessage({ type: 'result', id: msg.id });
      } else if (msg.op === 'close') {
        await db.close();
        parentPort.postMessage({ type: 'result', id: msg.id });
      }
    } catch (err) {
      parentPort.postMessage({ type: 'error', id: msg.id, error: serialize(err) });
    }
  });
})();
`;
