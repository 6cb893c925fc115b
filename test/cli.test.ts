// The CLI as users run it: a child process on real SQL in temp folders.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rules } from '../rules/index';
import { ADD_REQUIRED, ROOT, cli, cliPath, tempTree } from './cli-helpers';

const RANK = { info: 1, warning: 2, error: 3 } as const;

function json(stdout: string) {
  return JSON.parse(stdout) as { findings: { rule: string; severity: keyof typeof RANK; file: string; line: number; column: number }[]; migrations: { id: string }[]; summary: Record<string, number> };
}

test('exit codes follow --fail-on', () => {
  const dir = tempTree({ 'm/001_add.sql': ADD_REQUIRED, '.migration-guard.yml': 'rules:\n  adding-required-column: warning\n' });
  const report = json(cli(['lint', 'm', '--format', 'json', '--fail-on', 'never'], { cwd: dir }).stdout);
  const mine = report.findings.find((f) => f.rule === 'adding-required-column');
  assert.equal(mine?.severity, 'warning', 'config severity applies');
  const worst = Math.max(...report.findings.map((f) => RANK[f.severity]));
  for (const failOn of ['error', 'warning', 'info'] as const) {
    const r = cli(['lint', 'm', '--fail-on', failOn], { cwd: dir });
    assert.equal(r.code, worst >= RANK[failOn] ? 1 : 0, `--fail-on ${failOn}: ${r.stderr}`);
  }
  assert.equal(cli(['lint', 'm', '--fail-on', 'warning'], { cwd: dir }).code, 1, 'a warning fails --fail-on warning');
  assert.equal(cli(['lint', 'm', '--fail-on', 'never'], { cwd: dir }).code, 0);
});

test('an error finding exits 1 by default; a clean file exits 0', () => {
  const dir = tempTree({ 'bad.sql': ADD_REQUIRED, 'clean.sql': 'SELECT 1;\n' });
  const bad = cli(['lint', 'bad.sql'], { cwd: dir });
  assert.equal(bad.code, 1, bad.stderr);
  const clean = cli(['lint', 'clean.sql'], { cwd: dir });
  assert.equal(clean.code, 0, clean.stdout + clean.stderr);
  assert.match(clean.stdout, /no problems in 1 migration/);
});

test('--fail-on from the command line overrides the config', () => {
  const dir = tempTree({ 'bad.sql': ADD_REQUIRED, '.migration-guard.yml': 'failOn: never\n' });
  assert.equal(cli(['lint', 'bad.sql'], { cwd: dir }).code, 0);
  assert.equal(cli(['lint', 'bad.sql', '--fail-on', 'error'], { cwd: dir }).code, 1);
});

test('text output: location, severity, rule, message, code frame, fix, summary', () => {
  const dir = tempTree({ 'db/002_status.sql': `-- add a status\nALTER TABLE users\n  ADD COLUMN status text NOT NULL;\n` });
  const r = cli(['lint', 'db'], { cwd: dir });
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^db\/002_status\.sql:2:1 error adding-required-column$/m);
  assert.match(r.stdout, /Column "status" is added to users/);
  assert.match(r.stdout, /^> 2 \| ALTER TABLE users\n> 3 \|   ADD COLUMN status text NOT NULL;$/m, "the statement's lines are marked");
  assert.match(r.stdout, /fix: Add the column with a DEFAULT/);
  assert.match(r.stdout, /✖ \d+ problems? \(\d+ errors?, \d+ warnings?, \d+ infos?\) in 1 migration/);
  assert.doesNotMatch(r.stdout, /\u001b\[/, 'no colour when stdout is not a TTY');
  assert.match(r.stderr, /db: 1 migration/, 'progress goes to stderr');
});

