// Fuzz soak: hostile variations of real migrations (test/robustness/fuzz-inputs.ts)
// through lintSource, and every batch a folder of them (written as raw bytes,
// some as Latin-1) through run(). For every input: nothing thrown, every finding
// inside the file, no .sql file skipped without a finding. Deterministic: input i
// of batch b comes from seed + b, so a failure is replayed from its numbers.
//
//   npx tsx bench/fuzz.ts [--count 100000] [--seed 20261121] [--batch 500]
//   npx tsx bench/fuzz.ts --replay FILE        (one saved failing input, through lintSource)
// Failures are saved under .tmp/fuzz-failures/ and printed with their reproducer.
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rules } from '../rules/index';
import { lintSource, type EnabledRule } from '../src/lint/engine';
import { decodeSql } from '../src/migrations/decode';
import { run } from '../src/run';
import { UsageError } from '../src/errors';
import { initParser } from '../src/sql/parse';
import { parserRecoveries } from '../src/sql/pg-parser';
import { ROOT, badFinding, hostileSql, lineCount, seedFiles } from '../test/robustness/fuzz-inputs';

const args = process.argv.slice(2);
const flag = (name: string, dflt: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1]! : dflt;
};
const count = Number(flag('--count', '100000'));
const seed = Number(flag('--seed', '20261121'));
const batch = Number(flag('--batch', '500'));
const replay = args.includes('--replay') ? flag('--replay', '') : undefined;
const allEnabled: EnabledRule[] = rules.map((rule) => ({ rule, severity: rule.meta.severity }));
const failDir = join(ROOT, '.tmp', 'fuzz-failures');
let usageErrors = 0;

/** Why lintSource misbehaves on `text`, or undefined. */
function checkLint(text: string, firstLine: number): string | undefined {
  let findings;
  try {
    findings = lintSource({ source: { file: 'fuzz.sql', text, firstLine }, migration: 'm' }, allEnabled, rules);
  } catch (err) {
    return `threw: ${(err as Error)?.stack ?? err}`;
  }
  const lines = lineCount(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  for (const f of findings) {
    const why = badFinding(f, firstLine, lines);
    if (why) return `${why}: ${JSON.stringify({ ...f, help: undefined })}`;
  }
  return undefined;
}

/** Why run() misbehaves on a folder of these files, or undefined. */
async function checkRun(dir: string, files: { name: string; bytes: Buffer }[]): Promise<string | undefined> {
  mkdirSync(dir, { recursive: true });
  for (const f of files) writeFileSync(join(dir, f.name), f.bytes);
  let report;
  try {
    report = await run({ command: 'lint', paths: [dir], cwd: dir });
  } catch (err) {
    // A folder that mixes layouts is a clear could-not-run (exit 2) by design, not a crash.
    if (err instanceof UsageError && err.message.includes(dir)) return (usageErrors++, undefined);
    return `run() threw: ${(err as Error)?.stack ?? err}`;
  }
  const linted = new Set(report.migrations.flatMap((m) => [m.up, m.down]));
  for (const f of files) if (!linted.has(f.name) && !report.findings.some((x) => x.file === f.name)) return `${f.name} neither linted nor reported`;
  for (const x of report.findings) {
    const d = decodeSql(readFileSync(join(dir, x.file)));
    const why = badFinding(x, 1, d.ok ? lineCount(d.text) : 1);
    if (why) return `${x.file}: ${why}`;
  }
  return undefined;
}

await initParser();

if (replay !== undefined) {
  const text = readFileSync(replay, 'utf8');
  const why = checkLint(text, 1);
  console.log(why ? `FAIL ${why}` : 'ok: no problem with this input');
  process.exit(why ? 1 : 0);
}

const seeds = seedFiles(400);
const arb = fc.tuple(hostileSql(seeds), fc.integer({ min: 1, max: 5000 }), fc.boolean());
console.log(`fuzz: ${count} inputs from ${seeds.length} seed files, seed ${seed}, batches of ${batch} (+ one run() over ${Math.min(20, batch)} files per batch)`);
const work = mkdtempSync(join(tmpdir(), 'mg-fuzz-'));
const t0 = performance.now();
let done = 0;
let failures = 0;
let slowest = { ms: 0, where: '' };
let runCalls = 0;
for (let b = 0; done < count; b++) {
  const inputs = fc.sample(arb, { seed: seed + b, numRuns: Math.min(batch, count - done) });
  for (let i = 0; i < inputs.length; i++) {
    const [text, firstLine] = inputs[i]!;
    const t = performance.now();
    const why = checkLint(text, firstLine);
    const ms = performance.now() - t;
    if (ms > slowest.ms) slowest = { ms, where: `batch ${b} input ${i} (${text.length} chars)` };
    if (why) {
      failures++;
      mkdirSync(failDir, { recursive: true });
      const file = join(failDir, `${seed}-b${b}-i${i}.sql`);
      writeFileSync(file, text);
      console.log(`FAIL batch ${b} input ${i} (firstLine ${firstLine}): ${why.slice(0, 400)}\n  reproduce: npx tsx bench/fuzz.ts --replay ${file}`);
    }
  }
  done += inputs.length;
  const files = inputs.slice(0, 20).map(([text, , latin1], i) => ({ name: `${String(i + 1).padStart(3, '0')}_f.sql`, bytes: Buffer.from(text, latin1 ? 'latin1' : 'utf8') }));
  const dir = join(work, `b${b}`);
  const why = await checkRun(dir, files);
  runCalls++;
  rmSync(dir, { recursive: true, force: true });
  if (why) {
    failures++;
    console.log(`FAIL run() on batch ${b} (seed ${seed + b}, first 20 inputs): ${why.slice(0, 400)}`);
  }
  const s = (performance.now() - t0) / 1000;
  console.log(
    `${done} inputs, ${s.toFixed(0)} s, ${(done / s).toFixed(0)} inputs/s, ${failures} failures, ${parserRecoveries()} parser recoveries, rss ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB`,
  );
}
rmSync(work, { recursive: true, force: true });
const s = (performance.now() - t0) / 1000;
console.log(
  `done: ${done} inputs through lintSource and ${runCalls} run() calls over ${runCalls * Math.min(20, batch)} files in ${s.toFixed(1)} s ` +
    `(${(done / s).toFixed(0)} inputs/s); ${failures} failures; ${usageErrors} run() calls refused with a UsageError (mixed layouts, exit 2); ${parserRecoveries()} parser recoveries; slowest input ${slowest.ms.toFixed(0)} ms (${slowest.where})`,
);
process.exit(failures ? 1 : 0);
