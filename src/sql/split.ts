// Splitting a file into statements: the fast path (one parse of the whole file, a
// small lexer for comments) and the Postgres scanner's split at top-level `;` when
// the fast path cannot be used (a syntax error, psql meta-commands, a huge file).

import type { ParseResult, RawStmt } from '@pgsql/types';
import { parseSync, scanTokens } from './pg-parser';
import type { PositionMap } from './position-map';
import { preLex, type PreLex } from './pre-lex';
import { closingQuote, dollarQuote, isIdentChar, skipBlockComment, skipLineComment } from './lex';
import type { ParseProblem } from '../types';

export interface Token {
  /** String indexes into the split text. */
  start: number;
  end: number;
  upper: string;
  name: string;
}

export interface Chunk {
  /** String index range of the statement text (leading comments/whitespace trimmed, `;` excluded). */
  start: number;
  end: number;
  leadingComments: string[];
  tokens: Token[];
  /** Set by the fast path: the parser's statements for this chunk, locations relative to `start` as if parsed alone. */
  stmts?: RawStmt[];
}

export interface Split {
  chunks: Chunk[];
  /** Every comment token, as [start, end) string indexes. */
  comments: { start: number; end: number }[];
  problems: { kind: ParseProblem['kind']; start: number; end: number; message: string }[];
  /** Set when an unterminated quote or comment stopped splitting: everything from `start` on is unparsed. */
  cut?: { index: number; what: string; start: number };
}

export const COMMENT_TOKENS = new Set(['SQL_COMMENT', 'C_COMMENT']);

/**
 * Split SQL text into statement chunks with the Postgres scanner, so that one bad
 * statement can be reported while its neighbours are still parsed.
 */
export function splitText(text: string, map: PositionMap): Split {
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
      const keep = current.tokens.length === 0 || current.tokens[0].upper === 'CREATE' || current.tokens[0].upper === 'DO';
      if (keep) current.tokens.push({ start: a, end: b, upper, name: t.tokenName });
      if (upper === 'RULE' && current.tokens.length <= 4 && current.tokens[0].upper === 'CREATE') rule = true;
      if (rule && t.text === '(') parens++;
      else if (rule && t.text === ')') parens = Math.max(0, parens - 1);
      if (upper === 'ATOMIC' && prev === 'BEGIN') depth++;
      else if (depth > 0 && upper === 'CASE') depth++;
      else if (depth > 0 && upper === 'END') depth--;
      prev = upper;
    }
    if (current) {
      if (split.cut)
        split.cut.start = current.start; // the statement the quote opened in is unparsed
      else split.chunks.push(current);
    }
  }
  return split;
}

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
export function wholeFileSplit(text: string, map: PositionMap): Split | undefined {
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
    while (si < semicolons.length && semicolons[si] < start) si++;
    const after = si > 0 ? semicolons[si - 1] : -1;
    if (raw.stmt_len && !semicolons.includes(stop, si)) return undefined;
    const leadingComments: string[] = [];
    while (ci < comments.length && comments[ci].end <= start) {
      const c = comments[ci++];
      if (c.start > after) leadingComments.push(text.slice(c.start, c.end));
    }
    while (ci < comments.length && comments[ci].start < end) ci++; // inside the statement
    const stmt = raw.stmt;
    const delta = map.byteOfIndex(start);
    if (delta && stmt) rebase(stmt, delta);
    chunks.push({ start, end, leadingComments, tokens: [], stmts: [{ stmt }] });
  }
  return { chunks, comments, problems: [] };
}

export function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0xfeff || c === 0x2028 || c === 0x2029 || (c >= 0x2000 && c <= 0x200a) || c === 0x1680 || c === 0x202f || c === 0x205f || c === 0x3000;
}

/** Make a node's byte offsets relative to `delta` (where its statement starts), as a parse of the statement alone gives them (0 is left out, like libpg_query does). */
export function rebase(tree: unknown, delta: number): void {
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
export function lexComments(text: string): { comments: { start: number; end: number }[]; semicolons: number[] } | undefined {
  const comments: { start: number; end: number }[] = [];
  const semicolons: number[] = [];
  const n = text.length;
  let i = 0;
  let dollar: ReturnType<typeof dollarQuote>;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 45 /* - */ && text.charCodeAt(i + 1) === 45) {
      const start = i;
      i = skipLineComment(text, i);
      comments.push({ start, end: i });
    } else if (c === 47 /* / */ && text.charCodeAt(i + 1) === 42) {
      const start = i;
      i = skipBlockComment(text, i);
      if (i < 0) return undefined;
      comments.push({ start, end: i });
    } else if (c === 39 /* ' */ || c === 34 /* " */) {
      const close = closingQuote(text, i);
      if (close < 0) return undefined;
      i = close + 1;
    } else if (c === 36 /* $ */ && (dollar = dollarQuote(text, i))) {
      if (dollar.end < 0) return undefined;
      i = dollar.end;
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
export function stringTokens(text: string, chunk: Chunk): Token[] {
  const out: Token[] = [];
  const end = chunk.end;
  let i = chunk.start;
  let dollar: ReturnType<typeof dollarQuote>;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 45 && text.charCodeAt(i + 1) === 45) {
      i = skipLineComment(text, i, end);
    } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const after = skipBlockComment(text, i, end);
      i = after < 0 ? end : after;
    } else if (c === 39 || c === 34) {
      const open = i;
      const close = closingQuote(text, i);
      i = close < 0 ? end : close + 1;
      if (c === 34) continue;
      const p = text[open - 1];
      const prefixed = !!p && /[A-Za-z&]/.test(p) && !isIdentChar(text[open - (p === '&' ? 3 : 2)]);
      if (p === '&' && /[Uu]/.test(text[open - 2] ?? '')) out.push({ start: open - 2, end: i, upper: '', name: 'USCONST' });
      else if (prefixed && /[Ee]/.test(p)) out.push({ start: open - 1, end: i, upper: '', name: 'SCONST' });
      else if (prefixed && /[BbXx]/.test(p)) out.push({ start: open - 1, end: i, upper: '', name: /[Bb]/.test(p) ? 'BCONST' : 'XCONST' });
      else out.push({ start: open, end: i, upper: '', name: 'SCONST' });
    } else if (c === 36 && (dollar = dollarQuote(text, i))) {
      const stop = dollar.end < 0 ? end : dollar.end;
      out.push({ start: i, end: stop, upper: '', name: 'SCONST' });
      i = stop;
    } else i++;
  }
  return out;
}

/** The scanner's tokens of one chunk (what embeddedStatements reads for DO blocks and function bodies). */
export function chunkTokens(text: string, chunk: Chunk, map: PositionMap): Token[] {
  const tokens = scan(text.slice(chunk.start, chunk.end)) ?? [];
  const base = map.byteOfIndex(chunk.start);
  return tokens
    .filter((t) => !COMMENT_TOKENS.has(t.tokenName))
    .map((t) => ({ start: map.indexOfByte(base + t.start), end: map.indexOfByte(base + t.end), upper: t.text.toUpperCase(), name: t.tokenName }));
}

export function scan(text: string): { start: number; end: number; text: string; tokenName: string }[] | undefined {
  try {
    return scanTokens(text); // windowed: a whole 50 MB file in one scan comes back empty
  } catch {
    return undefined;
  }
}

export function firstNonSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && /\s/.test(text[i])) i++;
  return i;
}

export function trimEnd(text: string, end: number): number {
  let i = end;
  while (i > 0 && /\s/.test(text[i - 1])) i--;
  return i;
}
