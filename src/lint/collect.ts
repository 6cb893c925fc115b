// The findings of one file, gathered the same way by both lint engines (Postgres and
// SQLite): a report takes its configured severity (a rule that is off is dropped) and
// its rule's fix as help; at the end the file's ignore comments apply, unused ones are
// reported themselves, and the findings are ordered by position.

import type { Finding, Range, Severity, SqlSource } from '../types';
import { reportMessage, type Rule, type RuleReport } from './rule';
import { applySuppressions, makeIdResolver, parseSuppressions, reportUnused } from './suppressions';

export interface FileFindings {
  /** Record a finding of `rule` (ignored when the rule is off). `statement`: the SQL it is about, kept for captured framework SQL. */
  add(this: void, rule: string, range: Range, message: string, statement?: { sql: string }): void;
  /** Record a rule's report at `range`; a report naming an unknown message template becomes that complaint, not a throw. */
  report(this: void, rule: Rule, r: RuleReport, range: Range, statement?: { sql: string }): void;
  /** A rule that threw: one internal-error finding, the other rules go on. */
  failed(this: void, rule: Rule, range: Range, err: unknown, where: string): void;
  /** The findings, ignore comments applied (and the unused ones reported), sorted by position. */
  finish(this: void, comments: readonly { text: string; range: Range }[], spans: Range[]): Finding[];
}

/** A collector for one source's findings. */
export function fileFindings(source: SqlSource, migration: string | undefined, enabled: readonly { rule: Rule; severity: Severity }[], allRules: readonly Rule[]): FileFindings {
  const severityOf = new Map<string, Severity>(enabled.map((e) => [e.rule.meta.id, e.severity]));
  const helpOf = new Map(allRules.map((r) => [r.meta.id, r.meta.fix]));
  const raw: Finding[] = [];
  const add: FileFindings['add'] = (rule, range, message, statement) => {
    const severity = severityOf.get(rule);
    if (!severity) return;
    // Captured framework SQL is not in the file the finding points at: carry the statement itself.
    const sql = source.lineMap && statement ? { statement: statement.sql } : {};
    raw.push({ rule, severity, file: source.file, ...range, message, help: helpOf.get(rule) ?? '', ...(migration ? { migration } : {}), ...sql });
  };
  return {
    add,
    report(rule, r, range, statement) {
      let message: string;
      try {
        message = reportMessage(rule.meta, r);
      } catch (err) {
        message = `rule ${rule.meta.id} reported an unknown message: ${(err as Error).message}`;
      }
      add(rule.meta.id, range, message, statement);
    },
    failed(rule, range, err, where) {
      add('internal-error', range, `rule ${rule.meta.id} failed ${where}: ${(err as Error)?.message ?? String(err)}`);
    },
    finish(comments, spans) {
      const suppressions = parseSuppressions(comments, makeIdResolver(allRules));
      const kept = applySuppressions(raw, suppressions, spans);
      const before = raw.length;
      reportUnused(suppressions, spans, severityOf, add);
      const unused = raw.slice(before); // not themselves suppressible
      // Rule ids are kebab-case ASCII, where code-point order is localeCompare's order; localeCompare's
      // first call loads ICU's collator, ~15 ms of CPU at every start.
      return [...kept, ...unused].sort((a, b) => a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
    },
  };
}
