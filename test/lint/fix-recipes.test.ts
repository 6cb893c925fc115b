// The recipes our fixes recommend must not trip our own rules: each ```sql block of a
// rule's fix, linted alone, raises none of the rules that judge a single file's own
// hygiene (a recipe spread over several releases may still raise the rule it is about).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rules } from '../../rules/index';
import { lintSql } from '../helpers';

/** Rules a ready-to-paste recipe must never raise. */
const HYGIENE = ['leaking-session-setting', 'syntax-error', 'locking-table-outside-transaction', 'uncommitted-transaction', 'transaction-nesting', 'concurrently-in-transaction'];

for (const rule of rules.filter((r) => (r.meta.dialect ?? 'postgres') === 'postgres')) {
  const blocks = [...rule.meta.fix.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]);
  if (!blocks.length) continue;
  test(`${rule.meta.id}: its fix's SQL raises none of ${HYGIENE.join(', ')}`, async () => {
    for (const sql of blocks) {
      const hits = (await lintSql(sql)).filter((f) => HYGIENE.includes(f.rule));
      assert.deepEqual(
        hits.map((f) => `${f.rule} line ${f.line}: ${f.message}`),
        [],
        sql,
      );
    }
  });
}

test('the concurrent-index recipes drop an INVALID leftover before CREATE … IF NOT EXISTS (the retry trap)', async () => {
  for (const id of ['creating-index-non-concurrently', 'concurrently-in-transaction']) {
    const fix = rules.find((r) => r.meta.id === id)!.meta.fix;
    const sql = [...fix.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]).join('\n');
    assert.match(sql, /DROP INDEX CONCURRENTLY IF EXISTS/, id);
    assert.deepEqual(
      (await lintSql(sql)).filter((f) => f.rule === 'prefer-robust-statements').map((f) => f.message),
      [],
      id,
    );
  }
});
