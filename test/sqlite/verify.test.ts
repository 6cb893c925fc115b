// verify on SQLite: migrations of a golang-migrate folder cycled up → down → up on a
// real SQLite file, with seeded rows, the data-loss check and the integrity checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/run';
import type { Report } from '../../src/types';

/** A golang-migrate folder from `{ name: [up, down?] }`, checked with dialect sqlite. */
async function check(files: Record<string, [string, string?]>, overrides = {}): Promise<Report> {
  const dir = mkdtempSync(join(tmpdir(), 'mg-sqlite-verify-'));
  mkdirSync(join(dir, 'migrations'));
  for (const [name, [up, down]] of Object.entries(files)) {
    writeFileSync(join(dir, 'migrations', `${name}.up.sql`), up);
    if (down !== undefined) writeFileSync(join(dir, 'migrations', `${name}.down.sql`), down);
  }
  return run({ command: 'check', cwd: dir, paths: ['migrations'], overrides: { dialect: 'sqlite', ...overrides } });
}

const rulesAt = (r: Report) => r.findings.map((f) => `${f.rule} ${f.file.split('/').pop()}:${f.line}`);

const USERS: [string, string] = ['CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, legacy TEXT);\nCREATE INDEX users_email ON users (email);\n', 'DROP TABLE users;\n'];

test('a reversible migration: verified on SQLite, nothing found, the report says sqlite', async () => {
  const r = await check({ '000001_users': USERS, '000002_nickname': ['ALTER TABLE users ADD COLUMN nickname TEXT;', 'ALTER TABLE users DROP COLUMN nickname;'] });
  assert.deepEqual(rulesAt(r), []);
  assert.equal(r.dialect, 'sqlite');
  assert.match(r.verification!.database.kind, /^sqlite \((wasm|node:sqlite)\)$/);
  const v = r.verification!.migrations[1];
  assert.equal(v.reversible, true);
  assert.equal(v.reapplicable, true);
  assert.equal(v.dataCheck.rowsSeeded, 100);
  assert.deepEqual(v.dataCheck.lost, []);
});

test('an up that fails only once the table has rows: failing-with-existing-rows at its line, beside the lint rule', async () => {
  const r = await check({ '000001_users': USERS, '000002_plan': ['-- plan\nALTER TABLE users ADD COLUMN plan TEXT NOT NULL;\n', 'ALTER TABLE users DROP COLUMN plan;'] });
  assert.deepEqual(rulesAt(r), ['failing-with-existing-rows 000002_plan.up.sql:2', 'sqlite-adding-required-column 000002_plan.up.sql:2']);
  assert.match(r.verification!.migrations[1].dataCheck.error ?? '', /Cannot add a NOT NULL column with default value NULL/);
});

test('a down that does not restore the schema, and one that loses data', async () => {
  const r = await check({
    '000001_users': USERS,
    '000002_drop_legacy': ['ALTER TABLE users DROP COLUMN legacy;', 'ALTER TABLE users ADD COLUMN legacy TEXT;'],
    '000003_index': ['CREATE INDEX users_email_id ON users (email, id);', '-- forgot the index\nSELECT 1;'],
  });
  assert.deepEqual(rulesAt(r), ['losing-data-on-rollback 000002_drop_legacy.up.sql:1', 'up-not-reapplicable 000003_index.up.sql:1', 'down-not-restoring-schema 000003_index.down.sql:1']);
  assert.deepEqual(r.verification!.migrations[1].dataCheck.lost, ['users.legacy: 100 values lost']);
  assert.deepEqual(r.verification!.migrations[2].schemaDiff, ['index users_email_id: present after down, absent before up']);
});

test('an up that fails on empty tables stops its set: the later migrations are skipped, not hidden', async () => {
  const r = await check({ '000001_users': USERS, '000002_bad': ['ALTER TABLE orders ADD COLUMN x INT;', 'SELECT 1;'], '000003_later': ['CREATE TABLE t (id INTEGER PRIMARY KEY);', 'DROP TABLE t;'] });
  assert.deepEqual(rulesAt(r), ['up-failing 000002_bad.up.sql:1']);
  assert.match(r.verification!.migrations[1].up.error ?? '', /no such table: orders/);
  assert.match(r.verification!.migrations[2].skipped ?? '', /000002_bad failed/);
});

test('PRAGMA foreign_key_check after each step: orphans a migration leaves are a finding', async () => {
  const r = await check({
    '000001_schema': [
      'CREATE TABLE orgs (id INTEGER PRIMARY KEY, name TEXT);\nCREATE TABLE members (id INTEGER PRIMARY KEY, org_id INTEGER REFERENCES orgs (id));',
      'DROP TABLE members;\nDROP TABLE orgs;',
    ],
    '000002_prune': ['DELETE FROM orgs WHERE id > 50;', 'SELECT 1;'],
  });
  assert.ok(rulesAt(r).includes('sqlite-integrity-failed 000002_prune.up.sql:1'), rulesAt(r).join('\n'));
  assert.match(
    r.findings.find((f) => f.rule === 'sqlite-integrity-failed')!.message,
    /After the up of 000002_prune, SQLite reports: foreign key violation: members row \d+ references missing orgs row/,
  );
});

test('sqliteVersion decides which ALTER forms are findings', async () => {
  const files: Record<string, [string, string?]> = { '000001_users': USERS, '000002_drop': ['ALTER TABLE users DROP COLUMN legacy;', 'ALTER TABLE users ADD COLUMN legacy TEXT;'] };
  const old = await check(files, { sqliteVersion: '3.31' });
  assert.ok(rulesAt(old).includes('sqlite-unsupported-alter 000002_drop.up.sql:1'));
  const recent = await check(files, { sqliteVersion: '3.45' });
  assert.ok(!rulesAt(recent).some((x) => x.startsWith('sqlite-unsupported-alter')));
});

test('other SQL layouts work unchanged with dialect sqlite: dbmate sections keep their file lines', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mg-sqlite-dbmate-'));
  mkdirSync(join(dir, 'db'));
  writeFileSync(join(dir, 'db', '20240101000000_users.sql'), '-- migrate:up\nCREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);\n\n-- migrate:down\nDROP TABLE users;\n');
  writeFileSync(
    join(dir, 'db', '20240102000000_plan.sql'),
    "-- migrate:up\nALTER TABLE users ADD COLUMN plan TEXT NOT NULL DEFAULT 'free';\nALTER TABLE users ADD COLUMN at TEXT DEFAULT CURRENT_TIMESTAMP;\n\n-- migrate:down\nALTER TABLE users DROP COLUMN plan;\n",
  );
  const r = await run({ command: 'check', cwd: dir, paths: ['db'], overrides: { dialect: 'sqlite' } });
  assert.equal(r.migrations[0].layout, 'dbmate');
  // The down forgets `at`: the section's own line.
  assert.deepEqual(rulesAt(r), [
    'failing-with-existing-rows 20240102000000_plan.sql:3',
    'up-not-reapplicable 20240102000000_plan.sql:3',
    'sqlite-non-constant-default 20240102000000_plan.sql:3',
    'down-not-restoring-schema 20240102000000_plan.sql:6',
  ]);
});
