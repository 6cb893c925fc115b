// `local`: a throwaway cluster from the Postgres binaries on this machine.
// initdb into a fresh temp dir, run `postgres` directly as our child (its own
// process group, so one kill stops every backend), listen on 127.0.0.1 and a
// unix socket inside the temp dir, fast unsafe settings (nothing here must
// survive a crash). Postgres refuses to run as root: as root the cluster runs as
// the unprivileged `postgres` OS user, which owns the temp dir.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync, rmSync, mkdtempSync, chownSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { DatabaseUnavailableError } from '../../errors';
import { registerCleanup } from './cleanup';
import { startReaper } from './reaper';
import { openServerSession } from './server-session';
import type { Database, StartOptions } from './types';

/** The OS user a root process runs the server as. */
const SERVER_USER = 'postgres';

/** Where Postgres binaries usually live, besides PATH (globs resolved by `binDirCandidates`). */
const USUAL_ROOTS = [
  '/usr/lib/postgresql', // Debian/Ubuntu: /usr/lib/postgresql/<major>/bin
  '/usr/pgsql-', // RHEL/Fedora (PGDG): /usr/pgsql-<major>/bin
  '/opt/homebrew/opt/postgresql@', // macOS Homebrew (arm64)
  '/usr/local/opt/postgresql@', // macOS Homebrew (x86)
];

/** A Postgres installation: the directory with initdb and postgres, and its major version. */
export interface PgBinaries {
  binDir: string;
  major: number;
}

/** Directories that may hold initdb + postgres: PATH first, then the usual folders, highest version first. */
export function binDirCandidates(): string[] {
  const fromPath = (process.env.PATH ?? '').split(delimiter).filter((d) => d && existsSync(join(d, 'initdb')));
  const versioned: { dir: string; major: number }[] = [];
  const add = (dir: string, major: number) => {
    if (existsSync(join(dir, 'initdb'))) versioned.push({ dir, major });
  };
  for (const root of USUAL_ROOTS) {
    if (root.endsWith('/postgresql')) {
      if (!existsSync(root)) continue;
      for (const v of readdirSync(root)) add(join(root, v, 'bin'), parseFloat(v) || 0);
    } else {
      const parent = root.slice(0, root.lastIndexOf('/'));
      const prefix = root.slice(root.lastIndexOf('/') + 1);
      if (!existsSync(parent)) continue;
      for (const name of readdirSync(parent)) {
        if (name.startsWith(prefix)) add(join(parent, name, 'bin'), parseFloat(name.slice(prefix.length)) || 0);
      }
    }
  }
  for (const fallback of ['/usr/local/pgsql/bin', '/usr/local/bin', '/opt/homebrew/bin']) add(fallback, 0);
  versioned.sort((a, b) => b.major - a.major);
  return [...new Set([...fromPath, ...versioned.map((v) => v.dir)])];
}

/**
 * Finds initdb + postgres (in `binDir` if given; else the first candidate, or the first of major
 * `preferMajor` when one is installed); throws DatabaseUnavailableError naming the places searched.
 */
export function findPgBinaries(binDir?: string, preferMajor?: number): PgBinaries {
  const dirs = binDir ? [binDir] : binDirCandidates();
  const found: PgBinaries[] = [];
  for (const dir of dirs) {
    if (!existsSync(join(dir, 'initdb')) || !existsSync(join(dir, 'postgres'))) continue;
    const out = spawnSync(join(dir, 'postgres'), ['--version'], { encoding: 'utf8' });
    const m = /(\d+)(?:\.(\d+))?/.exec(out.stdout ?? '');
    if (!m) continue;
    const bins = { binDir: dir, major: Number(m[1]) };
    if (preferMajor === undefined || bins.major === preferMajor) return bins;
    found.push(bins);
  }
  if (found.length) return found[0];
  throw new DatabaseUnavailableError(
    binDir
      ? `local: no initdb/postgres in ${binDir}`
      : 'local: no PostgreSQL server binaries (initdb, postgres) on PATH or in /usr/lib/postgresql/*/bin, ' +
          '/usr/pgsql-*/bin, Homebrew or /usr/local/pgsql/bin. Install PostgreSQL or use --database pglite.',
  );
}

