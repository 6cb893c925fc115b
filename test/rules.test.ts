// One test drives every rule's documented examples: each bad example must raise
// the rule, no good example may.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rules } from '../rules/index';
import { lintSql, lintSqliteSql } from './helpers';

for (const rule of rules) {
  const { id, examples, exampleContext } = rule.meta;
  const lint = async (sql: string) => (rule.meta.dialect === 'sqlite' ? lintSqliteSql(sql, exampleContext) : lintSql(sql, exampleContext));
  test(`${id}: metadata is complete`, () => {
    assert.match(id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
    for (const key of ['summary', 'why', 'fix'] as const) assert.ok(rule.meta[key].trim().length > 10, `${id}.${key} is empty`);
    assert.ok(['error', 'warning', 'info'].includes(rule.meta.severity));
    if ((rule.meta.stage ?? 'lint') === 'lint') assert.ok(examples.bad.length > 0 && examples.good.length > 0, `${id} needs bad and good examples`);
  });
  examples.bad.forEach((sql, i) => {
    test(`${id}: bad example ${i + 1} raises it`, async () => {
      const findings = await lint(sql);
      assert.ok(
        findings.some((f) => f.rule === id),
        `expected ${id} on:\n${sql}\ngot: ${JSON.stringify(findings.map((f) => f.rule))}`,
      );
    });
  });
  examples.good.forEach((sql, i) => {
    test(`${id}: good example ${i + 1} does not raise it`, async () => {
      const findings = await lint(sql);
      const hits = findings.filter((f) => f.rule === id);
      assert.deepEqual(hits, [], `unexpected ${id} on:\n${sql}`);
    });
  });
}
