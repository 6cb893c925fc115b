// Test helpers for verify: real databases through the providers, and a Migration
// built from SQL strings.
import { startDatabase } from '../../src/verify/databases/index';
import { findPgBinaries } from '../../src/verify/databases/local';
import type { Database } from '../../src/verify/databases/types';
import type { Migration } from '../../src/types';

/** A fresh PGlite (the embedded default). */
export function startPglite(options: { statementTimeoutMs?: number; extensions?: string[] } = {}): Promise<Database> {
  return startDatabase('pglite', options);
}

/** Why a native Postgres cannot run here, or undefined when it can. */
export function localUnavailable(): string | undefined {
  try {
    findPgBinaries();
    return undefined;
  } catch (err) {
    return `no local Postgres binaries: ${(err as Error).message}`;
  }
}

/** A throwaway native cluster (initdb) through the `local` provider. */
export function startLocal(): Promise<Database> {
  return startDatabase('local', {});
}

/** A migration from SQL text; `down` undefined means no down file. */
export function migration(id: string, up: string, down?: string, extra: Partial<Migration> = {}): Migration {
  return {
    id,
    version: id,
    name: id,
    layout: 'golang-migrate',
    up: { file: `db/${id}.up.sql`, text: up, firstLine: 1 },
    down: down === undefined ? undefined : { file: `db/${id}.down.sql`, text: down, firstLine: 1 },
    transactional: true,
    changed: true,
    ...extra,
  };
}
