// How long the blocking part of a statement takes on a table of a given size.
// The model is linear in the table's heap bytes and rows, with a log factor for
// the sort of an index build, and its constants are measured: `npx tsx
// bench/estimates.ts --fit` times validation scans, rewrites and index builds on
// a local PostgreSQL 15 (2 cores, data in cache) and prints them; the same bench
// checks the estimates against measured times on tables of other shapes and
// sizes (BENCHMARKS.md, "Production stats"). Production hardware differs, so an
// estimate is shown as a range (÷2 … ×2), never as one precise number; when
// verify ran the statement on enough seeded rows, its measured time scales the
// model to the machine that ran it (basis "calibrated").

import type { Work } from '../types';

export type { Work };

/** Constants of the model (milliseconds per byte / per row), measured by bench/estimates.ts --fit. */
export const MODEL = {
  /** sequential read and per-row check of a validation scan */
  scanMsPerByte: 3.76e-7,
  scanMsPerRow: 1.58e-4,
  /** heap rewrite (read, write, WAL) per byte and per row, indexes excluded */
  rewriteMsPerByte: 3.29e-6,
  rewriteMsPerRow: 3.63e-4,
  /** one index build: per row, times log2(rows) / 20 for the sort; the mean of three key shapes (unique text; int, int; low-cardinality text, timestamptz) */
  indexMsPerRow: 7.14e-4,
  /** a row updated in place (new version, index entries) */
  updateMsPerRow: 4.2e-3,
} as const;

/** Verify's timing is used only when the seeded table was at least this big (below, fixed costs dominate). */
export const CALIBRATION_MIN_ROWS = 10_000;

/** The size of a table the model needs. */
export interface TableSize {
  rows: number;
  heapBytes: number;
  /** Indexes on the table (a rewrite rebuilds each). */
  indexCount: number;
}

/** An estimate of the blocking part of a statement, with its range. */
export interface Estimate {
  work: Work;
  /** The likely duration. */
  ms: number;
  lowMs: number;
  highMs: number;
  /** `model`: the constants above; `calibrated`: scaled by verify's timing of the same statement. */
  basis: 'model' | 'calibrated';
  /** The factor verify's timing applied to the model (calibrated only). */
  factor?: number;
}

/** What verify measured for the statement. */
export interface Measured {
  ms: number;
  /** Rows the table held when verify ran the statement. */
  rows: number;
}

const log2 = (n: number) => Math.log2(Math.max(2, n));

/** The model's milliseconds for `work` on a table of `size`. */
export function modelMs(work: Work, size: TableSize): number {
  const { rows, heapBytes } = size;
  const scan = heapBytes * MODEL.scanMsPerByte + rows * MODEL.scanMsPerRow;
  const index = scan + rows * MODEL.indexMsPerRow * (log2(rows) / 20);
  switch (work) {
    case 'scan':
      return scan;
    case 'index-build':
      return index;
    case 'index-build-concurrently':
      return index + scan;
    case 'rewrite':
      return heapBytes * MODEL.rewriteMsPerByte + rows * MODEL.rewriteMsPerRow + size.indexCount * index;
    case 'update-all':
      return heapBytes * MODEL.rewriteMsPerByte + rows * MODEL.updateMsPerRow * (size.indexCount / 2 + 1);
    case 'lock':
      return 0;
  }
}

/**
 * Estimate `work` on `size`. With a verify measurement on at least
 * CALIBRATION_MIN_ROWS rows, the model is scaled by measured / model at the
 * measured size (bounded to ×0.2…×5: a noisy sample must not dominate).
 */
export function estimate(work: Work, size: TableSize, measured?: Measured): Estimate {
  const base = modelMs(work, size);
  if (measured && measured.rows >= CALIBRATION_MIN_ROWS && work !== 'lock' && size.rows > 0) {
    const sample: TableSize = { rows: measured.rows, heapBytes: (size.heapBytes / size.rows) * measured.rows, indexCount: size.indexCount };
    const atSample = modelMs(work, sample);
    if (atSample > 0 && measured.ms > 0) {
      const factor = Math.min(5, Math.max(0.2, measured.ms / atSample));
      const ms = base * factor;
      return { work, ms, lowMs: ms / 2, highMs: ms * 2, basis: 'calibrated', factor: Math.round(factor * 100) / 100 };
    }
  }
  return { work, ms: base, lowMs: base / 2, highMs: base * 2, basis: 'model' };
}

/** A duration as people say it: `under 1 s`, `40 s`, `6 min`, `1.5 h`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return 'under 1 s';
  const s = ms / 1000;
  if (s < 60) return `${s < 10 ? Math.round(s * 10) / 10 : Math.round(s)} s`;
  const min = s / 60;
  if (min < 60) return `${min < 10 ? Math.round(min * 10) / 10 : Math.round(min)} min`;
  const h = min / 60;
  return `${h < 10 ? Math.round(h * 10) / 10 : Math.round(h)} h`;
}

/**
 * A duration range as people read it: `about 6 min (3–12 min)`, `at least …` when part of it
 * is unknown, `under 1 s`; `unknown` when it is all unknown and short.
 */
export function formatSpan(s: { ms: number; lowMs: number; highMs: number; atLeast?: boolean }, unknown: string): string {
  if (s.highMs < 1000) return s.atLeast ? unknown : 'under 1 s';
  return `${s.atLeast ? 'at least ' : 'about '}${formatDuration(s.ms)} (${formatDuration(s.lowMs)}–${formatDuration(s.highMs)})`;
}

/** `about 6 min (3–12 min)`; `instant` for catalog-only work. */
export function formatEstimate(e: Pick<Estimate, 'ms' | 'lowMs' | 'highMs' | 'work'>): string {
  return e.work === 'lock' ? 'instant once locked' : formatSpan(e, 'under 1 s');
}

/** A row count as people say it: `950 rows`, `48k rows`, `48M rows`. */
export function formatRows(n: number): string {
  const unit = n === 1 ? 'row' : 'rows';
  if (n < 10_000) return `${Math.round(n).toLocaleString('en-US')} ${unit}`;
  if (n < 1e6) return `${Math.round(n / 1000)}k ${unit}`;
  if (n < 1e9) return `${n < 1e7 ? Math.round(n / 1e5) / 10 : Math.round(n / 1e6)}M ${unit}`;
  return `${Math.round(n / 1e8) / 10}B ${unit}`;
}

/** Bytes as `812 kB`, `5.1 GB`. */
export function formatBytes(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${i === 0 ? v : v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}
