// Runs the test suite by tier: `unit` (parser, rules, lint, report, config, rendering:
// no database, no child process, under a minute), `int` (databases, processes,
// frameworks, the bundle, corpus scale), or `all` (both; what `npm test` and CI run).
// A test file is integration when its path matches INTEGRATION; everything else is unit.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..');

/** Files that start databases, processes or the bundle, or replay the corpus. */
export const INTEGRATION = [
  /^test\/action\//,
  /^test\/verify\//,
  /^test\/frameworks\//,
  /^test\/stats\/(collect|verify-calibration|annotate)\.test\.ts$/,
  /^test\/databases/,
  /^test\/(cli|dockerfile|package|precommit|run)\.test\.ts$/,
  /^test\/robustness\/(verify-faults|host-access|bad-files|fuzz|no-silent-skip)\.test\.ts$/,
  /^test\/lint\/(catalogue-rules|lock-rules|newer-postgres-oracle|migration-files|hazards-oracle)\.test\.ts$/,
  /^test\/migrations\/(history|corpus|tool-semantics)\.test\.ts$/,
  /^test\/sqlite\/(claims|verify)\.test\.ts$/,
];

/** Every test file, sorted, relative to the repository root. */
function testFiles(dir = join(root, 'test')) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.name === 'node_modules' ? [] : e.isDirectory() ? testFiles(join(dir, e.name)) : e.name.endsWith('.test.ts') ? [relative(root, join(dir, e.name))] : []))
    .sort();
}

const tier = process.argv[2] ?? 'all';
if (!['unit', 'int', 'all'].includes(tier)) {
  console.error(`usage: node scripts/tests.mjs unit|int|all [node --test options]`);
  process.exit(2);
}
const isInt = (f) => INTEGRATION.some((re) => re.test(f));
const files = testFiles().filter((f) => tier === 'all' || (tier === 'int') === isInt(f));
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...process.argv.slice(3), ...files], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
