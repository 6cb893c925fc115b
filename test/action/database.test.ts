// The Action's verify database: `container` where a Docker engine answers, and
// the fallback to the embedded PGlite (with one warning) where none does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { makeRepo, runAction, type ActionRun } from './harness';

const FILES = {
  base: { 'db/migrations/000001_users.up.sql': 'CREATE TABLE users (id bigint PRIMARY KEY);\n', 'db/migrations/000001_users.down.sql': 'DROP TABLE users;\n' },
  head: {
    'db/migrations/000002_status.up.sql': "ALTER TABLE users ADD COLUMN status text NOT NULL DEFAULT 'active';\n",
    'db/migrations/000002_status.down.sql': 'ALTER TABLE users DROP COLUMN status;\n',
  },
};
const INPUTS = { path: 'db/migrations', verify: 'true', comment: 'false', 'fail-on': 'never' };

function dockerAnswers(): boolean {
  const r = spawnSync('docker', ['version', '--format', '{{.Server.Version}}'], { encoding: 'utf8', timeout: 10_000 });
  return r.status === 0 && !!r.stdout.trim();
}

function verification(r: ActionRun) {
  const info = `exit ${r.code}\n${r.stdout}\n${r.stderr}`;
  assert.ok(r.outputs['findings-json'], info);
  return { report: JSON.parse(readFileSync(r.outputs['findings-json']!, 'utf8')), info };
}

const notWired = (r: ActionRun) => /verify is not available in this build/.test(r.stdout);

test('database: container verifies in a Postgres container where Docker answers', { timeout: 300_000 }, async (t) => {
  if (!dockerAnswers()) return t.skip('no Docker engine answers here (scripts/setup-docker.sh sets one up)');
  const repo = makeRepo(FILES);
  const r = await runAction({ workspace: repo.dir, inputs: { ...INPUTS, database: 'container' }, event: { name: 'push', payload: {} }, timeoutMs: 240_000 });
  if (notWired(r)) return t.skip('verify is not wired into run() yet');
  const { report, info } = verification(r);
  assert.equal(r.code, 0, info);
  assert.equal(report.verification?.database?.kind, 'container', info);
  assert.match(r.summary, /Verify: up → down → up on container/);
  assert.ok(!r.warnings.some((w) => /No Docker engine/.test(w)), info);
  t.diagnostic(`container verify run: ${r.ms} ms`);
});

test('database: container falls back to PGlite with one warning when no Docker engine answers', { timeout: 300_000 }, async (t) => {
  const repo = makeRepo(FILES);
  const r = await runAction({
    workspace: repo.dir,
    inputs: { ...INPUTS, database: 'container' },
    event: { name: 'push', payload: {} },
    env: { DOCKER_HOST: 'unix:///nonexistent/docker.sock' },
    timeoutMs: 240_000,
  });
  if (notWired(r)) return t.skip('verify is not wired into run() yet');
  const { report, info } = verification(r);
  assert.equal(r.code, 0, info);
  assert.equal(report.verification?.database?.kind, 'pglite', info);
  assert.equal(r.warnings.filter((w) => /No Docker engine answered/.test(w)).length, 1, info);
  assert.match(r.summary, /No Docker engine answered/);
});
