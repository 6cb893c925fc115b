// Statements inside DO blocks and function bodies (PL/pgSQL and SQL), as `embedded`
// statements with their true file positions.

import type { ParseProblem, Range, Statement } from '../types';
import { as } from './ast';
import { statementNode, type Node } from './nodes';
import { parsePlPgSQLSync, parseSync } from './pg-parser';
import { PositionMap } from './position-map';
import { firstNonSpace, splitText, type Chunk } from './split';
import { errorIndex, errorMessage } from './parser-errors';

interface Body {
  text: string;
  /** File string index of body index k. */
  at: (k: number) => number;
}

/** Locate the string constant holding a DO/function body in the file and map its characters back. */
export function locateBody(body: string, chunk: Chunk, text: string, location: number | undefined, map: PositionMap): Body | undefined {
  const from = location !== undefined && location >= 0 ? map.indexOfByte(map.byteOfIndex(chunk.start) + location) : chunk.start;
  for (const t of chunk.tokens) {
    if (t.end <= from || t.name !== 'SCONST') continue;
    const raw = text.slice(t.start, t.end);
    if (raw.startsWith('$')) {
      const tag = raw.slice(0, raw.indexOf('$', 1) + 1);
      const start = t.start + tag.length;
      if (text.slice(start, start + body.length) !== body) continue;
      return { text: body, at: (k) => start + k };
    }
    if (raw.startsWith("'")) {
      // Standard string: '' stands for one quote.
      const offsets: number[] = [];
      let decoded = '';
      for (let i = 1; i < raw.length - 1; i++) {
        offsets.push(t.start + i);
        decoded += raw[i];
        if (raw[i] === "'" && raw[i + 1] === "'") i++;
      }
      if (decoded !== body) continue;
      offsets.push(t.start + raw.length - 1);
      return { text: body, at: (k) => offsets[Math.max(0, Math.min(k, offsets.length - 1))] };
    }
    // E'…' and other forms: positions fall back to the string's start.
    return { text: body, at: () => t.start };
  }
  return undefined;
}

/** Language and body of a DoStmt / CreateFunctionStmt. */
export function routineParts(statement: Statement): { language: string; body?: string; location?: number; atomic: boolean } {
  const opts = statement.kind === 'DoStmt' ? (statement.node.args ?? []) : statement.kind === 'CreateFunctionStmt' ? (statement.node.options ?? []) : [];
  let language = statement.kind === 'DoStmt' ? 'plpgsql' : '';
  let body: string | undefined;
  let location: number | undefined;
  for (const o of opts) {
    const d = as(o, 'DefElem');
    if (d?.defname === 'language') language = String(as(d.arg, 'String')?.sval ?? '').toLowerCase();
    if (d?.defname === 'as') {
      const items = as(d.arg, 'List')?.items;
      body = items ? (items.length === 1 ? as(items[0], 'String')?.sval : undefined) : as(d.arg, 'String')?.sval;
      location = d.location;
    }
  }
  return { language, body, location, atomic: statement.kind === 'CreateFunctionStmt' && !!statement.node.sql_body };
}

export interface Extracted {
  statements: Statement[];
  problems: { kind: ParseProblem['kind']; message: string; range: Range }[];
}

/**
 * Statements inside a DO block or a function body, as `embedded` statements
 * whose ranges are their true file positions. PL/pgSQL bodies go through the
 * PL/pgSQL parser (plain SQL statements, and EXECUTE of string literals);
 * LANGUAGE sql bodies (quoted or BEGIN ATOMIC) are split like a file.
 */
