import { defineRule } from '../src/lint/rule';
import { alterCommands, as, columnConstraints, relationName } from '../src/sql/ast';
import { isNullLiteral } from '../src/lint/volatility';

/** ADD FOREIGN KEY without NOT VALID scans the referencing table while blocking writes to both tables. */
export default defineRule({
  meta: {
    id: 'adding-foreign-key',
    severity: 'error',
    work: 'scan',
    summary: 'Adding a foreign key to an existing table without NOT VALID',
    why: 'ADD CONSTRAINT … FOREIGN KEY takes SHARE ROW EXCLUSIVE on both the referencing and the referenced table and then checks every existing row of the referencing table (checked on PostgreSQL 15 and 18 in pg_locks and the scan counters): no INSERT, UPDATE or DELETE on either table until the check is done. This holds even when the referenced table was created in the same migration, because the scan is of the existing referencing table. With NOT VALID the constraint is enforced for new rows at once and the check of old rows is left to VALIDATE CONSTRAINT, which only takes SHARE UPDATE EXCLUSIVE on the referencing table (writes continue). `ADD COLUMN … REFERENCES` without a DEFAULT is not reported: the new column is all NULL, and Postgres skips the check (verified: no scan); with a DEFAULT it checks every row.',
    fix: 'Add it NOT VALID, then validate it in a separate transaction:\n\n```sql\nALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey\n  FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;\n-- next migration, or after COMMIT:\nALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_fkey;\n```',
    examples: {
      bad: [
        'ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id);',
        'ALTER TABLE orders ADD FOREIGN KEY (customer_id) REFERENCES customers;',
        'CREATE TABLE customers (id bigint PRIMARY KEY);\nALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id);',
        'ALTER TABLE orders ADD COLUMN region_id int NOT NULL DEFAULT 1 REFERENCES regions (id);',
      ],
      good: [
        'ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;',
        'ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_fkey;',
        'ALTER TABLE orders ADD COLUMN customer_id bigint REFERENCES customers (id);',
        'CREATE TABLE orders (id bigint, customer_id bigint REFERENCES customers (id));',
        'CREATE TABLE orders (id bigint, customer_id bigint);\nALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id);',
      ],
    },
    squawk: ['adding-foreign-key-constraint'],
  },
  create: ({ report }) => ({
    AlterTableStmt(n, statement, ctx) {
      if (n.objtype !== 'OBJECT_TABLE' || ctx.isNew(n.relation?.relname)) return;
      const table = relationName(n.relation);
      for (const cmd of alterCommands(n)) {
        const con = as(cmd.def, 'Constraint');
        if (cmd.subtype === 'AT_AddConstraint' && con?.contype === 'CONSTR_FOREIGN' && !con.skip_validation) {
          const name = con.conname ? `Foreign key "${con.conname}"` : 'A foreign key';
          report({
            message: `${name} on ${table} → ${relationName(con.pktable)} is added without NOT VALID: every row of ${table} is checked while writes to both tables are blocked.`,
          });
        }
        if (cmd.subtype === 'AT_AddColumn') {
          const col = as(cmd.def, 'ColumnDef');
          const cons = columnConstraints(col);
          const fk = cons.find((c) => c.contype === 'CONSTR_FOREIGN');
          const filled = cons.some((c) => (c.contype === 'CONSTR_DEFAULT' && !isNullLiteral(c.raw_expr)) || c.contype === 'CONSTR_GENERATED' || c.contype === 'CONSTR_IDENTITY');
          if (fk && filled) {
            report({
              message: `Column "${col?.colname}" is added to ${table} with a DEFAULT and REFERENCES ${relationName(fk.pktable)}: Postgres checks the foreign key for every row while writes to both tables are blocked.`,
            });
          }
        }
      }
    },
  }),
});
