// SQLite's SQL, parsed by sql-parser-cst (its SQLite grammar is the package's first
// dialect and follows sqlite.org's syntax diagrams; it keeps exact source ranges).
// A file is cut into statements first, the way sqlite3_complete() does (a `;` ends a
// statement, except inside CREATE TRIGGER … END), and each piece is parsed alone: one
// bad statement is one syntax error, never the loss of the rest of the file.

import { parse, type Node, type Statement as CstStatement } from 'sql-parser-cst';
import type { ParseProblem, Range, SqlSource } from '../types';
import { PositionMap } from '../sql/position-map';
import { closingQuote, skipLineComment } from '../sql/lex';

/** One SQLite statement with its place in the file; `node` is sql-parser-cst's tree. */
export interface SqliteStatement {
  /** The CST node type: `alter_table_stmt`, `create_table_stmt`, `pragma_stmt`, … */
  kind: CstStatement['type'];
  node: CstStatement;
  sql: string;
  file: string;
  range: Range;
  /** The range of a node inside this statement. */
  rangeOf(node: Node): Range;
  /** The source text of a node inside this statement. */
  textOf(node: Node): string;
}

export interface ParsedSqlite {
  statements: SqliteStatement[];
  problems: SqliteProblem[];
  /** Every comment (for ignore comments), and each statement's range (what a comment above applies to). */
  comments: { text: string; range: Range }[];
  spans: Range[];
}

/** A statement's text and where it starts in the source text. */
interface Piece {
  start: number;
  end: number;
  /** Where the statement's first token is (after leading whitespace and comments). */
  first: number;
  /** The first words, upper-cased (`ALTER`, `TABLE`, …; a quoted name is ''). */
  head?: string[];
}

/**
 * A statement the grammar refuses. An ALTER TABLE form is told apart from a typo:
 * `never` (no SQLite has it: a type change, ADD UNIQUE) or the version that added it
 * (3.53.0: SET/DROP NOT NULL, ADD CHECK, DROP CONSTRAINT, newer than the grammar).
 */
export type SqliteProblem = ParseProblem & { unsupportedAlter?: 'never' | '3.53.0' };

/** Parse one SQLite source into statements (and syntax errors, one per bad statement). */
export function parseSqlite(source: SqlSource): ParsedSqlite {
  // Captured SQL (lineMap) is reported on its source line, column 1.
  const map = new PositionMap(source.text, source.firstLine, source.lineMap);
  const lineOf = (index: number) => map.position(index);
  const rangeOf = (start: number, end: number): Range => {
    const a = lineOf(start);
    const b = lineOf(Math.max(start, end - 1));
    return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column + 1 };
  };
  const statements: SqliteStatement[] = [];
  const problems: SqliteProblem[] = [];
  const { pieces, comments } = splitSqlite(source.text);
  for (const piece of pieces) {
    const text = source.text.slice(piece.start, piece.end);
    let program;
    try {
      program = parse(text, { dialect: 'sqlite', includeRange: true, paramTypes: ['?', '?nr', ':name', '@name', '$name'] });
    } catch (err) {
      const at = errorOffset(text, (err as Error).message);
      const message = (err as Error).message.split('\n')[0].replace(/^Syntax Error: /, '');
      if (piece.head?.[0] === 'ALTER' && piece.head[1] === 'TABLE') {
        const start = piece.first;
        const since = alterFormSince(piece.head);
        const message =
          since === 'never'
            ? "SQLite's ALTER TABLE has no such form: it knows RENAME TO, RENAME COLUMN, ADD COLUMN, DROP COLUMN and (since 3.53.0) SET/DROP NOT NULL, ADD CHECK and DROP CONSTRAINT only"
            : `this ALTER TABLE form needs SQLite ${since}`;
        problems.push({ kind: 'syntax-error', unsupportedAlter: since, message, file: source.file, range: rangeOf(start, piece.start + text.trimEnd().length) });
      } else problems.push({ kind: 'syntax-error', message: `SQLite syntax error: ${message}`, file: source.file, range: rangeOf(piece.start + at, piece.start + at + 1) });
      continue;
    }
    for (const node of program.statements) {
      if (node.type === 'empty' || !node.range) continue;
      const [from, to] = node.range;
      const start = piece.start + from;
      statements.push({
        kind: node.type,
        node,
        sql: text.slice(from, to),
        file: source.file,
        range: rangeOf(start, piece.start + to),
        rangeOf: (n: Node) => (n.range ? rangeOf(piece.start + n.range[0], piece.start + n.range[1]) : rangeOf(start, piece.start + to)),
        textOf: (n: Node) => (n.range ? text.slice(n.range[0], n.range[1]) : ''),
      });
    }
  }
  return {
    statements,
    problems,
    comments: comments.map((c) => ({ text: source.text.slice(c.start, c.end), range: rangeOf(c.start, c.end) })),
    spans: statements.map((st) => st.range),
  };
}

