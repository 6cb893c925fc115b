import { defineDiagnostic } from '../src/lint/rule';

/** Raised by the lint engine: an ignore comment that silenced nothing. */
export default defineDiagnostic({
  id: 'unused-suppression',
  severity: 'warning',
  stage: 'engine',
  summary: 'An ignore comment that silences nothing',
  why: 'A `-- migration-guard-ignore rule-id` comment applies to the statement right after it (however many lines it spans, including statements inside a DO block or function body); `-- migration-guard-ignore-file [rule-id …]` applies to the whole file. When the rule no longer reports anything there (the statement moved, was fixed, or the id is misspelt), the comment silences nothing today but will hide a real problem later, and readers believe a hazard was reviewed that is not there. Ids the configuration turns off are not reported, and `-- squawk-ignore` comments are never reported (squawk may still be run, and it has rules this tool does not).',
  fix: 'Remove the comment, fix the rule id (`migration-guard rules` lists them), or move the comment to the line directly above the statement it is meant for:\n\n```sql\n-- migration-guard-ignore dropping-table: unused since v2\nDROP TABLE old_events;\n```',
  examples: { bad: [], good: [] },
});
