import { defineRule } from '../src/lint/rule';
import { as, nameOf } from '../src/sql/ast';

/** DROP INDEX without CONCURRENTLY takes ACCESS EXCLUSIVE on the index's table. */
export default defineRule({
  meta: {
    id: 'dropping-index-non-concurrently',
    severity: 'warning',
    work: 'lock',
    summary: 'Dropping an index without CONCURRENTLY',
    why: 'DROP INDEX takes ACCESS EXCLUSIVE on the table the index belongs to (checked on PostgreSQL 15 and 18 in pg_locks). The drop itself is quick, but it must first wait for every running query on the table, and while it waits every new query, reads included, queues behind it. DROP INDEX CONCURRENTLY waits for those queries without blocking new ones. Indexes created earlier in the same migration are not reported.',
    fix: 'Drop it concurrently, one index per statement, outside a transaction block:\n\n```sql\nDROP INDEX CONCURRENTLY IF EXISTS orders_customer_id_idx;\n```\nAn index that backs a PRIMARY KEY or UNIQUE constraint must be dropped with its constraint (`ALTER TABLE … DROP CONSTRAINT`), which cannot be done concurrently.',
    examples: {
      bad: ['DROP INDEX orders_customer_id_idx;', 'DROP INDEX IF EXISTS public.a_idx, public.b_idx;'],
      good: [
        'DROP INDEX CONCURRENTLY orders_customer_id_idx;',
        'CREATE INDEX CONCURRENTLY orders_tmp_idx ON orders (id);\nDROP INDEX orders_tmp_idx;',
        'CREATE TABLE t (id int); CREATE INDEX t_id ON t (id); DROP INDEX t_id;',
        'DROP TABLE orders;',
      ],
    },
    squawk: ['require-concurrent-index-deletion'],
  },
  create: ({ report }) => ({
    DropStmt(n, statement, ctx) {
      if (n.removeType !== 'OBJECT_INDEX' || n.concurrent) return;
      const names = (n.objects ?? []).map((o) => nameOf(as(o, 'List')?.items)).filter((name) => name && !ctx.isNew(name));
      if (names.length === 0) return;
      report({
        message: `DROP INDEX ${names.join(', ')} without CONCURRENTLY takes ACCESS EXCLUSIVE on the indexed table: it waits for running queries and blocks all new ones meanwhile.`,
      });
    },
  }),
});
