// The recipes our fixes recommend must not trip our own rules: each ```sql block of a
// rule's fix, linted alone, raises none of the rules that judge a single file's own
// hygiene (a recipe spread over several releases may still raise the rule it is about).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rules } from '../../rules/index';
import { lintSql } from '../helpers';

/** Rules a ready-to-paste recipe must never raise. */
const HYGIENE = ['leaking-session-setting', 'syntax-error', 'locking-table-outside-transaction', 'uncommitted-transaction', 'transaction-nesting'];

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
