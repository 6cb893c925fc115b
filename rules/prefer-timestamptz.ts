import { defineRule } from '../src/lint/rule';
import { columnLabel, columnTypes } from '../src/lint/column-types';

/** timestamp without time zone columns. */
export default defineRule({
  meta: {
    id: 'prefer-timestamptz',
    severity: 'info',
    summary: 'Prefer timestamptz over timestamp without time zone',
    why: "`timestamp` (without time zone) stores a wall-clock reading, not an instant: an offset in the input is silently dropped (`'2024-01-01 10:00+02'::timestamp` is 10:00, the +02 is lost), values written by servers or clients in different time zones cannot be compared, and local times are ambiguous around DST changes. `timestamptz` stores an instant (as UTC) in the same 8 bytes and converts to the session's time zone on output. Converting later rewrites the table under an ACCESS EXCLUSIVE lock (PG 12+ skips the rewrite only if the session TimeZone is UTC).",
    fix: "Use timestamptz:\n\n```sql\nCREATE TABLE events (\n  occurred_at timestamptz NOT NULL DEFAULT now()\n);\n\n-- an existing column, on PG 12+ without a rewrite when the stored values are UTC:\nSET timezone = 'UTC';\nALTER TABLE events ALTER COLUMN occurred_at TYPE timestamptz;\n```",
    examples: {
      bad: ['CREATE TABLE events (occurred_at timestamp NOT NULL);', 'ALTER TABLE events ADD COLUMN seen_at timestamp(3) without time zone;', 'CREATE TABLE audit (at timestamp[]);'],
      good: ['CREATE TABLE events (occurred_at timestamptz NOT NULL);', 'ALTER TABLE events ADD COLUMN seen_at timestamp with time zone;', 'CREATE TABLE events (on_date date, at_time time);'],
    },
    squawk: ['prefer-timestamptz', 'prefer-timestamp-tz'],
  },
  create: ({ report }) => ({
    '*'(statement) {
      for (const c of columnTypes(statement)) {
        if (c.builtin !== 'timestamp') continue;
        report({
          message: `Column ${columnLabel(c)} is timestamp without time zone: it stores a wall-clock time and silently drops any UTC offset it is given. Use timestamptz.`,
        });
      }
    },
  }),
});
