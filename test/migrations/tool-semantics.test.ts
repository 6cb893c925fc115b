// Discovery reads a folder the way the user's tool does in the corners: dbmate's
// per-section transaction option, downs with no up, goose's strict annotation
// parser, Flyway's recursive locations and script config, sqitch.conf overrides,
// and how paths outside the cwd are shown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { discoverMigrations } from '../../src/migrations/discover';
import { run } from '../../src/run';
import type { Finding, Migration } from '../../src/types';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixtures = 'test/fixtures/layouts';
const discover = (name: string) => discoverMigrations(`${fixtures}/${name}`, { cwd: repo });
const ids = (ms: Migration[]) => ms.map((m) => m.id);
const byId = (ms: Migration[]) => new Map(ms.map((m) => [m.id, m]));
const lint = async (path: string) => (await run({ command: 'lint', paths: [path], cwd: repo })).findings;
const of = (findings: Finding[], rule: string) => findings.filter((f) => f.rule === rule);

test('dbmate: "-- migrate:down transaction:false" applies to the down only', () => {
  const d = discover('dbmate-down-options');
  const m = byId(d.migrations);
  assert.equal(m.get('20240101000000_users')!.transactional, true);
  assert.equal(m.get('20240101000000_users')!.downTransactional, undefined, 'same as the up: not set');
  assert.equal(m.get('20240102000000_email_idx')!.transactional, false);
  assert.equal(m.get('20240102000000_email_idx')!.downTransactional, undefined);
  assert.equal(m.get('20240103000000_nickname')!.transactional, true);
  assert.equal(m.get('20240103000000_nickname')!.downTransactional, false);
});

test('dbmate: the down is linted with its own transaction option', async () => {
  // 20240103's up runs in dbmate's transaction, its down (DROP INDEX CONCURRENTLY alone) outside one.
  const findings = of(await lint(`${fixtures}/dbmate-down-options`), 'concurrently-in-transaction');
  assert.deepEqual(
    findings.map((f) => `${f.file}:${f.line}`),
    [],
  );
});

test('golang-migrate: a down with no up is a down-without-up finding; a down named unlike the only up of its version pairs with it', () => {
  const d = discover('down-without-up-golang');
  assert.deepEqual(ids(d.migrations), ['1_users', '3_items']);
  assert.equal(byId(d.migrations).get('3_items')!.down?.file, `${fixtures}/down-without-up-golang/3_create_items.down.sql`);
  const orphans = of(d.findings, 'down-without-up');
  assert.equal(orphans.length, 1);
  assert.equal(orphans[0]!.file, `${fixtures}/down-without-up-golang/2_orders.down.sql`);
  assert.equal(orphans[0]!.severity, 'error');
  assert.match(orphans[0]!.message, /expected .*2_orders\.up\.sql/);
  assert.match(orphans[0]!.message, /records version 2 as applied without running anything/);
  assert.deepEqual(of(d.findings, 'missing-down'), []);
});

test('diesel: a migration folder with only down.sql is a down-without-up finding', () => {
  const d = discover('down-without-up-diesel');
  assert.deepEqual(ids(d.migrations), ['20200101000000_users']);
  const orphans = of(d.findings, 'down-without-up');
  assert.deepEqual(
    orphans.map((f) => f.file),
    [`${fixtures}/down-without-up-diesel/20210101000000_orders/down.sql`],
  );
  assert.match(orphans[0]!.message, /Diesel refuses/);
});

