// What `npx migration-guard` gets: `npm pack` (prepack builds build/cli.js),
// install the tarball into an empty folder, run the installed bin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './cli-helpers';
import { NODE22, NODE24 } from './action/harness';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

test('package.json: bin, files, engines (Node 20, 22 and 24), and no downloaded node among its dependencies', () => {
  assert.equal(pkg.bin['migration-guard'], 'bin/migration-guard.js');
  assert.ok(statSync(join(ROOT, 'bin', 'migration-guard.js')).mode & 0o111, 'bin is executable');
  assert.match(readFileSync(join(ROOT, 'bin', 'migration-guard.js'), 'utf8'), /^#!\/usr\/bin\/env node\n/);
  for (const dir of ['bin/', 'build/']) assert.ok(pkg.files.includes(dir), dir);
  assert.equal(pkg.type, 'module');
  // The range admits the supported lines and nothing older.
  assert.equal(pkg.engines.node, '>=20.18.1 <21 || >=22.12 <23 || >=24');
  // npm puts the dependencies' bins first on PATH in every script: a `node` package there would
  // silently run the tests, and the framework commands they start, on a downloaded Node.
  assert.equal(pkg.dependencies.node ?? pkg.devDependencies.node, undefined);
  assert.equal(pkg.scripts.prepack, 'npm run build');
});

test('npm pack → install into an empty folder → node_modules/.bin/migration-guard lint works', { timeout: 300_000 }, () => {
  const work = mkdtempSync(join(tmpdir(), 'mg-pack-'));
  try {
    const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
    const files: string[] = packed[0].files.map((f: { path: string }) => f.path).sort();
    assert.ok(files.includes('build/cli.js') && files.includes('bin/migration-guard.js') && files.includes('package.json'), files.join(', '));
    assert.ok(!files.some((f) => f.startsWith('src/') || f.startsWith('test/')), 'sources and tests stay out of the package');

    const app = join(work, 'app');
    execFileSync('mkdir', ['-p', app]);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true }));
    const tarball = join(work, packed[0].filename);
    const install = (mode: string) => spawnSync('npm', ['install', mode, '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', tarball], { cwd: app, encoding: 'utf8' });
    // Dependencies come from the npm cache; fall back to the registry for what it lacks.
    let r = install('--offline');
    if (r.status !== 0) r = install('--prefer-offline');
    assert.equal(r.status, 0, r.stderr);

    const bin = join(app, 'node_modules', '.bin', 'migration-guard');
    assert.equal(execFileSync(bin, ['--version'], { cwd: app, encoding: 'utf8' }).trim(), pkg.version);
    const example = join(ROOT, 'examples', 'migrations');
    const run = spawnSync(bin, ['lint', example, '--format', 'json'], { cwd: app, encoding: 'utf8' });
    assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}: ${run.stderr}`);
    const report = JSON.parse(run.stdout);
    assert.equal(report.version, 1);
    assert.ok(report.migrations.length > 0, 'the example migrations are discovered');
    assert.ok(
      report.findings.some((f: { rule: string }) => f.rule === 'adding-required-column'),
      'the example adds a required column',
    );

    // The same install on the other supported Node lines (the test runner's node is the system's, 20 here).
    for (const node of [NODE22, NODE24]) {
      if (!existsSync(node)) continue; // test/runtimes not installed (.ci/run installs it)
      const other = spawnSync(node, [join(app, 'node_modules', 'migration-guard', 'bin', 'migration-guard.js'), 'lint', example, '--format', 'json'], { cwd: app, encoding: 'utf8' });
      assert.ok(other.status === 0 || other.status === 1, `node ${execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()}: exit ${other.status}: ${other.stderr}`);
      assert.deepEqual(JSON.parse(other.stdout).findings, report.findings);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

test("a fresh clone: the README's first command installs and runs the example, then `npx migration-guard` works", { timeout: 600_000 }, () => {
  const work = mkdtempSync(join(tmpdir(), 'mg-clone-'));
  try {
    const clone = join(work, 'migration-guard');
    execFileSync('git', ['clone', '-q', ROOT, clone], { stdio: 'pipe' });
    const readme = readFileSync(join(clone, 'README.md'), 'utf8');
    const first = /```sh\n(.*?)\s+#/.exec(readme)![1]!;
    assert.equal(first, 'npm ci && npm run example');
    // Dependencies come from the npm cache where it has them (CI's own npm ci filled it).
    const sh = (cmd: string) =>
      spawnSync('sh', ['-c', cmd], { cwd: clone, encoding: 'utf8', env: { ...process.env, npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false' } });
    const installed = sh(first);
    assert.equal(installed.status, 0, installed.stdout + installed.stderr);
    assert.match(installed.stdout + installed.stderr, /verify: pglite/, 'the example ran on the embedded database');
    const npx = sh('npx migration-guard --version');
    assert.equal(npx.status, 0, npx.stderr);
    assert.equal(npx.stdout.trim(), pkg.version);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
