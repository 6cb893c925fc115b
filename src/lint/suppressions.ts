// Ignore comments, parsed once here so rules never see them:
//   -- migration-guard-ignore rule-a, rule-b   the next statement, however many lines it spans
//   -- migration-guard-ignore-file [rule-a]    the whole file (no ids: every rule)
//   -- squawk-ignore … / -- squawk-ignore-file … with squawk's rule names mapped to ours

import type { SqlSource } from '../types';

export interface Suppression {
  /** 1-based file line of the comment. */
  line: number;
  column: number;
  endColumn: number;
  scope: 'statement' | 'file';
  /** Our rule ids; empty = every rule (file scope only). */
  rules: string[];
  /** Ids as written that match no rule (ours or squawk's). */
  unknown: string[];
  /** Set by the engine once it silenced a finding. */
  used: boolean;
  /** Each id as written, with whether it silenced something. */
  usedIds: Set<string>;
}

const PATTERN = /--\s*(migration-guard|squawk)-ignore(-file)?\b[ \t]*([^\r\n]*)/g;

/**
 * Find every ignore comment in a source. `squawkToOurs` maps squawk's rule names
 * (and our own ids) to our ids.
 */
export function parseSuppressions(source: SqlSource, resolveId: (tool: 'migration-guard' | 'squawk', id: string) => string[] | undefined): Suppression[] {
  const out: Suppression[] = [];
  const lines = source.text.split(/\r\n|\r|\n/);
  lines.forEach((text, i) => {
    if (!text.includes('-ignore')) return;
    PATTERN.lastIndex = 0;
    const m = PATTERN.exec(text);
    if (!m) return;
    // A comment inside a string literal is rare enough in migrations; the comment
    // must at least start the line or follow code, which the regex already needs.
    const tool = m[1] as 'migration-guard' | 'squawk';
    const ids = m[3]!
      .replace(/--.*$/, '')
      .split(/[\s,]+/)
      .map((s) => s.trim())
      .filter(Boolean);
    const rules: string[] = [];
    const unknown: string[] = [];
    for (const id of ids) {
      const mapped = resolveId(tool, id);
      if (mapped && mapped.length) rules.push(...mapped);
      else unknown.push(id);
    }
    out.push({
      line: source.firstLine + i,
      column: m.index + 1,
      endColumn: text.length + 1,
      scope: m[2] ? 'file' : 'statement',
      rules,
      unknown,
      used: false,
      usedIds: new Set(),
    });
  });
  return out;
}
