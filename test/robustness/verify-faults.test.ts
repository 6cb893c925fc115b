// Verify under faults, through the real CLI process: migrations that never end,
// a database that dies mid-run, a container engine that is absent or refuses,
// Ctrl-C / SIGTERM mid-statement, and the isolation of `local` and `url` (SQL
// from a pull request must not act on this machine or on someone else's server).
// Each test says what it measured with t.diagnostic.

import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { binDirCandidates, startLocal, type LocalDatabase } from '../../src/verify/databases/local';
import { cliEntry, tempTree } from '../cli-helpers';
import { dockerAnswers, killContainer } from '../databases-docker';
import { runAction, makeRepo } from '../action/harness';

const hasLocalPostgres = binDirCandidates().length > 0;
const NO_LOCAL = hasLocalPostgres ? false : 'no PostgreSQL server binaries on this machine';
const TIMEOUT_MS = 1500;

// --- a CLI process the test can watch and signal -------------------------------

interface RunningCli {
  child: ChildProcess;
  startedAt: number;
  /** Resolves with the first stderr line matching `re` (rejects if the CLI exits first or after `ms`). */
  waitFor(re: RegExp, ms?: number): Promise<RegExpMatchArray>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  stdout(): string;
  stderr(): string;
}

/**
 * Runs the CLI; with `hideDockerSocket`, inside a private mount namespace where /var/run/docker.sock
 * is /dev/null (testcontainers falls back to that socket when DOCKER_HOST fails, so a real engine
 * there would answer instead of the absent or refusing one under test).
 */
function startCli(args: string[], cwd: string, env: Record<string, string | undefined> = {}, hideDockerSocket = false): RunningCli {
  const [command, argv] = hideDockerSocket
    ? ['unshare', ['-m', 'sh', '-c', 'mount --bind /dev/null /var/run/docker.sock && exec "$0" "$@"', process.execPath, cliEntry(), ...args]]
    : [process.execPath, [cliEntry(), ...args]];
  const child = spawn(command as string, argv as string[], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters: { re: RegExp; resolve: (m: RegExpMatchArray) => void }[] = [];
  child.stdout!.on('data', (c) => (out += c));
  child.stderr!.on('data', (c) => {
    err += c;
    for (const w of [...waiters]) {
      const m = err.match(w.re);
      if (m) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, at: Date.now() })));
  return {
    child,
    startedAt: Date.now(),
    exited,
    stdout: () => out,
    stderr: () => err,
    waitFor(re, ms = 60_000) {
      const m = err.match(re);
      if (m) return Promise.resolve(m);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no stderr line matching ${re} within ${ms} ms:\n${err}`)), ms);
        waiters.push({ re, resolve: (x) => (clearTimeout(timer), resolve(x)) });
        void exited.then((e) => reject(new Error(`CLI exited (${e.code ?? e.signal}) before ${re}:\n${err}\n${out}`)));
      });
    },
  };
}

/** What the local provider logs: `local: PostgreSQL 15 from …, pid N, port P, data in DIR/data`. */
const LOCAL_LINE = /local: PostgreSQL \d+ from .*, pid (\d+), port (\d+), data in (\S+)\/data/;

/**
 * Live server processes of a local run: the postmaster (by pid) and every backend, found by their
 * working directory (the data dir inside `tempDir`; backends call setsid, so the process group
 * does not find them). Zombies do not count: init reaps them.
 */
function serverProcesses(postmaster: number, tempDir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) continue;
      const cwd = (() => {
        try {
          return readlinkSync(`/proc/${name}/cwd`);
        } catch {
          return '';
        }
      })();
      if (Number(name) === postmaster || cwd.startsWith(`${tempDir}/`)) found.push(`${name} ${readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ').trim()}`);
    } catch {
      // exited while we looked
    }
  }
  return found;
}

async function serverGone(postmaster: number, tempDir: string): Promise<string[]> {
  for (let i = 0; i < 100 && serverProcesses(postmaster, tempDir).length; i++) await new Promise((r) => setTimeout(r, 20));
  return serverProcesses(postmaster, tempDir);
}

/** Whether the Docker engine still knows a container (running or not). */
function containerExists(id: string): Promise<boolean> {
  const h = process.env.DOCKER_HOST;
  const socketPath = h?.startsWith('unix://') ? h.slice(7) : '/var/run/docker.sock';
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, path: `/containers/${id}/json`, timeout: 5_000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', reject);
    req.end();
  });
}

