import { defineRule } from '../src/lint/rule';
import { alterCommands, as, columnConstraints, relationName } from '../src/sql/ast';

/** ADD COLUMN … GENERATED ALWAYS AS (…) STORED computes and writes every row. */
export default defineRule({
  meta: {
    id: 'adding-stored-generated-column',
    severity: 'error',
    work: 'rewrite',
    summary: 'Adding a STORED generated column to an existing table',
    why: 'A STORED generated column is computed and written for every existing row, so Postgres rewrites the whole table while holding ACCESS EXCLUSIVE (checked on PostgreSQL 15 and 18: the table gets a new relfilenode). Reads and writes wait for the whole rewrite. PostgreSQL 18 adds VIRTUAL generated columns (the default there when neither STORED nor VIRTUAL is written), which are computed on read and are added instantly.',
    fix: 'On PostgreSQL 18, use a VIRTUAL generated column if it need not be indexed. Otherwise add a plain column, keep it up to date with a trigger, and backfill in batches:\n\n```sql\nALTER TABLE orders ADD COLUMN total_cents bigint;          -- instant\nCREATE FUNCTION orders_total_cents() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN NEW.total_cents := NEW.quantity * NEW.price_cents; RETURN NEW; END $$;\nCREATE TRIGGER orders_total_cents BEFORE INSERT OR UPDATE ON orders\n  FOR EACH ROW EXECUTE FUNCTION orders_total_cents();\n-- backfill in batches:\nUPDATE orders SET total_cents = quantity * price_cents\n WHERE id IN (SELECT id FROM orders WHERE total_cents IS NULL LIMIT 10000);\n-- or, on PostgreSQL 18:\nALTER TABLE orders ADD COLUMN total_cents bigint GENERATED ALWAYS AS (quantity * price_cents) VIRTUAL;\n```',
    examples: {
      bad: [
        'ALTER TABLE orders ADD COLUMN total_cents bigint GENERATED ALWAYS AS (quantity * price_cents) STORED;',
        "ALTER TABLE people ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('simple', name)) STORED, ADD COLUMN note text;",
      ],
      good: [
        'ALTER TABLE orders ADD COLUMN total_cents bigint GENERATED ALWAYS AS (quantity * price_cents) VIRTUAL;',
        'ALTER TABLE orders ADD COLUMN total_cents bigint;',
        'CREATE TABLE orders (quantity int, price_cents int);\nALTER TABLE orders ADD COLUMN total_cents bigint GENERATED ALWAYS AS (quantity * price_cents) STORED;',
        'CREATE TABLE orders (quantity int, price_cents int, total_cents bigint GENERATED ALWAYS AS (quantity * price_cents) STORED);',
      ],
    },
    squawk: ['adding-field-with-default'],
  },
  create: ({ report }) => ({
    AlterTableStmt(n, statement, ctx) {
      if (n.objtype !== 'OBJECT_TABLE' || ctx.isNew(n.relation?.relname)) return;
      // One ALTER TABLE rewrites once, however many columns it adds: one finding per statement.
      const cols: string[] = [];
      for (const cmd of alterCommands(n)) {
        if (cmd.subtype !== 'AT_AddColumn') continue;
        const col = as(cmd.def, 'ColumnDef');
        const gen = columnConstraints(col).find((c) => c.contype === 'CONSTR_GENERATED');
        // generated_kind: 's' stored, 'v' virtual (PG 18; also the default there).
        if (gen && gen.generated_kind !== 'v') cols.push(`"${col?.colname}"`);
      }
      if (cols.length === 0) return;
      const what = cols.length === 1 ? `Column ${cols[0]} is added` : `${cols.length} columns (${cols.slice(0, 5).join(', ')}${cols.length > 5 ? ', …' : ''}) are added`;
      report({
        message: `${what} to ${relationName(n.relation)} as STORED generated: Postgres computes them for every row, rewriting the table under ACCESS EXCLUSIVE.`,
      });
    },
  }),
});
