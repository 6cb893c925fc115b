import { defineRule } from '../src/lint/rule';
import { alterCommands, as, columnConstraints, relationName } from '../src/sql/ast';
import { isNullLiteral, volatileCallIn } from '../src/lint/volatility';

/** ADD COLUMN … DEFAULT <volatile expression> rewrites the whole table (any DEFAULT before PG 11). */
export default defineRule({
  meta: {
    id: 'adding-volatile-default',
    severity: 'error',
    work: 'rewrite',
    summary: 'Adding a column with a volatile DEFAULT (or any DEFAULT before PostgreSQL 11)',
    why: 'Since PostgreSQL 11 a new column with a non-volatile DEFAULT is instant: the value is stored once in the catalog. A volatile DEFAULT (`random()`, `gen_random_uuid()`, `clock_timestamp()`, `nextval(…)`, `uuid_generate_v4()`, or a function created VOLATILE) must be computed for every existing row, so Postgres rewrites the whole table while holding ACCESS EXCLUSIVE: no reads, no writes until it is done. Before PostgreSQL 11 every non-NULL DEFAULT rewrites. `now()` and `CURRENT_TIMESTAMP` are STABLE, not volatile: checked on PostgreSQL 15 and 18 (pg_class.relfilenode unchanged), they do not rewrite, and every existing row gets the time of the migration. A function whose definition is not in this file is assumed non-volatile.',
    fix: 'Add the column without the volatile default, set the default for new rows (no rewrite), then backfill existing rows in batches:\n\n```sql\nALTER TABLE orders ADD COLUMN token uuid;                          -- instant\nALTER TABLE orders ALTER COLUMN token SET DEFAULT gen_random_uuid(); -- new rows only, no rewrite\n-- backfill in batches, each its own transaction:\nUPDATE orders SET token = gen_random_uuid()\n WHERE id IN (SELECT id FROM orders WHERE token IS NULL LIMIT 10000);\n```',
    examples: {
      bad: [
        'ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid();',
        'ALTER TABLE orders ADD COLUMN jitter float8 NOT NULL DEFAULT random() * 10;',
        'ALTER TABLE events ADD COLUMN seen_at timestamptz DEFAULT clock_timestamp();',
        'CREATE FUNCTION new_code() RETURNS text LANGUAGE plpgsql AS $$ BEGIN RETURN md5(random()::text); END $$;\nALTER TABLE orders ADD COLUMN code text DEFAULT new_code();',
      ],
      good: [
        'ALTER TABLE orders ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();',
        'ALTER TABLE orders ADD COLUMN created_at timestamptz DEFAULT CURRENT_TIMESTAMP;',
        "ALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT 'new';",
        "ALTER TABLE orders ADD COLUMN meta jsonb NOT NULL DEFAULT '{}'::jsonb;",
        'ALTER TABLE orders ADD COLUMN token uuid; ALTER TABLE orders ALTER COLUMN token SET DEFAULT gen_random_uuid();',
        'CREATE TABLE orders (id bigint); ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid();',
        "CREATE FUNCTION tenant() RETURNS text LANGUAGE sql STABLE AS $$ SELECT current_setting('app.tenant') $$;\nALTER TABLE orders ADD COLUMN tenant text DEFAULT tenant();",
      ],
    },
    squawk: ['adding-field-with-default'],
  },
  create: ({ report }) => ({
    AlterTableStmt(n, statement, ctx) {
      if (n.objtype !== 'OBJECT_TABLE' || ctx.isNew(n.relation?.relname)) return;
      const table = relationName(n.relation);
      // One ALTER TABLE rewrites once, however many columns it adds: one finding per statement.
      const volatileCols: string[] = [];
      const defaultCols: string[] = [];
      for (const cmd of alterCommands(n)) {
        if (cmd.subtype !== 'AT_AddColumn') continue;
        const col = as(cmd.def, 'ColumnDef');
        const def = columnConstraints(col).find((c) => c.contype === 'CONSTR_DEFAULT');
        if (!def || isNullLiteral(def.raw_expr)) continue;
        const volatile = volatileCallIn(def.raw_expr, ctx);
        if (volatile) volatileCols.push(`"${col?.colname}" (${volatile}())`);
        else if (ctx.pgVersion < 11) defaultCols.push(`"${col?.colname}"`);
      }
      if (volatileCols.length > 0) {
        report({
          message: `${plural(volatileCols, 'Column')} added to ${table} with a volatile DEFAULT: Postgres rewrites the whole table under ACCESS EXCLUSIVE to fill existing rows.`,
        });
      } else if (defaultCols.length > 0) {
        report({
          message: `${plural(defaultCols, 'Column')} added to ${table} with a DEFAULT: before PostgreSQL 11 (target: ${ctx.pgVersion}) this rewrites the whole table under ACCESS EXCLUSIVE.`,
        });
      }
    },
  }),
});

/** `Column "a" is` / `Columns "a", "b" are`. */
function plural(items: string[], noun: string): string {
  return items.length === 1 ? `${noun} ${items[0]} is` : `${noun}s ${items.join(', ')} are`;
}
