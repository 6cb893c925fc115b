// One migration's captured statements as the SQL migration-guard lints and
// replays: the framework's own statements left out, the transaction it ran in
// turned into `transactional` (or kept as explicit BEGIN/COMMIT when the
// migration commits part-way), and every line mapped to its source line.

import type { SqlSource } from '../types';
import { isFrameworkNoise } from './noise';
import { isTransactionEnd, isTransactionStart, type Segment, type VersionTable } from './segment';
import type { CapturedStatement } from './statements';

export interface MigrationSql {
  source: SqlSource;
  /** Every statement ran inside one transaction block. */
  transactional: boolean;
  /** The statements (framework noise left out), as sent. */
  statements: CapturedStatement[];
  /** The transaction block the statements ran in, numbered over the whole command (for migrations sharing one). */
  transaction?: number;
  /** The first statement that failed, as Postgres said. */
  error?: { sql: string; message: string };
}

/** A statement of captured SQL and the source line it is reported at. */
export interface PlacedStatement {
  sql: string;
  line: number;
  /** Printed verbatim from `line` on (an Ecto log): each of its lines maps to its own line. */
  verbatim?: boolean;
}

/** Captured statements as an SqlSource, one after another, each line of `text` mapped to its source line. */
export function capturedSource(file: string, statements: readonly PlacedStatement[], emptyAt = 1): SqlSource {
  let text = '';
  const lineMap: number[] = [];
  for (const s of statements) {
    const piece = `${s.sql.replace(/;\s*$/, '')};\n`;
    text += piece;
    const n = piece.split('\n').length - 1;
    for (let k = 0; k < n; k++) lineMap.push(s.verbatim ? s.line + k : s.line);
  }
  return { file, text, firstLine: statements[0]?.line ?? emptyAt, lineMap };
}

/** Numbers each statement's transaction block (undefined outside one) over a whole command's statements. */
export function transactionNumbers(statements: readonly CapturedStatement[]): Map<CapturedStatement, number> {
  const out = new Map<CapturedStatement, number>();
  const open = new Map<number, number>(); // connection → current block
  let next = 0;
  for (const s of statements) {
    let block = open.get(s.connection);
    if (block === undefined && (s.txBefore !== 'I' || isTransactionStart(s))) open.set(s.connection, (block = ++next));
    if (block !== undefined) out.set(s, block);
    if (s.txAfter === 'I' || isTransactionEnd(s)) open.delete(s.connection);
  }
  return out;
}

/** The lintable, replayable SQL of one segment; `lines` gives each statement's source line. */
export function migrationSql(segment: Segment, table: VersionTable, file: string, lineOf: (statements: string[]) => number[], blocks: Map<CapturedStatement, number>): MigrationSql {
  const own = withoutEmptyBlocks(segment.statements.filter((s) => !isFrameworkNoise(s, table)));
  const body = own.filter((s) => s.kind !== 'TransactionStmt');
  const inBlocks = new Set(body.map((s) => blocks.get(s)));
  const transactional = body.length > 0 && inBlocks.size === 1 && !inBlocks.has(undefined);
  // One block around everything: `transactional` says it. Otherwise the framework's own BEGIN/COMMIT
  // around the statements stay, closed where the block began before or ended after this migration.
  let sql: string[];
  if (transactional || !body.length) sql = body.map((s) => s.sql);
  else {
    const from = own.indexOf(body[0]);
    const to = own.indexOf(body.at(-1)!);
    const opened = from > 0 && isTransactionStart(own[from - 1]) ? from - 1 : from;
    sql = own.slice(opened, to + 1).map((s) => s.sql);
    if (opened === from && blocks.get(body[0]) !== undefined) sql.unshift('BEGIN');
    const closing = own[to + 1];
    if (closing && isTransactionEnd(closing)) sql.push(closing.sql);
    else if (blocks.get(body.at(-1)!) !== undefined) sql.push('COMMIT');
  }
  const lines = lineOf(sql);
  const failed = body.find((s) => s.error && s.error.code !== 'skipped');
  return {
    source: capturedSource(
      file,
      sql.map((statement, i) => ({ sql: statement, line: lines[i] })),
    ),
    transactional,
    statements: body,
    ...(transactional ? { transaction: [...inBlocks][0] } : {}),
    ...(failed ? { error: { sql: failed.sql, message: failed.error!.message } } : {}),
  };
}

/** Drops BEGIN … COMMIT/ROLLBACK pairs with nothing between them once noise is gone (a driver's probes). */
function withoutEmptyBlocks(statements: CapturedStatement[]): CapturedStatement[] {
  const out: CapturedStatement[] = [];
  for (const s of statements) {
    const last = out.at(-1);
    if (last && isTransactionStart(last) && isTransactionEnd(s) && last.connection === s.connection) out.pop();
    else out.push(s);
  }
  return out;
}
