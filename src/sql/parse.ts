// The only module that talks to the Postgres parser (libpg_query compiled to
// WASM, npm `libpg-query`, Postgres 18 grammar). Everything else sees
// `Statement`s with 1-based line/column ranges; libpg_query's *byte* offsets are
// converted here, once. Keeping the parser behind this file lets it be swapped
// (see README, design notes: pg-query-emscripten was measured and rejected).
//
// How a file becomes statements:
//  1. a UTF-8 BOM is dropped; template placeholders (`${x}`, `{{ .X }}`) and
//     psql variables set with \set (`:x`, `:'x'`) are replaced by neutral
//     identifiers/literals of the same length, so positions hold;
//  2. psql meta-command lines (`\set`, `\i` …) and COPY … FROM stdin data are
//     cut out (found with a small quote-aware pre-lexer, only when the text has
//     a backslash);
//  3. fast path: the Postgres parser parses the whole file once and gives each
//     statement's place; a small JS lexer finds the comments (suppressions,
//     leading comments), checked against the parser's statement boundaries;
//  4. otherwise (a syntax error, psql meta-commands, a huge file) the Postgres
//     scanner splits the text at top-level `;` (not inside strings, dollar
//     quotes, comments or BEGIN ATOMIC … END) and each statement is parsed on
//     its own, so a syntax error stops only itself;
//  5. DO blocks and function bodies (PL/pgSQL and SQL) yield extra, `embedded`
//     statements with their true file positions.

import { loadModule, parsePlPgSQLSync, parseSync, scanTokens } from './pg-parser';
import type { ParsedSql, ParseProblem, Range, SqlSource, Statement } from '../types';
import { as } from './ast';
import { statementNode, type Node } from './nodes';
import type { ParseResult, RawStmt } from '@pgsql/types';

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

/** Maps UTF-8 byte offsets (what libpg_query reports) and string indexes to file lines/columns. */
export class PositionMap {
  private readonly lineStarts: number[] = [0];
  /** byte offset -> UTF-16 index; undefined when the text is pure ASCII (identity). */
  private readonly byteToIndex: Int32Array | undefined;
  /** UTF-16 index -> byte offset; undefined when the text is pure ASCII. */
  private readonly indexToByte: Int32Array | undefined;

  constructor(
    readonly text: string,
    private readonly firstLine: number,
    /** Captured framework SQL: the source line of each text line (columns then mean nothing: 1). */
    private readonly lineMap?: readonly number[],
  ) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.lineStarts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) this.lineStarts.push(i + 1); // lone CR ends a line too
    }
    // eslint-disable-next-line no-control-regex
    if (/[^\x00-\x7f]/.test(text)) {
      const bytes = Buffer.byteLength(text, 'utf8');
      const map = new Int32Array(bytes + 1);
      const back = new Int32Array(text.length + 1);
      let b = 0;
      for (let i = 0; i < text.length; i++) {
        const cp = text.codePointAt(i)!;
        const len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        for (let k = 0; k < len; k++) map[b + k] = i;
        back[i] = b;
        if (cp >= 0x10000) back[i + 1] = b; // low surrogate: same code point
        b += len;
        if (cp >= 0x10000) i++; // surrogate pair: two UTF-16 units, one code point
      }
      map[bytes] = text.length;
      back[text.length] = bytes;
      this.byteToIndex = map;
      this.indexToByte = back;
    }
  }

  /** UTF-16 index of a UTF-8 byte offset. */
  indexOfByte(byte: number): number {
    if (!this.byteToIndex) return Math.max(0, Math.min(byte, this.text.length));
    return this.byteToIndex[Math.max(0, Math.min(byte, this.byteToIndex.length - 1))]!;
  }

  /** UTF-8 byte offset of a UTF-16 index. */
  byteOfIndex(index: number): number {
    if (!this.indexToByte) return index;
    return this.indexToByte[Math.max(0, Math.min(index, this.indexToByte.length - 1))]!;
  }

  /** 1-based file line and column (in characters) of a string index. */
  position(index: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    if (this.lineMap) return { line: this.lineMap[lo] ?? this.lineMap.at(-1) ?? this.firstLine, column: 1 };
    const start = this.lineStarts[lo]!;
    // Columns count code points, as editors and GitHub annotations do.
    const column = this.byteToIndex ? [...this.text.slice(start, index)].length + 1 : index - start + 1;
    return { line: this.firstLine + lo, column };
  }

  /** Range of the string slice [start, end). */
  range(start: number, end: number): Range {
    const a = this.position(start);
    const b = this.position(Math.max(start, end));
    return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  }

  /** String index where the 1-based line `line` (relative to the text) starts. */
  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line - 1, this.lineStarts.length - 1))]!;
  }
}

