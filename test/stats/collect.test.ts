// `migration-guard stats` against a real server (the `local` provider) holding
// generated rows: what it reads, the traffic window, and that its session cannot write.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectStats, openReadOnly, STATS_QUERY } from '../../src/stats/collect';
import { parseStats, StatsIndex, trafficOf } from '../../src/stats/file';
import type { Database } from '../../src/verify/databases/types';
import { cli, tempTree } from '../cli-helpers';
import { localUnavailable, startLocal } from '../verify/helpers';
import { startDatabase } from '../../src/verify/databases/index';

const skip = localUnavailable();
let db: Database;

before(async () => {
  if (skip) return;
  db = await startLocal();
  await db.exec(`
    CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
    INSERT INTO users SELECT g, 'user' || g || '@example.com' FROM generate_series(1, 50000) g;
    CREATE UNIQUE INDEX users_email_key ON users (email);
    CREATE SCHEMA billing;
    CREATE TABLE billing.invoices (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id), body text);
    INSERT INTO billing.invoices SELECT g, g, repeat('x', 3000) FROM generate_series(1, 2000) g;
    CREATE TABLE never_analyzed (id int);`);
  await db.exec('ANALYZE users');
  await db.exec('ANALYZE billing.invoices');
  await flushStats();
});

/** PG 15+ backends flush activity counters lazily (up to 10 s idle); production's steady traffic keeps them current. */
async function flushStats(): Promise<void> {
  try {
    await db.exec('SELECT pg_stat_force_next_flush()');
    await db.exec('SELECT 1');
  } catch {
    await new Promise((r) => setTimeout(r, 1000)); // before PG 15: the stats collector's ~0.5 s delay
  }
}
after(async () => {
  await db?.stop();
});

test('stats reads every table: rows, heap/index/TOAST sizes, index definitions, counters', { skip }, async () => {
  const stats = await collectStats(db.url!);
  const index = new StatsIndex(stats);
  assert.match(stats.server.version, /^\d+/);
  assert.ok(stats.server.versionNum >= 100000);
  assert.ok(!Number.isNaN(Date.parse(stats.collectedAt)) && stats.countersSince);

  const users = index.table('users')!;
  assert.equal(users.schema, 'public');
  assert.ok(Math.abs(users.rows! - 50000) < 500, `reltuples after ANALYZE: ${users.rows}`);
  assert.ok(users.heapBytes > 2_000_000, `heap ${users.heapBytes}`);
  assert.ok(users.indexBytes > 1_000_000);
  assert.deepEqual(
    users.indexes.map((i) => i.name),
    ['users_email_key', 'users_pkey'],
  );
  assert.match(users.indexes[0]!.definition, /^CREATE UNIQUE INDEX users_email_key ON public\.users USING btree \(email\)$/);
  assert.ok(users.counters!.inserts >= 50000, 'n_tup_ins counts the generated rows');

  const invoices = index.table('billing.invoices')!;
  assert.equal(invoices.rows, 2000);
  assert.ok(invoices.toastBytes > 0 || invoices.heapBytes > 0);
  assert.equal(index.table('invoices'), invoices, 'an unqualified name unique across schemas resolves');
  assert.equal(index.tableOfIndex('users_email_key'), users);

  const never = index.table('never_analyzed')!;
  assert.equal(never.rows, null, 'a table never analyzed has unknown rows, not 0');
});

test('the published query alone makes a valid stats file (what psql -XAt -f stats.sql prints)', { skip }, async () => {
  const { rows } = await db.query<{ stats: unknown }>(STATS_QUERY);
  const text = typeof rows[0]!.stats === 'string' ? (rows[0]!.stats as string) : JSON.stringify(rows[0]!.stats);
  const stats = parseStats(text, 'psql output');
  assert.ok(stats.tables.some((t) => t.name === 'users'));
  const doc = readFileSync(join(import.meta.dirname, '../../docs/stats.md'), 'utf8');
  assert.ok(doc.includes(STATS_QUERY), 'docs/stats.md publishes exactly the query the command runs');
});

