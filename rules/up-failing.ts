import { defineDiagnostic } from '../src/lint/rule';

/** Raised by src/verify: the up migration fails on the schema the earlier migrations leave. */
export default defineDiagnostic({
  id: 'up-failing',
  severity: 'error',
  stage: 'verify',
  summary: 'The up migration fails on a database migrated up to it',
  why: 'verify applies every migration in order to a throwaway Postgres (PGlite by default, or the server `--database` names). This up failed there, with the tables empty, so it fails in every environment: a statement names a missing object, a type does not match, the SQL only works on a different Postgres version, or a statement ran past `--statement-timeout`. Nothing after it can be verified, so later migrations are reported as skipped.',
  fix: 'Run the migration against a fresh database migrated to the previous version and fix the statement Postgres names (the finding is on its line). If the failure is a statement timeout, make the statement cheaper or split it. Example: a column added to a table that a later migration creates:\n\n```sql\n-- fails: orders does not exist yet\nALTER TABLE orders ADD COLUMN note text;\n-- fix: move it after the migration that creates orders, or create the table first\n```',
  examples: { bad: [], good: [] },
});
