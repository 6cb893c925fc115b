import { defineSqliteRule } from '../src/lint/rule';
import { entityName, sqliteKey } from '../src/sqlite/schema';
import { pragmaValue } from '../src/sqlite/ast';

/** What each setting risks, when set to the values listed. */
const UNSAFE: Record<string, { values: string[]; risk: string }> = {
  synchronous: { values: ['off', '0'], risk: 'a crash or power loss during or after the migration can corrupt the database file' },
  journal_mode: { values: ['off', 'memory'], risk: 'a failure mid-transaction leaves the file half-written: ROLLBACK can no longer restore it, and a crash can corrupt it' },
  writable_schema: { values: ['on', '1', 'true', 'yes'], risk: 'statements may edit sqlite_schema directly; one mistake makes the database unreadable' },
  ignore_check_constraints: { values: ['on', '1', 'true', 'yes'], risk: 'CHECK constraints stop being enforced for the rest of the connection: rows that violate them get in' },
};

/** SQLite: a PRAGMA that trades durability or integrity for speed. */
export default defineSqliteRule({
  meta: {
    id: 'sqlite-unsafe-pragma',
    severity: 'warning',
    summary: 'SQLite: a PRAGMA that turns off durability or integrity checks',
    why: '`PRAGMA synchronous = OFF` and `journal_mode = OFF | MEMORY` make a crash during the migration able to corrupt the database file; `writable_schema = ON` lets statements edit the schema table by hand; `ignore_check_constraints = ON` lets rows violating CHECKs in. Speed-ups from a bulk-load guide do not belong in a migration that runs against the only copy of production data.',
    fix: 'Leave the defaults (synchronous FULL or NORMAL, a rollback or WAL journal). For a long backfill, batch it in transactions instead; take a backup (`VACUUM INTO` or `.backup`) before risky migrations.',
    examples: {
      bad: ['PRAGMA synchronous = OFF;', 'PRAGMA journal_mode = OFF;', 'PRAGMA writable_schema = ON;'],
      good: ['PRAGMA journal_mode = WAL;', 'PRAGMA synchronous = NORMAL;', 'PRAGMA foreign_keys = ON;'],
    },
    messages: { unsafe: 'PRAGMA {{name}} = {{value}}: {{risk}}' },
  },
  create: ({ report }) => ({
    pragma_stmt(node) {
      if (node.pragma.type !== 'pragma_assignment') return;
      const name = sqliteKey(entityName(node.pragma.name));
      const value = pragmaValue(node.pragma);
      const unsafe = UNSAFE[name];
      if (unsafe?.values.includes(value.toLowerCase())) report({ messageId: 'unsafe', data: { name, value, risk: unsafe.risk } });
    },
  }),
});