// ---------------------------------------------------------------------------
// Placeholders

export interface Placeholder {
  text: string;
  index: number;
}

/** The neutral identifier a placeholder of `length` characters is replaced with. */
export function placeholderIdentifier(length: number): string {
  return length < 3 ? 'x'.repeat(length) : 'tpl' + '_'.repeat(length - 3);
}

// `${var}` (Flyway, Liquibase, shell), `{{ … }}` (Go templates, Jinja, Mustache)
// and `{% … %}` (Jinja statements). `{{` must be followed by a space, `.`, `$`,
// `-`, `/` or a word and then a space or dot (`{{index .Options "x"}}`), and
// hold no braces, so that array literals such as '{{1,2},{3,4}}' or '{{a,b}}' are not taken.
const PLACEHOLDER = /\$\{[^{}\r\n]*\}|\{\{(?=[\s.$\-/]|[A-Za-z_]\w*[\s.])[^{}\r\n]*?\}\}|\{%[^\r\n]*?%\}/g;

/** Replace template placeholders with neutral identifiers of the same length (so positions hold). */
export function substitutePlaceholders(text: string): { text: string; placeholders: Placeholder[] } {
  if (!text.includes('${') && !text.includes('{{') && !text.includes('{%')) return { text, placeholders: [] };
  const placeholders: Placeholder[] = [];
  const out = text.replace(PLACEHOLDER, (m: string, index: number) => {
    placeholders.push({ text: m, index });
    return placeholderIdentifier(m.length);
  });
  return { text: out, placeholders };
}

/**
 * The name a placeholder is given a value by (verify.templateVars): `${SCHEMA}` → SCHEMA,
 * `{{ .Schema }}` → Schema, `{{ index .Options "Namespace" }}` → Namespace; the last word or
 * quoted string of the expression.
 */
export function placeholderName(text: string): string {
  const inner = text.replace(/^(\$\{|\{\{-?|\{%-?)|(-?\}\}|-?%\}|\})$/g, '').trim();
  const words = [...inner.matchAll(/"([^"]*)"|'([^']*)'|([A-Za-z_][\w]*)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
  return words[words.length - 1] ?? inner;
}

/**
 * Fill template placeholders with the values verify runs them with (verify.templateVars),
 * each found by its whole text or by placeholderName. Values hold no line breaks, so line
 * numbers stay true. `missing` lists the placeholders left as written.
 */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string>>): { text: string; missing: string[] } {
  const missing = new Set<string>();
  if (!text.includes('${') && !text.includes('{{') && !text.includes('{%')) return { text, missing: [] };
  const out = text.replace(PLACEHOLDER, (m: string) => {
    const value = values[m.trim()] ?? values[placeholderName(m)];
    if (value === undefined) missing.add(m);
    return value ?? m;
  });
  return { text: out, missing: [...missing] };
}

// ---------------------------------------------------------------------------
// Pre-lexer: psql meta-commands, COPY data, unterminated quotes

interface Excluded {
  start: number;
  end: number;
  kind: 'meta-command' | 'copy-data';
}

