// Renders a Report as the pull-request comment / job summary markdown. Pure:
// (Report, options) => string. Everything taken from the repository goes
// through escape.ts; only our own rule docs (the fix recipes) are markdown.

import type { FailOn, Finding, MigrationVerification, Report, Severity, StatementTrace } from '../types';
import { SEVERITY_RANK } from '../types';
import { codeBlock, encodePath, escapeHtml, escapeLineStart, escapeText, inlineCode } from './escape';
import { chainLine, versionMismatch } from '../report/verification-text';
import { LOCK_RANK } from '../verify/trace';
import { describeBudget, describeSize } from '../report/size';

/** GitHub rejects issue comments over 65,536 characters; keep a margin and count bytes to be safe. */
export const GITHUB_COMMENT_LIMIT = 65_536;
const DEFAULT_BUDGET = 65_000;

export interface RuleDoc {
  summary: string;
  /** Trusted markdown from the rule's metadata. */
  fix: string;
}

export interface CommentOptions {
  /** Hidden marker line, e.g. `<!-- migration-guard:ci:db -->` (see marker.ts). */
  marker?: string;
  /** The migrations path(s) checked, shown in the summary. */
  path?: string;
  failOn?: FailOn;
  /** For links to the exact lines: `https://github.com`, `owner/repo`, commit sha. */
  link?: { serverUrl: string; repository: string; sha: string };
  /** Our docs for a rule id (summary + fix recipe); unknown ids show the finding's own help, escaped. */
  ruleDoc?: (rule: string) => RuleDoc | undefined;
  /** Extra lines shown under the headline (database fallback, refused verify…). Escaped. */
  notes?: string[];
  /** The comment replaces one that reported problems: say they are fixed. */
  previouslyFailing?: boolean;
  /** Maximum size in UTF-8 bytes (default 65,000). */
  budget?: number;
}

const ICON: Record<Severity, string> = { error: '❌', warning: '⚠️', info: 'ℹ️' };

/** Whether the report's findings reach the fail-on threshold (the step fails). */
export function reachesFailOn(report: Pick<Report, 'findings'>, failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  const min = SEVERITY_RANK[failOn];
  return report.findings.some((f) => SEVERITY_RANK[f.severity] >= min);
}

/** Whether the report has nothing to show (no findings at all). */
export function isClean(report: Pick<Report, 'findings'>): boolean {
  return report.findings.length === 0;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function countLine(report: Report): string {
  const { errors, warnings, infos } = report.summary;
  const parts = [plural(errors, 'error'), plural(warnings, 'warning')];
  if (infos) parts.push(plural(infos, 'notice'));
  return parts.join(', ');
}

/** The one-line verdict at the top of the comment. */
export function headline(report: Report, failOn: FailOn = 'error'): string {
  if (isClean(report)) return '### ✅ migration-guard: no problems found';
  const failing = reachesFailOn(report, failOn);
  const icon = failing ? '❌' : report.summary.errors || report.summary.warnings ? '⚠️' : 'ℹ️';
  const tail = failing ? '' : failOn === 'never' ? ' (reporting only)' : ` (below fail-on: ${failOn})`;
  return `### ${icon} migration-guard: ${countLine(report)}${tail}`;
}

function subline(report: Report, path: string | undefined): string {
  const changed = report.migrations.filter((m) => m.changed).length;
  const all = report.migrations.length;
  let s = `Checked ${plural(changed, 'migration')}`;
  if (changed !== all) s += ` (changed, of ${all})`;
  if (path) s += ` in ${inlineCode(path)}`;
  const v = report.verification;
  if (v) {
    s += ` · verified up → down → up on ${escapeText(v.database.kind)} ${escapeText(v.database.serverVersion)}`;
    const mismatch = versionMismatch(v);
    if (mismatch) s += ` · ⚠️ ${escapeText(mismatch)}`;
  }
  else s += ' · lint only';
  return s;
}

function lineLink(f: Pick<Finding, 'file' | 'line' | 'endLine'>, link: CommentOptions['link']): string {
  // The migration heads the group: the file name and line are enough; the link has the full path.
  const label = inlineCode(`${f.file.slice(f.file.lastIndexOf('/') + 1)}:${f.line}`);
  if (!link) return label;
  const lines = f.endLine && f.endLine !== f.line ? `#L${f.line}-L${f.endLine}` : `#L${f.line}`;
  const url = `${link.serverUrl}/${encodePath(link.repository)}/blob/${encodeURIComponent(link.sha)}/${encodePath(f.file)}${lines}`;
  return `[${label}](${url})`;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function groupByMigration(findings: Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = f.migration ?? f.file;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return groups;
}

function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column,
  );
}

