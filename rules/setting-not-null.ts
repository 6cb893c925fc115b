import { defineRule } from '../src/lint/rule';
import { as, alterCommands, relationName } from '../src/sql/ast';
import { helperCheckDroppedAfter, notNullColumnOf, notNullProvenBefore } from '../src/lint/not-null';

/** SET NOT NULL scans the whole table while holding ACCESS EXCLUSIVE. */
export default defineRule({
  meta: {
    id: 'setting-not-null',
    severity: 'error',
    work: 'scan',
    summary: 'Setting NOT NULL on an existing column scans the table under ACCESS EXCLUSIVE',
    why: "ALTER COLUMN … SET NOT NULL (and PostgreSQL 18's `ADD CONSTRAINT … NOT NULL col` without NOT VALID) reads every row to prove there is no NULL, holding ACCESS EXCLUSIVE the whole time: all reads and writes of the table wait. Since PostgreSQL 12 the scan is skipped when a validated `CHECK (col IS NOT NULL)` already proves it (checked on PostgreSQL 15: 0.2 ms with the check versus a full scan without). Not reported when this file adds and validates such a check first, or drops that helper check right after (the check was validated by an earlier migration).",
    fix: 'Prove it with a CHECK constraint added NOT VALID (instant) and validated separately (SHARE UPDATE EXCLUSIVE: reads and writes go on), then SET NOT NULL skips the scan (PostgreSQL 12+):\n\n```sql\nALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;\n-- next migration (or after COMMIT):\nALTER TABLE users VALIDATE CONSTRAINT users_email_not_null;\n-- then:\nALTER TABLE users ALTER COLUMN email SET NOT NULL;   -- no scan\nALTER TABLE users DROP CONSTRAINT users_email_not_null;\n```\nOn PostgreSQL 18: `ALTER TABLE users ADD CONSTRAINT users_email_nn NOT NULL email NOT VALID;` then `ALTER TABLE users VALIDATE CONSTRAINT users_email_nn;`.',
    examples: {
      bad: [
        'ALTER TABLE users ALTER COLUMN email SET NOT NULL;',
        'ALTER TABLE users ADD CONSTRAINT users_email_nn NOT NULL email;',
        'ALTER TABLE users ADD CONSTRAINT users_email_check CHECK (email IS NOT NULL) NOT VALID;\nALTER TABLE users ALTER COLUMN email SET NOT NULL;',
        'ALTER TABLE orders ALTER COLUMN user_id SET NOT NULL;\nALTER TABLE orders DROP CONSTRAINT orders_user_id_fkey;',
      ],
      good: [
        'ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;\nALTER TABLE users VALIDATE CONSTRAINT users_email_not_null;\nALTER TABLE users ALTER COLUMN email SET NOT NULL;',
        'ALTER TABLE users ALTER COLUMN email SET NOT NULL;\nALTER TABLE users DROP CONSTRAINT users_email_not_null;',
        'ALTER TABLE versions ALTER COLUMN tar_sha256 SET NOT NULL;\nALTER TABLE versions DROP CONSTRAINT IF EXISTS versions_tar_sha256_present;',
        'ALTER TABLE users ADD CONSTRAINT users_email_nn NOT NULL email NOT VALID;',
        'CREATE TABLE users (email text); ALTER TABLE users ALTER COLUMN email SET NOT NULL;',
        'ALTER TABLE users ALTER COLUMN email DROP NOT NULL;',
      ],
    },
    squawk: ['adding-not-nullable-field'],
  },
  create: ({ report }) => ({
    AlterTableStmt(n, statement, ctx) {
      if (n.objtype !== 'OBJECT_TABLE' || ctx.isNew(n.relation?.relname)) return;
      const table = relationName(n.relation) ?? '';
      // One ALTER TABLE verifies all its new NOT NULLs in one scan: one finding per statement.
      const cols: string[] = [];
      for (const cmd of alterCommands(n)) {
        const con = as(cmd.def, 'Constraint');
        const column =
          cmd.subtype === 'AT_SetNotNull' ? String(cmd.name ?? '') : cmd.subtype === 'AT_AddConstraint' && con?.contype === 'CONSTR_NOTNULL' && !con.skip_validation ? notNullColumnOf(con) : undefined;
        if (!column) continue;
        if (ctx.pgVersion >= 12 && (notNullProvenBefore(ctx, table, column) || helperCheckDroppedAfter(ctx, table, column))) continue;
        cols.push(column);
      }
      if (cols.length === 0) return;
      report({
        message: `Making ${cols.map((c) => `${table}.${c}`).join(', ')} NOT NULL scans all of ${table} under ACCESS EXCLUSIVE (no reads or writes meanwhile)${ctx.pgVersion >= 12 ? `; validate a CHECK (${cols[0]} IS NOT NULL) first to skip the scan` : ''}.`,
      });
    },
  }),
});
