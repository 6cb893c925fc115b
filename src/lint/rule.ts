// The rule API: what a rule file exports and what the lint engine calls. A rule is
// `defineRule({ meta, create })`; `create` runs once per migration file and returns
// a visitor keyed by statement kind, whose nodes are typed from @pgsql/types. The
// engine alone decides which statements run now (top level, DO blocks, bodies of
// functions the file calls) and dispatches only those. Diagnostics raised outside
// lint (verify, history, the engine itself) are `defineDiagnostic` entries: docs,
// severity and help in the same registry, raised through `finding()` in
// src/report/finding.ts.

import type { Range, Severity, Statement, StatementOf, Work } from '../types';
import type { NodeOf, StatementKind } from '../sql/nodes';
import type { LintContext, LintOptions } from './context';
import type { SqliteLintContext, SqliteLintOptions } from '../sqlite/context';
import type { SqliteStatement } from '../sqlite/parse';
import type { Statement as CstStatement } from 'sql-parser-cst';

export interface RuleExamples {
  /** Each must raise the rule. */
  bad: string[];
  /** None may raise the rule. */
  good: string[];
}

/** Where a rule is decided: a lint check over statements, or raised by the engine, the git history or verify. */
export type RuleStage = 'lint' | 'engine' | 'history' | 'verify';

export interface RuleMeta {
  id: string;
  /** Default severity when enabled. */
  severity: Severity;
  /** Disabled unless the config turns it on. */
  defaultOff?: boolean;
  summary: string;
  why: string;
  /** The safe alternative, with a concrete SQL recipe (a finding's `help`). */
  fix: string;
  examples: RuleExamples;
  /** squawk's names for the same hazard, so `squawk-ignore` comments map to ours. */
  squawk?: string[];
  /**
   * Where the rule is decided: `lint` (default, a check over statements), `engine`
   * (raised by the lint engine itself: syntax errors, suppressions), `history`
   * (git base comparison), `verify` (the up/down/up proof). Non-lint rules carry
   * docs only and may have empty examples.
   */
  stage?: RuleStage;
  /** Options the generic example test passes to the context (e.g. pgVersion for a version-specific example). */
  exampleContext?: Partial<LintOptions> & Partial<SqliteLintOptions>;
  /**
   * Also visit statements inside CREATE FUNCTION/PROCEDURE bodies that the file does
   * not call. Off by default: those run when the function is called, not during the
   * migration, so lock and rewrite hazards do not apply (DO blocks run now and are
   * always visited; so are bodies of functions the file calls).
   */
  lintsFunctionBodies?: boolean;
  /**
   * What the hazard costs on a big table. With --stats, findings of this rule carry the
   * table's size and an estimate of the blocking part, and stats.thresholds adjust their
   * severity (`lock`: the lock is the cost; the table's write traffic decides).
   */
  work?: Work;
  /** Message templates by id, with `{{name}}` placeholders filled from a report's `data`. */
  messages?: Record<string, string>;
  /** The SQL dialect the rule checks (default postgres); `sqlite` rules run only with `dialect: sqlite`. */
  dialect?: Dialect;
}

/** The database whose SQL a run lints and proves. */
export type Dialect = 'postgres' | 'sqlite';

/** What a rule reports: a message, or a template id from `meta.messages` with its data. */
export type RuleReport = ({ message: string } | { messageId: string; data?: Record<string, string | number> }) & {
  /** Defaults to the statement being visited (at `end`: the file's last statement). */
  range?: Range;
};

/** What `create` receives: the file's options and statements, and `report`. */
export interface RuleContext {
  readonly options: LintOptions;
  /** All statements of the file, in order (top-level and embedded). */
  readonly statements: readonly Statement[];
  report(this: void, report: RuleReport): void;
}

/** A handler for one statement kind: its typed node, the statement, and where it stands. */
export type StatementHandler<K extends StatementKind> = (node: NodeOf<K>, statement: StatementOf<K>, context: LintContext) => void;

/** What `create` returns: handlers by statement kind, `*` for every statement, `end` after the last. */
export type Visitor = { [K in StatementKind]?: StatementHandler<K> } & {
  /** Every statement that runs now, after the handler for its kind. */
  '*'?: (statement: Statement, context: LintContext) => void;
  /** Once after the file's last statement (e.g. a transaction left open). */
  end?: (context: LintContext) => void;
};

/** What a SQLite rule's `create` receives. */
export interface SqliteRuleContext {
  readonly options: SqliteLintOptions;
  readonly statements: readonly SqliteStatement[];
  report(this: void, report: RuleReport): void;
}

/** A SQLite rule's handlers, keyed by sql-parser-cst statement type (`alter_table_stmt`). */
export type SqliteVisitor = {
  [K in CstStatement['type']]?: (node: Extract<CstStatement, { type: K }>, statement: SqliteStatement, context: SqliteLintContext) => void;
} & {
  '*'?: (statement: SqliteStatement, context: SqliteLintContext) => void;
  end?: (context: SqliteLintContext) => void;
};

/** A registry entry: a lint check (`create`, or `createSqlite` for SQLite), or a diagnostic raised elsewhere (neither). */
export interface Rule {
  readonly meta: RuleMeta;
  /** Called once per file; pure: no I/O, never throws on user input. */
  readonly create?: (context: RuleContext) => Visitor;
  /** The same for a SQLite rule (meta.dialect `sqlite`). */
  readonly createSqlite?: (context: SqliteRuleContext) => SqliteVisitor;
}

/** A lint rule: `create` returns a visitor keyed by statement kind. */
export function defineRule(rule: { meta: RuleMeta; create(context: RuleContext): Visitor }): Rule {
  return rule;
}

/** A SQLite lint rule: `create` returns a visitor keyed by sql-parser-cst statement type. */
export function defineSqliteRule(rule: { meta: Omit<RuleMeta, 'dialect'>; create(context: SqliteRuleContext): SqliteVisitor }): Rule {
  return { meta: { ...rule.meta, dialect: 'sqlite' }, createSqlite: (context) => rule.create(context) };
}

/** The dialect a rule checks. */
export function dialectOf(rule: Rule): Dialect {
  return rule.meta.dialect ?? 'postgres';
}

/** A diagnostic raised by verify, the history check or the engine itself: docs, severity and help only. */
export function defineDiagnostic(meta: RuleMeta & { stage: Exclude<RuleStage, 'lint'> }): Rule {
  return { meta };
}

/** The message a report carries: its text, or its template filled from `data`. */
export function reportMessage(meta: RuleMeta, report: RuleReport): string {
  if ('message' in report) return report.message;
  const template = meta.messages?.[report.messageId];
  if (template === undefined) throw new Error(`rule ${meta.id} has no message "${report.messageId}"`);
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => {
    const value = report.data?.[name];
    return value === undefined ? whole : String(value);
  });
}
