// The one entry the verify cycle calls: pick a provider, start it, report what ran.

import { UsageError } from '../../errors';
import { startContainer } from './container';
import { findPgBinaries, startLocal } from './local';
import { startPglite } from './pglite';
import { DATABASE_CHOICES, DATABASE_KINDS, type Database, type DatabaseKind, type StartOptions } from './types';
import { startUrl } from './url';

export type { Database, DatabaseKind, QueryResult, StartOptions } from './types';
export { DATABASE_CHOICES, type DatabaseChoice } from './types';
export { extensionsIn, StatementTimeoutError, PGLITE_EXTENSIONS } from './pglite';
export { DEFAULT_POSTGRES_IMAGE } from './container';
export { registerCleanup, runCleanups } from './cleanup';

/** The provider `auto` (or an explicit kind) resolves to; throws UsageError for an unknown kind. */
export function resolveDatabaseKind(kind: string | undefined, options: StartOptions = {}): DatabaseKind {
  const k = kind ?? 'auto';
  if (k === 'auto') return options.databaseUrl ? 'url' : hasLocalMajor(options.autoPrefersMajor) ? 'local' : 'pglite';
  if ((DATABASE_KINDS as readonly string[]).includes(k)) return k as DatabaseKind;
  throw new UsageError(`--database must be one of ${DATABASE_CHOICES.join(', ')} (got "${k}")`);
}

/** A local installation of exactly this major exists (a version the user targets is verified on it rather than on PGlite's 18). */
function hasLocalMajor(major: number | undefined): boolean {
  if (major === undefined) return false;
  try {
    return findPgBinaries(undefined, major).major === major;
  } catch {
    return false;
  }
}

/**
 * Starts the chosen database and logs which one ran and its server version. The caller must
 * `stop()` it (in a finally); Ctrl-C, SIGTERM and process exit are covered by the cleanup registry.
 * Throws DatabaseUnavailableError (exit 2) when it cannot start, UsageError for a bad choice.
 */
export async function startDatabase(kind: string | undefined, options: StartOptions = {}): Promise<Database> {
  const resolved = resolveDatabaseKind(kind, options);
  const db = await START[resolved](options);
  options.log?.(`database: ${db.kind}, PostgreSQL ${db.serverVersion}`);
  return db;
}

const START: Record<DatabaseKind, (options: StartOptions) => Promise<Database>> = {
  pglite: startPglite,
  local: startLocal,
  container: startContainer,
  url: startUrl,
};
