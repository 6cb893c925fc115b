// migration-guard GitHub Action, bundled by scripts/build-action.mjs. Do not edit: run `npm run build:action`.
import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
const require = __mgCreateRequire(import.meta.url);
const __filename = __mgFileURLToPath(import.meta.url);
const __dirname = __mgDirname(__filename);
import {
  esm_default
} from "./chunk-PCOTMPAF.js";
import {
  DatabaseUnavailableError
} from "./chunk-WEIKHWOF.js";

// src/verify/databases/local.ts
import { spawn as spawn2, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, readlinkSync, rmSync, mkdtempSync, chownSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";

// src/verify/databases/cleanup.ts
var entries = /* @__PURE__ */ new Set();
var installed = false;
var exiting = false;
var SIGNAL_GRACE_MS = 1e4;
function registerCleanup(name, stop, stopSync) {
  const entry = { name, stop, stopSync };
  entries.add(entry);
  install();
  return () => {
    entries.delete(entry);
    if (entries.size === 0) uninstall();
  };
}
async function runCleanups(graceMs = SIGNAL_GRACE_MS) {
  const all = [...entries];
  await Promise.all(
    all.map(async (entry) => {
      let timer;
      const ok = await Promise.race([
        entry.stop().then(
          () => true,
          () => false
        ),
        new Promise((resolve) => {
          timer = setTimeout(() => resolve(false), graceMs);
        })
      ]);
      clearTimeout(timer);
      if (!ok) runSync(entry);
      entries.delete(entry);
    })
  );
  if (entries.size === 0) uninstall();
}
function runSync(entry) {
  try {
    entry.stopSync?.();
  } catch {
  }
}
function onSignal(signal) {
  const code = signal === "SIGINT" ? 130 : signal === "SIGHUP" ? 129 : 143;
  if (exiting) {
    for (const entry of entries) runSync(entry);
    entries.clear();
    process.exit(code);
  }
  exiting = true;
  process.stderr.write(`
migration-guard: ${signal}, stopping the throwaway database\u2026
`);
  void runCleanups().finally(() => process.exit(code));
}
function onExit() {
  for (const entry of entries) runSync(entry);
  entries.clear();
}
function install() {
  if (installed) return;
  installed = true;
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  process.on("SIGHUP", onSignal);
  process.on("exit", onExit);
}
function uninstall() {
  if (!installed || exiting) return;
  installed = false;
  process.off("SIGINT", onSignal);
  process.off("SIGTERM", onSignal);
  process.off("SIGHUP", onSignal);
  process.off("exit", onExit);
}

// src/verify/databases/reaper.ts
import { spawn } from "node:child_process";
var SCRIPT = `
const fs = require('node:fs');
let buf = '';
let task;
let done = false;
process.stdin.setEncoding('utf8');
process.stdin.on('data', (c) => {
  buf += c;
  const nl = buf.indexOf('\\n');
  if (!task && nl >= 0) task = JSON.parse(buf.slice(0, nl));
});
const inDir = (dir) => {
  const pids = [];
  let names = [];
  try { names = fs.readdirSync('/proc'); } catch { return pids; }
  for (const n of names) {
    if (!/^\\d+$/.test(n)) continue;
    try {
      const cwd = fs.readlinkSync('/proc/' + n + '/cwd');
      if (cwd === dir || cwd.startsWith(dir + '/')) pids.push(Number(n));
    } catch {}
  }
  return pids;
};
const reap = async () => {
  if (done) return; // 'end' and 'close' both come
  if (!task) process.exit(0);
  done = true;
  if (task.kind === 'local') {
    for (let i = 0; i < 20; i++) {
      const pids = inDir(task.dir);
      if (!pids.length) break;
      for (const p of pids) { try { process.kill(p, 'SIGKILL'); } catch {} }
      await new Promise((r) => setTimeout(r, 50));
    }
    fs.rmSync(task.dir, { recursive: true, force: true });
  } else if (task.kind === 'url' && /^mg_scratch_[0-9a-f]+$/.test(task.scratch)) {
    const pg = require(task.pgPath);
    const c = new pg.Client({ connectionString: task.adminUrl });
    c.on('error', () => {});
    try {
      await c.connect();
      await c.query('DROP DATABASE IF EXISTS "' + task.scratch + '" WITH (FORCE)');
    } catch {}
    await c.end().catch(() => {});
  }
  process.exit(0);
};
process.stdin.on('end', reap);
process.stdin.on('error', reap);
process.stdin.on('close', reap);
`;
function startReaper(task) {
  let child;
  try {
    child = spawn(process.execPath, ["-e", SCRIPT], { detached: true, stdio: ["pipe", "ignore", "ignore"] });
    child.on("error", () => {
    });
    child.stdin.on("error", () => {
    });
    child.stdin.write(`${JSON.stringify(task)}
`);
    child.unref();
    child.stdin.unref?.();
  } catch {
    child = void 0;
  }
  let disarmed = false;
  return {
    pid: child?.pid,
    disarm() {
      if (disarmed || !child) return;
      disarmed = true;
      try {
        child.kill("SIGKILL");
      } catch {
      }
    }
  };
}

// src/verify/databases/server-session.ts
var WATCHDOG_GRACE_MS = 5e3;
async function openServerSession(opts) {
  const client = new esm_default.Client({ ...opts.connection, keepAlive: true });
  let gone;
  let stopped = false;
  let stopping;
  let timeoutMs = opts.statementTimeoutMs ?? 0;
  const describe = () => opts.whyGone?.() ?? gone ?? "the connection to the server was lost";
  const unavailable = (cause) => {
    const err = new DatabaseUnavailableError(`${opts.kind}: the database is no longer available (${describe()})`);
    if (cause !== void 0) err.cause = cause;
    return err;
  };
  client.on("error", (err) => {
    gone ??= opts.whyGone?.() ?? `connection error: ${err.message}`;
  });
  client.on("end", () => {
    if (!stopped) gone ??= opts.whyGone?.() ?? "the server closed the connection";
  });
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => {
    });
    throw new DatabaseUnavailableError(`${opts.kind}: could not connect: ${err.message}`);
  }
  const isConnectionLoss = (err) => {
    if (gone) return true;
    const e = err;
    if (e.code === "57P01" || e.code === "57P02" || e.code === "57P03") return true;
    if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) return false;
    return /Connection terminated|ECONNRESET|EPIPE|not queryable|ECONNREFUSED/i.test(String(e.message));
  };
  const run = async (fn, watch) => {
    if (stopped) throw new DatabaseUnavailableError(`${opts.kind}: the database was already stopped`);
    if (gone) throw unavailable();
    let timer;
    const watchdog = watch && timeoutMs > 0 ? new Promise((_, reject) => {
      timer = setTimeout(() => {
        gone ??= `the server did not answer within ${timeoutMs + WATCHDOG_GRACE_MS} ms (statement_timeout ${timeoutMs} ms)`;
        client.connection?.stream?.destroy();
        reject(unavailable());
      }, timeoutMs + WATCHDOG_GRACE_MS);
    }) : void 0;
    try {
      return await (watchdog ? Promise.race([fn(), watchdog]) : fn());
    } catch (err) {
      if (err instanceof DatabaseUnavailableError) throw err;
      if (isConnectionLoss(err)) {
        gone ??= opts.whyGone?.() ?? `connection lost: ${err.message}`;
        for (let i = 0; i < 10 && opts.whyGone && !opts.whyGone(); i++) await new Promise((r) => setTimeout(r, 20));
        throw unavailable(err);
      }
      throw err;
    } finally {
      clearTimeout(timer);
    }
  };
  const session = {
    kind: opts.kind,
    capabilities: { timeoutStopsDatabase: false, jit: true },
    serverVersion: "",
    url: opts.url,
    async query(sql, params) {
      const res = await run(() => client.query(sql, params), true);
      return { rows: res.rows };
    },
    async exec(sql) {
      await run(() => client.query(sql), false);
    },
    async setStatementTimeout(ms) {
      await run(() => client.query(`SET statement_timeout = ${Math.max(0, Math.floor(ms))}`), false);
      timeoutMs = Math.max(0, Math.floor(ms));
    },
    markGone(reason) {
      gone ??= reason;
      client.connection?.stream?.destroy();
    },
    stop() {
      stopping ??= (async () => {
        stopped = true;
        await Promise.race([client.end().catch(() => {
        }), new Promise((r) => setTimeout(r, 2e3))]);
        await opts.teardown();
      })();
      return stopping;
    }
  };
  try {
    if (timeoutMs > 0) await session.setStatementTimeout(timeoutMs);
    const v = await run(() => client.query("SHOW server_version"), false);
    session.serverVersion = v.rows[0].server_version;
  } catch (err) {
    await session.stop().catch(() => {
    });
    throw err instanceof DatabaseUnavailableError ? err : new DatabaseUnavailableError(`${opts.kind}: ${err.message}`);
  }
  return session;
}

