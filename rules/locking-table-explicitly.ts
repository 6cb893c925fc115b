import { defineRule } from '../src/lint/rule';
import { as, relationName } from '../src/sql/ast';

const MODE_NAMES = ['', 'ACCESS SHARE', 'ROW SHARE', 'ROW EXCLUSIVE', 'SHARE UPDATE EXCLUSIVE', 'SHARE', 'SHARE ROW EXCLUSIVE', 'EXCLUSIVE', 'ACCESS EXCLUSIVE'];
/** SHARE (5) and stronger conflict with ROW EXCLUSIVE, i.e. block writes. */
const BLOCKS_WRITES = 5;

/** LOCK TABLE in a mode that blocks writes (or reads) holds it until the transaction ends. */
export default defineRule({
  meta: {
    id: 'locking-table-explicitly',
    severity: 'warning',
    work: 'lock',
    summary: 'Locking a table explicitly in a mode that blocks writes',
    why: 'LOCK TABLE without a mode takes ACCESS EXCLUSIVE (verified in pg_locks on PostgreSQL 15 and 18), which blocks every read and write of the table; SHARE and stronger modes block writes. The lock is held until the transaction ends, so everything else the migration does inside that transaction extends the outage, and while LOCK TABLE waits for running queries, every new query on the table queues behind it. Modes weaker than SHARE (ACCESS SHARE … SHARE UPDATE EXCLUSIVE) do not block writes and are not reported, nor are tables created in the same migration.',
    fix: "Usually the statements that follow take the locks they need by themselves: drop the LOCK TABLE. If you need it (e.g. to serialize with a backfill), take the weakest mode that works, keep the transaction short and bound the wait:\n\n```sql\nBEGIN;\nSET LOCAL lock_timeout = '3s';\nLOCK TABLE orders IN SHARE UPDATE EXCLUSIVE MODE;  -- blocks other DDL and VACUUM, not reads or writes\n-- … short work …\nCOMMIT;\n```",
    examples: {
      bad: ['BEGIN; LOCK TABLE orders; COMMIT;', 'LOCK TABLE orders, customers IN SHARE MODE;', 'LOCK orders IN ACCESS EXCLUSIVE MODE NOWAIT;'],
      good: ['LOCK TABLE orders IN SHARE UPDATE EXCLUSIVE MODE;', 'LOCK TABLE orders IN ACCESS SHARE MODE;', 'CREATE TABLE orders (id int); LOCK TABLE orders IN ACCESS EXCLUSIVE MODE;'],
    },
  },
  create: ({ report }) => ({
    LockStmt(n, statement, ctx) {
      const mode = typeof n.mode === 'number' ? n.mode : 8;
      if (mode < BLOCKS_WRITES) return;
      const tables = (n.relations ?? []).map((r) => relationName(as(r, 'RangeVar'))).filter((t: string | undefined): t is string => !!t && !ctx.isNew(t));
      if (tables.length === 0) return;
      report({
        message: `LOCK TABLE ${tables.join(', ')} takes ${MODE_NAMES[mode] ?? 'a strong lock'}: ${mode === 8 ? 'all reads and writes' : 'all writes'} wait until the transaction ends.`,
      });
    },
  }),
});
