import { defineDiagnostic } from '../src/lint/rule';

/** Raised by src/migrations/history.ts (`--base`): a migration on the base ref was deleted or renamed. */
export default defineDiagnostic({
  id: 'deleting-applied-migration',
  severity: 'error',
  stage: 'history',
  summary: 'Deleting or renaming a migration that the base branch already has',
  why: "Databases that already applied the migration keep its changes, while new databases never get them, so the schema now depends on when a database was created. Many tools also refuse to run when a migration recorded as applied is missing (goose, Flyway validate, sqitch, popx), and a renamed migration looks like a new one: it is applied a second time and usually fails on objects that already exist. Reported with `--base <ref>`; a rename is recognised when a new migration has the deleted one's exact SQL.",
  fix: "Restore the migration file exactly as it is on the base branch. To undo what it did, add a new migration:\n\n```sql\n-- 000032_drop_legacy_flags.up.sql\nDROP TABLE IF EXISTS legacy_flags;\n```\nTo squash old migrations, do it deliberately in one release, together with the tool's own baseline mechanism.",
  examples: { bad: [], good: [] },
});
