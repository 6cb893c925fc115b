import { defineSqliteRule } from '../src/lint/rule';
import { alteredTable, columnConstraints, defaultOf, isNull } from '../src/sqlite/ast';
import { versionAtLeast } from '../src/sqlite/context';
import { sqliteKey } from '../src/sqlite/schema';

/** SQLite: an ALTER TABLE form the target SQLite version cannot run, or refuses for this column. */
export default defineSqliteRule({
  meta: {
    id: 'sqlite-unsupported-alter',
    severity: 'error',
    summary: 'SQLite: an ALTER TABLE the target SQLite cannot run',
    why: "SQLite's ALTER TABLE knows RENAME TO, RENAME COLUMN (since 3.25.0), ADD COLUMN, DROP COLUMN (since 3.35.0) and, since 3.53.0, SET/DROP NOT NULL, ADD CHECK and DROP CONSTRAINT. Everything else (a type change, SET DEFAULT, ADD UNIQUE or FOREIGN KEY) does not exist in any version, and the forms have limits: DROP COLUMN fails on a PRIMARY KEY, UNIQUE or indexed column, or one a table-level FOREIGN KEY or CHECK names; ADD COLUMN refuses PRIMARY KEY and UNIQUE, and a REFERENCES column with a non-NULL default while foreign keys are enforced. The migration fails where it runs, often only on the production SQLite, older than the developer's.",
    fix: 'Rebuild the table (https://www.sqlite.org/lang_altertable.html#otheralter): with foreign_keys off and outside a transaction, create the new table, copy the rows, drop the old table, rename the new one, and re-create its indexes and triggers; or drop the index or constraint that holds the column first. Alembic: `with op.batch_alter_table("users") as batch: batch.drop_column("legacy")`. Set `sqliteVersion` to the oldest SQLite the migrations run on.',
    examples: {
      bad: [
        'ALTER TABLE users DROP COLUMN legacy;',
        'ALTER TABLE users RENAME COLUMN name TO full_name;',
        'ALTER TABLE users ALTER COLUMN name TYPE TEXT;',
        'ALTER TABLE users ALTER COLUMN name SET NOT NULL;',
        'CREATE TABLE t (id INTEGER PRIMARY KEY, email TEXT); CREATE INDEX t_email ON t (email); ALTER TABLE t DROP COLUMN email;',
        'ALTER TABLE users ADD COLUMN code TEXT UNIQUE;',
      ],
      good: ['ALTER TABLE users ADD COLUMN nickname TEXT;', 'ALTER TABLE users RENAME TO members;', 'CREATE TABLE t (id INTEGER PRIMARY KEY, note TEXT); ALTER TABLE t ADD COLUMN extra TEXT;'],
    },
    exampleContext: { sqliteVersion: '3.24.0' },
    messages: {
      tooOld: '{{form}} needs SQLite {{needs}}; the target is {{version}} (sqliteVersion), where this fails with a syntax error',
      dropKey: 'SQLite refuses to drop {{table}}.{{column}}: it is {{why}}',
      addKey: 'SQLite cannot ADD a {{what}} column ({{table}}.{{column}}): "Cannot add a {{what}} column"',
      addReference: 'ADD COLUMN {{column}} REFERENCES … with a non-NULL DEFAULT: SQLite refuses it while foreign keys are enforced ("Cannot add a REFERENCES column with non-NULL default value")',
    },
  },
  create: ({ report, options }) => ({
    alter_table_stmt(node, statement, ctx) {
      const table = alteredTable(node);
      const model = ctx.schema.table(table);
      for (const a of node.actions.items) {
        const range = statement.rangeOf(a);
        if (a.type === 'alter_action_rename_column' && !versionAtLeast(options.sqliteVersion, '3.25.0'))
          report({ messageId: 'tooOld', data: { form: 'RENAME COLUMN', needs: '3.25.0', version: options.sqliteVersion }, range });
        else if (a.type === 'alter_action_drop_column') {
          if (!versionAtLeast(options.sqliteVersion, '3.35.0')) {
            report({ messageId: 'tooOld', data: { form: 'DROP COLUMN', needs: '3.35.0', version: options.sqliteVersion }, range });
            continue;
          }
          const column = sqliteKey(a.column.name);
          const col = model?.columns.find((c) => sqliteKey(c.name) === column);
          const index = ctx.schema.indexesOf(table).find((i) => i.columns.includes(column));
          const why = col?.primaryKey
            ? 'its PRIMARY KEY'
            : col?.unique || model?.keys.some((k) => k.includes(column))
              ? 'UNIQUE (or part of a table constraint)'
              : index
                ? `indexed by ${index.name} (drop the index first)`
                : model?.foreignKeys.some((fk) => fk.tableLevel && fk.columns.some((c) => sqliteKey(c) === column))
                  ? 'named by a table-level FOREIGN KEY'
                  : undefined;
          if (why) report({ messageId: 'dropKey', data: { table, column: a.column.name, why }, range });
        } else if (a.type === 'alter_action_add_column') {
          const cons = columnConstraints(a.column);
          const key = cons.find((c) => c.type === 'constraint_primary_key' || c.type === 'constraint_unique');
          if (key) report({ messageId: 'addKey', data: { what: key.type === 'constraint_unique' ? 'UNIQUE' : 'PRIMARY KEY', table, column: a.column.name.name }, range });
          const d = defaultOf(a.column);
          if (cons.some((c) => c.type === 'references_specification') && d && !isNull(d) && ctx.foreignKeys !== 'off')
            report({ messageId: 'addReference', data: { column: a.column.name.name }, range });
        }
      }
    },
  }),
});
