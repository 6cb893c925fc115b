import { defineDiagnostic } from '../src/lint/rule';

/** Raised by src/frameworks/: the framework's migrate or rollback command failed, timed out or could not be read. */
export default defineDiagnostic({
  id: 'framework-command-failed',
  severity: 'error',
  stage: 'verify',
  summary: "The framework's own migrate or rollback command failed on the throwaway database",
  why: "With --framework, migration-guard runs the team's own command (alembic upgrade head, manage.py migrate, rails db:migrate, knex migrate:latest, …) against an empty throwaway Postgres, exactly as a deploy would, and captures the SQL it sends. When that command fails, the deploy fails the same way: the message is the framework's own output and, when Postgres refused a statement, Postgres's error and the statement. The migrations the command applied before it failed are still linted; those after it could not be captured.",
  fix: 'Run the same command locally against an empty database (DATABASE_URL) and fix what it reports. If the command needs settings only CI has, pass them with `framework.env` in .migration-guard.yml; if the preset command is not the one the team uses, set `framework.migrate` / `framework.rollback`.',
  examples: { bad: [], good: [] },
});
