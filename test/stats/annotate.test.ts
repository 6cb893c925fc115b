// --stats on real SQL: sizes and estimates on findings, severities by
// stats.thresholds, the lock budget (transactions hold locks to COMMIT), unknown
// tables, and that a run without stats is unchanged. Unit tier: no database.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../../src/config-file';
import { UsageError } from '../../src/errors';
import { renderComment } from '../../src/github/comment';
import { renderJson } from '../../src/report/json';
import { run } from '../../src/run';
import { estimate, formatEstimate, modelMs } from '../../src/stats/cost-model';
import { parseStats, StatsIndex, type StatsFile, type TableStats } from '../../src/stats/file';
import type { Finding, Report } from '../../src/types';
import { cli, tempTree } from '../cli-helpers';

const DAY = { collectedAt: '2026-12-01T10:00:00Z', countersSince: '2026-11-30T10:00:00Z' };

function table(schema: string, name: string, rows: number | null, rowBytes: number, extra: Partial<TableStats> = {}): TableStats {
  const n = rows ?? 0;
  return {
    schema,
    name,
    rows,
    heapBytes: n * rowBytes,
    indexBytes: n * 30,
    toastBytes: 0,
    deadRows: 0,
    lastVacuum: null,
    lastAutovacuum: null,
    lastAnalyze: null,
    lastAutoanalyze: null,
    indexes: [{ name: `${name}_pkey`, definition: `CREATE UNIQUE INDEX ${name}_pkey ON ${schema}.${name} USING btree (id)`, bytes: n * 30 }],
    counters: { seqScans: 0, idxScans: 0, inserts: 0, updates: 0, deletes: 0 },
    ...extra,
  };
}

/** users: 48M rows and busy (≈110 writes/s over a day); countries: 250 rows; archive.users: another schema. */
const STATS: StatsFile = {
  version: 1,
  kind: 'migration-guard-stats',
  ...DAY,
  server: { version: '15.8', versionNum: 150008 },
  database: 'app',
  tables: [
    table('public', 'users', 48_000_000, 110, { counters: { seqScans: 0, idxScans: 0, inserts: 864_000, updates: 8_640_000, deletes: 0 } }),
    table('public', 'countries', 250, 60),
    table('archive', 'users', 2_000, 110),
    table('public', 'Events', 5_000_000, 200),
  ],
};

function project(files: Record<string, string>, stats: unknown = STATS): string {
  const dir = tempTree(files);
  writeFileSync(join(dir, 'prod-stats.json'), JSON.stringify(stats));
  return dir;
}

const sized = (report: Report, rule: string, line?: number): Finding => {
  const f = report.findings.find((x) => x.rule === rule && (line === undefined || x.line === line));
  assert.ok(f, `no ${rule} finding${line ? ` on line ${line}` : ''}: ${report.findings.map((x) => `${x.rule}:${x.line}`).join(', ')}`);
  return f;
};

test('the stats file is validated: the file and the JSON path of what is wrong, exit 2', () => {
  assert.throws(
    () => parseStats('{"kind":"migration-guard-stats","version":1', 'prod.json'),
    (e: Error) => e instanceof UsageError && /^prod\.json(:1)?: not valid JSON/.test(e.message),
  );
  assert.throws(() => parseStats('{"kind":"other","version":1}', 'p.json'), /p\.json: \$\.kind: expected "migration-guard-stats"/);
  const bad = structuredClone(STATS) as unknown as { tables: { rows: unknown }[] };
  bad.tables[1]!.rows = 'many';
  assert.throws(() => parseStats(JSON.stringify(bad), 'p.json'), /p\.json: \$\.tables\[1\]\.rows: expected a number ≥ 0, got "many"/);
  const dir = project({ 'db/000001_x.up.sql': 'SELECT 1;\n' }, { kind: 'migration-guard-stats', version: 2 });
  const r = cli(['lint', 'db', '--stats', 'prod-stats.json'], { cwd: dir });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /prod-stats\.json: \$\.version: this migration-guard reads version 1, got 2/);
  const missing = cli(['lint', 'db', '--stats', 'nope.json'], { cwd: dir });
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read stats file nope\.json/);
});

test('table names resolve as Postgres would: public first, schemas and quoted names told apart, indexes to their table', () => {
  const index = new StatsIndex(STATS);
  assert.equal(index.table('users')?.schema, 'public');
  assert.equal(index.table('archive.users')?.rows, 2_000);
  assert.equal(index.table('Events')?.rows, 5_000_000, 'quoted "Events" keeps its case');
  assert.equal(index.table('events'), undefined, 'unquoted events is not "Events"');
  assert.equal(index.table('staging.users'), undefined);
  assert.equal(index.tableOfIndex('countries_pkey')?.name, 'countries');
});

