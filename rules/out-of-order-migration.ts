import { defineDiagnostic } from '../src/lint/rule';

/** Raised by src/migrations/history.ts (`--base`): a new migration sorts before the newest one on the base ref. */
export default defineDiagnostic({
  id: 'out-of-order-migration',
  severity: 'error',
  stage: 'history',
  summary: 'A new migration sorts before migrations the base branch already has',
  why: 'This usually happens when a branch was created before another migration was merged: its timestamp or number is now older than the newest applied migration. Databases that are already past that point handle it badly: golang-migrate only applies versions above the current one and silently skips it; goose, Flyway and node-pg-migrate refuse to migrate until an out-of-order option is set; dbmate and Diesel apply it, but after the newer ones, in an order nobody tested. Reported with `--base <ref>`, comparing positions within each migration set.',
  fix: 'Rename the migration so it sorts after the newest one on the base branch (regenerate its timestamp, e.g. `goose create`, `dbmate new`, `migrate create -seq`), or move its entry to the end of sqitch.plan. Then re-check it against the schema the newer migrations produce.',
  examples: { bad: [], good: [] },
});