interface PreLex {
  excluded: Excluded[];
  /** psql variable references (`:name`, `:'name'`, `:"name"`) to names a `\set` defined earlier. */
  variables: { start: number; end: number; quote: '' | "'" | '"' }[];
  /** Where an unterminated string, quoted identifier, dollar quote or comment starts. */
  unterminated?: { index: number; what: string };
}

const isIdentChar = (c: string | undefined) => !!c && /[A-Za-z0-9_$\u0080-\uffff]/.test(c);
const DOLLAR_TAG = /\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/y;

/**
 * A small quote-aware pass over the text, following the Postgres lexer's rules
 * for strings (`''`, E'\''), quoted identifiers, dollar quotes and nested block
 * comments. It finds psql meta-command lines, COPY FROM stdin data and the
 * first unterminated quote or comment (where the Postgres scanner gives up).
 */
function preLex(text: string): PreLex {
  const excluded: Excluded[] = [];
  const variables: PreLex['variables'] = [];
  const defined = new Set<string>();
  const n = text.length;
  let stmtStart = 0;
  let lineStart = true;
  let i = 0;
  while (i < n) {
    const c = text[i]!;
    if (lineStart) {
      // psql reads a backslash at the start of a line (outside quotes) as a meta-command.
      let j = i;
      while (j < n && (text[j] === ' ' || text[j] === '\t')) j++;
      if (text[j] === '\\') {
        let e = j;
        while (e < n && text[e] !== '\n' && text[e] !== '\r') e++;
        excluded.push({ start: j, end: e, kind: 'meta-command' });
        const set = /^\\set\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(text.slice(j, e));
        if (set) defined.add(set[1]!);
        stmtStart = e;
        i = e;
        lineStart = false;
        continue;
      }
      lineStart = false;
    }
    if (c === '\n' || c === '\r') {
      lineStart = true;
      i++;
      continue;
    }
    if (c === '-' && text[i + 1] === '-') {
      while (i < n && text[i] !== '\n' && text[i] !== '\r') i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const start = i;
      let depth = 0;
      while (i < n) {
        if (text[i] === '/' && text[i + 1] === '*') {
          depth++;
          i += 2;
        } else if (text[i] === '*' && text[i + 1] === '/') {
          depth--;
          i += 2;
          if (depth === 0) break;
        } else i++;
      }
      if (depth > 0) return { excluded, variables, unterminated: { index: start, what: 'unterminated /* comment' } };
      continue;
    }
    if (c === "'") {
      const start = i;
      const escapes = (text[i - 1] === 'E' || text[i - 1] === 'e') && !isIdentChar(text[i - 2]);
      i++;
      let closed = false;
      while (i < n) {
        const d = text[i]!;
        if (escapes && d === '\\') i += 2;
        else if (d === "'" && text[i + 1] === "'") i += 2;
        else if (d === "'") {
          i++;
          closed = true;
          break;
        } else i++;
      }
      if (!closed) return { excluded, variables, unterminated: { index: escapes ? start - 1 : start, what: 'unterminated quoted string' } };
      continue;
    }
    if (c === '"') {
      const start = i;
      i++;
      let closed = false;
      while (i < n) {
        if (text[i] === '"' && text[i + 1] === '"') i += 2;
        else if (text[i] === '"') {
          i++;
          closed = true;
          break;
        } else i++;
      }
      if (!closed) return { excluded, variables, unterminated: { index: start, what: 'unterminated quoted identifier' } };
      continue;
    }
    if (c === '$' && !isIdentChar(text[i - 1])) {
      DOLLAR_TAG.lastIndex = i;
      const m = DOLLAR_TAG.exec(text);
      if (m) {
        const close = text.indexOf(m[0], i + m[0].length);
        if (close < 0) return { excluded, variables, unterminated: { index: i, what: 'unterminated dollar-quoted string' } };
        i = close + m[0].length;
        continue;
      }
    }
    if (c === ':' && defined.size) {
      if (text[i + 1] === ':' || text[i + 1] === '=') {
        i += 2; // a cast or PL/pgSQL assignment, not a variable
        continue;
      }
      const m = /^:(?:'([A-Za-z_][A-Za-z0-9_]*)'|"([A-Za-z_][A-Za-z0-9_]*)"|([A-Za-z_][A-Za-z0-9_]*))/.exec(text.slice(i, i + 80));
      const name = m && (m[1] ?? m[2] ?? m[3]);
      if (m && name && defined.has(name) && text[i - 1] !== ':') {
        variables.push({ start: i, end: i + m[0].length, quote: m[1] ? "'" : m[2] ? '"' : '' });
        i += m[0].length;
        continue;
      }
    }
    if (c === ';') {
      const stmt = text.slice(stmtStart, i);
      i++;
      stmtStart = i;
      // COPY … FROM stdin is followed by data lines up to `\.`; they are not SQL.
      if (/\bfrom\s+stdin\b/i.test(stmt) && /^(?:\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)*copy\b/i.test(stmt)) {
        let dataStart = i;
        while (dataStart < n && text[dataStart] !== '\n') dataStart++;
        dataStart++;
        const endMark = /^\\\.[ \t]*\r?$/m;
        endMark.lastIndex = 0;
        const rest = text.slice(dataStart);
        const m = endMark.exec(rest);
        const end = m ? dataStart + m.index + m[0].length : n;
        if (dataStart < n) excluded.push({ start: dataStart, end, kind: 'copy-data' });
        i = end;
        stmtStart = end;
      }
      continue;
    }
    i++;
  }
  return { excluded, variables };
}

