// How a migration's files are linted together, through run() on real folders:
// files a framework sends as ONE query (an implicit transaction block), and a
// down whose drops of what its own up created break nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../../src/run';
import { discoverMigrations } from '../../src/migrations/discover';
import type { Finding } from '../../src/types';
import { tempTree } from '../cli-helpers';
import { GOLANG_CONCURRENTLY } from '../fixtures/one-query';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const lint = async (cwd: string, paths = ['.']) => (await run({ command: 'lint', paths, cwd })).findings;
const of = (findings: Finding[], rule: string, file?: string) => findings.filter((f) => f.rule === rule && (!file || f.file === file));

test('golang-migrate sends a file as one query: CONCURRENTLY beside another statement fails, alone it does not', async () => {
  const dir = tempTree(GOLANG_CONCURRENTLY);
  const findings = await lint(dir);
  const hits = of(findings, 'concurrently-in-transaction');
  assert.deepEqual(
    hits.map((f) => [f.file, f.line]),
    [['2_mixed.up.sql', 3]],
  );
  assert.match(hits[0]!.message, /transaction/i);
});

test('goose NO TRANSACTION runs statements one by one: the same pair is not flagged', async () => {
  const dir = tempTree({
    '00001_users.sql': '-- +goose Up\nCREATE TABLE users (id bigint PRIMARY KEY, legacy boolean, created_at timestamptz);\n-- +goose Down\nDROP TABLE users;\n',
    '00002_mixed.sql':
      '-- +goose NO TRANSACTION\n-- +goose Up\nALTER TABLE users DROP COLUMN legacy;\nCREATE INDEX CONCURRENTLY IF NOT EXISTS users_created_idx ON users (created_at);\n-- +goose Down\nALTER TABLE users ADD COLUMN legacy boolean;\n',
  });
  assert.deepEqual(of(await lint(dir), 'concurrently-in-transaction'), []);
});

test('each layout says whether its runner sends a file as one query', () => {
  const fixtures = 'test/fixtures/layouts';
  const flag = (name: string) => new Set(discoverMigrations(`${fixtures}/${name}`, { cwd: repo }).migrations.map((m) => m.sentAsOneQuery ?? false));
  for (const name of ['golang-migrate', 'popx', 'dbmate', 'diesel', 'prisma', 'node-pg-migrate']) assert.deepEqual(flag(name), new Set([true]), name);
  for (const name of ['goose', 'flyway', 'sqitch', 'plain', 'temporal-sql-tool']) assert.deepEqual(flag(name), new Set([false]), name);
});

test('examples/: 000006 drops a column and builds an index CONCURRENTLY in one golang-migrate file: flagged', async () => {
  const findings = await lint(repo, ['examples/migrations']);
  const hits = of(findings, 'concurrently-in-transaction');
  assert.deepEqual(
    hits.map((f) => f.file),
    ['examples/migrations/000006_drop_legacy_flag.up.sql'],
  );
  // 000001's down drops the table its own up created: nothing the old app version used.
  assert.deepEqual(of(findings, 'dropping-table', 'examples/migrations/000001_create_users.down.sql'), []);
  // 000003's down drops the column its up added, but the index it drops sits on the existing users table.
  assert.deepEqual(of(findings, 'dropping-column', 'examples/migrations/000003_add_user_status.down.sql'), []);
  assert.equal(of(findings, 'dropping-index-non-concurrently', 'examples/migrations/000003_add_user_status.down.sql').length, 1);
});

test('a down may drop what its own up created, not what existed before', async () => {
  const dir = tempTree({
    '1_base.up.sql': 'CREATE TABLE users (id bigint PRIMARY KEY, email text, nickname text);\n',
    '1_base.down.sql': 'DROP TABLE users;\n',
    '2_more.up.sql':
      "ALTER TABLE users ADD COLUMN status text;\nCREATE TABLE audit (id bigint PRIMARY KEY, note text);\nCREATE INDEX audit_note_idx ON audit (note);\nALTER TABLE users ADD CONSTRAINT users_status_check CHECK (status <> '') NOT VALID;\n",
    // status, audit, its index and the constraint came from the up; nickname did not.
    '2_more.down.sql':
      'ALTER TABLE users DROP CONSTRAINT users_status_check;\nDROP INDEX audit_note_idx;\nALTER TABLE audit RENAME TO audit_old;\nDROP TABLE audit_old;\nALTER TABLE users DROP COLUMN status;\nALTER TABLE users DROP COLUMN nickname;\n',
  });
  const findings = await lint(dir);
  const down = '2_more.down.sql';
  assert.deepEqual(of(findings, 'dropping-table', down), []);
  assert.deepEqual(of(findings, 'dropping-constraint', down), []);
  assert.deepEqual(of(findings, 'dropping-index-non-concurrently', down), []);
  assert.deepEqual(of(findings, 'renaming-table', down), []);
  const columns = of(findings, 'dropping-column', down);
  assert.deepEqual(
    columns.map((f) => f.line),
    [6],
  );
  assert.match(columns[0]!.message, /nickname/);
  // The first migration's down drops a table that migration created: fine; nothing leaks across migrations.
  assert.deepEqual(of(findings, 'dropping-table', '1_base.down.sql'), []);
});

test('what one migration created is not new for the next migration', async () => {
  const dir = tempTree({
    '1_base.up.sql': 'CREATE TABLE users (id bigint PRIMARY KEY);\n',
    '2_drop.up.sql': 'DROP TABLE users;\n',
  });
  assert.equal(of(await lint(dir), 'dropping-table', '2_drop.up.sql').length, 1);
});
