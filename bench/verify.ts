// Verify timing on the largest up/down corpus set (kratos, 346 migrations): database
// start-up, then the per-migration cycle (seed → snapshot → up → down → up), with
// the median for small DDL migrations (≤ 3 statements, no INSERT/UPDATE/DELETE) and
// where the time goes. Usage: npx tsx bench/verify.ts [set] (MG_DATABASE=local to
// compare with a native server).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { discoverMigrations } from '../src/migrations/discover';
import { startDatabase, extensionsIn } from '../src/verify/databases/index';
import { verifyMigrations } from '../src/verify/index';
import { executableStatements } from '../src/verify/statements';
import { initParser } from '../src/sql/parse';
import type { Migration } from '../src/types';

const set = process.argv[2] ?? 'kratos';
const dir = join(import.meta.dirname, '..', '..', 'shared', 'corpus', set);
if (!existsSync(dir)) {
  console.log(`corpus set not found at ${dir}: skipped`);
  process.exit(0);
}
await initParser();
const { migrations } = discoverMigrations(dir, { cwd: join(import.meta.dirname, '..') });
const sql = migrations.flatMap((m) => [m.up, ...(m.down ? [m.down] : [])].map((s) => s.text)).join('\n');

const isSmallDdl = (m: Migration) => {
  const units = executableStatements(m.up).units;
  return units.length > 0 && units.length <= 3 && units.every((u) => !['InsertStmt', 'UpdateStmt', 'DeleteStmt', 'Unparsed', 'DoStmt'].includes(u.kind));
};

const t0 = performance.now();
const db = await startDatabase(process.env.MG_DATABASE ?? 'pglite', { extensions: extensionsIn(sql) });
const startMs = performance.now() - t0;
const cycles: { id: string; ms: number; small: boolean }[] = [];
let phases = new Map<string, number>();
const t1 = performance.now();
try {
  await verifyMigrations(migrations, db, {
    onCycle: (m, ms) => cycles.push({ id: m.id, ms, small: isSmallDdl(m) }),
    onPhases: (p) => (phases = p),
  });
} finally {
  await db.stop();
}
const verifyMs = performance.now() - t1;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN;
};
const small = cycles.filter((c) => c.small).map((c) => c.ms);
const all = cycles.map((c) => c.ms);
const f = (n: number) => n.toFixed(1);
console.log(`set: ${set} (${migrations.length} migrations), database: ${db.kind} ${db.serverVersion}`);
console.log(`start-up: ${f(startMs)} ms`);
console.log(`verify: ${f(verifyMs)} ms total, ${cycles.length} cycles`);
console.log(`cycle, all:        median ${f(pct(all, 50))} ms, p90 ${f(pct(all, 90))} ms, max ${f(Math.max(...all))} ms`);
console.log(`cycle, small DDL:  median ${f(pct(small, 50))} ms, p90 ${f(pct(small, 90))} ms (${small.length} migrations; target median < 50 ms on PGlite)`);
const total = [...phases.values()].reduce((a, b) => a + b, 0);
console.log(
  'time by phase: ' +
    [...phases]
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${f(v)} ms (${((100 * v) / total).toFixed(0)}%)`)
      .join(', '),
);
