// Each layout on a small folder written for the test: what forms one migration,
// its up and down, the order, the transaction flag and true line numbers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { discoverMigrations, type DiscoverOptions } from '../../src/migrations/discover';
import { UsageError } from '../../src/errors';
import { naturalCompare, compareDottedVersions } from '../../src/migrations/natural-sort';
import type { Migration } from '../../src/types';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixtures = 'test/fixtures/layouts';
const discover = (name: string, layout?: DiscoverOptions['layout']) => discoverMigrations(`${fixtures}/${name}`, { cwd: repo, ...(layout ? { layout } : {}) });
const ids = (ms: Migration[]) => ms.map((m) => m.id);
const rules = (d: { findings: { rule: string }[] }) => d.findings.map((f) => f.rule);

test('golang-migrate: pairs up/down by version, numeric order, not transactional, missing-down only where others have downs', () => {
  const d = discover('golang-migrate');
  assert.equal(d.layout, 'golang-migrate');
  assert.deepEqual(ids(d.migrations), ['1_create_users', '2_users_email', '10_orders']);
  assert.equal(d.migrations[0]!.up.file, `${fixtures}/golang-migrate/1_create_users.up.sql`);
  assert.equal(d.migrations[0]!.down?.file, `${fixtures}/golang-migrate/1_create_users.down.sql`);
  assert.equal(d.migrations[0]!.down?.text, 'DROP TABLE users;\n');
  assert.equal(d.migrations[2]!.down, undefined);
  assert.ok(d.migrations.every((m) => m.transactional === false && m.changed === true && m.layout === 'golang-migrate'));
  assert.deepEqual(
    d.migrations.map((m) => m.version),
    ['1', '2', '10'],
  );
  assert.deepEqual(rules(d), ['missing-down']);
  assert.equal(d.findings[0]!.migration, '10_orders');
  assert.equal(d.findings[0]!.severity, 'warning');
  assert.match(d.findings[0]!.message, /10_orders has no down migration \(expected .*10_orders\.down\.sql\)/);
});

test('popx: postgres file wins over the dialect-less one, other dialects ignored, .autocommit is not transactional', () => {
  const d = discover('popx');
  assert.equal(d.layout, 'golang-migrate');
  assert.deepEqual(ids(d.migrations), ['20200101000000000000_identities', '20200101000000000001_identities_idx', '20200101000000000002_noop']);
  const [ident, idx, noop] = d.migrations;
  assert.match(ident!.up.text, /uuid/);
  assert.equal(ident!.up.file, `${fixtures}/popx/20200101000000000000_identities.postgres.up.sql`);
  assert.equal(ident!.transactional, true);
  assert.equal(idx!.transactional, false);
  assert.equal(idx!.down?.file, `${fixtures}/popx/20200101000000000001_identities_idx.autocommit.down.sql`);
  assert.equal(noop!.transactional, true);
  assert.ok(noop!.down, 'an empty down still pairs');
  assert.deepEqual(d.findings, []);
});

test('dbmate: sections keep the file line numbers, transaction:false honoured', () => {
  const d = discover('dbmate');
  assert.equal(d.layout, 'dbmate');
  assert.deepEqual(ids(d.migrations), ['20240101000000_create_users', '20240102000000_users_email_idx', '20240103000000_seed']);
  const [users, idx, seed] = d.migrations;
  assert.equal(users!.up.firstLine, 2);
  assert.match(users!.up.text, /^CREATE TABLE users \(\n {2}id bigint PRIMARY KEY\n\);\n$/);
  assert.equal(users!.down!.firstLine, 7);
  assert.match(users!.down!.text, /^DROP TABLE users;/);
  assert.equal(users!.transactional, true);
  assert.equal(idx!.transactional, false);
  assert.equal(seed!.down, undefined);
  assert.deepEqual(rules(d), ['missing-down']);
});