test('goose: annotations read as goose reads them; files goose refuses are invalid-migration-file findings naming file and line', () => {
  const d = discover('goose-invalid');
  assert.equal(d.layout, 'goose');
  const problems = of(d.findings, 'invalid-migration-file').map((f) => [f.file.split('/').pop(), f.line, f.message]);
  const at = (file: string) => problems.find((p) => p[0] === file);
  assert.equal(at('00001_envsub.sql'), undefined, 'ENVSUB ON/OFF, "--+goose up", "+GOOSE" in a comment are all fine for goose');
  assert.deepEqual(at('00002_no_up.sql')?.slice(0, 2), ['00002_no_up.sql', 2]);
  assert.match(String(at('00002_no_up.sql')?.[2]), /goose refuses .*00002_no_up\.sql: SQL before "-- \+goose Up"/);
  assert.deepEqual(at('00003_trailing_text.sql')?.slice(0, 2), ['00003_trailing_text.sql', 4]);
  assert.match(String(at('00003_trailing_text.sql')?.[2]), /"Down  undo" is not a goose annotation/);
  assert.match(String(at('00004_envsubst.sql')?.[2]), /ENVSUBST ON" is not a goose annotation \(goose spells it "-- \+goose ENVSUB ON"\)/);
  assert.deepEqual(at('00005_indented.sql')?.slice(0, 2), ['00005_indented.sql', 4]);
  assert.match(String(at('00005_indented.sql')?.[2]), /indented/);
  assert.deepEqual(at('00006_unclosed.sql')?.slice(0, 2), ['00006_unclosed.sql', 2]);
  assert.match(String(at('00006_unclosed.sql')?.[2]), /never closed/);
  assert.deepEqual(at('00007_sql_first.sql')?.slice(0, 2), ['00007_sql_first.sql', 1]);
  assert.equal(problems.length, 6);
  // A file with no Up is not a migration; the others still are, with their sections.
  assert.deepEqual(ids(d.migrations), ['00001_envsub', '00003_trailing_text', '00004_envsubst', '00005_indented', '00006_unclosed', '00007_sql_first']);
  const envsub = d.migrations[0]!;
  assert.equal(envsub.up.firstLine, 3);
  assert.match(envsub.up.text, /^CREATE TABLE \$\{TABLE_NAME\}/);
  assert.equal(envsub.down?.firstLine, 8);
  assert.equal(envsub.down?.text.trim(), 'DROP TABLE ${TABLE_NAME};');
});

test('goose: ${VAR} under ENVSUB ON lints without a syntax error', async () => {
  const findings = await lint(`${fixtures}/goose-invalid/00001_envsub.sql`);
  assert.deepEqual(of(findings, 'syntax-error'), []);
});

test('flyway: subfolders are scanned as one set ordered by version; undo scripts pair from any folder; script config as .conf or comment', () => {
  const d = discover('flyway-nested');
  assert.equal(d.layout, 'flyway');
  assert.deepEqual(ids(d.migrations), ['V1__init', 'V2__users', 'V2_1__users_email', 'V3__orders', 'V10__note', 'R__views']);
  assert.ok(
    d.migrations.every((m) => m.project === undefined),
    'one set, not projects',
  );
  const m = byId(d.migrations);
  assert.equal(m.get('V2__users')!.up.file, `${fixtures}/flyway-nested/2023/V2__users.sql`);
  assert.equal(m.get('V2__users')!.down?.file, `${fixtures}/flyway-nested/undo/U2__users.sql`);
  assert.equal(m.get('V1__init')!.transactional, true);
  assert.equal(m.get('V2_1__users_email')!.transactional, false, '-- flyway:executeInTransaction=false');
  assert.equal(m.get('V10__note')!.transactional, false, 'V10__note.sql.conf');
  assert.equal(m.get('V3__orders')!.transactional, true);
});

test('flyway: sets found only in sibling subfolders are still one location, not projects', () => {
  const d = discover('flyway-split');
  assert.deepEqual(ids(d.migrations), ['V1__core', 'V2__feature', 'V3__core_more']);
  assert.ok(d.migrations.every((m) => m.project === undefined));
  assert.deepEqual(d.findings, []);
});

test('sqitch: sqitch.conf moves the plan and script folders (target, then engine, then core settings)', () => {
  const d = discover('sqitch-conf');
  assert.equal(d.layout, 'sqitch');
  assert.deepEqual(ids(d.migrations), ['users', 'orders']);
  assert.ok(
    d.migrations.every((m) => m.project === undefined),
    'db/ (its top_dir) is not a second project',
  );
  const [users, orders] = d.migrations;
  assert.equal(users!.up.file, `${fixtures}/sqitch-conf/db/deploy/users.sql`);
  assert.equal(users!.down?.file, `${fixtures}/sqitch-conf/db/undo/users.sql`, 'engine.pg.revert_dir wins over top_dir/revert');
  assert.equal(orders!.down?.file, `${fixtures}/sqitch-conf/db/undo/orders.sql`);
  assert.deepEqual(d.findings, []);
});

test('sqitch: a change in the plan sqitch.conf names, without its deploy script, names that plan', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mg-sqitch-conf-'));
  try {
    cpSync(join(repo, fixtures, 'sqitch-conf'), dir, { recursive: true });
    rmSync(join(dir, 'db', 'deploy', 'orders.sql'));
    const d = discoverMigrations(dir, { cwd: dir });
    assert.deepEqual(ids(d.migrations), ['users']);
    assert.equal(d.findings[0]!.file, 'db/deploy/orders.sql');
    assert.match(d.findings[0]!.message, /db\/app\.plan line 5 lists change "orders"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('paths outside the cwd show as they were given: absolute stays absolute, relative stays relative; inside the cwd, relative', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mg-paths-'));
  try {
    for (const layout of ['golang-migrate', 'dbmate', 'diesel', 'flyway', 'sqitch', 'prisma', 'temporal-sql-tool']) {
      const sub = join(dir, layout);
      cpSync(join(repo, fixtures, layout), sub, { recursive: true });
      const abs = discoverMigrations(sub, { cwd: repo });
      assert.ok(
        abs.migrations.every((m) => m.up.file.startsWith(`${sub}/`)),
        `${layout}: absolute, not ../..: ${abs.migrations[0]!.up.file}`,
      );
      const rel = relative(repo, sub);
      const given = discoverMigrations(rel, { cwd: repo });
      assert.ok(
        given.migrations.every((m) => m.up.file.startsWith(`${rel}/`)),
        `${layout}: as given: ${given.migrations[0]!.up.file}`,
      );
      const inside = discoverMigrations(sub, { cwd: dir });
      assert.ok(
        inside.migrations.every((m) => m.up.file.startsWith(`${layout}/`)),
        `${layout}: relative inside the cwd: ${inside.migrations[0]!.up.file}`,
      );
    }
    // Through run(): findings name the file the same way.
    const findings = await run({ command: 'lint', paths: [join(dir, 'golang-migrate')], cwd: repo });
    assert.ok(findings.findings.length > 0);
    assert.ok(
      findings.findings.every((f) => f.file.startsWith(`${dir}/golang-migrate/`)),
      findings.findings.map((f) => f.file).join(', '),
    );
    const relFindings = await run({ command: 'lint', paths: [relative(repo, join(dir, 'golang-migrate'))], cwd: repo });
    assert.ok(
      relFindings.findings.every((f) => f.file.startsWith('../')),
      relFindings.findings.map((f) => f.file).join(', '),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("one file of a big folder: only its own migration's files are read (a broken sibling is not reported)", () => {
  const dir = mkdtempSync(join(tmpdir(), 'mg-single-'));
  try {
    for (let i = 1; i <= 50; i++) {
      writeFileSync(join(dir, `${i}_t${i}.up.sql`), `CREATE TABLE t${i} (id bigint);\n`);
      writeFileSync(join(dir, `${i}_t${i}.down.sql`), `DROP TABLE t${i};\n`);
    }
    writeFileSync(join(dir, '7_t7.up.sql'), Buffer.from([0x43, 0x52, 0xff, 0x0a])); // not UTF-8: a finding if read
    const d = discoverMigrations(join(dir, '20_t20.up.sql'), { cwd: dir });
    assert.deepEqual(ids(d.migrations), ['20_t20']);
    assert.equal(d.migrations[0]!.up.text, 'CREATE TABLE t20 (id bigint);\n');
    assert.equal(d.migrations[0]!.down?.text, 'DROP TABLE t20;\n', 'its down is read');
    assert.deepEqual(d.findings, [], 'the broken sibling was never read');
    // The whole folder does read it.
    assert.ok(discoverMigrations(dir, { cwd: dir }).findings.some((f) => f.file === '7_t7.up.sql'));
    // A down file on its own brings its up.
    const down = discoverMigrations(join(dir, '20_t20.down.sql'), { cwd: dir });
    assert.equal(down.migrations[0]!.up.text, 'CREATE TABLE t20 (id bigint);\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('one Flyway undo script: its versioned migration is read, with its own transaction decision', () => {
  const d = discoverMigrations(`${fixtures}/flyway-nested/undo/U2__users.sql`, { cwd: repo });
  // The undo's folder alone holds no versioned migration; the file is then linted on its own.
  assert.equal(d.migrations.length, 1);
  const v = discoverMigrations(`${fixtures}/flyway-nested/2024/V10__note.sql`, { cwd: repo });
  assert.deepEqual(ids(v.migrations), ['V10__note']);
  assert.equal(v.migrations[0]!.transactional, false, 'the .conf beside it is still read');
});