function report(run: RunningCli) {
  try {
    return JSON.parse(run.stdout());
  } catch {
    assert.fail(`no JSON report:\n${run.stdout()}\n${run.stderr()}`);
  }
}

const ONE_OK = {
  'db/0001_accounts.up.sql': 'CREATE TABLE accounts (id bigint PRIMARY KEY, name text);\n',
  'db/0001_accounts.down.sql': 'DROP TABLE accounts;\n',
};
const THIRD = {
  'db/0003_after.up.sql': 'CREATE TABLE after_it (id int);\n',
  'db/0003_after.down.sql': 'DROP TABLE after_it;\n',
};

// --- statement timeout ---------------------------------------------------------

const NEVER_ENDING = {
  'pg_sleep(3600)': '-- waits an hour\nSELECT pg_sleep(3600);\n',
  'an endless loop in a DO block': '-- loops forever\nDO $$ BEGIN LOOP END LOOP; END $$;\n',
};

for (const provider of ['pglite', 'local'] as const) {
  describe(`--statement-timeout ends a migration that never finishes (${provider})`, { skip: provider === 'local' ? NO_LOCAL : false }, () => {
    for (const [what, sql] of Object.entries(NEVER_ENDING)) {
      test(`${what}: a clear error naming the statement and line; the other migrations are still reported`, async (t) => {
        const dir = tempTree({ ...ONE_OK, 'db/0002_forever.up.sql': sql, 'db/0002_forever.down.sql': 'SELECT 1;\n', ...THIRD });
        const run = startCli(['verify', 'db', '--database', provider, '--statement-timeout', String(TIMEOUT_MS), '--format', 'json'], dir);
        const { code, at } = await run.exited;
        const ms = at - run.startedAt;
        t.diagnostic(`${provider}, ${what}: exit ${code} after ${ms} ms (timeout ${TIMEOUT_MS} ms)`);
        assert.equal(code, 1, run.stderr());
        const r = report(run);
        const [first, forever, third] = r.verification.migrations;
        assert.equal(first.id, '0001_accounts');
        assert.equal(first.up.ok, true);
        assert.equal(first.reversible, true);
        assert.equal(forever.id, '0002_forever');
        assert.equal(forever.up.ok, false);
        assert.equal(forever.up.line, 2);
        assert.match(forever.up.error, new RegExp(`did not finish within the statement timeout \\(${TIMEOUT_MS} ms\\)`));
        assert.equal(third.id, '0003_after');
        assert.ok(third.skipped, 'the later migration is reported as skipped');
        const finding = r.findings.find((f: { rule: string }) => f.rule === 'up-failing');
        assert.equal(finding?.file, 'db/0002_forever.up.sql');
        assert.equal(finding?.line, 2);
        assert.match(finding?.message, /statement timeout/);
        assert.ok(ms < 30_000, `took ${ms} ms`);
      });
    }
  });
}

