import { defineRule } from '../src/lint/rule';
import type { Range } from '../src/types';
import { alterCommands, as, columnConstraints, nodesOf, relationName, str } from '../src/sql/ast';
import type { pg } from '../src/sql/nodes';

/** A foreign key on a table this migration creates, with no index whose leading columns are its columns. */
export default defineRule({
  meta: {
    id: 'foreign-key-without-index',
    severity: 'warning',
    work: 'scan',
    summary: 'A foreign key whose columns have no index',
    why: "Postgres indexes the referenced side of a foreign key (its primary key or unique constraint), never the referencing side. Without an index on the referencing columns, every DELETE of a parent row, and every UPDATE of its key, scans the whole child table to check for references (checked on PostgreSQL 15 and 18: the child's seq_scan count goes up by one per parent row deleted), holding the parent's row locks while it does; ON DELETE CASCADE does the same scan to find the rows to delete. Joins from parent to children scan too. Reported for tables the migration creates, whose indexes it shows in full (for an older table lint cannot see the indexes earlier migrations built).",
    fix: 'Index the referencing columns (as the leading columns of an index), in the same migration for a new table:\n\n```sql\nCREATE TABLE orders (\n  id bigint PRIMARY KEY,\n  customer_id bigint NOT NULL REFERENCES customers (id)\n);\nCREATE INDEX orders_customer_id_idx ON orders (customer_id);\n```\n\nFor a table that already holds rows, build it with `CREATE INDEX CONCURRENTLY` in its own migration.',
    examples: {
      bad: [
        'CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers (id));',
        'CREATE TABLE lines (order_id bigint, product_id bigint, FOREIGN KEY (order_id, product_id) REFERENCES order_products (order_id, product_id));\nCREATE INDEX lines_product_id_idx ON lines (product_id);',
      ],
      good: [
        'CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers (id));\nCREATE INDEX orders_customer_id_idx ON orders (customer_id);',
        'CREATE TABLE lines (order_id bigint REFERENCES orders (id), n int, PRIMARY KEY (order_id, n));',
        'CREATE TABLE profiles (user_id bigint PRIMARY KEY REFERENCES users (id));',
        'ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id);',
      ],
    },
    messages: { unindexed: 'Foreign key {{table}} ({{columns}}) → {{parent}} has no index on {{table}} ({{columns}}): every delete or key update on {{parent}} scans {{table}}' },
  },
  create: ({ report, statements }) => ({
    end() {
      /** Index column lists per table, from constraints and CREATE INDEX in this file (names as the parser folds them: "Users" is not users). */
      const indexed = new Map<string, string[][]>();
      const addIndex = (table: string, columns: string[]) => indexed.set(table, [...(indexed.get(table) ?? []), columns]);
      const fks: { table: string; columns: string[]; parent: string; range: Range }[] = [];
      const created = new Set<string>();
      for (const s of statements) {
        if (s.embedded) continue;
        if (s.kind === 'CreateStmt') {
          const table = relationName(s.node.relation) ?? '';
          created.add(table);
          for (const el of s.node.tableElts ?? []) {
            const col = as(el, 'ColumnDef');
            const cons = col ? columnConstraints(col).map((c) => [c, [col.colname ?? '']] as const) : [[as(el, 'Constraint'), undefined] as const];
            for (const [c, own] of cons) if (c) collect(table, c, own, s.range);
          }
        } else if (s.kind === 'AlterTableStmt') {
          const table = relationName(s.node.relation) ?? '';
          for (const cmd of alterCommands(s.node)) if (cmd.subtype === 'AT_AddConstraint') collect(table, as(cmd.def, 'Constraint'), undefined, s.range);
        } else if (s.kind === 'IndexStmt') {
          const table = relationName(s.node.relation) ?? '';
          addIndex(
            table,
            nodesOf(s.node.indexParams, 'IndexElem').map((e) => e.name ?? '<expression>'),
          );
        }
      }
      function collect(table: string, c: pg.Constraint | undefined, own: readonly string[] | undefined, range: Range) {
        if (!c) return;
        const columns = [...(own ?? (c.contype === 'CONSTR_FOREIGN' ? c.fk_attrs : c.keys)?.map((k) => str(k) ?? '') ?? [])].filter(Boolean);
        if (c.contype === 'CONSTR_PRIMARY' || c.contype === 'CONSTR_UNIQUE') addIndex(table, columns);
        else if (c.contype === 'CONSTR_FOREIGN') fks.push({ table, columns, parent: relationName(c.pktable) ?? '?', range });
      }
      for (const fk of fks) {
        // Only where the migration shows every index of the table: one it creates.
        if (!created.has(fk.table)) continue;
        const want = fk.columns;
        // An index serves the check when the foreign key's columns are its leading columns, in any order.
        const covered = (indexed.get(fk.table) ?? []).some((cols) => cols.length >= want.length && want.every((c) => cols.slice(0, want.length).includes(c)));
        if (!covered) report({ messageId: 'unindexed', data: { table: fk.table, columns: fk.columns.join(', '), parent: fk.parent }, range: fk.range });
      }
    },
  }),
});
