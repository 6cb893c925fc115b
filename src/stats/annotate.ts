// --stats: production sizes turn findings into estimates, and statements into the
// deploy's lock budget. Pure: the stats file, the statements' impacts (from the
// lint engine), the rules' metadata and verify's timings come in; findings with
// `size` (and severities per stats.thresholds) and the plan per migration go out.

import type { DurationEstimate, Finding, LockBudget, MigrationPlan, PlannedStatement, Severity, StatsSummary, StatsThresholds, Verification, Work } from '../types';
import type { Rule } from '../lint/rule';
import { blocksWrites, lockModeSql, LOCK_RANK, type LockMode } from '../lint/locks';
import { estimate, formatDuration, formatRows, type Measured } from './cost-model';
import { totalBytes, trafficOf, type StatsFile, type StatsIndex, type TableStats } from './file';
import { heavier, type StatementImpact } from './impact';
import { displayName } from '../verify/trace';

/** Catalog-only work: the lock is the whole cost. */
const INSTANT: DurationEstimate = { ms: 0, lowMs: 0, highMs: 0, basis: 'model' };

export const DEFAULT_THRESHOLDS: StatsThresholds = { infoBelowRows: 10_000, errorAboveRows: 1_000_000, errorAboveSeconds: 60, busyWritesPerSec: 50 };

/** The impacts of one migration's up files, in the order they run. */
export interface MigrationImpacts {
  id: string;
  file: string;
  impacts: StatementImpact[];
}

export interface AnnotateInput {
  findings: Finding[];
  migrations: MigrationImpacts[];
  /** Every impact of every linted file (ups and downs), to find a finding's statement. */
  allImpacts: StatementImpact[];
  stats: StatsIndex | undefined;
  /** The stats file as given by the user, for the report. */
  statsFile: string | null;
  thresholds: StatsThresholds;
  rules: readonly Rule[];
  verification?: Verification;
  /** Rows verify seeded into each existing table (its timings were taken on that many). */
  seededRows: number;
}

/** Resolved facts about a table for one statement. */
interface Resolved {
  table: string;
  stats?: TableStats;
}

/** Findings with sizes and adjusted severities, and the plan of each migration. */
export function annotateWithStats(input: AnnotateInput): { findings: Finding[]; summary: StatsSummary } {
  const { stats } = input;
  const resolve = (name: string, kind: 'table' | 'view' | 'index' = 'table'): Resolved => {
    const t = stats ? (kind === 'index' ? stats.tableOfIndex(name) : stats.table(name)) : undefined;
    return t ? { table: `${t.schema}.${t.name}`, stats: t } : { table: name };
  };
  const measuredAt = timings(input.verification, input.seededRows);
  const workOfRule = new Map(input.rules.filter((r) => r.meta.work).map((r) => [r.meta.id, r.meta.work!]));
  const observedRewrites = rewritesObserved(input.verification);

  // What each statement does, from its kind, the rules that fired on it and verify's observations.
  const ruleWork = new Map<StatementImpact, Work>();
  // The statement each size-sensitive finding is about, looked up once.
  const impactOfFinding = new Map<Finding, StatementImpact>();
  for (const f of input.findings) {
    const w = workOfRule.get(f.rule);
    const impact = w && input.allImpacts.find((i) => i.file === f.file && f.line >= i.line && f.line <= i.endLine);
    if (!impact) continue;
    impactOfFinding.set(f, impact);
    ruleWork.set(impact, heavier(ruleWork.get(impact), w)!);
  }
  const workOf = (i: StatementImpact): Work | undefined => {
    const observed = observedRewrites.has(`${i.file}:${i.line}`) ? 'rewrite' : undefined;
    return heavier(heavier(i.work, ruleWork.get(i)), observed);
  };
  const estimateOf = (i: StatementImpact, work: Work | undefined, r: Resolved): DurationEstimate | undefined => {
    if (!work || work === 'lock') return INSTANT;
    if (!r.stats || r.stats.rows === null) return undefined;
    const size = { rows: r.stats.rows, heapBytes: r.stats.heapBytes + r.stats.toastBytes, indexCount: r.stats.indexes.length };
    return round(estimate(work, size, measuredAt.get(`${i.file}:${i.line}`)));
  };

  const findings = input.findings.map((f) => {
    const work = workOfRule.get(f.rule);
    const impact = impactOfFinding.get(f);
    if (!work || !stats || !impact) return f;
    const name = impact.target ?? impact.locks[0]?.relation;
    if (!name) return f;
    const lockOnTarget = impact.locks.find((l) => l.relation === name) ?? impact.locks[0];
    const r = resolve(name, lockOnTarget?.relation === name ? lockOnTarget.kind : 'table');
    const statementWork = workOf(impact) ?? work;
    const mode = lockOnTarget ? heldDuring(impact, lockOnTarget.relation, lockOnTarget.mode, input.allImpacts) : undefined;
    const lock = mode ? lockModeSql(mode) : undefined;
    if (!r.stats) {
      const table = lockOnTarget?.kind === 'index' && lockOnTarget.relation === name ? `the table of index ${name}` : r.table;
      return { ...f, size: { table, known: false, work: statementWork, ...(lock ? { lock } : {}) } };
    }
    const est = estimateOf(impact, statementWork, r);
    const traffic = trafficOf(stats.file, r.stats);
    const size = {
      table: r.table,
      known: true,
      rows: r.stats.rows,
      bytes: totalBytes(r.stats),
      work: statementWork,
      ...(lock ? { lock } : {}),
      ...(est ? { estimate: est } : {}),
      ...(traffic ? { writesPerSec: Math.round(traffic.writesPerSec * 10) / 10 } : {}),
      ...(traffic && traffic.writesPerSec >= input.thresholds.busyWritesPerSec ? { busy: true } : {}),
    };
    // A rule whose hazard is the lock itself (the queue behind it) is never lowered for a small table.
    const change = thresholdSeverity(f.severity, size, mode, input.thresholds, work !== 'lock');
    return change ? { ...f, severity: change.severity, size: { ...size, severityFrom: f.severity, because: change.because } } : { ...f, size };
  });

  const migrations = input.migrations.map((m) => planOf(m, workOf, estimateOf, resolve, stats?.file));
  return {
    findings,
    summary: {
      file: input.statsFile,
      collectedAt: stats?.file.collectedAt ?? null,
      serverVersion: stats?.file.server.version ?? null,
      thresholds: input.thresholds,
      migrations,
    },
  };
}

