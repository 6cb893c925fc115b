import { defineRule } from '../src/lint/rule';

/** BEGIN with no COMMIT or ROLLBACK by the end of the file. */
export default defineRule({
  meta: {
    id: 'uncommitted-transaction',
    severity: 'error',
    summary: 'A transaction opened with BEGIN is never committed',
    why: 'The file opens a transaction and ends without COMMIT or ROLLBACK. What happens next depends on the tool: psql and most drivers roll the open transaction back when the session ends, so every change of the migration silently disappears while the framework records it as applied; a pooled connection may instead be handed to the application still inside the transaction, holding every lock the migration took until something commits or kills it.',
    fix: 'End the transaction in the same file:\n\n```sql\nBEGIN;\nALTER TABLE users ADD COLUMN status text;\nCOMMIT;\n```\n\nor remove BEGIN and let the framework run the file in its transaction.',
    examples: {
      bad: ['BEGIN;\nALTER TABLE users ADD COLUMN status text;', "BEGIN;\nCOMMIT;\nSTART TRANSACTION;\nUPDATE users SET status = 'active';"],
      good: [
        'BEGIN;\nALTER TABLE users ADD COLUMN status text;\nCOMMIT;',
        'BEGIN;\nALTER TABLE users ADD COLUMN status text;\nROLLBACK;',
        'BEGIN;\nALTER TABLE users ADD COLUMN status text;\nEND;',
        'ALTER TABLE users ADD COLUMN status text;',
      ],
    },
    squawk: ['ban-uncommitted-transaction'],
  },
  create: ({ report }) => ({
    end(ctx) {
      const begin = ctx.explicitTransactionStart;
      // In a file the framework wraps, its own COMMIT closes it (`COMMIT; … BEGIN;` escape hatch: see transaction-nesting).
      if (!begin || ctx.frameworkTransaction) return;
      report({
        message: `The transaction opened at line ${begin.range.line} is never committed: when the session ends Postgres rolls back every change made since, or the connection stays in an open transaction holding its locks.`,
        range: begin.range,
      });
    },
  }),
});
