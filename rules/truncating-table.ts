import { defineRule } from '../src/lint/rule';
import { as, relationName } from '../src/sql/ast';
import { isNewTable } from '../src/lint/created';

/** TRUNCATE on a table that existed before this migration. */
export default defineRule({
  meta: {
    id: 'truncating-table',
    severity: 'error',
    work: 'lock',
    summary: 'Truncating a table',
    why: 'TRUNCATE deletes every row at once and no down migration can bring them back. It takes an ACCESS EXCLUSIVE lock (blocking even reads) and is not MVCC-safe: concurrent transactions that started earlier see the table as empty once it commits. With CASCADE it also empties every table that references it by foreign key, recursively, which is easy to miss in review; RESTART IDENTITY resets sequences so new ids may collide with ids kept elsewhere. A table created earlier in the same migration is not flagged.',
    fix: 'If the rows really must go, delete them in batches (which keeps other sessions working, fires triggers and respects foreign keys), or drop the table once nothing uses it. Never rely on CASCADE to find the dependent tables for you; list them:\n\n```sql\n-- repeat until it deletes 0 rows, one transaction per batch\nDELETE FROM sessions\nWHERE id IN (SELECT id FROM sessions ORDER BY id LIMIT 5000);\n```',
    examples: {
      bad: ['TRUNCATE sessions;', 'TRUNCATE TABLE ONLY public.orders, order_items RESTART IDENTITY CASCADE;'],
      good: ['CREATE TABLE import_buffer (line text); TRUNCATE import_buffer;', 'DELETE FROM sessions WHERE id IN (SELECT id FROM sessions ORDER BY id LIMIT 5000);'],
    },
    squawk: ['ban-truncate-cascade'],
  },
  create: ({ report }) => ({
    TruncateStmt(node, _statement, ctx) {
      const tables = (node.relations ?? []).map((r) => relationName(as(r, 'RangeVar'))).filter((t): t is string => !!t);
      const existing = tables.filter((t) => !isNewTable(ctx, t));
      if (existing.length === 0) return;
      const cascade = node.behavior === 'DROP_CASCADE' ? ` CASCADE also empties every table that references ${existing.length > 1 ? 'them' : 'it'} by foreign key, recursively.` : '';
      report({
        message: `TRUNCATE deletes every row of ${existing.join(', ')} under an ACCESS EXCLUSIVE lock; the data cannot be restored by a rollback migration.${cascade}`,
      });
    },
  }),
});
