import { defineRule } from '../src/lint/rule';
import { columnLabel, columnTypes, SERIAL_TYPES } from '../src/lint/column-types';

/** serial/bigserial/smallserial columns. */
export default defineRule({
  meta: {
    id: 'prefer-identity',
    severity: 'info',
    summary: 'Prefer GENERATED … AS IDENTITY over serial',
    why: 'serial is not a type but a shorthand for "integer, plus a separate sequence, plus a DEFAULT nextval()". The sequence is a separate object: roles that may INSERT also need USAGE on it, `CREATE TABLE … (LIKE … INCLUDING DEFAULTS)` copies the default so the copy shares the original\'s sequence, and nothing stops code from inserting explicit ids that the sequence later collides with. An identity column (SQL standard, PG 10+) ties the sequence to the column: permissions follow the table, `GENERATED ALWAYS` rejects hand-written ids unless `OVERRIDING SYSTEM VALUE`, and it is reset and dropped with the column.',
    fix: 'Declare an identity column (bigint, see prefer-bigint):\n\n```sql\nCREATE TABLE orders (\n  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY\n);\n-- BY DEFAULT instead of ALWAYS if imports must supply their own ids\n```',
    examples: {
      bad: ['CREATE TABLE orders (id bigserial PRIMARY KEY);', 'CREATE TABLE tags (id serial, name text);', 'ALTER TABLE events ADD COLUMN seq smallserial;'],
      good: [
        'CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);',
        "CREATE TABLE orders (id bigint PRIMARY KEY DEFAULT nextval('orders_id_seq'));",
        'CREATE TABLE serials (serial text);',
      ],
    },
    squawk: ['prefer-identity'],
  },
  create: ({ report }) => ({
    '*'(statement) {
      for (const c of columnTypes(statement)) {
        if (!c.builtin || !SERIAL_TYPES[c.builtin] || c.array) continue;
        const base = SERIAL_TYPES[c.builtin] === 'int2' ? 'smallint' : SERIAL_TYPES[c.builtin] === 'int4' ? 'integer' : 'bigint';
        report({
          message: `Column ${columnLabel(c)} is ${c.builtin}: ${base === 'integer' ? 'an' : 'a'} ${base} with a separately owned sequence. Use ${base === 'bigint' ? 'bigint' : 'bigint (see prefer-bigint)'} GENERATED ALWAYS AS IDENTITY instead.`,
        });
      }
    },
  }),
});
