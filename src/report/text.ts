// Human-readable report for terminals and CI logs: one block per finding
// (location, severity, rule, message, code frame, fix), the verification
// section when verify ran, and a summary line. Pure: sources come in through
// `options.source`, colour is decided by the caller.

import type { Finding, Report, Severity } from '../types';
import { renderVerificationText } from './verification';
import { paint, type Paint } from './style';
import { describeBudget, describeSize } from './size';

export interface TextOptions {
  /** ANSI colours (the CLI decides: TTY and NO_COLOR unset, or --color). */
  color?: boolean;
  /** The text of a file as shown in findings, for code frames; undefined = no frame. */
  source?: (file: string) => string | undefined;
  /** Longest statement shown whole in a frame; longer ones are elided in the middle. */
  maxFrameLines?: number;
}

const SEVERITY_STYLE: Record<Severity, keyof Paint> = { error: 'red', warning: 'yellow', info: 'cyan' };

/** Render a report as plain (optionally coloured) text. */
export function renderText(report: Report, options: TextOptions = {}): string {
  const p = paint(options.color ?? false);
  const out: string[] = [];
  const helped = new Set<string>();
  const lines = linesOf(options.source);

  for (const f of report.findings) {
    const sev = p[SEVERITY_STYLE[f.severity]](p.bold(f.severity));
    out.push(`${p.bold(`${f.file}:${f.line}:${f.column}`)} ${sev} ${p.dim(f.rule)}`);
    out.push(indent(f.message, '  '));
    if (f.size) out.push(`  ${p.cyan('size:')} ${describeSize(f.size, f.severity)}`);
    const frame = codeFrame(f, lines(f.file), options.maxFrameLines ?? 8, p);
    if (frame) out.push('', frame);
    if (f.help.trim()) {
      if (helped.has(f.rule)) out.push(p.dim(`  fix: as above (migration-guard explain ${f.rule})`));
      else {
        helped.add(f.rule);
        out.push(`  ${p.green('fix:')} ${indent(plainMarkdown(f.help), '       ').trimStart()}`);
      }
    }
    out.push('');
  }

  if (report.verification) out.push(renderVerificationText(report.verification, { color: options.color ?? false }), '');
  const budget = budgetLines(report);
  if (budget.length) out.push(p.bold('Lock budget (production stats):'), ...budget, '');
  out.push(summaryLine(report, p));
  return out.join('\n') + '\n';
}

/** Per migration, the write-blocking locks the deploy holds and for how long (with --stats). */
export function budgetLines(report: Pick<Report, 'stats'>): string[] {
  const out: string[] = [];
  if (!report.stats?.file) return out;
  for (const m of report.stats.migrations) {
    const blocking = m.budget.filter((b) => b.blocksWrites);
    if (blocking.length) out.push(`  ${m.id}: ${blocking.map(describeBudget).join('; ')}`);
  }
  return out;
}

/** `✖ 3 problems (1 error, 2 warnings, 0 infos) in 6 migrations` or `✔ no problems in 6 migrations`. */
export function summaryLine(report: Report, p: Paint = paint(false)): string {
  const { errors, warnings, infos } = report.summary;
  const total = errors + warnings + infos;
  const where = `in ${plural(report.migrations.length, 'migration')}`;
  if (total === 0) return p.green(`✔ no problems ${where}`);
  const mark = errors ? p.red('✖') : warnings ? p.yellow('⚠') : p.cyan('ℹ');
  return `${mark} ${plural(total, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${plural(infos, 'info')}) ${where}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function indent(text: string, pad: string): string {
  return text
    .split('\n')
    .map((l) => (l ? pad + l : l))
    .join('\n');
}

/** Markdown help as terminal text: code fences dropped, their lines indented. */
export function plainMarkdown(md: string): string {
  const out: string[] = [];
  let inCode = false;
  for (const line of md.trim().split('\n')) {
    if (/^\s*```/.test(line)) {
      inCode = !inCode;
      continue;
    }
    out.push(inCode ? `    ${line}` : line);
  }
  return out.join('\n');
}

/** Per-file line cache over the caller's source function. */
function linesOf(source: TextOptions['source']): (file: string) => string[] | undefined {
  const cache = new Map<string, string[] | undefined>();
  return (file) => {
    if (!source) return undefined;
    if (!cache.has(file)) {
      let text: string | undefined;
      try {
        text = source(file);
      } catch {
        text = undefined;
      }
      cache.set(file, text === undefined ? undefined : text.split(/\r\n|\r|\n/));
    }
    return cache.get(file);
  };
}

/**
 * The finding's lines with a gutter: `>` marks the lines of the range, and a
 * one-line range is underlined with `^`. Columns count code points (as findings
 * do); tabs before the range are kept so the carets line up.
 */
export function codeFrame(f: Pick<Finding, 'line' | 'column' | 'endLine' | 'endColumn'>, fileLines: string[] | undefined, maxLines: number, p: Paint = paint(false)): string | undefined {
  if (!fileLines || f.line < 1 || f.line > fileLines.length) return undefined;
  const endLine = Math.min(Math.max(f.endLine, f.line), fileLines.length);
  let shown: number[] = [];
  for (let n = f.line; n <= endLine; n++) shown.push(n);
  let elided = 0;
  if (shown.length > maxLines) {
    const head = Math.max(1, maxLines - 2);
    elided = shown.length - head - 1;
    shown = [...shown.slice(0, head), -1, shown[shown.length - 1]];
  }
  const width = String(endLine).length;
  const out: string[] = [];
  for (const n of shown) {
    if (n === -1) {
      out.push(`  ${p.dim(`${' '.repeat(width)} ⋮ … ${elided} more line${elided === 1 ? '' : 's'}`)}`);
      continue;
    }
    out.push(`${p.red('>')} ${p.dim(`${String(n).padStart(width)} |`)} ${fileLines[n - 1]}`.trimEnd());
  }
  if (f.line === endLine) {
    const chars = [...fileLines[f.line - 1]];
    const start = Math.max(0, Math.min(f.column - 1, chars.length));
    const stop = Math.max(start + 1, Math.min(f.endLine === f.line ? f.endColumn - 1 : chars.length, chars.length));
    const pad = chars
      .slice(0, start)
      .map((c) => (c === '\t' ? '\t' : ' '))
      .join('');
    out.push(`  ${p.dim(`${' '.repeat(width)} |`)} ${pad}${p.red('^'.repeat(stop - start))}`);
  }
  return out.join('\n');
}
