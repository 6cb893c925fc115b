// Findings → workflow-command annotations on the exact file and lines. Pure:
// the front end hands each result to @actions/core (error/warning/notice).

import type { Finding, Severity } from '../types';

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
 * The annotation for one finding: the rule id as title, the message, and its range.
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
  return { level: LEVEL[f.severity], message: f.message, properties };
}
