// Ignore comments: statement scope (the whole next statement, embedded ones
// included), file scope, squawk's comments mapped through meta.squawk, and
// unused-suppression. Uses two small rules so the tests do not depend on the
// catalogue, plus the real registry for the squawk mapping.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { initParser } from '../src/sql/parse';
import { lintSource, type EnabledRule } from '../src/lint/engine';
import type { Finding } from '../src/types';
import { defineRule } from '../src/lint/rule';
import { rules } from '../rules/index';
import unusedSuppression from '../rules/unused-suppression';
import syntaxError from '../rules/syntax-error';
import { lintSql } from './helpers';

before(() => initParser());

const meta = (id: string, squawk?: string[]) => ({ id, severity: 'warning' as const, summary: id, why: id, fix: id, examples: { bad: [], good: [] }, squawk });
/** Flags every DROP TABLE. */
const dropRule = defineRule({ meta: meta('no-drop', ['ban-drop-table']), create: ({ report }) => ({ DropStmt: () => report({ message: 'drop' }) }) });
/** Flags every UPDATE, at its own line. */
const updateRule = defineRule({ meta: meta('no-update'), create: ({ report }) => ({ UpdateStmt: () => report({ message: 'update' }) }) });
const registry = [dropRule, updateRule, unusedSuppression, syntaxError];
const enabled: EnabledRule[] = registry.map((rule) => ({ rule, severity: rule.meta.severity }));

function lint(sql: string, on: EnabledRule[] = enabled): Finding[] {
  return lintSource({ source: { file: 'm.sql', text: sql, firstLine: 1 }, transactional: false }, on, registry);
}
const brief = (fs: Finding[]) => fs.map((f) => `${f.rule}@${f.line}`);

test('an ignore covers the whole next statement, however many lines it spans, and only it', () => {
  const sql = '-- migration-guard-ignore no-drop\nDROP TABLE\n  a,\n  b;\nDROP TABLE c;';
  assert.deepEqual(brief(lint(sql)), ['no-drop@5']);
});

test('an ignore before a DO block covers findings on statements inside it', () => {
  const sql = "-- migration-guard-ignore no-update, no-drop\nDO $$\nBEGIN\n  UPDATE users SET a = 1;\n  EXECUTE 'DROP TABLE x';\nEND $$;\nUPDATE users SET a = 2;";
  assert.deepEqual(brief(lint(sql)), ['no-update@7']);
});

test('ids separated by commas or spaces, with a reason after a colon; block comments too', () => {
  assert.deepEqual(brief(lint('-- migration-guard-ignore no-drop no-update: reviewed, table is empty\nDROP TABLE a;')), ['unused-suppression@1']);
  assert.deepEqual(brief(lint('/* migration-guard-ignore no-drop */ DROP TABLE a;')), []);
  assert.match(lint('-- migration-guard-ignore no-drop no-update: reviewed\nDROP TABLE a;')[0]!.message, /no-update silences nothing/);
});

test('ignore-file: with ids only those rules, without ids every rule', () => {
  assert.deepEqual(brief(lint('DROP TABLE a;\n-- migration-guard-ignore-file no-drop\nUPDATE t SET a = 1;\nDROP TABLE b;')), ['no-update@3']);
  assert.deepEqual(brief(lint('-- migration-guard-ignore-file\nDROP TABLE a;\nUPDATE t SET a = 1;\nSELEC 1;')), []);
});

test('an ignore that silences nothing, names an unknown rule or no rule is reported', () => {
  const fs = lint('-- migration-guard-ignore no-drop\nUPDATE t SET a = 1;\n-- migration-guard-ignore no-such-rule\nDROP TABLE a;\n-- migration-guard-ignore\nSELECT 1;\n');
  assert.deepEqual(brief(fs), ['unused-suppression@1', 'no-update@2', 'unused-suppression@3', 'no-drop@4', 'unused-suppression@5']);
  assert.match(fs[0]!.message, /no-drop silences nothing: no such finding on the next statement \(line 2\)/);
  assert.match(fs[2]!.message, /unknown rule id "no-such-rule"/);
  assert.match(fs[4]!.message, /names no rule/);
  assert.equal(fs[0]!.severity, 'warning');
  const file = lint('-- migration-guard-ignore-file no-drop\nSELECT 1;\n-- migration-guard-ignore-file\n');
  assert.deepEqual(brief(file), ['unused-suppression@1', 'unused-suppression@3']);
  assert.match(file[0]!.message, /no-drop silences nothing: no such finding in this file/);
});

test('an ignore for a rule the configuration turns off is not reported', () => {
  const on = enabled.filter((e) => e.rule !== dropRule);
  assert.deepEqual(brief(lint('-- migration-guard-ignore no-drop\nDROP TABLE a;', on)), []);
});

test('ignore-like text inside a string literal or dollar-quoted body is not an ignore', () => {
  const sql = "SELECT '-- migration-guard-ignore no-drop';\nDROP TABLE a;\nDO $$ BEGIN\n-- migration-guard-ignore no-drop\nEXECUTE 'DROP TABLE b';\nEND $$;";
  assert.deepEqual(brief(lint(sql)), ['no-drop@2', 'no-drop@5']);
});

test('a syntax error can be silenced by an ignore right above it', () => {
  assert.deepEqual(brief(lint('-- migration-guard-ignore syntax-error\nSELEC 1;\nSELECT 2;')), []);
  assert.deepEqual(brief(lint("-- migration-guard-ignore syntax-error\nSELECT 'open;\nSELECT 2;")), []);
});

test('squawk-ignore and squawk-ignore-file map squawk names through meta.squawk; unknown squawk names are not reported', () => {
  assert.deepEqual(brief(lint('-- squawk-ignore ban-drop-table\nDROP TABLE a;\nDROP TABLE b;')), ['no-drop@3']);
  assert.deepEqual(brief(lint('-- squawk-ignore-file ban-drop-table, prefer-robust-stmts\nDROP TABLE a;\nDROP TABLE b;')), []);
  assert.deepEqual(brief(lint('-- squawk-ignore ban-drop-table\nSELECT 1;')), [], 'squawk may still be run on the same files');
});

test('with the real registry: squawk names of the catalogue silence our rules', async () => {
  const sql = '-- squawk-ignore ban-drop-table\nDROP TABLE old_events;';
  assert.ok((await lintSql('DROP TABLE old_events;')).some((f) => f.rule === 'dropping-table'));
  assert.ok(!(await lintSql(sql)).some((f) => f.rule === 'dropping-table'));
  const timeouts = await lintSql('-- squawk-ignore-file require-timeout-settings\nALTER TABLE users ADD COLUMN bio text;');
  assert.ok(!timeouts.some((f) => f.rule === 'missing-lock-timeout' || f.rule === 'missing-statement-timeout'));
  assert.ok(rules.some((r) => r.meta.squawk?.includes('transaction-nesting')));
});
