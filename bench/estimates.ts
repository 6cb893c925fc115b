// Production-stats estimates against measured times on a real server.
//
//   npx tsx bench/estimates.ts            validate: orders tables of 100k and 1M rows
//   npx tsx bench/estimates.ts --fit      measure the cost model's constants (src/stats/cost-model.ts)
//
// Both start a throwaway local PostgreSQL (the `local` provider). --fit times a
// validation scan, an index build, a rewrite and a full UPDATE on two tables of
// different row widths (narrow 1M rows, wide 300k rows) and solves the model's
// per-byte and per-row constants. The default run builds tables of another shape
// (an `orders` table with six columns and two indexes), collects their stats with
// `migration-guard stats` (collectStats), estimates each statement from those stats
// as `--stats` does, runs the statement inside a rolled-back transaction, and
// prints estimate, measured and ratio side by side: the claim is a factor of 2.

import { performance } from 'node:perf_hooks';
import { startDatabase } from '../src/verify/databases/index';
import type { Database } from '../src/verify/databases/types';
import { collectStats } from '../src/stats/collect';
import { StatsIndex } from '../src/stats/file';
import { estimate, modelMs, type Work } from '../src/stats/cost-model';

const fit = process.argv.includes('--fit');
const runs = 3;

async function timed(db: Database, sql: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    await db.exec('BEGIN');
    const t0 = performance.now();
    await db.exec(sql);
    times.push(performance.now() - t0);
    await db.exec('ROLLBACK');
  }
  return times.sort((a, b) => a - b)[1]!;
}

async function sizeOf(db: Database, table: string): Promise<{ rows: number; heapBytes: number }> {
  const { rows } = await db.query<{ rows: string; heap: string }>(`SELECT reltuples::int8 AS rows, pg_relation_size(oid) AS heap FROM pg_class WHERE oid = '${table}'::regclass`);
  return { rows: Number(rows[0]!.rows), heapBytes: Number(rows[0]!.heap) };
}

async function fitModel(db: Database): Promise<void> {
  // Two shapes of a mixed-type table: the same columns, one with a wide text column.
  const shape = (name: string, rows: number, pad: string) => `
    CREATE TABLE ${name} (id bigint PRIMARY KEY, n int NOT NULL, email text NOT NULL, plan text NOT NULL, balance numeric(12,2) NOT NULL,
                          created_at timestamptz NOT NULL, pad text);
    INSERT INTO ${name} SELECT g, g % 1000, 'user' || g || '@example.com', (ARRAY['free','team','pro','enterprise'])[1 + g % 4],
                               (g % 100000) / 100.0, now() - g * interval '1 second', ${pad}
      FROM generate_series(1, ${rows}) g;`;
  await db.exec(shape('narrow', 1_000_000, 'NULL') + shape('wide', 300_000, 'repeat(md5(g::text), 6)'));
  await db.exec('VACUUM ANALYZE narrow');
  await db.exec('VACUUM ANALYZE wide');
  const m: Record<string, { rows: number; heapBytes: number; scan: number; index: number; intIndex: number; lowCardIndex: number; rewrite: number; update: number }> = {};
  for (const t of ['narrow', 'wide']) {
    const size = await sizeOf(db, t);
    m[t] = {
      ...size,
      scan: await timed(db, `ALTER TABLE ${t} ADD CONSTRAINT ${t}_balance_check CHECK (balance >= 0)`),
      index: await timed(db, `CREATE INDEX ${t}_email_idx ON ${t} (email)`),
      intIndex: await timed(db, `CREATE INDEX ${t}_n_idx ON ${t} (n, id)`),
      lowCardIndex: await timed(db, `CREATE INDEX ${t}_plan_idx ON ${t} (plan, created_at)`),
      rewrite: await timed(db, `ALTER TABLE ${t} ALTER COLUMN n TYPE bigint`),
      update: await timed(db, `UPDATE ${t} SET n = n + 1`),
    };
    console.log(t, JSON.stringify(m[t]));
  }
  const a = m.narrow!;
  const b = m.wide!;
  // Two tables, two unknowns: ms = perByte · heapBytes + perRow · rows.
  const solve = (ma: number, mb: number) => {
    const det = a.heapBytes * b.rows - b.heapBytes * a.rows;
    const perByte = (ma * b.rows - mb * a.rows) / det;
    const perRow = (a.heapBytes * mb - b.heapBytes * ma) / det;
    return { perByte, perRow };
  };
  const scan = solve(a.scan, b.scan);
  const scanMs = (x: typeof a) => x.heapBytes * scan.perByte + x.rows * scan.perRow;
  const sortTerm = (x: typeof a) => x.rows * (Math.log2(x.rows) / 20);
  const perRowOf = (key: 'index' | 'intIndex' | 'lowCardIndex') => ((a[key] - scanMs(a)) / sortTerm(a) + (b[key] - scanMs(b)) / sortTerm(b)) / 2;
  // Key shapes differ (a unique text key, int columns, a low-cardinality text column first): the model takes their mean.
  const shapes = { 'unique text': perRowOf('index'), 'int, int': perRowOf('intIndex'), 'low-cardinality text, timestamptz': perRowOf('lowCardIndex') };
  const indexPerRow = Object.values(shapes).reduce((x, y) => x + y, 0) / 3;
  console.log(
    'index build per row by key shape:',
    Object.entries(shapes)
      .map(([k, v]) => `${k} ${(v / indexPerRow).toFixed(2)}× the mean`)
      .join(', '),
  );
  const indexMs = (x: typeof a) => scanMs(x) + sortTerm(x) * indexPerRow;
  // Every timed statement is rolled back, so the table has one index (the primary key) when the rewrite rebuilds it.
  const rewrite = solve(a.rewrite - indexMs(a), b.rewrite - indexMs(b));
  // modelMs('update-all') charges rows · perRow · (1 + indexes / 2): one index here.
  const updatePerRow = ((a.update - a.heapBytes * rewrite.perByte) / (a.rows * 1.5) + (b.update - b.heapBytes * rewrite.perByte) / (b.rows * 1.5)) / 2;
  const e = (v: number) => v.toExponential(2);
  console.log('\nConstants for src/stats/cost-model.ts MODEL:');
  console.log(
    `  scanMsPerByte: ${e(scan.perByte)},\n  scanMsPerRow: ${e(scan.perRow)},\n  rewriteMsPerByte: ${e(rewrite.perByte)},\n  rewriteMsPerRow: ${e(rewrite.perRow)},\n  indexMsPerRow: ${e(indexPerRow)},\n  updateMsPerRow: ${e(updatePerRow)},`,
  );
}