test('goose: Up/Down sections, StatementBegin/End kept, NO TRANSACTION in any case, numeric order', () => {
  const d = discover('goose');
  assert.equal(d.layout, 'goose');
  assert.deepEqual(ids(d.migrations), ['00001_create_users', '00002_users_idx', '00010_seed']);
  const [users, idx, seed] = d.migrations;
  assert.equal(users!.up.firstLine, 2);
  assert.match(users!.up.text, /StatementBegin[\s\S]*\$\$ LANGUAGE plpgsql;[\s\S]*StatementEnd/);
  assert.doesNotMatch(users!.up.text, /DROP TABLE/);
  assert.equal(users!.down!.firstLine, 13);
  assert.equal(users!.down!.text.split('\n')[0], 'DROP FUNCTION touch();');
  assert.equal(users!.transactional, true);
  assert.equal(idx!.transactional, false);
  assert.equal(idx!.up.firstLine, 3);
  assert.equal(seed!.down, undefined);
  assert.deepEqual(rules(d), ['missing-down']);
});

test('diesel: version = name before the first _ without dashes, string order, metadata.toml run_in_transaction', () => {
  const d = discover('diesel');
  assert.equal(d.layout, 'diesel');
  assert.deepEqual(ids(d.migrations), ['00000000000000_diesel_initial_setup', '20190101000000_create_crates', '2019-03-22-170700_create_users', '2020-01-01-000000-0000_users_idx']);
  assert.deepEqual(
    d.migrations.map((m) => m.version),
    ['00000000000000', '20190101000000', '20190322170700', '202001010000000000'],
  );
  assert.deepEqual(
    d.migrations.map((m) => m.transactional),
    [true, true, true, false],
  );
  assert.ok(d.migrations.every((m) => m.down && m.down.file.endsWith('/down.sql')));
  assert.deepEqual(d.findings, []);
});

test('flyway: numeric dotted versions (_ means .), undo as down, repeatables last, transaction detection', () => {
  const d = discover('flyway');
  assert.equal(d.layout, 'flyway');
  assert.deepEqual(ids(d.migrations), ['V1__init', 'V1_2__email', 'V1_9__nine', 'V1_10__ten', 'V1.11__idx', 'V2__conf', 'R__a_functions', 'R__views']);
  assert.deepEqual(
    d.migrations.map((m) => m.version),
    ['1', '1.2', '1.9', '1.10', '1.11', '2', '', ''],
  );
  const byId = new Map(d.migrations.map((m) => [m.id, m]));
  assert.equal(byId.get('V1_2__email')!.down?.file, `${fixtures}/flyway/U1_2__email.sql`);
  assert.equal(byId.get('V1_10__ten')!.transactional, true, 'a commented-out CONCURRENTLY does not count');
  assert.equal(byId.get('V1.11__idx')!.transactional, false);
  assert.equal(byId.get('V2__conf')!.transactional, false);
  assert.equal(byId.get('V1__init')!.transactional, true);
  // Undo scripts are used in this folder, so versioned migrations without one are flagged; repeatables have no version.
  assert.deepEqual(
    d.findings
      .filter((f) => f.rule === 'missing-down')
      .map((f) => f.migration)
      .sort(),
    ['R__a_functions', 'R__views', 'V1.11__idx', 'V1_10__ten', 'V1_9__nine', 'V1__init', 'V2__conf'].sort(),
  );
});

test('sqitch: plan order, reworked change files name@tag, revert as down, not transactional', () => {
  const d = discover('sqitch');
  assert.equal(d.layout, 'sqitch');
  assert.deepEqual(ids(d.migrations), ['users', 'touch_users@v1.0', 'orders', 'touch_users']);
  assert.deepEqual(
    d.migrations.map((m) => m.name),
    ['users', 'touch_users', 'orders', 'touch_users'],
  );
  assert.match(d.migrations[1]!.up.text, /SELECT 1/);
  assert.match(d.migrations[3]!.up.text, /SELECT 2/);
  assert.equal(d.migrations[3]!.down?.file, `${fixtures}/sqitch/revert/touch_users.sql`);
  assert.ok(d.migrations.every((m) => !m.transactional && m.down));
  assert.deepEqual(d.findings, []);
});

