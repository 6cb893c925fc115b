// Identifiers as written in the SQL text. The parser already truncates names
// to NAMEDATALEN-1 (63 bytes) in the AST, exactly like the server, so the
// original spelling and length are only visible in the scanner's tokens.

import { scanSync } from '../sql/pg-parser';
import type { Range, Statement } from '../types';

/** Postgres's NAMEDATALEN - 1: the longest identifier it keeps, in bytes. */
export const MAX_IDENTIFIER_BYTES = 63;

export interface WrittenIdentifier {
  /** The identifier after quote removal and case folding, as Postgres would read it before truncation. */
  name: string;
  bytes: number;
  /** What Postgres keeps: the longest prefix of whole characters that fits in 63 bytes. */
  truncated: string;
  range: Range;
}

const IDENT = 258;
const UIDENT = 259;

/** The identifier a token spells (quotes removed, unquoted names lower-cased like Postgres does: ASCII only). */
function identifierText(token: string): string {
  if (token.startsWith('"')) return token.slice(1, -1).replace(/""/g, '"');
  if (/^u&"/i.test(token)) {
    return token
      .slice(3, -1)
      .replace(/""/g, '"')
      .replace(/\\\+([0-9a-fA-F]{6})|\\([0-9a-fA-F]{4})|\\\\/g, (m, six: string | undefined, four: string | undefined) =>
        m === '\\\\' ? '\\' : String.fromCodePoint(parseInt(six ?? four ?? '', 16)),
      );
  }
  return token.replace(/[A-Z]+/g, (s) => s.toLowerCase());
}

/** The longest prefix of whole characters of `name` that fits in `max` UTF-8 bytes. */
export function clipToBytes(name: string, max = MAX_IDENTIFIER_BYTES): string {
  let bytes = 0;
  let out = '';
  for (const ch of name) {
    const len = Buffer.byteLength(ch, 'utf8');
    if (bytes + len > max) break;
    bytes += len;
    out += ch;
  }
  return out;
}

// Runs of identifier characters, or quoted identifiers (U&"…" escapes only ever shrink when decoded).
const CANDIDATE = /[A-Za-z0-9_$\u0080-\uffff]+|"(?:[^"]|"")*"/g;

/** Cheap pre-check before scanning: some run of identifier text is longer than 63 bytes. */
function mayHoldLongIdentifier(sql: string): boolean {
  if (sql.length <= MAX_IDENTIFIER_BYTES / 4) return false;
  for (const m of sql.matchAll(CANDIDATE)) {
    if (m[0].length > MAX_IDENTIFIER_BYTES / 4 && Buffer.byteLength(m[0], 'utf8') > MAX_IDENTIFIER_BYTES) return true;
  }
  return false;
}

/** Identifiers in a statement's text longer than 63 bytes, with their exact place in the file. */
export function longIdentifiers(statement: Statement): WrittenIdentifier[] {
  const sql = statement.sql;
  if (!mayHoldLongIdentifier(sql)) return [];
  let tokens: { start: number; end: number; tokenType: number }[];
  try {
    tokens = scanSync(sql).tokens;
  } catch {
    return [];
  }
  const bytes = Buffer.from(sql, 'utf8');
  const out: WrittenIdentifier[] = [];
  for (const t of tokens) {
    if (t.tokenType !== IDENT && t.tokenType !== UIDENT) continue;
    const text = bytes.subarray(t.start, t.end).toString('utf8');
    const name = identifierText(text);
    const size = Buffer.byteLength(name, 'utf8');
    if (size <= MAX_IDENTIFIER_BYTES) continue;
    const startIndex = bytes.subarray(0, t.start).toString('utf8').length;
    out.push({ name, bytes: size, truncated: clipToBytes(name), range: rangeIn(statement, startIndex, startIndex + text.length) });
  }
  return out;
}

/** File range of the UTF-16 index span [start, end) of `statement.sql`; the whole statement for embedded SQL, whose text is not the file's. */
function rangeIn(statement: Statement, start: number, end: number): Range {
  if (statement.embedded) return statement.range;
  const at = (index: number) => {
    const before = statement.sql.slice(0, index);
    const lines = before.split(/\r\n|\r|\n/);
    const line = statement.range.line + lines.length - 1;
    const column = lines.length === 1 ? statement.range.column + index : lines[lines.length - 1].length + 1;
    return { line, column };
  };
  const s = at(start);
  const e = at(end);
  return { line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
}
