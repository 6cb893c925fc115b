// up → down → up for each migration, in order, on one database.
//
// Per migration (snapshots A..D):
//   seed empty tables (committed) → A → BEGIN → up (traced) → SAVEPOINT → B →
//   down → C → up again → D → ROLLBACK TO SAVEPOINT → COMMIT
// reversible = C equals A; reapplicable = the second up succeeded and D equals B.
// Rolling back to the savepoint means the next migration always starts from
// exactly the state this migration's up made, whatever the down did.
//
// An up that fails with rows present is rolled back and retried on empty tables
// (TRUNCATE inside the retry's transaction): success there means it fails only
// on existing data (dataCheck.failsWithData). An up that fails on empty tables
// stops the verification of its set: every later migration depends on it.
//
// Migrations that must run outside a transaction (CONCURRENTLY, VACUUM…, with
// `transactional: false`) run their up statement by statement in autocommit, as
// their framework does: each statement that can is wrapped in its own
// transaction so its locks are read before COMMIT; the others are traced as far
// as Postgres allows (duration, rewrites; `notObserved` says the rest). Their
// down and second up still run inside a transaction that is rolled back, with
// CONCURRENTLY removed (the resulting schema is the same). If such an up fails
// part-way the database is rebuilt (every user schema dropped, earlier ups
// replayed) before deciding whether it fails only with data. A migration its
// framework wraps in a transaction (`transactional: true`) gets every statement
// as written: CONCURRENTLY fails there exactly as it will in production. So does a
// file its tool sends as ONE multi-statement query (`sentAsOneQuery`: golang-migrate,
// dbmate, Diesel, Prisma…) once it holds more than one statement: Postgres runs such
// a query as one implicit transaction block. Its statements are still sent (and
// traced) one by one inside verify's transaction: the same atomicity, the same
// locks held to the end, the same refusals, with per-statement locks and timings.
//
// Cost: the schema after the up (B) is the next migration's A; row counts and
// fingerprints are kept between migrations and re-read only for tables an up
// locked ROW EXCLUSIVE or stronger (DataKnowledge); a migration without a down
// takes no snapshot at all.

import type { MigrationVerification, Migration } from '../types';
import { dataLoss, fingerprint, userTableColumns, type TableFingerprint } from './data';
import { seedEmptyTables, truncateAll } from './seed';
import { diffSnapshots, takeSnapshot, type SchemaDifference, type Snapshot } from './snapshot';
import { executableStatements, needsAutocommit, runsInOneTransaction, type ExecUnit } from './statements';
import { displayName, knownRelations, observe, type KnownRelation } from './trace';
import { outcome, rollbackQuietly, runAutocommit, runInTransaction, setTimeoutMs, stoppedByTimeout, type RunResult } from './executor';
import { captureBaseline, resetDatabase } from './reset';
import { modifyingLocks, type CycleState } from './cycle-state';

/** The statements of a migration's up (with its extra up files, in order) or down. */
export function unitsOf(m: Migration, which: 'up' | 'down'): { units: ExecUnit[]; problem?: string } {
  const sources = which === 'up' ? [m.up, ...(m.extraUp ?? [])] : m.down ? [m.down] : [];
  const units: ExecUnit[] = [];
  let problem: string | undefined;
  for (const [i, src] of sources.entries()) {
    const r = executableStatements(src);
    units.push(...r.units.map((u) => (i > 0 ? { ...u, extra: true } : u)));
    if (r.problem) problem ??= sources.length > 1 ? `${src.file}: ${r.problem}` : r.problem;
  }
  return { units, problem };
}

/** Whether a down exists and holds at least one statement. */
export function hasDown(m: Migration): boolean {
  return !!m.down && m.down.text.replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, '').trim().length > 0;
}

/** A migration's verdict in a few words, for the progress line. */
export function summaryWord(v: MigrationVerification): string {
  if (!v.up.ok) return 'up failed';
  if (!v.hasDown) return 'applied (no down)';
  if (v.down && !v.down.ok) return 'down failed';
  return [v.reversible ? 'reversible' : 'not reversible', v.reapplicable ? 'reapplicable' : 'not reapplicable'].join(', ');
}

