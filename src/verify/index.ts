// The verify stage's one entry: prove each migration up → down → up on a started
// database and turn the results into findings. See cycle.ts for the cycle.

import { initParser } from '../sql/parse';
import type { Finding, Migration, Verification } from '../types';
import type { Database } from './databases/types';
import { applyOnly, CycleState, cycleMigration, skippedVerification } from './cycle';
import { verificationFindings } from './findings';

/** Options of verifyMigrations. */
export interface VerifyOptions {
  /** Synthetic rows put in each empty table before each migration (default 100; 0 disables the data checks). */
  seedRows?: number;
  /** Per-statement timeout in ms (default 60 000; 0 = none). */
  statementTimeoutMs?: number;
  /** Progress lines (stderr in the CLI). */
  log?: (line: string) => void;
}

export const DEFAULT_SEED_ROWS = 100;
export const DEFAULT_STATEMENT_TIMEOUT_MS = 60_000;

/**
 * Verify `migrations` (in the order the framework applies them) on `db`, which must
 * be a fresh, empty database the caller started and will stop. Migrations with
 * `changed: false` are applied (up only) to reach the right state but not cycled
 * or reported, unless they fail. Never throws for a failing migration; throws only
 * when the database itself stops answering.
 */
export async function verifyMigrations(
  migrations: Migration[],
  db: Database,
  options: VerifyOptions = {},
): Promise<{ verification: Verification; findings: Finding[] }> {
  await initParser();
  const t0 = performance.now();
  const state = new CycleState(db, {
    seedRows: options.seedRows ?? DEFAULT_SEED_ROWS,
    statementTimeoutMs: options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
    log: options.log,
  });
  const verification: Verification = { database: { kind: db.kind, serverVersion: db.serverVersion }, migrations: [] };
  for (const m of migrations) {
    if (state.stopped) {
      if (m.changed) verification.migrations.push(skippedVerification(m, state.stopped));
      continue;
    }
    if (!m.changed) {
      const failed = await applyOnly(state, m);
      if (failed) verification.migrations.push(failed);
      continue;
    }
    const t = performance.now();
    const v = await cycleMigration(state, m);
    verification.migrations.push(v);
    options.log?.(`verify: ${m.id} ${summaryWord(v)} (${Math.round(performance.now() - t)} ms)`);
  }
  verification.ms = Math.round(performance.now() - t0);
  return { verification, findings: verificationFindings(verification, migrations) };
}

function summaryWord(v: Verification['migrations'][number]): string {
  if (!v.up.ok) return 'up failed';
  if (!v.hasDown) return 'applied (no down)';
  if (v.down && !v.down.ok) return 'down failed';
  return [v.reversible ? 'reversible' : 'not reversible', v.reapplicable ? 'reapplicable' : 'not reapplicable'].join(', ');
}