/** Where in `text` the parser stopped (`--> file:line:col` of its message). */
function errorOffset(text: string, message: string): number {
  const m = /--> .*:(\d+):(\d+)\s*$/m.exec(message);
  if (!m) return 0;
  const lines = text.split(/\r\n|\n|\r/);
  let offset = 0;
  for (let i = 0; i < Number(m[1]) - 1 && i < lines.length; i++) offset += lines[i].length + 1;
  return Math.min(text.length - 1, offset + Number(m[2]) - 1);
}

/**
 * Cut SQLite text into statements as sqlite3_complete() does: at each `;` outside
 * strings, quoted names and comments, except inside CREATE [TEMP] TRIGGER, which ends
 * at `END ;`. Each piece ends after its `;`; trailing whitespace and comments are kept
 * with the next piece (the parser drops them); a piece of comments only is none. Comments
 * are returned too.
 */
export function splitSqlite(text: string): { pieces: Piece[]; comments: { start: number; end: number }[] } {
  const pieces: Piece[] = [];
  const comments: { start: number; end: number }[] = [];
  let start = 0;
  /** The statement's first three words, and its last token so far. */
  const head: string[] = [];
  let last = '';
  const word = (w: string, at: number) => {
    if (first < 0) first = at;
    if (head.length < 10) head.push(w);
    last = w;
  };
  let i = 0;
  let first = -1;
  const cut = (end: number) => {
    if (first >= 0) pieces.push({ start, end, first, head: [...head] });
    start = end;
    first = -1;
    head.length = 0;
    last = '';
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '-' && text[i + 1] === '-') {
      const end = skipLineComment(text, i);
      comments.push({ start: i, end });
      i = end;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2); // SQLite's block comments do not nest
      const end = close < 0 ? text.length : close + 2;
      comments.push({ start: i, end });
      i = end;
    } else if (c === "'" || c === '"' || c === '`') {
      const close = closingQuote(text, i);
      word('', i);
      i = close < 0 ? text.length : close + 1;
    } else if (c === '[') {
      const close = text.indexOf(']', i + 1);
      word('', i);
      i = close < 0 ? text.length : close + 1;
    } else if (c === ';') {
      i++;
      if (!isTrigger(head) || last === 'END') cut(i);
      else word(';', i - 1);
    } else if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < text.length && /[A-Za-z0-9_$]/.test(text[j])) j++;
      word(text.slice(i, j).toUpperCase(), i);
      i = j;
    } else {
      if (!/\s/.test(c)) word(c, i);
      i++;
    }
  }
  cut(text.length);
  return { pieces, comments };
}

/** The SQLite version that added an ALTER TABLE form the grammar refused, from its first words; `never` when none has it. */
function alterFormSince(head: readonly string[]): 'never' | '3.53.0' {
  const [action, ...rest] = head.slice(3);
  if (action === 'ALTER') {
    const after = rest[0] === 'COLUMN' ? rest.slice(2) : rest.slice(1);
    return (after[0] === 'SET' || after[0] === 'DROP') && after[1] === 'NOT' && after[2] === 'NULL' ? '3.53.0' : 'never';
  }
  if (action === 'ADD') return rest[0] === 'CHECK' || (rest[0] === 'CONSTRAINT' && rest[2] === 'CHECK') ? '3.53.0' : 'never';
  if (action === 'DROP' && rest[0] === 'CONSTRAINT') return '3.53.0';
  return 'never';
}

/** Whether the statement's first words are CREATE [TEMP|TEMPORARY] TRIGGER. */
function isTrigger(head: readonly string[]): boolean {
  if (head[0] !== 'CREATE') return false;
  const next = head[1] === 'TEMP' || head[1] === 'TEMPORARY' ? head[2] : head[1];
  return next === 'TRIGGER';
}
