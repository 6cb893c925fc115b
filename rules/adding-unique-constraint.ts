import { defineRule } from '../src/lint/rule';
import { str } from '../src/sql/ast';
import { constraintsAddedToExistingTable } from '../src/lint/added-constraints';

/** ADD UNIQUE builds its index while holding ACCESS EXCLUSIVE. */
export default defineRule({
  meta: {
    id: 'adding-unique-constraint',
    severity: 'error',
    work: 'index-build',
    summary: 'Adding a UNIQUE constraint that builds its index under ACCESS EXCLUSIVE',
    why: 'ADD CONSTRAINT … UNIQUE (and ADD COLUMN … UNIQUE) builds a new unique index while holding ACCESS EXCLUSIVE on the table (checked on PostgreSQL 15 and 18 in pg_locks): no reads and no writes for the whole index build. Building the index first with CREATE UNIQUE INDEX CONCURRENTLY and then attaching it with `UNIQUE USING INDEX` only holds ACCESS EXCLUSIVE for a catalog update.',
    fix: 'Build the index concurrently (outside a transaction block), then turn it into the constraint:\n\n```sql\nCREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);\nALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;\n```',
    examples: {
      bad: ['ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);', 'ALTER TABLE users ADD UNIQUE (tenant_id, email);', 'ALTER TABLE users ADD COLUMN handle text UNIQUE;'],
      good: [
        'ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;',
        'CREATE TABLE users (email text);\nALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);',
        'CREATE TABLE users (email text UNIQUE);',
      ],
    },
    squawk: ['disallowed-unique-constraint'],
  },
  create: ({ report }) => ({
    '*'(statement, ctx) {
      for (const { table, constraint: con, column } of constraintsAddedToExistingTable(statement, ctx, 'CONSTR_UNIQUE')) {
        if (column !== undefined) {
          report({ message: `Column "${column}" is added to ${table} as UNIQUE: its index is built under ACCESS EXCLUSIVE (no reads or writes meanwhile).` });
        } else if (!con.indexname) {
          report({
            message: `UNIQUE constraint ${con.conname ? `"${con.conname}" ` : ''}on ${table} (${(con.keys ?? []).map(str).join(', ')}) builds its index under ACCESS EXCLUSIVE: no reads or writes of ${table} until it is built.`,
          });
        }
      }
    },
  }),
});
