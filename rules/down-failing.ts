import { defineDiagnostic } from '../src/lint/rule';

/** Raised by src/verify: the down migration fails right after its up. */
export default defineDiagnostic({
  id: 'down-failing',
  severity: 'error',
  stage: 'verify',
  summary: 'The down migration fails right after its up',
  why: 'A rollback is only useful if it runs. verify applies the up, then immediately the down, in the same throwaway database; the down failed there, so a rollback in production would fail too, usually in the middle of an incident. Typical causes: dropping objects in the wrong order (a table before the view that uses it), a typo in a name, undoing something the up never did.',
  fix: 'Write the down as the exact reverse of the up, in reverse order, and use the names the up created:\n\n```sql\n-- up\nCREATE TABLE widgets (id int);\nCREATE VIEW widget_ids AS SELECT id FROM widgets;\n-- down\nDROP VIEW widget_ids;\nDROP TABLE widgets;\n```',
  examples: { bad: [], good: [] },
});
