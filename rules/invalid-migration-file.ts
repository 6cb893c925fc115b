import { defineDiagnostic } from '../src/lint/rule';

/** Raised by src/migrations (the goose layout): a file the migration tool would refuse to run. */
export default defineDiagnostic({
  id: 'invalid-migration-file',
  severity: 'error',
  stage: 'engine',
  summary: 'The migration tool would refuse this file',
  why: 'Some tools parse their own markers before any SQL reaches Postgres, and stop the deploy on a file they cannot read. goose, for example, rejects a file without a `-- +goose Up` line, SQL before it, a second `-- +goose Up`, `-- +goose Down` before `Up`, a `StatementBegin` never closed by `StatementEnd`, and any comment line holding `+goose` that is not exactly one of its annotations (`Up`, `Down`, `StatementBegin`, `StatementEnd`, `NO TRANSACTION`, `ENVSUB ON`, `ENVSUB OFF`, in any case) or that is indented. The statements of such a file are still linted as the section markers suggest, but the file will not deploy.',
  fix: 'Write the markers the way the tool reads them, each alone on its own line at the start of the line:\n\n```sql\n-- +goose Up\n-- +goose StatementBegin\nCREATE FUNCTION touch() RETURNS trigger AS $$ BEGIN NEW.updated_at = now(); RETURN NEW; END $$ LANGUAGE plpgsql;\n-- +goose StatementEnd\n\n-- +goose Down\nDROP FUNCTION touch();\n```',
  examples: { bad: [], good: [] },
});
