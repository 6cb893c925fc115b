// The four verify database providers against real Postgres: PGlite (WASM), a
// local cluster from the machine's binaries, a Docker container, and a scratch
// database on an existing server (a local cluster started here).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { DatabaseUnavailableError, UsageError } from '../src/errors';
import { pendingCleanups, registerCleanup, runCleanups } from '../src/verify/databases/cleanup';
import { RUN_LABEL, startContainer } from '../src/verify/databases/container';
import { resolveDatabaseKind, startDatabase } from '../src/verify/databases/index';
import { binDirCandidates, findPgBinaries, serverIdentity, startLocal, type LocalDatabase } from '../src/verify/databases/local';
import { extensionsIn, startPglite, StatementTimeoutError } from '../src/verify/databases/pglite';
import type { Database } from '../src/verify/databases/types';
import { SCRATCH_PREFIX, startUrl } from '../src/verify/databases/url';
import { containersWithLabel, dockerAnswers, killContainer } from './databases-docker';

const hasLocalPostgres = binDirCandidates().length > 0;

function processGroupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The checks every provider must pass: a real server answers, DDL works, stop() is final and idempotent. */
async function exerciseAndStop(db: Database, expectKind: string): Promise<void> {
  assert.equal(db.kind, expectKind);
  assert.match(db.serverVersion, /^\d+(\.\d+)?/);
  const v = await db.query<{ version: string }>('select version()');
  assert.match(v.rows[0]!.version, /^PostgreSQL \d+/);
  await db.exec('CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL); INSERT INTO users VALUES (1, $$a@b$$)');
  const rows = await db.query<{ id: string; email: string }>('SELECT id, email FROM users WHERE id = $1', [1]);
  // int8 comes back as a string on every provider (node-postgres' convention)
  assert.deepEqual(rows.rows, [{ id: '1', email: 'a@b' }]);
  await assert.rejects(db.query('SELECT nope FROM users'), (err: { code?: string; message: string }) => {
    assert.equal(err.code, '42703');
    assert.match(err.message, /column "nope" does not exist/);
    return true;
  });
  await db.stop();
  await db.stop(); // safe twice
  await assert.rejects(db.query('select 1'), DatabaseUnavailableError);
}

/** statement timeouts fire on every provider with SQLSTATE 57014. */
async function assertStatementTimeout(db: Database): Promise<void> {
  await db.setStatementTimeout!(300);
  const t0 = Date.now();
  await assert.rejects(db.query('SELECT pg_sleep(5)'), (err: { code?: string }) => err.code === '57014');
  assert.ok(Date.now() - t0 < 4_500, `the timeout fired after ${Date.now() - t0} ms`);
}