test('the cost model: catalog-only work is free, time grows with size, verify calibrates only on enough rows', () => {
  const small = { rows: 100_000, heapBytes: 11e6, indexCount: 1 };
  const big = { rows: 10_000_000, heapBytes: 1.1e9, indexCount: 1 };
  assert.equal(modelMs('lock', big), 0);
  for (const w of ['scan', 'index-build', 'rewrite', 'update-all'] as const) assert.ok(modelMs(w, big) > 50 * modelMs(w, small), w);
  assert.ok(modelMs('rewrite', big) > modelMs('scan', big));
  const e = estimate('rewrite', big);
  assert.equal(e.basis, 'model');
  assert.equal(e.lowMs * 4, e.highMs);
  assert.equal(estimate('rewrite', big, { ms: 999, rows: 100 }).basis, 'model', '100 seeded rows: fixed costs dominate, not used');
  const slow = estimate('rewrite', big, { ms: modelMs('rewrite', { rows: 20_000, heapBytes: 2.2e6, indexCount: 1 }) * 3, rows: 20_000 });
  assert.equal(slow.basis, 'calibrated');
  assert.equal(slow.factor, 3);
  assert.ok(Math.abs(slow.ms - 3 * e.ms) < 1e-6 * e.ms);
  assert.equal(estimate('scan', big, { ms: 1e9, rows: 20_000 }).factor, 5, 'bounded');
  assert.match(formatEstimate({ ms: 360_000, lowMs: 180_000, highMs: 720_000, work: 'rewrite' }), /^about 6 min \(3 min–12 min\)$/);
});

test('findings carry the table size and estimate; thresholds raise big tables to error and lower small ones to info', async () => {
  const dir = project({
    'db/000001_users.up.sql': "SET lock_timeout = '2s';\nALTER TABLE users ALTER COLUMN id TYPE bigint;\n",
    'db/000002_countries.up.sql': "SET lock_timeout = '2s';\nCREATE INDEX countries_name_idx ON countries (name);\n",
    'db/000003_archive.up.sql': "SET lock_timeout = '2s';\nALTER TABLE archive.users ALTER COLUMN note SET NOT NULL;\n",
    'db/000004_unknown.up.sql': "SET lock_timeout = '2s';\nCREATE INDEX orders_total_idx ON orders (total);\n",
  });
  const report = await run({ command: 'lint', paths: ['db'], cwd: dir, overrides: { stats: { file: 'prod-stats.json' } } });

  const rewrite = sized(report, 'changing-column-type');
  assert.equal(rewrite.severity, 'error');
  assert.deepEqual(
    { ...rewrite.size, estimate: undefined },
    {
      table: 'public.users',
      known: true,
      rows: 48_000_000,
      bytes: 48_000_000 * 140,
      work: 'rewrite',
      lock: 'ACCESS EXCLUSIVE',
      estimate: undefined,
      writesPerSec: 110,
      busy: true,
    },
  );
  assert.ok(rewrite.size!.estimate!.ms > 30_000, `48M rows rewrite: ${rewrite.size!.estimate!.ms} ms`);

  const index = sized(report, 'creating-index-non-concurrently');
  assert.equal(index.severity, 'info');
  assert.equal(index.size!.severityFrom, 'error');
  assert.equal(index.size!.because, 'countries has 250 rows, below stats.thresholds.infoBelowRows (10k rows)');
  assert.equal(index.size!.work, 'index-build');

  const notNull = sized(report, 'setting-not-null');
  assert.equal(notNull.size!.table, 'archive.users', 'schema-qualified, not public.users');
  assert.equal(notNull.size!.rows, 2_000);
  assert.equal(notNull.severity, 'info');

  const orders = report.findings.find((f) => f.file.endsWith('000004_unknown.up.sql') && f.rule === 'creating-index-non-concurrently')!;
  assert.deepEqual(orders.size, { table: 'orders', known: false, work: 'index-build', lock: 'SHARE' });
  assert.equal(orders.severity, 'error', 'unknown size is never "small"');
});

