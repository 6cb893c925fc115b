import { defineRule } from '../src/lint/rule';
import { str } from '../src/sql/ast';
import { constraintsAddedToExistingTable } from '../src/lint/added-constraints';

/** ADD PRIMARY KEY builds its index (and may scan for NULLs) under ACCESS EXCLUSIVE. */
export default defineRule({
  meta: {
    id: 'adding-primary-key',
    severity: 'error',
    work: 'index-build',
    summary: 'Adding a PRIMARY KEY that builds its index under ACCESS EXCLUSIVE',
    why: 'ADD PRIMARY KEY (and ADD COLUMN … PRIMARY KEY) builds a unique index while holding ACCESS EXCLUSIVE on the table (checked on PostgreSQL 15 and 18 in pg_locks), and first makes the key columns NOT NULL, scanning the table if they are not already: no reads and no writes for the whole time. `PRIMARY KEY USING INDEX` attaches an index built earlier with CREATE UNIQUE INDEX CONCURRENTLY; it is quick if the columns are already NOT NULL (otherwise it still scans, see setting-not-null).',
    fix: 'Make the columns NOT NULL without a long lock (see setting-not-null), build the index concurrently, then attach it:\n\n```sql\nCREATE UNIQUE INDEX CONCURRENTLY accounts_pkey ON accounts (id);\nALTER TABLE accounts ADD CONSTRAINT accounts_pkey PRIMARY KEY USING INDEX accounts_pkey;\n```',
    examples: {
      bad: [
        'ALTER TABLE accounts ADD PRIMARY KEY (id);',
        'ALTER TABLE accounts ADD CONSTRAINT accounts_pkey PRIMARY KEY (tenant_id, id);',
        'ALTER TABLE accounts ADD COLUMN id uuid PRIMARY KEY DEFAULT gen_random_uuid();',
      ],
      good: [
        'ALTER TABLE accounts ADD CONSTRAINT accounts_pkey PRIMARY KEY USING INDEX accounts_pkey;',
        'CREATE TABLE accounts (id bigint NOT NULL);\nALTER TABLE accounts ADD PRIMARY KEY (id);',
        'CREATE TABLE accounts (id bigint PRIMARY KEY);',
      ],
    },
    squawk: ['adding-serial-primary-key-field', 'adding-primary-key-constraint'],
  },
  create: ({ report }) => ({
    '*'(statement, ctx) {
      for (const { table, constraint: con, column } of constraintsAddedToExistingTable(statement, ctx, 'CONSTR_PRIMARY')) {
        if (column !== undefined) {
          report({ message: `Column "${column}" is added to ${table} as its PRIMARY KEY: the index is built under ACCESS EXCLUSIVE (no reads or writes meanwhile).` });
        } else if (!con.indexname) {
          report({
            message: `PRIMARY KEY ${con.conname ? `"${con.conname}" ` : ''}on ${table} (${(con.keys ?? []).map(str).join(', ')}) builds its index under ACCESS EXCLUSIVE: no reads or writes of ${table} until it is built.`,
          });
        }
      }
    },
  }),
});
