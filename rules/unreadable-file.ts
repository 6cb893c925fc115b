import { defineDiagnostic } from '../src/lint/rule';

/** Raised by src/migrations (and the lint engine): a migration file could not be read. */
export default defineDiagnostic({
  id: 'unreadable-file',
  severity: 'error',
  stage: 'engine',
  summary: 'A migration file could not be read',
  why: "The file exists in the migrations folder (or is named by its tool's plan or manifest) but could not be opened or decoded: a permission problem, a broken symlink, a folder where a file was expected, a sqitch plan entry without its deploy script, or an invalid temporal manifest. Its migration is skipped and cannot be checked; every other migration still is. The framework will fail on the same file at deploy time.",
  fix: 'Make the file readable (permissions, restore the symlink target, add the missing script named in the message), or remove the entry that refers to it.',
  examples: { bad: [], good: [] },
});
