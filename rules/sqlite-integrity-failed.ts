import { defineDiagnostic } from '../src/lint/rule';

/** Raised by src/verify/sqlite: PRAGMA integrity_check or foreign_key_check found a problem after a step. */
export default defineDiagnostic({
  id: 'sqlite-integrity-failed',
  severity: 'error',
  stage: 'verify',
  dialect: 'sqlite',
  summary: 'SQLite: the database fails its integrity or foreign-key check after the migration',
  why: "verify runs `PRAGMA integrity_check` and `PRAGMA foreign_key_check` after the up, the down and the second up. A foreign-key violation means the migration left child rows pointing at parents that are gone (a rebuild with foreign keys off that dropped or renumbered rows, or rows copied into a table without their parents); SQLite does not check existing rows when foreign keys are turned back on, so the orphans stay until a later write trips over them. An integrity_check failure means the file's structure is damaged (a `writable_schema` edit, an index that no longer matches its table).",
  fix: 'Run `PRAGMA foreign_key_check` inside the migration before COMMIT (after a rebuild with foreign keys off) and fix or delete the rows it lists; copy parents before children. Never edit sqlite_schema by hand; rebuild the table instead.',
  examples: { bad: [], good: [] },
});
