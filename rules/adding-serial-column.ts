import { defineRule } from '../src/lint/rule';
import { alterCommands, as, columnConstraints, relationName, typeNameOf } from '../src/sql/ast';

const SERIAL_TYPES = new Set(['serial', 'bigserial', 'smallserial', 'serial2', 'serial4', 'serial8']);

/** ADD COLUMN serial / identity numbers every existing row: a full rewrite. */
export default defineRule({
  meta: {
    id: 'adding-serial-column',
    severity: 'error',
    work: 'rewrite',
    summary: 'Adding a serial or identity column to an existing table',
    why: '`serial`, `bigserial` and `smallserial` are an integer column with DEFAULT nextval(…), and nextval is volatile: every existing row must get its own number, so Postgres rewrites the whole table while holding ACCESS EXCLUSIVE. `GENERATED … AS IDENTITY` does the same. Checked on PostgreSQL 15 and 18: all of them give the table a new relfilenode. Setting the same DEFAULT nextval(…) on an existing column does not rewrite (only new rows use it).',
    fix: "Add a plain nullable column, give it the sequence as a default for new rows, backfill old rows in batches, then make it NOT NULL without a long lock:\n\n```sql\nALTER TABLE events ADD COLUMN seq bigint;                                  -- instant\nCREATE SEQUENCE events_seq_seq OWNED BY events.seq;\nALTER TABLE events ALTER COLUMN seq SET DEFAULT nextval('events_seq_seq'); -- no rewrite\n-- backfill in batches, each its own transaction:\nUPDATE events SET seq = nextval('events_seq_seq')\n WHERE id IN (SELECT id FROM events WHERE seq IS NULL LIMIT 10000);\n-- then NOT NULL (see setting-not-null) and, if needed, a unique index CONCURRENTLY\n```",
    examples: {
      bad: ['ALTER TABLE events ADD COLUMN seq bigserial;', 'ALTER TABLE events ADD COLUMN id serial PRIMARY KEY;', 'ALTER TABLE events ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;'],
      good: [
        'ALTER TABLE events ADD COLUMN seq bigint;',
        "ALTER TABLE events ALTER COLUMN seq SET DEFAULT nextval('events_seq_seq');",
        'CREATE TABLE events (id bigserial PRIMARY KEY);',
        'CREATE TABLE events (name text); ALTER TABLE events ADD COLUMN id bigserial PRIMARY KEY;',
      ],
    },
    squawk: ['adding-field-with-default', 'adding-serial-primary-key-field'],
  },
  create: ({ report }) => ({
    AlterTableStmt(n, statement, ctx) {
      if (n.objtype !== 'OBJECT_TABLE' || ctx.isNew(n.relation?.relname)) return;
      for (const cmd of alterCommands(n)) {
        if (cmd.subtype !== 'AT_AddColumn') continue;
        const col = as(cmd.def, 'ColumnDef');
        const type = typeNameOf(col?.typeName);
        const identity = columnConstraints(col).some((c) => c.contype === 'CONSTR_IDENTITY');
        if (!SERIAL_TYPES.has(type) && !identity) continue;
        report({
          message: `Column "${col?.colname}" is added to ${relationName(n.relation)} as ${identity ? 'an identity column' : type}: every existing row gets a sequence value, so Postgres rewrites the table under ACCESS EXCLUSIVE.`,
        });
      }
    },
  }),
});
