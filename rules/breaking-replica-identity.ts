import { defineRule } from '../src/lint/rule';
import { alterCommands, alterCommandsOn, as, columnConstraints, relationName } from '../src/sql/ast';
import { isNewConstraint } from '../src/lint/created';

/** REPLICA IDENTITY NOTHING, or dropping the primary key a DEFAULT replica identity rests on, without a replacement. */
export default defineRule({
  meta: {
    id: 'breaking-replica-identity',
    severity: 'warning',
    work: 'lock',
    summary: 'Leaving a possibly replicated table without a replica identity',
    why: 'Logical replication (a publication, Debezium and other change-data-capture tools, managed upgrades and migrations between clusters) needs a replica identity to send UPDATE and DELETE. With `REPLICA IDENTITY NOTHING`, or with the default identity after the primary key is dropped, every UPDATE and DELETE on a published table fails with `cannot update table … because it does not have a replica identity and publishes updates` (checked on PostgreSQL 15 and 18): the application breaks on writes, not the migration. Reported unless the same migration gives the table a new primary key or an explicit identity; a down dropping the primary key its up added is not reported.',
    fix: 'Keep a primary key (add the new one before dropping the old, in the same transaction), or point the identity at a unique index on NOT NULL columns first:\n\n```sql\nCREATE UNIQUE INDEX CONCURRENTLY orders_uuid_key ON orders (uuid);\nALTER TABLE orders ALTER COLUMN uuid SET NOT NULL;\nALTER TABLE orders REPLICA IDENTITY USING INDEX orders_uuid_key;\n```\n\n`REPLICA IDENTITY FULL` also works, at the cost of logging whole old rows.',
    examples: {
      bad: ['ALTER TABLE orders REPLICA IDENTITY NOTHING;', 'ALTER TABLE orders DROP CONSTRAINT orders_pkey;'],
      good: [
        'ALTER TABLE orders DROP CONSTRAINT orders_pkey;\nALTER TABLE orders ADD PRIMARY KEY (uuid);',
        'ALTER TABLE orders REPLICA IDENTITY FULL;',
        'CREATE TABLE t (id int PRIMARY KEY);\nALTER TABLE t DROP CONSTRAINT t_pkey;',
      ],
    },
    messages: {
      nothing: 'REPLICA IDENTITY NOTHING on {{table}}: if it is published (logical replication, change data capture), every UPDATE and DELETE on it fails from now on',
      dropPk: 'Dropping {{constraint}}, the primary key of {{table}}, leaves it without a replica identity: if it is published, every UPDATE and DELETE on it fails until a new one exists',
    },
  },
  create: ({ report, statements }) => ({
    AlterTableStmt(n, _statement, ctx) {
      const table = relationName(n.relation);
      if (!table || ctx.isNew(table)) return;
      // A new primary key or an explicit identity, in this statement or later in the migration, replaces what this one takes away.
      const replaced = () =>
        alterCommandsOn(statements, table, ctx.index).some(
          (c) =>
            (c.subtype === 'AT_AddConstraint' && as(c.def, 'Constraint')?.contype === 'CONSTR_PRIMARY') ||
            (c.subtype === 'AT_AddColumn' && columnConstraints(as(c.def, 'ColumnDef')).some((k) => k.contype === 'CONSTR_PRIMARY')) ||
            (c.subtype === 'AT_AddIndexConstraint' && as(c.def, 'IndexStmt')?.primary) ||
            (c.subtype === 'AT_ReplicaIdentity' && ['f', 'i'].includes(as(c.def, 'ReplicaIdentityStmt')?.identity_type ?? '')),
        );
      for (const cmd of alterCommands(n)) {
        if (cmd.subtype === 'AT_ReplicaIdentity' && as(cmd.def, 'ReplicaIdentityStmt')?.identity_type === 'n' && !replaced()) report({ messageId: 'nothing', data: { table } });
        // Postgres names a primary key <table>_pkey unless told otherwise.
        if (cmd.subtype === 'AT_DropConstraint' && cmd.name === `${table.split('.').pop()}_pkey` && !isNewConstraint(ctx, table, cmd.name) && !replaced())
          report({ messageId: 'dropPk', data: { table, constraint: cmd.name } });
      }
    },
  }),
});
