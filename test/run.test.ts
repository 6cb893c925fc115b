// run(): the one entry both front ends call, on real SQL in temp folders.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rules } from '../rules/index';
import { defaultConfig } from '../src/config';
import { UsageError } from '../src/errors';
import { exitCodeFor, failsOn, run, sortFindings } from '../src/run';
import type { Finding } from '../src/types';
import { defineRule } from '../src/lint/rule';
import { ADD_REQUIRED, tempTree } from './cli-helpers';

const finding = (file: string, line: number, severity: Finding['severity'] = 'error'): Finding => ({
  rule: 'r',
  severity,
  file,
  line,
  column: 1,
  endLine: line,
  endColumn: 2,
  message: 'm',
  help: '',
});

test('run lints every path, files and folders, and reports progress through the callback', async () => {
  const dir = tempTree({ 'a/000001_x.up.sql': ADD_REQUIRED, 'a/000001_x.down.sql': 'SELECT 1;\n', 'b.sql': ADD_REQUIRED });
  const lines: string[] = [];
  const report = await run({ command: 'lint', paths: ['a', 'b.sql'], cwd: dir, progress: (l) => lines.push(l) });
  assert.deepEqual(
    report.migrations.map((m) => [m.id, m.up, m.down]),
    [
      ['000001_x', 'a/000001_x.up.sql', 'a/000001_x.down.sql'],
      ['b', 'b.sql', undefined],
    ],
  );
  assert.equal(report.findings.filter((f) => f.rule === 'adding-required-column').length, 2);
  assert.equal(lines.length, 2);
  assert.match(lines[0]!, /^a: 1 migration \(golang-migrate\)$/);
  assert.equal(report.summary.errors, report.findings.filter((f) => f.severity === 'error').length);
});

test('run: config from the cwd, overrides on top; ignore and lintDown apply', async () => {
  const dir = tempTree({
    '.migration-guard.yml': 'rules:\n  adding-required-column: info\nignore: ["legacy/**"]\nlintDown: false\n',
    'db/000001_x.up.sql': ADD_REQUIRED,
    // nickname, not status: a down dropping the column its own up added is fine.
    'db/000001_x.down.sql': 'ALTER TABLE users DROP COLUMN nickname;\n',
  });
  const report = await run({ command: 'lint', paths: ['db'], cwd: dir });
  assert.equal(report.findings.find((f) => f.rule === 'adding-required-column')?.severity, 'info');
  assert.ok(!report.findings.some((f) => f.file.endsWith('.down.sql')), 'lintDown: false skips downs');
  const over = await run({ command: 'lint', paths: ['db'], cwd: dir, overrides: { rules: { 'adding-required-column': 'off' }, lintDown: true } });
  assert.ok(!over.findings.some((f) => f.rule === 'adding-required-column'));
  assert.ok(over.findings.some((f) => f.file === 'db/000001_x.down.sql' && f.rule === 'dropping-column'));
  const ignored = await run({ command: 'lint', paths: ['db'], cwd: dir, config: { ...defaultConfig(dir), ignore: ['*.up.sql'] } });
  assert.ok(!ignored.findings.some((f) => f.file.endsWith('.up.sql')));
});

test('run: a path that does not exist is a UsageError; no paths means the config paths, else the cwd', async () => {
  const dir = tempTree({ '.migration-guard.yml': 'paths: [db]\n', 'db/1.sql': ADD_REQUIRED });
  await assert.rejects(run({ command: 'lint', paths: ['missing'], cwd: dir }), (e: unknown) => e instanceof UsageError && /path not found: missing/.test(e.message));
  const report = await run({ command: 'lint', cwd: dir });
  assert.deepEqual(
    report.migrations.map((m) => m.up),
    ['db/1.sql'],
  );
});

test('run: a rule that crashes on one file becomes an internal-error finding; other files are still linted', async () => {
  const dir = tempTree({ 'db/1_boom.sql': 'SELECT 1;\n', 'db/2_bad.sql': ADD_REQUIRED });
  const boom = defineRule({
    meta: { id: 'boom', severity: 'error', summary: 'test rule', why: 'test rule why', fix: 'test rule fix', examples: { bad: [], good: [] } },
    create: () => ({
      end(ctx) {
        if (ctx.statements.some((s) => s.sql.startsWith('SELECT'))) throw new Error('kaboom');
      },
    }),
  });
  const report = await run({ command: 'lint', paths: ['db'], cwd: dir, rules: [...rules, boom] });
  const internal = report.findings.find((f) => f.rule === 'internal-error');
  assert.ok(internal, JSON.stringify(report.findings.map((f) => f.rule)));
  assert.equal(internal.file, 'db/1_boom.sql');
  assert.match(internal.message, /kaboom/);
  assert.ok(report.findings.some((f) => f.rule === 'adding-required-column' && f.file === 'db/2_bad.sql'));
});

test('sortFindings: migration order (up, then down), then position', () => {
  const migrations = [
    { id: '1', layout: 'golang-migrate' as const, up: '1.up.sql', down: '1.down.sql', transactional: false, changed: true },
    { id: '2', layout: 'golang-migrate' as const, up: '2.up.sql', transactional: false, changed: true },
  ];
  const sorted = sortFindings([finding('2.up.sql', 1), finding('1.down.sql', 1), finding('x.sql', 1), finding('1.up.sql', 9), finding('1.up.sql', 3)], migrations);
  assert.deepEqual(
    sorted.map((f) => `${f.file}:${f.line}`),
    ['1.up.sql:3', '1.up.sql:9', '1.down.sql:1', '2.up.sql:1', 'x.sql:1'],
  );
});

test('failsOn / exitCodeFor follow the threshold', () => {
  const report = { findings: [finding('a', 1, 'warning')] };
  assert.equal(failsOn(report, 'error'), false);
  assert.equal(failsOn(report, 'warning'), true);
  assert.equal(failsOn(report, 'info'), true);
  assert.equal(exitCodeFor(report, 'never'), 0);
  assert.equal(exitCodeFor({ findings: [] }, 'info'), 0);
  assert.equal(exitCodeFor(report, 'warning'), 1);
});