/** A verification with nothing run yet. */
export function emptyVerification(m: Migration): MigrationVerification {
  return {
    id: m.id,
    file: m.up.file,
    hasDown: hasDown(m),
    up: { ok: false, error: null, ms: 0 },
    reversible: false,
    reapplicable: false,
    schemaDiff: [],
    dataCheck: { rowsSeeded: 0, failsWithData: false, error: null, lost: [] },
    statements: [],
  };
}

/** A migration not run because the chain stopped earlier. */
export function skippedVerification(m: Migration, reason: string): MigrationVerification {
  const v = emptyVerification(m);
  v.up = { ok: false, error: `not run: ${reason}`, ms: 0 };
  v.skipped = reason;
  return v;
}

/** Rebuild the database to the state after `state.applied` (no rows): used after a part-applied autocommit up. */
async function rebuild(state: CycleState): Promise<boolean> {
  const { db, options } = state;
  if (!state.baseline) return false;
  state.options.log?.('verify: rebuilding the database after a migration failed outside a transaction');
  state.data.forgetAll();
  state.schema = undefined;
  await resetDatabase(db, state.baseline);
  for (const m of state.applied) {
    const { units } = unitsOf(m, 'up');
    const asOne = upInOneTransaction(m, units);
    if (!asOne && needsAutocommit(units)) {
      if (!(await runAutocommit(db, units, options.statementTimeoutMs, new Map())).ok) return false;
      continue;
    }
    await db.exec('BEGIN');
    const r = await runInTransaction(db, units, options.statementTimeoutMs, undefined, asOne);
    if (!r.ok) {
      await rollbackQuietly(db);
      options.log?.(`verify: could not replay ${m.id} while rebuilding: ${r.error}`);
      return false;
    }
    await db.exec('COMMIT');
  }
  return true;
}

/** DISCARD PLANS when an earlier up altered a table (see CycleState.plansStale). */
export async function discardStalePlans(state: CycleState): Promise<void> {
  if (!state.plansStale) return;
  await state.db.exec('DISCARD PLANS');
  state.plansStale = false;
}

/** Apply an unchanged migration's up (no trace, no cycle); returns its verification only when it failed. */
export async function applyOnly(state: CycleState, m: Migration): Promise<MigrationVerification | undefined> {
  const { db, options } = state;
  const { units } = unitsOf(m, 'up');
  await discardStalePlans(state);
  if (units.some((u) => u.kind === 'AlterTableStmt')) state.plansStale = true;
  const asOne = upInOneTransaction(m, units);
  const auto = !asOne && needsAutocommit(units);
  await setTimeoutMs(db, options.statementTimeoutMs);
  let r: RunResult;
  if (auto) {
    r = await runAutocommit(db, units, options.statementTimeoutMs, new Map());
  } else {
    await db.exec('BEGIN');
    r = await runInTransaction(db, units, options.statementTimeoutMs, undefined, asOne);
    if (r.ok) await db.exec('COMMIT');
    else if (!stoppedByTimeout(db, r)) {
      await rollbackQuietly(db);
      // Earlier seeding may be what it trips on: retry on empty tables.
      await db.exec('BEGIN');
      await truncateAll(db);
      const retry = await runInTransaction(db, units, options.statementTimeoutMs, undefined, asOne);
      if (retry.ok) {
        await db.exec('COMMIT');
        r = retry;
      } else await rollbackQuietly(db);
    }
  }
  state.data.forgetAll(); // not traced: anything may have changed
  state.schema = undefined;
  if (r.ok) {
    state.applied.push(m);
    return undefined;
  }
  const v = emptyVerification(m);
  v.appliedOnly = true;
  v.up = outcome(r);
  // History that does not replay here (a role, an extension, a template the platform
  // provides) is not the pull request's fault: go on without it where the database can.
  // Only a database that stopped (PGlite after a timeout) or cannot be rebuilt ends the set.
  const rebuilt = auto ? await rebuild(state).catch(() => false) : true;
  if (stoppedByTimeout(db, r) || !rebuilt) state.stopped = `migration ${m.id} failed: ${r.error}`;
  return v;
}

/** The up runs as one transaction block in production (see runsInOneTransaction). */
export function upInOneTransaction(m: Migration, units: ExecUnit[]): boolean {
  return runsInOneTransaction(m.transactional, m.sentAsOneQuery, units);
}

