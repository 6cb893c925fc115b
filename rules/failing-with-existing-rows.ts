import { defineDiagnostic } from '../src/lint/rule';

/** Raised by src/verify: the up applies to empty tables but fails once they hold rows. */
export default defineDiagnostic({
  id: 'failing-with-existing-rows',
  severity: 'error',
  stage: 'verify',
  summary: 'The up migration fails once the existing tables hold rows',
  why: 'Before each migration verify fills every empty table with synthetic rows (`--seed-rows`, default 100) that respect types, NOT NULLs, uniques, simple checks and foreign keys. This up succeeded on empty tables but failed with those rows present, which is what production will do: a NOT NULL column added without a DEFAULT, a UNIQUE or CHECK constraint the existing rows violate, a cast that some values cannot take, an UPDATE that breaks a constraint.',
  fix: "Make the change safe for existing rows: give a new NOT NULL column a DEFAULT (constant defaults are instant since PG 11), or add it nullable, backfill, then set NOT NULL; clean or backfill data before adding a constraint; use an explicit `USING` expression for type changes.\n\n```sql\nALTER TABLE users ADD COLUMN plan text NOT NULL DEFAULT 'free';\n```",
  examples: { bad: [], good: [] },
});
