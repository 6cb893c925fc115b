import type { Rule } from '../src/types';
import { alterCommands, as, columnConstraints, relationName, str } from '../src/sql/ast';

/** ADD UNIQUE builds its index while holding ACCESS EXCLUSIVE. */
const rule: Rule = {
  meta: {
    id: 'adding-unique-constraint',
    severity: 'error',
    summary: 'Adding a UNIQUE constraint that builds its index under ACCESS EXCLUSIVE',
    why:
      'ADD CONSTRAINT … UNIQUE (and ADD COLUMN … UNIQUE) builds a new unique index while holding ACCESS EXCLUSIVE on the table (checked on PostgreSQL 15 and 18 in pg_locks): no reads and no writes for the whole index build. Building the index first with CREATE UNIQUE INDEX CONCURRENTLY and then attaching it with `UNIQUE USING INDEX` only holds ACCESS EXCLUSIVE for a catalog update.',
    fix:
      'Build the index concurrently (outside a transaction block), then turn it into the constraint:\n\n```sql\nCREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);\nALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;\n```',
    examples: {
      bad: [
        'ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);',
        'ALTER TABLE users ADD UNIQUE (tenant_id, email);',
        'ALTER TABLE users ADD COLUMN handle text UNIQUE;',
      ],
      good: [
        'ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;',
        'CREATE TABLE users (email text);\nALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);',
        'CREATE TABLE users (email text UNIQUE);',
      ],
    },
    squawk: ['disallowed-unique-constraint'],
  },
  check(statement, ctx, report) {
    const n = statement.node;
    if (statement.kind !== 'AlterTableStmt' || n.objtype !== 'OBJECT_TABLE' || ctx.isNew(n.relation?.relname)) return;
    const table = relationName(n.relation);
    for (const cmd of alterCommands(n)) {
      const con = as(cmd.def, 'Constraint');
      if (cmd.subtype === 'AT_AddConstraint' && con?.contype === 'CONSTR_UNIQUE' && !con.indexname) {
        report({
          message: `UNIQUE constraint ${con.conname ? `"${con.conname}" ` : ''}on ${table} (${(con.keys ?? []).map(str).join(', ')}) builds its index under ACCESS EXCLUSIVE: no reads or writes of ${table} until it is built.`,
        });
      }
      if (cmd.subtype === 'AT_AddColumn') {
        const col = as(cmd.def, 'ColumnDef');
        if (columnConstraints(col).some((c) => c.contype === 'CONSTR_UNIQUE')) {
          report({
            message: `Column "${col?.colname}" is added to ${table} as UNIQUE: its index is built under ACCESS EXCLUSIVE (no reads or writes meanwhile).`,
          });
        }
      }
    }
  },
};
export default rule;
