// The one constructor of findings raised outside the lint engine (verify, the
// history check, layouts, frameworks, run): severity and help come from the rule's
// registry entry (rules/<id>.ts), never from a second table.

import type { Finding } from '../types';
import { rules, type RuleId } from '../../rules/index';
import type { RuleMeta } from '../lint/rule';

const metaById = new Map<string, RuleMeta>(rules.map((r) => [r.meta.id, r.meta]));

/** Where a finding sits: a file, and a line (1 when absent) or a full range. */
export interface FindingAt {
  file: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  migration?: string | undefined;
  /** For SQL captured from a framework: the statement the finding is about. */
  statement?: string;
}

/** A finding of rule `id` at `at`, with the rule's default severity and its fix as help. */
export function finding(id: RuleId, at: FindingAt, message: string): Finding {
  const meta = metaById.get(id)!; // RuleId is generated from the registry: always present
  const line = at.line ?? 1;
  const column = at.column ?? 1;
  return {
    rule: id,
    severity: meta.severity,
    file: at.file,
    line,
    column,
    endLine: at.endLine ?? line,
    endColumn: at.endColumn ?? column,
    message,
    help: meta.fix,
    ...(at.migration ? { migration: at.migration } : {}),
    ...(at.statement ? { statement: at.statement } : {}),
  };
}