describe('pglite', () => {
  test('start, query, DDL, stop', async () => {
    const db = await startPglite();
    assert.match(db.serverVersion, /^18\./);
    await exerciseAndStop(db, 'pglite');
    assert.deepEqual(pendingCleanups(), []);
  });

  test('first start initializes and caches the data dir; later starts load it', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'mg-test-cache-'));
    const before = process.env.MIGRATION_GUARD_CACHE_DIR;
    process.env.MIGRATION_GUARD_CACHE_DIR = cache;
    try {
      const cold = await startPglite();
      assert.equal(cold.start, 'cold');
      await cold.stop();
      const t0 = Date.now();
      const warm = await startPglite();
      const ms = Date.now() - t0;
      assert.equal(warm.start, 'warm');
      assert.ok(ms < 10_000, `warm start took ${ms} ms`); // ~0.5 s idle; generous for a loaded CI box
      // the loaded cluster is a fresh one: nothing from the earlier run
      await cold.stop();
      const t = await warm.query("SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public'");
      assert.deepEqual(t.rows, [{ n: '0' }]);
      await warm.stop();
      // a damaged cache file: a cold start that says so and replaces it
      const file = readdirSync(cache).find((f) => f.endsWith('-datadir.tgz'))!;
      writeFileSync(join(cache, file), 'not a tarball');
      const lines: string[] = [];
      const repaired = await startPglite({ log: (l) => lines.push(l) });
      assert.equal(repaired.start, 'cold');
      assert.ok(
        lines.some((l) => /cached data dir unusable/.test(l)),
        lines.join('\n'),
      );
      await repaired.stop();
      const again = await startPglite();
      assert.equal(again.start, 'warm');
      await again.stop();
    } finally {
      if (before === undefined) delete process.env.MIGRATION_GUARD_CACHE_DIR;
      else process.env.MIGRATION_GUARD_CACHE_DIR = before;
      rmSync(cache, { recursive: true, force: true });
    }
  });

  test('loads the extensions a migration creates; others fail with Postgres own error', async () => {
    const sql = `-- create extension hstore (a comment, not a statement)
      CREATE EXTENSION IF NOT EXISTS citext;
      create extension "uuid-ossp";
      CREATE EXTENSION pg_trgm SCHEMA public;`;
    assert.deepEqual(extensionsIn(sql), ['citext', 'uuid-ossp', 'pg_trgm']);
    const db = await startPglite({ extensions: extensionsIn(sql) });
    try {
      assert.deepEqual(db.extensions, ['citext', 'uuid-ossp', 'pg_trgm']);
      await db.exec(sql);
      await db.exec("CREATE TABLE t (name citext); INSERT INTO t VALUES ('Alice')");
      assert.deepEqual((await db.query("SELECT name FROM t WHERE name = 'ALICE'")).rows, [{ name: 'Alice' }]);
      const sim = await db.query<{ s: number }>("SELECT similarity('hello', 'hallo') AS s");
      assert.ok(sim.rows[0]!.s > 0 && sim.rows[0]!.s < 1);
      assert.match(String((await db.query<{ u: string }>('SELECT uuid_generate_v4()::text AS u')).rows[0]!.u), /^[0-9a-f-]{36}$/);
      await assert.rejects(db.exec('CREATE EXTENSION hstore'), /hstore/);
      // the database is still usable after that error
      assert.deepEqual((await db.query('SELECT 1 AS one')).rows, [{ one: 1 }]);
    } finally {
      await db.stop();
    }
  });

  test('statement_timeout does not fire in PGlite, so the client-side timeout stops the database', async () => {
    const db = await startPglite();
    try {
      await assertStatementTimeout(db);
      await assert.rejects(db.query('SELECT 1'), (err: Error) => {
        assert.ok(err instanceof DatabaseUnavailableError);
        assert.match(err.message, /^pglite: .*statement timeout/);
        return true;
      });
    } finally {
      await db.stop();
    }
    assert.deepEqual(pendingCleanups(), []);
  });

  test('a statement within the timeout is unaffected', async () => {
    const db = await startPglite({ statementTimeoutMs: 2_000 });
    try {
      await db.query('SELECT pg_sleep(0.1)');
      assert.deepEqual((await db.query('SELECT 2 AS two')).rows, [{ two: 2 }]);
      assert.ok((await db.query('SELECT 1')).rows.length === 1);
      await assert.rejects(db.query('SELECT pg_sleep(3)'), StatementTimeoutError);
    } finally {
      await db.stop();
    }
  });
});