/**
 * psql interpolates `:name`, `:'name'` (as a string) and `:"name"` (as an
 * identifier) for variables a `\set` defined. Each becomes a neutral literal of
 * the same kind and length, recorded as a placeholder.
 */
function substitutePsqlVariables(text: string, placeholders: Placeholder[]): string {
  if (!text.includes('\\set')) return text;
  const vars = preLex(text).variables;
  if (vars.length === 0) return text;
  let out = '';
  let from = 0;
  for (const v of vars) {
    const len = v.end - v.start;
    out += text.slice(from, v.start) + (v.quote ? v.quote + 'x'.repeat(len - 2) + v.quote : placeholderIdentifier(len));
    placeholders.push({ text: text.slice(v.start, v.end), index: v.start });
    from = v.end;
  }
  placeholders.sort((a, b) => a.index - b.index);
  return out + text.slice(from);
}

// ---------------------------------------------------------------------------
// Splitting

interface Token {
  /** String indexes into the split text. */
  start: number;
  end: number;
  upper: string;
  name: string;
}

interface Chunk {
  /** String index range of the statement text (leading comments/whitespace trimmed, `;` excluded). */
  start: number;
  end: number;
  leadingComments: string[];
  tokens: Token[];
  /** Set by the fast path: the parser's statements for this chunk, locations relative to `start` as if parsed alone. */
  stmts?: RawStmt[];
}

interface Split {
  chunks: Chunk[];
  /** Every comment token, as [start, end) string indexes. */
  comments: { start: number; end: number }[];
  problems: { kind: ParseProblem['kind']; start: number; end: number; message: string }[];
  /** Set when an unterminated quote or comment stopped splitting: everything from `start` on is unparsed. */
  cut?: { index: number; what: string; start: number };
}

const COMMENT_TOKENS = new Set(['SQL_COMMENT', 'C_COMMENT']);

/**
 * Split SQL text into statement chunks with the Postgres scanner, so that one bad
 * statement can be reported while its neighbours are still parsed.
 */
