// The only module that talks to the Postgres parser (libpg_query compiled to
// WASM, npm `libpg-query`, Postgres 18 grammar). Everything else sees
// `Statement`s with 1-based line/column ranges; libpg_query's *byte* offsets are
// converted here, once. Keeping the parser behind this file lets it be swapped
// (see README, design notes: pg-query-emscripten was measured and rejected).

import { loadModule, parseSync, scanSync } from 'libpg-query';
import type { ParsedSql, ParseProblem, Range, SqlSource, Statement } from '../types';

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

  constructor(
    readonly text: string,
    private readonly firstLine: number,
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
      let b = 0;
      for (let i = 0; i < text.length; i++) {
        const cp = text.codePointAt(i)!;
        const len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        for (let k = 0; k < len; k++) map[b + k] = i;
        b += len;
        if (cp >= 0x10000) i++; // surrogate pair: two UTF-16 units, one code point
      }
      map[bytes] = text.length;
      this.byteToIndex = map;
    }
  }

  /** UTF-16 index of a UTF-8 byte offset. */
  indexOfByte(byte: number): number {
    if (!this.byteToIndex) return Math.min(byte, this.text.length);
    return this.byteToIndex[Math.max(0, Math.min(byte, this.byteToIndex.length - 1))]!;
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
    const start = this.lineStarts[lo]!;
    // Columns count code points, as editors and GitHub annotations do.
    const column = [...this.text.slice(start, index)].length + 1;
    return { line: this.firstLine + lo, column };
  }

  /** Range of the string slice [start, end). */
  range(start: number, end: number): Range {
    const a = this.position(start);
    const b = this.position(Math.max(start, end));
    return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  }
}

interface Chunk {
  /** String index range of the statement text (leading comments/whitespace trimmed, `;` excluded). */
  start: number;
  end: number;
  leadingComments: string[];
}

const COMMENT_TOKENS = new Set(['SQL_COMMENT', 'C_COMMENT']);

/**
 * Split SQL text into statement chunks with the Postgres scanner, so that one bad
 * statement can be reported while its neighbours are still parsed.
 */
export function splitStatements(text: string, map: PositionMap): Chunk[] {
  assertLoaded();
  let tokens;
  try {
    tokens = scanSync(text).tokens;
  } catch {
    // Unterminated quote or comment: the scanner gives up on the whole text.
    return [{ start: firstNonSpace(text, 0), end: trimEnd(text, text.length), leadingComments: [] }];
  }
  const chunks: Chunk[] = [];
  let start = -1;
  let comments: string[] = [];
  let depth = 0; // BEGIN ATOMIC ... END bodies hold semicolons that do not end the statement
  let prev = '';
  let chunkEnd = 0;
  for (const t of tokens) {
    const a = map.indexOfByte(t.start);
    const b = map.indexOfByte(t.end);
    if (COMMENT_TOKENS.has(t.tokenName)) {
      if (start < 0) comments.push(text.slice(a, b));
      continue;
    }
    const upper = t.text.toUpperCase();
    if (t.text === ';' && depth === 0) {
      if (start >= 0) chunks.push({ start, end: a, leadingComments: comments });
      start = -1;
      comments = [];
      prev = '';
      continue;
    }
    if (start < 0) start = a;
    if (upper === 'ATOMIC' && prev === 'BEGIN') depth++;
    else if (depth > 0 && upper === 'CASE') depth++;
    else if (depth > 0 && upper === 'END') depth--;
    prev = upper;
    chunkEnd = b;
  }
  if (start >= 0) chunks.push({ start, end: chunkEnd, leadingComments: comments });
  return chunks.map((c) => ({ ...c, end: trimEnd(text, c.end) }));
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

/** Parse one SQL source into statements with exact ranges; syntax errors become problems, never exceptions. */
export function parseSql(source: SqlSource): ParsedSql {
  assertLoaded();
  const text = source.text.charCodeAt(0) === 0xfeff ? ' ' + source.text.slice(1) : source.text; // BOM: keep indexes stable
  const map = new PositionMap(text, source.firstLine);
  const statements: Statement[] = [];
  const problems: ParseProblem[] = [];
  for (const chunk of splitStatements(text, map)) {
    const sql = text.slice(chunk.start, chunk.end);
    try {
      const result = parseSync(sql);
      for (const raw of result.stmts ?? []) {
        const kind = Object.keys(raw.stmt ?? {})[0] ?? 'Unknown';
        statements.push({
          kind,
          node: (raw.stmt as any)[kind],
          sql,
          file: source.file,
          range: map.range(chunk.start, chunk.end),
          leadingComments: chunk.leadingComments,
        });
      }
    } catch (err) {
      const e = err as { message?: string; sqlDetails?: { cursorPosition?: number } };
      const cursor = e.sqlDetails?.cursorPosition;
      const at = cursor !== undefined && cursor >= 0 ? chunk.start + new PositionMap(sql, 1).indexOfByte(cursor) : chunk.start;
      const pos = map.position(at);
      problems.push({
        kind: 'syntax-error',
        message: e.message ?? String(err),
        file: source.file,
        range: { line: pos.line, column: pos.column, endLine: pos.line, endColumn: pos.column + 1 },
      });
    }
  }
  return { statements, problems };
}
