// What a captured client query ran, statement by statement: a multi-statement
// simple Query is split by the real parser, bind parameters are written in as
// literals (so the statement can be linted and replayed as text), and each piece
// keeps the transaction status and outcome of the query it came from.

import { parseSql } from '../sql/parse';
import { PositionMap } from '../sql/position-map';
import { scanTokens } from '../sql/pg-parser';
import type { CapturedQuery } from './proxy';
import type { StatementNode } from '../types';
import { kindAndNode } from '../sql/nodes';

/** One statement a framework sent, ready to segment, lint and replay. */
/** One statement a framework sent; narrowing `kind` types `node` (`Unparsed`: the parser refused it). */
export type CapturedStatement = CapturedStatementBase & (StatementNode | { kind: 'Unparsed'; node?: undefined });

interface CapturedStatementBase {
  /** The statement's text with bind parameters inlined as literals. */
  sql: string;
  connection: number;
  seq: number;
  /** Transaction status before the query it came from ran. */
  txBefore: 'I' | 'T' | 'E';
  txAfter?: 'I' | 'T' | 'E';
  /** Postgres's error on the query it came from (a multi-statement query: on its last piece). */
  error?: { code: string; message: string };
  ms: number;
}

/** Split and inline each captured query, in order. */
export function capturedStatements(queries: readonly CapturedQuery[]): CapturedStatement[] {
  const out: CapturedStatement[] = [];
  for (const q of queries) {
    const sql = q.params?.length ? inlineParams(q.sql, q.params) : q.sql;
    if (!sql.trim()) continue;
    const base = { connection: q.connection, seq: q.seq, txBefore: q.txBefore, ...(q.txAfter ? { txAfter: q.txAfter } : {}), ms: q.ms ?? 0 };
    const parsed = parseSql({ file: '', text: sql, firstLine: 1 });
    const pieces = parsed.problems.length ? [] : parsed.statements.filter((s) => !s.embedded);
    if (!pieces.length) {
      out.push({ ...base, sql: sql.trim(), kind: 'Unparsed', node: undefined, ...(q.error ? { error: q.error } : {}) });
      continue;
    }
    pieces.forEach((s, i) => {
      const last = i === pieces.length - 1;
      out.push({ ...base, sql: s.sql, ...kindAndNode(s), ...(q.error && last ? { error: q.error } : {}) });
    });
  }
  return out;
}

/** `$n` placeholders replaced by the bound values as SQL literals (NULL for null). */
export function inlineParams(sql: string, params: readonly (string | null)[]): string {
  let tokens;
  try {
    tokens = scanTokens(sql);
  } catch {
    return sql;
  }
  const map = new PositionMap(sql, 1); // the scanner counts bytes
  let out = '';
  let at = 0;
  for (const t of tokens) {
    if (t.tokenName !== 'PARAM') continue;
    const start = map.indexOfByte(t.start);
    const end = map.indexOfByte(t.end);
    const value = params[Number(sql.slice(start + 1, end)) - 1];
    if (value === undefined) continue;
    out += sql.slice(at, start) + (value === null ? 'NULL' : `'${value.replace(/'/g, "''")}'`);
    at = end;
  }
  return out + sql.slice(at);
}
