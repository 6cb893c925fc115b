// The rule catalogue (`migration-guard rules`) and one rule's docs
// (`migration-guard explain <rule>`), as text or JSON. Pure renderers.

import type { Level } from '../types';
import type { Rule } from '../lint/rule';
import { workLabel } from './size';
import { plainMarkdown } from './text';
import { paint } from './style';

export interface CatalogueEntry {
  id: string;
  /** The configured level (`off` when disabled). */
  level: Level;
  /** The rule's default severity. */
  severity: Rule['meta']['severity'];
  enabled: boolean;
  stage: NonNullable<Rule['meta']['stage']>;
  summary: string;
}

/** Catalogue rows for the given rules and their configured levels. */
export function catalogue(rules: readonly Rule[], levelOf: (rule: Rule) => Level): CatalogueEntry[] {
  return [...rules]
    .sort((a, b) => a.meta.id.localeCompare(b.meta.id))
    .map((r) => {
      const level = levelOf(r);
      return { id: r.meta.id, level, severity: r.meta.severity, enabled: level !== 'off', stage: r.meta.stage ?? 'lint', summary: r.meta.summary };
    });
}

/** The catalogue as an aligned table (id, severity, on/off, summary). */
export function renderCatalogueText(entries: CatalogueEntry[], options: { color?: boolean } = {}): string {
  const p = paint(options.color ?? false);
  const idWidth = Math.max(4, ...entries.map((e) => e.id.length));
  const header = `${'RULE'.padEnd(idWidth)}  ${'SEVERITY'.padEnd(8)}  ${'STATUS'.padEnd(6)}  SUMMARY`;
  const rows = entries.map((e) => {
    const sev = e.enabled ? e.level : e.severity;
    const status = e.enabled ? 'on' : 'off';
    const line = `${e.id.padEnd(idWidth)}  ${sev.padEnd(8)}  ${status.padEnd(6)}  ${e.summary}`;
    return e.enabled ? line : p.dim(line);
  });
  const on = entries.filter((e) => e.enabled).length;
  return [p.bold(header), ...rows, '', `${entries.length} rules, ${on} on. Details: migration-guard explain <rule>`].join('\n') + '\n';
}

/** The catalogue as JSON. */
export function renderCatalogueJson(entries: CatalogueEntry[]): string {
  return JSON.stringify(entries, null, 2) + '\n';
}

/** A rule's documentation: summary, why, fix, examples, squawk names. */
export function renderExplainText(rule: Rule, level: Level, options: { color?: boolean } = {}): string {
  const p = paint(options.color ?? false);
  const m = rule.meta;
  const block = (title: string, body: string) => [p.bold(title), indent(body.trim(), '  '), ''];
  const status = level === 'off' ? 'off' : level === m.severity ? `${level}` : `${level} (default ${m.severity})`;
  const out = [
    `${p.bold(m.id)}  ${status}${m.defaultOff ? ', off by default' : ''}${m.stage && m.stage !== 'lint' ? `, decided by ${m.stage}` : ''}`,
    m.summary,
    '',
    ...block('Why', m.why),
    ...block('Fix', plainMarkdown(m.fix)),
  ];
  if (m.examples.bad.length) out.push(...block('Flagged', m.examples.bad.join('\n\n')));
  if (m.examples.good.length) out.push(...block('Not flagged', m.examples.good.join('\n\n')));
  if (m.squawk?.length) out.push(`squawk: ${m.squawk.join(', ')}`, '');
  if (m.work) {
    const what = m.work === 'lock' ? 'the lock itself (never lowered for a small table; raised on a busy one)' : `${workLabel(m.work)} of the table`;
    out.push(`With --stats: grows with the table (${what}); stats.thresholds adjust its severity (docs/stats.md).`, '');
  }
  out.push(p.dim(`Silence one statement with: -- migration-guard-ignore ${m.id}`));
  return out.join('\n') + '\n';
}

function indent(text: string, pad: string): string {
  return text
    .split('\n')
    .map((l) => (l ? pad + l : l))
    .join('\n');
}