/** uid/gid to run the server as: undefined (ourselves), or the `postgres` user when we are root. */
export function serverIdentity(uid = typeof process.getuid === 'function' ? process.getuid() : -1, passwdFile = '/etc/passwd'): { uid: number; gid: number } | undefined {
  if (uid !== 0) return undefined;
  const line = readFileSync(passwdFile, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${SERVER_USER}:`));
  if (!line) {
    throw new DatabaseUnavailableError(
      `local: running as root, and PostgreSQL refuses to run as root, but there is no '${SERVER_USER}' OS user ` +
        `to run it as. Create one (e.g. \`useradd --system ${SERVER_USER}\`), run migration-guard as a normal user, ` +
        'or use --database pglite.',
    );
  }
  const [, , userId, groupId] = line.split(':');
  return { uid: Number(userId), gid: Number(groupId) };
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Kills the server's whole process group (postmaster and backends). */
function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/**
 * Server processes still running from `dir` (their working directory is the data dir inside it),
 * found through /proc (Linux; elsewhere none). Backends are not in the postmaster's process group
 * (each calls setsid), and one busy in a loop does not notice its postmaster died: after a SIGKILL
 * of the postmaster it would run on, orphaned, after the data dir is gone.
 */
export function serverProcessesIn(dir: string): number[] {
  if (!existsSync('/proc/self/cwd')) return [];
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cwd = readlinkSync(`/proc/${name}/cwd`);
      if (cwd === dir || cwd.startsWith(`${dir}/`)) pids.push(Number(name));
    } catch {
      // gone, or not ours to inspect
    }
  }
  return pids;
}