for (const provider of ['pglite', 'local'] as const) {
  describe(`--statement-timeout in a down, and with several migration sets (${provider})`, { skip: provider === 'local' ? NO_LOCAL : false }, () => {
    test('a down that never finishes: reported as a failed down, the run goes on', async (t) => {
      const dir = tempTree({
        ...ONE_OK,
        'db/0002_loop_down.up.sql': 'CREATE TABLE b (id int);\n',
        'db/0002_loop_down.down.sql': '-- loops forever\nDO $$ BEGIN LOOP END LOOP; END $$;\n',
        ...THIRD,
      });
      const run = startCli(['verify', 'db', '--database', provider, '--statement-timeout', String(TIMEOUT_MS), '--format', 'json'], dir);
      const { code, at } = await run.exited;
      t.diagnostic(`${provider}: exit ${code} after ${at - run.startedAt} ms`);
      assert.equal(code, 1, run.stderr());
      const [first, loop, third] = report(run).verification.migrations;
      assert.equal(first.reversible, true);
      assert.equal(loop.up.ok, true);
      assert.equal(loop.down.ok, false);
      assert.equal(loop.down.line, 2);
      assert.match(loop.down.error, /statement timeout/);
      // PGlite cannot cancel a statement: it stopped the database, so the next one is skipped; a server goes on
      if (provider === 'pglite') assert.match(third.skipped, /the database was stopped after migration 0002_loop_down ran past the statement timeout/);
      else assert.equal(third.up.ok, true);
    });

    test('a timeout in one migration set: the next set is still reported (verified, or skipped with the reason)', async (t) => {
      const dir = tempTree({
        'db/a/0001_a.up.sql': 'CREATE TABLE a1 (id int);\n',
        'db/a/0001_a.down.sql': 'DROP TABLE a1;\n',
        'db/a/0002_a.up.sql': 'SELECT pg_sleep(3600);\n',
        'db/a/0002_a.down.sql': 'SELECT 1;\n',
        'db/b/0001_b.up.sql': 'CREATE TABLE b1 (id int);\n',
        'db/b/0001_b.down.sql': 'DROP TABLE b1;\n',
      });
      const run = startCli(['verify', 'db', '--database', provider, '--statement-timeout', String(TIMEOUT_MS), '--format', 'json'], dir);
      const { code, at } = await run.exited;
      t.diagnostic(`${provider}: exit ${code} after ${at - run.startedAt} ms`);
      assert.equal(code, 1, run.stderr());
      const byId = new Map(report(run).verification.migrations.map((m: { id: string }) => [m.id, m]));
      assert.match((byId.get('a/0002_a') as any).up.error, /statement timeout/);
      const b = byId.get('b/0001_b') as any;
      if (provider === 'pglite') assert.match(b.skipped, /the database was stopped after migration a\/0002_a/);
      else assert.equal(b.reversible, true);
    });
  });
}

describe('a migration that exhausts memory (pglite)', () => {
  test("PGlite's WebAssembly heap runs out: a failed statement with Postgres's message, not a crash", { timeout: 180_000 }, async (t) => {
    const dir = tempTree({
      ...ONE_OK,
      // an in-memory sort of 40M rows: about 2 GB, the most a 32-bit WebAssembly heap can give
      'db/0002_hog.up.sql': "SET LOCAL work_mem = '2000MB';\nSELECT count(*) FROM (SELECT g, md5(g::text) AS h FROM generate_series(1, 40000000) g ORDER BY 2) s;\n",
      'db/0002_hog.down.sql': 'SELECT 1;\n',
      ...THIRD,
    });
    const run = startCli(['verify', 'db', '--database', 'pglite', '--statement-timeout', '150000', '--format', 'json'], dir);
    const { code, at } = await run.exited;
    t.diagnostic(`exit ${code} after ${at - run.startedAt} ms`);
    assert.equal(code, 1, run.stderr());
    const [first, hog, third] = report(run).verification.migrations;
    assert.equal(first.reversible, true);
    assert.equal(hog.up.ok, false);
    assert.equal(hog.up.line, 2);
    assert.match(hog.up.error, /out of memory/);
    assert.ok(third.skipped);
  });
});

describe('--statement-timeout ends a wait for a lock another session holds (local)', { skip: NO_LOCAL }, () => {
  test('pg_advisory_lock held by the test: the statement is cancelled and named', async (t) => {
    const dir = tempTree({
      // the sleep gives the test time to take the lock before 0002 runs
      'db/0001_accounts.up.sql': 'CREATE TABLE accounts (id bigint PRIMARY KEY);\nSELECT pg_sleep(1);\n',
      'db/0001_accounts.down.sql': 'DROP TABLE accounts;\n',
      'db/0002_locked.up.sql': 'ALTER TABLE accounts ADD COLUMN note text;\nSELECT pg_advisory_lock(4242);\n',
      'db/0002_locked.down.sql': 'ALTER TABLE accounts DROP COLUMN note;\n',
    });
    const run = startCli(['verify', 'db', '--database', 'local', '--statement-timeout', String(TIMEOUT_MS), '--format', 'json'], dir);
    const [, , port] = await run.waitFor(LOCAL_LINE);
    const holder = new pg.Client({ host: '127.0.0.1', port: Number(port), user: 'postgres', database: 'postgres' });
    holder.on('error', () => {}); // the CLI stops its server while we are connected
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock(4242)');
      const { code } = await run.exited;
      assert.equal(code, 1, run.stderr());
      const locked = report(run).verification.migrations.find((m: { id: string }) => m.id === '0002_locked');
      assert.equal(locked.up.ok, false);
      assert.equal(locked.up.line, 2);
      assert.match(locked.up.error, /statement timeout/);
      t.diagnostic(`lock wait ended by the timeout: exit ${code} after ${Date.now() - run.startedAt} ms`);
    } finally {
      await holder.end().catch(() => {});
    }
  });
});

