// GitHub Actions workflow commands: one `::error|warning|notice …::message` line
// per finding, which the runner turns into annotations on the PR's diff.
// https://docs.github.com/actions/reference/workflow-commands-for-github-actions

import { ANNOTATIONS_PER_LEVEL, oneLineFix, selectAnnotations } from '../github/annotations';
import type { Finding, Report, Severity } from '../types';
import { summaryLine } from './text';
import { describeSize } from './size';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** Escape a workflow command's message (`%`, CR, LF). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escape a workflow command property value (also `:` and `,`). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One workflow command for a finding. */
export function annotation(f: Finding): string {
  const props = [
    `file=${escapeProperty(f.file.split('\\').join('/'))}`,
    `line=${f.line}`,
    `endLine=${f.endLine}`,
    `col=${f.column}`,
    `endColumn=${f.endColumn}`,
    `title=${escapeProperty(f.rule)}`,
  ].join(',');
  const message = f.size ? `${f.message}\nSize: ${describeSize(f.size, f.severity)}` : f.message;
  const fix = oneLineFix(f.help);
  const body = fix ? `${message}\nFix: ${fix}` : message;
  return `::${COMMAND[f.severity]} ${props}::${escapeData(body)}`;
}

/** Render a report as workflow commands (the most severe first, as many as GitHub shows), ending with the summary line as plain log text. */
export function renderGithub(report: Report): string {
  const { shown, hidden } = selectAnnotations(report.findings);
  const cut = hidden
    ? [`${hidden} more finding${hidden === 1 ? '' : 's'} not annotated: GitHub shows ${ANNOTATIONS_PER_LEVEL} annotations per level and step (the full list is in --format json or sarif).`]
    : [];
  return [...shown.map(annotation), summaryLine(report), ...cut].join('\n') + '\n';
}
