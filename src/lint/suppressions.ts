// Ignore comments, parsed once here so rules never see them:
//   -- migration-guard-ignore rule-a, rule-b   the next statement, however many lines it spans
//   -- migration-guard-ignore-file [rule-a]    the whole file (no ids: every rule)
//   -- squawk-ignore … / -- squawk-ignore-file … with squawk's rule names mapped to ours
// A reason may follow the ids after a colon: `-- migration-guard-ignore dropping-table: unused since v2`.
// Only real comment tokens count (from the Postgres scanner), so the same text
// inside a string literal or a dollar-quoted function body is not an ignore.

import type { Finding, Range, Severity } from '../types';
import type { Rule } from './rule';

export type IgnoreTool = 'migration-guard' | 'squawk';

export interface SuppressionId {
  /** The id as written in the comment. */
  written: string;
  /** Our rule ids it stands for (empty: unknown). */
  rules: string[];
  /** Set once it silenced a finding. */
  used: boolean;
}

export interface Suppression {
  tool: IgnoreTool;
  /** 1-based file line of the comment. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  scope: 'statement' | 'file';
  ids: SuppressionId[];
  /** Our rule ids; empty = every rule (file scope only). */
  rules: string[];
  /** Ids as written that match no rule (ours or squawk's). */
  unknown: string[];
  /** Set by the engine once it silenced a finding. */
  used: boolean;
}

const PATTERN = /^(?:--|\/\*)\s*(migration-guard|squawk)-ignore(-file)?(?![\w-])([\s\S]*)$/;

/**
 * Find every ignore comment among a file's comment tokens. `resolveId` maps an
 * id as written (ours or, for squawk comments, squawk's rule name) to our ids.
 */
export function parseSuppressions(comments: readonly { text: string; range: Range }[], resolveId: (tool: IgnoreTool, id: string) => string[] | undefined): Suppression[] {
  const out: Suppression[] = [];
  for (const c of comments) {
    if (!c.text.includes('-ignore')) continue;
    const m = PATTERN.exec(c.text.trim());
    if (!m) continue;
    const tool = m[1] as IgnoreTool;
    const list = m[3]
      .replace(/\*\/\s*$/, '')
      .split(':')[0]
      .split(/\s--/)[0];
    const ids: SuppressionId[] = list
      .split(/[\s,]+/)
      .map((s) => s.trim())
      .filter(Boolean)
      .map((written) => ({ written, rules: resolveId(tool, written) ?? [], used: false }));
    out.push({
      tool,
      ...c.range,
      scope: m[2] ? 'file' : 'statement',
      ids,
      rules: [...new Set(ids.flatMap((i) => i.rules))],
      unknown: ids.filter((i) => i.rules.length === 0).map((i) => i.written),
      used: false,
    });
  }
  return out;
}

const before = (a: { line: number; column: number }, b: { line: number; column: number }) => a.line < b.line || (a.line === b.line && a.column < b.column);

/**
 * The statement span a statement-scoped ignore covers: the first one starting
 * after the comment. `spans` must be sorted by start.
 */
export function targetSpan(s: Suppression, spans: readonly Range[]): Range | undefined {
  const end = { line: s.endLine, column: s.endColumn - 1 };
  return spans.find((sp) => before(end, sp));
}

/** Whether the suppression silences a finding of `rule` at `at`; marks it used when it does. */
export function suppresses(s: Suppression, target: Range | undefined, rule: string, at: { line: number; column: number }): boolean {
  if (s.scope === 'file') {
    if (s.ids.length === 0) {
      s.used = true;
      return true;
    }
  } else {
    if (!target) return false;
    const inside = !before(at, target) && !before({ line: target.endLine, column: target.endColumn }, at);
    if (!inside) return false;
  }
  let hit = false;
  for (const id of s.ids) {
    if (id.rules.includes(rule)) {
      id.used = true;
      hit = true;
    }
  }
  if (hit) s.used = true;
  return hit;
}

const resolvers = new WeakMap<readonly Rule[], ReturnType<typeof buildIdResolver>>();

/** Maps an ignore-comment id (ours or squawk's) to our rule ids (built once per registry). */
export function makeIdResolver(allRules: readonly Rule[]) {
  let resolver = resolvers.get(allRules);
  if (!resolver) resolvers.set(allRules, (resolver = buildIdResolver(allRules)));
  return resolver;
}

function buildIdResolver(allRules: readonly Rule[]) {
  const ours = new Set(allRules.map((r) => r.meta.id));
  const squawk = new Map<string, string[]>();
  for (const r of allRules) {
    for (const s of r.meta.squawk ?? []) squawk.set(s, [...(squawk.get(s) ?? []), r.meta.id]);
  }
  return (tool: IgnoreTool, id: string): string[] | undefined => {
    const mapped = squawk.get(id) ?? [];
    if (tool === 'squawk') return mapped.length ? mapped : ours.has(id) ? [id] : undefined;
    if (ours.has(id)) return [id];
    return mapped.length ? mapped : undefined;
  };
}

/** The findings no ignore comment silences (marking the comments that silenced something as used). */
export function applySuppressions(raw: Finding[], suppressions: Suppression[], spans: Range[]): Finding[] {
  if (suppressions.length === 0) return raw.slice();
  const targets = suppressions.map((s) => (s.scope === 'statement' ? targetSpan(s, spans) : undefined));
  return raw.filter((f) => {
    let silenced = false;
    // Every matching comment is marked used, so none is reported unused by mistake.
    suppressions.forEach((s, k) => {
      if (suppresses(s, targets[k], f.rule, f)) silenced = true;
    });
    return !silenced;
  });
}

/**
 * `unused-suppression` for migration-guard ignore comments that silenced nothing,
 * name unknown rules or no rule at all. squawk comments are never reported: a team
 * may still run squawk, and it knows rules this tool does not have.
 */
export function reportUnused(suppressions: Suppression[], spans: Range[], severityOf: Map<string, Severity>, add: (rule: string, range: Range, message: string) => void): void {
  for (const s of suppressions) {
    if (s.tool !== 'migration-guard') continue;
    const range = { line: s.line, column: s.column, endLine: s.endLine, endColumn: s.endColumn };
    const directive = s.scope === 'file' ? 'migration-guard-ignore-file' : 'migration-guard-ignore';
    if (s.ids.length === 0) {
      if (s.scope === 'statement') add('unused-suppression', range, `${directive} names no rule: list the rule ids it should silence for the next statement`);
      else if (!s.used) add('unused-suppression', range, `${directive} silences nothing: no rule reports anything in this file`);
      continue;
    }
    const unknown = s.ids.filter((i) => i.rules.length === 0).map((i) => i.written);
    // A rule the configuration turns off cannot report, so ignoring it is not a mistake.
    const unused = s.ids.filter((i) => i.rules.length > 0 && !i.used && i.rules.some((r) => severityOf.has(r))).map((i) => i.written);
    if (unknown.length) add('unused-suppression', range, `${directive}: unknown rule id${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}`);
    if (unused.length) {
      const where = s.scope === 'file' ? 'in this file' : describeTarget(targetSpan(s, spans));
      add('unused-suppression', range, `${directive} ${unused.join(', ')} silences nothing: no such finding ${where}; remove it`);
    }
  }
}

function describeTarget(span: Range | undefined): string {
  if (!span) return '(no statement follows the comment)';
  return span.line === span.endLine ? `on the next statement (line ${span.line})` : `on the next statement (lines ${span.line}–${span.endLine})`;
}
