import { defineSqliteRule } from '../src/lint/rule';
import { columnsAddedToExisting, defaultOf, isConstantDefault } from '../src/sqlite/ast';

/** SQLite: ADD COLUMN with a non-constant DEFAULT (CURRENT_TIMESTAMP, a function, an expression) fails on a table with rows. */
export default defineSqliteRule({
  meta: {
    id: 'sqlite-non-constant-default',
    severity: 'error',
    summary: 'SQLite: ADD COLUMN with a non-constant DEFAULT',
    why: "SQLite fills an added column of existing rows from its DEFAULT without evaluating anything, so ADD COLUMN accepts only a literal or a signed number. `DEFAULT CURRENT_TIMESTAMP`, `DEFAULT (datetime('now'))` and even `DEFAULT (1+2)` succeed on an empty table and fail on a table with rows with `Cannot add a column with non-constant default` (checked on SQLite 3.53). CREATE TABLE accepts them: the hazard is ADD COLUMN only.",
    fix: 'Add the column with a constant (or no) DEFAULT and backfill it; or rebuild the table with the default in its CREATE TABLE:\n\n```sql\nALTER TABLE users ADD COLUMN created_at TEXT;\nUPDATE users SET created_at = CURRENT_TIMESTAMP WHERE created_at IS NULL;\n```',
    examples: {
      bad: [
        'ALTER TABLE users ADD COLUMN created_at TEXT DEFAULT CURRENT_TIMESTAMP;',
        "ALTER TABLE users ADD COLUMN created_at TEXT DEFAULT (datetime('now'));",
        'ALTER TABLE users ADD COLUMN n INTEGER DEFAULT (1 + 2);',
      ],
      good: [
        "ALTER TABLE users ADD COLUMN created_at TEXT DEFAULT '1970-01-01';",
        'ALTER TABLE users ADD COLUMN n INTEGER DEFAULT (-1);',
        'CREATE TABLE events (id INTEGER PRIMARY KEY, at TEXT DEFAULT CURRENT_TIMESTAMP);',
      ],
    },
    messages: {
      nonConstant: 'ADD COLUMN {{column}} DEFAULT {{expr}}: SQLite accepts only a constant default here, and fails ("Cannot add a column with non-constant default") as soon as {{table}} has a row',
    },
  },
  create: ({ report }) => ({
    alter_table_stmt(node, statement, ctx) {
      for (const { table, column } of columnsAddedToExisting(node, ctx)) {
        const d = defaultOf(column);
        if (d && !isConstantDefault(d)) report({ messageId: 'nonConstant', data: { column: column.name.name, expr: statement.textOf(d), table }, range: statement.rangeOf(d) });
      }
    },
  }),
});
