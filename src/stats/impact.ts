// What one statement does to tables that existed before the migration: the locks
// it takes, the transaction that holds them until its end, and the work it does
// while holding them. The lint engine computes it beside the rules (same walk,
// same context: tables this migration created are new and cost nothing), and
// --stats / `plan` turn it into durations. The work here is what the statement
// kind alone says (an index build, a VALIDATE scan, a full UPDATE); what needs a
// rule's judgement (does this type change rewrite?) comes from the rule that
// fired on the statement (RuleMeta.work), and verify's observed rewrites win.

import type { Statement } from '../types';
import { alterCommands, as, dmlTarget, option, relationName } from '../sql/ast';
import type { LintContext } from '../lint/context';
import { tableLocks, type LockMode } from '../lint/locks';
import type { Work } from './cost-model';

/** The impact of one statement on existing relations. */
export interface StatementImpact {
  file: string;
  line: number;
  endLine: number;
  /** The statement's SQL, shortened for display. */
  sql: string;
  /** Locks are held to the end of this transaction (`file`: the whole file; `L<n>`: the BEGIN on line n); null: autocommit, released after the statement. */
  txn: string | null;
  /** Locks on relations that existed before this migration (names as written). */
  locks: { relation: string; mode: LockMode; kind: 'table' | 'view' | 'index' }[];
  /** The relation the statement acts on (the ALTERed table, the indexed table…), when it existed before. */
  target?: string;
  /** Work the statement kind implies on `target`. */
  work?: Work;
}

const SQL_MAX = 160;

/** The statement's impact, or undefined when it touches nothing that existed before the migration. */
export function impactOf(statement: Statement, ctx: LintContext): StatementImpact | undefined {
  const locks = tableLocks(statement).filter((l) => !ctx.isNew(l.relation));
  const target = targetOf(statement);
  const existingTarget = target && !ctx.isNew(target) ? target : undefined;
  if (!locks.length && !existingTarget) return undefined;
  const sql = statement.sql.replace(/\s+/g, ' ').trim();
  return {
    file: statement.file,
    line: statement.range.line,
    endLine: statement.range.endLine,
    sql: sql.length > SQL_MAX ? `${sql.slice(0, SQL_MAX - 1)}…` : sql,
    txn: ctx.implicitTransactionBlock || (ctx.inTransaction && !ctx.explicitTransactionStart) ? 'file' : ctx.explicitTransactionStart ? `L${ctx.explicitTransactionStart.range.line}` : null,
    locks,
    ...(existingTarget ? { target: existingTarget } : {}),
    ...(existingTarget && workOf(statement) ? { work: workOf(statement) } : {}),
  };
}

/** The relation a statement acts on, as written (index names for DROP/REINDEX INDEX). */
export function targetOf(statement: Statement): string | undefined {
  switch (statement.kind) {
    case 'AlterTableStmt':
    case 'IndexStmt':
    case 'ClusterStmt':
    case 'RefreshMatViewStmt':
    case 'CreateTrigStmt':
    case 'RuleStmt':
      return relationName(statement.node.relation);
    case 'ReindexStmt':
    case 'RenameStmt':
      return relationName(statement.node.relation);
    case 'VacuumStmt':
      return relationName(as(statement.node.rels?.[0], 'VacuumRelation')?.relation);
    case 'CreatePolicyStmt':
    case 'AlterPolicyStmt':
      return relationName(statement.node.table);
    case 'LockStmt':
    case 'TruncateStmt':
      return relationName(as(statement.node.relations?.[0], 'RangeVar'));
    case 'UpdateStmt':
    case 'DeleteStmt':
    case 'InsertStmt':
    case 'MergeStmt':
      return relationName(dmlTarget(statement));
    default:
      return undefined;
  }
}

/** Work the statement kind implies, whatever the rules say. */
function workOf(statement: Statement): Work | undefined {
  switch (statement.kind) {
    case 'IndexStmt':
      return statement.node.concurrent ? 'index-build-concurrently' : 'index-build';
    case 'ClusterStmt':
    case 'RefreshMatViewStmt':
      return 'rewrite';
    case 'VacuumStmt':
      return statement.node.is_vacuumcmd && option(statement.node.options, 'full') ? 'rewrite' : undefined;
    case 'ReindexStmt':
      return 'index-build';
    case 'UpdateStmt':
    case 'DeleteStmt':
      return statement.node.whereClause ? undefined : 'update-all'; // a WHERE touches an unknown share of rows
    case 'AlterTableStmt': {
      let work: Work | undefined;
      for (const c of alterCommands(statement.node)) {
        if (c.subtype === 'AT_SetLogged' || c.subtype === 'AT_SetUnLogged') return 'rewrite';
        if (c.subtype === 'AT_ValidateConstraint' || c.subtype === 'AT_AttachPartition') work = 'scan';
      }
      return work;
    }
    default:
      return undefined;
  }
}

/** The heavier of two kinds of work (a rewrite includes a scan). */
export function heavier(a: Work | undefined, b: Work | undefined): Work | undefined {
  const rank: Record<Work, number> = { lock: 0, scan: 1, 'index-build-concurrently': 2, 'index-build': 3, 'update-all': 4, rewrite: 5 };
  if (!a) return b;
  if (!b) return a;
  return rank[b] > rank[a] ? b : a;
}
