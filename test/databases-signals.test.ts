// Ctrl-C, SIGTERM and a bare process.exit() in the middle of a run leave nothing
// behind: a child process starts a provider and is interrupted mid-statement.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { after, describe, test } from 'node:test';
import { RUN_LABEL } from '../src/verify/databases/container';
import { binDirCandidates, startLocal, type LocalDatabase } from '../src/verify/databases/local';
import { containersWithLabel, dockerAnswers } from './databases-docker';

const CHILD = new URL('./databases-child.ts', import.meta.url).pathname;
const hasLocalPostgres = binDirCandidates().length > 0;

interface ChildInfo {
  kind: string;
  pid?: number;
  tempDir?: string;
  containerId?: string;
  runId?: string;
  scratchDatabase?: string;
}

/** Starts the child; resolves with what it created once it is mid-run, plus a way to signal it and await its exit. */
async function startChild(kind: string, mode: 'sleep' | 'exit', databaseUrl?: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, kind, mode, ...(databaseUrl ? [databaseUrl] : [])], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += c));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const lines = createInterface({ input: child.stdout });
  const info = await new Promise<ChildInfo>((resolve, reject) => {
    lines.once('line', (line) => resolve(JSON.parse(line) as ChildInfo));
    void exited.then((e) => reject(new Error(`child exited early (${e.code ?? e.signal}): ${stderr}`)));
  });
  return { child, info, exited, stderr: () => stderr };
}

function processGroupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGKILLed processes linger as zombies until init reaps them: give that a moment. */
async function processGroupGone(pid: number): Promise<boolean> {
  for (let i = 0; i < 100 && processGroupAlive(pid); i++) await new Promise((r) => setTimeout(r, 20));
  return !processGroupAlive(pid);
}

describe('local', { skip: hasLocalPostgres ? false : 'no PostgreSQL server binaries on this machine' }, () => {
  for (const [signal, code] of [
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const) {
    test(`${signal} mid-statement: exit ${code}, no postgres process, no data dir`, async () => {
      const run = await startChild('local', 'sleep');
      assert.ok(run.info.pid && processGroupAlive(run.info.pid));
      assert.ok(run.info.tempDir && existsSync(run.info.tempDir));
      await new Promise((r) => setTimeout(r, 300)); // the pg_sleep is running
      run.child.kill(signal);
      const { code: exitCode } = await run.exited;
      assert.equal(exitCode, code, run.stderr());
      assert.ok(await processGroupGone(run.info.pid), 'postgres left running');
      assert.equal(existsSync(run.info.tempDir), false, 'data dir left behind');
    });
  }

  test('process.exit() without stop(): the exit handler kills the server and removes the data dir', async () => {
    const run = await startChild('local', 'exit');
    const { code } = await run.exited;
    assert.equal(code, 3, run.stderr());
    assert.ok(await processGroupGone(run.info.pid!), 'postgres left running');
    assert.equal(existsSync(run.info.tempDir!), false, 'data dir left behind');
  });
});

describe('url', { skip: hasLocalPostgres ? false : 'no PostgreSQL server binaries to run a server' }, () => {
  let server: LocalDatabase | undefined;
  after(async () => server?.stop());
  const scratchDatabases = async () => (await server!.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'mg_scratch_%'")).rows;

  test('SIGTERM mid-statement drops the scratch database', async () => {
    server = await startLocal();
    const run = await startChild('url', 'sleep', server.url);
    assert.deepEqual(await scratchDatabases(), [{ datname: run.info.scratchDatabase }]);
    await new Promise((r) => setTimeout(r, 300));
    run.child.kill('SIGTERM');
    assert.equal((await run.exited).code, 143, run.stderr());
    assert.deepEqual(await scratchDatabases(), []);
  });

  test('process.exit() without stop() drops the scratch database', async () => {
    server ??= await startLocal();
    const run = await startChild('url', 'exit', server.url);
    assert.equal((await run.exited).code, 3, run.stderr());
    assert.deepEqual(await scratchDatabases(), []);
  });
});

describe('pglite', () => {
  test('SIGTERM during a long statement exits 143 at once (the statement runs in a worker)', async () => {
    const run = await startChild('pglite', 'sleep');
    await new Promise((r) => setTimeout(r, 300));
    const t0 = Date.now();
    run.child.kill('SIGTERM');
    assert.equal((await run.exited).code, 143, run.stderr());
    assert.ok(Date.now() - t0 < 5_000, `took ${Date.now() - t0} ms to exit`);
  });
});

describe('container', () => {
  test('SIGTERM mid-statement removes the container', async (t) => {
    if (!(await dockerAnswers())) {
      t.skip('no Docker engine answers on the local socket (run scripts/setup-docker.sh)');
      return;
    }
    const run = await startChild('container', 'sleep');
    assert.deepEqual(await containersWithLabel(RUN_LABEL, run.info.runId!), [run.info.containerId]);
    await new Promise((r) => setTimeout(r, 300));
    run.child.kill('SIGTERM');
    assert.equal((await run.exited).code, 143, run.stderr());
    assert.deepEqual(await containersWithLabel(RUN_LABEL, run.info.runId!), [], 'container left behind');
  });

  test('process.exit() without stop() removes the container (synchronous Docker API call)', async (t) => {
    if (!(await dockerAnswers())) {
      t.skip('no Docker engine answers on the local socket');
      return;
    }
    const run = await startChild('container', 'exit');
    assert.equal((await run.exited).code, 3, run.stderr());
    assert.deepEqual(await containersWithLabel(RUN_LABEL, run.info.runId!), [], 'container left behind');
  });
});