function splitText(text: string, map: PositionMap): Split {
  const split: Split = { chunks: [], comments: [], problems: [] };
  let pre: PreLex | undefined;
  let segments: { start: number; end: number }[] = [{ start: 0, end: text.length }];
  if (text.includes('\\')) {
    pre = preLex(text);
    segments = [];
    let from = 0;
    for (const x of pre.excluded) {
      if (x.start > from) segments.push({ start: from, end: x.start });
      if (x.kind === 'meta-command') {
        const command = text.slice(x.start, x.end).trim();
        const include = /^\\i/.test(command) ? ' (the file it includes is not linted here)' : '';
        split.problems.push({
          kind: 'meta-command',
          start: x.start,
          end: x.end,
          message: `psql meta-command skipped${include}: ${command.length > 60 ? command.slice(0, 57) + '…' : command}`,
        });
      }
      from = x.end;
    }
    if (from < text.length) segments.push({ start: from, end: text.length });
  }
  for (const seg of segments) {
    if (split.cut) break;
    const segText = text.slice(seg.start, seg.end);
    if (!/\S/.test(segText)) continue;
    let tokens = scan(segText);
    if (!tokens) {
      // The scanner rejects the whole text on an unterminated quote or comment:
      // scan up to it, keep the statements before, report the rest as one error.
      pre ??= preLex(text);
      const u = pre.unterminated;
      if (u && u.index >= seg.start && u.index < seg.end) {
        tokens = scan(text.slice(seg.start, u.index)) ?? [];
        split.cut = { index: u.index, what: u.what, start: u.index };
      } else {
        // The pre-lexer found nothing the scanner disliked: parse the segment whole, the parser says why.
        split.chunks.push({ start: firstNonSpace(text, seg.start), end: trimEnd(text, seg.end), leadingComments: [], tokens: [] });
        continue;
      }
    }
    const segByte = map.byteOfIndex(seg.start);
    let current: Chunk | undefined;
    let comments: string[] = [];
    let depth = 0; // BEGIN ATOMIC ... END bodies hold semicolons that do not end the statement
    let parens = 0; // CREATE RULE … DO (a; b): like psql, no split inside parentheses there
    let rule = false;
    let prev = '';
    for (const t of tokens) {
      const a = map.indexOfByte(segByte + t.start);
      const b = map.indexOfByte(segByte + t.end);
      if (COMMENT_TOKENS.has(t.tokenName)) {
        split.comments.push({ start: a, end: b });
        if (!current) comments.push(text.slice(a, b));
        continue;
      }
      if (t.text === ';' && depth === 0 && parens === 0) {
        if (current) split.chunks.push(current);
        current = undefined;
        comments = [];
        prev = '';
        rule = false;
        continue;
      }
      const upper = t.text.toUpperCase();
      if (!current) current = { start: a, end: b, leadingComments: comments, tokens: [] };
      current.end = b;
      // Only DO and CREATE FUNCTION/PROCEDURE read their tokens later (embeddedStatements); keeping every
      // token of every statement cost ~500 MB on a 50 MB file of INSERTs.
      const keep = current.tokens.length === 0 || current.tokens[0]!.upper === 'CREATE' || current.tokens[0]!.upper === 'DO';
      if (keep) current.tokens.push({ start: a, end: b, upper, name: t.tokenName });
      if (upper === 'RULE' && current.tokens.length <= 4 && current.tokens[0]!.upper === 'CREATE') rule = true;
      if (rule && t.text === '(') parens++;
      else if (rule && t.text === ')') parens = Math.max(0, parens - 1);
      if (upper === 'ATOMIC' && prev === 'BEGIN') depth++;
      else if (depth > 0 && upper === 'CASE') depth++;
      else if (depth > 0 && upper === 'END') depth--;
      prev = upper;
    }
    if (current) {
      if (split.cut) split.cut.start = current.start; // the statement the quote opened in is unparsed
      else split.chunks.push(current);
    }
  }
  return split;
}

// ---------------------------------------------------------------------------
// Fast path: one parse of the whole file

/** Files above this size take the windowed scanner path (one parse tree of a huge file is too big). */
const WHOLE_FILE_MAX = 1 << 20;

/** Fields of libpg_query nodes holding byte offsets into the parsed text. */
const OFFSET_FIELDS = new Set(['location', 'stmt_location', 'name_location', 'list_start', 'list_end', 'rexpr_list_start', 'rexpr_list_end']);