test('a rule whose hazard is the lock is never lowered for a small table, and is raised on a busy one', async () => {
  const files = { 'db/000001_x.up.sql': 'ALTER TABLE countries ADD COLUMN code text;\nALTER TABLE users ADD COLUMN nick text;\n' };
  const base = await run({ command: 'lint', paths: ['db'], cwd: project(files), overrides: { stats: { file: 'prod-stats.json' } } });
  const timeout = sized(base, 'missing-lock-timeout');
  assert.equal(timeout.severity, 'warning', 'countries is small, but the lock queue does not care');
  assert.equal(timeout.size!.table, 'public.countries');
  assert.equal(timeout.size!.severityFrom, undefined);

  const quietByConfig = project({ ...files, '.migration-guard.yml': 'rules:\n  missing-lock-timeout: info\n' });
  writeFileSync(join(quietByConfig, 'db/000001_x.up.sql'), 'ALTER TABLE users ADD COLUMN nick text;\n');
  const busy = await run({ command: 'lint', paths: ['db'], cwd: quietByConfig, overrides: { stats: { file: 'prod-stats.json' } } });
  const raised = sized(busy, 'missing-lock-timeout');
  assert.equal(raised.severity, 'warning');
  assert.equal(raised.size!.severityFrom, 'info');
  assert.match(raised.size!.because!, /^users takes 110 writes\/s, at or above stats\.thresholds\.busyWritesPerSec \(50\)$/);
});

test('the lock budget: a lock taken in a transaction is held to COMMIT; autocommit statements release theirs', async () => {
  const sql = "SET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN nick text;\nCREATE INDEX users_nick_idx ON users (nick);\n";
  const tx = await run({ command: 'plan', paths: ['db'], cwd: project({ 'db/000001_x.up.sql': `BEGIN;\n${sql}COMMIT;\n` }), overrides: { stats: { file: 'prod-stats.json' } } });
  const plan = tx.stats!.migrations[0]!;
  const build = plan.statements.find((s) => s.work === 'index-build')!;
  assert.ok(build.estimate!.ms > 1000);
  const ae = plan.budget.find((b) => b.mode === 'ACCESS EXCLUSIVE')!;
  assert.equal(ae.table, 'public.users');
  assert.equal(ae.ms, build.estimate!.ms, 'the instant ALTER holds ACCESS EXCLUSIVE through the index build');
  assert.equal(plan.statements[0]!.heldUntil, 'transaction');
  assert.ok(ae.blocksWrites);
  assert.equal(plan.total.ms, build.estimate!.ms);

  // A plain folder of .sql files runs statement by statement (no transaction, not one query).
  const auto = await run({ command: 'plan', paths: ['db'], cwd: project({ 'db/001_x.sql': sql }), overrides: { layout: 'plain', stats: { file: 'prod-stats.json' } } });
  const autoPlan = auto.stats!.migrations[0]!;
  assert.equal(autoPlan.budget.find((b) => b.mode === 'ACCESS EXCLUSIVE')!.ms, 0, 'plain files run statement by statement: the ALTER releases its lock');
  assert.equal(autoPlan.budget.find((b) => b.mode === 'SHARE')!.ms, build.estimate!.ms);
  assert.equal(autoPlan.statements[0]!.heldUntil, 'statement');
});

test('a table of unknown size makes the budget a lower bound ("at least")', async () => {
  const sql = "BEGIN;\nSET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN nick text;\nCREATE INDEX orders_x_idx ON orders (x);\nCOMMIT;\n";
  const report = await run({ command: 'plan', paths: ['db'], cwd: project({ 'db/000001_x.up.sql': sql }), overrides: { stats: { file: 'prod-stats.json' } } });
  const plan = report.stats!.migrations[0]!;
  assert.equal(plan.total.atLeast, true);
  assert.equal(plan.budget.find((b) => b.table === 'public.users')!.atLeast, true);
  assert.equal(plan.statements.find((s) => s.table === 'orders')!.known, false);
});

test('without a stats file nothing changes: no size, no stats, the same severities', async () => {
  const files = { 'db/000001_x.up.sql': 'ALTER TABLE users ALTER COLUMN id TYPE bigint;\nCREATE INDEX countries_name_idx ON countries (name);\n' };
  const plain = await run({ command: 'lint', paths: ['db'], cwd: project(files) });
  assert.equal(plain.stats, undefined);
  assert.ok(plain.findings.every((f) => f.size === undefined));
  assert.ok(!renderJson(plain).includes('"size"') && !renderJson(plain).includes('"stats"'));
  const noTables = await run({ command: 'lint', paths: ['db'], cwd: project(files, { ...STATS, tables: [] }), overrides: { stats: { file: 'prod-stats.json' } } });
  assert.deepEqual(
    noTables.findings.map((f) => [f.rule, f.severity]),
    plain.findings.map((f) => [f.rule, f.severity]),
    'unknown sizes keep every severity',
  );
});