describe('local', { skip: hasLocalPostgres ? false : 'no PostgreSQL server binaries on this machine' }, () => {
  test('start, query, DDL, stop leaves no process and no data dir', async () => {
    const db = await startLocal();
    const { pid, tempDir } = db;
    assert.ok(processGroupAlive(pid));
    assert.ok(existsSync(join(tempDir, 'data', 'PG_VERSION')));
    if (process.getuid?.() === 0 && existsSync(`/proc/${pid}/status`)) {
      // Postgres refuses root: the server runs as the unprivileged postgres OS user
      const uid = /^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1];
      assert.equal(Number(uid), serverIdentity(0)!.uid);
      assert.notEqual(Number(uid), 0);
    }
    await exerciseAndStop(db, 'local');
    assert.equal(processGroupAlive(pid), false, 'postgres processes left behind');
    assert.equal(existsSync(tempDir), false, 'data dir left behind');
    assert.deepEqual(pendingCleanups(), []);
  });

  test('statement timeout', async () => {
    const db = await startLocal({ statementTimeoutMs: 300 });
    try {
      await assert.rejects(db.query('SELECT pg_sleep(5)'), (err: { code?: string }) => err.code === '57014');
      // a server-side timeout leaves the session usable
      assert.deepEqual((await db.query('SELECT 1 AS one')).rows, [{ one: 1 }]);
      await assertStatementTimeout(db);
    } finally {
      await db.stop();
    }
  });

  test('a server killed mid-run gives DatabaseUnavailableError naming the provider, not a hang', async () => {
    const db = await startLocal();
    try {
      const running = assert.rejects(db.query('SELECT pg_sleep(30)'), (err: Error) => {
        assert.ok(err instanceof DatabaseUnavailableError, String(err));
        assert.match(err.message, /^local: .*(SIGKILL|lost|terminated)/);
        return true;
      });
      await new Promise((r) => setTimeout(r, 200));
      process.kill(-db.pid, 'SIGKILL');
      const t0 = Date.now();
      await running;
      assert.ok(Date.now() - t0 < 5_000);
      await assert.rejects(db.query('SELECT 1'), /^DatabaseUnavailableError: local: /);
    } finally {
      await db.stop();
    }
    assert.equal(existsSync(db.tempDir), false);
  });

  test('as root without a postgres OS user: a clear message; as a normal user: run as ourselves', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mg-test-passwd-'));
    try {
      const passwd = join(dir, 'passwd');
      writeFileSync(passwd, 'root:x:0:0:root:/root:/bin/bash\npostgresql:x:70:70::/var/lib/pg:/bin/sh\n');
      assert.throws(
        () => serverIdentity(0, passwd),
        (err: Error) => {
          assert.ok(err instanceof DatabaseUnavailableError);
          assert.match(err.message, /^local: running as root.*no 'postgres' OS user/);
          return true;
        },
      );
      writeFileSync(passwd, 'root:x:0:0:root:/root:/bin/bash\npostgres:x:101:104::/var/lib/postgresql:/bin/bash\n');
      assert.deepEqual(serverIdentity(0, passwd), { uid: 101, gid: 104 });
      assert.equal(serverIdentity(1000, passwd), undefined);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('discovery: PATH first, then the preferred major when several are installed', () => {
    // stub executables: this checks only the search order, never runs a server
    const dir = mkdtempSync(join(tmpdir(), 'mg-test-bins-'));
    const savedPath = process.env.PATH;
    try {
      const dirs = [16, 17].map((major) => {
        const bin = join(dir, `pg${major}`);
        mkdirSync(bin);
        for (const tool of ['initdb', 'postgres']) {
          writeFileSync(join(bin, tool), `#!/bin/sh\necho "${tool} (PostgreSQL) ${major}.2"\n`, { mode: 0o755 });
        }
        return bin;
      });
      process.env.PATH = `${dirs.join(':')}:${savedPath}`;
      assert.deepEqual(findPgBinaries(), { binDir: dirs[0], major: 16 });
      assert.deepEqual(findPgBinaries(undefined, 17), { binDir: dirs[1], major: 17 });
      assert.deepEqual(findPgBinaries(undefined, 9), { binDir: dirs[0], major: 16 }, 'no match: the first one');
      assert.deepEqual(findPgBinaries(dirs[1]), { binDir: dirs[1], major: 17 });
    } finally {
      process.env.PATH = savedPath;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a missing binary directory is a clear DatabaseUnavailableError', async () => {
    await assert.rejects(startLocal({ pgBinDir: '/nonexistent/bin' }), /local: no initdb\/postgres in \/nonexistent\/bin/);
  });
});

describe('url', { skip: hasLocalPostgres ? false : 'no PostgreSQL server binaries to run a server for the url provider' }, () => {
  let server: LocalDatabase | undefined;
  const serverDb = async () => (server ??= await startLocal());
  after(async () => server?.stop());
  const databases = async () => (await (await serverDb()).query<{ datname: string }>('SELECT datname FROM pg_database ORDER BY 1')).rows.map((r) => r.datname);

  test('creates a scratch database, runs there, drops it, touches nothing else', async () => {
    const srv = await serverDb();
    await srv.exec('CREATE DATABASE keep_me');
    const before = await databases();
    const db = await startUrl({ databaseUrl: srv.url });
    assert.match(db.scratchDatabase, new RegExp(`^${SCRATCH_PREFIX}[0-9a-f]{12}$`));
    assert.equal((await db.query<{ d: string }>('SELECT current_database() AS d')).rows[0]!.d, db.scratchDatabase);
    assert.ok((await databases()).includes(db.scratchDatabase));
    await exerciseAndStop(db, 'url');
    assert.deepEqual(await databases(), before, 'scratch database dropped, others untouched');
    assert.ok(before.includes('keep_me'));
    assert.deepEqual(
      pendingCleanups().filter((name) => name.includes(db.scratchDatabase)),
      [],
    );
  });

  test('a URL without a database name works (maintenance database for CREATE/DROP)', async () => {
    const srv = await serverDb();
    const bare = srv.url!.replace(/\/postgres$/, '');
    const db = await startUrl({ databaseUrl: bare });
    try {
      assert.ok(db.scratchDatabase.startsWith(SCRATCH_PREFIX));
      await assertStatementTimeout(db);
    } finally {
      await db.stop();
    }
    assert.ok(!(await databases()).some((d) => d.startsWith(SCRATCH_PREFIX)));
  });

  test('bad or unreachable URLs', async () => {
    await assert.rejects(startUrl({}), UsageError);
    await assert.rejects(startUrl({ databaseUrl: 'mysql://x@localhost/db' }), UsageError);
    await assert.rejects(startUrl({ databaseUrl: 'postgresql://postgres:secret@127.0.0.1:1/postgres' }), (err: Error) => {
      assert.ok(err instanceof DatabaseUnavailableError);
      assert.match(err.message, /^url: could not connect to postgresql:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/postgres/);
      return true;
    });
  });

  test('a role without CREATEDB gets a clear message and nothing is created', async () => {
    const srv = await serverDb();
    await srv.exec('DROP ROLE IF EXISTS plain_user; CREATE ROLE plain_user LOGIN NOCREATEDB');
    const url = srv.url!.replace('postgres@', 'plain_user@');
    await assert.rejects(startUrl({ databaseUrl: url }), /url: could not create the scratch database .*CREATEDB/);
    assert.ok(!(await databases()).some((d) => d.startsWith(SCRATCH_PREFIX)));
  });
});

describe('container', () => {
  test('start, query, DDL, stop leaves no container (default image name resolves locally)', async (t) => {
    if (!(await dockerAnswers())) {
      t.skip('no Docker engine answers on the local socket (run scripts/setup-docker.sh); container tests skipped');
      return;
    }
    const t0 = Date.now();
    const db = await startContainer();
    assert.equal(db.image, 'postgres:17-alpine');
    assert.deepEqual(await containersWithLabel(RUN_LABEL, db.runId), [db.containerId]);
    assert.ok(Date.now() - t0 < 60_000);
    await assertStatementTimeout(db);
    await exerciseAndStop(db, 'container');
    assert.deepEqual(await containersWithLabel(RUN_LABEL, db.runId), [], 'container left behind');
    assert.deepEqual(pendingCleanups(), []);
  });

  test('a container killed mid-run gives DatabaseUnavailableError naming the provider', async (t) => {
    if (!(await dockerAnswers())) {
      t.skip('no Docker engine answers on the local socket');
      return;
    }
    const db = await startContainer();
    try {
      const running = assert.rejects(db.query('SELECT pg_sleep(30)'), /^DatabaseUnavailableError: container: /);
      await new Promise((r) => setTimeout(r, 200));
      await killContainer(db.containerId);
      await running;
      await assert.rejects(db.query('SELECT 1'), /^DatabaseUnavailableError: container: /);
    } finally {
      await db.stop();
    }
    assert.deepEqual(await containersWithLabel(RUN_LABEL, db.runId), []);
  });

  test('an image that is neither local nor pullable is a clear DatabaseUnavailableError', async (t) => {
    if (!(await dockerAnswers())) {
      t.skip('no Docker engine answers on the local socket');
      return;
    }
    await assert.rejects(startContainer({ postgresImage: 'migration-guard-test/does-not-exist:0' }), (err: Error) => {
      assert.ok(err instanceof DatabaseUnavailableError);
      assert.match(err.message, /^container: image "migration-guard-test\/does-not-exist:0" is not available/);
      return true;
    });
    assert.deepEqual(pendingCleanups(), []);
  });

  test('with the engine hidden (private mount namespace over the socket), a quick DatabaseUnavailableError', async (t) => {
    const canHide = process.getuid?.() === 0 && existsSync('/var/run/docker.sock') && spawnSync('unshare', ['--version']).status === 0;
    if (!canHide) {
      t.skip('needs root, unshare and /var/run/docker.sock to hide the engine from one child process');
      return;
    }
    const provider = new URL('../src/verify/databases/container.ts', import.meta.url).pathname;
    const script =
      `import { startContainer } from ${JSON.stringify(provider)}; const t0 = Date.now();` +
      'try { await startContainer(); console.log("started?!"); } catch (e) { console.log(JSON.stringify({ message: String(e), ms: Date.now() - t0 })); }';
    const out = spawnSync('unshare', ['-m', 'sh', '-c', 'mount --bind /dev/null /var/run/docker.sock && exec "$0" --import tsx --input-type=module -e "$1"', process.execPath, script], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    if (/mount: .*(permission|denied|not permitted)/i.test(out.stderr)) {
      t.skip(`cannot make a private mount namespace here: ${out.stderr.trim()}`);
      return;
    }
    const result = JSON.parse(out.stdout.trim().split('\n').pop()!) as { message: string; ms: number };
    assert.match(result.message, /^DatabaseUnavailableError: container: no container engine answers/);
    assert.ok(result.ms < 10_000, `took ${result.ms} ms`);
  });

  test('with no engine, a quick DatabaseUnavailableError', async (t) => {
    if (await dockerAnswers()) {
      t.skip('a Docker engine answers here; this checks the no-engine path');
      return;
    }
    const t0 = Date.now();
    await assert.rejects(startContainer(), /^DatabaseUnavailableError: container: no container engine answers/);
    assert.ok(Date.now() - t0 < 10_000);
  });
});

describe('cleanup registry', () => {
  test('signal handlers exist only while something is registered; runCleanups runs and empties it', async () => {
    const base = ['SIGINT', 'SIGTERM', 'SIGHUP', 'exit'].map((e) => process.listenerCount(e));
    const counts = () => ['SIGINT', 'SIGTERM', 'SIGHUP', 'exit'].map((e) => process.listenerCount(e));
    const ran: string[] = [];
    const unregister = registerCleanup('a', async () => void ran.push('a'));
    registerCleanup(
      'b',
      () => new Promise(() => {}),
      () => ran.push('b-sync'),
    ); // hangs: the sync fallback runs
    assert.deepEqual(
      counts(),
      base.map((n) => n + 1),
    );
    assert.deepEqual(pendingCleanups(), ['a', 'b']);
    unregister();
    assert.deepEqual(pendingCleanups(), ['b']);
    registerCleanup('c', async () => void ran.push('c'));
    await runCleanups(100);
    assert.deepEqual(ran.sort(), ['b-sync', 'c']);
    assert.deepEqual(pendingCleanups(), []);
    assert.deepEqual(counts(), base);
  });
});

describe('startDatabase', () => {
  test('auto is url when a URL is given, else pglite; unknown kinds are usage errors', () => {
    assert.equal(resolveDatabaseKind('auto'), 'pglite');
    assert.equal(resolveDatabaseKind(undefined, { databaseUrl: 'postgres://x/y' }), 'url');
    assert.equal(resolveDatabaseKind('local', { databaseUrl: 'postgres://x/y' }), 'local');
    assert.throws(() => resolveDatabaseKind('mysql'), UsageError);
  });

  test('reports which database ran and its version', async () => {
    const lines: string[] = [];
    const db = await startDatabase('auto', { log: (l) => lines.push(l) });
    try {
      assert.equal(db.kind, 'pglite');
      assert.ok(lines.includes(`database: pglite, PostgreSQL ${db.serverVersion}`), lines.join('\n'));
    } finally {
      await db.stop();
    }
  });
});
