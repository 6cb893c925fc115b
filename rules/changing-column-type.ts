import { defineRule } from '../src/lint/rule';
import { alterCommands, as, relationName } from '../src/sql/ast';
import { classifyTypeChange, columnType, columnTypeBefore, formatType, isTrivialUsing, mayBeWidening, timeZoneIsUtcBefore } from '../src/lint/types-compat';

/** ALTER COLUMN … TYPE rewrites the table (and its indexes) unless the change is binary-compatible. */
export default defineRule({
  meta: {
    id: 'changing-column-type',
    severity: 'error',
    work: 'rewrite',
    summary: 'Changing a column type in a way that rewrites the table',
    why: "ALTER COLUMN … TYPE takes ACCESS EXCLUSIVE and, unless the old and new types are binary-compatible, rewrites every row and rebuilds every index on the table: reads and writes wait for all of it. Checked on PostgreSQL 15 and 18 by comparing pg_class.relfilenode: widening varchar(n) to varchar(m ≥ n), varchar ↔ text, varchar(n) → varchar, numeric(p,s) → numeric(q ≥ p,s) or numeric, timestamp(p) → timestamp(q ≥ p), varbit(n) → varbit(m ≥ n) and cidr → inet do not rewrite (the lock is still taken, briefly); int → bigint, smallint → int, any narrowing, text → varchar(n), numeric → numeric(p,s), char(n) → anything, json ↔ jsonb, uuid → text and every array type change do. timestamp ↔ timestamptz skips the rewrite only when the session TimeZone is UTC (PostgreSQL 12+), so a change to timestamptz after `SET timezone = 'UTC'` in the same file is not reported. When the column's current type is defined outside this migration, a change to text, varchar, numeric, varbit or inet without a USING expression is taken to be such a widening and is not reported; other targets are reported.",
    fix: 'Add a new column, keep it in sync with a trigger, backfill in batches, then swap in a short transaction:\n\n```sql\nALTER TABLE orders ADD COLUMN id_new bigint;\nCREATE FUNCTION orders_id_new() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN NEW.id_new := NEW.id; RETURN NEW; END $$;\nCREATE TRIGGER orders_id_new BEFORE INSERT OR UPDATE ON orders\n  FOR EACH ROW EXECUTE FUNCTION orders_id_new();\n-- backfill in batches:\nUPDATE orders SET id_new = id WHERE id IN (SELECT id FROM orders WHERE id_new IS NULL LIMIT 10000);\n-- build indexes on id_new CONCURRENTLY, then in one short transaction\n-- (also move constraints: PRIMARY KEY USING INDEX, foreign keys NOT VALID):\nBEGIN;\nALTER TABLE orders RENAME COLUMN id TO id_old;\nALTER TABLE orders RENAME COLUMN id_new TO id;\nCOMMIT;\n```\nFor varchar limits, widen instead (`TYPE varchar(320)` from a shorter varchar, or `TYPE text`), or replace the limit with a `CHECK (char_length(col) <= n) NOT VALID` constraint.',
    examples: {
      bad: [
        'ALTER TABLE orders ALTER COLUMN id TYPE bigint;',
        'ALTER TABLE orders ALTER COLUMN payload SET DATA TYPE jsonb USING payload::jsonb;',
        'ALTER TABLE users ALTER COLUMN email TYPE varchar(255);\nALTER TABLE users ALTER COLUMN email TYPE varchar(100);',
        'ALTER TABLE users ADD COLUMN nick text; ALTER TABLE users ALTER COLUMN nick TYPE varchar(20);',
        "ALTER TABLE orders ALTER COLUMN tags TYPE text USING array_to_string(tags, ',');",
        'ALTER TABLE events ALTER COLUMN at TYPE timestamptz;',
      ],
      good: [
        'ALTER TABLE users ALTER COLUMN email TYPE varchar(320);',
        'ALTER TABLE users ALTER COLUMN email TYPE text;',
        'ALTER TABLE users ADD COLUMN nick varchar(20); ALTER TABLE users ALTER COLUMN nick TYPE varchar(40);',
        'ALTER TABLE users ADD COLUMN nick varchar(20); ALTER TABLE users ALTER COLUMN nick TYPE text USING nick::text;',
        'ALTER TABLE prices ADD COLUMN amount numeric(10,2); ALTER TABLE prices ALTER COLUMN amount TYPE numeric(14,2);',
        'ALTER TABLE hosts ADD COLUMN net cidr; ALTER TABLE hosts ALTER COLUMN net TYPE inet;',
        "SET timezone = 'UTC';\nALTER TABLE events ADD COLUMN at timestamp; ALTER TABLE events ALTER COLUMN at TYPE timestamptz;",
        "SET timezone = 'UTC';\nALTER TABLE events ALTER COLUMN created_at TYPE timestamptz;",
        'CREATE TABLE orders (id int); ALTER TABLE orders ALTER COLUMN id TYPE bigint;',
      ],
    },
    squawk: ['changing-column-type'],
  },
  create: ({ report }) => ({
    AlterTableStmt(n, statement, ctx) {
      if (n.objtype !== 'OBJECT_TABLE' || ctx.isNew(n.relation?.relname)) return;
      const table = relationName(n.relation) ?? '';
      // One ALTER TABLE rewrites once, however many columns it changes: one finding per statement.
      const changes: { where: string; from?: string; to: string; using: boolean }[] = [];
      let utcOnly = true;
      for (const cmd of alterCommands(n)) {
        if (cmd.subtype !== 'AT_AlterColumnType') continue;
        const def = as(cmd.def, 'ColumnDef');
        if (!def?.typeName || !cmd.name) continue;
        const to = columnType(def.typeName);
        const trivial = isTrivialUsing(def.raw_default, cmd.name);
        const from = columnTypeBefore(ctx, table, cmd.name);
        const where = `${table}.${cmd.name}`;
        if (!from) {
          if (trivial && mayBeWidening(to)) continue;
          // timestamp ↔ timestamptz is the usual reason to SET timezone = 'UTC' first (crates.io does exactly that).
          if (trivial && !to.array && (to.name === 'timestamptz' || to.name === 'timestamp') && ctx.pgVersion >= 12 && timeZoneIsUtcBefore(ctx)) continue;
          if (!['timestamptz', 'timestamp'].includes(to.name)) utcOnly = false;
          changes.push({ where, to: formatType(to), using: !trivial });
          continue;
        }
        const change = trivial ? classifyTypeChange(from, to, ctx.pgVersion) : 'rewrite';
        if (change === 'metadata' || (change === 'metadata-if-utc' && timeZoneIsUtcBefore(ctx))) continue;
        if (change !== 'metadata-if-utc') utcOnly = false;
        changes.push({ where, from: formatType(from), to: formatType(to), using: !trivial });
      }
      if (changes.length === 0) return;
      const known = changes.every((c) => c.from);
      const utcHint =
        utcOnly && ctx.pgVersion >= 12
          ? known
            ? " (it would not if the session TimeZone were UTC: add `SET LOCAL timezone = 'UTC'` before it)"
            : " (timestamp ↔ timestamptz skips the rewrite when the session TimeZone is UTC: add `SET LOCAL timezone = 'UTC'` before it)"
          : '';
      const using = (c: (typeof changes)[number]) => (c.using ? ' with a USING expression' : '');
      const what =
        changes.length === 1
          ? `Column ${changes[0].where} changes type ${changes[0].from ? `from ${changes[0].from} ` : ''}to ${changes[0].to}${using(changes[0])}`
          : `Columns ${changes.map((c) => `${c.where} (${c.from ?? '?'} → ${c.to}${using(c)})`).join(', ')} change type`;
      report({
        message: `${what}: ${known ? '' : 'unless the old type is binary-compatible, '}Postgres rewrites ${table} and rebuilds its indexes under ACCESS EXCLUSIVE${utcHint}.`,
      });
    },
  }),
});
