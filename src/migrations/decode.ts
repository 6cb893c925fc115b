// Turning a migration file's bytes into text, and refusing what is not a file
// of text at all. Editors on Windows save UTF-16 with a byte-order mark; a
// Latin-1 file has bytes that are not UTF-8; a PNG renamed .sql is binary; a
// named pipe called x.sql blocks the reader forever. Each gets a clear answer
// here instead of a hang, a crash or a silently truncated parse (the parser
// stops reading at a NUL byte).
import { lstatSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';

/** Where the first byte that is not UTF-8 sits (1-based line and column, the byte in hex). */
export interface InvalidUtf8 {
  line: number;
  column: number;
  byte: string;
}

/** A file's text (with where it stopped being valid UTF-8, if it did), or why it is not SQL text. */
export type Decoded = { ok: true; text: string; encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; invalid?: InvalidUtf8 } | { ok: false; why: string };

/** Decode a migration file: UTF-8 (BOM dropped), UTF-16 with a BOM; NUL bytes mean binary; invalid UTF-8 is decoded with U+FFFD and located. */
export function decodeSql(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: true, text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { ok: true, text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  const nul = body.indexOf(0);
  if (nul >= 0) {
    const where = lineOf(body, nul);
    // UTF-16 without a BOM: every other byte of ASCII text is NUL.
    const utf16 = body.length >= 4 && (body[1] === 0 || body[0] === 0) && (body[3] === 0 || body[2] === 0);
    return {
      ok: false,
      why: utf16 ? `it looks like UTF-16 text without a byte-order mark (NUL bytes from line ${where}); save it as UTF-8` : `it is a binary file, not SQL text (a NUL byte at line ${where})`,
    };
  }
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  if (isUtf8(body)) return { ok: true, text, encoding: 'utf-8' };
  return { ok: true, text, encoding: 'utf-8', invalid: firstInvalidUtf8(body) };
}

/** 1-based line of byte `index` (LF, CRLF and lone CR end lines, as the parser counts them). */
function lineOf(bytes: Uint8Array, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) {
    if (bytes[i] === 10 || (bytes[i] === 13 && bytes[i + 1] !== 10)) line++;
  }
  return line;
}

/** The first byte that does not start or continue a well-formed UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): InvalidUtf8 {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    let ok = need >= 0 && i + need < bytes.length;
    for (let k = 1; ok && k <= need; k++) ok = (bytes[i + k] & 0xc0) === 0x80;
    // Overlong forms, surrogates and code points above U+10FFFF are not UTF-8 either.
    if (ok && need === 2) ok = !(b === 0xe0 && bytes[i + 1] < 0xa0) && !(b === 0xed && bytes[i + 1] >= 0xa0);
    if (ok && need === 3) ok = !(b === 0xf0 && bytes[i + 1] < 0x90) && !(b === 0xf4 && bytes[i + 1] >= 0x90);
    if (!ok) break;
    i += need + 1;
  }
  const line = lineOf(bytes, i);
  let start = i;
  while (start > 0 && bytes[start - 1] !== 10 && bytes[start - 1] !== 13) start--;
  const column = [...Buffer.from(bytes.buffer, bytes.byteOffset + start, i - start).toString('utf8')].length + 1;
  return { line, column, byte: `0x${(bytes[i] ?? 0).toString(16).padStart(2, '0')}` };
}

/**
 * Why `path` cannot be read as a migration file without reading it, or undefined
 * when it is a regular file (or does not exist: the read reports that). A FIFO or
 * device would block the reader, so it is never opened.
 */
export function whyNotAFile(path: string): string | undefined {
  let st;
  try {
    st = statSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return 'ELOOP: it is a symlink loop';
    if (code === 'ENOENT') {
      try {
        if (lstatSync(path).isSymbolicLink()) return `ENOENT: it is a broken symlink (its target ${readlinkSync(path)} does not exist)`;
      } catch {
        // not there at all: the read says so
      }
    }
    return undefined;
  }
  if (st.isFile()) return undefined;
  if (st.isDirectory()) return 'it is a folder, not a file';
  const kind = st.isFIFO() ? 'a named pipe (FIFO)' : st.isSocket() ? 'a socket' : st.isCharacterDevice() ? 'a character device' : st.isBlockDevice() ? 'a block device' : 'a special file';
  return `it is ${kind}, not a regular file (reading it could block forever)`;
}

/** A file's text for showing code frames: decoded like the linter reads it; undefined when it is not a readable regular file. */
export function readSourceText(path: string): string | undefined {
  if (whyNotAFile(path)) return undefined;
  try {
    const d = decodeSql(readFileSync(path));
    return d.ok ? d.text : undefined;
  } catch {
    return undefined;
  }
}
