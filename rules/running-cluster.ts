import { defineRule } from '../src/lint/rule';
import { relationName } from '../src/sql/ast';

/** CLUSTER rewrites the table in index order under ACCESS EXCLUSIVE. */
export default defineRule({
  meta: {
    id: 'running-cluster',
    severity: 'error',
    work: 'rewrite',
    summary: 'Running CLUSTER in a migration',
    why: 'CLUSTER rewrites the whole table and all its indexes in index order while holding ACCESS EXCLUSIVE (checked on PostgreSQL 15 and 18: new relfilenodes for the table and its indexes, ACCESS EXCLUSIVE in pg_locks): no reads or writes until it finishes. Without a table name it re-clusters every previously clustered table. The order is not maintained for new rows, so it would have to be repeated anyway.',
    fix: "Leave physical reordering to an operator, outside the deploy, with an online tool:\n\n```sql\n-- shell: pg_repack --table=orders --order-by=created_at mydb\n-- or, in a maintenance window with a bounded wait:\nSET lock_timeout = '5s';\nCLUSTER orders USING orders_created_at_idx;\nRESET lock_timeout;\n```",
    examples: {
      bad: ['CLUSTER orders USING orders_created_at_idx;', 'CLUSTER orders;', 'CLUSTER;'],
      good: ['CREATE TABLE orders (id int); CREATE INDEX orders_id ON orders (id); CLUSTER orders USING orders_id;', 'ALTER TABLE orders CLUSTER ON orders_created_at_idx;'],
    },
  },
  create: ({ report }) => ({
    ClusterStmt(n, statement, ctx) {
      const table = relationName(n.relation);
      if (table && ctx.isNew(table)) return;
      report({
        message: table
          ? `CLUSTER rewrites ${table} and its indexes under ACCESS EXCLUSIVE: no reads or writes until it finishes.`
          : 'CLUSTER without a table rewrites every previously clustered table under ACCESS EXCLUSIVE.',
      });
    },
  }),
});
