// Alembic on SQLite (test/fixtures/frameworks/alembic-sqlite): the real alembic runs
// its upgrade and downgrades on a scratch copy of the project's database file, its
// sqlite3 connections traced; the SQLite rules and the SQLite verify name each planted
// hazard at its source line, and the project's own file is never written.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { run } from '../../src/run';
import type { Report } from '../../src/types';
import { UsageError } from '../../src/errors';

const FIXTURE = join(import.meta.dirname, '../fixtures/frameworks/alembic-sqlite');
/** Debian's python3 and alembic (the python3 on PATH may lack Debian's modules). */
const PATH = `/usr/bin:/bin:${process.env.PATH}`;
const alembic = spawnSync('/usr/bin/python3', ['-c', 'import alembic, sqlalchemy'], { encoding: 'utf8' });
const skip = alembic.status === 0 ? false : `Debian's python3-alembic is not installed: ${alembic.stderr.trim().split('\n').at(-1)}`;

let savedPath: string | undefined;
before(() => {
  savedPath = process.env.PATH;
  process.env.PATH = PATH;
});

/** A copy of the fixture project (the run must not write into it; neither may this test). */
function project(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'mg-alembic-sqlite-')), 'app');
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

const at = (r: Report) => r.findings.map((f) => `${f.rule} ${f.file.split('/').pop()}:${f.line}`);

test('every planted hazard at its source line, and nothing else; the dialect is detected from alembic.ini', { skip }, async () => {
  const dir = project();
  const r = await run({ command: 'check', cwd: dir, paths: ['.'], overrides: { sqliteVersion: '3.34' } });
  assert.equal(r.dialect, 'sqlite');
  assert.deepEqual(
    r.migrations.map((m) => m.id),
    ['0001', '0002', '0003', '0004'],
  );
  assert.deepEqual(at(r), [
    // 0001 is safe. 0002: batch mode rebuilds users and cannot reflect the expression index.
    'sqlite-rebuild-loses-objects 0002_email_required.py:10',
    // 0003: DROP COLUMN on a target older than 3.35, and the column's values gone after up → down.
    'sqlite-unsupported-alter 0003_drop_legacy.py:10',
    'losing-data-on-rollback 0003_drop_legacy.py:10',
    // 0004: the down forgets the column (so the up cannot run again either).
    'up-not-reapplicable 0004_nickname.py:10',
    'down-not-restoring-schema 0004_nickname.py:15',
  ]);
  assert.ok(r.migrations.every((m) => m.sqlFrom === 'traced'));
  assert.ok(!existsSync(join(dir, 'app.db')), 'alembic ran on a scratch copy, not the project file');
});

test("the project's own database file: migrations start from a copy of it, and it is left byte for byte", { skip }, async () => {
  const dir = project();
  // The app's database at revision 0001, with rows (made by the real alembic, outside migration-guard).
  const made = spawnSync('/usr/bin/python3', ['-m', 'alembic', 'upgrade', '0001'], { cwd: dir, encoding: 'utf8', env: { ...process.env, PATH } });
  assert.equal(made.status, 0, made.stderr);
  spawnSync('/usr/bin/python3', ['-c', "import sqlite3; c = sqlite3.connect('app.db'); c.executemany('INSERT INTO users (email, legacy) VALUES (?, ?)', [('a@x', 'l1'), ('b@x', 'l2')]); c.commit()"], {
    cwd: dir,
  });
  const hash = () =>
    createHash('sha256')
      .update(readFileSync(join(dir, 'app.db')))
      .digest('hex');
  const before = hash();
  const r = await run({ command: 'check', cwd: dir, paths: ['.'], overrides: { sqliteVersion: '3.45' } });
  assert.deepEqual(
    r.migrations.map((m) => m.id),
    ['0002', '0003', '0004'],
    'alembic applied only what the file lacks',
  );
  assert.equal(hash(), before, 'app.db unchanged');
  // The rows already there are the data verify checks against (nothing seeded into users).
  const v0003 = r.verification!.migrations.find((m) => m.id === '0003')!;
  assert.deepEqual(v0003.dataCheck.lost, ['users.legacy: 2 values lost']);
});

test("where no statement can be traced, the ups' SQL comes from Alembic's offline mode and the report says so", { skip }, async () => {
  const dir = project();
  // No batch migration (offline mode cannot reflect), and a Python that skips site hooks (-I).
  rmSync(join(dir, 'migrations/versions/0002_email_required.py'));
  const v3 = join(dir, 'migrations/versions/0003_drop_legacy.py');
  writeFileSync(v3, readFileSync(v3, 'utf8').replace('down_revision = "0002"', 'down_revision = "0001"'));
  writeFileSync(join(dir, '.migration-guard.yml'), 'framework:\n  migrate: /usr/bin/python3 -I -m alembic upgrade head\n  rollback: /usr/bin/python3 -I -m alembic downgrade -1\n');
  const lines: string[] = [];
  const r = await run({ command: 'check', cwd: dir, paths: ['.'], overrides: { sqliteVersion: '3.34' }, progress: (l) => lines.push(l) });
  assert.deepEqual(
    r.migrations.map((m) => `${m.id} ${m.sqlFrom}`),
    ['0001 offline', '0003 offline', '0004 offline'],
  );
  assert.ok(lines.some((l) => /offline mode .*downs are not captured/.test(l)));
  assert.deepEqual(at(r), ['sqlite-unsupported-alter 0003_drop_legacy.py:10']);
  assert.ok(!existsSync(join(dir, 'app.db')), 'the untraced run wrote into a copy of the project, not the project');
});

test('where framework commands may not run, an Alembic-on-SQLite project is refused like any framework project', { skip }, async () => {
  await assert.rejects(run({ command: 'lint', cwd: project(), paths: ['.'], allowCommands: false }), (err: Error) => err instanceof UsageError && /allow-untrusted-sql/.test(err.message));
});

test.after(() => {
  if (savedPath !== undefined) process.env.PATH = savedPath;
});
