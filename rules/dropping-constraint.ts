import type { Rule } from '../src/types';
import { alterCommands, relationName } from '../src/sql/ast';
import { isNewConstraint, runsAtMigrationTime } from '../src/lint/created';

/** ALTER TABLE … DROP CONSTRAINT on a constraint that existed before this migration. */
const rule: Rule = {
  meta: {
    id: 'dropping-constraint',
    severity: 'warning',
    summary: 'Dropping a constraint that data or code relies on',
    why: 'A constraint is a promise the application and other queries rely on. Once it is gone, invalid rows (duplicates, orphans, out-of-range values) can be written and cannot be removed by a rollback. Postgres also uses constraints directly: dropping a primary key or unique constraint drops its index, so `INSERT … ON CONFLICT (col)` starts failing with `there is no unique or exclusion constraint matching the ON CONFLICT specification`, lookups by that key lose their index, and a table in a logical-replication publication without a primary key rejects UPDATE and DELETE (`does not have a replica identity`). Re-adding the constraint later needs a full validation scan and fails if bad rows slipped in meanwhile. The drop takes an ACCESS EXCLUSIVE lock. Constraints added earlier in the same migration, and constraints of tables created in it, are not flagged.',
    fix: 'Replace rather than remove: add the new constraint first (NOT VALID, then VALIDATE), then drop the old one. For a primary or unique key, build the replacement index concurrently and attach it:\n\n```sql\n-- replace a CHECK\nALTER TABLE orders ADD CONSTRAINT orders_total_nonneg_v2 CHECK (total >= 0 AND total < 1e9) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT orders_total_nonneg_v2;\nALTER TABLE orders DROP CONSTRAINT orders_total_nonneg;\n\n-- replace a unique key\nCREATE UNIQUE INDEX CONCURRENTLY users_email_lower_key ON users (lower(email));\nALTER TABLE users DROP CONSTRAINT users_email_key;\n```\n\nIf the constraint must really go, check first that no `ON CONFLICT` clause and no replication publication depends on it.',
    examples: {
      bad: ['ALTER TABLE orders DROP CONSTRAINT orders_total_check;', 'ALTER TABLE users DROP CONSTRAINT IF EXISTS users_email_key;'],
      good: [
        'ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID; ALTER TABLE orders DROP CONSTRAINT orders_total_check;',
        'CREATE TABLE carts (id bigint CONSTRAINT carts_pk PRIMARY KEY); ALTER TABLE carts DROP CONSTRAINT carts_pk;',
        'ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;',
      ],
    },
    squawk: ['ban-drop-constraint'],
  },
  check(statement, ctx, report) {
    if (!runsAtMigrationTime(statement)) return;
    if (statement.kind !== 'AlterTableStmt') return;
    const table = relationName(statement.node.relation);
    for (const cmd of alterCommands(statement.node)) {
      if (cmd.subtype !== 'AT_DropConstraint' || isNewConstraint(ctx, table, cmd.name)) continue;
      const cascade = cmd.behavior === 'DROP_CASCADE' ? ' CASCADE also drops the foreign keys of other tables that reference it.' : '';
      report({
        message: `Constraint "${cmd.name}" is dropped from ${table}: rows that violate it can be written from now on, and if it is a primary or unique key its index goes too (ON CONFLICT on it stops working).${cascade}`,
      });
    }
  },
};
export default rule;
