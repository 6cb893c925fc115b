import { defineRule } from '../src/lint/rule';
import { longIdentifiers, MAX_IDENTIFIER_BYTES } from '../src/lint/identifiers';

/** Identifiers longer than 63 bytes, which Postgres truncates. */
export default defineRule({
  meta: {
    id: 'identifier-too-long',
    severity: 'warning',
    summary: 'Identifier longer than 63 bytes (Postgres truncates it)',
    why: 'Postgres keeps at most 63 bytes of an identifier (NAMEDATALEN - 1) and cuts the rest off with only a NOTICE, which migration tools rarely show. The limit is in bytes, not characters: a name in a non-Latin script hits it at 31 or 21 characters, and the cut falls on a character boundary. The object then exists under a name nobody wrote: code, ORMs and schema-diff tools that look for the full name (in `information_schema`, `pg_indexes`, a `WHERE indexname = \'…\'` string) do not find it, and two long names that share their first 63 bytes collide: the second CREATE fails with "already exists", or, with IF NOT EXISTS, is silently skipped. Every identifier written in the statement is checked (tables, columns, indexes, constraints, references), each distinct one once per file.',
    fix: "Choose a name of at most 63 bytes (count bytes: `SELECT octet_length('name')`), and name generated objects explicitly when their default name would be long:\n\n```sql\n-- instead of an index name that Postgres would cut off\nCREATE INDEX CONCURRENTLY IF NOT EXISTS orders_cust_created_idx\n  ON orders (customer_id, created_at);\n```",
    examples: {
      bad: [
        `CREATE TABLE ${'customer_'.repeat(7)}events (id bigint);`,
        `ALTER TABLE orders ADD COLUMN "${'é'.repeat(32)}" text;`,
        `CREATE INDEX idx_orders_on_customer_id_and_created_at_and_status_and_region_and_total ON orders (customer_id);`,
        `ALTER TABLE orders ADD CONSTRAINT orders_customer_id_created_at_status_region_total_currency_check CHECK (total >= 0);`,
      ],
      good: [
        `CREATE TABLE ${'c'.repeat(63)} (id bigint);`,
        `ALTER TABLE orders ADD COLUMN "${'é'.repeat(31)}" text;`,
        `COMMENT ON TABLE orders IS '${'a very long comment '.repeat(10)}';`,
        `CREATE INDEX orders_cust_created_idx ON orders (customer_id, created_at);`,
      ],
    },
    squawk: ['identifier-too-long'],
  },
  create: ({ report }) => ({
    '*'(statement, ctx) {
      const found = longIdentifiers(statement);
      if (found.length === 0) return;
      // Each distinct identifier once per file: its first occurrence.
      const seen = new Set<string>();
      for (let i = 0; i < ctx.index; i++) {
        const earlier = ctx.statements[i];
        for (const id of longIdentifiers(earlier)) seen.add(id.name);
      }
      for (const id of found) {
        if (seen.has(id.name)) continue;
        seen.add(id.name);
        const chars = [...id.name].length;
        const size = chars === id.bytes ? `${id.bytes} bytes` : `${id.bytes} bytes (${chars} characters)`;
        report({
          message: `Identifier "${id.name}" is ${size}, over Postgres's ${MAX_IDENTIFIER_BYTES}-byte limit: it is cut to "${id.truncated}" (${Buffer.byteLength(id.truncated, 'utf8')} bytes) with only a NOTICE.`,
          range: id.range,
        });
      }
    },
  }),
});
