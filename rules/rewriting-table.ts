import { defineDiagnostic } from '../src/lint/rule';

/** Raised by src/verify: a statement rewrote an existing table (its relfilenode changed). */
export default defineDiagnostic({
  id: 'rewriting-table',
  severity: 'warning',
  work: 'rewrite',
  stage: 'verify',
  summary: 'A statement rewrites an existing table',
  why: "verify records each table's file (relfilenode) before and after every statement of the up. A changed file means Postgres copied every row into a new file, holding ACCESS EXCLUSIVE on the table for the whole copy: on a large table reads and writes stop for minutes. This is observed, not guessed, so it also catches rewrites hidden in DO blocks or functions. Typical causes: a column type change that is not binary-compatible (int → bigint), a volatile default, SET LOGGED/UNLOGGED, VACUUM FULL, CLUSTER.",
  fix: 'Avoid the rewrite: for a type change, add a new column, backfill in batches, switch over, then drop the old one; for defaults, use a constant default (instant on PG 11+).\n\n```sql\nALTER TABLE payments ADD COLUMN amount_big bigint;\n-- backfill in batches, keep in sync with a trigger, then swap the columns\n```',
  examples: { bad: [], good: [] },
});