/**
 * Split by parsing the whole file once: the parser gives each statement's first
 * token and length, a JS lexer the comments. Undefined (take the scanner path)
 * when the file has a syntax error, a backslash (psql meta-commands, COPY data,
 * E'' escapes), is very large, or when the lexer and the parser disagree about a
 * statement boundary.
 */
function wholeFileSplit(text: string, map: PositionMap): Split | undefined {
  if (text.length > WHOLE_FILE_MAX || !/\S/.test(text)) return undefined;
  if (text.includes('\\')) {
    const pre = preLex(text); // psql meta-commands and COPY data are cut out by the scanner path
    if (pre.excluded.length || pre.unterminated) return undefined;
  }
  const lex = lexComments(text);
  if (!lex) return undefined;
  let tree: ParseResult;
  try {
    tree = parseSync(text);
  } catch {
    return undefined;
  }
  const { comments, semicolons } = lex;
  const commentEnd = new Map(comments.map((c) => [c.start, c.end]));
  const commentStart = new Map(comments.map((c) => [c.end, c.start]));
  const chunks: Chunk[] = [];
  let ci = 0;
  let si = 0;
  for (const raw of tree.stmts ?? []) {
    const loc = raw.stmt_location ?? 0;
    const first = map.indexOfByte(loc);
    let start = first;
    for (;;) {
      while (start < text.length && isSpace(text.charCodeAt(start))) start++;
      const e = commentEnd.get(start);
      if (e === undefined) break;
      start = e;
    }
    // The parser points at the statement's first token: anything skipped there means the lexer misread the text.
    if (start !== first && loc !== 0) return undefined;
    const stop = raw.stmt_len ? map.indexOfByte(loc + raw.stmt_len) : text.length;
    if (raw.stmt_len && text[stop] !== ';') return undefined;
    let end = stop;
    for (;;) {
      while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
      const s = commentStart.get(end);
      if (s === undefined || s < start) break;
      end = s;
    }
    if (end <= start) return undefined;
    while (si < semicolons.length && semicolons[si]! < start) si++;
    const after = si > 0 ? semicolons[si - 1]! : -1;
    if (raw.stmt_len && !semicolons.includes(stop, si)) return undefined;
    const leadingComments: string[] = [];
    while (ci < comments.length && comments[ci]!.end <= start) {
      const c = comments[ci++]!;
      if (c.start > after) leadingComments.push(text.slice(c.start, c.end));
    }
    while (ci < comments.length && comments[ci]!.start < end) ci++; // inside the statement
    const stmt = raw.stmt;
    const delta = map.byteOfIndex(start);
    if (delta && stmt) rebase(stmt, delta);
    chunks.push({ start, end, leadingComments, tokens: [], stmts: [{ stmt }] });
  }
  return { chunks, comments, problems: [] };
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0xfeff || c === 0x2028 || c === 0x2029 || (c >= 0x2000 && c <= 0x200a) || c === 0x1680 || c === 0x202f || c === 0x205f || c === 0x3000;
}

/** Make a node's byte offsets relative to `delta` (where its statement starts), as a parse of the statement alone gives them (0 is left out, like libpg_query does). */
function rebase(tree: unknown, delta: number): void {
  if (Array.isArray(tree)) {
    for (const n of tree) if (n && typeof n === 'object') rebase(n, delta);
    return;
  }
  const node = tree as Record<string, unknown>;
  for (const key in node) {
    const v = node[key];
    if (typeof v === 'number') {
      if (v >= delta && OFFSET_FIELDS.has(key)) {
        if (v === delta) delete node[key];
        else node[key] = v - delta;
      }
    } else if (v && typeof v === 'object') rebase(v, delta);
  }
}

/**
 * Comments and top-level semicolons, lexed like the Postgres scanner (and preLex):
 * quoted strings (E'' with backslash escapes), quoted identifiers, dollar quotes
 * and nested block comments are skipped. Undefined on an unterminated one.
 */
