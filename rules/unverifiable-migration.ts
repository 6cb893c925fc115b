import { defineDiagnostic } from '../src/lint/rule';

/** Raised by discovery and verify: a migration migration-guard cannot run (a goose migration written in Go). */
export default defineDiagnostic({
  id: 'unverifiable-migration',
  severity: 'warning',
  stage: 'verify',
  summary: 'A migration migration-guard cannot lint or run (e.g. a goose migration written in Go)',
  why: "goose applies migrations written in Go (`goose.AddMigration` in `<version>_<name>.go`) in the same version order as its SQL files. migration-guard reads SQL: it cannot lint such a migration, and verify cannot apply it, so the throwaway database lacks whatever it does. Rather than skip it in silence (and let the next migration's failure look like that migration's fault), the migration is named: verify goes on with the later migrations, and a failure among them says that this migration did not run before it.",
  fix: 'Review the Go migration by hand. If a later migration fails in verify because of it (a table or column it creates), either move that schema change into SQL, or give verify the objects it creates with `verify.setup` SQL, so the migrations after it can be proved.',
  examples: { bad: [], good: [] },
});
