// The LintContext for each statement of a file: transactions as Postgres runs them,
// session settings (lock_timeout, statement_timeout), locks held, NOT NULL proofs and
// NOT VALID constraints. The engine calls before(i) / after(i) around each statement.

import type { Statement } from '../types';
import type { Node, pg } from '../sql/nodes';
import { alterCommands, as, bareName, nodesOf, str } from '../sql/ast';
import type { LintContext, LintOptions } from './context';
import { blocksWrites, tableLocks, type LockMode } from './locks';
import { creationsByStatement, seedNames, type CreatedObjects } from './created';

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
export class ContextWalker {
  private txOpen: boolean;
  private explicitStart: Statement | undefined;
  private createdTables = new Set<string>();
  private createdIndexes = new Set<string>();
  private createdObjects = new Set<string>();
  private lockTimeout = new Setting();
  private statementTimeout = new Setting();
  private held = new Map<string, number>();
  /** Tables held in SHARE, SHARE ROW EXCLUSIVE or EXCLUSIVE (blocking writes, not reads) in the open transaction. */
  private writesBlocked = new Map<string, { line: number; mode: LockMode }>();
  private notNullChecks = new Set<string>();
  private notValid = new Set<string>();
  private readonly onceKeys = new Set<string>();
  /** What each statement creates (created.ts: the one record of creations). */
  private readonly creations: ReturnType<typeof creationsByStatement>;
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
    this.creations = creationsByStatement(statements, createdEarlier);
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
      writeBlockingHeld: runs ? this.writesBlocked : new Map(),
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
    const st = this.statements[index];
    // Runs when the function is called, not here: even for a function the file calls,
    // its effects are not tracked (where the call happens is not modelled).
    if (st.embedded?.in === 'function') return;
    if (st.embedded) this.implicitOpen = !this.txOpen;
    const inTx = this.inTransaction(st);
    for (const c of this.creations.get(index) ?? []) {
      if (c.kind === 'table') this.addTo('createdTables', c.key);
      else if (c.kind === 'index') this.addTo('createdIndexes', c.key);
      else if (c.kind === 'view' || c.kind === 'sequence' || c.kind === 'type') this.addTo('createdObjects', c.key);
    }
    switch (st.kind) {
      case 'TransactionStmt':
        if (st.embedded) break;
        if (st.node.kind === 'TRANS_STMT_BEGIN' || st.node.kind === 'TRANS_STMT_START') {
          // In a multi-statement query BEGIN turns the implicit block into an explicit one.
          const implicitOnly = this.oneQuery && !this.explicitStart && !this.frameworkTransaction && !this.options.assumeInTransaction;
          if (!this.txOpen || implicitOnly) {
            this.txOpen = true;
            this.explicitStart = st;
          }
        } else if (TRANSACTION_ENDS.has(st.node.kind ?? '')) {
          this.endTransaction();
          this.explicitStart = undefined;
          if (st.node.chain && st.node.kind !== 'TRANS_STMT_PREPARE') return; // AND CHAIN: a new transaction, same characteristics
          this.txOpen = this.oneQuery; // the rest of a multi-statement query is a new implicit block
        }
        return;
      case 'CreateStmt':
        for (const el of st.node.tableElts ?? []) this.recordCheck(st.node.relation?.relname, as(el, 'Constraint'));
        break;
      case 'CreateForeignTableStmt':
        for (const el of st.node.base?.tableElts ?? []) this.recordCheck(st.node.base?.relation?.relname, as(el, 'Constraint'));
        break;
      case 'SelectStmt':
        if (st.sql.toLowerCase().includes('set_config')) this.recordSetConfig(st.node, st, inTx);
        break;
      case 'VariableSetStmt': {
        const name = String(st.node.name ?? '').toLowerCase();
        if (st.node.kind === 'VAR_RESET_ALL') {
          this.lockTimeout.set(undefined, false, inTx);
          this.statementTimeout.set(undefined, false, inTx);
          break;
        }
        const off = st.node.kind === 'VAR_RESET' || st.node.kind === 'VAR_SET_DEFAULT' || isZero(st.node.args);
        const setting = name === 'lock_timeout' ? this.lockTimeout : name === 'statement_timeout' ? this.statementTimeout : undefined;
        setting?.set(off ? undefined : st, !!st.node.is_local, inTx);
        break;
      }
      case 'AlterTableStmt':
        for (const c of alterCommands(st.node)) {
          const con = as(c.def, 'Constraint');
          if (c.subtype === 'AT_AddConstraint' && con) {
            this.recordCheck(st.node.relation?.relname, con);
            if (con.skip_validation && con.conname && inTx) this.notValid = new Set(this.notValid).add(`${bareName(st.node.relation?.relname)}.${con.conname.toLowerCase()}`);
          }
        }
        break;
    }
    if (inTx) {
      // One reading of the statement's locks: ACCESS EXCLUSIVE ones held, and the weaker ones that still block writes.
      for (const l of tableLocks(st)) {
        const b = bareName(l.relation);
        if (l.kind !== 'table' || !blocksWrites(l.mode) || this.createdTables.has(b)) continue;
        if (l.mode === 'AccessExclusive') {
          if (!this.held.has(b)) this.held = new Map(this.held).set(b, st.range.line);
        } else if (!this.writesBlocked.has(b)) this.writesBlocked = new Map(this.writesBlocked).set(b, { line: st.range.line, mode: l.mode });
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
    if (this.writesBlocked.size) this.writesBlocked = new Map();
    if (this.notValid.size) this.notValid = new Set();
    this.lockTimeout.local = undefined;
    this.statementTimeout.local = undefined;
  }

  /** `SELECT set_config('lock_timeout', '5s', is_local)` works like SET [LOCAL]. */
  private recordSetConfig(node: pg.SelectStmt, st: Statement, inTx: boolean): void {
    for (const call of nodesOf(node, 'FuncCall')) {
      const [name, value, local] = call.args ?? [];
      const setting_ = as(name, 'A_Const')?.sval?.sval;
      if (str(call.funcname?.at(-1)) !== 'set_config' || setting_ === undefined) continue;
      const setting = setting_ === 'lock_timeout' ? this.lockTimeout : setting_ === 'statement_timeout' ? this.statementTimeout : undefined;
      if (!setting || !as(value, 'A_Const')) continue;
      const off = isZero([value]);
      setting.set(off ? undefined : st, as(local, 'A_Const')?.boolval?.boolval === true, inTx);
    }
  }

  /** Remember validated `CHECK (col IS NOT NULL)` constraints (they let SET NOT NULL skip the scan, PG 12+). */
  private recordCheck(table: string | undefined, con: pg.Constraint | undefined): void {
    if (!table || con?.contype !== 'CONSTR_CHECK' || con.skip_validation) return;
    const test = as(con.raw_expr, 'NullTest');
    if (test?.nulltesttype !== 'IS_NOT_NULL') return;
    const col = as(test.arg, 'ColumnRef')
      ?.fields?.map((f) => as(f, 'String')?.sval)
      .pop();
    if (col) this.notNullChecks = new Set(this.notNullChecks).add(`${bareName(table)}.${String(col).toLowerCase()}`);
  }
}

function isZero(args: readonly Node[] | undefined): boolean {
  const c = as(args?.[0], 'A_Const');
  if (!c) return false;
  if (c.ival !== undefined) return (c.ival.ival ?? 0) === 0;
  if (c.sval) return /^\s*0+\s*(us|ms|s|min|h|d)?\s*$/i.test(c.sval.sval ?? '');
  return false;
}