function lexComments(text: string): { comments: { start: number; end: number }[]; semicolons: number[] } | undefined {
  const comments: { start: number; end: number }[] = [];
  const semicolons: number[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 45 /* - */ && text.charCodeAt(i + 1) === 45) {
      const start = i;
      while (i < n && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
      comments.push({ start, end: i });
    } else if (c === 47 /* / */ && text.charCodeAt(i + 1) === 42) {
      const start = i;
      let depth = 0;
      while (i < n) {
        if (text.charCodeAt(i) === 47 && text.charCodeAt(i + 1) === 42) (depth++, (i += 2));
        else if (text.charCodeAt(i) === 42 && text.charCodeAt(i + 1) === 47) {
          i += 2;
          if (--depth === 0) break;
        } else i++;
      }
      if (depth > 0) return undefined;
      comments.push({ start, end: i });
    } else if (c === 39 /* ' */ || c === 34 /* " */) {
      const close = closingQuote(text, i);
      if (close < 0) return undefined;
      i = close + 1;
    } else if (c === 36 /* $ */ && !isIdentChar(text[i - 1])) {
      DOLLAR_TAG.lastIndex = i;
      const m = DOLLAR_TAG.exec(text);
      if (m) {
        const close = text.indexOf(m[0], i + m[0].length);
        if (close < 0) return undefined;
        i = close + m[0].length;
      } else i++;
    } else {
      if (c === 59 /* ; */) semicolons.push(i);
      i++;
    }
  }
  return { comments, semicolons };
}

/**
 * The string constants of a chunk as scanner-like tokens (SCONST for '…', E'…' and
 * dollar quotes; USCONST, BCONST, XCONST for the other prefixes), found by the same
 * lexer rules as lexComments: what locateBody needs, without running the scanner.
 */
function stringTokens(text: string, chunk: Chunk): Token[] {
  const out: Token[] = [];
  const end = chunk.end;
  let i = chunk.start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 45 && text.charCodeAt(i + 1) === 45) {
      while (i < end && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
      let depth = 0;
      while (i < end) {
        if (text.charCodeAt(i) === 47 && text.charCodeAt(i + 1) === 42) (depth++, (i += 2));
        else if (text.charCodeAt(i) === 42 && text.charCodeAt(i + 1) === 47) {
          i += 2;
          if (--depth === 0) break;
        } else i++;
      }
    } else if (c === 39 || c === 34) {
      const open = i;
      const close = closingQuote(text, i);
      i = close < 0 ? end : close + 1;
      if (c === 34) continue;
      const p = text[open - 1];
      const prefixed = !!p && /[A-Za-z&]/.test(p) && !isIdentChar(text[open - (p === '&' ? 3 : 2)]);
      if (p === '&' && /[Uu]/.test(text[open - 2] ?? '')) out.push({ start: open - 2, end: i, upper: '', name: 'USCONST' });
      else if (prefixed && /[Ee]/.test(p!)) out.push({ start: open - 1, end: i, upper: '', name: 'SCONST' });
      else if (prefixed && /[BbXx]/.test(p!)) out.push({ start: open - 1, end: i, upper: '', name: /[Bb]/.test(p!) ? 'BCONST' : 'XCONST' });
      else out.push({ start: open, end: i, upper: '', name: 'SCONST' });
    } else if (c === 36 && !isIdentChar(text[i - 1])) {
      DOLLAR_TAG.lastIndex = i;
      const m = DOLLAR_TAG.exec(text);
      if (m) {
        const close = text.indexOf(m[0], i + m[0].length);
        const stop = close < 0 ? end : close + m[0].length;
        out.push({ start: i, end: stop, upper: '', name: 'SCONST' });
        i = stop;
      } else i++;
    } else i++;
  }
  return out;
}

/**
 * Index of the quote closing the string or quoted identifier opened at `open`
 * (a doubled quote continues it); -1 when unterminated. In E'' strings a
 * backslash escapes the next character.
 */
