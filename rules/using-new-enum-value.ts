import { defineRule } from '../src/lint/rule';
import type { Statement } from '../src/types';
import { nameOf, walk } from '../src/sql/ast';
import type { pg } from '../src/sql/nodes';
import type { LintContext } from '../src/lint/context';

/** A value added with ALTER TYPE … ADD VALUE, used before the transaction that added it commits. */
export default defineRule({
  meta: {
    id: 'using-new-enum-value',
    severity: 'error',
    summary: 'Using an enum value in the transaction that added it',
    why: 'A value added by `ALTER TYPE … ADD VALUE` cannot be used until the transaction that added it commits: a later statement of the same transaction that stores or compares it fails with `unsafe use of new value "…" of enum type …` (PostgreSQL 12 and later; checked on 15 and 18). Migration tools that wrap each file in a transaction make the common "add the value, then backfill with it" file fail, and only where the statement really reads the value. Before PostgreSQL 12, ADD VALUE cannot run inside a transaction block at all. Since PostgreSQL 17 a type created in the same transaction is the exception (its new values are usable at once; checked: 15 refuses it, 18 allows it).',
    fix: "Add the value in its own migration (or commit before using it), and use it in the next one:\n\n```sql\n-- migration 1\nALTER TYPE order_status ADD VALUE IF NOT EXISTS 'refunded';\n-- migration 2\nUPDATE orders SET status = 'refunded' WHERE refunded_at IS NOT NULL;\n```",
    examples: {
      bad: [
        "BEGIN;\nALTER TYPE order_status ADD VALUE 'refunded';\nUPDATE orders SET status = 'refunded' WHERE refunded_at IS NOT NULL;\nCOMMIT;",
        "BEGIN;\nALTER TYPE order_status ADD VALUE 'archived';\nALTER TABLE orders ALTER COLUMN status SET DEFAULT 'archived';\nCOMMIT;",
      ],
      good: [
        "ALTER TYPE order_status ADD VALUE 'refunded';\nUPDATE orders SET status = 'refunded' WHERE refunded_at IS NOT NULL;",
        "BEGIN;\nALTER TYPE order_status ADD VALUE 'refunded';\nCOMMIT;\nUPDATE orders SET status = 'refunded' WHERE refunded_at IS NOT NULL;",
      ],
    },
    messages: {
      used: '\'{{value}}\' was added to {{type}} earlier in this transaction (line {{line}}): using it before COMMIT fails ("unsafe use of new value")',
      oldServer: 'ALTER TYPE … ADD VALUE inside a transaction block fails before PostgreSQL 12 (the target is {{version}})',
    },
  },
  create: ({ report }) => {
    /** Values added in the current transaction: label → type and line; forgotten when it ends. */
    let added = new Map<string, { type: string; line: number }>();
    let transaction: Statement | 'file' | undefined;
    /** The transaction the statement runs in (its BEGIN, or the tool's for the whole file); a new one forgets the values. */
    const enter = (ctx: LintContext) => {
      const current = ctx.explicitTransactionStart ?? (ctx.inTransaction || ctx.implicitTransactionBlock ? 'file' : undefined);
      if (current !== transaction) {
        added = new Map<string, { type: string; line: number }>();
        transaction = current;
      }
      return current;
    };
    return {
      AlterEnumStmt(n, statement, ctx) {
        // RENAME VALUE; autocommit (committed at once); since PostgreSQL 17 a type created in the same transaction (checked: 15 refuses, 18 allows).
        if (!n.newVal || !enter(ctx) || (ctx.pgVersion >= 17 && ctx.isNew(nameOf(n.typeName)))) return;
        if (ctx.pgVersion < 12) report({ messageId: 'oldServer', data: { version: ctx.pgVersion } });
        added.set(n.newVal, { type: nameOf(n.typeName), line: statement.range.line });
      },
      '*'(statement, ctx) {
        if (!enter(ctx) || added.size === 0 || statement.kind === 'AlterEnumStmt') return;
        const used = new Set<string>();
        walk(statement.node, (kind, body) => {
          const value = kind === 'A_Const' ? (body as pg.A_Const).sval?.sval : undefined;
          if (value !== undefined && added.has(value)) used.add(value);
        });
        for (const value of used) {
          const { type, line } = added.get(value)!;
          report({ messageId: 'used', data: { value, type, line } });
        }
      },
    };
  },
});