test('--color forces ANSI colours, NO_COLOR and --no-color keep them off', () => {
  const dir = tempTree({ 'a.sql': ADD_REQUIRED });
  assert.match(cli(['lint', 'a.sql', '--color'], { cwd: dir }).stdout, /\u001b\[31m/);
  assert.doesNotMatch(cli(['lint', 'a.sql', '--no-color'], { cwd: dir, env: { NO_COLOR: '1' } }).stdout, /\u001b\[/);
  assert.match(cli(['lint', 'a.sql'], { cwd: dir, env: { FORCE_COLOR: '1' } }).stdout, /\u001b\[31m/, 'FORCE_COLOR, as CI systems set it');
  assert.doesNotMatch(cli(['lint', 'a.sql', '--no-color'], { cwd: dir, env: { FORCE_COLOR: '1' } }).stdout, /\u001b\[/, '--no-color wins');
});

test('on a terminal (a pty from script(1)) colours are on unless NO_COLOR is set', { skip: !existsSync('/usr/bin/script') && 'script(1) is not installed' }, () => {
  const dir = tempTree({ 'a.sql': ADD_REQUIRED });
  const onTty = (env: Record<string, string | undefined>) =>
    spawnSync('/usr/bin/script', ['-qec', `"${process.execPath}" "${cliPath()}" lint a.sql -q`, '/dev/null'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: undefined, ...env } })
      .stdout;
  assert.match(onTty({}), /\u001b\[31m/);
  assert.doesNotMatch(onTty({ NO_COLOR: '1' }), /\u001b\[/);
});

test('json output keeps the documented contract', () => {
  const dir = tempTree({ 'db/0002_x.sql': ADD_REQUIRED });
  const r = cli(['lint', 'db', '--format', 'json'], { cwd: dir });
  assert.equal(r.code, 1);
  const report = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(report), ['version', 'tool', 'migrations', 'findings', 'summary']);
  assert.equal(report.version, 1);
  assert.equal(report.tool.name, 'migration-guard');
  assert.equal(report.tool.version, JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  assert.equal(report.migrations.length, 1);
  for (const key of ['id', 'layout', 'up', 'transactional', 'changed']) assert.ok(key in report.migrations[0], key);
  const f = report.findings.find((x: { rule: string }) => x.rule === 'adding-required-column');
  assert.deepEqual(Object.keys(f), ['rule', 'severity', 'file', 'line', 'column', 'endLine', 'endColumn', 'message', 'help', 'migration']);
  assert.deepEqual([f.file, f.line, f.column, f.endLine, f.endColumn], ['db/0002_x.sql', 1, 1, 1, ADD_REQUIRED.trim().length]);
  assert.equal(f.migration, report.migrations[0].id);
  const { errors, warnings, infos } = report.summary;
  assert.equal(errors + warnings + infos, report.findings.length);
});

test('github output: one workflow command per finding', () => {
  const dir = tempTree({ 'db/1.sql': ADD_REQUIRED });
  const r = cli(['lint', 'db', '--format', 'github'], { cwd: dir });
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^::error file=db\/1\.sql,line=1,endLine=1,col=1,endColumn=\d+,title=adding-required-column::Column "status".*%0AFix: /m);
});

test('sarif output is SARIF 2.1.0 with the rule descriptor', () => {
  const dir = tempTree({ 'db/1.sql': ADD_REQUIRED });
  const r = cli(['lint', 'db', '--format', 'sarif'], { cwd: dir });
  const log = JSON.parse(r.stdout);
  assert.equal(log.version, '2.1.0');
  const run = log.runs[0];
  assert.ok(run.tool.driver.rules.some((d: { id: string }) => d.id === 'adding-required-column'));
  const res = run.results.find((x: { ruleId: string }) => x.ruleId === 'adding-required-column');
  assert.deepEqual(res.locations[0].physicalLocation.artifactLocation, { uri: 'db/1.sql' });
});

test('--output writes the report to a file and nothing to stdout', () => {
  const dir = tempTree({ 'a.sql': ADD_REQUIRED });
  const r = cli(['lint', 'a.sql', '--format', 'json', '--output', 'out/report.json'.replace('out/', '')], { cwd: dir });
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
  assert.ok(report.findings.some((f: { rule: string }) => f.rule === 'adding-required-column'));
  assert.match(r.stderr, /wrote json report to report\.json/);
  const bad = cli(['lint', 'a.sql', '--output', join(dir, 'missing-dir', 'r.txt')], { cwd: dir });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /cannot write --output/);
});

test('a path that does not exist exits 2 naming it', () => {
  const dir = tempTree({});
  const r = cli(['lint', 'nope/migrations'], { cwd: dir });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /path not found: nope\/migrations/);
  assert.equal(r.stdout, '');
});

test('an unreadable entry is a finding; the other files are still linted', () => {
  const dir = tempTree({ 'db/001_ok.sql': 'SELECT 1;\n', 'db/003_bad.sql': ADD_REQUIRED });
  symlinkSync(join(dir, 'does-not-exist.sql'), join(dir, 'db', '002_broken.sql')); // dangling symlink
  mkdirSync(join(dir, 'db', '004_dir.sql')); // a folder named like a migration
  const r = cli(['lint', 'db', '--format', 'json'], { cwd: dir });
  assert.equal(r.code, 1, r.stderr);
  const report = json(r.stdout);
  assert.ok(
    report.findings.some((f) => f.rule === 'adding-required-column' && f.file === 'db/003_bad.sql'),
    'the readable file is linted',
  );
  assert.ok(
    report.findings.some((f) => f.rule === 'unreadable-file' && f.file.includes('002_broken')),
    JSON.stringify(report.findings.map((f) => [f.rule, f.file])),
  );
});

test('unknown flags, commands and bad flag values exit 2 with a message', () => {
  const dir = tempTree({ 'a.sql': 'SELECT 1;\n' });
  const cases: [string[], RegExp][] = [
    [['lint', 'a.sql', '--formt', 'json'], /unknown option --formt \(did you mean "--format"\?\)/],
    [['lint', 'a.sql', '--format', 'xml'], /--format: expected one of text, json, sarif, github/],
    [['lint', 'a.sql', '--fail-on', 'critical'], /--fail-on: expected one of error, warning, info, never/],
    [['lint', 'a.sql', '--pg-version', 'nine'], /--pg-version: expected a Postgres major version/],
    [['lint', 'a.sql', '--dialect', 'oracle'], /--dialect: expected postgres or sqlite, got "oracle"/],
    [['lint', 'a.sql', '--sqlite-version', 'latest'], /--sqlite-version: expected a SQLite 3 version/],
    [['lint', 'a.sql', '--layout', 'flywya'], /--layout: .*did you mean "flyway"/],
    [['lint', 'a.sql', '--seed-rows', '5'], /--seed-rows does not apply to "lint"/],
    [['lint', 'a.sql', '--framework', 'flask'], /--framework: expected one of alembic, django, rails/],
    [['lint', 'a.sql', '--format'], /--format needs a value/],
    [['lnit', 'a.sql'], /unknown command "lnit" \(did you mean "lint"\?\)/],
    [['verify', 'a.sql', '--seed-rows', '-5'], /--seed-rows/],
    [['verify', 'a.sql', '--database-url', 'mysql://x'], /--database-url: expected a postgres:\/\//],
    [['explain'], /usage: migration-guard explain <rule>/],
    [['lint', 'a.sql', '--color=yes'], /--color takes no value/],
  ];
  for (const [args, message] of cases) {
    const r = cli(args, { cwd: dir });
    assert.equal(r.code, 2, `${args.join(' ')} → ${r.code}: ${r.stderr}`);
    assert.match(r.stderr, message, args.join(' '));
  }
});

test('no arguments prints usage to stderr and exits 2; --help and --version exit 0', () => {
  const dir = tempTree({});
  const none = cli([], { cwd: dir });
  assert.equal(none.code, 2);
  assert.match(none.stderr, /Usage:/);
  const help = cli(['--help'], { cwd: dir });
  assert.equal(help.code, 0);
  for (const word of ['lint', 'verify', 'check', 'rules', 'explain', '--fail-on', '--database-url', '--statement-timeout', 'Exit codes']) assert.ok(help.stdout.includes(word), word);
  const version = cli(['--version'], { cwd: dir });
  assert.equal(version.code, 0);
  assert.equal(version.stdout.trim(), JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
});

test('rules lists the catalogue with configured status; explain prints docs', () => {
  const dir = tempTree({ '.migration-guard.yml': 'rules:\n  adding-required-column: off\n' });
  const r = cli(['rules'], { cwd: dir });
  assert.equal(r.code, 0);
  for (const rule of rules) assert.ok(r.stdout.includes(rule.meta.id), rule.meta.id);
  assert.match(r.stdout, /^adding-required-column\s+error\s+off\s+Adding a NOT NULL column/m);
  const asJson = JSON.parse(cli(['rules', '--format', 'json'], { cwd: dir }).stdout);
  assert.ok(asJson.length >= rules.length, 'every rule is listed'); // rules may be added while tests run
  assert.equal(r.stdout.split('\n').filter((l) => /^[a-z0-9-]+\s+(error|warning|info)\s+(on|off)\s/.test(l)).length, asJson.length);
  assert.equal(asJson.find((e: { id: string }) => e.id === 'adding-required-column').enabled, false);

  const e = cli(['explain', 'adding-required-column'], { cwd: dir });
  assert.equal(e.code, 0);
  for (const part of ['Why', 'Fix', 'Flagged', 'Not flagged', 'ADD COLUMN status text NOT NULL']) assert.ok(e.stdout.includes(part), part);
});

test('explain with an unknown rule exits 2 and suggests close ids', () => {
  const r = cli(['explain', 'adding-required-colum'], { cwd: tempTree({}) });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown rule "adding-required-colum"; did you mean: adding-required-column/);
});

test('verify and check prove up → down → up on PGlite; an unreachable database exits 2', { timeout: 120_000 }, () => {
  const dir = tempTree({
    'db/000001_users.up.sql': 'CREATE TABLE users (id bigint PRIMARY KEY, email text);\n',
    'db/000001_users.down.sql': 'DROP TABLE users;\n',
    'db/000002_status.up.sql': ADD_REQUIRED,
    'db/000002_status.down.sql': 'ALTER TABLE users DROP COLUMN status;\n',
  });
  const r = cli(['check', 'db', '--format', 'json', '--seed-rows', '5'], { cwd: dir });
  assert.equal(r.code, 1, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.equal(report.verification.database.kind, 'pglite');
  assert.deepEqual(
    report.verification.migrations.map((m: { id: string }) => m.id),
    ['000001_users', '000002_status'],
  );
  const status = report.verification.migrations[1];
  assert.equal(status.up.ok, true, 'applies to empty tables');
  assert.equal(status.dataCheck.failsWithData, true, 'fails once users has rows');
  assert.ok(
    report.findings.some((f: { rule: string }) => f.rule === 'adding-required-column'),
    'check also lints',
  );
  assert.match(r.stderr, /database: pglite/);

  const v = cli(['verify', 'db', '--format', 'json', '--seed-rows', '5'], { cwd: dir });
  const only = JSON.parse(v.stdout);
  assert.ok(only.verification.migrations.length === 2);
  assert.ok(!only.findings.some((f: { rule: string }) => f.rule === 'adding-required-column'), 'verify alone does not lint');

  const text = cli(['verify', 'db', '--seed-rows', '5'], { cwd: dir }).stdout;
  assert.match(text, /^verify: pglite \(PostgreSQL [\d.]+/m);

  const down = cli(['verify', 'db', '--database', 'url', '--database-url', 'postgres://u:secret@127.0.0.1:1/x'], { cwd: dir });
  assert.equal(down.code, 2);
  assert.match(down.stderr, /could not connect/);
  assert.doesNotMatch(down.stderr, /secret/, 'the password is not printed');
});

test('ignore globs in the config skip files', () => {
  const dir = tempTree({ 'db/001.sql': ADD_REQUIRED, 'db/legacy/002.sql': ADD_REQUIRED, '.migration-guard.yml': 'ignore:\n  - "db/001.sql"\n' });
  // The placeholder layout only reads the top folder; ignore is checked on what discovery returns.
  const r = json(cli(['lint', 'db', '--format', 'json', '--fail-on', 'never'], { cwd: dir }).stdout);
  assert.ok(!r.findings.some((f) => f.file === 'db/001.sql'), 'ignored file has no findings');
  assert.ok(!r.migrations.some((m) => m.id.startsWith('001')), 'ignored file is not a migration');
});

test('the built bin runs (npm run build)', () => {
  execFileSync('node', [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'pipe' });
  const dir = tempTree({ 'a.sql': ADD_REQUIRED });
  const out = execFileSync('node', [join(ROOT, 'bin', 'migration-guard.js'), 'lint', 'a.sql', '--format', 'json', '--fail-on', 'never'], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  assert.ok(JSON.parse(out).findings.some((f: { rule: string }) => f.rule === 'adding-required-column'));
});

test('--base reports only migrations added or changed since the ref', () => {
  const dir = tempTree({ 'db/000001_users.up.sql': ADD_REQUIRED, 'db/000001_users.down.sql': 'ALTER TABLE users DROP COLUMN status;\n' });
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@e', '-c', 'init.defaultBranch=main', ...args], { cwd: dir, stdio: 'pipe' });
  git('init', '-q');
  git('add', '.');
  git('commit', '-qm', 'base');
  writeFileSync(join(dir, 'db', '000002_orders.up.sql'), 'ALTER TABLE orders ADD COLUMN total numeric NOT NULL;\n');
  writeFileSync(join(dir, 'db', '000002_orders.down.sql'), 'ALTER TABLE orders DROP COLUMN total;\n');
  const r = cli(['lint', 'db', '--base', 'HEAD', '--format', 'json'], { cwd: dir });
  assert.equal(r.code, 1, r.stderr);
  const report = json(r.stdout);
  assert.deepEqual(
    report.migrations.map((m) => m.id),
    ['000002_orders'],
  );
  assert.ok(report.findings.length > 0 && report.findings.every((f) => f.file.startsWith('db/000002_orders')), JSON.stringify(report.findings.map((f) => f.file)));
  const all = json(cli(['lint', 'db', '--format', 'json'], { cwd: dir }).stdout);
  assert.equal(all.migrations.length, 2, 'without --base every migration is reported');
  const bad = cli(['lint', 'db', '--base', 'no-such-ref'], { cwd: dir });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /no-such-ref/);
});

test('memory stays bounded: 1500 migrations (≈36 MB of ASTs) lint in a 32 MB heap', { timeout: 120_000 }, () => {
  const cols = Array.from({ length: 60 }, (_, j) => `    col_${j} text NOT NULL DEFAULT 'x${j}'`).join(',\n');
  const files: Record<string, string> = {};
  for (let i = 0; i < 1500; i++) {
    const n = String(i).padStart(6, '0');
    files[`db/${n}_m${i}.sql`] =
      `CREATE TABLE IF NOT EXISTS t_${i} (\n    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n${cols}\n);\nCREATE INDEX IF NOT EXISTS t_${i}_idx ON t_${i} (col_1);\n`;
  }
  files['db/001500_last.sql'] = ADD_REQUIRED;
  const dir = tempTree(files);
  // Each file's AST is ~24 KB of JSON (more as JS objects): holding them all would not fit.
  const r = cli(['lint', 'db', '--format', 'json', '--fail-on', 'never', '-q'], { cwd: dir, nodeArgs: ['--max-old-space-size=32'] });
  assert.equal(r.code, 0, r.stderr.slice(-2000));
  const report = json(r.stdout);
  assert.equal(report.migrations.length, 1501);
  assert.ok(report.findings.some((f) => f.rule === 'adding-required-column' && f.file === 'db/001500_last.sql'));
});
