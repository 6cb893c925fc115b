import type { Statement } from '../src/types';
import { defineRule } from '../src/lint/rule';
import { bareName } from '../src/sql/ast';
import { accessExclusiveTables } from '../src/lint/locks';
import { isNewTable } from '../src/lint/created';
import { commandName, earlierInTransaction, isDataChange, isLiteralInsert, writtenTable } from '../src/lint/data-changes';

/** Schema changes that lock a table, and data changes, in the same transaction. */
export default defineRule({
  meta: {
    id: 'mixing-schema-and-data-changes',
    severity: 'warning',
    summary: 'Schema change and data change on existing tables in one transaction',
    why: 'Locks are held until the transaction ends. When a data change (UPDATE, DELETE, MERGE, INSERT … SELECT, COPY) runs after a schema change that took an ACCESS EXCLUSIVE lock on an existing table, that table stays locked, for reads too, for as long as the data change takes: a backfill right after `ADD COLUMN` turns an instant change into an outage. In the other order, a schema change after writing rows of the same table fails outright with `cannot ALTER TABLE "t" because it has pending trigger events` whenever the table has deferred constraint triggers (Django, for one, creates every foreign key DEFERRABLE INITIALLY DEFERRED), and upgrading the row locks to ACCESS EXCLUSIVE invites deadlocks with the application. Decided per transaction (explicit BEGIN, or the framework\'s transaction); outside a transaction each statement commits on its own and is not flagged. Tables created in the same migration are exempt, and an `INSERT … VALUES` after a schema change is not flagged (it writes a fixed, small number of rows).',
    fix: 'Put the data change in its own migration (or its own transaction), after the schema change has committed, and batch it:\n\n```sql\n-- migration 1\nALTER TABLE users ADD COLUMN region text;\n\n-- migration 2 (separate transaction; see unbatched-data-change for batching)\nUPDATE users SET region = country\nWHERE id IN (SELECT id FROM users WHERE region IS NULL ORDER BY id LIMIT 5000);\n```',
    examples: {
      bad: [
        'BEGIN; ALTER TABLE users ADD COLUMN region text; UPDATE users SET region = country WHERE id < 1000; COMMIT;',
        'BEGIN; ALTER TABLE orders ALTER COLUMN note TYPE text; DELETE FROM sessions WHERE expired; COMMIT;',
        'BEGIN; INSERT INTO orders (id, user_id) VALUES (1, 2); ALTER TABLE orders ADD COLUMN note text; COMMIT;',
        'BEGIN; ALTER TABLE users RENAME COLUMN nm TO name; INSERT INTO users_archive SELECT * FROM users WHERE deleted; COMMIT;',
        'BEGIN; ALTER TABLE users ADD COLUMN region text; UPDATE users SET region = country WHERE id < 1000; UPDATE users SET tier = 1 WHERE id < 1000; COMMIT;',
      ],
      good: [
        'ALTER TABLE users ADD COLUMN region text; UPDATE users SET region = country WHERE id < 1000;',
        'BEGIN; ALTER TABLE users ADD COLUMN region text; COMMIT; BEGIN; UPDATE users SET region = country WHERE id < 1000; COMMIT;',
        'BEGIN; CREATE TABLE plans (id bigint, name text); INSERT INTO plans SELECT id, name FROM legacy_plans WHERE active; ALTER TABLE plans ADD COLUMN price numeric; COMMIT;',
        "BEGIN; ALTER TABLE users ADD COLUMN region text; INSERT INTO regions (code) VALUES ('eu'), ('us'); COMMIT;",
        'BEGIN; LOCK TABLE counters IN ACCESS EXCLUSIVE MODE; UPDATE counters SET n = n + 1 WHERE id = 1; COMMIT;',
      ],
    },
  },
  create: ({ report }) => ({
    '*'(statement, ctx) {
      if (!ctx.inTransaction) return;
      // Data change while an earlier schema change holds ACCESS EXCLUSIVE.
      if (isDataChange(statement)) {
        if (isLiteralInsert(statement)) return;
        const target = writtenTable(statement);
        if (target && isNewTable(ctx, target) && statement.kind !== 'InsertStmt') return;
        // An explicit LOCK TABLE is a deliberate choice, not a schema change.
        const held = [...ctx.accessExclusiveHeld].filter(([, line]) => !ctx.statements.some((s) => s.range.line === line && s.kind === 'LockStmt'));
        if (held.length === 0) return;
        // One finding per transaction: the first long data change that runs under the lock.
        const firstLock = Math.min(...held.map(([, line]) => line));
        if (earlierInTransaction(ctx).some((s) => s.range.line >= firstLock && isDataChange(s) && !isLiteralInsert(s))) return;
        const shown = held.slice(0, 3).map(([t, line]) => `${t} (line ${line})`);
        const more = held.length > 3 ? ` and ${held.length - 3} more` : '';
        report({
          message: `${commandName(statement)} on ${target} runs in the same transaction as schema changes that hold ACCESS EXCLUSIVE on ${shown.join(', ')}${more}: every query on those tables waits until this data change, and everything after it, commits. Run data changes in their own transaction after the schema change.`,
        });
        return;
      }
      // Schema change of a table whose rows this transaction already wrote.
      const locked = accessExclusiveTables(statement);
      const earlier = locked.length > 0 ? earlierInTransaction(ctx) : [];
      for (const table of locked) {
        if (isNewTable(ctx, table)) continue;
        const same = (s: Statement) => bareName(writtenTable(s)) === bareName(table);
        const writerAt = earlier.findIndex((s) => isDataChange(s) && same(s));
        if (writerAt < 0) continue;
        const writer = earlier[writerAt];
        // Only the first schema change of the table after the write.
        if (earlier.slice(0, writerAt).some((s) => accessExclusiveTables(s).some((t) => bareName(t) === bareName(table)))) continue;
        report({
          message: `This schema change of ${table} comes after the ${commandName(writer)} of its rows at line ${writer.range.line}, in the same transaction: it fails with "cannot ALTER TABLE because it has pending trigger events" if the table has deferred constraints, and upgrading to ACCESS EXCLUSIVE risks deadlocks. Commit the data change first.`,
        });
      }
    },
  }),
});
