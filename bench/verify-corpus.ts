// Runs verify over the corpus sets that have downs (../shared/corpus) on PGlite and
// prints, per set: migrations, reversible count, failures by rule with the first
// reasons, wall time. Usage: npx tsx bench/verify-corpus.ts [set…] [--json FILE]
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { discoverMigrations } from '../src/migrations/discover';
import { startDatabase, extensionsIn } from '../src/verify/databases/index';
import { verifyMigrations } from '../src/verify/index';

const corpus = join(import.meta.dirname, '..', '..', 'shared', 'corpus');
const args = process.argv.slice(2);
const jsonAt = args.indexOf('--json');
const jsonFile = jsonAt >= 0 ? args[jsonAt + 1] : undefined;
const sets = args.filter((a, i) => !a.startsWith('--') && (jsonAt < 0 || i !== jsonAt + 1));
const names = sets.length ? sets : ['kratos', 'crates-io', 'chef-server', 'hatchet', 'supabase-postgres'];
const database = process.env.MG_DATABASE ?? 'pglite';

if (!existsSync(corpus)) {
  console.log(`corpus not found at ${corpus}: skipped`);
  process.exit(0);
}
const results: unknown[] = [];
for (const name of names) {
  const t0 = performance.now();
  const { migrations } = discoverMigrations(join(corpus, name), { cwd: join(import.meta.dirname, '..') });
  const sql = migrations.flatMap((m) => [m.up, ...(m.extraUp ?? []), ...(m.down ? [m.down] : [])].map((s) => s.text)).join('\n');
  const db = await startDatabase(database, { extensions: extensionsIn(sql), log: (l) => process.stderr.write(`${l}\n`) });
  const tStart = performance.now();
  try {
    const { verification, findings } = await verifyMigrations(migrations, db, { log: process.env.MG_VERBOSE ? (l) => process.stderr.write(`${l}\n`) : undefined });
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
      startMs: Math.round(tStart - t0),
      verifyMs: Math.round(performance.now() - tStart),
      database: `${db.kind} ${db.serverVersion}`,
    };
    results.push({ ...row, verification: jsonFile ? verification : undefined });
    console.log(JSON.stringify(row, null, 1));
  } finally {
    await db.stop();
  }
}
if (jsonFile) writeFileSync(jsonFile, JSON.stringify(results, null, 1));
