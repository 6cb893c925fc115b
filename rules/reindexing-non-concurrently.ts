import { defineRule } from '../src/lint/rule';
import { option, relationName } from '../src/sql/ast';

/** REINDEX without CONCURRENTLY blocks writes to the table and reads that use the index. */
export default defineRule({
  meta: {
    id: 'reindexing-non-concurrently',
    severity: 'error',
    work: 'index-build',
    summary: 'REINDEX without CONCURRENTLY',
    why: 'REINDEX rebuilds the index from scratch holding SHARE on the table and ACCESS EXCLUSIVE on the index (checked on PostgreSQL 15 and 18 in pg_locks): every write to the table waits, and so does every query the planner wants to answer with that index, for the whole rebuild. REINDEX … CONCURRENTLY (PostgreSQL 12+) builds a new copy beside the old one and swaps them, taking only SHARE UPDATE EXCLUSIVE. Objects created earlier in the same migration are not reported.',
    fix: 'Rebuild concurrently, outside a transaction block:\n\n```sql\nREINDEX INDEX CONCURRENTLY orders_customer_id_idx;\n-- or every index of a table:\nREINDEX TABLE CONCURRENTLY orders;\n```\nBefore PostgreSQL 12: `CREATE INDEX CONCURRENTLY new_idx …; DROP INDEX CONCURRENTLY old_idx; ALTER INDEX new_idx RENAME TO old_idx;`.',
    examples: {
      bad: ['REINDEX INDEX orders_customer_id_idx;', 'REINDEX TABLE orders;', 'REINDEX (VERBOSE) TABLE orders;'],
      good: [
        'REINDEX INDEX CONCURRENTLY orders_customer_id_idx;',
        'REINDEX (VERBOSE, CONCURRENTLY) TABLE orders;',
        'CREATE TABLE orders (id int); CREATE INDEX orders_id ON orders (id); REINDEX TABLE orders; REINDEX INDEX orders_id;',
      ],
    },
    squawk: ['require-concurrent-reindex'],
  },
  create: ({ report }) => ({
    ReindexStmt(n, statement, ctx) {
      if (option(n.params, 'concurrently')) return;
      const target = relationName(n.relation) ?? n.name;
      if (target && ctx.isNew(target)) return;
      const what = String(n.kind ?? '')
        .replace('REINDEX_OBJECT_', '')
        .toLowerCase();
      report({
        message: `REINDEX ${what}${target ? ` ${target}` : ''} without CONCURRENTLY blocks writes to the table and reads that use the index until the rebuild finishes${ctx.pgVersion < 12 ? ` (REINDEX CONCURRENTLY needs PostgreSQL 12, target: ${ctx.pgVersion}: build a new index CONCURRENTLY and swap)` : ''}.`,
      });
    },
  }),
});
