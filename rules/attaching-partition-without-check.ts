import { defineRule } from '../src/lint/rule';
import { alterCommands, alterCommandsOn, as, relationName } from '../src/sql/ast';

/** ATTACH PARTITION of an existing table without a validated CHECK that proves the bound. */
export default defineRule({
  meta: {
    id: 'attaching-partition-without-check',
    severity: 'warning',
    work: 'scan',
    summary: 'Attaching a partition without a CHECK constraint that proves its bound',
    why: 'ALTER TABLE … ATTACH PARTITION scans the whole table being attached to prove every row fits the partition bound, holding ACCESS EXCLUSIVE on it and SHARE UPDATE EXCLUSIVE on the parent (checked in pg_locks on PostgreSQL 15 and 18); if the parent has a DEFAULT partition, that one is scanned too, under ACCESS EXCLUSIVE, to prove none of its rows belong to the new bound. Postgres skips the first scan when a validated CHECK constraint on the table already implies the bound. Reported when the table existed before this migration and the migration adds no validated CHECK on it first.',
    fix: "Prove the bound with a CHECK added NOT VALID and validated (that scan does not block writes), attach, then drop the CHECK:\n\n```sql\nALTER TABLE events_2025 ADD CONSTRAINT events_2025_bound\n  CHECK (created_at IS NOT NULL AND created_at >= '2025-01-01' AND created_at < '2026-01-01') NOT VALID;\nALTER TABLE events_2025 VALIDATE CONSTRAINT events_2025_bound;\nALTER TABLE events ATTACH PARTITION events_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');\nALTER TABLE events_2025 DROP CONSTRAINT events_2025_bound;\n```\n\nWith a DEFAULT partition, the same CHECK (`NOT (created_at >= … AND created_at < …)`) on the default partition skips its scan.",
    examples: {
      bad: ["ALTER TABLE events ATTACH PARTITION events_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');"],
      good: [
        "ALTER TABLE events_2025 ADD CONSTRAINT b CHECK (created_at >= '2025-01-01' AND created_at < '2026-01-01') NOT VALID;\nALTER TABLE events_2025 VALIDATE CONSTRAINT b;\nALTER TABLE events ATTACH PARTITION events_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');",
        "CREATE TABLE events_2025 (LIKE events);\nALTER TABLE events ATTACH PARTITION events_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');",
      ],
    },
    messages: {
      scan: 'ATTACH PARTITION {{child}} scans all of {{child}} under ACCESS EXCLUSIVE to prove its bound ({{parent}} also takes SHARE UPDATE EXCLUSIVE, and a DEFAULT partition of {{parent}} is scanned too): no validated CHECK on {{child}} proves it first',
    },
  },
  create: ({ report, statements }) => {
    /** Whether a statement before `index` left a validated CHECK on `table`: added valid, or NOT VALID and then validated. */
    const provedBefore = (table: string, index: number): boolean => {
      const checks = new Map<string, boolean>();
      for (const cmd of alterCommandsOn(statements, table, 0, index)) {
        const c = as(cmd.def, 'Constraint');
        if (cmd.subtype === 'AT_AddConstraint' && c?.contype === 'CONSTR_CHECK') checks.set(c.conname ?? `#${checks.size}`, !c.skip_validation);
        else if (cmd.subtype === 'AT_ValidateConstraint' && cmd.name && checks.has(cmd.name)) checks.set(cmd.name, true);
      }
      return [...checks.values()].some(Boolean);
    };
    return {
      AlterTableStmt(n, _statement, ctx) {
        const parent = relationName(n.relation) ?? '?';
        for (const cmd of alterCommands(n)) {
          if (cmd.subtype !== 'AT_AttachPartition') continue;
          const child = relationName(as(cmd.def, 'PartitionCmd')?.name);
          if (!child || ctx.isNew(child) || provedBefore(child, ctx.index)) continue;
          report({ messageId: 'scan', data: { child, parent } });
        }
      },
    };
  },
});
