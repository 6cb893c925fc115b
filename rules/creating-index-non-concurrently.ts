import { defineRule } from '../src/lint/rule';
import { relationName } from '../src/sql/ast';

/** CREATE INDEX without CONCURRENTLY blocks all writes to the table while it builds. */
export default defineRule({
  meta: {
    id: 'creating-index-non-concurrently',
    severity: 'error',
    work: 'index-build',
    summary: 'Creating an index on an existing table without CONCURRENTLY',
    why: 'CREATE INDEX takes a SHARE lock on the table for the whole build (checked on PostgreSQL 15 and 18 in pg_locks): reads go on, but every INSERT, UPDATE and DELETE waits until the index is built, which on a large table takes minutes. CREATE INDEX CONCURRENTLY takes SHARE UPDATE EXCLUSIVE instead, so writes continue. Indexes on tables created earlier in the same migration are not reported: the table is empty and no one else can see it yet. Nor is `CREATE INDEX … ON ONLY parent`, the first step of indexing a partitioned table, which builds nothing.',
    fix: 'Build it concurrently, outside a transaction block (most frameworks need a per-migration "no transaction" marker):\n\n```sql\n-- a failed build leaves an INVALID index, which IF NOT EXISTS keeps:\nDROP INDEX CONCURRENTLY IF EXISTS orders_customer_id_idx;\nCREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_id_idx ON orders (customer_id);\n```\nA partitioned table cannot be indexed concurrently as a whole: `CREATE INDEX … ON ONLY parent`, then `CREATE INDEX CONCURRENTLY` on each partition and `ALTER INDEX parent_idx ATTACH PARTITION part_idx`.',
    examples: {
      bad: ['CREATE INDEX orders_customer_id_idx ON orders (customer_id);', 'CREATE UNIQUE INDEX IF NOT EXISTS users_email_key ON public.users (lower(email));'],
      good: [
        'CREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id);',
        'CREATE INDEX measurements_at_idx ON ONLY measurements (at);',
        'CREATE TABLE orders (id bigint, customer_id bigint);\nCREATE INDEX orders_customer_id_idx ON orders (customer_id);',
        'CREATE MATERIALIZED VIEW totals AS SELECT 1 AS id;\nCREATE UNIQUE INDEX totals_id ON totals (id);',
      ],
    },
    squawk: ['require-concurrent-index-creation'],
  },
  create: ({ report }) => ({
    IndexStmt(n, statement, ctx) {
      if (n.concurrent || ctx.isNew(n.relation?.relname)) return;
      // ON ONLY (relation.inh false): the partitioned-table recipe; it only creates an invalid parent index, no build.
      if (n.relation && n.relation.inh !== true) return;
      const index = n.idxname ? `Index "${n.idxname}"` : 'An index';
      report({
        message: `${index} is created on ${relationName(n.relation)} without CONCURRENTLY: writes to ${relationName(n.relation)} are blocked (SHARE lock) until the build finishes.`,
      });
    },
  }),
});
