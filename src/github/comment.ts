// Renders a Report as the pull-request comment / job summary markdown. Pure:
// (Report, options) => string. Everything taken from the repository goes
// through escape.ts; only our own rule docs (the fix recipes) are markdown.

import type { FailOn, Finding, MigrationVerification, Report, Severity, StatementTrace } from '../types';
import type { Rule } from '../lint/rule';
import { SEVERITY_RANK } from '../types';
import { codeBlock, encodePath, escapeHtml, escapeLineStart, escapeText, inlineCode } from './escape';
import { chainLine, versionMismatch } from '../report/verification-text';
import { lockRank } from '../verify/trace';
import { describeBudget, describeSize } from '../report/size';
import { oneLineFix } from './annotations';
import { clip } from '../report/clip';

/** GitHub rejects issue comments over 65,536 characters; keep a margin and count bytes to be safe. */
export const GITHUB_COMMENT_LIMIT = 65_536;
const DEFAULT_BUDGET = 65_000;

export interface RuleDoc {
  summary: string;
  /** Trusted markdown from the rule's metadata. */
  fix: string;
  /** `verify`: a finding proven on a database (shown as the proof of a lint finding on the same line). */
  stage?: string;
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
  /** Where the rule pages are published (`…/docs/rules`): rule ids link to `<docsBase>/<id>.md`. */
  docsBase?: string;
}

