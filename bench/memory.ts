// Peak memory and time of `migration-guard lint` as input grows: the corpus once,
// the corpus ten times (copies in a temp folder), 10,000 small files, and one
// 50 MB migration. Each case is a fresh CLI process (src/cli.ts bundled as
// `npm run build` does) measured by GNU time: wall seconds and peak RSS (%M).
// Memory should follow the largest file, not the total input. The CLI runs under
// V8's --liftoff-only, as bin/migration-guard.js starts it (without it, Node 24
// recompiles the parser's WASM and the baseline is ~640 MB instead of ~100 MB);
// --no-liftoff measures without; --heap MB caps V8's heap, to show what is really kept alive.
//
//   npx tsx bench/memory.ts [--corpus ../shared/corpus] [--format json|text] [--only corpus,x10,files,big] [--node PATH] [--no-liftoff] [--heap MB]
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { once } from 'node:events';
import { buildSync } from 'esbuild';

const args = process.argv.slice(2);
const flag = (name: string, dflt: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1]! : dflt;
};
const root = resolve(import.meta.dirname, '..');
const corpus = resolve(root, flag('--corpus', '../shared/corpus'));
const format = flag('--format', 'json');
const only = new Set(flag('--only', 'corpus,x10,files,big').split(','));
const node = flag('--node', process.execPath);
const nodeFlags = [...(args.includes('--no-liftoff') ? [] : ['--liftoff-only']), ...(args.includes('--heap') ? [`--max-old-space-size=${flag('--heap', '64')}`] : [])];
if (!existsSync('/usr/bin/time')) throw new Error('needs GNU time at /usr/bin/time (apt-get install time)');

const out = join(root, '.tmp', `bench-memory-${process.pid}`);
const cli = join(out, 'cli.js');
buildSync({ absWorkingDir: root, entryPoints: ['src/cli.ts'], outfile: cli, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'error' });
const work = mkdtempSync(join(tmpdir(), 'mg-memory-'));
console.log(`node ${execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()} ${nodeFlags.join(' ')}, --format ${format}`);

/** The corpus's migration sets: each project folder is one `lint` path (the corpus root mixes layouts). */
function projects(dir: string): string[] {
  return readdirSync(dir)
    .filter((n) => statSync(join(dir, n)).isDirectory())
    .sort()
    .map((n) => join(dir, n));
}

function sizeOf(paths: string[]): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  const walk = (p: string) => {
    const st = statSync(p);
    if (st.isDirectory()) for (const n of readdirSync(p)) walk(join(p, n));
    else if (p.endsWith('.sql')) (files++, (bytes += st.size));
  };
  paths.forEach(walk);
  return { files, bytes };
}

interface Row {
  name: string;
  files: number;
  mb: number;
  seconds: number;
  peakMb: number;
  migrations: number;
  findings: number;
}
const rows: Row[] = [];

function measure(name: string, paths: string[]): void {
  const { files, bytes } = sizeOf(paths);
  const report = join(work, 'report.json');
  const r = spawnSync(
    '/usr/bin/time',
    ['-f', '%e %M', node, ...nodeFlags, cli, 'lint', ...paths, '--format', format, '-q', '--fail-on', 'never', '--output', format === 'json' ? report : '/dev/null'],
    {
      cwd: work,
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    },
  );
  const timing = r.stderr.trim().split('\n').pop()!.split(' ');
  if (r.status !== 0) throw new Error(`${name}: exit ${r.status}\n${r.stderr.slice(-2000)}`);
  let migrations = NaN;
  let findings = NaN;
  if (format === 'json') {
    const json = JSON.parse(
      execFileSync(process.execPath, ['-e', `const r=require(${JSON.stringify(report)});console.log(JSON.stringify([r.migrations.length,r.findings.length]))`], { encoding: 'utf8' }),
    );
    [migrations, findings] = json;
  }
  const row = { name, files, mb: bytes / 1048576, seconds: Number(timing[0]), peakMb: Number(timing[1]) / 1024, migrations, findings };
  rows.push(row);
  console.log(`${name}: ${files} .sql files, ${row.mb.toFixed(1)} MB → ${row.seconds.toFixed(1)} s, peak RSS ${row.peakMb.toFixed(0)} MB (${migrations} migrations, ${findings} findings)`);
}

if (!existsSync(corpus)) console.log(`corpus not found at ${corpus}: corpus cases skipped`);
else {
  if (only.has('corpus')) measure('corpus ×1', projects(corpus));
  if (only.has('x10')) {
    const copies: string[] = [];
    for (let k = 0; k < 10; k++) {
      const dir = join(work, `copy${k}`);
      cpSync(corpus, dir, { recursive: true });
      copies.push(...projects(dir));
    }
    measure('corpus ×10', copies);
    for (let k = 0; k < 10; k++) rmSync(join(work, `copy${k}`), { recursive: true, force: true });
  }
}

if (only.has('files')) {
  const dir = join(work, 'many');
  mkdirSync(dir);
  for (let i = 0; i < 10_000; i++)
    writeFileSync(join(dir, `${String(i).padStart(5, '0')}_m.sql`), `CREATE TABLE t${i} (id bigint PRIMARY KEY, name text);\nCREATE INDEX t${i}_name ON t${i} (name);\n`);
  measure('10,000 files', [dir]);
  rmSync(dir, { recursive: true, force: true });
}

if (only.has('big')) {
  const dir = join(work, 'big');
  mkdirSync(dir);
  const file = join(dir, '001_big.sql');
  const stream = createWriteStream(file);
  const row = 'INSERT INTO events (id, kind, payload) VALUES (1, \'signup\', \'{"a": 1, "b": "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}\');\n';
  stream.write('CREATE TABLE events (id bigint PRIMARY KEY, kind text, payload jsonb);\n');
  const block = row.repeat(1000);
  for (let written = 0; written < 50 * 1048576; written += block.length) if (!stream.write(block)) await once(stream, 'drain');
  stream.end('ALTER TABLE users ADD COLUMN status text NOT NULL;\n');
  await once(stream, 'finish');
  measure('one 50 MB file', [file]);
}

console.log('\n| input | .sql files | MB | wall s | peak RSS MB | migrations | findings |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) console.log(`| ${r.name} | ${r.files} | ${r.mb.toFixed(1)} | ${r.seconds.toFixed(1)} | ${r.peakMb.toFixed(0)} | ${r.migrations} | ${r.findings} |`);
rmSync(work, { recursive: true, force: true });
rmSync(out, { recursive: true, force: true });
