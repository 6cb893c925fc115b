import { defineDiagnostic } from '../src/lint/rule';

/** Raised by src/frameworks/: captured SQL that no version-table write assigns to a migration. */
export default defineDiagnostic({
  id: 'framework-unsegmented-sql',
  severity: 'warning',
  stage: 'verify',
  summary: 'The framework sent SQL that migration-guard could not attribute to a migration',
  why: "migration-guard cuts what a framework sends into migrations by the framework's writes to its version table (alembic_version, django_migrations, schema_migrations, knex_migrations, migrations, SequelizeMeta, pgmigrations). Schema changes sent after the last write (a post-migrate hook, a seed step in the same command, a migration that failed before being recorded) or a recorded migration whose source file cannot be found are named here rather than dropped: they were not linted or verified.",
  fix: "If the statements come from a hook or seed that runs with migrate, run it outside the migrate command (or accept it). If a migration's source was not found, check that its file is inside the folder passed to migration-guard (framework.cwd may point elsewhere).",
  examples: { bad: [], good: [] },
});
