import { defineRule } from '../src/lint/rule';
import { alterCommands, as, relationName } from '../src/sql/ast';

/** ADD EXCLUDE builds its index and checks every row under ACCESS EXCLUSIVE, with no concurrent alternative. */
export default defineRule({
  meta: {
    id: 'adding-exclusion-constraint',
    severity: 'error',
    work: 'index-build',
    summary: 'Adding an exclusion constraint to an existing table',
    why: 'ADD CONSTRAINT … EXCLUDE builds its index (usually GiST) and checks every existing row while holding ACCESS EXCLUSIVE on the table (checked on PostgreSQL 15 and 18 in pg_locks): no reads and no writes for the whole build. Unlike UNIQUE and PRIMARY KEY, an exclusion constraint cannot be attached to an index built CONCURRENTLY, and it has no NOT VALID form, so there is no lock-free way to add one.',
    fix: "Add it while the table is small or during a maintenance window, with a lock timeout so it gives up instead of queueing everyone behind it:\n\n```sql\nSET lock_timeout = '5s';\nALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap\n  EXCLUDE USING gist (room_id WITH =, during WITH &&);\nRESET lock_timeout;\n```\nOr enforce the rule in the application (or a trigger) and add the constraint when the table is created.",
    examples: {
      bad: ['ALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap EXCLUDE USING gist (room_id WITH =, during WITH &&);'],
      good: [
        'CREATE TABLE bookings (room_id int, during tstzrange, EXCLUDE USING gist (room_id WITH =, during WITH &&));',
        'CREATE TABLE bookings (room_id int, during tstzrange);\nALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap EXCLUDE USING gist (room_id WITH =, during WITH &&);',
      ],
    },
    squawk: ['constraint-missing-not-valid'],
  },
  create: ({ report }) => ({
    AlterTableStmt(n, statement, ctx) {
      if (n.objtype !== 'OBJECT_TABLE' || ctx.isNew(n.relation?.relname)) return;
      for (const cmd of alterCommands(n)) {
        const con = as(cmd.def, 'Constraint');
        if (cmd.subtype !== 'AT_AddConstraint' || con?.contype !== 'CONSTR_EXCLUSION') continue;
        report({
          message: `Exclusion constraint ${con.conname ? `"${con.conname}" ` : ''}on ${relationName(n.relation)} builds its index and checks every row under ACCESS EXCLUSIVE; there is no concurrent way to add it.`,
        });
      }
    },
  }),
});
