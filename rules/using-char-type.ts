import { defineRule } from '../src/lint/rule';
import { columnLabel, columnTypes } from '../src/lint/column-types';

/** char(n) / character(n) columns (blank-padded), not the one-byte "char". */
export default defineRule({
  meta: {
    id: 'using-char-type',
    severity: 'info',
    summary: 'char(n) / character(n) pads values with spaces',
    why: "`char(n)` (also `character(n)`, bare `char` = `char(1)`, and `bpchar`) pads every value with spaces to n characters. The padding is \"insignificant\" in some places and not in others: `'ab'::char(5) = 'ab '` is true, `length()` ignores it, the cast to text and `||` strip it, but `LIKE 'ab'` does not match it, `octet_length()` counts it and client code receives it. It saves no space and is not faster than text or varchar in Postgres, and values longer than n are rejected. Only the quoted `\"char\"`, Postgres's internal one-byte type, is a different type and is not flagged (squawk's ban-char-field flags it too).",
    fix: 'Use text (with a CHECK for a fixed length, if the length is a rule of the data):\n\n```sql\nCREATE TABLE countries (\n  code text NOT NULL CHECK (char_length(code) = 2)\n);\n```',
    examples: {
      bad: ['CREATE TABLE countries (code char(2));', 'ALTER TABLE accounts ADD COLUMN flag character;', 'CREATE TABLE t (code bpchar);', 'ALTER TABLE t ALTER COLUMN code TYPE character(3);'],
      good: ['CREATE TABLE countries (code text CHECK (char_length(code) = 2));', 'CREATE TABLE t (kind "char" NOT NULL);', 'CREATE TABLE t (name varchar(20));'],
    },
    squawk: ['ban-char-field'],
  },
  create: ({ report }) => ({
    '*'(statement) {
      for (const c of columnTypes(statement)) {
        if (c.builtin !== 'bpchar') continue;
        const n = c.mods[0];
        report({
          message: `Column ${columnLabel(c)} is ${n ? `char(${n})` : 'bpchar'}: values are padded with spaces, which some comparisons ignore and others do not. Use text${n ? ` (with CHECK (char_length(${c.column}) = ${n}) if the length is fixed)` : ''}.`,
        });
      }
    },
  }),
});
