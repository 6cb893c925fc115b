// Findings the framework support raises itself (a command failed, SQL it could not place,
// a shared transaction, a down the framework refuses): severity and fix from the registry.

import type { Finding, Severity } from '../types';
import type { Rule } from '../lint/rule';

/** A finding of `rule` at the start of `line`; `fallback` is its severity when the registry lacks the rule. */
export function frameworkFinding(rules: readonly Rule[], rule: string, file: string, line: number, message: string, migration?: string, fallback: Severity = 'warning'): Finding {
  const meta = rules.find((r) => r.meta.id === rule)?.meta;
  return { rule, severity: meta?.severity ?? fallback, file, line, column: 1, endLine: line, endColumn: 1, message, help: meta?.fix ?? '', ...(migration ? { migration } : {}) };
}
