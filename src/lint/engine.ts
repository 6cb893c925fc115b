// Runs every enabled rule over one migration file's statements, advancing the
// LintContext as it goes, and turns reports into Findings (suppressions applied).

import type { Finding, ParseProblem, Range, Rule, Severity, SqlSource, Statement } from '../types';
import { parseSql } from '../sql/parse';
import { as, bareName } from '../sql/ast';
import type { LintContext, LintOptions } from './context';
import { accessExclusiveTables } from './locks';
import { parseSuppressions, type Suppression } from './suppressions';

/** A rule with the severity the configuration gives it. */
export interface EnabledRule {
  rule: Rule;
  severity: Severity;
}

export interface LintFileInput {
  source: SqlSource;
  /** The framework runs this file in a transaction. */
  transactional?: boolean;
  /** Migration id for the findings. */
  migration?: string;
}

export const DEFAULT_LINT_OPTIONS: LintOptions = { pgVersion: 15, assumeInTransaction: false };

/** Maps an ignore-comment id (ours or squawk's) to our rule ids. */
export function makeIdResolver(allRules: readonly Rule[]) {
  const ours = new Set(allRules.map((r) => r.meta.id));
  const squawk = new Map<string, string[]>();
  for (const r of allRules) {
    for (const s of r.meta.squawk ?? []) squawk.set(s, [...(squawk.get(s) ?? []), r.meta.id]);
  }
  return (tool: 'migration-guard' | 'squawk', id: string): string[] | undefined => {
    if (ours.has(id)) return [id];
    if (tool === 'squawk' || squawk.has(id)) return squawk.get(id);
    return undefined;
  };
}

const PROBLEM_RULE: Record<ParseProblem['kind'], string> = {
  'syntax-error': 'syntax-error',
  'meta-command': 'skipped-statement',
  placeholder: 'skipped-statement',
  unreadable: 'unreadable-file',
};

/**
 * Lint one SQL source. `allRules` is the full registry (for resolving ignore
 * comments); `enabled` the rules that run, with their configured severity.
 */
export function lintSource(
  input: LintFileInput,
  enabled: readonly EnabledRule[],
  allRules: readonly Rule[],
  options: LintOptions = DEFAULT_LINT_OPTIONS,
): Finding[] {
  const { source } = input;
  const parsed = parseSql(source);
  const suppressions = parseSuppressions(source, makeIdResolver(allRules));
  const severityOf = new Map(enabled.map((e) => [e.rule.meta.id, e.severity]));
  const raw: Finding[] = [];
  const add = (rule: string, range: Range, message: string, help: string) => {
    const severity = severityOf.get(rule);
    if (!severity) return;
    raw.push({ rule, severity, file: source.file, ...range, message, help, ...(input.migration ? { migration: input.migration } : {}) });
  };

  for (const p of parsed.problems) {
    const rule = PROBLEM_RULE[p.kind];
    const meta = allRules.find((r) => r.meta.id === rule)?.meta;
    add(rule, p.range, p.message, meta?.fix ?? '');
  }

  const walker = new ContextWalker(parsed.statements, options, input.transactional ?? false);
  const statementOfFinding: (Statement | undefined)[] = [];
  for (let i = 0; i < parsed.statements.length; i++) {
    const statement = parsed.statements[i]!;
    const ctx = walker.before(i);
    for (const e of enabled) {
      const rule = e.rule;
      try {
        rule.check(statement, ctx, (r) => {
          add(rule.meta.id, r.range ?? statement.range, r.message, rule.meta.fix);
          statementOfFinding[raw.length - 1] = statement;
        });
      } catch (err) {
        add('internal-error', statement.range, `rule ${rule.meta.id} failed on this statement: ${(err as Error).message}`, '');
      }
    }
    walker.after(i);
  }
  const end = walker.before(parsed.statements.length);
  for (const e of enabled) {
    e.rule.finish?.(end, (r) => add(e.rule.meta.id, r.range ?? lastRange(parsed.statements, source), r.message, e.rule.meta.fix));
  }

  const kept = applySuppressions(raw, statementOfFinding, parsed.statements, suppressions);
  for (const s of suppressions) {
    const range = { line: s.line, column: s.column, endLine: s.line, endColumn: s.endColumn };
    for (const id of s.unknown) add('unused-suppression', range, `unknown rule id "${id}" in ignore comment`, '');
    if (s.rules.length === 0 && s.scope === 'statement') add('unused-suppression', range, 'ignore comment names no rule', '');
    else if (!s.used) add('unused-suppression', range, `ignore comment suppresses nothing${s.rules.length ? ` (${s.rules.join(', ')})` : ''}`, '');
  }
  // unused-suppression findings added above are not themselves suppressible.
  const extra = raw.slice(kept.rawLength);
  return [...kept.findings, ...extra].sort((a, b) => a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule));
}

