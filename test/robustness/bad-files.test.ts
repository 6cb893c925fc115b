// Bad files through the real CLI process: each gets a clear message naming the
// file, the other files are still checked, nothing hangs, and the exit code says
// what happened (0 clean, 1 findings, 2 could not run). Every run has a hard
// timeout, so a hang (a FIFO opened for reading) fails the test instead of the suite.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { buildSync } from 'esbuild';
import { ROOT } from '../cli-helpers';

const OUT = join(ROOT, '.tmp', `robustness-${process.pid}`);
const CLI = join(OUT, 'cli.js');
buildSync({ absWorkingDir: ROOT, entryPoints: ['src/cli.ts'], outfile: CLI, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'error' });
const temps: string[] = [OUT];
after(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

const ADD_REQUIRED = 'ALTER TABLE users ADD COLUMN status text NOT NULL;\n';

interface Finding {
  rule: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  message: string;
}
interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function run(args: string[], cwd: string, timeoutMs = 60_000): Result {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 1 << 30, env: { ...process.env, NO_COLOR: '1' } });
  assert.ok(!r.error, `migration-guard ${args.join(' ')} did not finish within ${timeoutMs} ms (${r.error?.message})`);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - t0 };
}

function report(r: Result): { migrations: { id: string }[]; findings: Finding[] } {
  try {
    return JSON.parse(r.stdout);
  } catch {
    throw new Error(`not JSON (exit ${r.code}): ${r.stdout.slice(0, 500)}\n${r.stderr.slice(0, 2000)}`);
  }
}

function tempDir(): string {
  const outer = mkdtempSync(join(tmpdir(), 'mg-robust-'));
  temps.push(outer);
  const dir = join(outer, 'work'); // one level down: discovering a single file also looks at its grandparent
  mkdirSync(dir);
  return dir;
}

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201e2211bc30000000049454e44ae426082', 'hex');

test('every kind of unreadable or non-text file is one unreadable-file finding naming it; the files around it are still linted', () => {
  const dir = tempDir();
  const m = join(dir, 'm');
  mkdirSync(m);
  writeFileSync(join(m, '001_first.sql'), ADD_REQUIRED);
  writeFileSync(join(m, '002_empty.sql'), '');
  writeFileSync(join(m, '003_image.sql'), PNG);
  mkdirSync(join(m, '004_folder.sql'));
  symlinkSync(join(m, 'gone.sql.txt'), join(m, '005_broken.sql'));
  execFileSync('mkfifo', [join(m, '006_pipe.sql')]);
  symlinkSync('007_loop_b.sql', join(m, '007_loop_a.sql'));
  symlinkSync('007_loop_a.sql', join(m, '007_loop_b.sql'));
  writeFileSync(join(m, '008_utf16_no_bom.sql'), Buffer.from(ADD_REQUIRED, 'utf16le'));
  writeFileSync(join(m, '009_last.sql'), `-- the last one\n${ADD_REQUIRED}`);

  const expected: Record<string, RegExp> = {
    'm/003_image.sql': /binary file, not SQL text \(a NUL byte at line \d+\)/,
    'm/004_folder.sql': /it is a folder, not a file/,
    'm/005_broken.sql': /broken symlink \(its target .*gone\.sql\.txt does not exist\)/,
    'm/006_pipe.sql': /named pipe \(FIFO\), not a regular file/,
    'm/007_loop_a.sql': /symlink loop/,
    'm/007_loop_b.sql': /symlink loop/,
    'm/008_utf16_no_bom.sql': /UTF-16 text without a byte-order mark/,
  };
  const json = run(['lint', 'm', '--format', 'json'], dir);
  assert.equal(json.code, 1, json.stderr);
  const r = report(json);
  for (const [file, why] of Object.entries(expected)) {
    const mine = r.findings.filter((f) => f.file === file);
    assert.equal(mine.length, 1, `${file}: ${JSON.stringify(mine)}`);
    assert.equal(mine[0]!.rule, 'unreadable-file');
    assert.ok(mine[0]!.message.includes(file), `the message names ${file}: ${mine[0]!.message}`);
    assert.match(mine[0]!.message, why);
  }
  assert.ok(r.findings.some((f) => f.file === 'm/001_first.sql' && f.rule === 'adding-required-column' && f.line === 1));
  assert.ok(
    r.findings.some((f) => f.file === 'm/009_last.sql' && f.rule === 'adding-required-column' && f.line === 2),
    'the file after the bad ones is linted',
  );
  assert.deepEqual(
    r.findings.filter((f) => f.file === 'm/002_empty.sql'),
    [],
    'an empty file is a migration with nothing to report',
  );
  assert.deepEqual(
    r.migrations.map((x) => x.id),
    ['001_first', '002_empty', '009_last'],
  );

  // The text report reads files again for code frames: the FIFO must not block it either.
  const text = run(['lint', 'm'], dir);
  assert.equal(text.code, 1);
  assert.match(text.stdout, /^m\/006_pipe\.sql:1:1 error unreadable-file$/m);
  assert.match(text.stdout, /^> 2 \| ALTER TABLE users ADD COLUMN status text NOT NULL;$/m, 'the code frame of 009_last.sql');
});