/** The down runs as one transaction block in production (dbmate may set the down's own transaction). */
export function downInOneTransaction(m: Migration, units: ExecUnit[]): boolean {
  return runsInOneTransaction(m.downTransactional ?? m.transactional, m.sentAsOneQuery, units);
}

/** Run the full cycle for one changed migration and leave the database in the state its up made. */
export async function cycleMigration(state: CycleState, m: Migration): Promise<MigrationVerification> {
  const v = emptyVerification(m);
  const up = unitsOf(m, 'up');
  const down = unitsOf(m, 'down');
  state.baseline ??= await captureBaseline(db(state));
  await discardStalePlans(state);
  const before = await prepareData(state, m, v);
  const applied = await applyUp(state, m, v, up, before);
  if (!applied) return v;
  if (await cycleDownAndUpAgain(state, m, v, up, down, before, applied.touched)) {
    state.stopped = `the database was stopped after migration ${m.id} ran past the statement timeout`;
    return v;
  }
  if (v.dataCheck.failsWithData === false && before.unseeded.size) {
    // Only tables this up touched matter to its data check.
    const touched = new Set(applied.run.traces.flatMap((t) => t.locks.map((l) => l.relation)));
    const relevant = [...before.unseeded].filter(([t]) => touched.has(displayName(t)));
    if (relevant.length) v.dataCheck.unseeded = relevant.map(([t, why]) => `${displayName(t)}: ${why}`);
  }
  return v;
}

const db = (state: CycleState) => state.db;

/** What the database holds before the up: its tables and their rows, schema A, fingerprints, relations. */
interface BeforeUp {
  columns: Map<string, string[]>;
  /** Tables holding rows, with their columns. */
  filled: Map<string, string[]>;
  rowsPresent: number;
  unseeded: Map<string, string>;
  /** Schema A (when there is a down to compare with). */
  schema?: Snapshot;
  fingerprints: Map<string, TableFingerprint>;
  known: Map<number, KnownRelation>;
}

/**
 * Step 1: fill empty tables, then fingerprint what the up will meet and take snapshot A.
 * What is known from earlier migrations is reused (see DataKnowledge).
 */
async function prepareData(state: CycleState, m: Migration, v: MigrationVerification): Promise<BeforeUp> {
  const { db, options } = state;
  const know = state.data;
  const colsA = await state.timed('data', () => userTableColumns(db));
  const shape = (t: string) => (colsA.get(t) ?? []).join('\u0000');
  // Deployed together: what the change's previous added migration created is new and empty when this one runs.
  if (options.deployTogether && state.previous?.added && m.added) for (const t of colsA.keys()) if (!state.previous.tables.has(t)) state.newTables.add(t);
  state.previous = { tables: new Set(colsA.keys()), added: !!m.added };
  const unknown = [...colsA.keys()].filter((t) => !know.hasRows.get(t) && know.unseedable.get(t)?.shape !== shape(t) && !state.newTables.has(t));
  let unseeded = new Map<string, string>();
  if (unknown.length && options.seedRows > 0) {
    const assumed = new Map([...colsA.keys()].filter((t) => !unknown.includes(t)).map((t) => [t, know.hasRows.get(t) ?? false]));
    const seed = await state.timed('seed', () => seedEmptyTables(db, options.seedRows, state.seedMemory, assumed, unknown));
    for (const [t, n] of seed.rows) know.hasRows.set(t, n > 0);
    for (const [t, n] of seed.seeded) {
      state.seededRows.set(t, n);
      know.unseedable.delete(t);
      know.fingerprints.delete(t);
    }
    for (const [t, why] of seed.unseeded) know.unseedable.set(t, { shape: shape(t), reason: why });
    unseeded = seed.unseeded;
  }
  for (const [t, u] of know.unseedable) if (colsA.has(t) && !know.hasRows.get(t)) unseeded.set(t, u.reason);
  const filled = new Map([...colsA].filter(([t]) => know.hasRows.get(t)));
  const rowsPresent = [...filled.keys()].reduce((sum, t) => sum + (state.seededRows.get(t) ?? 1), 0);
  v.dataCheck.rowsSeeded = rowsPresent;
  // Without a down there is nothing to compare the schema before the up with, except
  // for the whole-chain rollback, which runs every down file, empty ones included.
  const a = v.hasDown || m.down ? (state.schema ?? (await state.timed('snapshot', () => takeSnapshot(db)))) : undefined;
  if (a && m.down) state.before.set(m, a);
  state.schema = undefined; // until this cycle's B is known
  const stale = new Map([...filled].filter(([t]) => know.fingerprints.get(t)?.shape !== shape(t)));
  if (stale.size && v.hasDown) {
    // Fingerprints serve the up → down comparison only.
    const fresh = await state.timed('data', () => fingerprint(db, stale));
    for (const [t, fp] of fresh) know.fingerprints.set(t, { shape: shape(t), fp });
  }
  const fingerprints = new Map([...filled.keys()].flatMap((t) => (know.fingerprints.has(t) ? [[t, know.fingerprints.get(t)!.fp] as const] : [])));
  const known = await state.timed('trace', () => knownRelations(db));
  await setTimeoutMs(db, options.statementTimeoutMs);
  return { columns: colsA, filled, rowsPresent, unseeded, ...(a ? { schema: a } : {}), fingerprints, known };
}