/** The comment's view of the rule registry: summary, fix and stage by rule id. */
export function ruleDocs(rules: readonly Rule[]): (rule: string) => RuleDoc | undefined {
  const byId = new Map(rules.map((r) => [r.meta.id, r.meta]));
  return (id) => {
    const m = byId.get(id);
    return m ? { summary: m.summary, fix: m.fix, ...(m.stage ? { stage: m.stage } : {}) } : undefined;
  };
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

function countLine(counts: { errors: number; warnings: number; infos: number; downs?: number }): string {
  const parts = [plural(counts.errors, 'error'), plural(counts.warnings, 'warning')];
  if (counts.infos) parts.push(plural(counts.infos, 'notice'));
  return parts.join(', ') + (counts.downs ? ` · ${counts.downs} on the downs` : '');
}

/**
 * The one-line verdict at the top of the comment. `counts` are the comment's own (a proof merged
 * into its lint finding, lint findings on downs apart); the report's summary otherwise.
 */
export function headline(report: Report, failOn: FailOn = 'error', counts?: { errors: number; warnings: number; infos: number; downs?: number }): string {
  if (isClean(report)) return '### ✅ migration-guard: no problems found';
  const failing = reachesFailOn(report, failOn);
  const icon = failing ? '❌' : report.summary.errors || report.summary.warnings ? '⚠️' : 'ℹ️';
  const tail = failing ? '' : failOn === 'never' ? ' (reporting only)' : ` (below fail-on: ${failOn})`;
  return `### ${icon} migration-guard: ${countLine(counts ?? report.summary)}${tail}`;
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
    const target = v.database.targetVersion;
    if (versionMismatch(v) && target) s += ` · ⚠️ not your target, PostgreSQL ${target}`;
  } else s += ' · lint only';
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

function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

/** One row of the comment: a finding, what verify proved about the same line, and its repeats elsewhere. */
interface Row {
  lead: Finding;
  /** Verify findings on the same file and line (`failing-with-existing-rows` under `adding-required-column`). */
  proofs: Finding[];
  /** Further findings of the same rule (warnings and notices are one row per rule). */
  also: Finding[];
}

/** The findings as the comment shows them: up files before downs, lint findings on downs apart, proofs merged, repeats folded. */
function rowsOf(findings: Finding[], report: Report, o: CommentOptions) {
  const downs = new Set(report.migrations.flatMap((m) => (m.down ? [m.down] : [])));
  const order = new Map<string, number>();
  for (const m of report.migrations) for (const f of [m.up, m.down]) if (f && !order.has(f)) order.set(f, order.size);
  const rank = (f: Finding) => order.get(f.file) ?? order.size;
  const inOrder = [...findings].sort((a, b) => rank(a) - rank(b) || a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  const proven = (f: Finding) => o.ruleDoc?.(f.rule)?.stage === 'verify';
  const onDown = (f: Finding) => downs.has(f.file) && !proven(f);
  const main = inOrder.filter((f) => !onDown(f));
  // A verify finding on the line of a lint finding is that finding's proof: one cause, one row.
  const rows: Row[] = [];
  const at = new Map<string, Row>();
  for (const f of main.filter((x) => !proven(x))) {
    const row = { lead: f, proofs: [], also: [] };
    rows.push(row);
    const key = `${f.file}:${f.line}`;
    const held = at.get(key);
    if (!held || SEVERITY_RANK[f.severity] > SEVERITY_RANK[held.lead.severity]) at.set(key, row);
  }
  for (const f of main.filter(proven)) {
    const row = at.get(`${f.file}:${f.line}`);
    if (row) {
      row.proofs.push(f);
      if (SEVERITY_RANK[f.severity] > SEVERITY_RANK[row.lead.severity]) row.lead = { ...row.lead, severity: f.severity };
    } else rows.push({ lead: f, proofs: [], also: [] });
  }
  rows.sort((a, b) => rank(a.lead) - rank(b.lead) || a.lead.file.localeCompare(b.lead.file) || a.lead.line - b.lead.line);
  return {
    errors: rows.filter((r) => r.lead.severity === 'error'),
    warnings: byRule(rows.filter((r) => r.lead.severity === 'warning')),
    notices: byRule(rows.filter((r) => r.lead.severity === 'info')),
    downs: byRule(inOrder.filter(onDown).map((f) => ({ lead: f, proofs: [], also: [] }))),
  };
}

/** How many findings rows stand for (a rule's row counts each place it was found). */
function findingsIn(rows: Row[]): number {
  return rows.reduce((n, r) => n + 1 + r.also.length, 0);
}

/** One row per rule: the first finding leads, the others are listed by place. */
function byRule(rows: Row[]): Row[] {
  const out = new Map<string, Row>();
  for (const r of rows) {
    const held = out.get(r.lead.rule);
    if (held) held.also.push(r.lead, ...r.also);
    else out.set(r.lead.rule, { ...r, also: [...r.also] });
  }
  return [...out.values()];
}

function findingsSection(findings: Finding[], report: Report, o: CommentOptions, messageMax: number): string[] {
  const { errors, warnings, notices, downs } = rowsOf(findings, report, o);
  const out: string[] = [];
  const size = (f: Finding) => (f.size ? `<br>📏 ${escapeText(describeSize(f.size, f.severity))}` : '');
  // Errors are read in full; what is folded is skimmed: shorter messages, one link per row.
  const brief = Math.min(messageMax, 90);
  // A proof's rule names what was seen; its message's lead-in repeats it, so the detail after the first colon is shown.
  const detail = (m: string) => (m.indexOf(': ') > 0 && m.length - m.indexOf(': ') > 20 ? m.slice(m.indexOf(': ') + 2) : m);
  const proof = (r: Row) => r.proofs.map((p) => `<br>✔ verified, ${inlineCode(p.rule)}: ${escapeText(clip(detail(p.message), brief))}`).join('');
  // Folded rows name the place without a link (the diff's annotations have it): a link is ~120 bytes.
  const where = (r: Row, linked = true) => lineLink(r.lead, linked ? o.link : undefined) + (r.also.length ? ` +${r.also.length} more` : '');
  const ruleName = (id: string) => (o.docsBase ? `[${inlineCode(id)}](${o.docsBase}/${encodeURIComponent(id)}.md)` : inlineCode(id));
  const problem = (r: Row, max: number) => `${ruleName(r.lead.rule)}${r.also.length ? ` ×${r.also.length + 1}` : ''}: ${escapeText(clip(r.lead.message, max))}${size(r.lead)}${proof(r)}`;
  const fix = (r: Row) => escapeText(clip(oneLineFix(o.ruleDoc?.(r.lead.rule)?.fix ?? r.lead.help), brief)) || '–';
  if (errors.length) out.push('| | Where | Problem | Fix |', '|---|---|---|---|', ...errors.map((r) => `| ${ICON.error} | ${where(r)} | ${problem(r, messageMax)} | ${fix(r)} |`), '');
  const folded = (summary: string, rows: Row[], max: number) => {
    if (!rows.length) return;
    const bySeverity = [...rows].sort((a, b) => SEVERITY_RANK[b.lead.severity] - SEVERITY_RANK[a.lead.severity]);
    out.push(
      `<details><summary>${summary}</summary>`,
      '',
      '| | Where | Problem |',
      '|---|---|---|',
      ...bySeverity.map((r) => `| ${ICON[r.lead.severity]} | ${where(r, false)} | ${problem(r, max)} |`),
      '',
      '</details>',
      '',
    );
  };
  folded(`${ICON.warning} ${plural(findingsIn(warnings), 'warning')}`, warnings, brief);
  folded(`↩️ ${plural(findingsIn(downs), 'finding')} on the downs (what a rollback runs)`, downs, Math.min(brief, 70));
  if (notices.length) {
    out.push(
      `<details><summary>${ICON.info} ${plural(findingsIn(notices), 'notice')}</summary>`,
      '',
      notices.map((r) => `${inlineCode(r.lead.rule)} ×${r.also.length + 1}`).join(' · '),
      '',
      '</details>',
      '',
    );
  }
  return out;
}

/** The comment's counts: merged rows, lint findings on downs counted apart. */
function shownCounts(findings: Finding[], report: Report, o: CommentOptions): { errors: number; warnings: number; infos: number; downs: number } {
  const { errors, warnings, notices, downs } = rowsOf(findings, report, o);
  return { errors: findingsIn(errors), warnings: findingsIn(warnings), infos: findingsIn(notices), downs: findingsIn(downs) };
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

/** The strongest lock per relation that blocks writes (ShareLock and above), e.g. `users (AccessExclusive)`. */
export function blockingLocks(statements: StatementTrace[]): string[] {
  const strongest = new Map<string, string>();
  for (const s of statements) {
    for (const l of s.locks) {
      const prev = strongest.get(l.relation);
      if (!prev || lockRank(l.mode) > lockRank(prev)) strongest.set(l.relation, l.mode);
    }
  }
  return [...strongest].filter(([, mode]) => lockRank(mode) >= lockRank('ShareLock')).map(([rel, mode]) => `${rel} (${mode.replace(/Lock$/, '')})`);
}

function listCell(items: string[], max = 4): string {
  if (!items.length) return '–';
  const shown = items.slice(0, max).map((i) => escapeText(clip(i, 80)));
  return items.length > max ? `${shown.join(', ')} +${items.length - max}` : shown.join(', ');
}

function stepCell(ok: boolean, error: string | null | undefined): string {
  return ok ? '✅' : `❌ ${escapeText(clip(error ?? 'failed', 100))}`;
}

function verifyRow(m: MigrationVerification): string {
  const up = stepCell(m.up.ok, m.up.error);
  const reversible = !m.up.ok ? '–' : !m.hasDown ? 'no down' : m.reversible ? '✅' : `❌ ${m.down && !m.down.ok ? escapeText(clip(m.down.error ?? '', 120)) : listCell(m.schemaDiff, 2)}`;
  const reapplicable = !m.up.ok || !m.hasDown ? '–' : m.reapplicable ? '✅' : `❌ ${escapeText(clip(m.reup?.error ?? '', 120))}`;
  const dc = m.dataCheck;
  const data = dc.inconclusive
    ? `– ${escapeText(clip(`inconclusive: ${dc.inconclusive}`, 120))}`
    : dc.failsWithData
      ? `❌ fails with ${dc.rowsSeeded} rows: ${escapeText(clip(dc.error ?? '', 90))}`
      : dc.lost.length
        ? `⚠️ ${listCell(dc.lost, 3)}`
        : dc.rowsSeeded
          ? `✅ ${dc.rowsSeeded} rows kept`
          : '–';
  // A failed statement took what the trace shows, or nothing: say which rather than "–".
  const locks = blockingLocks(m.statements);
  const lockCell = locks.length || m.up.ok || m.skipped ? listCell(locks) : 'failed before locking';
  return `| ${inlineCode(m.id)} | ${up} | ${reversible} | ${reapplicable} | ${lockCell} | ${listCell([...new Set(m.statements.flatMap((s) => s.rewrites))])} | ${data} |`;
}

function verifySection(report: Report, maxRows: number): string[] {
  const v = report.verification;
  if (!v || !v.migrations.length) return [];
  const changed = new Set(report.migrations.filter((m) => m.changed).map((m) => m.id));
  // The cycle runs every migration to build the schema; the table shows the ones under review.
  let rows = v.migrations.filter((m) => changed.size === 0 || changed.has(m.id));
  if (!rows.length) rows = v.migrations;
  const problems =
    rows.some((m) => !m.up.ok || (m.hasDown && (!m.reversible || !m.reapplicable)) || m.dataCheck.failsWithData || m.dataCheck.lost.length) || (v.chain && !v.chain.ok && !v.chain.noDown);
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
  verifyRows: number;
  messageMax: number;
}

function compose(report: Report, o: CommentOptions, lim: Limits): string {
  const out: string[] = [];
  if (o.marker) out.push(o.marker);
  out.push(headline(report, o.failOn ?? 'error', shownCounts(report.findings, report, o)), '', subline(report, o.path), '');
  for (const n of o.notes ?? []) out.push(`> ${escapeLineStart(n)}`, '');
  if (isClean(report) && o.previouslyFailing) out.push('The problems reported here earlier are fixed.', '');
  const shown = sortFindings(report.findings).slice(0, lim.findings);
  out.push(...findingsSection(shown, report, o, lim.messageMax));
  const hidden = report.findings.length - shown.length;
  if (hidden > 0) {
    out.push(`_…and ${plural(hidden, 'more finding')} not shown to stay under GitHub's comment size limit: see the annotations, the job summary or the JSON report._`, '');
  }
  out.push(...budgetSection(report, lim.verifyRows));
  out.push(...verifySection(report, lim.verifyRows));
  const explain = report.findings.length ? ' · the full fix and why: <code>npx migration-guard explain RULE</code>' : '';
  out.push(`<sub>${escapeHtml(report.tool.name)} ${escapeHtml(report.tool.version)}${o.link ? ` · ${escapeHtml(o.link.sha.slice(0, 7))}` : ''}${explain}</sub>`);
  return out.join('\n') + '\n';
}

function fits(text: string, budget: number): boolean {
  return Buffer.byteLength(text, 'utf8') <= budget;
}

/**
 * The comment (or job summary) markdown for a report, under `budget` bytes: errors with
 * their one-line fix and the verify table in view, the rest folded; when too long,
 * messages are clipped harder, then findings and verify rows are cut with a note saying
 * how many are not shown.
 */
export function renderComment(report: Report, options: CommentOptions = {}): string {
  const budget = options.budget ?? DEFAULT_BUDGET;
  const full: Limits = { findings: report.findings.length, verifyRows: 200, messageMax: 130 };
  let text = compose(report, options, full);
  if (fits(text, budget)) return text;
  const lean: Limits = { ...full, messageMax: 110, verifyRows: 50 };
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
  return fits(text, budget)
    ? text
    : `${Buffer.from(text)
        .subarray(0, budget - 200)
        .toString('utf8')
        .replace(/\uFFFD$/, '')}\n\n_…truncated._\n`;
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