test('prisma: folder order, up only, no missing-down', () => {
  const d = discover('prisma');
  assert.equal(d.layout, 'prisma');
  assert.deepEqual(ids(d.migrations), ['20240101000000_init', '20240201000000_add_email']);
  assert.ok(d.migrations.every((m) => !m.down && m.up.file.endsWith('/migration.sql') && m.transactional === false));
  assert.deepEqual(d.findings, []);
});

test('node-pg-migrate: -- Up Migration / -- Down Migration sections, case-insensitive, transactional', () => {
  const d = discover('node-pg-migrate');
  assert.equal(d.layout, 'node-pg-migrate');
  assert.deepEqual(ids(d.migrations), ['1700000000000_create-users', '1700000000001_seed']);
  const [users, seed] = d.migrations;
  assert.equal(users!.up.firstLine, 2);
  assert.equal(users!.down!.firstLine, 5);
  assert.equal(users!.down!.text.trim(), 'DROP TABLE users;');
  assert.equal(seed!.down, undefined);
  assert.ok(d.migrations.every((m) => m.transactional));
  assert.deepEqual(rules(d), ['missing-down']);
});

test('temporal-sql-tool: versions in numeric order, listed files in order, empty manifests kept, one project per schema', () => {
  const d = discover('temporal-sql-tool');
  assert.equal(d.layout, 'temporal-sql-tool');
  assert.deepEqual(ids(d.migrations), ['main/v0.1', 'main/v0.2', 'main/v0.9', 'main/v0.10', 'visibility/v0.1']);
  const v02 = d.migrations[1]!;
  assert.ok(v02.up.file.endsWith('v0.2/a.sql'));
  assert.deepEqual(
    v02.extraUp?.map((s) => s.file.split('/').pop()),
    ['b.sql'],
  );
  const v010 = d.migrations[3]!;
  assert.equal(v010.up.text, '');
  assert.ok(v010.up.file.endsWith('v0.10/manifest.json'));
  assert.deepEqual([...new Set(d.migrations.map((m) => m.project))], ['main', 'visibility']);
  assert.ok(d.migrations.every((m) => !m.transactional && !m.down));
  assert.deepEqual(d.findings, [], 'the same version in two schemas is not a duplicate');
});

test('plain: natural order, up only', () => {
  const d = discover('plain');
  assert.equal(d.layout, 'plain');
  assert.deepEqual(ids(d.migrations), ['1_users', '2_orders', '10_items']);
  assert.deepEqual(d.findings, []);
});

test('subfolders of one layout become projects in path order', () => {
  const d = discover('nested');
  assert.equal(d.layout, 'dbmate');
  assert.deepEqual(ids(d.migrations), ['init-scripts/00000000000000-initial', 'migrations/20240101000000_users']);
  assert.equal(d.migrations[0]!.project, 'init-scripts');
});

test('--layout forces a layout; an unknown name or a layout with no files is a UsageError', () => {
  const d = discover('golang-migrate', 'plain');
  assert.equal(d.layout, 'plain');
  assert.equal(d.migrations.length, 5);
  assert.throws(
    () => discover('golang-migrate', 'goose'),
    (e: Error) => e instanceof UsageError && /no goose migrations found/.test(e.message),
  );
  assert.throws(
    () => discover('golang-migrate', 'nope' as never),
    (e: Error) => e instanceof UsageError && /unknown layout.*golang-migrate/.test(e.message),
  );
});

