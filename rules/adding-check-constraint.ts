import { defineRule } from '../src/lint/rule';
import { alterCommands, as, columnConstraints, nameOf, relationName } from '../src/sql/ast';
import { isNewType } from '../src/lint/created';

/** ADD CONSTRAINT … CHECK without NOT VALID scans the table under ACCESS EXCLUSIVE. */
export default defineRule({
  meta: {
    id: 'adding-check-constraint',
    severity: 'error',
    work: 'scan',
    summary: 'Adding a CHECK constraint to an existing table without NOT VALID',
    why: 'ADD CONSTRAINT … CHECK takes ACCESS EXCLUSIVE and checks every existing row before it returns (checked on PostgreSQL 15 and 18): the table can be neither read nor written meanwhile. `ADD COLUMN … CHECK (…)` scans too, even though the new column is empty. With NOT VALID the constraint applies to new rows at once and the old rows are checked by VALIDATE CONSTRAINT, which only takes SHARE UPDATE EXCLUSIVE (reads and writes continue). `ALTER DOMAIN … ADD CONSTRAINT … CHECK` scans every column of that domain in every table under a SHARE lock (writes blocked); there even VALIDATE CONSTRAINT takes SHARE (checked on PostgreSQL 15 and 18), so NOT VALID only lets you choose when the scan happens.',
    fix: 'Add it NOT VALID, then validate it in a separate transaction:\n\n```sql\nALTER TABLE orders ADD CONSTRAINT orders_quantity_positive CHECK (quantity > 0) NOT VALID;\n-- next migration, or after COMMIT:\nALTER TABLE orders VALIDATE CONSTRAINT orders_quantity_positive;\n```\nFor a new column, add the column first, then its constraint the same way. For a domain: `ALTER DOMAIN positive_int ADD CONSTRAINT positive CHECK (VALUE > 0) NOT VALID;`, then `VALIDATE CONSTRAINT` at a quiet time.',
    examples: {
      bad: [
        'ALTER TABLE orders ADD CONSTRAINT orders_quantity_positive CHECK (quantity > 0);',
        'ALTER TABLE orders ADD CHECK (quantity > 0);',
        "ALTER TABLE orders ADD COLUMN currency text CHECK (currency IN ('EUR', 'USD'));",
        'ALTER DOMAIN positive_int ADD CONSTRAINT positive CHECK (VALUE > 0);',
      ],
      good: [
        'ALTER TABLE orders ADD CONSTRAINT orders_quantity_positive CHECK (quantity > 0) NOT VALID;',
        'ALTER TABLE orders VALIDATE CONSTRAINT orders_quantity_positive;',
        'CREATE TABLE orders (quantity int);\nALTER TABLE orders ADD CONSTRAINT orders_quantity_positive CHECK (quantity > 0);',
        'CREATE TABLE orders (quantity int CHECK (quantity > 0));',
        'ALTER DOMAIN positive_int ADD CONSTRAINT positive CHECK (VALUE > 0) NOT VALID;',
        'CREATE DOMAIN positive_int AS int;\nALTER DOMAIN positive_int ADD CONSTRAINT positive CHECK (VALUE > 0);',
      ],
    },
    squawk: ['constraint-missing-not-valid'],
  },
  create: ({ report }) => ({
    '*'(statement, ctx) {
      if (statement.kind === 'AlterDomainStmt') {
        const con = as(statement.node.def, 'Constraint');
        const domain = nameOf(statement.node.typeName);
        if (statement.node.subtype === 'C' && con?.contype === 'CONSTR_CHECK' && !con.skip_validation && !isNewType(ctx, domain)) {
          report({
            message: `CHECK constraint ${con.conname ? `"${con.conname}" ` : ''}is added to domain ${domain} without NOT VALID: every column of that domain in every table is scanned now, with writes to those tables blocked (SHARE lock).`,
          });
        }
        return;
      }
      if (statement.kind !== 'AlterTableStmt' || statement.node.objtype !== 'OBJECT_TABLE' || ctx.isNew(statement.node.relation?.relname)) return;
      const table = relationName(statement.node.relation);
      for (const cmd of alterCommands(statement.node)) {
        const con = as(cmd.def, 'Constraint');
        if (cmd.subtype === 'AT_AddConstraint' && con?.contype === 'CONSTR_CHECK' && !con.skip_validation) {
          report({
            message: `CHECK constraint ${con.conname ? `"${con.conname}" ` : ''}is added to ${table} without NOT VALID: every row is checked under ACCESS EXCLUSIVE (no reads or writes meanwhile).`,
          });
        }
        if (cmd.subtype === 'AT_AddColumn') {
          const col = as(cmd.def, 'ColumnDef');
          if (columnConstraints(col).some((c) => c.contype === 'CONSTR_CHECK')) {
            report({
              message: `Column "${col?.colname}" is added to ${table} with a CHECK constraint: Postgres checks every row under ACCESS EXCLUSIVE; add the column, then the constraint NOT VALID.`,
            });
          }
        }
      }
    },
  }),
});