export function embeddedStatements(statement: Statement, chunk: Chunk, text: string, map: PositionMap): Extracted {
  const out: Extracted = { statements: [], problems: [] };
  const where: 'do' | 'function' = statement.kind === 'DoStmt' ? 'do' : 'function';
  const parts = routineParts(statement);
  const make = (wrapped: Node | undefined, sql: string, range: Range, dynamic: boolean): Statement => ({
    ...statementNode(wrapped),
    sql,
    file: statement.file,
    range,
    embedded: { in: where, dynamic },
    leadingComments: [],
  });

  if (parts.atomic) {
    // BEGIN ATOMIC … END: the body is part of this statement's own text.
    const atomic = chunk.tokens.findIndex((t, i) => t.upper === 'ATOMIC' && chunk.tokens[i - 1]?.upper === 'BEGIN');
    const endTok = [...chunk.tokens].reverse().find((t) => t.upper === 'END');
    if (atomic < 0 || !endTok) return out;
    const start = chunk.tokens[atomic].end;
    sqlBody(text.slice(start, endTok.start), (k) => start + k, false);
    return out;
  }
  if (parts.body === undefined) return out;
  const body = locateBody(parts.body, chunk, text, parts.location, map);
  if (!body) return out;
  if (parts.language === 'sql') sqlBody(body.text, body.at, true);
  else if (parts.language === 'plpgsql') plpgsqlBody(body);
  return out;

  function rangeIn(b: { at: (k: number) => number }, start: number, end: number): Range {
    return map.range(b.at(start), end > start ? b.at(end - 1) + 1 : b.at(start));
  }

  function sqlBody(bodyText: string, at: (k: number) => number, reportErrors: boolean): void {
    const bodyMap = new PositionMap(bodyText, 1);
    const split = splitText(bodyText, bodyMap);
    for (const c of split.chunks) {
      const sql = bodyText.slice(c.start, c.end);
      try {
        for (const raw of parseSync(sql).stmts ?? []) {
          out.statements.push(make(raw.stmt, sql, rangeIn({ at }, c.start, c.end), false));
        }
      } catch (err) {
        // Postgres checks SQL function bodies at CREATE time (check_function_bodies), so this fails the migration.
        if (reportErrors) {
          const p = map.position(at(errorIndex(err, c.start, bodyText)));
          out.problems.push({ kind: 'syntax-error', message: `in function body: ${errorMessage(err)}`, range: { line: p.line, column: p.column, endLine: p.line, endColumn: p.column + 1 } });
        }
      }
    }
  }

  function plpgsqlBody(b: Body): void {
    let tree;
    const source = text.slice(chunk.start, chunk.end);
    try {
      try {
        tree = parsePlPgSQLSync(source);
      } catch (err) {
        // libpg_query cannot resolve `table.col%TYPE` without a catalog ("Not implemented"):
        // retry with a plain type; line numbers, all that is used from the tree, are unchanged.
        if (!/%(?:ROW)?TYPE\b/i.test(source)) throw err;
        tree = parsePlPgSQLSync(source.replace(/(?:"[^"\r\n]*"|[\w$.])+%(?:ROW)?TYPE\b/gi, 'text'));
      }
    } catch (err) {
      out.problems.push({
        kind: 'skipped',
        message: `the PL/pgSQL body of this ${where === 'do' ? 'DO block' : 'function'} could not be parsed, so its statements were not linted: ${errorMessage(err)}`,
        range: statement.range,
      });
      return;
    }
    const bodyMap = new PositionMap(b.text, 1);
    const found: { lineno: number; query: string; dynamic: boolean }[] = [];
    collectPlpgsql(tree, found);
    for (const f of found) {
      // PL/pgSQL keeps each statement's line (1 = the line the body starts on) and its source text.
      // PL/pgSQL drops INTO clauses from the text, so an exact match is not guaranteed.
      const lineStart = bodyMap.lineStart(f.lineno);
      const nextLine = f.lineno < bodyMap.position(b.text.length).line ? bodyMap.lineStart(f.lineno + 1) : b.text.length;
      let idx = b.text.indexOf(f.query, lineStart);
      if (idx < 0 || idx >= nextLine) idx = firstNonSpace(b.text, lineStart);
      const end = b.text.startsWith(f.query, idx) ? idx + f.query.length : lineEndOf(b.text, idx);
      const range = rangeIn(b, idx, end);
      let sql = f.query;
      if (f.dynamic) {
        const literal = literalString(f.query);
        if (literal === undefined) continue; // format(), variables: not knowable statically
        sql = literal;
      }
      let parsed;
      try {
        parsed = parseSync(sql).stmts ?? [];
      } catch {
        continue; // PL/pgSQL-only syntax the SQL parser does not take; nothing to lint
      }
      for (const raw of parsed) {
        out.statements.push(make(raw.stmt, sql, range, f.dynamic));
      }
    }
  }
}

export function lineEndOf(text: string, from: number): number {
  let i = Math.max(0, from);
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/** The fields of the PL/pgSQL statement nodes read below (@pgsql/types has no PL/pgSQL tree). */
interface PlpgsqlStatement {
  lineno?: number;
  sqlstmt?: { PLpgSQL_expr?: { query?: string } };
  expr?: { PLpgSQL_expr?: { query?: string } };
  query?: { PLpgSQL_expr?: { query?: string } };
}

/** Plain SQL statements (`PLpgSQL_stmt_execsql`) and EXECUTE expressions in a PL/pgSQL parse tree, in order. */
function collectPlpgsql(node: unknown, out: { lineno: number; query: string; dynamic: boolean }[]): void {
  if (Array.isArray(node)) {
    for (const n of node) collectPlpgsql(n, out);
    return;
  }
  if (!node || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    const v = value as PlpgsqlStatement | undefined;
    if (key === 'PLpgSQL_stmt_execsql') {
      const q = v?.sqlstmt?.PLpgSQL_expr?.query;
      if (typeof q === 'string') out.push({ lineno: v?.lineno ?? 1, query: q, dynamic: false });
      continue;
    }
    if (key === 'PLpgSQL_stmt_perform') {
      // PERFORM f() reaches us as `SELECT f()` (so it is not found in the body: the line start is used).
      const q = v?.expr?.PLpgSQL_expr?.query;
      if (typeof q === 'string') out.push({ lineno: v?.lineno ?? 1, query: q, dynamic: false });
      continue;
    }
    if (key === 'PLpgSQL_stmt_dynexecute') {
      const q = v?.query?.PLpgSQL_expr?.query;
      if (typeof q === 'string') out.push({ lineno: v?.lineno ?? 1, query: q, dynamic: true });
      continue;
    }
    collectPlpgsql(value, out);
  }
}

/** The value of a SQL expression made only of string literals and `||` (`'ALTER TABLE ' || 'x'`), else undefined. */
export function literalString(expr: string): string | undefined {
  let tree;
  try {
    tree = parseSync(`SELECT ${expr}`);
  } catch {
    return undefined;
  }
  const val = as(tree.stmts?.[0]?.stmt, 'SelectStmt')?.targetList;
  if (!val || val.length !== 1) return undefined;
  const fold = (n: Node | undefined): string | undefined => {
    const c = as(n, 'A_Const');
    if (c?.sval) return c.sval.sval ?? '';
    const e = as(n, 'A_Expr');
    if (e?.kind === 'AEXPR_OP' && e.name?.length === 1 && as(e.name[0], 'String')?.sval === '||') {
      const l = fold(e.lexpr);
      const r = fold(e.rexpr);
      return l === undefined || r === undefined ? undefined : l + r;
    }
    return undefined;
  };
  return fold(as(val[0], 'ResTarget')?.val);
}