test('--sample measures writes over the window, not since the last reset', { skip }, async () => {
  const sampling = collectStats(db.url!, { sampleSeconds: 2 });
  await new Promise((r) => setTimeout(r, 500));
  await db.exec('UPDATE users SET email = email WHERE id <= 3000');
  await flushStats();
  const stats = await sampling;
  const users = new StatsIndex(stats).table('users')!;
  assert.ok(users.counters!.updates >= 3000 && users.counters!.updates < 50000, `updates in the window: ${users.counters!.updates}`);
  assert.equal(users.counters!.inserts, 0, 'the 50,000 inserts were before the window');
  const traffic = trafficOf(stats, users)!;
  assert.ok(traffic.windowSeconds >= 1.9 && traffic.windowSeconds < 6, `window ${traffic.windowSeconds}`);
  assert.ok(traffic.writesPerSec > 300, `writes/s ${traffic.writesPerSec}`);
});

test('the stats session is read-only: the server refuses a write through it', { skip }, async () => {
  const client = await openReadOnly(db.url!);
  try {
    await assert.rejects(client.query('CREATE TABLE sneaky (id int)'), (err: { code?: string }) => err.code === '25006');
    await assert.rejects(client.query('INSERT INTO users VALUES (999999, $1)', ['x@example.com']), (err: { code?: string }) => err.code === '25006');
  } finally {
    await client.end();
  }
  const { rows } = await db.query<{ n: string }>("SELECT count(*) AS n FROM pg_class WHERE relname = 'sneaky'");
  assert.equal(Number(rows[0]!.n), 0);
});

test('the stats CLI writes the file; without a URL or with a dead server it is exit 2', { skip }, async () => {
  const dir = tempTree({ README: 'x' });
  const ok = cli(['stats', '--database-url', db.url!, '--output', 'prod-stats.json'], { cwd: dir });
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stderr, /wrote stats of \d+ tables to prod-stats\.json/);
  const stats = parseStats(readFileSync(join(dir, 'prod-stats.json'), 'utf8'), 'prod-stats.json');
  assert.ok(new StatsIndex(stats).table('users'));

  const none = cli(['stats'], { cwd: dir });
  assert.equal(none.code, 2);
  assert.match(none.stderr, /needs --database-url/);
  const dead = cli(['stats', '--database-url', 'postgresql://postgres@127.0.0.1:1/postgres'], { cwd: dir });
  assert.equal(dead.code, 2);
  assert.match(dead.stderr, /cannot connect to postgresql:\/\/postgres@127\.0\.0\.1:1/);
});

test('with pg_stat_statements, each table gets its busiest queries (tables found by the real parser)', { skip }, async () => {
  const server = await startDatabase('local', { serverSettings: { shared_preload_libraries: 'pg_stat_statements' } });
  try {
    await server.exec(`
      CREATE EXTENSION pg_stat_statements;
      CREATE TABLE accounts (id int PRIMARY KEY, plan text);
      CREATE TABLE payments (id int PRIMARY KEY, account_id int, amount int);
      INSERT INTO accounts SELECT g, 'free' FROM generate_series(1, 100) g;`);
    for (let i = 1; i <= 30; i++) await server.query('SELECT plan FROM accounts WHERE id = $1', [i]);
    for (let i = 1; i <= 5; i++) await server.query('UPDATE payments p SET amount = amount + 1 FROM accounts a WHERE a.id = p.account_id AND a.id = $1', [i]);
    const stats = new StatsIndex(await collectStats(server.url!));
    const accounts = stats.table('accounts')!.topQueries!;
    assert.match(accounts[0]!.query, /^SELECT plan FROM accounts WHERE id = \$1$/);
    assert.ok(accounts[0]!.calls >= 30 && accounts[0]!.meanMs >= 0);
    assert.ok(
      accounts.some((q) => q.query.startsWith('UPDATE payments')),
      'a join names both tables',
    );
    const payments = stats.table('payments')!.topQueries!;
    assert.deepEqual(
      payments.map((q) => q.query.slice(0, 15)),
      ['UPDATE payments'],
      'the UPDATE target counts, the SELECT on accounts does not',
    );
  } finally {
    await server.stop();
  }
});
