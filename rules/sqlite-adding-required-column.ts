import { defineSqliteRule } from '../src/lint/rule';
import { columnConstraints, columnsAddedToExisting, defaultOf, isNull } from '../src/sqlite/ast';

/** SQLite: ADD COLUMN … NOT NULL without a non-NULL DEFAULT fails on a table with rows. */
export default defineSqliteRule({
  meta: {
    id: 'sqlite-adding-required-column',
    severity: 'error',
    summary: 'SQLite: adding a NOT NULL column without a DEFAULT',
    why: 'SQLite checks ADD COLUMN against the rows already in the table: on an empty development database `ALTER TABLE t ADD COLUMN c … NOT NULL` succeeds, on any table with a row it fails with `Cannot add a NOT NULL column with default value NULL` (checked on SQLite 3.53). The migration works only on empty tables.',
    fix: "Give the column a constant DEFAULT, or add it nullable, backfill it, and rebuild the table with NOT NULL (SQLite cannot add NOT NULL to an existing column):\n\n```sql\nALTER TABLE users ADD COLUMN status TEXT NOT NULL DEFAULT 'active';\n```",
    examples: {
      bad: ['ALTER TABLE users ADD COLUMN status TEXT NOT NULL;', 'ALTER TABLE users ADD COLUMN status TEXT NOT NULL DEFAULT NULL;'],
      good: [
        "ALTER TABLE users ADD COLUMN status TEXT NOT NULL DEFAULT 'active';",
        'ALTER TABLE users ADD COLUMN status TEXT;',
        'CREATE TABLE accounts (id INTEGER PRIMARY KEY); ALTER TABLE accounts ADD COLUMN status TEXT NOT NULL;',
      ],
    },
    messages: { required: 'ADD COLUMN {{column}} NOT NULL without a DEFAULT: SQLite refuses it on {{table}} as soon as the table has a row ("Cannot add a NOT NULL column with default value NULL")' },
  },
  create: ({ report }) => ({
    alter_table_stmt(node, statement, ctx) {
      for (const { table, column } of columnsAddedToExisting(node, ctx)) {
        const notNull = columnConstraints(column).some((c) => c.type === 'constraint_not_null');
        const d = defaultOf(column);
        if (notNull && (!d || isNull(d))) report({ messageId: 'required', data: { column: column.name.name, table }, range: statement.rangeOf(column) });
      }
    },
  }),
});
