import { defineSqliteRule } from '../src/lint/rule';
import type { Range } from '../src/types';
import { alteredTable, pragmaOn, pragmaValue } from '../src/sqlite/ast';
import { versionAtLeast } from '../src/sqlite/context';
import { entityName, sqliteKey } from '../src/sqlite/schema';

/** ON DELETE actions that change child rows when the parent's rows go. */
const DESTRUCTIVE = new Set(['CASCADE', 'SET NULL', 'SET DEFAULT']);

/** SQLite: dropping or renaming away a table other tables reference, while foreign keys are (or may be) enforced. */
export default defineSqliteRule({
  meta: {
    id: 'sqlite-rebuild-with-foreign-keys',
    severity: 'error',
    summary: 'SQLite: a table rebuild while foreign keys are enforced',
    why: "With `PRAGMA foreign_keys = ON`, DROP TABLE first deletes the table's rows: child rows with ON DELETE CASCADE are deleted, SET NULL ones lose their parent, and the rest make the DROP fail (checked on SQLite 3.53: a rebuild of a parent table emptied its CASCADE child). The pragma cannot be changed inside a transaction (it is silently ignored), so turning it off inside the migration's transaction does nothing. Renaming the parent away first (`ALTER TABLE users RENAME TO users_old`) rewrites the children's foreign keys to point at `users_old` (SQLite 3.26+), which the rebuild then drops.",
    fix: 'Run the rebuild with foreign keys off, set outside any transaction, and check them before turning them back on:\n\n```sql\nPRAGMA foreign_keys = OFF;\nBEGIN;\nCREATE TABLE users_new (…);\nINSERT INTO users_new SELECT … FROM users;\nDROP TABLE users;\nALTER TABLE users_new RENAME TO users;\nPRAGMA foreign_key_check;\nCOMMIT;\nPRAGMA foreign_keys = ON;\n```\n\nAlembic: batch mode on SQLite needs `PRAGMA foreign_keys=OFF` issued by env.py before `context.begin_transaction()`. Create the new table under a temporary name and rename it; never rename the old table away.',
    examples: {
      bad: [
        'PRAGMA foreign_keys = ON;\nCREATE TABLE users (id INTEGER PRIMARY KEY);\nCREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INT REFERENCES users (id) ON DELETE CASCADE);\nCREATE TABLE users_new (id INTEGER PRIMARY KEY, name TEXT);\nINSERT INTO users_new (id) SELECT id FROM users;\nDROP TABLE users;\nALTER TABLE users_new RENAME TO users;',
        'BEGIN;\nPRAGMA foreign_keys = OFF;\nDROP TABLE t_old;\nCOMMIT;',
      ],
      good: [
        'PRAGMA foreign_keys = OFF;\nCREATE TABLE users (id INTEGER PRIMARY KEY);\nCREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INT REFERENCES users (id) ON DELETE CASCADE);\nCREATE TABLE users_new (id INTEGER PRIMARY KEY, name TEXT);\nINSERT INTO users_new (id) SELECT id FROM users;\nDROP TABLE users;\nALTER TABLE users_new RENAME TO users;\nPRAGMA foreign_keys = ON;',
        'CREATE TABLE tags (id INTEGER PRIMARY KEY);\nDROP TABLE tags;',
      ],
    },
    messages: {
      drop: 'DROP TABLE {{table}} with foreign keys {{state}}: {{children}} reference it; SQLite deletes its rows first, so {{effect}}',
      inTransaction: 'PRAGMA foreign_keys inside a transaction is ignored by SQLite: foreign keys stay as they were for the rest of this migration',
      renameAway: 'Renaming {{table}} away rewrites the foreign keys of {{children}} to point at {{to}} (SQLite 3.26+): when the rebuild drops {{to}}, they reference a table that no longer exists',
    },
  },
  create: ({ report, options }) => {
    /** Tables renamed away (`users` → `users_old`) while others referenced them: the copy's key → the rename. */
    const renamedAway = new Map<string, { table: string; range: Range }>();
    return {
      pragma_stmt(node, statement, ctx) {
        if (node.pragma.type !== 'pragma_assignment' || sqliteKey(entityName(node.pragma.name)) !== 'foreign_keys') return;
        if (ctx.inTransaction && !pragmaOn(pragmaValue(node.pragma))) report({ messageId: 'inTransaction' });
      },
      drop_table_stmt(node, statement, ctx) {
        for (const e of node.tables.items) {
          const table = entityName(e);
          const refs = ctx.schema.referencing(table);
          if (!refs.length) continue;
          const away = renamedAway.get(sqliteKey(table));
          if (away) {
            report({ messageId: 'renameAway', data: { table: away.table, to: table, children: [...new Set(refs.map((r) => r.from))].join(', ') }, range: away.range });
            continue;
          }
          if (ctx.foreignKeys === 'off') continue;
          const destructive = refs.filter((r) => DESTRUCTIVE.has(r.fk.onDelete ?? ''));
          // Unknown setting (SQLite's default is off; many apps turn it on): only where it would change data silently.
          if (ctx.foreignKeys === 'unknown' && !destructive.length) continue;
          const state = ctx.foreignKeys === 'on' ? 'ON' : 'possibly ON (this migration does not turn them off)';
          const effect = destructive.length
            ? `${destructive.map((r) => `${r.from} (ON DELETE ${r.fk.onDelete})`).join(', ')} lose${destructive.length === 1 ? 's' : ''} rows or parents`
            : 'the DROP fails with "FOREIGN KEY constraint failed"';
          report({ messageId: 'drop', data: { table, state, children: [...new Set(refs.map((r) => r.from))].join(', '), effect }, range: statement.rangeOf(e) });
        }
      },
      alter_table_stmt(node, statement, ctx) {
        if (!versionAtLeast(options.sqliteVersion, '3.26.0')) return;
        const table = alteredTable(node);
        for (const a of node.actions.items) {
          if (a.type !== 'alter_action_rename') continue;
          if (ctx.schema.referencing(table).length) renamedAway.set(sqliteKey(entityName(a.newName)), { table, range: statement.range });
        }
      },
    };
  },
});
