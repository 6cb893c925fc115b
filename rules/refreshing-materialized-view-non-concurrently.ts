import { defineRule } from '../src/lint/rule';
import { relationName } from '../src/sql/ast';

/** REFRESH MATERIALIZED VIEW without CONCURRENTLY blocks reads of the view until the query finishes. */
export default defineRule({
  meta: {
    id: 'refreshing-materialized-view-non-concurrently',
    severity: 'warning',
    work: 'rewrite',
    summary: 'Refreshing a materialized view without CONCURRENTLY',
    why: "REFRESH MATERIALIZED VIEW re-runs the view's query and replaces its contents while holding ACCESS EXCLUSIVE on the view (checked on PostgreSQL 15 and 18 in pg_locks): every query that reads the view waits for the whole refresh. `WITH NO DATA` empties it, and reads then fail until the next refresh. REFRESH … CONCURRENTLY takes EXCLUSIVE instead, which lets reads continue. Views created in the same migration are not reported.",
    fix: 'Give the view a unique index (required once), then refresh concurrently outside a transaction block:\n\n```sql\nCREATE UNIQUE INDEX CONCURRENTLY order_totals_day ON order_totals (day);\nREFRESH MATERIALIZED VIEW CONCURRENTLY order_totals;\n```',
    examples: {
      bad: ['REFRESH MATERIALIZED VIEW order_totals;', 'REFRESH MATERIALIZED VIEW reporting.order_totals WITH NO DATA;'],
      good: ['REFRESH MATERIALIZED VIEW CONCURRENTLY order_totals;', 'CREATE MATERIALIZED VIEW order_totals AS SELECT 1 AS day WITH NO DATA;\nREFRESH MATERIALIZED VIEW order_totals;'],
    },
  },
  create: ({ report }) => ({
    RefreshMatViewStmt(n, statement, ctx) {
      if (n.concurrent) return;
      const view = relationName(n.relation);
      if (!view || ctx.isNew(view)) return;
      report({
        message: n.skipData
          ? `REFRESH MATERIALIZED VIEW ${view} WITH NO DATA empties the view under ACCESS EXCLUSIVE; reads fail until it is refreshed again.`
          : `REFRESH MATERIALIZED VIEW ${view} without CONCURRENTLY blocks every read of ${view} until the refresh finishes.`,
      });
    },
  }),
});