test('one bad file named on the command line: a FIFO or a binary file is a finding (exit 1), never a hang', () => {
  const dir = tempDir();
  execFileSync('mkfifo', [join(dir, 'pipe.sql')]);
  writeFileSync(join(dir, 'image.sql'), PNG);
  for (const file of ['pipe.sql', 'image.sql']) {
    const r = run(['lint', file, '--format', 'json'], dir);
    assert.equal(r.code, 1, r.stderr);
    const f = report(r).findings;
    assert.ok(
      f.some((x) => x.rule === 'unreadable-file' && x.file === file),
      JSON.stringify(f),
    );
  }
});

test('a config file that is a FIFO: exit 2 naming it, never a hang', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'ok.sql'), 'SELECT 1;\n');
  execFileSync('mkfifo', [join(dir, 'pipe.yml')]);
  const r = run(['lint', 'ok.sql', '--config', 'pipe.yml'], dir);
  assert.equal(r.code, 2, r.stdout + r.stderr);
  assert.match(r.stderr, /cannot read config file pipe\.yml: it is a named pipe \(FIFO\)/);
});

test('UTF-16 with a byte-order mark (LE and BE) is decoded: findings and code frames at the true lines', () => {
  const dir = tempDir();
  const sql = `-- café\n${ADD_REQUIRED}`;
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(sql, 'utf16le')]);
  const be = Buffer.from(le);
  be.swap16();
  writeFileSync(join(dir, 'le.sql'), le);
  writeFileSync(join(dir, 'be.sql'), be);
  for (const file of ['le.sql', 'be.sql']) {
    const r = run(['lint', file, '--format', 'json'], dir);
    assert.equal(r.code, 1, r.stderr);
    const f = report(r).findings;
    assert.ok(
      f.some((x) => x.rule === 'adding-required-column' && x.line === 2 && x.column === 1),
      `${file}: ${JSON.stringify(f)}`,
    );
    assert.ok(!f.some((x) => x.rule === 'syntax-error' || x.rule === 'unreadable-file'), `${file}: ${JSON.stringify(f)}`);
    assert.match(run(['lint', file], dir).stdout, /^> 2 \| ALTER TABLE users ADD COLUMN status text NOT NULL;$/m);
  }
});

test('invalid UTF-8 is a syntax-error finding at the bad byte; the file is still linted', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'latin1.sql'), Buffer.concat([Buffer.from("SELECT 1;\nCOMMENT ON TABLE users IS 'caf"), Buffer.from([0xe9]), Buffer.from(`';\n${ADD_REQUIRED}`)]));
  const r = run(['lint', 'latin1.sql', '--format', 'json'], dir);
  assert.equal(r.code, 1);
  const f = report(r).findings;
  const bad = f.find((x) => x.rule === 'syntax-error');
  assert.ok(bad, JSON.stringify(f));
  assert.equal(bad.line, 2);
  assert.equal(bad.column, 31);
  assert.match(bad.message, /latin1\.sql is not valid UTF-8 \(byte 0xe9 at line 2, column 31\)/);
  assert.ok(f.some((x) => x.rule === 'adding-required-column' && x.line === 3));
});

