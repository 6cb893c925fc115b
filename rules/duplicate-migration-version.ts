import { defineDiagnostic } from '../src/lint/rule';

/** Raised by src/migrations/discover.ts: two migrations in one set share a version. */
export default defineDiagnostic({
  id: 'duplicate-migration-version',
  severity: 'error',
  stage: 'history',
  summary: 'Two migrations share the same version',
  why: 'Migration tools identify a migration by its version (the number or timestamp in its name; for Flyway the dotted version, `V1_2` equals `V1.2`). Two migrations with one version are typically two branches that picked the same number: golang-migrate and goose refuse to start ("duplicate migration version"), Flyway fails validation, and tools that do start record only one of them, so the other never runs. Checked on every run, no base ref needed; leading zeros do not make versions different.',
  fix: 'Give the newer migration a fresh version that sorts after every existing one (regenerate its timestamp or take the next number), e.g. rename `000012_add_status.up.sql` to `000031_add_status.up.sql` together with its down.',
  examples: { bad: [], good: [] },
});
