import { defineDiagnostic } from '../src/lint/rule';

/** Raised by src/verify: an unchanged migration does not replay on the throwaway database, so verify goes on without it. */
export default defineDiagnostic({
  id: 'history-not-replaying',
  severity: 'warning',
  stage: 'verify',
  summary: 'Unchanged history does not replay on the throwaway database: verified without it',
  why: "To verify a pull request's migrations, verify first applies the unchanged ones before them. Real histories often assume what the platform provides: roles (`anon`, `authenticated`), extensions, schemas, template placeholders filled at deploy time. When one of them fails here, the failure is not the pull request's doing, so it is a warning, not an error: verify goes on with the migrations after it on a database without its changes, and a changed migration that then fails on an object only that history would have created is reported here too (its own statements were not proved), not as `up-failing`. A changed migration that fails for any other reason is still `up-failing`.",
  fix: 'Give verify what the history assumes, in `.migration-guard.yml` (or the Action\'s `verify-setup` / `template-vars` inputs):\n\n```yaml\nverify:\n  setup: |\n    CREATE SCHEMA auth;\n    CREATE ROLE anon NOLOGIN;\n    CREATE EXTENSION IF NOT EXISTS pgcrypto;\n  templateVars:\n    Namespace: auth   # {{ index .Options "Namespace" }}\n```',
  examples: { bad: [], good: [] },
});
