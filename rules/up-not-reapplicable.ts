import { defineDiagnostic } from '../src/lint/rule';

/** Raised by src/verify: up, down, then up again fails or gives a different schema. */
export default defineDiagnostic({
  id: 'up-not-reapplicable',
  severity: 'error',
  stage: 'verify',
  summary: 'The up migration cannot be applied again after its down',
  why: 'Deploys get rolled back and rolled forward again. verify runs up, down, then up a second time and compares the schema with the one the first up made. A second up that fails (an object the down left behind already exists) or produces a different schema means a roll-forward after a rollback will break.',
  fix: "Make the down remove everything the up creates (so the second up starts from the same place), or make the up tolerant where that is intended:\n\n```sql\n-- up\nCREATE TYPE mood AS ENUM ('happy', 'sad');\nALTER TABLE users ADD COLUMN mood mood;\n-- down: drop the type too, not only the column\nALTER TABLE users DROP COLUMN mood;\nDROP TYPE mood;\n```",
  examples: { bad: [], good: [] },
});
