// migration-guard GitHub Action, bundled by scripts/build-action.mjs. Do not edit: run `npm run build:action`.
import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
const require = __mgCreateRequire(import.meta.url);
const __filename = __mgFileURLToPath(import.meta.url);
const __dirname = __mgDirname(__filename);
import {
  DATABASE_CHOICES,
  DATABASE_KINDS
} from "./chunk-UVGOZJHJ.js";
import {
  findPgBinaries,
  openServerSession,
  registerCleanup,
  runCleanups,
  startLocal,
  startReaper
} from "./chunk-XRJK577H.js";
import {
  esm_default
} from "./chunk-PCOTMPAF.js";
import {
  hasCopyProgram
} from "./chunk-SQR4IJE3.js";
import {
  DatabaseUnavailableError,
  UsageError
} from "./chunk-WEIKHWOF.js";
import "./chunk-L63O7JR3.js";
import "./chunk-CC3LKNC6.js";
import "./chunk-P6Q5PN73.js";

// src/verify/databases/container.ts
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
var DEFAULT_POSTGRES_IMAGE = "postgres:17-alpine";
var RUN_LABEL = "dev.migration-guard.run";
function applyTestcontainersDefaults(env = process.env) {
  env.TESTCONTAINERS_RYUK_DISABLED ??= "true";
  const host = env.DOCKER_HOST;
  if (!host || host.startsWith("unix://") || host.startsWith("npipe://")) env.TESTCONTAINERS_HOST_OVERRIDE ??= "localhost";
}
async function startContainer(options = {}) {
  const log = options.log ?? (() => {
  });
  const image = options.postgresImage || (options.pgMajor ? `postgres:${options.pgMajor}-alpine` : DEFAULT_POSTGRES_IMAGE);
  const runId = `${process.pid}-${randomBytes(4).toString("hex")}`;
  const password = randomBytes(12).toString("hex");
  applyTestcontainersDefaults();
  const { GenericContainer, Wait } = await import("./chunk-RKFOYTIW.js");
  let containerId;
  let stopContainer;
  const removeSync = () => removeContainersSync(runId, containerId);
  const stopAll = async () => {
    if (stopContainer) await stopContainer();
    else removeSync();
  };
  const unregister = registerCleanup(`container ${image} (run ${runId})`, stopAll, removeSync);
  let started;
  const t0 = Date.now();
  try {
    started = await new GenericContainer(image).withEnvironment({ POSTGRES_USER: "postgres", POSTGRES_PASSWORD: password, POSTGRES_DB: "postgres" }).withCommand(["postgres", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]).withExposedPorts(5432).withLabels({ [RUN_LABEL]: runId }).withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2)).withStartupTimeout(12e4).start();
  } catch (err) {
    removeSync();
    unregister();
    throw new DatabaseUnavailableError(describeStartError(image, err));
  }
  const container = started;
  containerId = container.getId();
  stopContainer = async () => {
    await container.stop({ remove: true, removeVolumes: true }).catch(() => removeSync());
  };
  const host = container.getHost();
  const port = container.getMappedPort(5432);
  log(`container: ${image} (${containerId.slice(0, 12)}) on ${host}:${port}, ready in ${Date.now() - t0} ms`);
  const teardown = async () => {
    await stopAll();
    unregister();
  };
  try {
    const session = await openServerSession({
      kind: "container",
      connection: { host, port, user: "postgres", password, database: "postgres" },
      url: `postgresql://postgres:${password}@${host}:${port}/postgres`,
      teardown,
      statementTimeoutMs: options.statementTimeoutMs
    });
    const db = Object.assign(session, { containerId, runId, image });
    return db;
  } catch (err) {
    await teardown().catch(() => {
    });
    throw err;
  }
}
function describeStartError(image, err) {
  const msg = err.message ?? String(err);
  if (/Could not find a working container runtime strategy/i.test(msg)) {
    return 'container: no container engine answers (is Docker running? testcontainers: "Could not find a working container runtime strategy"). Start Docker or use --database pglite.';
  }
  if (/pull|registry|manifest|not found|no such host/i.test(msg)) {
    return `container: image "${image}" is not available locally and could not be pulled (${msg.split("\n")[0]}). Pull or build it first (scripts/setup-docker.sh builds a local stand-in), or pass --postgres-image.`;
  }
  return `container: could not start ${image}: ${msg.split("\n")[0]}`;
}
function removeContainersSync(runId, containerId) {
  const script = `
const http = require('node:http');
const [runId, id, label] = process.argv.slice(1);
const h = process.env.DOCKER_HOST || 'unix:///var/run/docker.sock';
const base = h.startsWith('unix://') ? { socketPath: h.slice(7) }
  : h.startsWith('tcp://') ? { host: new URL('http://' + h.slice(6)).hostname, port: Number(new URL('http://' + h.slice(6)).port) || 2375 }
  : { socketPath: '/var/run/docker.sock' };
const req = (method, path) => new Promise((resolve) => {
  const r = http.request({ ...base, method, path, timeout: 5000 }, (res) => {
    let body = ''; res.on('data', (c) => (body += c)); res.on('end', () => resolve(body));
  });
  r.on('error', () => resolve('')); r.on('timeout', () => { r.destroy(); resolve(''); }); r.end();
});
(async () => {
  const ids = new Set(id ? [id] : []);
  const filters = encodeURIComponent(JSON.stringify({ label: [label + '=' + runId] }));
  try { for (const c of JSON.parse(await req('GET', '/containers/json?all=1&filters=' + filters))) ids.add(c.Id); } catch {}
  for (const c of ids) await req('DELETE', '/containers/' + c + '?force=true&v=true');
})();`;
  spawnSync(process.execPath, ["-e", script, runId, containerId ?? "", RUN_LABEL], { stdio: "ignore", timeout: 15e3 });
}

