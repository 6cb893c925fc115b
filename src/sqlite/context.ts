// What a SQLite rule knows about where a statement stands: the schema the earlier
// migrations and the file's earlier statements left, the transaction, and the
// connection's foreign_keys setting as far as the migration shows it.

import type { SqliteSchema } from './schema';

export interface SqliteLintOptions {
  /** The SQLite version the migrations must run on (`3.35.0`): ALTER forms older versions lack are findings. */
  sqliteVersion: string;
  /** Whether the migrations run in a transaction the tool opens (Alembic does; plain SQL files do not). */
  transactional: boolean;
}

export interface SqliteLintContext {
  /** The schema before this statement. */
  readonly schema: SqliteSchema;
  /** Inside a transaction block (the tool's, or a BEGIN in the file). */
  readonly inTransaction: boolean;
  /** `PRAGMA foreign_keys` as the file set it; `unknown` until it does (off by default in SQLite, on in many apps). */
  readonly foreignKeys: 'on' | 'off' | 'unknown';
  /** Tables this file created (lower-cased names). */
  readonly createdHere: ReadonlySet<string>;
}

/** `3.35` ≥ `3.25.1`? Versions compared part by part. */
export function versionAtLeast(version: string, wanted: string): boolean {
  const a = version.split('.').map(Number);
  const b = wanted.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] || 0;
    const y = b[i] || 0;
    if (x !== y) return x > y;
  }
  return true;
}
