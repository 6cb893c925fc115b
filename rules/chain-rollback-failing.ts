import { defineDiagnostic } from '../src/lint/rule';

/** Raised by src/verify: reverting the changed migrations newest first fails or does not restore the schema. */
export default defineDiagnostic({
  id: 'chain-rollback-failing',
  severity: 'error',
  stage: 'verify',
  summary: 'Rolling the changed migrations back as a chain fails or leaves a different schema',
  why: "Rolling a deploy back runs the downs of its migrations newest first (`migrate down N`), each on the schema the previous down left. After the up → down → up cycle of each migration, verify reverts the changed migrations that way and compares the schema after each down with the schema before that migration's up. Each down can pass on its own and still fail in the chain: a down meets rows that were put into tables created after its up, or one down removes what an older down expects to find. This finding is raised only when the migration's own cycle did not already report the same failure (then its down-failing or down-not-restoring-schema finding says that the chain stops there too).\n\nThe opposite also happens and is not this finding: some projects write downs that are offset by one (each down undoes the next migration's up), so every single-step cycle fails while the whole chain works. Their down-failing findings then say that reverting the whole chain works and that only a rollback of that one migration fails.\n\nThe chain is the trailing run of changed migrations (with `--base`, the ones the pull request adds; without it, all of them): a rollback of the deploy stops at the migrations already in production. A migration without a down file ends the chain without a finding (`missing-down` covers it); an empty down file is a step that does nothing.",
  fix: 'Make each down the exact reverse of its own up, so any number of them can be run newest first:\n\n```sql\n-- 0002 up\nALTER TABLE users ADD COLUMN plan text;\n-- 0002 down (undoes 0002, not 0003)\nALTER TABLE users DROP COLUMN plan;\n```\n\nWhen a down fails only because of rows, make it tolerate them (drop the constraint before deleting the column it checks, add columns back nullable).',
  examples: { bad: [], good: [] },
});
