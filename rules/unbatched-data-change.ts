import { defineRule } from '../src/lint/rule';
import { dmlTarget, relationName } from '../src/sql/ast';
import { isNewTable } from '../src/lint/created';
import { commandName, wholeTableReason } from '../src/lint/data-changes';

/** UPDATE/DELETE of every row of an existing table in one statement. */
export default defineRule({
  meta: {
    id: 'unbatched-data-change',
    severity: 'warning',
    work: 'update-all',
    summary: 'Updating or deleting every row of an existing table in one statement',
    why: "One statement over a whole large table is one long transaction: it row-locks every row it touches until it commits (concurrent writes to those rows wait, and may deadlock), writes a new version of every row (the table and its indexes can double in size, and the WAL burst makes replicas lag), and if it fails or is cancelled after an hour all the work is rolled back. In a migration it usually also runs inside the migration's transaction, so every lock the migration took is held for just as long. The rule fires only when the statement obviously touches every row: no WHERE, a WHERE that is always true (`true`, `1 = 1`), or `col IS NULL` where the statement sets `col` or `col` was added in this migration (the backfill shape). Any other WHERE may be selective and is trusted. Tables created in the same migration are not flagged (they are empty or filled by this migration).",
    fix: "Backfill in small batches, each in its own transaction, outside the schema migration (a script, a job, or a procedure that commits between batches), so locks are short and progress is kept:\n\n```sql\n-- run repeatedly (e.g. from a job) until it updates 0 rows\nUPDATE users SET status = 'active'\nWHERE id IN (\n  SELECT id FROM users WHERE status IS NULL\n  ORDER BY id LIMIT 5000\n  FOR UPDATE SKIP LOCKED\n);\n\n-- or, on PG 11+, a procedure that commits per batch (run with CALL, outside a transaction)\nCREATE PROCEDURE backfill_user_status() LANGUAGE plpgsql AS $$\nDECLARE n int;\nBEGIN\n  LOOP\n    UPDATE users SET status = 'active'\n    WHERE id IN (SELECT id FROM users WHERE status IS NULL ORDER BY id LIMIT 5000);\n    GET DIAGNOSTICS n = ROW_COUNT;\n    EXIT WHEN n = 0;\n    COMMIT;\n  END LOOP;\nEND $$;\n```",
    examples: {
      bad: [
        "UPDATE users SET status = 'active';",
        'DELETE FROM sessions;',
        "UPDATE users SET status = 'active' WHERE status IS NULL;",
        'DELETE FROM audit_log WHERE true;',
        "UPDATE users SET tier = 'free' WHERE 1 = 1;",
        "ALTER TABLE users ADD COLUMN region text; UPDATE users SET region = country WHERE region IS NULL OR region = '';",
        "ALTER TABLE users ADD COLUMN plan text; UPDATE users SET tier = 'x' WHERE plan IS NULL;",
      ],
      good: [
        "UPDATE users SET status = 'active' WHERE id IN (SELECT id FROM users WHERE status IS NULL ORDER BY id LIMIT 5000);",
        "UPDATE users SET status = 'active' WHERE status IS NULL AND id BETWEEN 1 AND 10000;",
        "DELETE FROM sessions WHERE expires_at < now() - interval '30 days';",
        'DELETE FROM sessions WHERE user_id IS NULL;',
        'CREATE TABLE flags (id bigint, on_ boolean); INSERT INTO flags VALUES (1, true); UPDATE flags SET on_ = false;',
        "INSERT INTO settings (key, value) VALUES ('theme', 'dark');",
      ],
    },
  },
  create: ({ report }) => ({
    '*'(statement, ctx) {
      const reason = wholeTableReason(statement, ctx);
      if (!reason) return;
      const table = relationName(dmlTarget(statement));
      if (!table || isNewTable(ctx, table)) return;
      const verb = statement.kind === 'DeleteStmt' ? 'deletes' : 'rewrites';
      report({
        message: `This ${commandName(statement)} ${verb} every row of ${table} in one transaction: ${reason}. Every row stays locked until it commits, and the table bloats. Change it in batches of a few thousand rows, each committed on its own.`,
      });
    },
  }),
});
