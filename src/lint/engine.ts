// Runs every enabled rule over one migration file's statements, advancing the
// LintContext as it goes, and turns reports into Findings (suppressions applied).
// Nothing here throws on user input: parse problems become findings, a rule that
// throws becomes an `internal-error` finding and the other rules still run.

import type { Finding, ParseProblem, Range, Rule, RuleReport, Severity, SqlSource, Statement } from '../types';
import { parseSql, placeholderIdentifier, type ParsedFile, type Placeholder } from '../sql/parse';
import { as, bareName, walk } from '../sql/ast';
import type { LintContext, LintOptions } from './context';
import { accessExclusiveTables } from './locks';
import { createdObjects, seedNames, type CreatedObjects } from './created';
import { parseSuppressions, suppresses, targetSpan, type IgnoreTool, type Suppression } from './suppressions';
import { impactOf, type StatementImpact } from '../stats/impact';

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
export function lintSource(
  input: LintFileInput,
  enabled: readonly EnabledRule[],
  allRules: readonly Rule[],
  options: LintOptions = DEFAULT_LINT_OPTIONS,
): Finding[] {
  return lintFile(input, enabled, allRules, options).findings;
}

/** lintSource, also returning what the file created (pass it as `createdByUp` when linting the migration's down). */
export function lintFile(
  input: LintFileInput,
  enabled: readonly EnabledRule[],
  allRules: readonly Rule[],
  options: LintOptions = DEFAULT_LINT_OPTIONS,
): LintFileResult {
  const { source } = input;
  const severityOf = new Map(enabled.map((e) => [e.rule.meta.id, e.severity]));
  const metaOf = new Map(allRules.map((r) => [r.meta.id, r.meta]));
  const raw: Finding[] = [];
  const add = (rule: string, range: Range, message: string, statement?: Statement) => {
    const severity = severityOf.get(rule);
    if (!severity) return;
    const help = metaOf.get(rule)?.fix ?? '';
    // Captured framework SQL is not in the file the finding points at: carry the statement itself.
    const sql = source.lineMap && statement ? { statement: statement.sql } : {};
    raw.push({ rule, severity, file: source.file, ...range, message, help, ...(input.migration ? { migration: input.migration } : {}), ...sql });
  };
  const startRange: Range = { line: source.firstLine, column: 1, endLine: source.firstLine, endColumn: 1 };

  let parsed: ParsedFile;
  try {
    parsed = parseSql(source);
  } catch (err) {
    add('internal-error', startRange, `the parser failed on this file: ${(err as Error)?.message ?? err}`);
    return { findings: raw, created: input.createdByUp ?? { creations: [] } };
  }

  for (const p of parsed.problems) add(PROBLEM_RULE[p.kind], p.range, p.message);

  const statements = parsed.statements;
  const runsNow = calledBodies(statements);
  const oneQuery = !!input.sentAsOneQuery && statements.filter((st) => !st.embedded).length > 1;
  const walker = new ContextWalker(statements, options, input.transactional ?? false, runsNow, oneQuery, input.createdByUp);
  const lintRules = enabled.filter((e) => (e.rule.meta.stage ?? 'lint') === 'lint');
  // One reporter per rule for the whole file (not a closure per rule and statement: ~450k on the corpus).
  let current: Statement | undefined;
  const impacts: StatementImpact[] | undefined = input.collectImpacts ? [] : undefined;
  const reporters = lintRules.map(({ rule }) => (r: RuleReport) => add(rule.meta.id, r.range ?? current!.range, r.message, current));
  for (let i = 0; i < statements.length; i++) {
    const statement = (current = statements[i]!);
    const ctx = walker.before(i);
    for (let k = 0; k < lintRules.length; k++) {
      const { rule } = lintRules[k]!;
      if (!ctx.runsDuringMigration && !rule.meta.lintsFunctionBodies) continue;
      try {
        rule.check(statement, ctx, reporters[k]!);
      } catch (err) {
        add('internal-error', statement.range, `rule ${rule.meta.id} failed on this statement: ${(err as Error)?.message ?? err}`);
      }
    }
    if (impacts && ctx.runsDuringMigration) {
      const impact = impactOf(statement, ctx);
      if (impact) impacts.push(impact);
    }
    walker.after(i);
  }
  const end = walker.before(statements.length);
  for (const { rule } of lintRules) {
    if (!rule.finish) continue;
    try {
      rule.finish(end, (r) => add(rule.meta.id, r.range ?? lastRange(statements, startRange), r.message));
    } catch (err) {
      add('internal-error', lastRange(statements, startRange), `rule ${rule.meta.id} failed at the end of the file: ${(err as Error)?.message ?? err}`);
    }
  }

  const suppressions = parseSuppressions(parsed.comments, makeIdResolver(allRules));
  const kept = applySuppressions(raw, suppressions, parsed.spans);
  const before = raw.length;
  reportUnused(suppressions, parsed.spans, severityOf, add);
  const unused = raw.slice(before); // not themselves suppressible
  // Rule ids are kebab-case ASCII, where code-point order is localeCompare's order; localeCompare's
  // first call loads ICU's collator, ~15 ms of CPU at every start.
  const findings = [...kept, ...unused].sort((a, b) => a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
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
    .map(([length, texts]) => [placeholderIdentifier(length), [...texts][0]!] as const);
  for (const f of findings) {
    if (!f.message.includes('tpl_')) continue;
    for (const [id, text] of swaps) f.message = f.message.split(id).join(text);
  }
}

/**
 * Indexes of statements inside the body of a function that this same file also
 * calls (`SELECT f()`, `CALL p()`, `PERFORM f()` in a DO block): a helper created,
 * run and dropped by the migration runs during the migration after all, so
 * every rule checks its body (in the context of its definition).
 */
function calledBodies(statements: readonly Statement[]): Set<number> {
  const out = new Set<number>();
  const bodies = new Map<string, number[]>();
  let parentName = '';
  statements.forEach((st, i) => {
    if (!st.embedded) {
      parentName = st.kind === 'CreateFunctionStmt' ? bareName((st.node.funcname ?? []).map((n: any) => n?.String?.sval).join('.')) : '';
    } else if (st.embedded.in === 'function' && parentName) {
      bodies.set(parentName, [...(bodies.get(parentName) ?? []), i]);
    }
  });
  if (bodies.size === 0) return out;
  for (const st of statements) {
    if (st.embedded?.in === 'function' || st.kind === 'CreateFunctionStmt') continue;
    const sql = st.sql.toLowerCase();
    if (![...bodies.keys()].some((name) => sql.includes(name))) continue;
    const called = (fn: any) => {
      const name = bareName((fn?.funcname ?? []).map((n: any) => n?.String?.sval).join('.'));
      for (const i of bodies.get(name) ?? []) out.add(i);
    };
    if (st.kind === 'CallStmt') called(st.node.funccall); // a typed field: not wrapped as { FuncCall }
    walk(st.node, (kind, body) => {
      if (kind === 'FuncCall') called(body);
    });
  }
  return out;
}

function lastRange(statements: Statement[], fallback: Range): Range {
  for (let i = statements.length - 1; i >= 0; i--) if (!statements[i]!.embedded) return statements[i]!.range;
  return fallback;
}

function applySuppressions(raw: Finding[], suppressions: Suppression[], spans: Range[]): Finding[] {
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
function reportUnused(
  suppressions: Suppression[],
  spans: Range[],
  severityOf: Map<string, Severity>,
  add: (rule: string, range: Range, message: string) => void,
): void {
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

/** A timeout setting as the session sees it: a session value, possibly overridden until the transaction ends. */
class Setting {
  session: Statement | undefined;
  /** undefined: no SET LOCAL in this transaction; null: SET LOCAL to 0/default. */
  local: Statement | null | undefined;
  get value(): Statement | undefined {
    return this.local === undefined ? this.session : (this.local ?? undefined);
  }
  set(on: Statement | undefined, isLocal: boolean, inTransaction: boolean): void {
    if (isLocal) {
      if (inTransaction) this.local = on ?? null; // outside a transaction SET LOCAL has no effect
    } else {
      this.session = on;
      this.local = undefined;
    }
  }
}

const TRANSACTION_ENDS = new Set(['TRANS_STMT_COMMIT', 'TRANS_STMT_ROLLBACK', 'TRANS_STMT_PREPARE']);

/**
 * Builds the LintContext for each statement. Models what Postgres does:
 * - a transaction is open from BEGIN (or from the start, when the framework wraps
 *   the file) to COMMIT/ROLLBACK/PREPARE TRANSACTION; a second BEGIN is ignored;
 *   `COMMIT AND CHAIN` starts the next one at once;
 * - outside one, every top-level statement is its own transaction; a DO block's
 *   statements share the DO's;
 * - statements in function bodies run later, so they change nothing here;
 * - SET LOCAL lasts to the end of the transaction, and does nothing outside one.
 * Sets are copied on write, so handing a context to every statement costs nothing.
 */
class ContextWalker {
  private txOpen: boolean;
  private explicitStart: Statement | undefined;
  private createdTables = new Set<string>();
  private createdIndexes = new Set<string>();
  private createdObjects = new Set<string>();
  private lockTimeout = new Setting();
  private statementTimeout = new Setting();
  private held = new Map<string, number>();
  private notNullChecks = new Set<string>();
  private notValid = new Set<string>();
  private readonly onceKeys = new Set<string>();
  /** The last statement processed ran in an implicit (DO block) transaction that ends at the next top-level statement. */
  private implicitOpen = false;

  constructor(
    private readonly statements: Statement[],
    private readonly options: LintOptions,
    private readonly frameworkTransaction: boolean,
    /** Function-body statements that run during the migration (the file calls the function). */
    private readonly calledBodies: ReadonlySet<number> = new Set(),
    /** The file is one multi-statement query: an implicit transaction block from start to end. */
    private readonly oneQuery = false,
    /** What an earlier file of the migration created (a down's up): new here too. */
    private readonly createdEarlier?: CreatedObjects,
  ) {
    this.txOpen = frameworkTransaction || options.assumeInTransaction || oneQuery;
    const seed = seedNames(createdEarlier);
    for (const t of seed.tables) this.createdTables.add(t);
    for (const i of seed.indexes) this.createdIndexes.add(i);
    for (const o of seed.objects) this.createdObjects.add(o);
  }

  private inTransaction(st: Statement | undefined): boolean {
    return st?.embedded ? true : this.txOpen;
  }

  before(index: number): LintContext {
    const st = this.statements[index];
    if ((!st || !st.embedded) && this.implicitOpen) {
      this.implicitOpen = false;
      if (!this.txOpen) this.endTransaction();
    }
    const createdTables = this.createdTables;
    const createdIndexes = this.createdIndexes;
    const createdObjects = this.createdObjects;
    const onceKeys = this.onceKeys;
    const runs = st?.embedded?.in !== 'function' || this.calledBodies.has(index);
    const lock = this.lockTimeout.value;
    return {
      options: this.options,
      pgVersion: this.options.pgVersion,
      statements: this.statements,
      index,
      inTransaction: this.inTransaction(st),
      explicitTransactionDepth: this.explicitStart && this.txOpen ? 1 : 0,
      explicitTransactionStart: this.txOpen ? this.explicitStart : undefined,
      frameworkTransaction: this.frameworkTransaction || this.options.assumeInTransaction,
      implicitTransactionBlock: this.oneQuery,
      createdTables,
      createdIndexes,
      createdObjects,
      lockTimeoutSet: runs && !!lock,
      lockTimeoutStatement: runs ? lock : undefined,
      statementTimeoutSet: runs && !!this.statementTimeout.value,
      accessExclusiveHeld: runs ? this.held : new Map(),
      notNullChecks: this.notNullChecks,
      notValidInTransaction: this.notValid,
      runsDuringMigration: runs,
      ...(this.createdEarlier ? { createdEarlier: this.createdEarlier } : {}),
      isNew: (name) => {
        if (!name) return false;
        const b = bareName(name);
        return createdTables.has(b) || createdIndexes.has(b) || createdObjects.has(b);
      },
      once: (key) => {
        if (onceKeys.has(key)) return false;
        onceKeys.add(key);
        return true;
      },
    };
  }

  /** Record what the statement at `index` changed. */
  after(index: number): void {
    const st = this.statements[index]!;
    // Runs when the function is called, not here: even for a function the file calls,
    // its effects are not tracked (where the call happens is not modelled).
    if (st.embedded?.in === 'function') return;
    if (st.embedded) this.implicitOpen = !this.txOpen;
    const inTx = this.inTransaction(st);
    const n = st.node;
    switch (st.kind) {
      case 'TransactionStmt':
        if (st.embedded) break;
        if (n.kind === 'TRANS_STMT_BEGIN' || n.kind === 'TRANS_STMT_START') {
          // In a multi-statement query BEGIN turns the implicit block into an explicit one.
          const implicitOnly = this.oneQuery && !this.explicitStart && !this.frameworkTransaction && !this.options.assumeInTransaction;
          if (!this.txOpen || implicitOnly) {
            this.txOpen = true;
            this.explicitStart = st;
          }
        } else if (TRANSACTION_ENDS.has(n.kind)) {
          this.endTransaction();
          this.explicitStart = undefined;
          if (n.chain && n.kind !== 'TRANS_STMT_PREPARE') return; // AND CHAIN: a new transaction, same characteristics
          this.txOpen = this.oneQuery; // the rest of a multi-statement query is a new implicit block
        }
        return;
      case 'CreateStmt':
      case 'CreateTableAsStmt':
      case 'CreateForeignTableStmt': {
        const rv = n.relation ?? n.into?.rel ?? n.base?.relation;
        this.addTo('createdTables', rv?.relname);
        for (const el of n.tableElts ?? n.base?.tableElts ?? []) this.recordCheck(rv?.relname, as(el, 'Constraint'));
        break;
      }
      case 'SelectStmt':
        if (n.intoClause?.rel?.relname) this.addTo('createdTables', n.intoClause.rel.relname); // SELECT … INTO new_table
        if (st.sql.toLowerCase().includes('set_config')) this.recordSetConfig(st, inTx);
        break;
      case 'IndexStmt':
        this.addTo('createdIndexes', n.idxname);
        break;
      case 'ViewStmt':
        this.addTo('createdObjects', n.view?.relname);
        break;
      case 'CreateSeqStmt':
        this.addTo('createdObjects', n.sequence?.relname);
        break;
      case 'CreateEnumStmt':
      case 'CreateRangeStmt':
        this.addTo('createdObjects', bareName((n.typeName ?? []).map((x: any) => x?.String?.sval).join('.')));
        break;
      case 'CompositeTypeStmt':
        this.addTo('createdObjects', n.typevar?.relname);
        break;
      case 'CreateDomainStmt':
        this.addTo('createdObjects', bareName((n.domainname ?? []).map((x: any) => x?.String?.sval).join('.')));
        break;
      case 'RenameStmt': {
        // A new table renamed stays new under its new name.
        const old = bareName(n.relation?.relname);
        if (['OBJECT_TABLE', 'OBJECT_MATVIEW', 'OBJECT_FOREIGN_TABLE'].includes(n.renameType) && this.createdTables.has(old)) this.addTo('createdTables', n.newname);
        if (n.renameType === 'OBJECT_INDEX' && this.createdIndexes.has(old)) this.addTo('createdIndexes', n.newname);
        if ((n.renameType === 'OBJECT_VIEW' || n.renameType === 'OBJECT_SEQUENCE') && this.createdObjects.has(old)) this.addTo('createdObjects', n.newname);
        break;
      }
      case 'VariableSetStmt': {
        const name = String(n.name ?? '').toLowerCase();
        if (n.kind === 'VAR_RESET_ALL') {
          this.lockTimeout.set(undefined, false, inTx);
          this.statementTimeout.set(undefined, false, inTx);
          break;
        }
        const off = n.kind === 'VAR_RESET' || n.kind === 'VAR_SET_DEFAULT' || isZero(n.args);
        const setting = name === 'lock_timeout' ? this.lockTimeout : name === 'statement_timeout' ? this.statementTimeout : undefined;
        setting?.set(off ? undefined : st, !!n.is_local, inTx);
        break;
      }
      case 'AlterTableStmt':
        for (const c of n.cmds ?? []) {
          const con = c.AlterTableCmd?.def?.Constraint;
          if (c.AlterTableCmd?.subtype === 'AT_AddConstraint' && con) {
            this.recordCheck(n.relation?.relname, con);
            if (con.skip_validation && con.conname && inTx) this.notValid = new Set(this.notValid).add(`${bareName(n.relation?.relname)}.${con.conname.toLowerCase()}`);
          }
        }
        break;
    }
    if (inTx) {
      for (const t of accessExclusiveTables(st)) {
        const b = bareName(t);
        if (!this.createdTables.has(b) && !this.held.has(b)) this.held = new Map(this.held).set(b, st.range.line);
      }
    } else {
      this.endTransaction(); // autocommit: the statement's own transaction ends with it
    }
  }

  private addTo(set: 'createdTables' | 'createdIndexes' | 'createdObjects', name: string | undefined | null): void {
    const b = bareName(name);
    if (b && !this[set].has(b)) this[set] = new Set(this[set]).add(b);
  }

  private endTransaction(): void {
    if (this.held.size) this.held = new Map();
    if (this.notValid.size) this.notValid = new Set();
    this.lockTimeout.local = undefined;
    this.statementTimeout.local = undefined;
  }

  /** `SELECT set_config('lock_timeout', '5s', is_local)` works like SET [LOCAL]. */
  private recordSetConfig(st: Statement, inTx: boolean): void {
    walk(st.node, (kind, body) => {
      if (kind !== 'FuncCall') return;
      const fn = (body.funcname ?? []).map((x: any) => x?.String?.sval).pop();
      const [name, value, local] = body.args ?? [];
      if (fn !== 'set_config' || !name?.A_Const?.sval) return;
      const setting = name.A_Const.sval.sval === 'lock_timeout' ? this.lockTimeout : name.A_Const.sval.sval === 'statement_timeout' ? this.statementTimeout : undefined;
      if (!setting || !value?.A_Const) return;
      const off = isZero([value]);
      setting.set(off ? undefined : st, local?.A_Const?.boolval?.boolval === true, inTx);
    });
  }

  /** Remember validated `CHECK (col IS NOT NULL)` constraints (they let SET NOT NULL skip the scan, PG 12+). */
  private recordCheck(table: string | undefined, con: any): void {
    if (!table || con?.contype !== 'CONSTR_CHECK' || con.skip_validation) return;
    const test = con.raw_expr?.NullTest;
    if (test?.nulltesttype !== 'IS_NOT_NULL') return;
    const col = test.arg?.ColumnRef?.fields?.map((f: any) => f.String?.sval).pop();
    if (col) this.notNullChecks = new Set(this.notNullChecks).add(`${bareName(table)}.${String(col).toLowerCase()}`);
  }
}

function isZero(args: any[] | undefined): boolean {
  const c = args?.[0]?.A_Const;
  if (!c) return false;
  if (c.ival !== undefined) return (c.ival.ival ?? 0) === 0;
  if (c.sval) return /^\s*0+\s*(us|ms|s|min|h|d)?\s*$/i.test(c.sval.sval ?? '');
  return false;
}
