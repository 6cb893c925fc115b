import { defineDiagnostic } from '../src/lint/rule';

/** Raised by src/verify: up then down loses rows or values that existed before the up. */
export default defineDiagnostic({
  id: 'losing-data-on-rollback',
  severity: 'warning',
  stage: 'verify',
  summary: 'Rolling the migration back loses data that existed before it',
  why: 'verify fingerprints every seeded table (row count; per column the non-null count and a hash of the values) before the up and after the down. A column dropped by the up and re-added by the down comes back empty; a type narrowed and widened again truncates values; a table dropped and recreated is empty. The schema may be restored, but the data the previous release relies on is gone, so the rollback is not the safety net it looks like.',
  fix: 'Do destructive changes in a later, separate migration once the new code no longer needs the old data (expand/contract), or copy the data aside and back in the down:\n\n```sql\n-- release 1: stop using users.note, keep the column\n-- release 2 (no rollback needed any more):\nALTER TABLE users DROP COLUMN note;\n```',
  examples: { bad: [], good: [] },
});
