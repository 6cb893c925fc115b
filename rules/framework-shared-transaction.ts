import { defineDiagnostic } from '../src/lint/rule';

/** Raised by src/frameworks/: several migrations ran inside one transaction block. */
export default defineDiagnostic({
  id: 'framework-shared-transaction',
  severity: 'warning',
  stage: 'verify',
  summary: "The framework ran several migrations in one transaction: the first one's locks are held until the last commits",
  why: 'Alembic (without transaction_per_migration) and node-pg-migrate (without --single-transaction=false / --no-check-order… per run) apply every pending migration inside ONE transaction. Each lock a migration takes is held until that transaction commits, so an ACCESS EXCLUSIVE lock taken by the first migration of a deploy blocks every reader and writer of that table while all the later migrations run, their index builds and backfills included. migration-guard sees this in the transaction status Postgres reports while the framework runs.',
  fix: 'Commit per migration: Alembic `context.configure(..., transaction_per_migration=True)` in env.py; node-pg-migrate `--single-transaction false` (each migration in its own transaction). Or deploy the risky migration on its own.',
  examples: { bad: [], good: [] },
});