function findingsSection(findings: Finding[], link: CommentOptions['link'], messageMax: number): string[] {
  const out: string[] = [];
  const size = (f: Finding) => (f.size ? `<br>📏 ${escapeText(describeSize(f.size, f.severity))}` : '');
  const row = (f: Finding) => `| ${ICON[f.severity]} | ${lineLink(f, link)} | ${inlineCode(f.rule)} | ${escapeText(clip(f.message, messageMax))}${size(f)} |`;
  // Migrations in file order so the comment reads like the diff; notices folded at the end (not noisy).
  const inOrder = [...findings].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  const groups = groupByMigration(inOrder.filter((f) => f.severity !== 'info'));
  for (const [migration, list] of groups) {
    out.push(`#### ${inlineCode(migration)}`, '', '| | Where | Rule | Problem |', '|---|---|---|---|', ...sortFindings(list).map(row), '');
  }
  const infos = inOrder.filter((f) => f.severity === 'info');
  if (infos.length) {
    out.push(`<details><summary>${ICON.info} ${plural(infos.length, 'notice')}</summary>`, '');
    for (const [migration, list] of groupByMigration(infos)) {
      out.push(`#### ${inlineCode(migration)}`, '', '| | Where | Rule | Problem |', '|---|---|---|---|', ...list.map(row), '');
    }
    out.push('</details>', '');
  }
  return out;
}

/** The deploy's write-blocking locks per migration and table, and how long each is held (with --stats). */
function budgetSection(report: Report, maxRows: number): string[] {
  const s = report.stats;
  if (!s?.file) return [];
  const changed = new Set(report.migrations.filter((m) => m.changed).map((m) => m.id));
  const rows = s.migrations
    .filter((m) => changed.size === 0 || changed.has(m.id))
    .flatMap((m) => m.budget.filter((b) => b.blocksWrites).map((b) => `| ${inlineCode(m.id)} | ${escapeText(describeBudget(b))} |`));
  if (!rows.length) return [];
  const when = s.collectedAt ? ` (stats of ${escapeHtml(s.collectedAt.slice(0, 10))})` : '';
  const out = [`**Lock budget**${when}: how long the deploy blocks writes, per table`, '', '| Migration | Lock held |', '|---|---|', ...rows.slice(0, maxRows)];
  if (rows.length > maxRows) out.push('', `_…and ${rows.length - maxRows} more (see the JSON report's \`stats\`)._`);
  out.push('');
  return out;
}

function fixesSection(findings: Finding[], ruleDoc: CommentOptions['ruleDoc']): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const f of sortFindings(findings)) {
    if (seen.has(f.rule)) continue;
    seen.add(f.rule);
    const doc = ruleDoc?.(f.rule);
    const summary = doc ? `${escapeHtml(f.rule)}: ${escapeHtml(doc.summary)}` : escapeHtml(f.rule);
    // Our own docs are trusted markdown; a help text we do not know is shown verbatim in a fence.
    const body = doc ? doc.fix : f.help ? codeBlock(f.help) : '_No fix recipe._';
    out.push(`<details><summary>How to fix <b>${summary}</b></summary>`, '', body, '', '</details>', '');
  }
  return out;
}