// --- a database that dies mid-run ----------------------------------------------

const SLEEPER = { ...ONE_OK, 'db/0002_sleep.up.sql': 'SELECT pg_sleep(60);\n', 'db/0002_sleep.down.sql': 'SELECT 1;\n' };

describe('the database dies mid-run', () => {
  const LONG = {
    'pg_sleep(60)': 'SELECT pg_sleep(60);\n',
    // a backend busy in a loop does not notice its postmaster died: it must not outlive the run
    'an endless loop': 'DO $$ BEGIN LOOP END LOOP; END $$;\n',
  };
  for (const [what, sql] of Object.entries(LONG)) {
    test(`local: the postmaster is SIGKILLed during ${what}: exit 2 naming the provider, no process or data dir left`, { skip: NO_LOCAL }, async (t) => {
      const dir = tempTree({ ...ONE_OK, 'db/0002_long.up.sql': sql, 'db/0002_long.down.sql': 'SELECT 1;\n' });
      const run = startCli(['verify', 'db', '--database', 'local', '--statement-timeout', '120000'], dir);
      const [, pid, , tempDir] = await run.waitFor(LOCAL_LINE);
      await run.waitFor(/verify: 0001_accounts/);
      await new Promise((r) => setTimeout(r, 300)); // the long statement is running
      assert.ok(
        serverProcesses(Number(pid), tempDir!).some((p) => / postgres postgres \[local\]/.test(p)),
        'the backend runs the statement',
      );
      const killedAt = Date.now();
      process.kill(Number(pid), 'SIGKILL');
      const { code, at } = await run.exited;
      t.diagnostic(`${what}: from SIGKILL of the postmaster to the CLI's exit: ${at - killedAt} ms`);
      assert.equal(code, 2, run.stderr());
      assert.match(run.stderr(), new RegExp(`migration-guard: local: the database is no longer available \\(the postgres server \\(pid ${pid}\\) stopped: signal SIGKILL\\)`));
      assert.ok(at - killedAt < 10_000, `${at - killedAt} ms`);
      assert.deepEqual(await serverGone(Number(pid), tempDir!), [], 'postgres processes left running');
      assert.equal(existsSync(tempDir!), false, `data dir left behind: ${tempDir}`);
    });
  }

  test('container: docker kill mid-statement: exit 2 naming the provider, no container left', async (t) => {
    if (!(await dockerAnswers())) return t.skip('no Docker engine answers on the local socket (scripts/setup-docker.sh starts one)');
    const dir = tempTree(SLEEPER);
    const run = startCli(['verify', 'db', '--database', 'container', '--statement-timeout', '120000'], dir);
    const [, short] = await run.waitFor(/container: \S+ \(([0-9a-f]{12})\)/, 180_000);
    await run.waitFor(/verify: 0001_accounts/);
    await new Promise((r) => setTimeout(r, 300));
    const killedAt = Date.now();
    await killContainer(short!);
    const { code, at } = await run.exited;
    t.diagnostic(`from docker kill to the CLI's exit: ${at - killedAt} ms`);
    assert.equal(code, 2, run.stderr());
    assert.match(run.stderr(), /migration-guard: container: the database is no longer available/);
    assert.equal(await containerExists(short!), false, 'container left behind');
  });
});

// --- a container engine that is absent or refuses -------------------------------