interface Case {
  label: string;
  work: Work;
  sql: string;
}

const CASES: Case[] = [
  { label: 'validation scan (ADD CHECK)', work: 'scan', sql: 'ALTER TABLE orders ADD CONSTRAINT orders_amount_check CHECK (amount >= 0)' },
  { label: 'validation scan (SET NOT NULL)', work: 'scan', sql: 'ALTER TABLE orders ALTER COLUMN note SET NOT NULL' },
  { label: 'index build (CREATE INDEX)', work: 'index-build', sql: 'CREATE INDEX orders_status_created_idx ON orders (status, created_at)' },
  { label: 'rewrite (int → bigint)', work: 'rewrite', sql: 'ALTER TABLE orders ALTER COLUMN customer_id TYPE bigint' },
  { label: 'full UPDATE (backfill)', work: 'update-all', sql: "UPDATE orders SET status = 'paid'" },
];

async function validate(db: Database): Promise<void> {
  const rows: string[] = [];
  let worst = 1;
  for (const n of [100_000, 1_000_000]) {
    await db.exec(`
      DROP TABLE IF EXISTS orders;
      CREATE TABLE orders (id bigserial PRIMARY KEY, customer_id int NOT NULL, status text NOT NULL, amount numeric(12,2) NOT NULL,
                           note text, created_at timestamptz NOT NULL DEFAULT now());
      INSERT INTO orders (customer_id, status, amount, note, created_at)
        SELECT g % 5000, (ARRAY['new','paid','shipped'])[1 + g % 3], (g % 10000) / 100.0, 'order note ' || md5(g::text), now() - g * interval '1 minute'
        FROM generate_series(1, ${n}) g;
      CREATE INDEX orders_customer_idx ON orders (customer_id);`);
    await db.exec('VACUUM ANALYZE orders'); // not in a transaction block
    const stats = new StatsIndex(await collectStats(db.url!));
    const t = stats.table('orders')!;
    const size = { rows: t.rows ?? 0, heapBytes: t.heapBytes, indexCount: t.indexes.length };
    for (const c of CASES) {
      const measured = await timed(db, c.sql);
      const est = estimate(c.work, size);
      const ratio = est.ms / measured;
      worst = Math.max(worst, ratio, 1 / ratio);
      rows.push(`| ${c.label} | ${n.toLocaleString('en-US')} | ${Math.round(measured)} ms | ${Math.round(est.ms)} ms (${Math.round(est.lowMs)}–${Math.round(est.highMs)}) | ${ratio.toFixed(2)} |`);
      console.error(rows[rows.length - 1]);
    }
  }
  console.log('| Statement | Rows | Measured | Estimated (range) | Estimate / measured |');
  console.log('|---|---|---|---|---|');
  for (const r of rows) console.log(r);
  console.log(`\nWorst factor: ${worst.toFixed(2)} (claim: within 2)`);
  if (modelMs('lock', { rows: 1, heapBytes: 1, indexCount: 0 }) !== 0) throw new Error('lock-only work must cost nothing');
}

const db = await startDatabase('local', { log: (l) => console.error(l) });
try {
  console.error(`server: PostgreSQL ${db.serverVersion}`);
  if (fit) await fitModel(db);
  else await validate(db);
} finally {
  await db.stop();
}