// src/verify/databases/local.ts
var SERVER_USER = "postgres";
var USUAL_ROOTS = [
  "/usr/lib/postgresql",
  // Debian/Ubuntu: /usr/lib/postgresql/<major>/bin
  "/usr/pgsql-",
  // RHEL/Fedora (PGDG): /usr/pgsql-<major>/bin
  "/opt/homebrew/opt/postgresql@",
  // macOS Homebrew (arm64)
  "/usr/local/opt/postgresql@"
  // macOS Homebrew (x86)
];
function binDirCandidates() {
  const fromPath = (process.env.PATH ?? "").split(delimiter).filter((d) => d && existsSync(join(d, "initdb")));
  const versioned = [];
  const add = (dir, major) => {
    if (existsSync(join(dir, "initdb"))) versioned.push({ dir, major });
  };
  for (const root of USUAL_ROOTS) {
    if (root.endsWith("/postgresql")) {
      if (!existsSync(root)) continue;
      for (const v of readdirSync(root)) add(join(root, v, "bin"), parseFloat(v) || 0);
    } else {
      const parent = root.slice(0, root.lastIndexOf("/"));
      const prefix = root.slice(root.lastIndexOf("/") + 1);
      if (!existsSync(parent)) continue;
      for (const name of readdirSync(parent)) {
        if (name.startsWith(prefix)) add(join(parent, name, "bin"), parseFloat(name.slice(prefix.length)) || 0);
      }
    }
  }
  for (const fallback of ["/usr/local/pgsql/bin", "/usr/local/bin", "/opt/homebrew/bin"]) add(fallback, 0);
  versioned.sort((a, b) => b.major - a.major);
  return [.../* @__PURE__ */ new Set([...fromPath, ...versioned.map((v) => v.dir)])];
}
function findPgBinaries(binDir, preferMajor) {
  const dirs = binDir ? [binDir] : binDirCandidates();
  const found = [];
  for (const dir of dirs) {
    if (!existsSync(join(dir, "initdb")) || !existsSync(join(dir, "postgres"))) continue;
    const out = spawnSync(join(dir, "postgres"), ["--version"], { encoding: "utf8" });
    const m = /(\d+)(?:\.(\d+))?/.exec(out.stdout ?? "");
    if (!m) continue;
    const bins = { binDir: dir, major: Number(m[1]) };
    if (preferMajor === void 0 || bins.major === preferMajor) return bins;
    found.push(bins);
  }
  if (found.length) return found[0];
  throw new DatabaseUnavailableError(
    binDir ? `local: no initdb/postgres in ${binDir}` : "local: no PostgreSQL server binaries (initdb, postgres) on PATH or in /usr/lib/postgresql/*/bin, /usr/pgsql-*/bin, Homebrew or /usr/local/pgsql/bin. Install PostgreSQL or use --database pglite."
  );
}
function serverIdentity(uid = typeof process.getuid === "function" ? process.getuid() : -1, passwdFile = "/etc/passwd") {
  if (uid !== 0) return void 0;
  const line = readFileSync(passwdFile, "utf8").split("\n").find((l) => l.startsWith(`${SERVER_USER}:`));
  if (!line) {
    throw new DatabaseUnavailableError(
      `local: running as root, and PostgreSQL refuses to run as root, but there is no '${SERVER_USER}' OS user to run it as. Create one (e.g. \`useradd --system ${SERVER_USER}\`), run migration-guard as a normal user, or use --database pglite.`
    );
  }
  const [, , userId, groupId] = line.split(":");
  return { uid: Number(userId), gid: Number(groupId) };
}
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => typeof addr === "object" && addr ? resolve(addr.port) : reject(new Error("no port")));
    });
  });
}
function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === "EPERM";
  }
}
function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
  }
}
function serverProcessesIn(dir) {
  if (!existsSync("/proc/self/cwd")) return [];
  const pids = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cwd = readlinkSync(`/proc/${name}/cwd`);
      if (cwd === dir || cwd.startsWith(`${dir}/`)) pids.push(Number(name));
    } catch {
    }
  }
  return pids;
}
function killStragglers(dir) {
  for (const pid of serverProcessesIn(dir)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
    }
  }
}
async function startLocal(options = {}) {
  const log = options.log ?? (() => {
  });
  const bins = findPgBinaries(options.pgBinDir ?? process.env.MIGRATION_GUARD_PG_BINDIR, options.pgMajor);
  const identity = serverIdentity();
  const dir = mkdtempSync(join(tmpdir(), "mg-local-"));
  const reaper = startReaper({ kind: "local", dir });
  const dataDir = join(dir, "data");
  let child;
  let exited;
  const tail = [];
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  const stopSync = () => {
    if (child?.pid && exited === void 0) killGroup(child.pid, "SIGKILL");
    killStragglers(dir);
    removeDir();
    reaper.disarm();
  };
  const stopServer = async () => {
    const pid = child?.pid;
    if (pid && exited === void 0) {
      const done = new Promise((r) => child.once("exit", () => r()));
      killGroup(pid, "SIGINT");
      const timer = setTimeout(() => killGroup(pid, "SIGKILL"), 5e3);
      await done;
      clearTimeout(timer);
    }
    if (pid) {
      for (let i = 0; i < 25 && isAlive(-pid); i++) await new Promise((r) => setTimeout(r, 20));
      if (isAlive(-pid)) killGroup(pid, "SIGKILL");
      for (let i = 0; i < 50 && isAlive(-pid); i++) await new Promise((r) => setTimeout(r, 20));
      for (let i = 0; i < 25 && serverProcessesIn(dir).length; i++) await new Promise((r) => setTimeout(r, 20));
      killStragglers(dir);
    }
    removeDir();
    reaper.disarm();
  };
  const unregister = registerCleanup(`local cluster in ${dir}`, stopServer, stopSync);
  const teardown = async () => {
    await stopServer();
    unregister();
  };
  try {
    if (identity) chownSync(dir, identity.uid, identity.gid);
    const initdb = spawnSync(join(bins.binDir, "initdb"), ["-D", dataDir, "-U", "postgres", "--auth=trust", "--no-sync", "--encoding=UTF8", "--locale=C"], {
      encoding: "utf8",
      cwd: dir,
      ...identity,
      timeout: 12e4
    });
    if (initdb.status !== 0) {
      throw new DatabaseUnavailableError(`local: initdb (${bins.binDir}) failed: ${(initdb.stderr || initdb.error?.message || "").trim().split("\n").slice(-5).join(" | ")}`);
    }
    let port = 0;
    for (let attempt = 0; attempt < 3; attempt++) {
      port = await freePort();
      exited = void 0;
      tail.length = 0;
      child = spawn2(
        join(bins.binDir, "postgres"),
        [
          "-D",
          dataDir,
          "-p",
          String(port),
          "-c",
          "listen_addresses=127.0.0.1",
          "-c",
          `unix_socket_directories=${dir}`,
          "-c",
          "fsync=off",
          "-c",
          "synchronous_commit=off",
          "-c",
          "full_page_writes=off",
          "-c",
          "max_connections=20",
          "-c",
          "logging_collector=off",
          ...Object.entries(options.serverSettings ?? {}).flatMap(([k, v]) => ["-c", `${k}=${v}`])
        ],
        { cwd: dir, detached: true, stdio: ["ignore", "pipe", "pipe"], ...identity }
      );
      const onOutput = (chunk) => {
        tail.push(...chunk.toString("utf8").split("\n").filter(Boolean));
        if (tail.length > 20) tail.splice(0, tail.length - 20);
      };
      child.stdout.on("data", onOutput);
      child.stderr.on("data", onOutput);
      const started = child;
      started.once("exit", (code, signal) => {
        exited = signal ? `signal ${signal}` : `exit code ${code}`;
      });
      started.once("error", (err) => {
        exited = `could not start: ${err.message}`;
      });
      const ready = await waitReady(dir, port, () => exited, 3e4);
      if (ready) break;
      if (!/could not bind|Address already in use/i.test(tail.join("\n")) || attempt === 2) {
        if (exited === void 0 && started.pid) killGroup(started.pid, "SIGKILL");
        throw new DatabaseUnavailableError(`local: postgres (${bins.binDir}) did not start (${exited ?? "timed out after 30 s"}): ${tail.slice(-5).join(" | ")}`);
      }
    }
    const pid = child.pid;
    log(`local: PostgreSQL ${bins.major} from ${bins.binDir}, pid ${pid}, port ${port}, data in ${dataDir}`);
    const session = await openServerSession({
      kind: "local",
      connection: { host: dir, port, user: "postgres", database: "postgres" },
      url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
      whyGone: () => exited ? `the postgres server (pid ${pid}) stopped: ${exited}` : void 0,
      teardown,
      statementTimeoutMs: options.statementTimeoutMs
    });
    child.once("exit", () => session.markGone(`the postgres server (pid ${pid}) stopped: ${exited}`));
    const db = Object.assign(session, { pid, tempDir: dir });
    return db;
  } catch (err) {
    await teardown().catch(() => stopSync());
    throw err;
  }
}
async function waitReady(dir, port, exited, timeoutMs) {
  const socket = join(dir, `.s.PGSQL.${port}`);
  const deadline = Date.now() + timeoutMs;
  const pidFile = join(dir, "data", "postmaster.pid");
  while (Date.now() < deadline) {
    if (exited() !== void 0) return false;
    if (existsSync(socket) && existsSync(pidFile)) {
      const status = readFileSync(pidFile, "utf8").split("\n")[7]?.trim();
      if (status === "ready") return true;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  return false;
}

export {
  registerCleanup,
  runCleanups,
  openServerSession,
  startReaper,
  binDirCandidates,
  findPgBinaries,
  serverIdentity,
  freePort,
  serverProcessesIn,
  startLocal
};
