// The verify stage's one entry: prove each migration up → down → up on a started
// database, then revert the changed ones as a chain, and turn the results into
// findings. See cycle.ts for the cycle, chain.ts for the chain.

import { initParser } from '../sql/parse';
import type { Finding, Migration, MigrationVerification, Verification } from '../types';
import type { Database } from './databases/types';
import { applyOnly, cycleMigration, skippedVerification, summaryWord } from './cycle';
import { CycleState } from './cycle-state';
import { historyCause, verificationFindings } from './findings';
import { verifyChain } from './chain';

/** Options of verifyMigrations. */
export interface VerifyOptions {
  /** Synthetic rows put in each empty table before each migration (default 100; 0 disables the data checks). */
  seedRows?: number;
  /** Per-statement timeout in ms (default 60 000; 0 = none). */
  statementTimeoutMs?: number;
  /** Progress lines (stderr in the CLI). */
  log?: (line: string) => void;
  /** Receives the milliseconds spent per phase (seed, snapshot, data, trace, up, down, reup) at the end; for the bench. */
  onPhases?: (phases: Map<string, number>) => void;
  /** Called after each cycled migration with its wall time in ms; for the bench. */
  onCycle?: (migration: Migration, ms: number) => void;
  /** Tables created by migrations the change added (Migration.added) are empty when its later migrations run: not seeded (default true). */
  deployTogether?: boolean;
}

export const DEFAULT_SEED_ROWS = 100;
export const DEFAULT_STATEMENT_TIMEOUT_MS = 60_000;

/**
 * Verify `migrations` (in the order the framework applies them) on `db`, which must
 * be a fresh, empty database the caller started and will stop. Migrations with
 * `changed: false` are applied (up only) to reach the right state but not cycled
 * or reported, unless they fail. An up of a changed migration that fails on the empty
 * database stops the verification of the later migrations of its set (`Migration.project`),
 * which are reported as skipped, unless the failure comes from history that did not
 * replay (see historyCause): unchanged migrations that fail, and migrations verify cannot
 * run (Go), are gone on without, and later results name them. Never throws for a failing
 * migration; throws only when the database itself stops answering.
 */
export async function verifyMigrations(migrations: Migration[], db: Database, options: VerifyOptions = {}): Promise<{ verification: Verification; findings: Finding[] }> {
  await initParser();
  const t0 = performance.now();
  const state = new CycleState(db, {
    seedRows: options.seedRows ?? DEFAULT_SEED_ROWS,
    statementTimeoutMs: options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
    log: options.log,
    deployTogether: options.deployTogether ?? true,
  });
  const verification: Verification = { database: { kind: db.kind, serverVersion: db.serverVersion }, migrations: [] };
  let project: string | undefined;
  // Migrations of the current set verify could not run (Migration.notRunnable): later results name them.
  let notRun: string[] = [];
  const byId = new Map(migrations.map((x) => [x.id, x]));
  for (const m of migrations) {
    // Sets in one folder run on the same database in order (a later set may build on
    // an earlier one, as supabase's init-scripts do), but a failure stops only its own set.
    if (m.project !== project) {
      project = m.project;
      // PGlite stops the whole embedded database when a statement overruns the timeout: the later sets cannot run either
      const pgliteGone =
        state.stopped !== undefined &&
        db.capabilities.timeoutStopsDatabase &&
        !(await db.query('SELECT 1').then(
          () => true,
          () => false,
        ));
      if (!pgliteGone) state.stopped = undefined;
      notRun = [];
    }
    if (m.notRunnable) {
      notRun.push(m.id);
      if (m.changed) verification.migrations.push(skippedVerification(m, m.notRunnable));
      options.log?.(`verify: ${m.id} not run (${m.notRunnable.split(':')[0]})`);
      continue;
    }
    if (state.stopped) {
      if (m.changed) verification.migrations.push(skippedVerification(m, state.stopped));
      continue;
    }
    if (!m.changed) {
      const failed = await applyOnly(state, m);
      if (failed) {
        verification.migrations.push(notRun.length ? { ...failed, notRunBefore: [...notRun] } : failed);
        notRun.push(m.id); // the migrations after it run without its changes
        if (!state.stopped) options.log?.(`verify: unchanged ${m.id} does not replay here (${failed.up.error}); going on without it`);
      }
      continue;
    }
    const t = performance.now();
    let v: MigrationVerification;
    try {
      v = await cycleMigration(state, m);
    } catch (err) {
      v = await internalFailure(state, m, err);
    }
    if (notRun.length && !v.up.ok) {
      v.notRunBefore = [...notRun];
      // It fails for want of history that did not replay: not its fault, and nothing it did is left; go on.
      if (state.cleanFailure && historyCause(v, notRun.map((id) => byId.get(id)!).filter(Boolean))) {
        state.stopped = undefined;
        notRun.push(m.id);
      }
    }
    state.cleanFailure = false;
    verification.migrations.push(v);
    const ms = performance.now() - t;
    options.log?.(`verify: ${m.id} ${summaryWord(v)} (${Math.round(ms)} ms)`);
    options.onCycle?.(m, ms);
  }
  const tChain = performance.now();
  const chain = await verifyChain(state, verification.migrations);
  if (chain) {
    verification.chain = chain;
    options.log?.(`verify: whole-chain rollback of ${chain.size} migration(s) ${chain.ok ? 'restores the schema' : `breaks at ${chain.brokeAt}`} (${Math.round(performance.now() - tChain)} ms)`);
  }
  verification.ms = Math.round(performance.now() - t0);
  options.onPhases?.(state.phases);
  return { verification, findings: verificationFindings(verification, migrations) };
}

/**
 * verify itself failed on a migration (a catalog query it did not expect to fail):
 * report it, clean up, and skip the rest of the set. A database that no longer
 * answers is not ours to explain: that error propagates.
 */
async function internalFailure(state: CycleState, m: Migration, err: unknown): Promise<MigrationVerification> {
  const message = (err as Error)?.message ?? String(err);
  await state.db.exec('ROLLBACK').catch(() => {});
  await state.db.query('SELECT 1').catch(() => {
    throw err;
  });
  state.stopped = `verify failed on migration ${m.id}`;
  state.internalError = true;
  state.schema = undefined;
  state.data.forgetAll();
  const v = skippedVerification(m, `verify could not check it: ${message}`);
  v.skipped = undefined;
  v.internalError = message;
  return v;
}
