import { defineRule } from '../src/lint/rule';
import { alterCommands, alterCommandsOn, relationName } from '../src/sql/ast';
import type { pg } from '../src/sql/nodes';

const DISABLING = new Set(['AT_DisableTrig', 'AT_DisableTrigAll', 'AT_DisableTrigUser']);

/** Whether `enable` turns back on what `disable` turned off (ALL covers everything, USER the user triggers, a name itself). */
function enables(enable: pg.AlterTableCmd, disable: pg.AlterTableCmd): boolean {
  if (enable.subtype === 'AT_EnableTrigAll') return true;
  if (enable.subtype === 'AT_EnableTrigUser') return disable.subtype !== 'AT_DisableTrigAll';
  const named = enable.subtype === 'AT_EnableTrig' || enable.subtype === 'AT_EnableAlwaysTrig' || enable.subtype === 'AT_EnableReplicaTrig';
  return named && disable.subtype === 'AT_DisableTrig' && enable.name === disable.name;
}

/** ALTER TABLE … DISABLE TRIGGER left disabled when the migration ends. */
export default defineRule({
  meta: {
    id: 'disabling-triggers',
    severity: 'warning',
    work: 'lock',
    summary: 'Disabling triggers and leaving them disabled',
    why: "`ALTER TABLE t DISABLE TRIGGER ALL` also disables the internal triggers that enforce foreign keys: from then on, deletes on the parent and inserts into the child are not checked, and the orphans stay when the triggers come back (re-enabling checks nothing; checked on PostgreSQL 15 and 18). `DISABLE TRIGGER USER` or a named trigger silently stops the application's audit, cache or denormalization triggers. Either way the statement takes SHARE ROW EXCLUSIVE on the table (blocks writes; checked in pg_locks), and a migration that does not enable them again leaves production running without them. Reported when the same file does not re-enable them.",
    fix: "Do not disable triggers in a migration. For a bulk backfill that must skip a trigger, batch the backfill and let the trigger run, or give the trigger a guard (`WHEN (current_setting('app.backfill', true) IS DISTINCT FROM 'on')`) and `SET LOCAL app.backfill = 'on'` in the backfill's transaction. If you must, enable them again in the same transaction and check the foreign keys yourself:\n\n```sql\nBEGIN;\nALTER TABLE orders DISABLE TRIGGER orders_audit;\n-- … backfill …\nALTER TABLE orders ENABLE TRIGGER orders_audit;\nCOMMIT;\n```",
    examples: {
      bad: ['ALTER TABLE orders DISABLE TRIGGER ALL;', 'ALTER TABLE orders DISABLE TRIGGER orders_audit;\nUPDATE orders SET total = 0 WHERE total IS NULL;'],
      good: [
        'BEGIN;\nALTER TABLE orders DISABLE TRIGGER orders_audit;\nUPDATE orders SET total = 0 WHERE total IS NULL;\nALTER TABLE orders ENABLE TRIGGER orders_audit;\nCOMMIT;',
        'CREATE TABLE t (id int);\nALTER TABLE t DISABLE TRIGGER ALL;',
      ],
    },
    messages: {
      all: 'DISABLE TRIGGER ALL on {{table}} turns off its foreign-key checks too, and this migration never enables them again: rows that break the foreign keys get in unchecked',
      some: 'DISABLE TRIGGER {{which}} on {{table}}, never enabled again in this migration: production runs without them',
    },
  },
  create: ({ report, statements }) => ({
    AlterTableStmt(n, statement, ctx) {
      const table = relationName(n.relation);
      if (!table || ctx.isNew(table)) return;
      for (const cmd of alterCommands(n)) {
        if (!DISABLING.has(cmd.subtype ?? '')) continue;
        // Enabled again later in the file: a deliberate bracket (e.g. around a backfill).
        if (alterCommandsOn(statements, table, ctx.index + 1).some((c) => enables(c, cmd))) continue;
        if (cmd.subtype === 'AT_DisableTrigAll') report({ messageId: 'all', data: { table } });
        else report({ messageId: 'some', data: { table, which: cmd.subtype === 'AT_DisableTrigUser' ? 'USER' : (cmd.name ?? '') } });
      }
    },
  }),
});