// src/verify/databases/pglite.ts
import { createRequire } from "node:module";
import { existsSync, readFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

// src/verify/databases/pglite-worker.ts
var WORKER_SOURCE = String.raw`
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

// src/verify/databases/pglite.ts
var PGLITE_EXTENSIONS = [
  "amcheck",
  "auto_explain",
  "bloom",
  "btree_gin",
  "btree_gist",
  "citext",
  "cube",
  "dict_int",
  "dict_xsyn",
  "earthdistance",
  "file_fdw",
  "fuzzystrmatch",
  "hstore",
  "intarray",
  "isn",
  "lo",
  "ltree",
  "moddatetime",
  "pageinspect",
  "pg_buffercache",
  "pg_freespacemap",
  "pg_stat_statements",
  "pg_surgery",
  "pg_trgm",
  "pg_visibility",
  "pg_walinspect",
  "pgcrypto",
  "seg",
  "tablefunc",
  "tcn",
  "tsm_system_rows",
  "tsm_system_time",
  "unaccent",
  "uuid-ossp"
];
var COPY_PROGRAM_MESSAGE = "PGlite cannot run COPY \u2026 TO/FROM PROGRAM (WebAssembly has no processes; it would hang the embedded database): verify this migration with --database container";
var REQUIRES = { earthdistance: ["cube"] };
var StatementTimeoutError = class extends Error {
  constructor(timeoutMs, databaseStopped) {
    super(`canceling statement due to statement timeout (${timeoutMs} ms)`);
    this.timeoutMs = timeoutMs;
    this.databaseStopped = databaseStopped;
  }
  timeoutMs;
  databaseStopped;
  name = "StatementTimeoutError";
  code = "57014";
};
function extensionsIn(sql) {
  const code = sql.replace(/--[^\n]*/g, " ").replace(/\/\*[\s\S]*?\*\//g, " ");
  const names = /* @__PURE__ */ new Set();
  const re = /\bcreate\s+extension\s+(?:if\s+not\s+exists\s+)?("(?:[^"]|"")+"|[A-Za-z_][\w$-]*)/gi;
  for (const m of code.matchAll(re)) {
    const raw = m[1];
    names.add(raw.startsWith('"') ? raw.slice(1, -1).replace(/""/g, '"') : raw.toLowerCase());
  }
  return [...names];
}
function cacheDir() {
  if (process.env.MIGRATION_GUARD_CACHE_DIR) return process.env.MIGRATION_GUARD_CACHE_DIR;
  const home = (() => {
    try {
      return homedir();
    } catch {
      return "";
    }
  })();
  const base = process.env.XDG_CACHE_HOME || (home ? join(home, ".cache") : "");
  return base ? join(base, "migration-guard") : join(tmpdir(), "migration-guard-cache");
}
function pgliteVersion() {
  try {
    const entry = createRequire(import.meta.url).resolve("@electric-sql/pglite");
    const pkg = JSON.parse(readFileSync(join(entry, "..", "..", "package.json"), "utf8"));
    return pkg.name === "@electric-sql/pglite" ? pkg.version : void 0;
  } catch {
    return void 0;
  }
}
function dataDirCachePath() {
  if (process.env.MIGRATION_GUARD_PGLITE_CACHE === "0") return void 0;
  const version = pgliteVersion();
  return version ? join(cacheDir(), `pglite-${version}-datadir.tgz`) : void 0;
}
function resolveModule(specifier) {
  try {
    return import.meta.resolve(specifier);
  } catch {
    return pathToFileURL(createRequire(import.meta.url).resolve(specifier)).href;
  }
}
async function startPglite(options = {}) {
  const log = options.log ?? (() => {
  });
  const wanted = /* @__PURE__ */ new Set();
  for (const name of options.extensions ?? []) {
    for (const dep of REQUIRES[name] ?? []) wanted.add(dep);
    wanted.add(name);
  }
  const loaded = [];
  const extensionUrls = {};
  let pgliteUrl;
  try {
    pgliteUrl = resolveModule("@electric-sql/pglite");
    for (const name of wanted) {
      if (name === "plpgsql") continue;
      if (!PGLITE_EXTENSIONS.includes(name)) {
        log(`pglite: extension "${name}" is not available in PGlite; its CREATE EXTENSION will fail`);
        continue;
      }
      const exportName = name.replace(/-/g, "_");
      extensionUrls[exportName] = resolveModule(`@electric-sql/pglite/contrib/${exportName}`);
      loaded.push(name);
    }
  } catch (err) {
    throw new DatabaseUnavailableError(`pglite: cannot locate @electric-sql/pglite: ${err.message}`);
  }
  const cachePath = dataDirCachePath();
  let dataDir = null;
  if (cachePath && existsSync(cachePath)) {
    try {
      dataDir = readFileSync(cachePath);
    } catch {
      dataDir = null;
    }
  }
  const init = { pgliteUrl, extensions: extensionUrls, dataDir, cachePath: cachePath ?? null };
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: init });
  let gone;
  let stopped = false;
  let stopping;
  let timeoutMs = options.statementTimeoutMs ?? 0;
  let nextId = 1;
  const pending = /* @__PURE__ */ new Map();
  const unavailable = () => new DatabaseUnavailableError(`pglite: the database is no longer available (${gone})`);
  const failAll = (reason) => {
    gone ??= reason;
    for (const p of pending.values()) p.reject(unavailable());
    pending.clear();
  };
  const ready = new Promise((resolve, reject) => {
    worker.on("message", (msg) => {
      if (msg.type === "ready") resolve(msg);
      else if (msg.type === "failed") reject(new DatabaseUnavailableError(`pglite: could not start: ${msg.message.split("\n")[0]}`));
      else {
        const p = pending.get(msg.id);
        if (!p) return;
        pending.delete(msg.id);
        if (msg.type === "result") p.resolve(msg.rows);
        else {
          if (msg.error.fatal) {
            gone ??= `the embedded Postgres crashed: ${msg.error.message}`;
            void terminate();
            p.reject(unavailable());
          } else p.reject(toError(msg.error));
        }
      }
    });
    worker.on("error", (err) => {
      reject(new DatabaseUnavailableError(`pglite: could not start: ${err.message}`));
      failAll(`the PGlite worker failed: ${err.message}`);
    });
    worker.on("exit", (code) => {
      reject(new DatabaseUnavailableError(`pglite: the worker exited during start-up (code ${code})`));
      failAll(stopped ? "it was stopped" : `the PGlite worker exited (code ${code})`);
    });
  });
  const terminate = async () => {
    await worker.terminate().catch(() => {
    });
  };
  const unregister = registerCleanup("pglite worker", terminate);
  const call = (req) => {
    if (stopped) return Promise.reject(new DatabaseUnavailableError("pglite: the database was already stopped"));
    if (gone) return Promise.reject(unavailable());
    if ((req.op === "query" || req.op === "exec") && hasCopyProgram(req.sql)) {
      return Promise.reject(Object.assign(new Error(COPY_PROGRAM_MESSAGE), { code: "0A000" }));
    }
    const id = nextId++;
    const limit = timeoutMs;
    return new Promise((resolve, reject) => {
      let timer;
      const done = (fn) => (...a) => {
        clearTimeout(timer);
        fn(...a);
      };
      pending.set(id, { resolve: done(resolve), reject: done(reject) });
      if (limit > 0 && req.op !== "close") {
        timer = setTimeout(() => {
          if (!pending.delete(id)) return;
          gone ??= `a statement ran past the ${limit} ms statement timeout; PGlite cannot cancel a running statement, so the embedded database was stopped`;
          void terminate();
          failAll(gone);
          reject(new StatementTimeoutError(limit, true));
        }, limit);
      }
      worker.postMessage({ ...req, id });
    });
  };
  let started;
  try {
    started = await ready;
  } catch (err) {
    await terminate();
    unregister();
    throw err;
  }
  if (started.cacheNote) log(`pglite: ${started.cacheNote}`);
  log(
    `pglite: PostgreSQL ${started.serverVersion} (PGlite ${pgliteVersion() ?? "?"}), ${started.cold ? "cold start (initdb)" : "warm start (cached data dir)"} ${Math.round(started.ms.create)} ms` + (loaded.length ? `, extensions: ${loaded.join(", ")}` : "")
  );
  const db = {
    kind: "pglite",
    capabilities: { timeoutStopsDatabase: true, jit: false },
    serverVersion: started.serverVersion,
    start: started.cold ? "cold" : "warm",
    extensions: loaded,
    async query(sql, params) {
      const rows = await call({ op: "query", sql, params });
      return { rows: rows ?? [] };
    },
    async exec(sql) {
      await call({ op: "exec", sql });
    },
    setStatementTimeout(ms) {
      timeoutMs = Math.max(0, Math.floor(ms));
      return Promise.resolve();
    },
    stop() {
      stopping ??= (async () => {
        if (!gone) {
          await Promise.race([call({ op: "close" }).catch(() => {
          }), new Promise((r) => setTimeout(r, 2e3))]);
        }
        stopped = true;
        await terminate();
        unregister();
      })();
      return stopping;
    }
  };
  return db;
}
function toError(e) {
  const err = new Error(e.message);
  for (const [k, v] of Object.entries(e)) if (k !== "message" && k !== "fatal") err[k] = v;
  return err;
}

// src/verify/databases/url.ts
import { spawnSync as spawnSync2 } from "node:child_process";
import { randomBytes as randomBytes2 } from "node:crypto";
import { createRequire as createRequire2 } from "node:module";
var SCRATCH_PREFIX = "mg_scratch_";
function redactUrl(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "<unparseable database URL>";
  }
}
function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}
function quoteIdent(name) {
  return `"${name.replace(/"/g, '""')}"`;
}
async function startUrl(options = {}) {
  const log = options.log ?? (() => {
  });
  const url = options.databaseUrl;
  if (!url) throw new UsageError("--database url needs --database-url (or DATABASE_URL)");
  let parsed;
  try {
    parsed = new URL(url);
    if (!/^postgres(ql)?:$/.test(parsed.protocol)) throw new Error(`unsupported scheme ${parsed.protocol}`);
  } catch (err) {
    throw new UsageError(`--database-url is not a postgres:// URL (${err.message}): ${redactUrl(url)}`);
  }
  const where = redactUrl(url);
  const scratch = `${SCRATCH_PREFIX}${randomBytes2(6).toString("hex")}`;
  let adminUrl = url;
  let admin = new esm_default.Client({ connectionString: adminUrl });
  admin.on("error", () => {
  });
  try {
    try {
      await admin.connect();
    } catch (err) {
      if (err.code !== "3D000" || parsed.pathname.length > 1) throw err;
      adminUrl = withDatabase(url, "postgres");
      admin = new esm_default.Client({ connectionString: adminUrl });
      admin.on("error", () => {
      });
      await admin.connect();
    }
  } catch (err) {
    throw new DatabaseUnavailableError(`url: could not connect to ${where}: ${err.message}`);
  }
  let created = false;
  let dropped = false;
  let reaper;
  const drop = async () => {
    if (!created || dropped) return;
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(scratch)} WITH (FORCE)`);
    } catch {
      await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [scratch]).catch(() => {
      });
      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(scratch)}`);
    }
    dropped = true;
  };
  const dropSync = () => {
    if (created && !dropped) dropScratchSync(adminUrl, scratch);
    reaper?.disarm();
  };
  const stopAll = async () => {
    try {
      await drop();
    } catch (err) {
      const again = new esm_default.Client({ connectionString: adminUrl });
      again.on("error", () => {
      });
      try {
        await again.connect();
        await again.query(`DROP DATABASE IF EXISTS ${quoteIdent(scratch)} WITH (FORCE)`);
        dropped = true;
      } catch {
        log(`url: could not drop the scratch database ${scratch} on ${where}: ${err.message}`);
      } finally {
        await again.end().catch(() => {
        });
      }
    } finally {
      await admin.end().catch(() => {
      });
      reaper?.disarm();
    }
  };
  const unregister = registerCleanup(`scratch database ${scratch}`, stopAll, dropSync);
  const teardown = async () => {
    await stopAll();
    unregister();
  };
  try {
    try {
      await admin.query(`CREATE DATABASE ${quoteIdent(scratch)}`);
      created = true;
      try {
        reaper = startReaper({ kind: "url", adminUrl, scratch, pgPath: createRequire2(import.meta.url).resolve("pg") });
      } catch {
      }
    } catch (err) {
      const e = err;
      const hint = e.code === "42501" ? " The role needs CREATEDB (ALTER ROLE \u2026 CREATEDB), or use --database pglite." : "";
      throw new DatabaseUnavailableError(`url: could not create the scratch database on ${where}: ${e.message}.${hint}`);
    }
    log(`url: created scratch database ${scratch} on ${where}`);
    const scratchUrl = withDatabase(url, scratch);
    const session = await openServerSession({
      kind: "url",
      connection: { connectionString: scratchUrl },
      url: scratchUrl,
      teardown,
      statementTimeoutMs: options.statementTimeoutMs
    });
    const where2 = await session.query("SELECT current_database() AS db");
    if (where2.rows[0]?.db !== scratch) {
      await session.stop();
      throw new DatabaseUnavailableError(`url: connected to database "${where2.rows[0]?.db}" instead of the scratch database ${scratch}; refusing to run there`);
    }
    const db = Object.assign(session, { scratchDatabase: scratch });
    return db;
  } catch (err) {
    await teardown().catch(() => {
    });
    throw err;
  }
}
function dropScratchSync(url, scratch) {
  if (!scratch.startsWith(SCRATCH_PREFIX)) return;
  let pgPath;
  try {
    pgPath = createRequire2(import.meta.url).resolve("pg");
  } catch {
    process.stderr.write(`migration-guard: scratch database ${scratch} may be left on ${redactUrl(url)}; drop it by hand
`);
    return;
  }
  const script = `
const pg = require(process.argv[1]);
const c = new pg.Client({ connectionString: process.argv[2] });
c.on('error', () => {});
c.connect()
  .then(() => c.query('DROP DATABASE IF EXISTS "' + process.argv[3] + '" WITH (FORCE)'))
  .catch(() => {})
  .finally(() => c.end().catch(() => {}));`;
  spawnSync2(process.execPath, ["-e", script, pgPath, url, scratch], { stdio: "ignore", timeout: 1e4 });
}

// src/verify/databases/index.ts
function resolveDatabaseKind(kind, options = {}) {
  const k = kind ?? "auto";
  if (k === "auto") return options.databaseUrl ? "url" : hasLocalMajor(options.autoPrefersMajor) ? "local" : "pglite";
  if (DATABASE_KINDS.includes(k)) return k;
  throw new UsageError(`--database must be one of ${DATABASE_CHOICES.join(", ")} (got "${k}")`);
}
function hasLocalMajor(major) {
  if (major === void 0) return false;
  try {
    return findPgBinaries(void 0, major).major === major;
  } catch {
    return false;
  }
}
async function startDatabase(kind, options = {}) {
  const resolved = resolveDatabaseKind(kind, options);
  const db = await START[resolved](options);
  options.log?.(`database: ${db.kind}, PostgreSQL ${db.serverVersion}`);
  return db;
}
var START = {
  pglite: startPglite,
  local: startLocal,
  container: startContainer,
  url: startUrl
};
export {
  DATABASE_CHOICES,
  DEFAULT_POSTGRES_IMAGE,
  PGLITE_EXTENSIONS,
  StatementTimeoutError,
  extensionsIn,
  registerCleanup,
  resolveDatabaseKind,
  runCleanups,
  startDatabase
};
