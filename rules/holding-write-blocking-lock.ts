import { defineRule } from '../src/lint/rule';
import { extendsHold, withoutDropped } from '../src/lint/holds';
import { lockModeSql } from '../src/lint/locks';

/** More work in the same transaction after a lock that blocks writes (SHARE … EXCLUSIVE) was taken on an existing table. */
export default defineRule({
  meta: {
    id: 'holding-write-blocking-lock',
    severity: 'warning',
    work: 'lock',
    summary: 'Work continues in a transaction that holds a lock blocking writes',
    why: 'CREATE INDEX (SHARE), ADD FOREIGN KEY and CREATE TRIGGER (SHARE ROW EXCLUSIVE) and LOCK … IN SHARE/EXCLUSIVE MODE take locks that let reads through but make every INSERT, UPDATE and DELETE on the table wait (checked in pg_locks on PostgreSQL 15 and 18), and the lock is held until the transaction ends. Each further statement in the same transaction (a backfill, another index build, a wait for a lock on a second table) keeps the table read-only that much longer. holding-access-exclusive-lock covers ACCESS EXCLUSIVE, which blocks reads too; tables created in the same migration are not counted.',
    fix: "Commit right after the statement that takes the lock, and do the rest in its own transaction, or build indexes concurrently outside any transaction:\n\n```sql\nBEGIN;\nSET LOCAL lock_timeout = '2s';\nALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;\nCOMMIT;\nALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk;\nCREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id);\n```",
    examples: {
      bad: [
        "BEGIN;\nCREATE INDEX orders_status_idx ON orders (status);\nUPDATE orders SET status = 'new' WHERE status IS NULL;\nCOMMIT;",
        'BEGIN;\nCREATE INDEX orders_a_idx ON orders (a);\nCREATE INDEX invoices_a_idx ON invoices (a);\nCOMMIT;',
      ],
      good: [
        "BEGIN;\nCREATE INDEX orders_a_idx ON orders (a);\nCOMMENT ON INDEX orders_a_idx IS 'by a';\nCOMMIT;",
        'CREATE INDEX orders_a_idx ON orders (a);\nUPDATE orders SET a = 1 WHERE a IS NULL;',
      ],
    },
    messages: { held: 'The {{locks}} taken earlier in this transaction {{are}} still held while this statement runs ({{why}}): writes to {{tables}} wait until the transaction commits' },
  },
  create: ({ report }) => ({
    '*'(statement, ctx) {
      if (!ctx.inTransaction || !ctx.runsDuringMigration || ctx.writeBlockingHeld.size === 0) return;
      // ACCESS EXCLUSIVE on the same table is the other rule's.
      const held = new Map([...withoutDropped(ctx, ctx.writeBlockingHeld)].filter(([t]) => !ctx.accessExclusiveHeld.has(t)));
      if (held.size === 0) return;
      const why = extendsHold(statement, ctx, held);
      if (!why) return;
      const first = Math.min(...[...held.values()].map((h) => h.line));
      if (!ctx.once(`holding-write-blocking-lock:${first}`)) return; // once per transaction
      const locks = [...held].map(([t, h]) => `${lockModeSql(h.mode)} lock on ${t} (line ${h.line})`);
      report({ messageId: 'held', data: { locks: locks.join(', '), are: locks.length > 1 ? 'are' : 'is', why, tables: [...held.keys()].join(', ') } });
    },
  }),
});
