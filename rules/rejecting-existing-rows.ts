import type { Rule } from '../src/types';

/** Raised by src/verify: a constraint added by the up rejects the synthetic rows in the existing tables. */
const rule: Rule = {
  meta: {
    id: "rejecting-existing-rows",
    severity: 'warning',
    stage: 'verify',
    summary: "A new constraint or unique index rejects the rows already in the table",
    why: "verify fills every existing table with synthetic rows before the up. This up adds a foreign key, CHECK, or unique index (or validates one) and Postgres rejected those rows. Synthetic values are not your data, so this is not proof that the deploy fails; it is proof that the constraint is checked against every existing row while the table is locked, and that any real row breaking it fails the migration. Plain NOT NULL failures are reported as failing-with-existing-rows instead.",
    fix: "Find the violating rows before deploying and fix them, or add the constraint without checking old rows and validate it separately (which also avoids the long lock):\n\n```sql\nALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n-- fix or delete orphans, then:\nALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;\n```",
    examples: { bad: [], good: [] },
  },
  check() {},
};
export default rule;