function lastRange(statements: Statement[], source: SqlSource): Range {
  const last = statements[statements.length - 1];
  if (last) return last.range;
  return { line: source.firstLine, column: 1, endLine: source.firstLine, endColumn: 1 };
}

function applySuppressions(
  raw: Finding[],
  statementOf: (Statement | undefined)[],
  statements: Statement[],
  suppressions: Suppression[],
): { findings: Finding[]; rawLength: number } {
  const rawLength = raw.length;
  if (suppressions.length === 0) return { findings: raw.slice(), rawLength };
  // Each statement-scoped comment covers the first statement starting after it.
  const target = new Map<Suppression, Statement | undefined>();
  for (const s of suppressions) {
    if (s.scope === 'statement') target.set(s, statements.find((st) => st.range.line > s.line || (st.range.line === s.line && st.range.column > s.column)));
  }
  const findings = raw.filter((f, i) => {
    const st = statementOf[i];
    for (const s of suppressions) {
      const covers =
        s.scope === 'file'
          ? s.rules.length === 0 || s.rules.includes(f.rule)
          : s.rules.includes(f.rule) &&
            ((st && target.get(s) === st) || (!st && target.get(s) && f.line >= target.get(s)!.range.line && f.line <= target.get(s)!.range.endLine));
      if (covers) {
        s.used = true;
        s.usedIds.add(f.rule);
        return false;
      }
    }
    return true;
  });
  return { findings, rawLength };
}

/** Builds the LintContext for each statement, tracking transactions, created objects and timeouts. */
class ContextWalker {
  private depth = 0;
  private createdTables = new Set<string>();
  private createdIndexes = new Set<string>();
  private createdObjects = new Set<string>();
  private lockTimeout = false;
  private statementTimeout = false;
  private held = new Map<string, number>();
  private notNullChecks = new Set<string>();
  private notValid = new Set<string>();

  constructor(
    private readonly statements: Statement[],
    private readonly options: LintOptions,
    private readonly frameworkTransaction: boolean,
  ) {}

  private inTransaction(): boolean {
    return this.depth > 0 || this.frameworkTransaction || this.options.assumeInTransaction;
  }

  before(index: number): LintContext {
    const createdTables = new Set(this.createdTables);
    const createdIndexes = new Set(this.createdIndexes);
    const createdObjects = new Set(this.createdObjects);
    return {
      options: this.options,
      pgVersion: this.options.pgVersion,
      statements: this.statements,
      index,
      inTransaction: this.inTransaction(),
      explicitTransactionDepth: this.depth,
      frameworkTransaction: this.frameworkTransaction || this.options.assumeInTransaction,
      createdTables,
      createdIndexes,
      createdObjects,
      lockTimeoutSet: this.lockTimeout,
      statementTimeoutSet: this.statementTimeout,
      accessExclusiveHeld: new Map(this.held),
      notNullChecks: new Set(this.notNullChecks),
      notValidInTransaction: new Set(this.notValid),
      isNew: (name) => !!name && (createdTables.has(bareName(name)) || createdIndexes.has(bareName(name)) || createdObjects.has(bareName(name))),
    };
  }

