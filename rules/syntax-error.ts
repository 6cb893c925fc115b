import { defineDiagnostic } from '../src/lint/rule';

/** Raised by the lint engine: a statement the Postgres parser rejects. */
export default defineDiagnostic({
  id: 'syntax-error',
  severity: 'error',
  stage: 'engine',
  summary: 'A statement Postgres cannot parse',
  why: 'The statement is rejected by the real Postgres parser (libpg_query, the PostgreSQL 18 grammar), so the migration fails at this line when it is applied and nothing after it runs. The statement cannot be checked for hazards either; the statements before and after it still are. An unterminated quote, quoted identifier, dollar quote or block comment swallows the rest of the file: the finding says which lines could not be linted. An error inside a LANGUAGE sql function body is reported too, because Postgres checks those bodies when the function is created.',
  fix: "Fix the SQL at the reported line and column (the message is Postgres' own), then run the migration against a scratch database (`migration-guard verify`). If the file is a template or uses psql meta-commands, keep the placeholders in the `${name}` or `{{ … }}` form and the meta-commands on their own lines so they can be recognised and skipped.",
  examples: { bad: [], good: [] },
  squawk: ['syntax-error'],
});