/** The severity stats.thresholds give a size-sensitive finding, when it differs from `current`. */
export function thresholdSeverity(
  current: Severity,
  size: { table: string; rows?: number | null; work?: Work; estimate?: DurationEstimate; writesPerSec?: number },
  mode: LockMode | undefined,
  t: StatsThresholds,
  mayLower = true,
): { severity: Severity; because: string } | undefined {
  const short = displayName(size.table);
  const pick = (severity: Severity, because: string) => (severity === current ? undefined : { severity, because });
  if (size.work === 'lock' || !size.work) {
    // The operation is instant; the danger is the queue of writers behind the lock while it waits.
    if (mode && blocksWrites(mode) && size.writesPerSec !== undefined && size.writesPerSec >= t.busyWritesPerSec && current === 'info') {
      return pick('warning', `${short} takes ${Math.round(size.writesPerSec)} writes/s, at or above stats.thresholds.busyWritesPerSec (${t.busyWritesPerSec})`);
    }
    return undefined;
  }
  const rows = size.rows;
  if (rows === null || rows === undefined) return undefined;
  if (size.estimate && mode && blocksWrites(mode) && size.estimate.ms > t.errorAboveSeconds * 1000) {
    return pick('error', `the estimate (${formatDuration(size.estimate.ms)}) is above stats.thresholds.errorAboveSeconds (${t.errorAboveSeconds} s)`);
  }
  if (rows > t.errorAboveRows) return pick('error', `${short} has ${formatRows(rows)}, above stats.thresholds.errorAboveRows (${formatRows(t.errorAboveRows)})`);
  if (rows < t.infoBelowRows && mayLower) return pick('info', `${short} has ${formatRows(rows)}, below stats.thresholds.infoBelowRows (${formatRows(t.infoBelowRows)})`);
  return undefined;
}

/** The strongest lock on `relation` while `impact` runs: its own, or a stronger one an earlier statement of its transaction still holds. */
function heldDuring(impact: StatementImpact, relation: string, own: LockMode, all: readonly StatementImpact[]): LockMode {
  let mode = own;
  if (!impact.txn) return mode;
  for (const other of all) {
    if (other === impact) break;
    if (other.file !== impact.file || other.txn !== impact.txn) continue;
    for (const l of other.locks) if (l.relation === relation && LOCK_RANK[l.mode] > LOCK_RANK[mode]) mode = l.mode;
  }
  return mode;
}

