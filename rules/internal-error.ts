import { defineDiagnostic } from '../src/lint/rule';

/** Raised by the lint engine: a rule (or the parser) failed unexpectedly. */
export default defineDiagnostic({
  id: 'internal-error',
  severity: 'error',
  stage: 'engine',
  summary: 'migration-guard itself failed on this statement',
  why: 'A rule threw an exception on this statement (a bug in migration-guard, usually an AST shape it did not expect). The other rules still ran on this statement and every rule ran on the others, but this one rule could not decide, so a hazard may be missed here. It is reported as an error so it is not silently lost.',
  fix: 'Report it on the migration-guard issue tracker with the statement and the message. To unblock the pull request meanwhile, review the statement by hand and silence the finding on it:\n\n```sql\n-- migration-guard-ignore internal-error: reviewed by hand\nALTER TABLE orders ADD COLUMN note text;\n```',
  examples: { bad: [], good: [] },
});
