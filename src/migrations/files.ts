// File-system helpers shared by the layouts: listing a folder, reading a file as
// an SqlSource (or an `unreadable-file` finding), splitting one file into
// sections that keep the file's true line numbers.
import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { finding } from '../report/finding';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { Finding, SqlSource } from '../types';
import { decodeSql, whyNotAFile, type InvalidUtf8 } from './decode';

/** Whether `path` exists and is a directory. */
export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Whether `path` exists and is a file. */
export function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The entries of a folder, split into files and subfolders, each sorted by name. */
export interface Listing {
  files: string[];
  dirs: string[];
}

/** List `dir` (names only); an unreadable folder lists as empty. */
export function listDir(dir: string): Listing {
  const files: string[] = [];
  const dirs: string[] = [];
  let entries: Dirent[] = [];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return { files, dirs };
  }
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const name = entry.name;
    if (name.startsWith('.')) continue;
    // The entry type is free; only a symlink needs a stat to learn what it points to.
    let isDir = entry.isDirectory();
    if (entry.isSymbolicLink()) {
      try {
        isDir = statSync(join(dir, name)).isDirectory();
      } catch {
        // A dangling symlink is a file we will fail to read, reported then.
      }
    }
    (isDir ? dirs : files).push(name);
  }
  return { files, dirs };
}

/**
 * How one discovery shows paths, and which files it need not read. `show` maps an
 * absolute path to what the user sees (default: relative to `cwd`); `skipRead`
 * (a single-file run) names files whose migrations will be dropped anyway.
 */
export interface PathBase {
  cwd: string;
  show?: (abs: string) => string;
  skipRead?: (abs: string) => boolean;
}

/**
 * The display function for a discovery of `given` (as the user typed it): paths
 * inside `cwd` relative to it; outside it, absolute when `given` was absolute,
 * else relative (the way `given` itself was written). Always `/`-separated.
 */
export function pathShower(given: string, cwd: string): (abs: string) => string {
  return (abs) => {
    const rel = relative(cwd, abs);
    const inside = rel !== '' && !isAbsolute(rel) && rel.split(sep)[0] !== '..';
    const shown = inside || (!isAbsolute(given) && rel && !isAbsolute(rel)) ? rel : abs;
    return sep === '/' ? shown : shown.split(sep).join('/');
  };
}

/** Turns absolute paths into what the user sees: relative to the cwd when inside it, with `/` (or the discovery's own `show`). */
export function displayPath(file: string, base: string | PathBase): string {
  if (typeof base !== 'string') return base.show ? base.show(file) : displayPath(file, base.cwd);
  const cwd = base;
  const rel = relative(cwd, file);
  // Another drive (Windows) has no relative path: keep it absolute.
  const shown = rel && !isAbsolute(rel) ? rel : file;
  return sep === '/' ? shown : shown.split(sep).join('/');
}

/** The result of reading one file: its text (and a finding when it is not valid UTF-8), or a finding saying why it could not be read. */
export type ReadResult = { ok: true; text: string; notice?: Finding } | { ok: false; finding: Finding };

/**
 * Read a text file: UTF-8 (BOM stripped) or UTF-16 with a BOM. Failures become an
 * `unreadable-file` finding naming the file: a folder, FIFO or device (never
 * opened: it could block), a broken symlink, a binary file. Invalid UTF-8 is read
 * with U+FFFD in place of the bad bytes, and `notice` says where they are.
 */
export function readText(file: string, shown: string): ReadResult {
  const special = whyNotAFile(file);
  if (special) return { ok: false, finding: unreadableFinding(shown, special) };
  try {
    const decoded = decodeSql(readFileSync(file));
    if (!decoded.ok) return { ok: false, finding: unreadableFinding(shown, decoded.why) };
    return { ok: true, text: decoded.text, ...(decoded.invalid ? { notice: invalidUtf8Finding(shown, decoded.invalid) } : {}) };
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const message = String(e.message ?? e);
    return { ok: false, finding: unreadableFinding(shown, e.code && !message.startsWith(e.code) ? `${e.code}: ${message}` : message) };
  }
}

