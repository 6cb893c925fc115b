// `migration-guard plan`: the deploy review in one screen. For each pending
// migration, statement by statement, the lock it takes on existing tables, the
// table's production size, the work and its estimate; then how long each lock is
// held (a lock taken in a transaction lasts until its end) and the total. Pure.

import type { MigrationPlan, PlannedStatement, Report } from '../types';
import { formatEstimate, formatRows, formatSpan } from '../stats/cost-model';
import { displayName } from '../verify/trace';
import { describeBudget, workLabel } from './size';
import { paint } from './style';
import { clip } from './clip';

/** The plan as text (`report.stats` from a `plan` run). */
export function renderPlanText(report: Report, options: { color?: boolean } = {}): string {
  const p = paint(options.color ?? false);
  const s = report.stats;
  const out: string[] = [];
  out.push(
    s?.file
      ? `Deploy plan with production stats from ${s.file} (collected ${s.collectedAt ?? '?'}, PostgreSQL ${s.serverVersion ?? '?'})`
      : 'Deploy plan without production stats: sizes unknown (collect them with `migration-guard stats`, then pass --stats FILE)',
    '',
  );
  const migrations = s?.migrations ?? [];
  if (!migrations.length) out.push('No pending migrations.');
  for (const m of migrations) {
    out.push(p.bold(`${m.id}`) + p.dim(`  ${m.file}`));
    if (!m.statements.length) {
      out.push('  touches no existing table: nothing to wait for', '');
      continue;
    }
    const rows = m.statements.map((st) => [
      String(st.line),
      st.lock ?? '–',
      st.table ? displayName(st.table) : '–',
      rowsCell(st),
      st.work ? workLabel(st.work) : '–',
      estimateCell(st),
      st.heldUntil === 'transaction' ? 'to COMMIT' : 'statement',
      clip(st.sql, 60),
    ]);
    out.push(...table(['line', 'lock', 'table', 'rows', 'work', 'estimate', 'held', 'statement'], rows).map((l) => `  ${l}`));
    for (const b of m.budget) out.push(`  ${b.blocksWrites ? p.yellow('blocks writes:') : p.dim('allows writes:')} ${describeBudget(b)}`);
    out.push(`  ${p.bold('total:')} ${totalCell(m)}`, '');
  }
  return out.join('\n') + '\n';
}

/** The plan as JSON: `{ version, tool, stats }`. */
export function renderPlanJson(report: Report): string {
  return JSON.stringify({ version: report.version, tool: report.tool, stats: report.stats ?? null }, null, 2) + '\n';
}

function rowsCell(st: PlannedStatement): string {
  if (!st.table) return '–';
  if (!st.known) return 'unknown';
  return st.rows === null || st.rows === undefined ? 'not analyzed' : formatRows(st.rows).replace(/ rows?$/, '');
}

function estimateCell(st: PlannedStatement): string {
  if (!st.work || st.work === 'lock') return 'instant';
  if (!st.estimate) return 'unknown (size unknown)';
  return formatEstimate({ ...st.estimate, work: st.work });
}

function totalCell(m: MigrationPlan): string {
  return formatSpan(m.total, 'unknown (a table of unknown size)');
}

function table(head: string[], rows: string[][]): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => [...r[i]].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c + ' '.repeat(widths[i] - [...c].length))
      .join('  ')
      .trimEnd();
  return [line(head), ...rows.map(line)];
}
