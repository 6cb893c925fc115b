import { defineRule } from '../src/lint/rule';
import { as, alterCommands, bareName, relationName } from '../src/sql/ast';

/** VALIDATE CONSTRAINT in the transaction that added it NOT VALID keeps the add's strong lock during the scan. */
export default defineRule({
  meta: {
    id: 'validating-in-same-transaction',
    severity: 'error',
    work: 'scan',
    summary: 'Validating a constraint in the same transaction that added it NOT VALID',
    why: "NOT VALID exists so that the long check of existing rows runs under VALIDATE CONSTRAINT's weak SHARE UPDATE EXCLUSIVE lock. But locks are held until the transaction ends: if the VALIDATE runs in the transaction that did the ADD … NOT VALID, the ADD's lock (ACCESS EXCLUSIVE for a CHECK, SHARE ROW EXCLUSIVE on both tables for a foreign key) is still held during the whole scan, which is exactly as bad as adding the constraint without NOT VALID.",
    fix: 'Commit between the two, or validate in the next migration:\n\n```sql\nALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey\n  FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;\nCOMMIT;  -- or end this migration here\nALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_fkey;\n```',
    examples: {
      bad: [
        'BEGIN;\nALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_fkey;\nCOMMIT;',
        'BEGIN;\nALTER TABLE orders ADD CONSTRAINT orders_quantity_positive CHECK (quantity > 0) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT orders_quantity_positive;\nCOMMIT;',
      ],
      good: [
        'BEGIN;\nALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;\nCOMMIT;\nALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_fkey;',
        'ALTER TABLE orders ADD CONSTRAINT orders_quantity_positive CHECK (quantity > 0) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT orders_quantity_positive;',
        'ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_fkey;',
      ],
    },
    squawk: ['constraint-missing-not-valid'],
  },
  create: ({ report }) => ({
    AlterTableStmt(n, statement, ctx) {
      if (!ctx.inTransaction) return;
      const table = relationName(n.relation) ?? '';
      for (const cmd of alterCommands(n)) {
        if (cmd.subtype !== 'AT_ValidateConstraint' || !cmd.name) continue;
        if (!ctx.notValidInTransaction.has(`${bareName(table)}.${String(cmd.name).toLowerCase()}`)) continue;
        const added = ctx.statements
          .slice(0, ctx.index)
          .findLast(
            (s) =>
              s.kind === 'AlterTableStmt' &&
              bareName(s.node.relation?.relname) === bareName(table) &&
              alterCommands(s.node).some((c) => as(c.def, 'Constraint')?.conname?.toLowerCase() === String(cmd.name).toLowerCase()),
          );
        report({
          message: `Constraint "${cmd.name}" on ${table} is validated in the same transaction that added it NOT VALID${added ? ` (line ${added.range.line})` : ''}: the ADD's lock is held during the whole validation scan. Commit in between.`,
        });
      }
    },
  }),
});
