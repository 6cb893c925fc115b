// Runs every enabled rule over one migration file's statements, advancing the
// LintContext as it goes, and turns reports into Findings (suppressions applied).
// Nothing here throws on user input: parse problems become findings, a rule that
// throws becomes an `internal-error` finding and the other rules still run.

import type { Finding, ParseProblem, Range, Severity, SqlSource, Statement } from '../types';
import { parseSql, type ParsedFile } from '../sql/parse';
import { placeholderIdentifier, type Placeholder } from '../sql/placeholders';
import type { LintContext, LintOptions } from './context';
import { createdObjects, type CreatedObjects } from './created';
import type { Rule, RuleReport, Visitor } from './rule';
import { fileFindings } from './collect';
import { ContextWalker } from './walker';
import { calledBodies } from './called-functions';
import { impactOf, type StatementImpact } from '../stats/impact';

export { makeIdResolver } from './suppressions';

/** A rule with the severity the configuration gives it. */
export interface EnabledRule {
  rule: Rule;
  severity: Severity;
}

export interface LintFileInput {
  source: SqlSource;
  /** The framework runs this file in a transaction. */
  transactional?: boolean;
  /**
   * The tool sends the whole file as one multi-statement query (golang-migrate,
   * Prisma): Postgres then runs it as one implicit transaction block, so with more
   * than one statement CREATE INDEX CONCURRENTLY fails, even after a COMMIT in it.
   */
  sentAsOneQuery?: boolean;
  /** Migration id for the findings. */
  migration?: string;
  /**
   * What the migration's earlier file(s) created (`LintFileResult.created` of its up):
   * set when linting a down, whose drops of those objects break nothing.
   */
  createdByUp?: CreatedObjects;
  /** Also return each statement's impact on existing tables (for --stats and `plan`). */
  collectImpacts?: boolean;
}

/** Findings of one file, and what it created (to seed its down's context). */
export interface LintFileResult {
  findings: Finding[];
  created: CreatedObjects;
  /** With `collectImpacts`: the statements that lock or work on tables that existed before, in order. */
  impacts?: StatementImpact[];
}

export const DEFAULT_LINT_OPTIONS: LintOptions = { pgVersion: 15, assumeInTransaction: false };

const PROBLEM_RULE: Record<ParseProblem['kind'], string> = {
  'syntax-error': 'syntax-error',
  'meta-command': 'skipped-statement',
  placeholder: 'skipped-statement',
  skipped: 'skipped-statement',
  unreadable: 'unreadable-file',
};

/**
 * Lint one SQL source. `allRules` is the full registry (for resolving ignore
 * comments); `enabled` the rules that run, with their configured severity.
 */
export function lintSource(input: LintFileInput, enabled: readonly EnabledRule[], allRules: readonly Rule[], options: LintOptions = DEFAULT_LINT_OPTIONS): Finding[] {
  return lintFile(input, enabled, allRules, options).findings;
}

/** lintSource, also returning what the file created (pass it as `createdByUp` when linting the migration's down). */
export function lintFile(input: LintFileInput, enabled: readonly EnabledRule[], allRules: readonly Rule[], options: LintOptions = DEFAULT_LINT_OPTIONS): LintFileResult {
  const { source } = input;
  const collected = fileFindings(source, input.migration, enabled, allRules);
  const add = collected.add;
  const startRange: Range = { line: source.firstLine, column: 1, endLine: source.firstLine, endColumn: 1 };

  let parsed: ParsedFile;
  try {
    parsed = parseSql(source);
  } catch (err) {
    add('internal-error', startRange, `the parser failed on this file: ${(err as Error)?.message ?? err}`);
    return { findings: collected.finish([], []), created: input.createdByUp ?? { creations: [] } };
  }

  for (const p of parsed.problems) add(PROBLEM_RULE[p.kind], p.range, p.message);

  const statements = parsed.statements;
  const runsNow = calledBodies(statements);
  const oneQuery = !!input.sentAsOneQuery && statements.filter((st) => !st.embedded).length > 1;
  const walker = new ContextWalker(statements, options, input.transactional ?? false, runsNow, oneQuery, input.createdByUp);
  let current: Statement | undefined;
  const dispatch = dispatchFor(
    enabled,
    statements,
    options,
    (rule, err) => collected.failed(rule, startRange, err, 'before the first statement'),
    (rule, r) => collected.report(rule, r, r.range ?? current?.range ?? lastRange(statements, startRange), current),
  );
  const impacts: StatementImpact[] | undefined = input.collectImpacts ? [] : undefined;
  const run = (handlers: readonly Handler[] | undefined, statement: Statement, ctx: LintContext) => {
    if (!handlers) return;
    for (const h of handlers) {
      // The engine alone decides what runs now: function bodies only for rules that ask, unless the file calls them.
      if (!ctx.runsDuringMigration && !h.functionBodies) continue;
      try {
        h.run(statement, ctx);
      } catch (err) {
        collected.failed(h.rule, statement.range, err, 'on this statement');
      }
    }
  };
  for (let i = 0; i < statements.length; i++) {
    const statement = (current = statements[i]!);
    const ctx = walker.before(i);
    run(dispatch.byKind.get(statement.kind), statement, ctx);
    run(dispatch.every, statement, ctx);
    if (impacts && ctx.runsDuringMigration) {
      const impact = impactOf(statement, ctx);
      if (impact) impacts.push(impact);
    }
    walker.after(i);
  }
  current = undefined;
  const end = walker.before(statements.length);
  for (const h of dispatch.end) {
    try {
      h.run(end);
    } catch (err) {
      collected.failed(h.rule, lastRange(statements, startRange), err, 'at the end of the file');
    }
  }

  const findings = collected.finish(parsed.comments, parsed.spans);
  restorePlaceholders(findings, parsed.placeholders);
  return { findings, created: createdObjects(statements, input.createdByUp), ...(impacts ? { impacts } : {}) };
}

