import { defineDiagnostic } from '../src/lint/rule';

/** Raised by src/verify: after up then down, the schema differs from before the up. */
export default defineDiagnostic({
  id: 'down-not-restoring-schema',
  severity: 'error',
  stage: 'verify',
  summary: 'The down migration does not restore the schema the up started from',
  why: 'verify snapshots the catalogs (tables, columns with type, nullability, default, identity, generation and collation, constraints, indexes, sequences, views, functions, triggers, enum labels, domains, extensions, comments, RLS policies) before the up and after the down, and lists every difference. A down that leaves an index, a type or a default behind, or restores a column with another type, means that after a rollback the database is not the one the previous release expects; the next up may fail or behave differently. A change of column order alone is listed but not raised.',
  fix: 'Undo every change of the up in the down, including the easily forgotten ones: indexes, enum types, defaults, constraints, comments, and the exact previous column type.\n\n```sql\n-- up\nCREATE INDEX users_email_idx ON users (email);\nALTER TABLE users ALTER COLUMN legacy TYPE bigint;\n-- down\nALTER TABLE users ALTER COLUMN legacy TYPE integer;\nDROP INDEX users_email_idx;\n```',
  examples: { bad: [], good: [] },
});
