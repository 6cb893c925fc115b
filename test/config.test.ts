// .migration-guard.yml: defaults, every setting, errors naming the key and line, discovery by walking up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyOverrides, enabledRules, ignoreMatcher } from '../src/config';
import { findConfigFile, loadConfig, parseConfig } from '../src/config-file';
import { closeMatches } from '../src/did-you-mean';
import { globToRegExp } from '../src/glob';
import { UsageError } from '../src/errors';
import { rules } from '../rules/index';
import { ADD_REQUIRED, cli, tempTree } from './cli-helpers';

const parse = (text: string) => parseConfig(text, { file: '/repo/.migration-guard.yml', displayName: '.migration-guard.yml' });

function rejects(text: string, message: RegExp): void {
  assert.throws(
    () => parse(text),
    (err: unknown) => {
      assert.ok(err instanceof UsageError, `expected UsageError, got ${String(err)}`);
      assert.match(err.message, message);
      return true;
    },
  );
}

test('an empty file gives the defaults', () => {
  const c = parse('');
  assert.equal(c.pgVersion, 15);
  assert.equal(c.failOn, 'error');
  assert.equal(c.layout, 'auto');
  assert.deepEqual(c.ignore, []);
  assert.equal(c.verify.database, 'auto');
  assert.equal(c.root, '/repo');
});

test('every documented setting is read', () => {
  const c = parse(`
rules:
  adding-required-column: warning
pgVersion: 13
failOn: warning
ignore:
  - legacy/**
  - "*.down.sql"
assumeInTransaction: true
layout: golang-migrate
paths: [db/migrations]
lintDown: false
deployTogether: false
verify:
  database: url
  databaseUrl: postgres://u:p@localhost:5432/app
  postgresImage: postgres:16-alpine
  seedRows: 500
  statementTimeout: 30000
  setup: CREATE ROLE anon;
  templateVars:
    Namespace: auth
  downs: chain
stats:
  file: ops/prod-stats.json
  thresholds:
    infoBelowRows: 5000
`);
  assert.equal(c.rules['adding-required-column'], 'warning');
  assert.equal(c.pgVersion, 13);
  assert.equal(c.failOn, 'warning');
  assert.deepEqual(c.ignore, ['legacy/**', '*.down.sql']);
  assert.equal(c.assumeInTransaction, true);
  assert.equal(c.layout, 'golang-migrate');
  assert.deepEqual(c.paths, ['db/migrations']);
  assert.equal(c.lintDown, false);
  assert.equal(c.deployTogether, false);
  assert.deepEqual(c.verify, {
    database: 'url',
    databaseUrl: 'postgres://u:p@localhost:5432/app',
    postgresImage: 'postgres:16-alpine',
    seedRows: 500,
    statementTimeout: 30000,
    setup: 'CREATE ROLE anon;',
    templateVars: { Namespace: 'auth' },
    downs: 'chain',
  });
  assert.equal(c.stats.file, '/repo/ops/prod-stats.json');
  assert.deepEqual(c.stats.thresholds, { infoBelowRows: 5000, errorAboveRows: 1_000_000, errorAboveSeconds: 60, busyWritesPerSec: 50 });
});

test('rules: off disables, on enables at the default severity, unquoted YAML off/on too', () => {
  const c = parse('rules:\n  adding-required-column: off\n');
  assert.ok(!enabledRules(c, rules).some((e) => e.rule.meta.id === 'adding-required-column'));
  const d = parse('rules:\n  adding-required-column: info\n');
  assert.equal(enabledRules(d, rules).find((e) => e.rule.meta.id === 'adding-required-column')?.severity, 'info');
  const e = parse('rules:\n  adding-required-column: on\n');
  assert.equal(e.rules['adding-required-column'], 'error');
});

test('dialect and sqliteVersion (YAML may read 3.35 as a number)', () => {
  const c = parse('dialect: sqlite\nsqliteVersion: 3.35\n');
  assert.equal(c.dialect, 'sqlite');
  assert.equal(c.sqliteVersion, '3.35');
  assert.equal(parse('sqliteVersion: "3.31.1"\n').sqliteVersion, '3.31.1');
  assert.equal(parse('failOn: error\n').dialect, undefined, 'unset: postgres unless detected');
});

