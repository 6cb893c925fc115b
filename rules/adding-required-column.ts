import { defineRule } from '../src/lint/rule';
import { alterCommands, as, columnConstraints, relationName, typeNameOf } from '../src/sql/ast';
import { isNullLiteral } from '../src/lint/volatility';

// serial types fill every row from their sequence (checked on PostgreSQL 15: `ADD COLUMN a serial NOT NULL` succeeds on a table with rows).
const SERIAL_TYPES = new Set(['serial', 'bigserial', 'smallserial', 'serial2', 'serial4', 'serial8']);

/** ADD COLUMN … NOT NULL without a DEFAULT fails on a table that has rows. */
export default defineRule({
  meta: {
    id: 'adding-required-column',
    severity: 'error',
    summary: 'Adding a NOT NULL column without a DEFAULT',
    why: 'On a table that already has rows, Postgres cannot fill the new column, so the ALTER fails (`column "x" of relation "t" contains null values`, checked on PostgreSQL 15) and the deploy breaks, although it passed on an empty development database. `DEFAULT NULL` and a new PRIMARY KEY column fail the same way. Old application code that inserts rows without the column also starts failing.',
    fix: "Add the column with a DEFAULT (constant defaults are instant on PG 11+), or add it nullable, backfill in batches, then set NOT NULL safely:\n\n```sql\nALTER TABLE users ADD COLUMN status text NOT NULL DEFAULT 'active';\n-- or\nALTER TABLE users ADD COLUMN status text;\n-- backfill in batches, then see setting-not-null\n```",
    examples: {
      bad: ['ALTER TABLE users ADD COLUMN status text NOT NULL;', 'ALTER TABLE users ADD COLUMN status text NOT NULL DEFAULT NULL;', 'ALTER TABLE users ADD COLUMN code int PRIMARY KEY;'],
      good: [
        "ALTER TABLE users ADD COLUMN status text NOT NULL DEFAULT 'active';",
        'ALTER TABLE users ADD COLUMN status text;',
        'CREATE TABLE users (id bigint); ALTER TABLE users ADD COLUMN status text NOT NULL;',
        'ALTER TABLE users ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY NOT NULL;',
        'ALTER TABLE users ADD COLUMN seq bigserial NOT NULL;',
      ],
    },
    squawk: ['adding-required-field'],
  },
  create: ({ report }) => ({
    AlterTableStmt(node, statement, ctx) {
      if (node.objtype !== 'OBJECT_TABLE' || ctx.isNew(node.relation?.relname)) return;
      for (const cmd of alterCommands(node)) {
        if (cmd.subtype !== 'AT_AddColumn') continue;
        const col = as(cmd.def, 'ColumnDef');
        const cons = columnConstraints(col);
        const notNull = cons.some((c) => c.contype === 'CONSTR_NOTNULL' || c.contype === 'CONSTR_PRIMARY');
        const filled =
          SERIAL_TYPES.has(typeNameOf(col?.typeName)) ||
          cons.some((c) => (c.contype === 'CONSTR_DEFAULT' && !isNullLiteral(c.raw_expr)) || c.contype === 'CONSTR_IDENTITY' || c.contype === 'CONSTR_GENERATED');
        if (notNull && !filled) {
          report({
            message: `Column "${col?.colname}" is added to ${relationName(node.relation)} as NOT NULL without a DEFAULT: this fails once the table has rows.`,
          });
        }
      }
    },
  }),
});
