// Runs verify over the corpus sets that have downs (../shared/corpus) and prints, per
// set: migrations, reversible count, failures by rule with the first reasons, the
// whole-chain rollback, wall time and the load average around the run.
// Usage: npx tsx bench/verify-corpus.ts [set…] [--database pglite|local|container]
//        [--postgres-image IMAGE] [--json FILE] [--markdown] (MG_DATABASE works too)
import { existsSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { discoverMigrations } from '../src/migrations/discover';
import { startDatabase, extensionsIn } from '../src/verify/databases/index';
import { verifyMigrations } from '../src/verify/index';
import type { ChainVerification } from '../src/types';

const corpus = join(import.meta.dirname, '..', '..', 'shared', 'corpus');
const args = process.argv.slice(2);
const valued = ['--json', '--database', '--postgres-image'];
const flag = (name: string) => (args.indexOf(name) >= 0 ? args[args.indexOf(name) + 1] : undefined);
const jsonFile = flag('--json');
const sets = args.filter((a, i) => !a.startsWith('--') && !valued.includes(args[i - 1] ?? ''));
const names = sets.length ? sets : ['kratos', 'crates-io', 'chef-server', 'hatchet', 'supabase-postgres'];
const database = flag('--database') ?? process.env.MG_DATABASE ?? 'pglite';
const postgresImage = flag('--postgres-image');
const markdown = args.includes('--markdown');
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
const rows: string[] = [];

if (!existsSync(corpus)) {
  console.log(`corpus not found at ${corpus}: skipped`);
  process.exit(0);
}
const results: unknown[] = [];
for (const name of names) {
  const t0 = performance.now();
  const { migrations } = discoverMigrations(join(corpus, name), { cwd: join(import.meta.dirname, '..') });
  const sql = migrations.flatMap((m) => [m.up, ...(m.extraUp ?? []), ...(m.down ? [m.down] : [])].map((s) => s.text)).join('\n');
  const loadBefore = load();
  const db = await startDatabase(database, { extensions: extensionsIn(sql), postgresImage, log: (l) => process.stderr.write(`${l}\n`) });
  const tStart = performance.now();
  try {
    let phases = new Map<string, number>();
    const { verification, findings } = await verifyMigrations(migrations, db, {
      log: process.env.MG_VERBOSE ? (l) => process.stderr.write(`${l}\n`) : undefined,
      onPhases: (p) => (phases = p),
    });
    const vs = verification.migrations;
    const ran = vs.filter((v) => !v.skipped);
    const withDown = ran.filter((v) => v.hasDown && v.up.ok);
    const byRule = new Map<string, string[]>();
    for (const f of findings) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), `${f.migration}: ${f.message.slice(0, 160)}`]);
    const row = {
      set: name,
      migrations: migrations.length,
      verified: ran.length,
      skipped: vs.length - ran.length,
      withDown: withDown.length,
      reversible: withDown.filter((v) => v.reversible).length,
      reapplicable: withDown.filter((v) => v.reapplicable).length,
      findings: Object.fromEntries([...byRule].map(([r, l]) => [r, l.length])),
      examples: Object.fromEntries([...byRule].map(([r, l]) => [r, l.slice(0, 4)])),
      unseeded: [...new Set(vs.flatMap((v) => v.dataCheck.unseeded ?? []))].slice(0, 8),
      downFails: withDown.filter((v) => v.down && !v.down.ok).length,
      chain: verification.chain ? chainText(verification.chain) : 'none (no down files)',
      startMs: Math.round(tStart - t0),
      verifyMs: Math.round(performance.now() - tStart),
      chainMs: Math.round(phases.get('chain') ?? 0),
      database: `${db.kind} ${db.serverVersion}`,
      load: `${loadBefore} → ${load()}`,
    };
    rows.push(
      `| ${name} | ${database} | ${row.migrations} | ${row.withDown} | ${row.reversible} | ${row.reapplicable} | ${row.downFails} | ${row.chain} | ${(row.verifyMs / 1000).toFixed(1)} s (chain ${(row.chainMs / 1000).toFixed(1)} s; +${(row.startMs / 1000).toFixed(1)} s start) | ${row.load} |`,
    );
    results.push({ ...row, verification: jsonFile ? verification : undefined });
    console.log(JSON.stringify(row, null, 1));
  } finally {
    await db.stop();
  }
}
if (jsonFile) writeFileSync(jsonFile, JSON.stringify(results, null, 1));
if (markdown) {
  console.log(
    '| Set | Provider | Migrations | With down | Reversible | Re-applicable | Down fails | Whole-chain rollback | Verify wall time (of it the chain; database start) | Load avg (1/5/15 min, before → after) |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
}

function chainText(c: ChainVerification): string {
  const n = c.dependsOnLater?.length ?? 0;
  const dep = n ? `; ${n} down${n === 1 ? ' works' : 's work'} only in the chain` : '';
  if (c.ok) return `✔ ${c.reverted}/${c.size} reverted, schema restored${dep}`;
  if (c.noDown) return `stops at ${c.brokeAt} (no down) after ${c.reverted}/${c.size}${dep}`;
  if (c.error !== undefined)
    return `✖ down of ${c.brokeAt} fails after ${c.reverted}/${c.size}: ${c.error.split('(')[0]!.slice(0, 80).trim()}${c.astrayFrom ? ` (schema left different by the down of ${c.astrayFrom})` : ''}${dep}`;
  return `✖ all ${c.reverted}/${c.size} downs run; ${c.schemaDiff?.length ?? 0} differences left, from ${c.brokeAt}${dep}`;
}