/** A `syntax-error` finding for a file that is not valid UTF-8: Postgres refuses such bytes from a UTF8 client. */
function invalidUtf8Finding(shown: string, at: InvalidUtf8): Finding {
  return finding(
    'syntax-error',
    { file: shown, line: at.line, column: at.column, endColumn: at.column + 1 },
    `${shown} is not valid UTF-8 (byte ${at.byte} at line ${at.line}, column ${at.column}): with client_encoding UTF8 Postgres rejects it (invalid byte sequence for encoding "UTF8"). It was linted with the invalid bytes replaced by U+FFFD. Save it as UTF-8 (e.g. \`iconv -f latin1 -t utf-8\`).`,
  );
}

/** An `unreadable-file` finding for `shown` (its migration is skipped; the others continue). */
export function unreadableFinding(shown: string, why: string, migration?: string): Finding {
  return finding('unreadable-file', { file: shown, migration }, `Cannot read ${shown}: ${why}. This migration was skipped; the others were still checked.`);
}

/** A whole file as an SqlSource. */
export function wholeFile(shown: string, text: string): SqlSource {
  return { file: shown, text, firstLine: 1 };
}

/** Split `text` into lines, keeping CRLF-safe indexes. */
export function lines(text: string): string[] {
  return text.split(/\r\n|\n|\r/);
}

/**
 * The section of a file between two marker lines (exclusive of both), as an
 * SqlSource whose firstLine is the file's true line number of the section's first line.
 */
export function section(shown: string, all: string[], startMarker: number, endMarker: number): SqlSource {
  const from = startMarker + 1;
  const to = Math.max(from, endMarker);
  return { file: shown, text: all.slice(from, to).join('\n'), firstLine: from + 1 };
}

/** True when the SQL holds nothing but whitespace and `--` comments (tools like popx skip such files). */
export function isEmptySql(text: string): boolean {
  return lines(text).every((l) => /^\s*(--.*)?$/.test(l));
}

/**
 * Read `path` as a whole-file SqlSource, or push an `unreadable-file` finding to
 * `findings` and return undefined. A file the base says to skip is not read: its
 * source is empty (its migration is dropped by the caller).
 */
export function readSqlFile(path: string, base: string | PathBase, findings: Finding[]): SqlSource | undefined {
  const shown = displayPath(path, base);
  if (typeof base !== 'string' && base.skipRead?.(path)) return wholeFile(shown, '');
  const r = readText(path, shown);
  if (!r.ok) {
    findings.push(r.finding);
    return undefined;
  }
  if (r.notice) findings.push(r.notice);
  return wholeFile(shown, r.text);
}

/** Names of the files in `dir` matching `pattern` (no stat calls), sorted. */
export function filesMatching(dir: string, pattern: RegExp): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => pattern.test(f))
      .sort();
  } catch {
    return [];
  }
}

/** The 0-based line indexes of the first up and first down marker in `all` (-1 when absent). */
export function findMarkers(all: string[], kind: (line: string) => 'up' | 'down' | null): { up: number; down: number } {
  let up = -1;
  let down = -1;
  for (let i = 0; i < all.length; i++) {
    const k = kind(all[i]);
    if (k === 'up' && up < 0) up = i;
    else if (k === 'down' && down < 0) down = i;
  }
  return { up, down };
}

/**
 * The up and down sections of a single-file migration: each runs from the line
 * after its marker to the next marker (or the end), with true line numbers.
 */
export function upDownSections(shown: string, all: string[], markers: { up: number; down: number }): { up: SqlSource; down?: SqlSource } {
  const end = (from: number) => {
    const other = from === markers.up ? markers.down : markers.up;
    return other > from ? other : all.length;
  };
  const up = markers.up >= 0 ? section(shown, all, markers.up, end(markers.up)) : { file: shown, text: all.join('\n'), firstLine: 1 };
  const down = markers.down >= 0 ? section(shown, all, markers.down, end(markers.down)) : undefined;
  return down ? { up, down } : { up };
}

/** Read a file and test its text; an unreadable file tests false (it is reported when loaded). */
export function fileHas(path: string, test: (text: string) => boolean): boolean {
  const r = readText(path, path); // never opens a FIFO; decodes UTF-16
  return r.ok && test(r.text);
}
