// Start-up and stop time of each verify database provider.
//   node --import tsx bench/databases.ts [--runs N] [--extensions [--all-extensions]] [--only pglite,local,container,url]
// pglite is measured cold (fresh cache dir: initdb in WASM + saving the data dir) and warm
// (cached data dir); --extensions adds the start-up cost of each PGlite contrib extension.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDatabase } from '../src/verify/databases/index';
import { binDirCandidates, startLocal } from '../src/verify/databases/local';
import { PGLITE_EXTENSIONS } from '../src/verify/databases/pglite';
import type { StartOptions } from '../src/verify/databases/types';

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 3;
const only = args.includes('--only') ? args[args.indexOf('--only') + 1]!.split(',') : ['pglite', 'local', 'container', 'url'];

interface Sample {
  start: number;
  firstQuery: number;
  stop: number;
}

async function measure(kind: string, options: StartOptions = {}): Promise<Sample> {
  const t0 = performance.now();
  const db = await startDatabase(kind, options);
  const t1 = performance.now();
  await db.query('select 1');
  const t2 = performance.now();
  await db.stop();
  return { start: t1 - t0, firstQuery: t2 - t1, stop: performance.now() - t2 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (label: string, samples: Sample[]) =>
  `${label.padEnd(28)} start ${samples
    .map((s) => s.start.toFixed(0))
    .join('/')
    .padEnd(20)} median ${median(samples.map((s) => s.start))
    .toFixed(0)
    .padStart(5)} ms` +
  `   stop median ${median(samples.map((s) => s.stop))
    .toFixed(0)
    .padStart(4)} ms`;

async function series(label: string, kind: string, options: StartOptions = {}, n = runs, before?: () => void): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (let i = 0; i < n; i++) {
    before?.();
    try {
      samples.push(await measure(kind, options));
    } catch (err) {
      console.log(`${label.padEnd(28)} unavailable: ${(err as Error).message}`);
      return [];
    }
  }
  console.log(fmt(label, samples));
  return samples;
}

console.log(`node ${process.version}, ${runs} runs each (ms)`);
if (only.includes('pglite')) {
  const cache = mkdtempSync(join(tmpdir(), 'mg-bench-cache-'));
  process.env.MIGRATION_GUARD_CACHE_DIR = cache;
  await series('pglite cold (initdb + save)', 'pglite', {}, runs, () => rmSync(join(cache), { recursive: true, force: true }));
  const warm = await series('pglite warm (cached dir)', 'pglite');
  if (args.includes('--extensions') && warm.length) {
    // paired with a baseline start each time, so machine load shifts both alike
    const list = args.includes('--all-extensions') ? [...PGLITE_EXTENSIONS] : ['citext', 'pg_trgm', 'btree_gin', 'btree_gist', 'pgcrypto', 'ltree', 'hstore', 'uuid-ossp'];
    for (const ext of list) {
      const diffs: number[] = [];
      for (let i = 0; i < runs; i++) {
        const base = await measure('pglite');
        const withExt = await measure('pglite', { extensions: [ext] });
        diffs.push(withExt.start - base.start);
      }
      console.log(`  + ${ext.padEnd(20)} ${median(diffs).toFixed(0).padStart(5)} ms (median of ${runs} paired differences)`);
    }
    const all = await series('pglite warm + all 8 above', 'pglite', {
      extensions: ['citext', 'pg_trgm', 'btree_gin', 'btree_gist', 'pgcrypto', 'ltree', 'hstore', 'uuid-ossp'],
    });
    void all;
  }
  rmSync(cache, { recursive: true, force: true });
}
if (only.includes('local')) {
  if (binDirCandidates().length) await series('local (initdb + postgres)', 'local');
  else console.log('local                        unavailable: no PostgreSQL binaries');
}
if (only.includes('container')) await series('container (postgres:17-alpine)', 'container');
if (only.includes('url')) {
  if (binDirCandidates().length) {
    const server = await startLocal();
    await series('url (scratch db on a server)', 'url', { databaseUrl: server.url });
    await server.stop();
  }
}