/** The plan of one migration: each statement's lock and estimate, and how long each lock is held. */
function planOf(
  m: MigrationImpacts,
  workOf: (i: StatementImpact) => Work | undefined,
  estimateOf: (i: StatementImpact, w: Work | undefined, r: Resolved) => DurationEstimate | undefined,
  resolve: (name: string, kind?: 'table' | 'view' | 'index') => Resolved,
  file: StatsFile | undefined,
): MigrationPlan {
  const rows = m.impacts.map((i) => {
    const work = workOf(i);
    const target = i.target ?? i.locks[0]?.relation;
    const targetLock = i.locks.find((l) => l.relation === target);
    const r = target ? resolve(target, targetLock?.kind ?? 'table') : undefined;
    const est = r ? estimateOf(i, work, r) : INSTANT;
    const strongest = [...i.locks].sort((a, b) => LOCK_RANK[b.mode] - LOCK_RANK[a.mode])[0];
    const planned: PlannedStatement = {
      file: i.file,
      line: i.line,
      sql: i.sql,
      ...(r ? { table: r.table, known: !!r.stats, rows: r.stats?.rows ?? null } : {}),
      ...(strongest ? { lock: lockModeSql(strongest.mode) } : {}),
      ...(work ? { work } : {}),
      ...(est ? { estimate: est } : {}),
      heldUntil: i.txn ? 'transaction' : 'statement',
    };
    return { impact: i, planned, ms: est };
  });

  // A lock taken inside a transaction is held until the transaction ends: its time is the
  // sum of every statement from the one that took it to the last of the transaction.
  const budget = new Map<string, LockBudget & { perTxn: Map<string, { ms: number; lowMs: number; highMs: number; atLeast: boolean }> }>();
  rows.forEach((row, k) => {
    const span = row.impact.txn ? rows.slice(k).filter((o) => o.impact.txn === row.impact.txn && o.impact.file === row.impact.file) : [row];
    const held = sum(span.map((o) => o.ms));
    for (const l of row.impact.locks) {
      const r = resolve(l.relation, l.kind);
      const key = `${r.table}\u0000${l.mode}`;
      let entry = budget.get(key);
      if (!entry) {
        const traffic = r.stats && file ? trafficOf(file, r.stats) : undefined;
        entry = {
          table: r.table,
          mode: lockModeSql(l.mode),
          blocksWrites: blocksWrites(l.mode),
          ms: 0,
          lowMs: 0,
          highMs: 0,
          perTxn: new Map(),
          ...(traffic ? { writesPerSec: Math.round(traffic.writesPerSec * 10) / 10 } : {}),
        };
        budget.set(key, entry);
      }
      // The same transaction holds it once (from its first taking); separate statements add up.
      const txnKey = row.impact.txn ? `${row.impact.file}\u0000${row.impact.txn}` : `stmt${k}`;
      const prev = entry.perTxn.get(txnKey);
      if (!prev || prev.ms < held.ms) entry.perTxn.set(txnKey, held);
    }
  });
  const list: LockBudget[] = [...budget.values()]
    .map(({ perTxn, ...b }) => {
      const parts = [...perTxn.values()];
      const total = sum(
        parts,
        parts.some((v) => v.atLeast),
      );
      return { ...b, ms: total.ms, lowMs: total.lowMs, highMs: total.highMs, ...(total.atLeast ? { atLeast: true } : {}) };
    })
    .sort((a, b) => b.ms - a.ms || a.table.localeCompare(b.table) || a.mode.localeCompare(b.mode));
  const total = sum(rows.map((r) => r.ms));
  return {
    id: m.id,
    file: m.file,
    statements: rows.map((r) => r.planned),
    budget: list,
    total: { ms: total.ms, lowMs: total.lowMs, highMs: total.highMs, ...(total.atLeast ? { atLeast: true } : {}) },
  };
}

/** Sum of estimates; an unknown one (undefined) makes the sum a lower bound. */
function sum(list: (Pick<DurationEstimate, 'ms' | 'lowMs' | 'highMs'> | undefined)[], atLeast = false): { ms: number; lowMs: number; highMs: number; atLeast: boolean } {
  const out = { ms: 0, lowMs: 0, highMs: 0, atLeast };
  for (const e of list) {
    if (!e) {
      out.atLeast = true;
      continue;
    }
    out.ms += e.ms;
    out.lowMs += e.lowMs;
    out.highMs += e.highMs;
  }
  return out;
}

function round(e: DurationEstimate): DurationEstimate {
  const r = (v: number) => Math.round(v * 10) / 10;
  return { ...e, ms: r(e.ms), lowMs: r(e.lowMs), highMs: r(e.highMs) };
}

/** Verify's duration of each traced statement of a changed migration's up, keyed `file:line`. */
function timings(v: Verification | undefined, seededRows: number): Map<string, Measured> {
  const out = new Map<string, Measured>();
  for (const m of v?.migrations ?? []) {
    if (m.appliedOnly) continue;
    for (const s of m.statements) out.set(`${s.file ?? m.file}:${s.line}`, { ms: s.ms, rows: seededRows });
  }
  return out;
}

/** Statements verify saw rewrite a table (its relfilenode changed), keyed `file:line`. */
function rewritesObserved(v: Verification | undefined): Set<string> {
  const out = new Set<string>();
  for (const m of v?.migrations ?? []) for (const s of m.statements) if (s.rewrites.some((r) => !r.startsWith('index '))) out.add(`${s.file ?? m.file}:${s.line}`);
  return out;
}
