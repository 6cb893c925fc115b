import { defineDiagnostic } from '../src/lint/rule';

/** Raised by src/migrations (golang-migrate, popx and Diesel layouts): a down file whose migration has no up. */
export default defineDiagnostic({
  id: 'down-without-up',
  severity: 'error',
  stage: 'engine', // raised while reading the folder, on every run (not only with --base)
  summary: 'A down migration has no up migration',
  why: 'A down file only makes sense next to the up it undoes. Without one, the tool does something surprising: golang-migrate pairs files by version, and a version whose up file is missing is recorded as applied with nothing run (a rollback later runs the down against a schema that never had its up); Diesel refuses to run any migration at all while its folder holds a migration folder without `up.sql` (`UnknownMigrationFormat`). It usually means the up was renamed, deleted, or given a different version than its down.',
  fix: 'Give the up and the down the same version and name:\n\n```text\n000007_add_orders.up.sql\n000007_add_orders.down.sql\n```\nFor Diesel, `migrations/<version>_<name>/` needs `up.sql` (and optionally `down.sql`). If the down is left over from a deleted migration, delete it too.',
  examples: { bad: [], good: [] },
});
