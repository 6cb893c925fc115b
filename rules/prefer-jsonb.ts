import { defineRule } from '../src/lint/rule';
import { columnLabel, columnTypes } from '../src/lint/column-types';

/** json columns. */
export default defineRule({
  meta: {
    id: 'prefer-jsonb',
    severity: 'info',
    summary: 'Prefer jsonb over json',
    why: '`json` stores the input text verbatim and reparses it on every access. It has no equality operator, so `SELECT DISTINCT`, `GROUP BY`, `UNION` and unique constraints on it fail (`could not identify an equality operator for type json`), and it cannot be GIN-indexed or queried with containment (`@>`) operators. `jsonb` stores a parsed binary form that supports all of these. Keep `json` only when the exact text (key order, duplicate keys, whitespace) must be preserved. Converting later rewrites the table under an ACCESS EXCLUSIVE lock.',
    fix: 'Use jsonb:\n\n```sql\nCREATE TABLE events (\n  payload jsonb NOT NULL\n);\nCREATE INDEX CONCURRENTLY IF NOT EXISTS events_payload ON events USING gin (payload);\n```',
    examples: {
      bad: ['CREATE TABLE events (payload json NOT NULL);', 'ALTER TABLE events ADD COLUMN meta pg_catalog.json;', 'ALTER TABLE events ALTER COLUMN payload TYPE json USING payload::json;'],
      good: ['CREATE TABLE events (payload jsonb NOT NULL);', 'ALTER TABLE events ALTER COLUMN payload TYPE jsonb USING payload::jsonb;', 'CREATE TABLE t (x app.json);'],
    },
  },
  create: ({ report }) => ({
    '*'(statement) {
      for (const c of columnTypes(statement)) {
        if (c.builtin !== 'json') continue;
        report({
          message: `Column ${columnLabel(c)} is json: stored as text, reparsed on every access, with no equality operator (DISTINCT, GROUP BY and unique constraints fail) and no GIN index. Use jsonb.`,
        });
      }
    },
  }),
});