test('a path that does not exist: exit 2 and a message naming it, also next to a path that exists', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'ok.sql'), 'SELECT 1;\n');
  for (const args of [
    ['lint', 'no/such/dir'],
    ['lint', 'ok.sql', 'missing.sql'],
  ]) {
    const r = run(args, dir);
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stderr, new RegExp(`path not found: ${args.at(-1)!.replace(/\./g, '\\.')}`));
    assert.equal(r.stdout, '');
  }
});

test('symlink loops between folders end: each migration is linted once', () => {
  const dir = tempDir();
  mkdirSync(join(dir, 'db/a'), { recursive: true });
  mkdirSync(join(dir, 'db/b'), { recursive: true });
  writeFileSync(join(dir, 'db/a/001_x.sql'), ADD_REQUIRED);
  writeFileSync(join(dir, 'db/b/002_y.sql'), ADD_REQUIRED);
  symlinkSync('../b', join(dir, 'db/a/to_b'));
  symlinkSync('../a', join(dir, 'db/b/to_a'));
  symlinkSync('..', join(dir, 'db/a/up'));
  const r = run(['lint', 'db', '--format', 'json'], dir);
  assert.equal(r.code, 1, r.stderr);
  const rep = report(r);
  assert.deepEqual(
    rep.migrations.map((m) => (m as { up?: string }).up),
    ['db/a/001_x.sql', 'db/b/002_y.sql'],
    'each file once, under its own path',
  );
  assert.deepEqual(
    rep.findings.filter((x) => x.rule === 'adding-required-column').map((x) => x.file),
    ['db/a/001_x.sql', 'db/b/002_y.sql'],
  );
});

test('10,000 migrations in one folder: all discovered and linted', { timeout: 300_000 }, () => {
  const dir = tempDir();
  const m = join(dir, 'm');
  mkdirSync(m);
  for (let i = 0; i < 10_000; i++) {
    writeFileSync(join(m, `${String(i).padStart(5, '0')}_m.sql`), i % 1000 === 999 ? ADD_REQUIRED : `CREATE TABLE t${i} (id bigint PRIMARY KEY);\n`);
  }
  const r = run(['lint', 'm', '--format', 'json', '-q'], dir, 240_000);
  assert.equal(r.code, 1, r.stderr);
  const rep = report(r);
  assert.equal(rep.migrations.length, 10_000);
  const hits = rep.findings.filter((f) => f.rule === 'adding-required-column').map((f) => f.file);
  assert.deepEqual(
    hits,
    Array.from({ length: 10 }, (_, k) => `m/${String(k * 1000 + 999).padStart(5, '0')}_m.sql`),
  );
});

test('a 50 MB migration is linted to its last line', { timeout: 600_000 }, async () => {
  const dir = tempDir();
  const file = join(dir, 'big.sql');
  const out = createWriteStream(file);
  const row = 'INSERT INTO events (id, kind, payload) VALUES (1, \'signup\', \'{"a": 1, "b": "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}\');\n';
  out.write('CREATE TABLE events (id bigint PRIMARY KEY, kind text, payload jsonb);\n');
  const rows = Math.ceil((50 * 1024 * 1024) / row.length);
  const block = row.repeat(1000);
  for (let i = 0; i < rows; i += 1000) if (!out.write(block)) await once(out, 'drain');
  out.end(ADD_REQUIRED);
  await once(out, 'finish');
  const lastLine = 1 + Math.ceil(rows / 1000) * 1000 + 1;
  const r = run(['lint', 'big.sql', '--format', 'json', '-q', '--fail-on', 'error'], dir, 540_000);
  assert.equal(r.code, 1, r.stderr.slice(0, 2000));
  const f = report(r).findings;
  assert.ok(
    f.some((x) => x.rule === 'adding-required-column' && x.line === lastLine),
    `expected adding-required-column at line ${lastLine}; got ${JSON.stringify(f.filter((x) => x.rule !== 'unbatched-data-change').slice(0, 5))}`,
  );
  for (const x of f) assert.ok(x.line >= 1 && x.line <= lastLine && x.endLine >= x.line, JSON.stringify(x));
});
