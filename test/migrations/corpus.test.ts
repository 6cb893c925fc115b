// Discovery on the real migration sets in ../shared/corpus: counts, pairing,
// order and transaction flags must match each set's SOURCE.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { discoverMigrations, type Discovery } from '../../src/migrations/discover';
import { compareDigits } from '../../src/migrations/natural-sort';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const corpus = join(repo, '..', 'shared', 'corpus');
const skip = existsSync(corpus) ? false : `../shared/corpus is absent (${corpus})`;

function load(name: string): Discovery {
  return discoverMigrations(join('..', 'shared', 'corpus', name), { cwd: repo });
}
const count = (d: Discovery, f: (m: Discovery['migrations'][number]) => boolean) => d.migrations.filter(f).length;
const nonEmpty = (t: string | undefined) => !!t && t.split('\n').some((l) => !/^\s*(--.*)?$/.test(l));

test('kratos (popx): 346 migrations, 346 downs, 10 autocommit versions (20 files), version order', { skip }, () => {
  const d = load('kratos');
  assert.equal(d.layout, 'golang-migrate');
  assert.equal(d.migrations.length, 346);
  assert.equal(
    count(d, (m) => !!m.down),
    346,
  );
  assert.equal(
    count(d, (m) => nonEmpty(m.down?.text)),
    235,
  );
  const autocommit = d.migrations.filter((m) => !m.transactional);
  assert.equal(autocommit.length, 10);
  assert.equal(autocommit.filter((m) => m.up.file.includes('.autocommit.up.sql') && m.down!.file.includes('.autocommit.down.sql')).length, 10);
  assert.ok(d.migrations.every((m, i) => i === 0 || compareDigits(d.migrations[i - 1]!.version, m.version) < 0));
  // Up and down share the version (one version has a dialect-less up and a .postgres. down).
  const versionOf = (f: string) => /(\d+)_[^/]*$/.exec(f)![1];
  assert.ok(d.migrations.every((m) => versionOf(m.up.file) === m.version && versionOf(m.down!.file) === m.version));
  assert.deepEqual(d.findings, []);
});

test('crates-io (diesel): 285 migrations with downs, 7 non-transactional, Diesel version order', { skip }, () => {
  const d = load('crates-io');
  assert.equal(d.layout, 'diesel');
  assert.equal(d.migrations.length, 285);
  assert.equal(
    count(d, (m) => !!m.down),
    285,
  );
  assert.equal(
    count(d, (m) => !m.transactional),
    7,
  );
  assert.equal(d.migrations[0]!.id, '00000000000000_diesel_initial_setup');
  assert.ok(d.migrations.some((m) => m.id === '2019-11-15-182353_Add email notifications to crate owners'));
  assert.ok(d.migrations.every((m, i) => i === 0 || d.migrations[i - 1]!.version <= m.version));
  assert.ok(d.migrations.every((m) => dirname(m.up.file) === dirname(m.down!.file)));
  assert.deepEqual(d.findings, []);
});

test('chef-server (sqitch): 79 plan entries in 4 projects, dependencies first, reworked changes, all with reverts', { skip }, () => {
  const d = load('chef-server');
  assert.equal(d.layout, 'sqitch');
  assert.equal(d.migrations.length, 79);
  assert.equal(
    count(d, (m) => !!m.down),
    79,
  );
  assert.equal(
    count(d, (m) => m.transactional),
    0,
  );
  const projects = [...new Set(d.migrations.map((m) => m.project))];
  assert.equal(projects.length, 4);
  assert.ok(projects.indexOf('oc_erchef/schema/baseline') < projects.indexOf('oc_erchef/schema'), 'oss_chef deploys before enterprise_chef, which depends on it');
  const perProject = Object.fromEntries(projects.map((p) => [p, count(d, (m) => m.project === p)]));
  assert.deepEqual(perProject, { 'bookshelf/schema': 2, 'oc_bifrost/schema': 13, 'oc_erchef/schema/baseline': 19, 'oc_erchef/schema': 45 });
  const acl = d.migrations.filter((m) => m.project === 'oc_bifrost/schema' && m.name === 'update_acl').map((m) => m.id);
  assert.deepEqual(acl, ['oc_bifrost/schema/update_acl@1.2.0', 'oc_bifrost/schema/update_acl@1.3.0', 'oc_bifrost/schema/update_acl']);
  assert.ok(d.migrations.every((m) => m.up.file.includes('/deploy/') && m.down!.file.includes('/revert/')));
  assert.deepEqual(d.findings, []);
});

test('supabase-postgres (dbmate, two folders): 34 migrations, init scripts first, empty down sections are no down', { skip }, () => {
  const d = load('supabase-postgres');
  assert.equal(d.layout, 'dbmate');
  assert.equal(d.migrations.length, 34);
  // Every file has a bare `-- migrate:down`: dbmate's way of writing no rollback.
  assert.equal(
    count(d, (m) => !!m.down),
    0,
  );
  assert.deepEqual(
    d.migrations.slice(0, 5).map((m) => m.project),
    ['init-scripts', 'init-scripts', 'init-scripts', 'init-scripts', 'migrations'],
  );
  assert.ok(d.migrations.every((m) => m.up.firstLine === 2 && m.transactional));
  assert.deepEqual(d.findings, []);
});

