import { defineRule } from '../src/lint/rule';
import { as, relationName } from '../src/sql/ast';

/** LOCK TABLE outside a transaction block fails. */
export default defineRule({
  meta: {
    id: 'locking-table-outside-transaction',
    severity: 'error',
    summary: 'LOCK TABLE outside a transaction block',
    why: 'Postgres refuses LOCK TABLE outside a transaction block (`LOCK TABLE can only be used in transaction blocks`, checked on PostgreSQL 15 and 18): a lock taken in autocommit would end with the statement, so the command is an error. In a migration the tool runs without a transaction (goose `NO TRANSACTION`, dbmate `transaction:false`, a file with CREATE INDEX CONCURRENTLY), the migration fails at that line.',
    fix: "Put the LOCK TABLE and the work it protects in one explicit transaction, or drop it (the following statements take the locks they need):\n\n```sql\nBEGIN;\nSET LOCAL lock_timeout = '3s';\nLOCK TABLE orders IN SHARE ROW EXCLUSIVE MODE;\n-- … the work that needs the lock …\nCOMMIT;\n```",
    examples: {
      bad: ['LOCK TABLE orders IN SHARE MODE;', 'SELECT 1;\nLOCK orders;'],
      good: ['BEGIN;\nLOCK TABLE orders IN SHARE MODE;\nCOMMIT;'],
    },
    messages: { outside: 'LOCK TABLE {{tables}} outside a transaction block fails ("LOCK TABLE can only be used in transaction blocks"): this migration runs without one here' },
  },
  create: ({ report }) => ({
    LockStmt(n, statement, ctx) {
      if (ctx.inTransaction || ctx.implicitTransactionBlock || statement.embedded) return;
      const tables = (n.relations ?? []).map((r) => relationName(as(r, 'RangeVar')) ?? '?');
      report({ messageId: 'outside', data: { tables: tables.join(', ') } });
    },
  }),
});
