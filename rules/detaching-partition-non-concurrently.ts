import { defineRule } from '../src/lint/rule';
import { as, alterCommands, relationName } from '../src/sql/ast';

/** DETACH PARTITION without CONCURRENTLY takes ACCESS EXCLUSIVE on the partitioned table. */
export default defineRule({
  meta: {
    id: 'detaching-partition-non-concurrently',
    severity: 'warning',
    work: 'lock',
    summary: 'Detaching a partition without CONCURRENTLY',
    why: 'ALTER TABLE … DETACH PARTITION takes ACCESS EXCLUSIVE on the partitioned table and the partition (checked on PostgreSQL 15 and 18 in pg_locks). The detach itself is quick, but it must wait for every query running on any partition, and meanwhile every new query on the whole partitioned table queues behind it. DETACH PARTITION … CONCURRENTLY (PostgreSQL 14+) takes only SHARE UPDATE EXCLUSIVE on the parent. Partitions and tables created in the same migration are not reported.',
    fix: "On PostgreSQL 14+, detach concurrently, outside a transaction block:\n\n```sql\nALTER TABLE measurements DETACH PARTITION measurements_2023 CONCURRENTLY;\n-- if it is interrupted:\nALTER TABLE measurements DETACH PARTITION measurements_2023 FINALIZE;\n```\nBefore 14 there is no concurrent form: run it with `SET lock_timeout = '3s'` and retry.",
    examples: {
      bad: ['ALTER TABLE measurements DETACH PARTITION measurements_2023;'],
      good: [
        'ALTER TABLE measurements DETACH PARTITION measurements_2023 CONCURRENTLY;',
        'ALTER TABLE measurements DETACH PARTITION measurements_2023 FINALIZE;',
        'CREATE TABLE measurements_2023 PARTITION OF measurements FOR VALUES FROM (2023) TO (2024);\nALTER TABLE measurements DETACH PARTITION measurements_2023;',
      ],
    },
    squawk: ['require-concurrent-partition-detach'],
  },
  create: ({ report }) => ({
    AlterTableStmt(n, statement, ctx) {
      if (ctx.isNew(n.relation?.relname)) return;
      for (const cmd of alterCommands(n)) {
        if (cmd.subtype !== 'AT_DetachPartition') continue;
        const part = as(cmd.def, 'PartitionCmd');
        if (part?.concurrent || ctx.isNew(part?.name?.relname)) continue;
        const parent = relationName(n.relation);
        report({
          message: `DETACH PARTITION ${relationName(part?.name)} from ${parent} without CONCURRENTLY takes ACCESS EXCLUSIVE on ${parent}: it waits for every running query on it and blocks all new ones meanwhile${ctx.pgVersion < 14 ? ` (no concurrent form before PostgreSQL 14; target: ${ctx.pgVersion})` : ''}.`,
        });
      }
    },
  }),
});
