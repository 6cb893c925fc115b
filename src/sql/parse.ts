// The entry to the Postgres parser (libpg_query compiled to WASM; src/sql/ is the
// only code that talks to it: npm `libpg-query`, Postgres 18 grammar). Everything else sees
// `Statement`s with 1-based line/column ranges; libpg_query's *byte* offsets are
// converted here, once. Keeping the parser behind this file lets it be swapped
// (see README, design notes: pg-query-emscripten was measured and rejected).
//
// How a file becomes statements:
//  1. a UTF-8 BOM is dropped; template placeholders (`${x}`, `{{ .X }}`:
//     placeholders.ts) and psql variables set with \set (`:x`, `:'x'`) are
//     replaced by neutral identifiers/literals of the same length, so positions hold;
//  2. psql meta-command lines (`\set`, `\i` …) and COPY … FROM stdin data are
//     cut out (found with a small quote-aware pre-lexer, pre-lex.ts, only when
//     the text has a backslash);
//  3. fast path: the Postgres parser parses the whole file once and gives each
//     statement's place; a small JS lexer finds the comments (suppressions,
//     leading comments), checked against the parser's statement boundaries
//     (split.ts);
//  4. otherwise (a syntax error, psql meta-commands, a huge file) the Postgres
//     scanner splits the text at top-level `;` (not inside strings, dollar
//     quotes, comments or BEGIN ATOMIC … END) and each statement is parsed on
//     its own, so a syntax error stops only itself (split.ts);
//  5. DO blocks and function bodies (PL/pgSQL and SQL) yield extra, `embedded`
//     statements with their true file positions (embedded.ts).
// Byte offsets become lines and columns in position-map.ts.

import { loadModule, parseSync } from './pg-parser';
import type { ParsedSql, ParseProblem, Range, SqlSource, Statement } from '../types';
import { statementNode } from './nodes';
import { substitutePlaceholders, type Placeholder } from './placeholders';
import { PositionMap } from './position-map';
import { substitutePsqlVariables } from './pre-lex';
import { chunkTokens, splitText, stringTokens, trimEnd, wholeFileSplit } from './split';
import { embeddedStatements } from './embedded';
import { errorIndex, errorMessage } from './parser-errors';

let ready: Promise<void> | undefined;
let loaded = false;

/** Load the WASM parser once; every other function here is synchronous after it. */
export function initParser(): Promise<void> {
  ready ??= loadModule().then(() => {
    loaded = true;
  });
  return ready;
}

function assertLoaded(): void {
  if (!loaded) throw new Error('parser not initialised: await initParser() first');
}

/** Where a comment is, for suppressions (ignore comments inside strings are never tokens). */
export interface CommentToken {
  text: string;
  range: Range;
}

/** What `parseSql` returns: statements, problems, and the comments and statement spans suppressions need. */
export interface ParsedFile extends ParsedSql {
  comments: CommentToken[];
  /** Range of every top-level statement, parsed or not, in file order. */
  spans: Range[];
  /** Template placeholders that were replaced (see `placeholderIdentifier`). */
  placeholders: Placeholder[];
}

/**
 * Parse one SQL source into statements with exact ranges; syntax errors become problems, never exceptions.
 * `fast: false` forces the statement-by-statement path (tests compare the two).
 */
export function parseSql(source: SqlSource, { fast = true }: { fast?: boolean } = {}): ParsedFile {
  assertLoaded();
  const raw = source.text.charCodeAt(0) === 0xfeff ? source.text.slice(1) : source.text; // BOM: editors show no column for it
  const substituted = substitutePlaceholders(raw);
  const placeholders = substituted.placeholders;
  const text = substitutePsqlVariables(substituted.text, placeholders);
  const map = new PositionMap(text, source.firstLine, source.lineMap);
  const statements: Statement[] = [];
  const problems: ParseProblem[] = [];
  const spans: Range[] = [];
  const problem = (kind: ParseProblem['kind'], message: string, range: Range) => problems.push({ kind, message, file: source.file, range });
  const point = (index: number): Range => {
    const p = map.position(index);
    return { line: p.line, column: p.column, endLine: p.line, endColumn: p.column + 1 };
  };

  if (placeholders.length) {
    const counts = new Map<string, number>();
    for (const p of placeholders) counts.set(p.text, (counts.get(p.text) ?? 0) + 1);
    const names = [...counts].map(([t, c]) => (c > 1 ? `${t} (${c}×)` : t)).join(', ');
    const first = placeholders[0];
    problem('placeholder', `template placeholders replaced by neutral identifiers so the SQL can be linted: ${names}`, map.range(first.index, first.index + first.text.length));
  }
  const inPlaceholder = (start: number, end: number) => placeholders.some((p) => p.index < end && p.index + p.text.length > start);

  const split = (fast && wholeFileSplit(text, map)) || splitText(text, map);
  for (const p of split.problems) problem(p.kind, p.message, map.range(p.start, p.end));
  for (const chunk of split.chunks) {
    const range = map.range(chunk.start, chunk.end);
    spans.push(range);
    const sql = text.slice(chunk.start, chunk.end);
    let result;
    try {
      result = chunk.stmts ? { stmts: chunk.stmts } : parseSync(sql);
    } catch (err) {
      if (inPlaceholder(chunk.start, chunk.end)) {
        problem('placeholder', `statement skipped: it contains a template placeholder and does not parse after substitution (${errorMessage(err)})`, range);
      } else {
        problem('syntax-error', errorMessage(err), point(errorIndex(err, chunk.start, text)));
      }
      continue;
    }
    for (const rawStmt of result.stmts ?? []) {
      const statement: Statement = { ...statementNode(rawStmt.stmt), sql, file: source.file, range, leadingComments: chunk.leadingComments };
      statements.push(statement);
      if (statement.kind === 'DoStmt' || statement.kind === 'CreateFunctionStmt') {
        // Fast-path chunks have no tokens: BEGIN ATOMIC bodies need the scanner's, a quoted body only its string constants.
        if (chunk.stmts && chunk.tokens.length === 0) chunk.tokens = statement.kind === 'CreateFunctionStmt' && statement.node.sql_body ? chunkTokens(text, chunk, map) : stringTokens(text, chunk);
        const extracted = embeddedStatements(statement, chunk, text, map);
        statements.push(...extracted.statements);
        for (const p of extracted.problems) problem(p.kind, p.message, p.range);
      }
    }
  }
  if (split.cut) {
    const last = map.position(text.length);
    const at = map.position(split.cut.index);
    const rest = at.line === last.line ? '' : ` (lines ${at.line}–${last.line} were not linted)`;
    problem('syntax-error', `${split.cut.what}${rest}`, point(split.cut.index));
    spans.push(map.range(split.cut.start, trimEnd(text, text.length)));
  }
  const comments = split.comments.map((c) => ({ text: text.slice(c.start, c.end), range: map.range(c.start, c.end) }));
  spans.sort((a, b) => a.line - b.line || a.column - b.column);
  return { statements, problems, comments, spans, placeholders };
}