/** SIGKILLs every server process still running from `dir` (see serverProcessesIn). */
function killStragglers(dir: string): void {
  for (const pid of serverProcessesIn(dir)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** A running local cluster: the server's pid (its process group) and the temp dir holding data and socket. */
export interface LocalDatabase extends Database {
  readonly pid: number;
  readonly tempDir: string;
}

/** Starts a throwaway local cluster and returns its session. */
export async function startLocal(options: StartOptions = {}): Promise<LocalDatabase> {
  const log = options.log ?? (() => {});
  const bins = findPgBinaries(options.pgBinDir ?? process.env.MIGRATION_GUARD_PG_BINDIR, options.pgMajor);
  const identity = serverIdentity();
  const dir = mkdtempSync(join(tmpdir(), 'mg-local-'));
  // if this process is SIGKILLed, no handler runs: a watchdog then ends the server and removes `dir`
  const reaper = startReaper({ kind: 'local', dir });
  const dataDir = join(dir, 'data');
  let child: ChildProcess | undefined;
  let exited: string | undefined;
  const tail: string[] = [];

  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  const stopSync = () => {
    if (child?.pid && exited === undefined) killGroup(child.pid, 'SIGKILL');
    killStragglers(dir);
    removeDir();
    reaper.disarm();
  };
  const stopServer = async () => {
    const pid = child?.pid;
    if (pid && exited === undefined) {
      // fast shutdown: roll back, disconnect, exit; SIGKILL the group if it takes too long
      const done = new Promise<void>((r) => child!.once('exit', () => r()));
      killGroup(pid, 'SIGINT');
      const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), 5_000);
      await done;
      clearTimeout(timer);
    }
    if (pid) {
      // a postmaster that died abruptly leaves its backends running until they notice: end them too
      for (let i = 0; i < 25 && isAlive(-pid); i++) await new Promise((r) => setTimeout(r, 20));
      if (isAlive(-pid)) killGroup(pid, 'SIGKILL');
      for (let i = 0; i < 50 && isAlive(-pid); i++) await new Promise((r) => setTimeout(r, 20));
      // backends have their own process groups; one stuck in a loop outlives a killed postmaster
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
    const initdb = spawnSync(join(bins.binDir, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '--encoding=UTF8', '--locale=C'], {
      encoding: 'utf8',
      cwd: dir,
      ...identity,
      timeout: 120_000,
    });
    if (initdb.status !== 0) {
      throw new DatabaseUnavailableError(`local: initdb (${bins.binDir}) failed: ${(initdb.stderr || initdb.error?.message || '').trim().split('\n').slice(-5).join(' | ')}`);
    }

    let port = 0;
    for (let attempt = 0; attempt < 3; attempt++) {
      port = await freePort();
      exited = undefined;
      tail.length = 0;
      child = spawn(
        join(bins.binDir, 'postgres'),
        [
          '-D',
          dataDir,
          '-p',
          String(port),
          '-c',
          'listen_addresses=127.0.0.1',
          '-c',
          `unix_socket_directories=${dir}`,
          '-c',
          'fsync=off',
          '-c',
          'synchronous_commit=off',
          '-c',
          'full_page_writes=off',
          '-c',
          'max_connections=20',
          '-c',
          'logging_collector=off',
          ...Object.entries(options.serverSettings ?? {}).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
        ],
        { cwd: dir, detached: true, stdio: ['ignore', 'pipe', 'pipe'], ...identity },
      );
      const onOutput = (chunk: Buffer) => {
        tail.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        if (tail.length > 20) tail.splice(0, tail.length - 20);
      };
      child.stdout!.on('data', onOutput);
      child.stderr!.on('data', onOutput);
      const started = child;
      started.once('exit', (code, signal) => {
        exited = signal ? `signal ${signal}` : `exit code ${code}`;
      });
      started.once('error', (err) => {
        exited = `could not start: ${err.message}`;
      });
      const ready = await waitReady(dir, port, () => exited, 30_000);
      if (ready) break;
      if (!/could not bind|Address already in use/i.test(tail.join('\n')) || attempt === 2) {
        if (exited === undefined && started.pid) killGroup(started.pid, 'SIGKILL');
        throw new DatabaseUnavailableError(`local: postgres (${bins.binDir}) did not start (${exited ?? 'timed out after 30 s'}): ${tail.slice(-5).join(' | ')}`);
      }
    }

    const pid = child!.pid!;
    log(`local: PostgreSQL ${bins.major} from ${bins.binDir}, pid ${pid}, port ${port}, data in ${dataDir}`);
    const session = await openServerSession({
      kind: 'local',
      connection: { host: dir, port, user: 'postgres', database: 'postgres' },
      url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
      whyGone: () => (exited ? `the postgres server (pid ${pid}) stopped: ${exited}` : undefined),
      teardown,
      statementTimeoutMs: options.statementTimeoutMs,
    });
    child!.once('exit', () => session.markGone(`the postgres server (pid ${pid}) stopped: ${exited}`));
    const db: LocalDatabase = Object.assign(session, { pid, tempDir: dir });
    return db;
  } catch (err) {
    await teardown().catch(() => stopSync());
    throw err;
  }
}

/** Waits until the server's socket file appears and it accepts a connection; false if it exited. */
async function waitReady(dir: string, port: number, exited: () => string | undefined, timeoutMs: number): Promise<boolean> {
  const socket = join(dir, `.s.PGSQL.${port}`);
  const deadline = Date.now() + timeoutMs;
  const pidFile = join(dir, 'data', 'postmaster.pid');
  while (Date.now() < deadline) {
    if (exited() !== undefined) return false;
    // postmaster.pid's 8th line becomes "ready" once the server accepts connections (PG ≥ 10)
    if (existsSync(socket) && existsSync(pidFile)) {
      const status = readFileSync(pidFile, 'utf8').split('\n')[7]?.trim();
      if (status === 'ready') return true;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  return false;
}
