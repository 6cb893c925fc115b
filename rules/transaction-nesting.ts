import { defineRule } from '../src/lint/rule';

const OPENS = new Set(['TRANS_STMT_BEGIN', 'TRANS_STMT_START']);
const CLOSES = new Set(['TRANS_STMT_COMMIT', 'TRANS_STMT_ROLLBACK']);

/** BEGIN inside a transaction, or transaction control in a file the framework already wraps. */
export default defineRule({
  meta: {
    id: 'transaction-nesting',
    severity: 'warning',
    summary: 'BEGIN inside a transaction, or BEGIN/COMMIT in a file the framework already wraps',
    why: "Postgres does not nest transactions. A second BEGIN is ignored with `WARNING: there is already a transaction in progress`, and the first COMMIT then ends the one and only transaction: everything after it runs in autocommit, one statement at a time, so a later failure leaves the migration half applied. The same happens when the migration framework already runs the file in a transaction (goose, dbmate, Flyway, node-pg-migrate, Diesel by default): the file's COMMIT commits the framework's transaction early, the rest is no longer atomic, and the framework's own COMMIT finds no transaction. SAVEPOINT is the way to nest.",
    fix: "Leave transaction control to the framework: remove BEGIN/COMMIT from the file. When a statement must run outside a transaction (CREATE INDEX CONCURRENTLY, ALTER TYPE … ADD VALUE on old versions), put it in its own migration and use the framework's switch (`-- +goose NO TRANSACTION`, `-- migrate:up transaction:false`, Flyway `executeInTransaction=false`) instead of a COMMIT in the middle. To nest, use savepoints:\n\n```sql\nSAVEPOINT before_backfill;\nUPDATE users SET status = 'active' WHERE status IS NULL;\nRELEASE SAVEPOINT before_backfill;\n```",
    examples: {
      bad: ["BEGIN;\nALTER TABLE users ADD COLUMN status text;\nBEGIN;\nUPDATE users SET status = 'active';\nCOMMIT;\nCOMMIT;", 'START TRANSACTION;\nBEGIN;\nCOMMIT;'],
      good: [
        'BEGIN;\nALTER TABLE users ADD COLUMN status text;\nCOMMIT;',
        'BEGIN;\nALTER TABLE users ADD COLUMN status text;\nCOMMIT;\nBEGIN;\nALTER TABLE orders ADD COLUMN note text;\nCOMMIT;',
        'BEGIN;\nSAVEPOINT a;\nALTER TABLE users ADD COLUMN status text;\nRELEASE SAVEPOINT a;\nCOMMIT;',
      ],
    },
    squawk: ['transaction-nesting'],
  },
  create: ({ report }) => ({
    TransactionStmt(node, statement, ctx) {
      if (statement.embedded) return;
      const kind = node.kind ?? '';
      if (OPENS.has(kind) && ctx.inTransaction) {
        if (ctx.explicitTransactionStart) {
          report({
            message: `BEGIN inside the transaction opened at line ${ctx.explicitTransactionStart.range.line}: Postgres ignores it ("there is already a transaction in progress"), and the next COMMIT ends the outer transaction too.`,
          });
        } else if (ctx.frameworkTransaction && ctx.once('transaction-nesting:framework')) {
          report({
            message:
              "BEGIN in a file the migration framework already runs in a transaction: Postgres ignores it, and a COMMIT in the file commits the framework's transaction early, so the statements after it are no longer atomic.",
          });
        }
        return;
      }
      if (CLOSES.has(kind) && ctx.frameworkTransaction && !ctx.explicitTransactionStart && ctx.inTransaction && ctx.once('transaction-nesting:framework')) {
        report({
          message: `${kind === 'TRANS_STMT_COMMIT' ? 'COMMIT' : 'ROLLBACK'} in a file the migration framework already runs in a transaction: it ends the framework's transaction early, the statements after it run one by one outside any transaction, and the framework's own COMMIT finds none.`,
        });
      }
    },
  }),
});
