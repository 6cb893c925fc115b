// A migration's SQL as units the cycle can execute one by one: each statement's
// text and line (from sql/parse.ts), whether it can run inside a transaction
// block, and the form verify runs when it must run inside one anyway.

import { parseSql } from '../sql/parse';
import type { SqlSource, Statement } from '../types';
import { alterCommands, as } from '../sql/ast';
import type { Node } from '../sql/nodes';

/** One executable statement of a migration. */
export interface ExecUnit {
  /** The file the statement is in. */
  file: string;
  /** 1-based line in that file. */
  line: number;
  /** In one of the migration's extra up files rather than its main file. */
  extra?: boolean;
  sql: string;
  kind: string;
  /** Why it cannot run inside a transaction block (`CREATE INDEX CONCURRENTLY`), or null. */
  nonTransactional: string | null;
  /**
   * Its effect is usable only once committed (`ALTER TYPE … ADD VALUE`: the new label
   * cannot be used in the same transaction), so a migration run without a
   * transaction must be replayed statement by statement.
   */
  commitBeforeUse: boolean;
  /** BEGIN/COMMIT/SAVEPOINT…: verify owns the transaction, so these are not sent. */
  transactionControl: boolean;
  /**
   * The text to run inside a transaction: CONCURRENTLY removed (same resulting
   * schema), null for statements with no schema effect that cannot run there (VACUUM).
   */
  inTransactionSql: string | null;
}

/** Units of a migration source; `problem` is set when it could not be split (then one unit holds the whole text). */
export function executableStatements(source: SqlSource): { units: ExecUnit[]; problem?: string } {
  const parsed = parseSql(source);
  if (parsed.problems.length) {
    const p = parsed.problems[0];
    const whole: ExecUnit = {
      file: source.file,
      line: source.firstLine,
      sql: source.text,
      kind: 'Unparsed',
      nonTransactional: null,
      commitBeforeUse: false,
      transactionControl: false,
      inTransactionSql: source.text,
    };
    return { units: source.text.trim() ? [whole] : [], problem: `line ${p.range.line}: ${p.message}` };
  }
  const units: ExecUnit[] = [];
  let lastRange = '';
  for (const s of parsed.statements) {
    if (s.embedded) continue;
    const rangeKey = `${s.range.line}:${s.range.column}:${s.range.endLine}:${s.range.endColumn}`;
    if (rangeKey === lastRange) continue; // several nodes from one chunk: run the chunk once
    lastRange = rangeKey;
    const nonTx = nonTransactionalReason(s);
    units.push({
      file: source.file,
      line: s.range.line,
      sql: s.sql,
      kind: s.kind,
      nonTransactional: nonTx,
      commitBeforeUse: s.kind === 'AlterEnumStmt' && !s.node?.oldVal,
      transactionControl: s.kind === 'TransactionStmt',
      inTransactionSql: nonTx === null ? s.sql : inTransactionForm(s),
    });
  }
  return { units };
}

function hasOption(options: readonly Node[] | undefined, name: string): boolean {
  return (options ?? []).some((o) => as(o, 'DefElem')?.defname === name);
}

/** Why a statement cannot run inside a transaction block, or null when it can. */
export function nonTransactionalReason(s: Statement): string | null {
  const { kind, node: n } = s;
  switch (kind) {
    case 'IndexStmt':
      return n.concurrent ? 'CREATE INDEX CONCURRENTLY' : null;
    case 'DropStmt':
      return n.concurrent ? 'DROP INDEX CONCURRENTLY' : null;
    case 'ReindexStmt':
      return hasOption(n.params, 'concurrently') ? 'REINDEX CONCURRENTLY' : null;
    case 'VacuumStmt':
      return n.is_vacuumcmd ? 'VACUUM' : null;
    case 'AlterTableStmt':
      return alterCommands(n).some((c) => as(c.def, 'PartitionCmd')?.concurrent) ? 'DETACH PARTITION CONCURRENTLY' : null;
    case 'CreatedbStmt':
      return 'CREATE DATABASE';
    case 'DropdbStmt':
      return 'DROP DATABASE';
    case 'AlterSystemStmt':
      return 'ALTER SYSTEM';
    case 'CreateTableSpaceStmt':
      return 'CREATE TABLESPACE';
    case 'DropTableSpaceStmt':
      return 'DROP TABLESPACE';
    case 'CreateSubscriptionStmt':
      return 'CREATE SUBSCRIPTION';
    case 'DropSubscriptionStmt':
      return 'DROP SUBSCRIPTION';
    case 'ClusterStmt':
      return n.relation ? null : 'CLUSTER without a table';
    default:
      return null;
  }
}

/** The statement without CONCURRENTLY (same schema result), or null when it has no schema effect. */
function inTransactionForm(s: Statement): string | null {
  if (s.kind === 'VacuumStmt') return null;
  if (['IndexStmt', 'DropStmt', 'ReindexStmt', 'AlterTableStmt'].includes(s.kind)) {
    return s.sql.replace(/\bconcurrently\b/i, '');
  }
  return s.sql; // CREATE DATABASE and friends: run as written and let Postgres say why it fails
}

/** Whether a migration run without a transaction must be replayed statement by statement (not in one verification transaction). */
export function needsAutocommit(units: ExecUnit[]): boolean {
  return units.some((u) => u.nonTransactional !== null || u.commitBeforeUse);
}

/**
 * Whether Postgres runs a migration file as one transaction block, the way its tool
 * sends it: the tool wraps it in a transaction, or sends the whole file as ONE
 * multi-statement query (golang-migrate, dbmate, Diesel, Prisma…), which Postgres runs
 * as an implicit transaction block once it holds more than one statement. Then
 * CREATE INDEX CONCURRENTLY and the like fail there, exactly as lint says.
 */
export function runsInOneTransaction(transactional: boolean, sentAsOneQuery: boolean | undefined, units: ExecUnit[]): boolean {
  return transactional || (!!sentAsOneQuery && units.length > 1);
}
