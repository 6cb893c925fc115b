import { defineDiagnostic } from '../src/lint/rule';

/** Raised by src/migrations/discover.ts: a migration has no down where its set uses downs. */
export default defineDiagnostic({
  id: 'missing-down',
  severity: 'warning',
  stage: 'history',
  summary: 'A migration has no down migration while the others in its folder do',
  why: "When a set of migrations uses downs (golang-migrate `.down.sql`, goose `-- +goose Down`, dbmate `-- migrate:down`, Diesel `down.sql`, sqitch `revert/`, Flyway undo scripts, node-pg-migrate `-- Down Migration`), a rollback walks back through every one of them; one without a down stops the rollback there or leaves its changes behind, and the up → down → up proof cannot run for it. Never raised for up-only layouts (Prisma, plain, temporal) or for a set where no migration has a down (an up-only team, like harbor or kratos's Flyway-style users); an empty down counts as a deliberate choice and is not reported.",
  fix: 'Add the down that undoes the up, e.g. for goose:\n\n```sql\n-- +goose Up\nALTER TABLE users ADD COLUMN nickname text;\n-- +goose Down\nALTER TABLE users DROP COLUMN nickname;\n```\nIf the change truly cannot be undone (data was dropped), write a down that fails loudly with a message, or disable the rule for the file.',
  examples: { bad: [], good: [] },
});