test('a folder that mixes layouts is a UsageError listing both', () => {
  assert.throws(
    () => discover('mixed'),
    (e: Error) => e instanceof UsageError && /mixes migration layouts/.test(e.message) && /golang-migrate \(1 files/.test(e.message) && /goose \(1 \.sql files/.test(e.message),
  );
});

test('a folder with no migrations, or a missing path, is a UsageError naming it', () => {
  assert.throws(
    () => discover('empty'),
    (e: Error) => e instanceof UsageError && /empty: no migrations found \(found: notes\.txt\)/.test(e.message),
  );
  assert.throws(
    () => discover('does-not-exist'),
    (e: Error) => e instanceof UsageError && /does-not-exist: no such file or folder/.test(e.message),
  );
});

test('duplicate versions are reported on each migration sharing one (leading zeros ignored)', () => {
  const d = discover('duplicate');
  const dup = d.findings.filter((f) => f.rule === 'duplicate-migration-version');
  assert.deepEqual(dup.map((f) => f.migration).sort(), ['001_users', '1_orders']);
  assert.match(dup[0]!.message, /share|like/);
  assert.ok(dup.every((f) => f.severity === 'error' && f.line === 1));
});

test('a single file: its migration within the folder layout, or a plain file on its own', () => {
  const d = discoverMigrations(`${fixtures}/golang-migrate/1_create_users.up.sql`, { cwd: repo });
  assert.equal(d.layout, 'golang-migrate');
  assert.deepEqual(ids(d.migrations), ['1_create_users']);
  assert.ok(d.migrations[0]!.down);
  const g = discoverMigrations(`${fixtures}/goose/00002_users_idx.sql`, { cwd: repo });
  assert.equal(g.layout, 'goose');
  assert.equal(g.migrations[0]!.transactional, false);
  const diesel = discoverMigrations(`${fixtures}/diesel/2020-01-01-000000-0000_users_idx/up.sql`, { cwd: repo });
  assert.equal(diesel.layout, 'diesel');
  assert.deepEqual(ids(diesel.migrations), ['2020-01-01-000000-0000_users_idx']);
  const mixed = discoverMigrations(`${fixtures}/mixed/1_users.up.sql`, { cwd: repo });
  assert.equal(mixed.layout, 'plain');
  assert.equal(mixed.migrations[0]!.up.text, 'CREATE TABLE users (id bigint);\n');
});

test('an unreadable file is an unreadable-file finding; the other migrations are still discovered', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mg-unreadable-'));
  try {
    cpSync(join(repo, fixtures, 'golang-migrate'), dir, { recursive: true });
    symlinkSync(join(dir, 'missing-target.sql'), join(dir, '5_broken.up.sql'));
    writeFileSync(join(dir, '5_broken.down.sql'), 'SELECT 1;\n');
    const d = discoverMigrations(dir, { cwd: dir });
    assert.deepEqual(ids(d.migrations), ['1_create_users', '2_users_email', '10_orders']);
    const bad = d.findings.filter((f) => f.rule === 'unreadable-file');
    assert.equal(bad.length, 1);
    assert.equal(bad[0]!.file, '5_broken.up.sql');
    assert.match(bad[0]!.message, /Cannot read 5_broken\.up\.sql: ENOENT/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('sqitch: a plan entry without its deploy script is an unreadable-file finding', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mg-sqitch-'));
  try {
    cpSync(join(repo, fixtures, 'sqitch'), dir, { recursive: true });
    rmSync(join(dir, 'deploy', 'orders.sql'));
    const d = discoverMigrations(dir, { cwd: dir });
    assert.deepEqual(ids(d.migrations), ['users', 'touch_users@v1.0', 'touch_users']);
    assert.equal(d.findings[0]!.rule, 'unreadable-file');
    assert.equal(d.findings[0]!.file, 'deploy/orders.sql');
    assert.match(d.findings[0]!.message, /sqitch\.plan line 10 lists change "orders"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('natural and dotted version ordering', () => {
  assert.deepEqual(['10_a', '2_a', '1_b', '1_a'].sort(naturalCompare), ['1_a', '1_b', '2_a', '10_a']);
  assert.ok(compareDottedVersions('1.9', '1.10') < 0);
  assert.equal(compareDottedVersions('1.2', '1.2.0'), 0);
  assert.ok(compareDottedVersions('2', '1.27') > 0);
});

test('loose .sql files beside a migrations subfolder do not hide its layout', () => {
  const d = discover('seed-beside');
  assert.equal(d.layout, 'goose');
  assert.deepEqual(ids(d.migrations), ['001_users']);
});
