import { defineRule } from '../src/lint/rule';
import { alterCommands, relationName } from '../src/sql/ast';

/** SET LOGGED / SET UNLOGGED rewrite the table under ACCESS EXCLUSIVE. */
export default defineRule({
  meta: {
    id: 'setting-table-logged',
    severity: 'error',
    work: 'rewrite',
    summary: 'Switching a table between LOGGED and UNLOGGED',
    why: 'ALTER TABLE … SET LOGGED and SET UNLOGGED write a complete new copy of the table and its indexes while holding ACCESS EXCLUSIVE (checked on PostgreSQL 15 and 18: new relfilenode): no reads or writes until it finishes. SET LOGGED also writes the whole table to the WAL, which can swamp replicas. Tables created in the same migration are not reported.',
    fix: 'Decide persistence when the table is created, or copy into a new table of the desired kind and swap names in a short transaction:\n\n```sql\nCREATE TABLE events_logged (LIKE events INCLUDING ALL);\n-- copy in batches, then:\nBEGIN;\nALTER TABLE events RENAME TO events_unlogged_old;\nALTER TABLE events_logged RENAME TO events;\nCOMMIT;\n```',
    examples: {
      bad: ['ALTER TABLE events SET LOGGED;', 'ALTER TABLE events SET UNLOGGED;'],
      good: ['CREATE UNLOGGED TABLE staging (id int); ALTER TABLE staging SET LOGGED;', 'ALTER TABLE events SET (fillfactor = 90);'],
    },
  },
  create: ({ report }) => ({
    AlterTableStmt(n, statement, ctx) {
      if (ctx.isNew(n.relation?.relname)) return;
      for (const cmd of alterCommands(n)) {
        if (cmd.subtype !== 'AT_SetLogged' && cmd.subtype !== 'AT_SetUnLogged') continue;
        const table = relationName(n.relation);
        report({
          message: `SET ${cmd.subtype === 'AT_SetLogged' ? 'LOGGED' : 'UNLOGGED'} rewrites ${table} and its indexes under ACCESS EXCLUSIVE: no reads or writes until it finishes.`,
        });
      }
    },
  }),
});
