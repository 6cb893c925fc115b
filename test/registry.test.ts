// The rule registry as a whole: ids unique and equal to their file names, lint rules
// (and only they) have a visitor, every rule documented. The examples themselves
// run in test/rules.test.ts; positions in test/lint/rule-cases.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rules } from '../rules/index';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

test('rule ids are unique and each equals its file name in rules/', async () => {
  const ids = rules.map((r) => r.meta.id);
  assert.equal(new Set(ids).size, ids.length, 'duplicate ids');
  const files = readdirSync(join(root, 'rules')).filter((f) => f.endsWith('.ts') && f !== 'index.ts');
  assert.equal(files.length, rules.length);
  for (const file of files) {
    const mod = (await import(join(root, 'rules', file))) as { default: { meta: { id: string } } };
    assert.equal(mod.default.meta.id, file.slice(0, -3), `rules/${file} exports the rule ${mod.default.meta.id}`);
  }
});

test('lint rules have a visitor; verify, history and engine diagnostics do not', () => {
  for (const { meta, create, createSqlite } of rules) {
    const stage = meta.stage ?? 'lint';
    const visitor = meta.dialect === 'sqlite' ? createSqlite : create;
    assert.equal(typeof visitor === 'function', stage === 'lint', `${meta.id} (${stage})`);
    assert.ok(!(create && createSqlite), `${meta.id} has one dialect`);
  }
});

test('every rule has its page in docs/rules/', () => {
  for (const { meta } of rules) assert.ok(existsSync(join(root, 'docs', 'rules', `${meta.id}.md`)), `docs/rules/${meta.id}.md`);
});

test('message templates are used by id and fill every placeholder', async () => {
  const { reportMessage } = await import('../src/lint/rule');
  const meta = { ...rules[0]!.meta, messages: { dropped: 'Column "{{column}}" of {{table}} is dropped' } };
  assert.equal(reportMessage(meta, { messageId: 'dropped', data: { column: 'a', table: 't' } }), 'Column "a" of t is dropped');
  assert.throws(() => reportMessage(meta, { messageId: 'nope' }), /has no message "nope"/);
});