/** The strongest lock per relation that blocks writes (ShareLock and above), e.g. `users (AccessExclusive)`. */
export function blockingLocks(statements: StatementTrace[]): string[] {
  const strongest = new Map<string, string>();
  for (const s of statements) {
    for (const l of s.locks) {
      const prev = strongest.get(l.relation);
      if (!prev || (LOCK_RANK[l.mode] ?? 0) > (LOCK_RANK[prev] ?? 0)) strongest.set(l.relation, l.mode);
    }
  }
  return [...strongest]
    .filter(([, mode]) => (LOCK_RANK[mode] ?? 0) >= LOCK_RANK.ShareLock!)
    .map(([rel, mode]) => `${rel} (${mode.replace(/Lock$/, '')})`);
}

function listCell(items: string[], max = 4): string {
  if (!items.length) return '–';
  const shown = items.slice(0, max).map((i) => escapeText(clip(i, 80)));
  return items.length > max ? `${shown.join(', ')} +${items.length - max}` : shown.join(', ');
}

function stepCell(ok: boolean, error: string | null | undefined): string {
  return ok ? '✅' : `❌ ${escapeText(clip(error ?? 'failed', 160))}`;
}

function verifyRow(m: MigrationVerification): string {
  const up = stepCell(m.up.ok, m.up.error);
  const reversible = !m.up.ok ? '–' : !m.hasDown ? 'no down' : m.reversible ? '✅' : `❌ ${m.down && !m.down.ok ? escapeText(clip(m.down.error ?? '', 120)) : listCell(m.schemaDiff, 2)}`;
  const reapplicable = !m.up.ok || !m.hasDown ? '–' : m.reapplicable ? '✅' : `❌ ${escapeText(clip(m.reup?.error ?? '', 120))}`;
  const dc = m.dataCheck;
  const data = dc.inconclusive
    ? `– ${escapeText(clip(`inconclusive: ${dc.inconclusive}`, 120))}`
    : dc.failsWithData
    ? `❌ fails with ${dc.rowsSeeded} rows: ${escapeText(clip(dc.error ?? '', 120))}`
    : dc.lost.length
      ? `⚠️ ${listCell(dc.lost, 3)}`
      : dc.rowsSeeded
        ? `✅ ${dc.rowsSeeded} rows kept`
        : '–';
  return `| ${inlineCode(m.id)} | ${up} | ${reversible} | ${reapplicable} | ${listCell(blockingLocks(m.statements))} | ${listCell([...new Set(m.statements.flatMap((s) => s.rewrites))])} | ${data} |`;
}

function verifySection(report: Report, maxRows: number): string[] {
  const v = report.verification;
  if (!v || !v.migrations.length) return [];
  const changed = new Set(report.migrations.filter((m) => m.changed).map((m) => m.id));
  // The cycle runs every migration to build the schema; the table shows the ones under review.
  let rows = v.migrations.filter((m) => changed.size === 0 || changed.has(m.id));
  if (!rows.length) rows = v.migrations;
  const problems = rows.some((m) => !m.up.ok || (m.hasDown && (!m.reversible || !m.reapplicable)) || m.dataCheck.failsWithData || m.dataCheck.lost.length) || (v.chain && !v.chain.ok && !v.chain.noDown);
  const out = [
    `<details${problems ? ' open' : ''}><summary>Verify: up → down → up on ${escapeHtml(v.database.kind)} ${escapeHtml(v.database.serverVersion)}</summary>`,
    '',
    '| Migration | Up | Reversible | Re-applicable | Locks | Rewrites | Data |',
    '|---|---|---|---|---|---|---|',
    ...rows.slice(0, maxRows).map(verifyRow),
  ];
  if (rows.length > maxRows) out.push('', `_…and ${rows.length - maxRows} more migrations (see the job summary or the JSON report)._`);
  if (v.chain) out.push('', `${v.chain.ok ? (v.chain.masked?.length ? '⚠️' : '✅') : v.chain.noDown ? 'ℹ️' : '❌'} ${escapeText(chainLine(v.chain))}`);
  out.push('', '</details>', '');
  return out;
}