function closingQuote(text: string, open: number): number {
  const q = text[open]!;
  const escapes = q === "'" && (text[open - 1] === 'E' || text[open - 1] === 'e') && !isIdentChar(text[open - 2]);
  if (!escapes) {
    let i = text.indexOf(q, open + 1);
    while (i >= 0 && text[i + 1] === q) i = text.indexOf(q, i + 2);
    return i;
  }
  for (let i = open + 1; i < text.length; i++) {
    const d = text[i];
    if (escapes && d === '\\') i++;
    else if (d === q) {
      if (text[i + 1] !== q) return i;
      i++;
    }
  }
  return -1;
}

/** The scanner's tokens of one chunk (what embeddedStatements reads for DO blocks and function bodies). */
function chunkTokens(text: string, chunk: Chunk, map: PositionMap): Token[] {
  const tokens = scan(text.slice(chunk.start, chunk.end)) ?? [];
  const base = map.byteOfIndex(chunk.start);
  return tokens
    .filter((t) => !COMMENT_TOKENS.has(t.tokenName))
    .map((t) => ({ start: map.indexOfByte(base + t.start), end: map.indexOfByte(base + t.end), upper: t.text.toUpperCase(), name: t.tokenName }));
}

function scan(text: string): { start: number; end: number; text: string; tokenName: string }[] | undefined {
  try {
    return scanTokens(text); // windowed: a whole 50 MB file in one scan comes back empty
  } catch {
    return undefined;
  }
}

function firstNonSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i;
}

function trimEnd(text: string, end: number): number {
  let i = end;
  while (i > 0 && /\s/.test(text[i - 1]!)) i--;
  return i;
}

// ---------------------------------------------------------------------------
// Parsing

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
    const first = placeholders[0]!;
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

function errorMessage(err: unknown): string {
  return (err as { message?: string })?.message ?? String(err);
}

/**
 * String index in `text` of a parse error's cursor within the statement starting
 * at `chunkStart`. Unlike token locations (bytes), Postgres reports the error
 * cursor in characters (scanner_errposition counts with pg_mbstrlen_with_len).
 */
function errorIndex(err: unknown, chunkStart: number, text: string): number {
  const cursor = (err as { sqlDetails?: { cursorPosition?: number } })?.sqlDetails?.cursorPosition;
  if (cursor === undefined || cursor < 0) return chunkStart;
  let i = chunkStart;
  for (let n = 0; n < cursor && i < text.length; n++) i += (text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
  return i;
}

// ---------------------------------------------------------------------------
// Embedded statements: DO blocks and function bodies

interface Body {
  text: string;
  /** File string index of body index k. */
  at: (k: number) => number;
}

/** Locate the string constant holding a DO/function body in the file and map its characters back. */
function locateBody(body: string, chunk: Chunk, text: string, location: number | undefined, map: PositionMap): Body | undefined {
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
      return { text: body, at: (k) => offsets[Math.max(0, Math.min(k, offsets.length - 1))]! };
    }
    // E'…' and other forms: positions fall back to the string's start.
    return { text: body, at: () => t.start };
  }
  return undefined;
}

/** Language and body of a DoStmt / CreateFunctionStmt. */
function routineParts(statement: Statement): { language: string; body?: string; location?: number; atomic: boolean } {
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

interface Extracted {
  statements: Statement[];
  problems: { kind: ParseProblem['kind']; message: string; range: Range }[];
}

/**
 * Statements inside a DO block or a function body, as `embedded` statements
 * whose ranges are their true file positions. PL/pgSQL bodies go through the
 * PL/pgSQL parser (plain SQL statements, and EXECUTE of string literals);
 * LANGUAGE sql bodies (quoted or BEGIN ATOMIC) are split like a file.
 */
function embeddedStatements(statement: Statement, chunk: Chunk, text: string, map: PositionMap): Extracted {
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
    const start = chunk.tokens[atomic]!.end;
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

function lineEndOf(text: string, from: number): number {
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
