import { defineDiagnostic } from '../src/lint/rule';

/** Raised by the lint engine: text that is not SQL (psql meta-commands, template placeholders) or a body it could not read. */
export default defineDiagnostic({
  id: 'skipped-statement',
  severity: 'info',
  stage: 'engine',
  summary: 'Part of the file is not plain SQL and was skipped or substituted',
  why: 'Some migration files are scripts for psql (`\\set`, `\\i other.sql`, `\\connect`, COPY … FROM stdin data) or templates filled in at deploy time (`${schema}`, `{{ .Namespace }}`, `{{ index .Options "Namespace" }}`, psql variables like `:\'schema\'` after `\\set schema …`). The Postgres parser does not know these, so migration-guard skips meta-command lines, and replaces each placeholder by a neutral identifier of the same length so the statement is still linted with its true positions. A statement that still does not parse after substitution is skipped with this finding instead of a syntax error. The same finding says when a PL/pgSQL body could not be read, so its inner statements were not linted. Nothing here is wrong in itself: it says what was not checked.',
  fix: 'Nothing to fix. To have everything checked, keep psql meta-commands out of migration files and use plain SQL; a file included with `\\i` is not followed, so lint it on its own (`migration-guard lint path/to/file.sql`). Turn the finding off for a project that templates every file with `rules: { skipped-statement: off }` in .migration-guard.yml.',
  examples: { bad: [], good: [] },
});