interface Limits {
  findings: number;
  fixes: boolean;
  verifyRows: number;
  messageMax: number;
}

function compose(report: Report, o: CommentOptions, lim: Limits): string {
  const out: string[] = [];
  if (o.marker) out.push(o.marker);
  out.push(headline(report, o.failOn ?? 'error'), '', subline(report, o.path), '');
  for (const n of o.notes ?? []) out.push(`> ${escapeLineStart(n)}`, '');
  if (isClean(report) && o.previouslyFailing) out.push('The problems reported here earlier are fixed.', '');
  const shown = sortFindings(report.findings).slice(0, lim.findings);
  out.push(...findingsSection(shown, o.link, lim.messageMax));
  const hidden = report.findings.length - shown.length;
  if (hidden > 0) {
    out.push(`_…and ${plural(hidden, 'more finding')} not shown to stay under GitHub's comment size limit: see the annotations, the job summary or the JSON report._`, '');
  }
  out.push(...budgetSection(report, lim.verifyRows));
  out.push(...verifySection(report, lim.verifyRows));
  if (lim.fixes) out.push(...fixesSection(shown, o.ruleDoc));
  out.push(`<sub>${escapeHtml(report.tool.name)} ${escapeHtml(report.tool.version)}${o.link ? ` · ${escapeHtml(o.link.sha.slice(0, 7))}` : ''}</sub>`);
  return out.join('\n') + '\n';
}

function fits(text: string, budget: number): boolean {
  return Buffer.byteLength(text, 'utf8') <= budget;
}

/**
 * The comment (or job summary) markdown for a report, under `budget` bytes:
 * when too long, fix recipes are dropped first, then findings and verify rows
 * are cut with a note saying how many are not shown.
 */
export function renderComment(report: Report, options: CommentOptions = {}): string {
  const budget = options.budget ?? DEFAULT_BUDGET;
  const full: Limits = { findings: report.findings.length, fixes: true, verifyRows: 200, messageMax: 1000 };
  let text = compose(report, options, full);
  if (fits(text, budget)) return text;
  const lean: Limits = { ...full, fixes: false, messageMax: 300, verifyRows: 50 };
  text = compose(report, options, lean);
  if (fits(text, budget)) return text;
  // Binary search the largest number of findings that fits.
  let lo = 0;
  let hi = report.findings.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (fits(compose(report, options, { ...lean, findings: mid }), budget)) lo = mid;
    else hi = mid - 1;
  }
  text = compose(report, options, { ...lean, findings: lo });
  if (fits(text, budget)) return text;
  text = compose(report, options, { ...lean, findings: 0, verifyRows: 0, messageMax: 100 });
  // Last resort (absurd notes or path): hard cut, keeping the marker so the comment stays ours.
  return fits(text, budget) ? text : `${Buffer.from(text).subarray(0, budget - 200).toString('utf8').replace(/\uFFFD$/, '')}\n\n_…truncated._\n`;
}

/**
 * The comment / summary when the run could not happen (bad config, missing path,
 * database unavailable): replaces an earlier report so no stale verdict remains.
 */
export function renderFailure(message: string, options: Pick<CommentOptions, 'marker' | 'path'> = {}): string {
  const out: string[] = [];
  if (options.marker) out.push(options.marker);
  out.push('### ⛔ migration-guard could not run', '');
  if (options.path) out.push(`Nothing was checked in ${inlineCode(options.path)}: the findings reported here earlier are not current.`, '');
  out.push(codeBlock(clip(message, 4000)), '', 'Fix the problem above (the step log has details) and push again.');
  return out.join('\n') + '\n';
}