/**
 * Step 2: the up, traced; when it fails with rows present, again on empty tables to tell a
 * broken up from one that fails only on existing data. Leaves a transaction open holding the
 * up's result; undefined when verification of this set stops here.
 */
async function applyUp(state: CycleState, m: Migration, v: MigrationVerification, up: ReturnType<typeof unitsOf>, before: BeforeUp): Promise<{ run: RunResult; touched: Set<string> } | undefined> {
  const { db } = state;
  const timeout = state.options.statementTimeoutMs;
  const { known } = before;
  const upAsOne = upInOneTransaction(m, up.units);
  const auto = !upAsOne && needsAutocommit(up.units);
  let upRun: RunResult;
  if (auto) {
    upRun = await state.timed('up', () => runAutocommit(db, up.units, timeout, known));
  } else {
    await db.exec('BEGIN');
    upRun = await state.timed('up', () => runInTransaction(db, up.units, timeout, known, upAsOne));
  }
  v.statements = upRun.traces;
  if (up.problem) v.statements.unshift({ line: m.up.firstLine, sql: '', ms: 0, locks: [], rewrites: [], notObserved: `could not split into statements (${up.problem}); ran as one` });

  if (!upRun.ok) {
    if (stoppedByTimeout(db, upRun)) {
      // PGlite cannot cancel: the provider stopped the database, nothing more can run.
      v.up = outcome(upRun);
      state.stopped = `the database was stopped after migration ${m.id} ran past the statement timeout`;
      return undefined;
    }
    if (auto) {
      if (!(await rebuild(state))) {
        v.up = outcome(upRun);
        state.stopped = `migration ${m.id} failed outside a transaction and the database could not be rebuilt`;
        return undefined;
      }
    } else await rollbackQuietly(db);
    let retry: RunResult | undefined;
    if (before.rowsPresent > 0) {
      // Fails with rows: does it apply to the same schema with empty tables?
      if (auto) {
        retry = await runAutocommit(db, up.units, timeout, known);
        if (!retry.ok) await rebuild(state);
        else await db.exec('BEGIN');
      } else {
        await db.exec('BEGIN');
        await truncateAll(db);
        retry = await runInTransaction(db, up.units, timeout, undefined, upAsOne);
        if (!retry.ok) await rollbackQuietly(db);
        else state.data.forgetAll(); // committed below with every table emptied
      }
    }
    if (!retry?.ok) {
      v.up = outcome(retry ?? upRun); // fails on empty tables too: the up itself is broken
      state.stopped = `migration ${m.id} failed`;
      state.cleanFailure = true; // rolled back: the database is as the earlier migrations left it
      return undefined;
    }
    v.up = outcome(retry);
    v.dataCheck.failsWithData = true;
    v.dataCheck.error = upRun.line !== undefined ? `line ${upRun.line}: ${upRun.error}` : upRun.error;
    // 22P02: text that does not parse as the type asked for; ours (seed-1, 1.0.0) has no real format.
    if (upRun.code === '22P02') v.dataCheck.inconclusive = `verify's synthetic text values do not parse the way this statement reads the column (${upRun.error}); real rows may`;
  } else {
    v.up = outcome(upRun);
    if (auto) await db.exec('BEGIN');
  }
  state.applied.push(m);
  if (up.units.some((u) => u.kind === 'AlterTableStmt')) state.plansStale = true;
  // What the up may have changed (and so what the next migration must look at again).
  // In a transaction the up's locks are all still held: one read says what it touched.
  const touched = auto || v.dataCheck.failsWithData ? new Set(before.columns.keys()) : modifyingLocks((await observe(db, known)).locks, known);
  state.data.forget(touched);
  return { run: upRun, touched };
}

