import { defineRule } from '../src/lint/rule';
import { columnLabel, columnTypes } from '../src/lint/column-types';

/** varchar(n) columns. */
export default defineRule({
  meta: {
    id: 'prefer-text',
    severity: 'info',
    summary: 'Prefer text with a CHECK constraint over varchar(n)',
    why: 'In Postgres varchar(n) is text with a length check built into the type: it is not faster or smaller. The limit is the problem: changing it is a column type change, which takes an ACCESS EXCLUSIVE lock, fails outright while any view uses the column (`cannot alter type of a column used by a view or rule`, so views must be dropped and recreated in the same migration), and when shrinking rescans or rewrites the table. A CHECK constraint on a text column expresses the same limit and can be replaced online: add the new one NOT VALID, VALIDATE it (no blocking lock), drop the old one. varchar without a length is the same as text and is not flagged.',
    fix: 'Use text and put the limit in a named CHECK:\n\n```sql\nCREATE TABLE users (\n  email text NOT NULL CONSTRAINT users_email_length CHECK (char_length(email) <= 320)\n);\n\n-- changing the limit later, without blocking:\nALTER TABLE users ADD CONSTRAINT users_email_length_v2 CHECK (char_length(email) <= 512) NOT VALID;\nALTER TABLE users VALIDATE CONSTRAINT users_email_length_v2;\nALTER TABLE users DROP CONSTRAINT users_email_length;\n```',
    examples: {
      bad: ['CREATE TABLE users (email varchar(320) NOT NULL);', 'ALTER TABLE users ADD COLUMN nickname character varying(40);', 'ALTER TABLE users ALTER COLUMN email TYPE varchar(512);'],
      good: ['CREATE TABLE users (email text NOT NULL CHECK (char_length(email) <= 320));', 'ALTER TABLE users ADD COLUMN nickname varchar;', 'CREATE TABLE codes (code char(2));'],
    },
    squawk: ['prefer-text-field'],
  },
  create: ({ report }) => ({
    '*'(statement) {
      for (const c of columnTypes(statement)) {
        if (c.builtin !== 'varchar' || c.mods.length === 0) continue;
        report({
          message: `Column ${columnLabel(c)} is varchar(${c.mods[0]}): changing that limit later locks the table and fails while a view uses the column. Use text with CHECK (char_length(${c.column}) <= ${c.mods[0]}).`,
        });
      }
    },
  }),
});
