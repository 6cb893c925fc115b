// What the verify cycle carries from one migration to the next: its options, the
// database, the schema and data already known (DataKnowledge), seeding memory, timings.

import type { Migration } from '../types';
import type { Database } from './databases/types';
import type { TableFingerprint } from './data';
import type { Baseline } from './reset';
import type { SeedMemory } from './seed';
import type { Snapshot } from './snapshot';
import { lockRank, type HeldLock, type KnownRelation } from './trace';

/** Options of the cycle (see verifyMigrations for defaults). */
export interface CycleOptions {
  seedRows: number;
  statementTimeoutMs: number;
  /** Tables the change's earlier added migrations created are empty at deploy time: never seeded. */
  deployTogether?: boolean;
  log?: (line: string) => void;
}

/**
 * What verify knows about the rows of each table between migrations, so that each
 * cycle reads only what may have changed: a table can only gain or lose rows, or
 * change values, under a lock of ROW EXCLUSIVE or stronger, and the trace sees
 * every such lock an up takes on an existing table. Tables an up locked that way
 * are forgotten and looked at again before the next migration; everything is
 * forgotten after an untraced step (an unchanged migration, autocommit, a rebuild).
 */
export class DataKnowledge {
  /** Table → whether it has rows. */
  readonly hasRows = new Map<string, boolean>();
  /** Tables that refused synthetic rows, with their column list when they did. */
  readonly unseedable = new Map<string, { shape: string; reason: string }>();
  /** Fingerprints still valid, with the column list they were taken with. */
  readonly fingerprints = new Map<string, { shape: string; fp: TableFingerprint }>();
  /** Forget what is known about these tables. */
  forget(tables: Iterable<string>): void {
    for (const t of tables) {
      this.hasRows.delete(t);
      this.fingerprints.delete(t);
      this.unseedable.delete(t);
    }
  }
  /** Forget everything. */
  forgetAll(): void {
    this.hasRows.clear();
    this.fingerprints.clear();
    this.unseedable.clear();
  }
}

/** Known relations locked in a mode that can change rows (ROW EXCLUSIVE or stronger), by qualified name; `[oid, mode]` pairs. */
export function modifyingLocks(locks: ReadonlyMap<string, HeldLock>, known: Map<number, KnownRelation>): Set<string> {
  const out = new Set<string>();
  for (const { oid, mode } of locks.values()) {
    if (lockRank(mode) < lockRank('RowExclusiveLock')) continue;
    const name = known.get(oid)?.name;
    if (name) out.add(name);
  }
  return out;
}

/** State carried from one migration to the next. */
export class CycleState {
  /** Ups applied so far, for rebuilding after a failed autocommit up. */
  readonly applied: Migration[] = [];
  readonly seedMemory: SeedMemory = new Map();
  /** Synthetic rows put in each table (by `regclass` text). */
  readonly seededRows = new Map<string, number>();
  readonly data = new DataKnowledge();
  /**
   * The schema the database is in now, when known: the previous cycle's snapshot B
   * (after its up), since everything after B was rolled back. Seeding adds rows only.
   */
  schema: Snapshot | undefined;
  /**
   * An earlier up altered a table: PL/pgSQL functions of this session may hold plans
   * for the old row type ("type of parameter N does not match that when preparing
   * the plan"), which a deploy's fresh session would not. DISCARD PLANS before the next.
   */
  plansStale = false;
  /**
   * The schema before each changed migration's up (its snapshot A), for every migration
   * with a down file: the whole-chain rollback (chain.ts) compares against them.
   */
  readonly before = new Map<Migration, Snapshot>();
  /** verify itself failed on a migration: the database state is not trusted for the chain check. */
  internalError = false;
  /** Set once the chain cannot continue; later migrations are skipped with this reason. */
  stopped: string | undefined;
  /** The last stop was a changed up that failed and was rolled back whole: the database is still usable. */
  cleanFailure = false;
  /** Tables (as userTableColumns names them) created by migrations the change added: empty when the later ones deploy. */
  readonly newTables = new Set<string>();
  /** The tables at the start of the previous cycle, and whether that migration was added by the change. */
  previous: { tables: Set<string>; added: boolean } | undefined;
  baseline: Baseline | undefined;
  /** Milliseconds spent per phase over the run (seed, snapshot, up, …), for the bench. */
  readonly phases = new Map<string, number>();
  /** Time `fn` under `phase`. */
  async timed<T>(phase: string, fn: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      this.phases.set(phase, (this.phases.get(phase) ?? 0) + performance.now() - t0);
    }
  }
  constructor(
    readonly db: Database,
    readonly options: CycleOptions,
  ) {}
}