  /** Record what the statement at `index` changed. */
  after(index: number): void {
    const st = this.statements[index]!;
    const n = st.node;
    switch (st.kind) {
      case 'TransactionStmt':
        if (n.kind === 'TRANS_STMT_BEGIN' || n.kind === 'TRANS_STMT_START') this.depth++;
        else if (['TRANS_STMT_COMMIT', 'TRANS_STMT_ROLLBACK', 'TRANS_STMT_PREPARE', 'TRANS_STMT_COMMIT_PREPARED'].includes(n.kind)) {
          this.depth = Math.max(0, this.depth - 1);
          this.endTransaction();
        }
        return;
      case 'CreateStmt':
      case 'CreateTableAsStmt': {
        const rv = n.relation ?? n.into?.rel;
        if (rv?.relname) this.createdTables.add(rv.relname.toLowerCase());
        for (const el of n.tableElts ?? []) this.recordCheck(rv?.relname, as(el, 'Constraint'));
        break;
      }
      case 'IndexStmt':
        if (n.idxname) this.createdIndexes.add(n.idxname.toLowerCase());
        break;
      case 'ViewStmt':
        if (n.view?.relname) this.createdObjects.add(n.view.relname.toLowerCase());
        break;
      case 'CreateSeqStmt':
        if (n.sequence?.relname) this.createdObjects.add(n.sequence.relname.toLowerCase());
        break;
      case 'VariableSetStmt': {
        const name = String(n.name ?? '').toLowerCase();
        const off = n.kind === 'VAR_RESET' || n.kind === 'VAR_SET_DEFAULT' || isZero(n.args);
        if (name === 'lock_timeout') this.lockTimeout = !off;
        if (name === 'statement_timeout') this.statementTimeout = !off;
        if (n.kind === 'VAR_RESET_ALL') this.lockTimeout = this.statementTimeout = false;
        break;
      }
      case 'AlterTableStmt':
        for (const c of n.cmds ?? []) {
          const con = c.AlterTableCmd?.def?.Constraint;
          if (c.AlterTableCmd?.subtype === 'AT_AddConstraint' && con) {
            this.recordCheck(n.relation?.relname, con);
            if (con.skip_validation && con.conname && this.inTransaction()) this.notValid.add(`${bareName(n.relation?.relname)}.${con.conname.toLowerCase()}`);
          }
        }
        break;
    }
    if (this.inTransaction()) {
      for (const t of accessExclusiveTables(st)) {
        if (!this.createdTables.has(bareName(t)) && !this.held.has(bareName(t))) this.held.set(bareName(t), st.range.line);
      }
    }
  }

  private endTransaction(): void {
    this.held.clear();
    this.notValid.clear();
  }

  /** Remember validated `CHECK (col IS NOT NULL)` constraints (they let SET NOT NULL skip the scan, PG 12+). */
  private recordCheck(table: string | undefined, con: any): void {
    if (!table || con?.contype !== 'CONSTR_CHECK' || con.skip_validation) return;
    const test = con.raw_expr?.NullTest;
    if (test?.nulltesttype !== 'IS_NOT_NULL') return;
    const col = test.arg?.ColumnRef?.fields?.map((f: any) => f.String?.sval).pop();
    if (col) this.notNullChecks.add(`${bareName(table)}.${String(col).toLowerCase()}`);
  }
}

function isZero(args: any[] | undefined): boolean {
  const c = args?.[0]?.A_Const;
  if (!c) return false;
  if (c.ival !== undefined) return (c.ival.ival ?? 0) === 0;
  if (c.sval) return /^\s*0\s*(ms|s|min)?\s*$/i.test(c.sval.sval ?? '');
  return false;
}
