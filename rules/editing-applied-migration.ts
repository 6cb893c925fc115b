import { defineDiagnostic } from '../src/lint/rule';

/** Raised by src/migrations/history.ts (`--base`): a migration that exists on the base ref was modified. */
export default defineDiagnostic({
  id: 'editing-applied-migration',
  severity: 'error',
  stage: 'history',
  summary: 'Editing a migration that the base branch already has',
  why: "Migration tools record which migrations ran and never run one twice. Once a migration is on the base branch it has most likely been applied somewhere (staging, production, colleagues' databases); editing it changes nothing there, so the environments silently drift apart, and only fresh databases get the new SQL. Tools that checksum migrations (Flyway, sqitch, Prisma) refuse to run at all once a checksum no longer matches. migration-guard reports this only with `--base <ref>`, comparing the up SQL (and transaction mode) with the same migration on that ref; an edited down alone is not reported, since it is not applied on deploy.",
  fix: 'Revert the edit and express the change as a new migration:\n\n```sql\n-- instead of editing 000012_create_orders.up.sql, add 000031_orders_add_status.up.sql:\nALTER TABLE orders ADD COLUMN status text;\n```',
  examples: { bad: [], good: [] },
});
