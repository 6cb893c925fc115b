// Hazards flagged by migration-guard and by squawk (npm `squawk-cli`) on the same
// files: every .sql file our layouts lint in the shared corpus (ups, downs, extra
// files), each tool with its default rules. For each squawk rule, the files each
// tool flags (ours through the rules whose meta.squawk names it), and the files
// only one of them flags; then our rules squawk has no counterpart for. Also the
// statements linted per second by our built CLI on the whole corpus.
//
//   npm run build && npx tsx bench/compare-squawk.ts [--corpus ../shared/corpus] [--show 3] [--json out.json]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { rules } from '../rules/index';
import { discoverMigrations } from '../src/migrations/discover';
import { initParser, parseSql } from '../src/sql/parse';
import { squawkBin } from './squawk';

const args = process.argv.slice(2);
const flag = (name: string, dflt: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1]! : dflt;
};
const root = resolve(import.meta.dirname, '..');
const corpus = resolve(flag('--corpus', join(root, '..', 'shared', 'corpus')));
const show = Number(flag('--show', '3'));
if (!existsSync(corpus)) {
  console.log(`skipped: corpus not found at ${corpus}`);
  process.exit(0);
}
const sets = readdirSync(corpus)
  .filter((d) => statSync(join(corpus, d)).isDirectory())
  .sort();

// The files our layouts lint, as paths relative to the repo (what both tools print).
const files: string[] = [];
for (const set of sets) {
  for (const m of discoverMigrations(join(corpus, set), { cwd: root }).migrations) {
    for (const s of [m.up, ...(m.extraUp ?? []), ...(m.down ? [m.down] : [])]) if (!files.includes(resolve(root, s.file))) files.push(resolve(root, s.file));
  }
}

function runJson(cmd: string, argv: string[]): { out: any; wall: number } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error) throw r.error;
  return { out: JSON.parse(r.stdout), wall };
}

const ours = runJson(process.execPath, [join(root, 'bin', 'migration-guard.js'), 'lint', '--format', 'json', '--fail-on', 'never', ...sets.map((s) => relative(root, join(corpus, s)))]);
const squawk = runJson(squawkBin(root), ['--reporter', 'json', ...files]);

const fileSet = new Set(files);
const oursBy = new Map<string, Set<string>>(); // our rule id -> files
for (const f of ours.out.findings as { rule: string; file: string }[]) {
  const file = resolve(root, f.file);
  if (!fileSet.has(file)) continue;
  if (!oursBy.has(f.rule)) oursBy.set(f.rule, new Set());
  oursBy.get(f.rule)!.add(file);
}
const squawkBy = new Map<string, Set<string>>(); // squawk rule -> files
for (const f of squawk.out as { rule_name: string; file: string }[]) {
  if (!squawkBy.has(f.rule_name)) squawkBy.set(f.rule_name, new Set());
  squawkBy.get(f.rule_name)!.add(resolve(root, f.file));
}
const ourIdsFor = (squawkRule: string) => rules.filter((r) => r.meta.squawk?.includes(squawkRule)).map((r) => r.meta.id);
const union = (ids: string[]) => new Set(ids.flatMap((id) => [...(oursBy.get(id) ?? [])]));

interface Row {
  squawk: string;
  ours: string[];
  squawkFiles: number;
  oursFiles: number;
  both: number;
  onlySquawk: string[];
  onlyOurs: string[];
}
const rows: Row[] = [];
for (const name of [...squawkBy.keys()].sort()) {
  const ids = ourIdsFor(name);
  const a = squawkBy.get(name)!;
  const b = union(ids);
  rows.push({
    squawk: name,
    ours: ids,
    squawkFiles: a.size,
    oursFiles: b.size,
    both: [...a].filter((f) => b.has(f)).length,
    onlySquawk: [...a].filter((f) => !b.has(f)).sort(),
    onlyOurs: [...b].filter((f) => !a.has(f)).sort(),
  });
}
const mapped = new Set(rows.flatMap((r) => r.ours));
const oursOnly = [...oursBy]
  .filter(([id]) => !mapped.has(id))
  .map(([id, fs]) => ({ id, files: fs.size }))
  .sort((x, y) => y.files - x.files);

await initParser();
let statements = 0;
for (const s of sets) {
  for (const m of discoverMigrations(join(corpus, s), { cwd: root }).migrations) {
    for (const src of [m.up, ...(m.extraUp ?? []), ...(m.down ? [m.down] : [])]) statements += parseSql(src).statements.filter((st) => !st.embedded).length;
  }
}

console.log(`${files.length} files linted by both tools; ${statements} top-level statements`);
console.log(`migration-guard: ${ours.out.findings.length} findings in ${(ours.wall / 1000).toFixed(2)} s wall = ${Math.round(statements / (ours.wall / 1000))} statements/s (one run, whole process)`);
console.log(`squawk:          ${squawk.out.length} findings in ${(squawk.wall / 1000).toFixed(2)} s wall = ${Math.round(statements / (squawk.wall / 1000))} statements/s`);
console.log('');
console.log('| squawk rule | migration-guard rule(s) | files: squawk | ours | both | only squawk | only ours |');
console.log('|---|---|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.squawk} | ${r.ours.join(', ') || '—'} | ${r.squawkFiles} | ${r.oursFiles} | ${r.both} | ${r.onlySquawk.length} | ${r.onlyOurs.length} |`);
}
console.log('');
console.log('migration-guard rules with no squawk counterpart (files flagged):');
console.log(oursOnly.map((o) => `${o.id} ${o.files}`).join(', '));
if (show > 0) {
  console.log('');
  for (const r of rows) {
    const short = (fs: string[]) =>
      fs
        .slice(0, show)
        .map((f) => relative(corpus, f))
        .join('  ');
    if (r.onlySquawk.length) console.log(`only squawk ${r.squawk}: ${short(r.onlySquawk)}`);
    if (r.onlyOurs.length) console.log(`only ours  ${r.squawk}: ${short(r.onlyOurs)}`);
  }
}
const out = flag('--json', '');
if (out) writeFileSync(out, JSON.stringify({ rows, oursOnly, statements }, null, 2));