/** Messages name objects as the user wrote them: `{{ .Schema }}.users`, not the substituted identifier. */
function restorePlaceholders(findings: Finding[], placeholders: readonly Placeholder[]): void {
  if (placeholders.length === 0) return;
  const byLength = new Map<number, Set<string>>();
  for (const p of placeholders) byLength.set(p.text.length, (byLength.get(p.text.length) ?? new Set()).add(p.text));
  const swaps = [...byLength]
    .filter(([, texts]) => texts.size === 1) // two placeholders of one length share an identifier: leave it
    .sort((a, b) => b[0] - a[0])
    .map(([length, texts]) => [placeholderIdentifier(length), [...texts][0]] as const);
  for (const f of findings) {
    if (!f.message.includes('tpl_')) continue;
    for (const [id, text] of swaps) f.message = f.message.split(id).join(text);
  }
}

/** One rule's handler for one file: for a statement kind, or for every statement. */
interface Handler {
  rule: Rule;
  /** The rule also sees bodies of functions the file only defines (meta.lintsFunctionBodies). */
  functionBodies: boolean;
  run: (statement: Statement, ctx: LintContext) => void;
}

/** The enabled lint rules' handlers for one file, indexed by statement kind (`create` runs once per file). */
interface Dispatch {
  byKind: Map<string, Handler[]>;
  every: Handler[];
  end: { rule: Rule; run: (ctx: LintContext) => void }[];
}

function dispatchFor(
  enabled: readonly EnabledRule[],
  statements: readonly Statement[],
  options: LintOptions,
  failed: (rule: Rule, err: unknown) => void,
  report: (rule: Rule, r: RuleReport) => void,
): Dispatch {
  const out: Dispatch = { byKind: new Map(), every: [], end: [] };
  for (const { rule } of enabled) {
    if (!rule.create || (rule.meta.stage ?? 'lint') !== 'lint') continue;
    let visitor: Visitor;
    try {
      visitor = rule.create({ options, statements, report: (r) => report(rule, r) });
    } catch (err) {
      failed(rule, err); // one broken rule never hides the others' findings
      continue;
    }
    const functionBodies = !!rule.meta.lintsFunctionBodies;
    for (const key of Object.keys(visitor) as (keyof Visitor)[]) {
      if (key === 'end') {
        const end = visitor.end;
        if (end) out.end.push({ rule, run: end });
      } else if (key === '*') {
        const every = visitor['*'];
        if (every) out.every.push({ rule, functionBodies, run: every });
      } else {
        const handler = visitor[key] as ((node: unknown, statement: Statement, ctx: LintContext) => void) | undefined;
        if (!handler) continue;
        const list = out.byKind.get(key) ?? [];
        if (list.length === 0) out.byKind.set(key, list);
        list.push({ rule, functionBodies, run: (statement, ctx) => handler(statement.node, statement, ctx) });
      }
    }
  }
  return out;
}

function lastRange(statements: readonly Statement[], fallback: Range): Range {
  for (let i = statements.length - 1; i >= 0; i--) if (!statements[i].embedded) return statements[i].range;
  return fallback;
}
