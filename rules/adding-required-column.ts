import type { Rule } from '../src/types';
import { alterCommands, as, columnConstraints, relationName } from '../src/sql/ast';

/** ADD COLUMN … NOT NULL without a DEFAULT fails on a table that has rows. */
const rule: Rule = {
  meta: {
    id: 'adding-required-column',
    severity: 'error',
    summary: 'Adding a NOT NULL column without a DEFAULT',
    why: 'On a table that already has rows, Postgres cannot fill the new column, so the ALTER fails (`column "x" contains null values`) and the deploy breaks. Old application code that inserts rows without the column also starts failing.',
    fix: 'Add the column with a DEFAULT (constant defaults are instant on PG 11+), or add it nullable, backfill in batches, then set NOT NULL safely:\n\n```sql\nALTER TABLE users ADD COLUMN status text NOT NULL DEFAULT \'active\';\n-- or\nALTER TABLE users ADD COLUMN status text;\n-- backfill in batches, then see setting-not-null\n```',
    examples: {
      bad: ['ALTER TABLE users ADD COLUMN status text NOT NULL;'],
      good: [
        "ALTER TABLE users ADD COLUMN status text NOT NULL DEFAULT 'active';",
        'ALTER TABLE users ADD COLUMN status text;',
        'CREATE TABLE users (id bigint); ALTER TABLE users ADD COLUMN status text NOT NULL;',
        'ALTER TABLE users ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY NOT NULL;',
      ],
    },
    squawk: ['adding-required-field'],
  },
  check(statement, ctx, report) {
    if (statement.kind !== 'AlterTableStmt' || ctx.isNew(statement.node.relation?.relname)) return;
    for (const cmd of alterCommands(statement.node)) {
      if (cmd.subtype !== 'AT_AddColumn') continue;
      const col = as(cmd.def, 'ColumnDef');
      const cons = columnConstraints(col);
      const notNull = cons.some((c) => c.contype === 'CONSTR_NOTNULL' || c.contype === 'CONSTR_PRIMARY');
      const filled = cons.some((c) => ['CONSTR_DEFAULT', 'CONSTR_IDENTITY', 'CONSTR_GENERATED'].includes(c.contype));
      if (notNull && !filled) {
        report({
          message: `Column "${col?.colname}" is added to ${relationName(statement.node.relation)} as NOT NULL without a DEFAULT: this fails once the table has rows.`,
        });
      }
    }
  },
};
export default rule;