test('hatchet (goose): 224 migrations, 136 Down sections, 33 NO TRANSACTION, 88 missing-down warnings', { skip }, () => {
  const d = load('hatchet');
  assert.equal(d.layout, 'goose');
  assert.equal(d.migrations.length, 224);
  assert.equal(
    count(d, (m) => !!m.down),
    136,
  );
  assert.equal(
    count(d, (m) => nonEmpty(m.down?.text)),
    124,
  );
  assert.equal(
    count(d, (m) => !m.transactional),
    33,
  );
  assert.ok(d.migrations.every((m, i) => i === 0 || compareDigits(d.migrations[i - 1]!.version, m.version) < 0));
  assert.ok(d.migrations.every((m) => !m.down || m.down.firstLine > m.up.firstLine));
  assert.equal(d.findings.filter((f) => f.rule === 'missing-down').length, 88);
  assert.equal(d.findings.length, 88);
});

test('umami (prisma): 19 up-only migrations in folder order', { skip }, () => {
  const d = load('umami');
  assert.equal(d.layout, 'prisma');
  assert.equal(d.migrations.length, 19);
  assert.equal(d.migrations[0]!.id, '01_init');
  assert.equal(d.migrations[18]!.id, '19_add_session_replay');
  assert.equal(
    count(d, (m) => !!m.down),
    0,
  );
  assert.deepEqual(d.findings, []);
});

test('kestra (flyway): 26 migrations in numeric order (1.1 … 1.10 … 1.27)', { skip }, () => {
  const d = load('kestra');
  assert.equal(d.layout, 'flyway');
  assert.equal(d.migrations.length, 26);
  const expected = Array.from({ length: 27 }, (_, i) => `1.${i + 1}`).filter((v) => v !== '1.11');
  assert.deepEqual(
    d.migrations.map((m) => m.version),
    expected,
  );
  assert.equal(
    count(d, (m) => !!m.down),
    0,
  );
  assert.deepEqual(d.findings, [], 'no undo scripts in the folder: missing-down stays quiet');
});

test('harbor (golang-migrate up-only): 39 migrations, no downs, not transactional', { skip }, () => {
  const d = load('harbor');
  assert.equal(d.layout, 'golang-migrate');
  assert.equal(d.migrations.length, 39);
  assert.equal(d.migrations[0]!.id, '0001_initial_schema');
  assert.equal(d.migrations[38]!.id, '0190_2.16.0_schema');
  assert.equal(
    count(d, (m) => !!m.down || m.transactional),
    0,
  );
  assert.deepEqual(d.findings, []);
});

test('supabase-auth (pop up-only): 70 migrations, detected as golang-migrate, no downs', { skip }, () => {
  const d = load('supabase-auth');
  assert.equal(d.layout, 'golang-migrate');
  assert.equal(d.migrations.length, 70);
  assert.equal(d.migrations[0]!.id, '00_init_auth_schema');
  assert.equal(
    count(d, (m) => !!m.down),
    0,
  );
  assert.deepEqual(d.findings, []);
});

test('temporal (temporal-sql-tool): 35 versions in two schemas, the 40 listed of 44 versioned files, numeric order', { skip }, () => {
  const d = load('temporal');
  assert.equal(d.layout, 'temporal-sql-tool');
  assert.equal(d.migrations.length, 35);
  assert.deepEqual(Object.fromEntries([...new Set(d.migrations.map((m) => m.project))].map((p) => [p, count(d, (m) => m.project === p)])), { 'v12/temporal': 20, 'v12/visibility': 15 });
  const files = d.migrations.flatMap((m) => [m.up, ...(m.extraUp ?? [])]).filter((s) => s.file.endsWith('.sql'));
  // 44 versioned .sql files exist; 3 sit in empty-manifest folders and v1.13 applies only its combined file.
  assert.equal(files.length, 40);
  const temporal = d.migrations.filter((m) => m.project === 'v12/temporal').map((m) => m.version);
  assert.deepEqual(temporal.slice(8, 12), ['1.8', '1.9', '1.10', '1.11']);
  assert.equal(temporal[0], '1.0');
  const v15 = d.migrations.find((m) => m.id === 'v12/temporal/v1.5')!;
  const listed = JSON.parse(readFileSync(join(corpus, 'temporal/v12/temporal/versioned/v1.5/manifest.json'), 'utf8')).SchemaUpdateCqlFiles as string[];
  assert.equal(listed.length, 3);
  assert.deepEqual(
    [v15.up, ...(v15.extraUp ?? [])].map((s) => s.file.split('/').pop()),
    listed,
  );
  for (const v of ['v1.10', 'v1.11', 'v1.12']) assert.equal(d.migrations.find((m) => m.id === `v12/visibility/${v}`)!.up.text, '');
  assert.deepEqual(d.findings, []);
});
