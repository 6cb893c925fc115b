import { defineDiagnostic } from '../src/lint/rule';

/** Raised by src/verify: the up fails on the values of the synthetic rows in the existing tables (content-dependent). */
export default defineDiagnostic({
  id: 'rejecting-existing-rows',
  severity: 'warning',
  stage: 'verify',
  summary: 'The up fails on the values in the existing rows (constraint, NOT NULL, cast)',
  why: 'verify fills every existing table with synthetic rows before the up. This up failed because of what those rows hold: a foreign key, CHECK or unique index added (or validated) over them, SET NOT NULL on a column they leave NULL, or a cast/parse of their text (`invalid input syntax`). Synthetic values are not your data, so this is not proof that the deploy fails; it is proof that the step checks or converts every existing row (usually while the table is locked), and that any real row like these fails the migration. Failures that do not depend on the values (a NOT NULL column added without a default) are failing-with-existing-rows instead.',
  fix: 'Find the violating rows before deploying and fix them, or add the constraint without checking old rows and validate it separately (which also avoids the long lock):\n\n```sql\nALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n-- fix or delete orphans, then:\nALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;\n```',
  examples: { bad: [], good: [] },
});
