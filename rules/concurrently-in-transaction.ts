import type { Statement } from '../src/types';
import { defineRule } from '../src/lint/rule';
import type { LintContext } from '../src/lint/context';
import { as, alterCommands } from '../src/sql/ast';

/** The CONCURRENTLY operation a statement performs, as Postgres names it in its error, if any. */
function concurrentOperation(st: Statement): string | undefined {
  switch (st.kind) {
    case 'IndexStmt':
      return st.node.concurrent ? 'CREATE INDEX CONCURRENTLY' : undefined;
    case 'DropStmt':
      return st.node.concurrent && st.node.removeType === 'OBJECT_INDEX' ? 'DROP INDEX CONCURRENTLY' : undefined;
    case 'ReindexStmt':
      return (st.node.params ?? []).some((p) => as(p, 'DefElem')?.defname === 'concurrently') ? 'REINDEX CONCURRENTLY' : undefined;
    case 'AlterTableStmt':
      return alterCommands(st.node).some((c) => c.subtype === 'AT_DetachPartition' && as(c.def, 'PartitionCmd')?.concurrent) ? 'ALTER TABLE … DETACH PARTITION … CONCURRENTLY' : undefined;
    default:
      return undefined; // REFRESH MATERIALIZED VIEW CONCURRENTLY is allowed in a transaction
  }
}

function where(st: Statement, ctx: LintContext): string | undefined {
  if (st.embedded?.in === 'do') return 'inside a DO block: Postgres refuses it there ("cannot be executed from a function"), even outside a transaction. The migration fails here.';
  if (st.embedded?.in === 'function') return 'inside a function or procedure body: creating it succeeds, but every call fails ("cannot be executed from a function").';
  if (ctx.implicitTransactionBlock && !ctx.explicitTransactionStart && !ctx.frameworkTransaction) {
    return 'in a file the migration tool sends as one multi-statement query: Postgres runs all of it as one implicit transaction block and refuses it there ("cannot run inside a transaction block"), even after a COMMIT. Put it alone in its own migration file.';
  }
  if (!ctx.inTransaction) return undefined;
  if (ctx.explicitTransactionStart)
    return `inside the transaction opened at line ${ctx.explicitTransactionStart.range.line}: Postgres refuses it ("cannot run inside a transaction block"). The migration fails here.`;
  return 'in a file the migration framework runs in a transaction: Postgres refuses it ("cannot run inside a transaction block"). The migration fails here.';
}

/** CREATE/DROP/REINDEX … CONCURRENTLY and DETACH PARTITION CONCURRENTLY where Postgres refuses them. */
export default defineRule({
  meta: {
    id: 'concurrently-in-transaction',
    severity: 'error',
    lintsFunctionBodies: true,
    summary: 'A CONCURRENTLY operation inside a transaction, DO block or function',
    why: 'CREATE INDEX CONCURRENTLY, DROP INDEX CONCURRENTLY, REINDEX … CONCURRENTLY and ALTER TABLE … DETACH PARTITION … CONCURRENTLY work in several transactions of their own, so Postgres refuses them inside a transaction block (`ERROR: CREATE INDEX CONCURRENTLY cannot run inside a transaction block`) and inside any function, procedure or DO block (`cannot be executed from a function`), even when dynamic SQL (EXECUTE) runs them. The migration fails at this statement. Most frameworks wrap every migration file in a transaction unless told not to, so a file that looks fine in psql fails under the framework. Tools that send the whole file as one query (golang-migrate, Prisma) hit the same error as soon as the file has a second statement: Postgres runs a multi-statement query as one implicit transaction block. (REFRESH MATERIALIZED VIEW CONCURRENTLY is allowed in a transaction and is not flagged.)',
    fix: 'Run the statement outside any transaction, in a migration of its own, and tell the framework not to wrap that file:\n\n```sql\n-- golang-migrate: no BEGIN/COMMIT in the file, and one statement per file (multi-statement files run as one implicit transaction)\n-- goose:           -- +goose NO TRANSACTION\n-- dbmate:          -- migrate:up transaction:false\n-- Flyway:          executeInTransaction=false in the script config (V3__idx.sql.conf)\n-- sqitch:          leave out BEGIN/COMMIT in the deploy script\n-- node-pg-migrate: exports.up = (pgm) => { pgm.noTransaction(); ... }\nDROP INDEX CONCURRENTLY IF EXISTS users_email_idx;  -- INVALID leftover of a failed build\nCREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON users (email);\n```',
    examples: {
      bad: [
        'BEGIN;\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);\nCOMMIT;',
        'BEGIN;\nDROP INDEX CONCURRENTLY users_email_idx;\nCOMMIT;',
        'START TRANSACTION;\nREINDEX INDEX CONCURRENTLY users_email_idx;\nCOMMIT;',
        'BEGIN;\nALTER TABLE events DETACH PARTITION events_2023 CONCURRENTLY;\nCOMMIT;',
        "DO $$\nBEGIN\n  EXECUTE 'CREATE INDEX CONCURRENTLY users_email_idx ON users (email)';\nEND $$;",
        'CREATE PROCEDURE add_index() LANGUAGE plpgsql AS $$\nBEGIN\n  CREATE INDEX CONCURRENTLY users_email_idx ON users (email);\nEND $$;',
      ],
      good: [
        'CREATE INDEX CONCURRENTLY users_email_idx ON users (email);',
        'BEGIN;\nCREATE INDEX users_email_idx ON users (email);\nCOMMIT;',
        'BEGIN;\nREFRESH MATERIALIZED VIEW CONCURRENTLY monthly_totals;\nCOMMIT;',
        'BEGIN;\nALTER TABLE users ADD COLUMN email text;\nCOMMIT;\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);',
        'ALTER TABLE events DETACH PARTITION events_2023 CONCURRENTLY;',
      ],
    },
    squawk: ['ban-concurrent-index-creation-in-transaction'],
  },
  create: ({ report }) => ({
    '*'(statement, ctx) {
      const op = concurrentOperation(statement);
      if (!op) return;
      const place = where(statement, ctx);
      if (place) report({ message: `${op} ${place}` });
    },
  }),
});
