import { defineSqliteRule } from '../src/lint/rule';
import type { Range } from '../src/types';
import { alteredTable } from '../src/sqlite/ast';
import { entityName, sqliteKey, type SqliteIndex, type SqliteSchema, type SqliteTable, type SqliteTrigger } from '../src/sqlite/schema';

/** What the old table had, taken when the rebuild dropped or renamed it away. */
interface Before {
  table: SqliteTable;
  indexes: SqliteIndex[];
  triggers: SqliteTrigger[];
}

/** SQLite: a "create new, copy, drop old, rename" rebuild that leaves out indexes, triggers, CHECKs or foreign keys of the old table. */
export default defineSqliteRule({
  meta: {
    id: 'sqlite-rebuild-loses-objects',
    severity: 'error',
    summary: 'SQLite: a table rebuild that loses indexes, triggers, CHECKs or foreign keys',
    why: "SQLite changes a column's type, NOT NULL or constraints only by rebuilding the table: create a new one, copy the rows, drop the old, rename the new (Alembic's batch mode does the same). DROP TABLE takes the old table's indexes and triggers with it, and the new CREATE TABLE has only the CHECKs and foreign keys written into it. Whatever the rebuild does not re-create is silently gone: queries turn into full scans, uniqueness and integrity stop being enforced. Compared with the table as the earlier migrations of the folder left it.",
    fix: "After the rename, re-create every index and trigger of the old table, and copy its CHECK and FOREIGN KEY clauses into the new CREATE TABLE (read them with `SELECT sql FROM sqlite_schema WHERE tbl_name = 'users'`). Alembic batch mode re-creates what it reflects; name your constraints (a naming convention in MetaData) so reflection keeps them, and pass `table_args`/`reflect_args` for what it cannot see.",
    examples: {
      bad: [
        'CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);\nCREATE UNIQUE INDEX users_email ON users (email);\nCREATE TABLE users_new (id INTEGER PRIMARY KEY, email TEXT NOT NULL);\nINSERT INTO users_new SELECT id, email FROM users;\nDROP TABLE users;\nALTER TABLE users_new RENAME TO users;',
        'CREATE TABLE orders (id INTEGER PRIMARY KEY, total INT CHECK (total >= 0));\nCREATE TABLE orders_new (id INTEGER PRIMARY KEY, total INT NOT NULL);\nINSERT INTO orders_new SELECT * FROM orders;\nDROP TABLE orders;\nALTER TABLE orders_new RENAME TO orders;',
      ],
      good: [
        'CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);\nCREATE UNIQUE INDEX users_email ON users (email);\nCREATE TABLE users_new (id INTEGER PRIMARY KEY, email TEXT NOT NULL);\nINSERT INTO users_new SELECT id, email FROM users;\nDROP TABLE users;\nALTER TABLE users_new RENAME TO users;\nCREATE UNIQUE INDEX users_email ON users (email);',
        'DROP TABLE sessions;',
      ],
    },
    messages: { lost: 'This rebuild of {{table}} loses {{lost}}: the old table had it, the new one does not' },
  },
  create: ({ report }) => {
    /** Old tables dropped (or renamed away) by the file, by the name the rebuilt table will take. */
    const dropped = new Map<string, Before>();
    /** Renamed-away copies (`users` → `users_old`): the copy's key → the original name. */
    const renamedAway = new Map<string, string>();
    const rebuilt = new Map<string, { before: Before; range: Range }>();
    const snapshot = (schema: SqliteSchema, name: string): Before | undefined => {
      const table = schema.table(name);
      return table && { table, indexes: schema.indexesOf(name), triggers: schema.triggersOf(name) };
    };
    return {
      drop_table_stmt(node, statement, ctx) {
        for (const e of node.tables.items) {
          const name = entityName(e);
          const original = renamedAway.get(sqliteKey(name));
          // Rename-first rebuild: the old copy goes last, after the new table took the name.
          if (original !== undefined) {
            const before = dropped.get(sqliteKey(original));
            if (before && ctx.schema.table(original)) rebuilt.set(sqliteKey(original), { before, range: statement.range });
            continue;
          }
          const before = snapshot(ctx.schema, name);
          if (before) dropped.set(sqliteKey(name), before);
        }
      },
      alter_table_stmt(node, statement, ctx) {
        const from = alteredTable(node);
        for (const a of node.actions.items) {
          if (a.type !== 'alter_action_rename') continue;
          const to = entityName(a.newName);
          const before = dropped.get(sqliteKey(to));
          if (before) rebuilt.set(sqliteKey(to), { before, range: statement.range });
          else {
            const old = snapshot(ctx.schema, from);
            if (old) {
              dropped.set(sqliteKey(from), old);
              renamedAway.set(sqliteKey(to), from);
            }
          }
        }
      },
      end(ctx) {
        for (const [key, { before, range }] of rebuilt) {
          const after = ctx.schema.table(key);
          if (!after) continue;
          const lost = lostObjects(before, after, ctx.schema);
          if (lost.length) report({ messageId: 'lost', data: { table: after.name, lost: lost.join('; ') }, range });
        }
      },
    };
  },
});

/** What `before` had that the rebuilt table (and the schema's indexes and triggers on it) does not. */
function lostObjects(before: Before, after: SqliteTable, schema: SqliteSchema): string[] {
  const lost: string[] = [];
  const indexes = schema.indexesOf(after.name);
  const sig = (i: { columns: string[]; unique: boolean }) => `${i.unique ? 'u' : ''}:${i.columns.join(',')}`;
  // PRIMARY KEY and UNIQUE written into the new table keep what a unique index did.
  const keys = [...after.keys, ...after.columns.filter((c) => c.unique || c.primaryKey).map((c) => [sqliteKey(c.name)])];
  const kept = new Set([...indexes.map(sig), ...keys.map((k) => sig({ columns: k, unique: true }))]);
  for (const i of before.indexes) if (!kept.has(sig(i)) && !(!i.unique && kept.has(sig({ ...i, unique: true })))) lost.push(`${i.unique ? 'unique ' : ''}index ${i.name} (${i.columns.join(', ')})`);
  const triggers = new Set(schema.triggersOf(after.name).map((t) => sqliteKey(t.name)));
  for (const t of before.triggers) if (!triggers.has(sqliteKey(t.name))) lost.push(`trigger ${t.name}`);
  const norm = (s: string) => s.replace(/\s+/g, '').toLowerCase();
  const checks = new Set(after.checks.map(norm));
  for (const c of before.table.checks) if (!checks.has(norm(c))) lost.push(`CHECK ${c}`);
  const fkKey = (fk: { columns: string[]; table: string }) => `${fk.columns.map(sqliteKey).join(',')}>${sqliteKey(fk.table)}`;
  const fks = new Set(after.foreignKeys.map(fkKey));
  for (const fk of before.table.foreignKeys) if (!fks.has(fkKey(fk))) lost.push(`foreign key ${fk.text}`);
  return lost;
}