test('errors name the key and its line', () => {
  rejects('failOn: error\nfailon: warning\n', /^\.migration-guard\.yml:2: failon: unknown setting \(did you mean "failOn"\?\)/);
  rejects('rules:\n  adding-required-colum: off\n', /^\.migration-guard\.yml:2: rules\.adding-required-colum: unknown rule "adding-required-colum" \(did you mean "adding-required-column"\?\)/);
  rejects('rules:\n  adding-required-field: off\n', /rules\.adding-required-field: unknown rule "adding-required-field" \(that is squawk's name; ours: adding-required-column\)/);
  rejects('rules:\n  adding-required-column: fatal\n', /:2: rules\.adding-required-column: expected error, warning, info, off or on, got "fatal"/);
  rejects('pgVersion: 99\n', /:1: pgVersion: expected a Postgres major version from 10 to 18, got 99/);
  rejects('failOn: error\ndialect: mysql\n', /:2: dialect: expected postgres or sqlite, got "mysql"/);
  rejects('sqliteVersion: 3\n', /:1: sqliteVersion: expected a SQLite 3 version such as 3\.35 or 3\.35\.5, got 3/);
  rejects('failOn: critical\n', /:1: failOn: expected one of error, warning, info, never/);
  rejects('ignore: 3\n', /ignore: expected a list of paths or globs/);
  rejects('ignore: ["db/{a,b"]\n', /ignore: bad glob "db\/\{a,b": unclosed \{/);
  rejects('assumeInTransaction: yes please\n', /assumeInTransaction: expected true or false/);
  rejects('layout: rails\n', /layout: expected auto or one of golang-migrate/);
  rejects('verify:\n  seedRows: -1\n', /:2: verify\.seedRows: expected a whole number from 0/);
  rejects('verify:\n  database: docker\n', /verify\.database: expected one of auto, pglite, local, container, url/);
  rejects('verify:\n  databaseUrl: mysql://u:secret@h/db\n', /verify\.databaseUrl: expected a postgres:\/\/ .*mysql:\/\/u:\*\*\*@h\/db/);
  rejects('verify:\n  timeout: 5\n', /:2: verify\.timeout: unknown setting/);
  rejects('- a\n- b\n', /the config must be a mapping/);
  rejects('failOn: [unclosed\n', /invalid YAML/);
});

test('flags override the file', () => {
  const c = applyOverrides(parse('failOn: warning\npgVersion: 13\nverify:\n  seedRows: 5\n'), { failOn: 'never', verify: { seedRows: 9 }, pgVersion: undefined });
  assert.equal(c.failOn, 'never');
  assert.equal(c.pgVersion, 13, 'an undefined override keeps the file value');
  assert.equal(c.verify.seedRows, 9);
  assert.equal(c.verify.database, 'auto');
});

test('the config is found by walking up from the cwd, stopping at the repository root', () => {
  const dir = tempTree({ 'repo/.migration-guard.yml': 'failOn: info\n', 'repo/db/sub/x.sql': 'SELECT 1;\n' });
  mkdirSync(join(dir, 'repo', '.git'));
  assert.equal(findConfigFile(join(dir, 'repo', 'db', 'sub')), join(dir, 'repo', '.migration-guard.yml'));
  assert.equal(loadConfig({ cwd: join(dir, 'repo', 'db') }).failOn, 'info');
  const inner = join(dir, 'repo', 'inner');
  mkdirSync(join(inner, '.git'), { recursive: true });
  assert.equal(findConfigFile(inner), undefined, 'a nested repository does not use the outer config');
  assert.throws(() => loadConfig({ cwd: dir, file: 'missing.yml' }), /config file not found: missing\.yml/);
});

test('globs: *, **, {a,b}, bare names match at any depth, folders cover their files', () => {
  assert.ok(globToRegExp('db/*.sql').test('db/1.sql'));
  assert.ok(!globToRegExp('db/*.sql').test('db/x/1.sql'));
  assert.ok(globToRegExp('db/**/*.sql').test('db/x/y/1.sql'));
  assert.ok(globToRegExp('db/**/*.sql').test('db/1.sql'));
  assert.ok(globToRegExp('*.down.sql').test('a/b/1.down.sql'));
  assert.ok(globToRegExp('db/{a,b}/*').test('db/b/x'));
  assert.ok(!globToRegExp('db/{a,b}/*').test('db/c/x'));
  const ignored = ignoreMatcher({ ignore: ['legacy', 'db/000?_*.sql'], root: '/r' });
  assert.ok(ignored('/r/legacy/001.sql'));
  assert.ok(ignored('/r/db/0001_init.sql'));
  assert.ok(!ignored('/r/db/0010_init.sql'));
  assert.ok(!ignored('/elsewhere/legacy/001.sql'));
});

test('CLI: a config error exits 2 naming the key; --config picks a file', () => {
  const dir = tempTree({ 'a.sql': ADD_REQUIRED, '.migration-guard.yml': 'rules:\n  no-such-rule: off\n', 'ci.yml': 'failOn: never\n' });
  const r = cli(['lint', 'a.sql'], { cwd: dir });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /\.migration-guard\.yml:2: rules\.no-such-rule: unknown rule "no-such-rule"/);
  assert.equal(r.stdout, '');
  const ok = cli(['lint', 'a.sql', '--config', 'ci.yml'], { cwd: dir });
  assert.equal(ok.code, 0, ok.stderr);
  const missing = cli(['lint', 'a.sql', '--config', 'nope.yml'], { cwd: dir });
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /config file not found: nope\.yml/);
  writeFileSync(join(dir, 'bad.yml'), 'pgVersion: 15\n  failOn: x\n');
  assert.match(cli(['lint', 'a.sql', '--config', 'bad.yml'], { cwd: dir }).stderr, /bad\.yml:\d+: invalid YAML/);
});

test('close matches for suggestions', () => {
  const ids = ['dropping-column', 'renaming-column', 'prefer-bigint', 'adding-required-column', 'missing-lock-timeout'];
  assert.equal(closeMatches('drop-column', ids)[0], 'dropping-column');
  assert.equal(closeMatches('adding-required-colum', ids)[0], 'adding-required-column');
  assert.deepEqual(closeMatches('bigint', ids), ['prefer-bigint']);
  assert.deepEqual(closeMatches('lock-timeout', ids), ['missing-lock-timeout']);
  assert.deepEqual(closeMatches('xyz', ids), []);
});