test('the PR comment shows the size beside the finding and the lock budget; the text report a size line', async () => {
  const dir = project({ 'db/000001_x.up.sql': "BEGIN;\nSET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN nick text;\nCREATE INDEX users_nick_idx ON users (nick);\nCOMMIT;\n" });
  const report = await run({ command: 'lint', paths: ['db'], cwd: dir, overrides: { stats: { file: 'prod-stats.json' } } });
  const comment = renderComment(report);
  assert.match(comment, /📏 users: 48M rows, 6\.7 GB · index build about [\d.]+ (s|min) \([^)]+\) under ACCESS EXCLUSIVE · 110 writes\/s/);
  assert.match(comment, /\*\*Lock budget\*\* \(stats of 2026-12-01\): how long the deploy blocks writes, per table/);
  assert.match(comment, /\| <code>000001\\_x<\/code> \| ACCESS EXCLUSIVE on users for about [\d.]+ (s|min) \([^)]+\) · 110 writes\/s \|/);
  const text = cli(['lint', 'db', '--stats', 'prod-stats.json', '--no-color'], { cwd: dir });
  assert.match(text.stdout, /\n {2}size: users: 48M rows, 6\.7 GB · index build about/);
  assert.match(text.stdout, /Lock budget \(production stats\):\n {2}000001_x: ACCESS EXCLUSIVE on users for about/);
  const annotations = cli(['lint', 'db', '--stats', 'prod-stats.json', '--format', 'github'], { cwd: dir });
  assert.match(annotations.stdout, /%0ASize: users: 48M rows/);
});

test('plan: text and JSON for the pending migrations, exit 0', () => {
  const dir = project({
    'db/000001_x.up.sql': "SET lock_timeout = '2s';\nALTER TABLE users ALTER COLUMN id TYPE bigint;\n",
    'db/000002_y.up.sql': 'CREATE TABLE fresh (id int);\nCREATE INDEX fresh_idx ON fresh (id);\n',
  });
  const text = cli(['plan', 'db', '--stats', 'prod-stats.json', '-q', '--no-color'], { cwd: dir });
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /^Deploy plan with production stats from prod-stats\.json \(collected 2026-12-01T10:00:00Z, PostgreSQL 15\.8\)/);
  assert.match(text.stdout, /000001_x {2}db\/000001_x\.up\.sql\n {2}line {2}lock {14}table {2}rows {2}work {5}estimate +held +statement\n/);
  assert.match(text.stdout, /\n {2}2 {5}ACCESS EXCLUSIVE {2}users {2}48M {3}rewrite {2}about [\d.]+ (s|min) \([^)]+\) {2}to COMMIT {2}ALTER TABLE users ALTER COLUMN id TYPE bigint\n/);
  assert.match(text.stdout, /000002_y {2}db\/000002_y\.up\.sql\n {2}touches no existing table/);
  const json = cli(['plan', 'db', '--stats', 'prod-stats.json', '--format', 'json', '-q'], { cwd: dir });
  const parsed = JSON.parse(json.stdout);
  assert.equal(parsed.stats.file, 'prod-stats.json');
  assert.deepEqual(
    parsed.stats.migrations.map((m: { id: string }) => m.id),
    ['000001_x', '000002_y'],
  );
  const without = cli(['plan', 'db', '-q'], { cwd: dir });
  assert.match(without.stdout, /^Deploy plan without production stats/);
  assert.match(without.stdout, /ACCESS EXCLUSIVE {2}users {2}unknown {2}rewrite {2}unknown \(size unknown\)/);
  assert.equal(cli(['plan', 'db', '--fail-on', 'error'], { cwd: dir }).code, 2, 'plan is not a gate');
});

test('config: stats as a path or a mapping with thresholds; unknown keys name the line', () => {
  const file = '/repo/.migration-guard.yml';
  assert.equal(parseConfig('stats: ops/prod.json\n', { file }).stats.file, '/repo/ops/prod.json');
  const c = parseConfig('stats:\n  file: prod.json\n  thresholds:\n    errorAboveRows: 5000000\n', { file });
  assert.equal(c.stats.thresholds.errorAboveRows, 5_000_000);
  assert.equal(c.stats.thresholds.infoBelowRows, 10_000);
  assert.throws(
    () => parseConfig('stats:\n  thresholds:\n    errorAboveRow: 5\n', { file }),
    /\.migration-guard\.yml:3: stats\.thresholds\.errorAboveRow: unknown setting \(did you mean "errorAboveRows"\?\)/,
  );
  assert.throws(() => parseConfig('stats:\n  fiel: x\n', { file }), /:2: stats\.fiel: unknown setting/);
});
