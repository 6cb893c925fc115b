import type { LintContext } from '../src/lint/context';
import { defineRule } from '../src/lint/rule';
import { alterCommands, as, bareName, relationName } from '../src/sql/ast';
import { isNewConstraint } from '../src/lint/created';

// Postgres's default constraint names end in a suffix that tells the kind.
const KIND_BY_SUFFIX: [RegExp, string, string][] = [
  [/_pkey$/i, 'CONSTR_PRIMARY', 'primary key'],
  [/_fkey$/i, 'CONSTR_FOREIGN', 'foreign key'],
  [/_key$/i, 'CONSTR_UNIQUE', 'unique constraint'],
  [/_check$/i, 'CONSTR_CHECK', 'check constraint'],
  [/_excl$/i, 'CONSTR_EXCLUSION', 'exclusion constraint'],
];

/** Whether a later statement of the migration adds the constraint back: same name, or same kind (by default-name suffix) on the same table. */
function replacedLater(ctx: LintContext, table: string | undefined, name: string): boolean {
  const contype = KIND_BY_SUFFIX.find(([re]) => re.test(name))?.[1];
  // From the current statement on: `DROP CONSTRAINT x, ADD CONSTRAINT x …` in one ALTER counts too.
  return ctx.statements.slice(ctx.index).some(
    (s) =>
      s.kind === 'AlterTableStmt' &&
      bareName(relationName(s.node.relation)) === bareName(table) &&
      alterCommands(s.node).some((c) => {
        const con = c.subtype === 'AT_AddConstraint' ? as(c.def, 'Constraint') : undefined;
        return !!con && (String(con.conname ?? '').toLowerCase() === name.toLowerCase() || (!!contype && con.contype === contype));
      }),
  );
}

/** What dropping this constraint allows, from its default-name suffix. */
function consequence(name: string): string {
  const kind = KIND_BY_SUFFIX.find(([re]) => re.test(name))?.[2];
  if (kind === 'primary key' || kind === 'unique constraint') return `duplicates can be written from now on, its index is dropped with it, and INSERT … ON CONFLICT on these columns starts failing`;
  if (kind === 'foreign key') return 'rows pointing at missing parents (orphans) can be written from now on';
  if (kind) return `rows that violate the ${kind} can be written from now on`;
  return 'rows that violate it can be written from now on; if it is a primary key or unique constraint its index goes too, and ON CONFLICT on it stops working';
}

/** ALTER TABLE … DROP CONSTRAINT on a constraint that existed before this migration. */
export default defineRule({
  meta: {
    id: 'dropping-constraint',
    severity: 'warning',
    summary: 'Dropping a constraint that data or code relies on',
    why: "A constraint is a promise the application and other queries rely on. Once it is gone, invalid rows (duplicates, orphans, out-of-range values) can be written and cannot be removed by a rollback. Postgres also uses constraints directly: dropping a primary key or unique constraint drops its index, so `INSERT … ON CONFLICT (col)` starts failing with `there is no unique or exclusion constraint matching the ON CONFLICT specification`, lookups by that key lose their index, and a table in a logical-replication publication without a primary key rejects UPDATE and DELETE (`does not have a replica identity`). Re-adding the constraint later needs a full validation scan and fails if bad rows slipped in meanwhile. The drop takes an ACCESS EXCLUSIVE lock. Not flagged: constraints added earlier in the same migration or belonging to a table created in it, and replacements: a constraint added back later in the same migration under the same name, or of the same kind as the dropped one's default-name suffix says (`_pkey`, `_fkey`, `_key`, `_check`, `_excl`) on the same table.",
    fix: 'Replace rather than remove: add the new constraint first (NOT VALID, then VALIDATE), then drop the old one. For a primary or unique key, build the replacement index concurrently and attach it:\n\n```sql\n-- replace a CHECK\nALTER TABLE orders ADD CONSTRAINT orders_total_nonneg_v2 CHECK (total >= 0 AND total < 1e9) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT orders_total_nonneg_v2;\nALTER TABLE orders DROP CONSTRAINT orders_total_nonneg;\n\n-- replace a unique key\nCREATE UNIQUE INDEX CONCURRENTLY users_email_lower_key ON users (lower(email));\nALTER TABLE users DROP CONSTRAINT users_email_key;\n```\n\nIf the constraint must really go, check first that no `ON CONFLICT` clause and no replication publication depends on it.',
    examples: {
      bad: [
        'ALTER TABLE orders DROP CONSTRAINT orders_total_check;',
        'ALTER TABLE users DROP CONSTRAINT IF EXISTS users_email_key;',
        'ALTER TABLE items DROP CONSTRAINT items_order_id_fkey; ALTER TABLE items ADD CONSTRAINT items_total_check CHECK (total > 0);',
      ],
      good: [
        'ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID; ALTER TABLE orders DROP CONSTRAINT orders_total_check;',
        'CREATE TABLE carts (id bigint CONSTRAINT carts_pk PRIMARY KEY); ALTER TABLE carts DROP CONSTRAINT carts_pk;',
        'ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;',
        'ALTER TABLE items DROP CONSTRAINT items_order_id_fkey; ALTER TABLE items ADD CONSTRAINT items_order_id_fkey FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE NOT VALID;',
        'ALTER TABLE buckets DROP CONSTRAINT buckets_pkey, ADD PRIMARY KEY (user_id, action);',
      ],
    },
    squawk: ['ban-drop-constraint'],
  },
  create: ({ report }) => ({
    AlterTableStmt(node, statement, ctx) {
      const table = relationName(node.relation);
      for (const cmd of alterCommands(node)) {
        if (cmd.subtype !== 'AT_DropConstraint' || !cmd.name || isNewConstraint(ctx, table, cmd.name) || replacedLater(ctx, table, cmd.name)) continue;
        const cascade = cmd.behavior === 'DROP_CASCADE' ? ' CASCADE also drops the foreign keys of other tables that reference it.' : '';
        report({
          message: `Constraint "${cmd.name}" is dropped from ${table} and not replaced in this migration: ${consequence(cmd.name)}.${cascade}`,
        });
      }
    },
  }),
});
