// Findings → workflow-command annotations on the exact file and lines. Pure:
// the front end hands each result to @actions/core (error/warning/notice).

import type { Finding, Severity } from '../types';
import { SEVERITY_RANK } from '../types';

export type AnnotationLevel = 'error' | 'warning' | 'notice';

export interface Annotation {
  level: AnnotationLevel;
  message: string;
  properties: {
    title: string;
    file: string;
    startLine: number;
    endLine: number;
    startColumn?: number;
    endColumn?: number;
  };
}

const LEVEL: Record<Severity, AnnotationLevel> = { error: 'error', warning: 'warning', info: 'notice' };

/** GitHub shows at most 10 annotations of each level per step; more are accepted but hidden. */
export const ANNOTATIONS_PER_LEVEL = 10;

/**
 * The annotation for one finding: the rule id as title, the message with a one-line fix, and its range.
 * Columns only when the range is on one line (GitHub ignores them otherwise).
 */
export function toAnnotation(f: Finding): Annotation {
  const properties: Annotation['properties'] = {
    title: f.rule,
    file: f.file.split('\\').join('/'),
    startLine: f.line,
    endLine: Math.max(f.line, f.endLine || f.line),
  };
  if (properties.endLine === properties.startLine && f.column) {
    properties.startColumn = f.column;
    properties.endColumn = Math.max(f.column, f.endColumn || f.column);
  }
  const fix = oneLineFix(f.help);
  return { level: LEVEL[f.severity], message: fix ? `${f.message}\nFix: ${fix}` : f.message, properties };
}

/** Annotations GitHub will show: the most severe first, at most ANNOTATIONS_PER_LEVEL per level; `hidden` counts the rest. */
export function selectAnnotations(findings: readonly Finding[]): { shown: Finding[]; hidden: number } {
  const ordered = [...findings].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
  const perLevel = new Map<Severity, number>();
  const shown: Finding[] = [];
  for (const f of ordered) {
    const n = perLevel.get(f.severity) ?? 0;
    perLevel.set(f.severity, n + 1);
    if (n < ANNOTATIONS_PER_LEVEL) shown.push(f);
  }
  return { shown, hidden: findings.length - shown.length };
}

/** A rule's fix as one line for an annotation: its first paragraph, without Markdown code. */
export function oneLineFix(help: string): string {
  const first = help.trim().split(/\n\s*\n|```/)[0] ?? '';
  const line = first
    .replace(/`/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[,:;]$/, '');
  return line.length > 240 ? `${line.slice(0, 239)}…` : line;
}