/** A "Docker engine" on a unix socket that answers every request with `status`. */
async function refusingEngine(status: number): Promise<{ host: string; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'mg-fake-engine-'));
  const socket = join(dir, 'docker.sock');
  const server: Server = createServer((req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ message: 'permission denied while trying to connect to the Docker daemon' }));
  });
  await new Promise<void>((r) => server.listen(socket, r));
  return {
    host: `unix://${socket}`,
    close: async () => {
      await new Promise((r) => server.close(r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe('a container engine that is absent or refuses', () => {
  const cases: [string, () => Promise<{ host: string; close: () => Promise<void> }>][] = [
    ['absent (no socket)', async () => ({ host: 'unix:///nonexistent/docker.sock', close: async () => {} })],
    ['refusing (answers 403 to everything)', () => refusingEngine(403)],
    ['broken (answers 500 to everything)', () => refusingEngine(500)],
  ];
  const canHide = process.getuid?.() === 0 && existsSync('/var/run/docker.sock') && spawnSync('unshare', ['--version']).status === 0;
  for (const [what, make] of cases) {
    test(`CLI, engine ${what}: exit 2 with a clear message, quickly`, async (t) => {
      const realEngine = existsSync('/var/run/docker.sock');
      if (realEngine && !canHide) return t.skip('a Docker socket exists and cannot be hidden from the CLI here (needs root and unshare)');
      const engine = await make();
      try {
        const dir = tempTree(ONE_OK);
        const run = startCli(['verify', 'db', '--database', 'container'], dir, { DOCKER_HOST: engine.host }, realEngine);
        const { code, at } = await run.exited;
        t.diagnostic(`engine ${what}: exit ${code} after ${at - run.startedAt} ms: ${run.stderr().trim().split('\n').pop()}`);
        assert.equal(code, 2, run.stderr());
        assert.match(run.stderr(), /migration-guard: container: no container engine answers .*Start Docker or use --database pglite/);
        assert.ok(at - run.startedAt < 15_000, `${at - run.startedAt} ms`);
      } finally {
        await engine.close();
      }
    });
  }

  test('Action, engine refusing: verifies on PGlite with one warning', { timeout: 300_000 }, async (t) => {
    const engine = await refusingEngine(403);
    try {
      const repo = makeRepo({ base: {}, head: ONE_OK });
      const r = await runAction({
        workspace: repo.dir,
        inputs: { path: 'db', verify: 'true', database: 'container', comment: 'false', 'fail-on': 'never' },
        event: { name: 'push', payload: {} },
        env: { DOCKER_HOST: engine.host },
        timeoutMs: 240_000,
      });
      const info = `exit ${r.code}\n${r.stdout}\n${r.stderr}`;
      assert.equal(r.code, 0, info);
      const rep = JSON.parse(readFileSync(r.outputs['findings-json']!, 'utf8'));
      assert.equal(rep.verification?.database?.kind, 'pglite', info);
      const warnings = r.warnings.filter((w) => /No Docker engine answered/.test(w));
      assert.equal(warnings.length, 1, info);
      assert.match(warnings[0]!, /HTTP 403/);
      t.diagnostic(`Action fallback run: ${r.ms} ms`);
    } finally {
      await engine.close();
    }
  });
});

// --- SIGINT / SIGTERM during verify -------------------------------------------------

describe('SIGINT / SIGTERM during verify leave nothing behind', () => {
  let server: LocalDatabase | undefined;
  after(async () => server?.stop());
  const scratch = async () => (await server!.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'mg_scratch_%'")).rows.map((r) => r.datname);

  for (const [signal, exitCode] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    test(`pglite, ${signal} mid-statement: exit ${exitCode} at once`, async (t) => {
      const run = startCli(['verify', 'db', '--database', 'pglite', '--statement-timeout', '120000'], tempTree(SLEEPER));
      await run.waitFor(/verify: 0001_accounts/);
      await new Promise((r) => setTimeout(r, 300));
      const sentAt = Date.now();
      run.child.kill(signal);
      const { code, at } = await run.exited;
      t.diagnostic(`pglite: ${signal} to exit: ${at - sentAt} ms`);
      assert.equal(code, exitCode, run.stderr());
      assert.ok(at - sentAt < 5_000, `${at - sentAt} ms`);
    });

    test(`local, ${signal} mid-statement: exit ${exitCode}, no postgres process, no data dir`, { skip: NO_LOCAL }, async (t) => {
      const run = startCli(['verify', 'db', '--database', 'local', '--statement-timeout', '120000'], tempTree(SLEEPER));
      const [, pid, , tempDir] = await run.waitFor(LOCAL_LINE);
      await run.waitFor(/verify: 0001_accounts/);
      await new Promise((r) => setTimeout(r, 300));
      assert.ok(serverProcesses(Number(pid), tempDir!).length >= 2, 'postmaster and backends are running');
      const sentAt = Date.now();
      run.child.kill(signal);
      const { code, at } = await run.exited;
      t.diagnostic(`local: ${signal} to exit: ${at - sentAt} ms`);
      assert.equal(code, exitCode, run.stderr());
      assert.match(run.stderr(), new RegExp(`${signal}, stopping the throwaway database`));
      assert.deepEqual(await serverGone(Number(pid), tempDir!), [], 'postgres processes left running');
      assert.equal(existsSync(tempDir!), false, `data dir left behind: ${tempDir}`);
    });

    test(`url, ${signal} mid-statement: exit ${exitCode}, the scratch database is dropped`, { skip: NO_LOCAL }, async (t) => {
      server ??= await startLocal();
      const run = startCli(['verify', 'db', '--database', 'url', '--database-url', server.url!, '--statement-timeout', '120000'], tempTree(SLEEPER));
      const [, name] = await run.waitFor(/url: created scratch database (mg_scratch_\w+)/);
      await run.waitFor(/verify: 0001_accounts/);
      await new Promise((r) => setTimeout(r, 300));
      assert.deepEqual(await scratch(), [name]);
      const sentAt = Date.now();
      run.child.kill(signal);
      const { code, at } = await run.exited;
      t.diagnostic(`url: ${signal} to exit: ${at - sentAt} ms`);
      assert.equal(code, exitCode, run.stderr());
      assert.deepEqual(await scratch(), [], 'scratch database left behind');
    });

    test(`container, ${signal} mid-statement: exit ${exitCode}, no container left`, async (t) => {
      if (!(await dockerAnswers())) return t.skip('no Docker engine answers on the local socket');
      const run = startCli(['verify', 'db', '--database', 'container', '--statement-timeout', '120000'], tempTree(SLEEPER));
      const [, short] = await run.waitFor(/container: \S+ \(([0-9a-f]{12})\)/, 180_000);
      await run.waitFor(/verify: 0001_accounts/);
      await new Promise((r) => setTimeout(r, 300));
      const sentAt = Date.now();
      run.child.kill(signal);
      const { code, at } = await run.exited;
      t.diagnostic(`container: ${signal} to exit: ${at - sentAt} ms`);
      assert.equal(code, exitCode, run.stderr());
      assert.equal(await containerExists(short!), false, 'container left behind');
    });
  }
});

// --- SIGKILL of migration-guard itself ----------------------------------------------

describe('SIGKILL of migration-guard itself: the watchdog cleans up', { skip: NO_LOCAL }, () => {
  let server: LocalDatabase | undefined;
  after(async () => server?.stop());

  test('local: no postgres process, no data dir', async (t) => {
    const run = startCli(['verify', 'db', '--database', 'local', '--statement-timeout', '120000'], tempTree(SLEEPER));
    const [, pid, , tempDir] = await run.waitFor(LOCAL_LINE);
    await run.waitFor(/verify: 0001_accounts/);
    await new Promise((r) => setTimeout(r, 300));
    const killedAt = Date.now();
    run.child.kill('SIGKILL');
    assert.equal((await run.exited).signal, 'SIGKILL');
    assert.deepEqual(await serverGone(Number(pid), tempDir!), [], 'postgres processes left running');
    for (let i = 0; i < 100 && existsSync(tempDir!); i++) await new Promise((r) => setTimeout(r, 20));
    t.diagnostic(`server and data dir gone ${Date.now() - killedAt} ms after the SIGKILL`);
    assert.equal(existsSync(tempDir!), false, `data dir left behind: ${tempDir}`);
  });

  test('url: the scratch database is dropped', async (t) => {
    server ??= await startLocal();
    const scratch = async () => (await server!.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'mg_scratch_%'")).rows.map((r) => r.datname);
    const run = startCli(['verify', 'db', '--database', 'url', '--database-url', server.url!, '--statement-timeout', '120000'], tempTree(SLEEPER));
    const [, name] = await run.waitFor(/url: created scratch database (mg_scratch_\w+)/);
    await run.waitFor(/verify: 0001_accounts/);
    assert.deepEqual(await scratch(), [name]);
    const killedAt = Date.now();
    run.child.kill('SIGKILL');
    await run.exited;
    let left = await scratch();
    for (let i = 0; i < 100 && left.length; i++) {
      await new Promise((r) => setTimeout(r, 50));
      left = await scratch();
    }
    t.diagnostic(`scratch database dropped ${Date.now() - killedAt} ms after the SIGKILL`);
    assert.deepEqual(left, [], 'scratch database left behind');
  });
});

// --- isolation --------------------------------------------------------------------

describe('isolation: local refuses SQL that acts on this machine', { skip: NO_LOCAL }, () => {
  // a folder the postgres OS user may write to, so that an allowed run can prove the effect
  const markerDir = mkdtempSync(join(tmpdir(), 'mg-host-marker-'));
  chmodSync(markerDir, 0o777);
  const marker = join(markerDir, 'pwned');
  after(() => rmSync(markerDir, { recursive: true, force: true }));
  const files = {
    ...ONE_OK,
    'db/0002_files.up.sql': `CREATE TABLE loot (line text);\nCOPY loot TO PROGRAM 'touch ${marker}';\nDO $$\nBEGIN\n  PERFORM pg_read_file('/etc/hostname');\nEND $$;\n`,
    'db/0002_files.down.sql': 'DROP TABLE loot;\n',
  };

  test('refused: exit 2 naming file, line and construct; no server started, nothing ran', async (t) => {
    const run = startCli(['verify', 'db', '--database', 'local'], tempTree(files));
    const { code, at } = await run.exited;
    t.diagnostic(`refused after ${at - run.startedAt} ms`);
    assert.equal(code, 2, run.stderr());
    assert.match(run.stderr(), /refusing to verify with --database local: 2 statements would act outside the database/);
    assert.match(run.stderr(), /db\/0002_files\.up\.sql:2:1: COPY … TO PROGRAM \(runs a shell command on the server host\)/);
    assert.match(run.stderr(), /db\/0002_files\.up\.sql:5:\d+: pg_read_file\(\)/);
    assert.match(run.stderr(), /--allow-host-access/);
    assert.doesNotMatch(run.stderr(), /local: PostgreSQL/, 'the server must not start');
    assert.equal(existsSync(marker), false);
  });

  test('allowed (verify.allowHostAccess: true in the config): it runs, and really acts on the host', async () => {
    const dir = tempTree({ ...files, '.migration-guard.yml': 'verify:\n  allowHostAccess: true\n' });
    const run = startCli(['verify', 'db', '--database', 'local'], dir);
    const { code } = await run.exited;
    assert.equal(code, 0, run.stderr());
    assert.match(run.stderr(), /2 statement\(s\) act outside the database; running them on local as allowed/);
    assert.equal(existsSync(marker), true, 'COPY … TO PROGRAM ran a command on this machine');
    if (process.getuid?.() === 0) assert.notEqual(statSync(marker).uid, 0, 'as the postgres OS user, not root');
    rmSync(marker, { force: true });
  });

  test('pglite runs the same migrations without touching the host', async () => {
    const run = startCli(['verify', 'db', '--database', 'pglite', '--format', 'json'], tempTree(files));
    const { code } = await run.exited;
    assert.equal(code, 1, run.stderr());
    const files2 = report(run).verification.migrations.find((m: { id: string }) => m.id === '0002_files');
    assert.equal(files2.up.line, 2);
    assert.match(files2.up.error, /PGlite cannot run COPY … TO\/FROM PROGRAM/);
    assert.equal(existsSync(marker), false);
  });
});

describe('isolation: url runs only in its scratch database', { skip: NO_LOCAL }, () => {
  let server: LocalDatabase;
  let target: string;
  const admin = (sql: string, params?: unknown[]) => server.query(sql, params);
  before(async () => {
    server = await startLocal();
    await admin('CREATE DATABASE target');
    target = server.url!.replace(/\/postgres$/, '/target');
    const c = new pg.Client({ connectionString: target });
    await c.connect();
    await c.query("CREATE TABLE precious (id int PRIMARY KEY, note text); INSERT INTO precious VALUES (1, 'keep'), (2, 'me'); CREATE TABLE keep_me (id int);");
    await c.end();
  });
  after(async () => server?.stop());

  const inTarget = async <T>(sql: string): Promise<T[]> => {
    const c = new pg.Client({ connectionString: target });
    await c.connect();
    try {
      return (await c.query(sql)).rows as T[];
    } finally {
      await c.end();
    }
  };

  test("--database url: migrations that create, alter and drop the target's own table names leave the target untouched", async (t) => {
    const dir = tempTree({
      'db/0001_precious.up.sql': "CREATE TABLE precious (id int PRIMARY KEY, note text);\nINSERT INTO precious VALUES (1, 'scratch');\n",
      'db/0001_precious.down.sql': 'DROP TABLE precious;\n',
      'db/0002_drop.up.sql': 'DROP TABLE IF EXISTS keep_me;\nALTER TABLE precious ADD COLUMN extra int;\nDELETE FROM precious;\n',
      'db/0002_drop.down.sql': 'ALTER TABLE precious DROP COLUMN extra;\n',
    });
    const before = await inTarget('SELECT * FROM precious ORDER BY id');
    const run = startCli(['verify', 'db', '--database', 'url', '--database-url', target, '--format', 'json'], dir);
    const { code, at } = await run.exited;
    t.diagnostic(`url verify: exit ${code} in ${at - run.startedAt} ms`);
    assert.ok(code === 0 || code === 1, run.stderr());
    const r = report(run);
    assert.equal(r.verification.database.kind, 'url');
    assert.deepEqual(
      r.verification.migrations.map((m: { id: string; up: { ok: boolean } }) => [m.id, m.up.ok]),
      [
        ['0001_precious', true],
        ['0002_drop', true],
      ],
    );
    assert.match(run.stderr(), /url: created scratch database mg_scratch_\w+ on postgresql:\/\/postgres@127\.0\.0\.1:\d+\/target/);
    assert.deepEqual(await inTarget('SELECT * FROM precious ORDER BY id'), before);
    assert.deepEqual(await inTarget("SELECT column_name FROM information_schema.columns WHERE table_name = 'precious' ORDER BY 1"), [{ column_name: 'id' }, { column_name: 'note' }]);
    assert.deepEqual(await inTarget("SELECT to_regclass('keep_me') IS NOT NULL AS there"), [{ there: true }]);
    assert.deepEqual((await admin("SELECT datname FROM pg_database WHERE datname LIKE 'mg_scratch_%'")).rows, []);
  });

  test('--database url refuses cluster-wide changes (roles) unless allowed; nothing is created', async () => {
    const dir = tempTree({
      'db/0001_roles.up.sql': 'CREATE TABLE t (id int);\nCREATE ROLE mg_leak_probe;\n',
      'db/0001_roles.down.sql': 'DROP ROLE mg_leak_probe;\nDROP TABLE t;\n',
    });
    const run = startCli(['verify', 'db', '--database', 'url', '--database-url', target], dir);
    const { code } = await run.exited;
    assert.equal(code, 2, run.stderr());
    assert.match(run.stderr(), /refusing to verify with --database url: 2 statements would act outside the database/);
    assert.match(run.stderr(), /db\/0001_roles\.up\.sql:2:1: CREATE ROLE \(shared by every database on the server\)/);
    assert.deepEqual((await admin("SELECT rolname FROM pg_roles WHERE rolname = 'mg_leak_probe'")).rows, []);
    assert.deepEqual((await admin("SELECT datname FROM pg_database WHERE datname LIKE 'mg_scratch_%'")).rows, []);
  });
});
