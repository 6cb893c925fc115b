// Errors that end a run with exit code 2 ("could not run", DESIGN.md): a bad flag
// or config, an unreadable path, a missing git ref, an unavailable database.

/** A problem with how migration-guard was invoked or configured; the CLI exits 2 with its message. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The verify database could not be started or reached; the CLI exits 2. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}
