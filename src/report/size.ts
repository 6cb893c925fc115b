// One wording of a finding's production size and estimate for every renderer:
// `users: 48M rows, 5.1 GB · rewrite about 6 min (3–12 min) under ACCESS EXCLUSIVE`.

import type { FindingSize, LockBudget, Severity, Work } from '../types';
import { formatBytes, formatEstimate, formatRows, formatSpan } from '../stats/cost-model';
import { displayName } from '../verify/trace';

const WORK: Record<Work, string> = {
  rewrite: 'rewrite',
  scan: 'validation scan',
  'index-build': 'index build',
  'index-build-concurrently': 'concurrent index build',
  'update-all': 'update of every row',
  lock: 'catalog only',
};

/** The work as a phrase (`validation scan`). */
export function workLabel(work: Work): string {
  return WORK[work];
}

/** `users: 48M rows, 5.1 GB · rewrite about 6 min (3–12 min) under ACCESS EXCLUSIVE · 250 writes/s`, and why stats changed the severity. */
export function describeSize(size: FindingSize, severity?: Severity): string {
  const table = displayName(size.table);
  if (!size.known) return `${table}: unknown size (not in the stats file)`;
  const parts = [
    `${table}: ${size.rows === null || size.rows === undefined ? 'rows unknown (never analyzed)' : formatRows(size.rows)}${size.bytes !== undefined ? `, ${formatBytes(size.bytes)}` : ''}`,
  ];
  const under = size.lock ? ` under ${size.lock}` : '';
  if (size.work === 'lock' || !size.work) {
    // The operation is instant; on a busy table the wait for the lock is the outage: say so.
    const queued = size.lock === 'ACCESS EXCLUSIVE' ? 'every query' : 'every write';
    parts.push(
      size.busy && size.lock
        ? `instant once granted, but while ${size.lock} waits for running queries, ${queued} on ${table} queues behind it (${size.writesPerSec} writes/s)`
        : 'instant once the lock is granted',
    );
  } else if (size.estimate)
    parts.push(`${workLabel(size.work)} ${formatEstimate({ ...size.estimate, work: size.work })}${under}${size.estimate.basis === 'calibrated' ? ' (calibrated on verify)' : ''}`);
  else parts.push(`${workLabel(size.work)}${under}: duration unknown`);
  if (size.writesPerSec !== undefined && !(size.busy && (size.work === 'lock' || !size.work))) parts.push(`${size.writesPerSec} writes/s`);
  let text = parts.join(' · ');
  if (size.severityFrom && size.because) text += ` — ${severity ? `${severity}, not ${size.severityFrom}` : `was ${size.severityFrom}`}: ${size.because}`;
  return text;
}

/** `ACCESS EXCLUSIVE on users for about 6 min (3–12 min)`. */
export function describeBudget(b: LockBudget): string {
  const time = formatSpan(b, 'unknown time (a table of unknown size)');
  return `${b.mode} on ${displayName(b.table)} for ${time}${b.writesPerSec !== undefined ? ` · ${b.writesPerSec} writes/s` : ''}`;
}