/**
 * Step 3, inside the transaction holding the up's result: snapshot B, the down, snapshot C
 * and the data-loss check, the up again, snapshot D; then back to B and COMMIT. True when
 * the database stopped (PGlite and a statement past the timeout): nothing more can run.
 */
async function cycleDownAndUpAgain(
  state: CycleState,
  m: Migration,
  v: MigrationVerification,
  up: ReturnType<typeof unitsOf>,
  down: ReturnType<typeof unitsOf>,
  before: BeforeUp,
  touchedByUp: Set<string>,
): Promise<boolean> {
  const { db } = state;
  const timeout = state.options.statementTimeoutMs;
  const { known } = before;
  await db.exec('SAVEPOINT migration_guard_cycle');
  let stopped = false; // PGlite stopped by a down or second up that overran the timeout
  try {
    if (!v.hasDown) return false;
    const b = await state.timed('snapshot', () => takeSnapshot(db));
    state.schema = b;
    const downRun = await state.timed('down', () => runInTransaction(db, down.units, timeout, undefined, downInOneTransaction(m, down.units)));
    v.down = outcome(downRun);
    stopped ||= stoppedByTimeout(db, downRun);
    if (!downRun.ok) {
      await rollbackQuietly(db, 'migration_guard_cycle');
      return stopped;
    }
    const c = await state.timed('snapshot', () => takeSnapshot(db));
    const reverse = diffSnapshots(before.schema!, c, { before: 'before up', after: 'after down' });
    v.reversible = !reverse.some((d) => !d.orderOnly);
    const diffs: SchemaDifference[] = [...reverse];
    if (!v.dataCheck.failsWithData && before.fingerprints.size) {
      // Only a table locked ROW EXCLUSIVE or stronger by the up or the down can have lost data;
      // the transaction still holds every lock both took.
      const held = await state.timed('data', () => observe(db, known));
      const touched = new Set([...touchedByUp, ...modifyingLocks(held.locks, known)]);
      const colsC = await state.timed('data', () => userTableColumns(db));
      const present = new Map([...before.filled].filter(([t]) => touched.has(t) && colsC.has(t)).map(([t, cols]) => [t, cols.filter((c) => colsC.get(t)!.includes(c))]));
      const fpC = await state.timed('data', () => fingerprint(db, present, { inTransaction: true }));
      // A table present but unreadable is not compared; one that is gone lost its rows.
      const comparable = new Map([...before.fingerprints].filter(([t]) => touched.has(t) && (!colsC.has(t) || fpC.has(t))));
      v.dataCheck.lost = dataLoss(comparable, fpC);
    }
    const reupRun = await state.timed('reup', () => runInTransaction(db, up.units, timeout, undefined, upInOneTransaction(m, up.units)));
    v.reup = outcome(reupRun);
    stopped ||= stoppedByTimeout(db, reupRun);
    if (!reupRun.ok) {
      await rollbackQuietly(db, 'migration_guard_cycle');
    } else {
      const d = await state.timed('snapshot', () => takeSnapshot(db));
      const again = diffSnapshots(b, d, { before: 'after the first up', after: 'after the second up' });
      v.reapplicable = !again.some((x) => !x.orderOnly);
      diffs.push(...again);
    }
    v.schemaDiff = diffs.map((x) => (x.orderOnly ? `${x.line} (order only)` : x.line));
    return stopped;
  } finally {
    if (!stopped) {
      await rollbackQuietly(db, 'migration_guard_cycle');
      await db.exec('COMMIT');
    }
  }
}
