// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one run whose
// driver lists every rule the results use (descriptions, markdown help, default
// level) and one result per finding with a 1-based region. Columns count Unicode
// code points, as findings do (`columnKind`).

import { rules as registry } from '../../rules/index';
import { describeSize } from './size';
import type { Finding, Report, Severity } from '../types';
import type { Rule } from '../lint/rule';
import { plainMarkdown } from './text';

export interface SarifOptions {
  /** Rule metadata for the descriptors (default: the registry). */
  rules?: readonly Rule[];
  /** Where the rule pages are published (`…/docs/rules`): each descriptor's helpUri. */
  docsBase?: string;
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** A relative path as a SARIF artifact URI (forward slashes, percent-encoded); absolute paths become file:// URIs. */
export function artifactUri(file: string): string {
  const slashed = file.split('\\').join('/');
  const encoded = slashed
    .split('/')
    .map((seg) => encodeURIComponent(seg))
    .join('/');
  if (/^[A-Za-z]:\//.test(slashed)) return `file:///${encoded.replace('%3A', ':')}`;
  return slashed.startsWith('/') ? `file://${encoded}` : encoded;
}

function descriptor(id: string, rule: Rule | undefined, fallback: Finding, docsBase: string | undefined) {
  if (!rule) {
    return {
      id,
      shortDescription: { text: id },
      fullDescription: { text: fallback.message },
      help: { text: fallback.help || id, markdown: fallback.help || id },
      defaultConfiguration: { level: LEVEL[fallback.severity] },
    };
  }
  const m = rule.meta;
  return {
    id,
    name: id.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: m.summary },
    fullDescription: { text: m.why },
    help: {
      text: `${m.why}\n\nFix: ${plainMarkdown(m.fix)}`,
      markdown: `**${m.summary}**\n\n${m.why}\n\n**Fix.** ${m.fix}${m.examples.bad[0] ? `\n\n**Flagged:**\n\n\`\`\`sql\n${m.examples.bad[0]}\n\`\`\`` : ''}`,
    },
    ...(docsBase ? { helpUri: `${docsBase}/${id}.md` } : {}),
    defaultConfiguration: { level: LEVEL[m.severity], ...(m.defaultOff ? { enabled: false } : {}) },
    properties: { tags: ['postgresql', 'migrations', m.stage ?? 'lint'] },
  };
}

/** Render a report as a SARIF 2.1.0 log. */
export function renderSarif(report: Report, options: SarifOptions = {}): string {
  const byId = new Map((options.rules ?? registry).map((r) => [r.meta.id, r]));
  const index = new Map<string, number>();
  const descriptors: ReturnType<typeof descriptor>[] = [];
  for (const f of report.findings) {
    if (index.has(f.rule)) continue;
    index.set(f.rule, descriptors.length);
    descriptors.push(descriptor(f.rule, byId.get(f.rule), f, options.docsBase));
  }
  const results = report.findings.map((f) => ({
    ruleId: f.rule,
    ruleIndex: index.get(f.rule)!,
    level: LEVEL[f.severity],
    message: { text: f.size ? `${f.message} [${describeSize(f.size, f.severity)}]` : f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: artifactUri(f.file) },
          region: {
            startLine: Math.max(1, f.line),
            startColumn: Math.max(1, f.column),
            endLine: Math.max(f.line, f.endLine),
            endColumn: Math.max(1, f.endColumn),
          },
        },
      },
    ],
    ...(f.migration ? { properties: { migration: f.migration } } : {}),
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            rules: descriptors,
          },
        },
        columnKind: 'unicodeCodePoints',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
