// Times migration-guard's `lint` against squawk (npm `squawk-cli`) on the same
// inputs in the same run: whole processes, as a user or CI would start them
// (squawk's npm launcher, installed on first use by bench/squawk.ts, spawns its Rust
// binary; ours is the built bin). Prints the median of N runs and the ratio, for
// wall time and for CPU time (user + sys of the process and its children, read
// from /proc/self/stat; on a loaded machine CPU time is the steadier measure).
//
//   npm run build && npx tsx bench/lint.ts [--runs 7] [--corpus ../shared/corpus] [--ours path/to/bin.js] [--baseline path/to/old/bin.js]
// --baseline times an older build too, interleaved with the others (the same load for all: fair before/after).
// The first row is this repo's examples/migrations (12 tiny files: start-up cost).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { squawkBin } from './squawk';
import { sqlFilesUnder } from '../test/sql-files';

const args = process.argv.slice(2);
const flag = (name: string, dflt: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1]! : dflt;
};
const runs = Number(flag('--runs', '7'));
const corpus = resolve(flag('--corpus', '../shared/corpus'));
const root = resolve(import.meta.dirname, '..');
const ours = resolve(flag('--ours', join(root, 'bin', 'migration-guard.js')));
const baseline = flag('--baseline', '') ? resolve(flag('--baseline', '')) : undefined;
const squawk = squawkBin(root);

if (!existsSync(corpus)) {
  console.log(`skipped: corpus not found at ${corpus} (../shared is absent)`);
  process.exit(0);
}
if (!existsSync(join(root, 'build', 'cli.js'))) execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });

/** CPU ms used so far by waited-for children (cutime + cstime), or NaN where /proc is absent. */
function childrenCpuMs(): number {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100; // clock ticks (USER_HZ = 100)
  } catch {
    return NaN;
  }
}

function timeMs(cmd: string, argv: string[]): { wall: number; cpu: number } {
  const c0 = childrenCpuMs();
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 30 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error) throw r.error;
  // Both tools exit 1 when they find something; anything else means the run failed and its time is meaningless.
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${argv.slice(0, 3).join(' ')} … exited ${r.status ?? r.signal}: ${String(r.stderr).slice(-500)}`);
  return { wall, cpu: childrenCpuMs() - c0 };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

// Sets without SQL files (phoenix_kit holds Ecto's log output) are not lint input for either tool.
const sets = readdirSync(corpus)
  .filter((d) => statSync(join(corpus, d)).isDirectory() && sqlFilesUnder(join(corpus, d)).length > 0)
  .sort();
const rows: { set: string; files: number; ours: number; squawk: number; oursCpu: number; squawkCpu: number; base?: number; baseCpu?: number }[] = [];
const examples = join(root, 'examples', 'migrations');
for (const set of ['examples', ...sets, '(all)']) {
  const dir = set === 'examples' ? examples : set === '(all)' ? corpus : join(corpus, set);
  const files = sqlFilesUnder(dir);
  // Our CLI discovers the layout of each set; the whole corpus is several layouts, so pass each set.
  const ourArgs = set === '(all)' ? sets.map((s) => join(corpus, s)) : [dir];
  const a: { wall: number; cpu: number }[] = [];
  const b: { wall: number; cpu: number }[] = [];
  const c: { wall: number; cpu: number }[] = [];
  timeMs('node', [ours, 'lint', '--format', 'json', '--fail-on', 'never', ...ourArgs]); // warm the page cache
  for (let i = 0; i < runs; i++) {
    a.push(timeMs('node', [ours, 'lint', '--format', 'json', '--fail-on', 'never', ...ourArgs]));
    b.push(timeMs(squawk, ['--reporter', 'json', ...files]));
    if (baseline) c.push(timeMs('node', [baseline, 'lint', '--format', 'json', '--fail-on', 'never', ...ourArgs]));
  }
  rows.push({
    set,
    files: files.length,
    ours: median(a.map((x) => x.wall)),
    squawk: median(b.map((x) => x.wall)),
    oursCpu: median(a.map((x) => x.cpu)),
    squawkCpu: median(b.map((x) => x.cpu)),
    ...(baseline ? { base: median(c.map((x) => x.wall)), baseCpu: median(c.map((x) => x.cpu)) } : {}),
  });
}

console.log(`median of ${runs} runs, whole process, ms (cpu = user + sys, 10 ms resolution)`);
const head = ['set'.padEnd(20), 'files'.padStart(6), 'ours'.padStart(8), 'squawk'.padStart(8), 'ratio'.padStart(7), 'ours cpu'.padStart(9), 'sq cpu'.padStart(8), 'ratio'.padStart(7)];
if (baseline) head.push('base'.padStart(8), 'base cpu'.padStart(9));
console.log(head.join(' '));
for (const r of rows) {
  console.log(
    [
      r.set.padEnd(20),
      String(r.files).padStart(6),
      r.ours.toFixed(0).padStart(8),
      r.squawk.toFixed(0).padStart(8),
      (r.ours / r.squawk).toFixed(2).padStart(7),
      r.oursCpu.toFixed(0).padStart(9),
      r.squawkCpu.toFixed(0).padStart(8),
      (r.oursCpu / r.squawkCpu).toFixed(2).padStart(7),
      ...(baseline ? [r.base!.toFixed(0).padStart(8), r.baseCpu!.toFixed(0).padStart(9)] : []),
    ].join(' '),
  );
}
