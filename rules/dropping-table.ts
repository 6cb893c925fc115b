import { defineRule } from '../src/lint/rule';
import { droppedNames } from '../src/sql/ast';
import { isNewTable } from '../src/lint/created';

const KINDS: Record<string, string> = { OBJECT_TABLE: 'Table', OBJECT_MATVIEW: 'Materialized view', OBJECT_FOREIGN_TABLE: 'Foreign table' };

/** DROP TABLE on a table that existed before this migration. */
export default defineRule({
  meta: {
    id: 'dropping-table',
    severity: 'error',
    summary: 'Dropping a table that running code may still use',
    why: 'The old application version keeps running during the deploy; every query on the table fails with `relation "t" does not exist`, and an application rollback cannot bring it back. Its rows are gone for good: a down migration can recreate the table but not its data. DROP TABLE takes an ACCESS EXCLUSIVE lock, so it also waits behind (and then blocks) every open transaction that touched the table; with CASCADE it silently drops dependent views and foreign keys of other tables too. A table created earlier in the same migration is not flagged.',
    fix: "Expand/contract: stop using the table in the application, deploy, then drop it in a later migration (optionally rename it first and keep it for a release, so a mistake is a rename away from being undone):\n\n```sql\n-- release 1: application stops using old_events (no migration)\n-- release 2:\nALTER TABLE old_events RENAME TO old_events_deprecated;  -- anything still using it fails loudly, and is reversible\n-- release 3, after a quiet period:\nSET lock_timeout = '2s';\n-- migration-guard-ignore dropping-table: unused since release 1\nDROP TABLE old_events_deprecated;\nRESET lock_timeout;\n```",
    examples: {
      bad: ['DROP TABLE old_events;', 'DROP TABLE IF EXISTS audit.old_events, sessions CASCADE;', 'DROP MATERIALIZED VIEW monthly_totals;'],
      good: [
        'CREATE TABLE scratch (id bigint); DROP TABLE scratch;',
        'CREATE TABLE staging (id bigint); ALTER TABLE staging RENAME TO staging_tmp; DROP TABLE staging_tmp;',
        'DROP VIEW active_users;',
        'CREATE TEMP TABLE t AS SELECT 1 AS x; DROP TABLE t;',
      ],
    },
    squawk: ['ban-drop-table'],
  },
  create: ({ report }) => ({
    DropStmt(node, statement, ctx) {
      const kind = KINDS[node.removeType ?? ''];
      if (!kind) return;
      for (const name of droppedNames(node)) {
        if (isNewTable(ctx, name)) continue;
        const cascade = node.behavior === 'DROP_CASCADE' ? ' CASCADE also drops every view and foreign key that depends on it.' : '';
        report({ message: `${kind} ${name} is dropped: running code that still uses it fails, and its rows are lost for good.${cascade}` });
      }
    },
  }),
});
