// Hostile variations of real migration SQL, shared by the fuzz test (a fast
// seeded subset) and bench/fuzz.ts (the long soak). Seeds are real files from
// ../shared/corpus and examples/; mutations are what editors, merges, bad copies
// and attackers produce: truncation, random bytes, deleted quotes and `$$`, huge
// identifiers, deep nesting, NUL bytes, lone surrogates, very long lines.
import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Finding } from '../../src/types';

// Not imported from cli-helpers: that registers node:test hooks, and bench/fuzz.ts is no test.
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CORPUS = join(ROOT, '..', 'shared', 'corpus');
export const EXAMPLES = join(ROOT, 'examples');

/** Up to `limit` .sql files under the corpus and examples/, evenly spread, as text. */
export function seedFiles(limit = 400): { file: string; text: string }[] {
  const all: string[] = [];
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const n of names) {
      const p = join(dir, n);
      const st = statSync(p, { throwIfNoEntry: false });
      if (st?.isDirectory()) walk(p);
      else if (st?.isFile() && n.endsWith('.sql') && st.size < 60_000) all.push(p);
    }
  };
  walk(EXAMPLES);
  walk(CORPUS);
  const step = Math.max(1, all.length / limit);
  const picked: string[] = [];
  for (let i = 0; i < all.length && picked.length < limit; i += step) picked.push(all[Math.floor(i)]!);
  return picked.map((file) => ({ file, text: readFileSync(file, 'utf8') }));
}

/** One mutation of a SQL text, applied at a relative position `at` in [0, 1). */
type Mutation = (text: string, at: number) => string;

const insertAt = (text: string, at: number, piece: string) => {
  const i = Math.floor(at * (text.length + 1));
  return text.slice(0, i) + piece + text.slice(i);
};

/** Cheap mutations, drawn most often. */
const cheap: fc.Arbitrary<Mutation>[] = [
  fc.constant((t, at) => t.slice(0, Math.floor(at * t.length))), // truncation
  fc.constant((t, at) => t.slice(Math.floor(at * t.length))), // lost head
  fc.string({ unit: 'binary', maxLength: 40 }).map((s) => (t, at) => insertAt(t, at, s)), // random characters, any plane
  fc.uint8Array({ maxLength: 40 }).map((b) => (t, at) => insertAt(t, at, Buffer.from(b).toString('latin1'))), // random bytes as chars
  fc.constantFrom("'", '"', '$$', '$tag$', '/*', '*/', '--', ';', '\\', "E'\\", '$1', '\\.', '\\set x 1\n', 'COPY t FROM stdin;\n').map((s) => (t, at) => insertAt(t, at, s)), // lexer-state switches
  fc.constantFrom("'", '"', '$$', ';', '(', ')').map((q) => (t) => t.split(q).join('')), // every quote / `$$` / `;` deleted
  fc.constantFrom("'", '"', '$$').map((q) => (t, at) => {
    const i = t.indexOf(q, Math.floor(at * t.length));
    return i < 0 ? t : t.slice(0, i) + t.slice(i + q.length);
  }), // one quote deleted
  fc.constantFrom('\0', '\0\0\0', '\uD800', '\uDC00', '\uDBFF\uDFFF', '\uFEFF', '\uFFFD', '\u2028', '\r', '\r\n', '\t', '\v', '\f').map((s) => (t, at) => insertAt(t, at, s)), // NUL, lone surrogates, BOM, odd line ends
  fc.constant((t) => t.replace(/\r?\n/g, ' ')), // the whole file on one line
  fc.constant((t) => t.replace(/\n/g, '\r')), // old Mac line ends
  fc
    .constantFrom(
      '{{ .Schema }}',
      '${schema}',
      '{% if x %}',
      'migration-guard-ignore',
      '-- migration-guard-ignore-file\n',
      '-- squawk-ignore-file\n',
      'BEGIN ATOMIC',
      'CREATE RULE r AS ON INSERT TO t DO (',
      'END;',
      'COMMIT;',
      'BEGIN;',
    )
    .map((s) => (t, at) => insertAt(t, at, s)), // constructs with their own handling
];

/** Costly mutations (big or deeply nested input), drawn less often so the soak keeps a useful rate. */
const costly: fc.Arbitrary<Mutation>[] = [
  fc.integer({ min: 64, max: 100_000 }).map((n) => (t, at) => insertAt(t, at, ' ' + 'x'.repeat(n) + ' ')), // huge identifier
  fc.integer({ min: 64, max: 20_000 }).map((n) => (t, at) => insertAt(t, at, ' "' + 'Ω'.repeat(n) + '" ')), // huge quoted identifier
  fc.integer({ min: 10, max: 10_000 }).map((n) => (t, at) => insertAt(t, at, '('.repeat(n))), // unbalanced nesting
  fc.integer({ min: 10, max: 10_000 }).map((n) => (t, at) => insertAt(t, at, '('.repeat(n) + '1' + ')'.repeat(n))), // balanced deep nesting
  fc.integer({ min: 10, max: 4_000 }).map((n) => (t, at) => insertAt(t, at, ';\nSELECT ' + '(SELECT '.repeat(n) + '1' + ')'.repeat(n) + ';\n')), // deep subqueries
  fc.integer({ min: 10, max: 5_000 }).map((n) => (t, at) => insertAt(t, at, ';\nSELECT ' + 'ARRAY['.repeat(n) + '1' + ']'.repeat(n) + ';\n')),
  fc.integer({ min: 10, max: 1_500 }).map((n) => (t, at) => insertAt(t, at, ';\nDO $$ BEGIN ' + 'IF true THEN '.repeat(n) + 'NULL;' + ' END IF;'.repeat(n) + ' END $$;\n')), // deep PL/pgSQL
  fc.integer({ min: 1_000, max: 300_000 }).map((n) => (t, at) => insertAt(t, at, '-- ' + 'y'.repeat(n) + '\n')), // very long line
  fc.integer({ min: 2, max: 50 }).map((k) => (t, at) => {
    const i = Math.floor(at * t.length);
    return t.slice(0, i) + t.slice(i, i + 200).repeat(k) + t.slice(i);
  }), // a stretch repeated
];

/** A hostile variation of one seed: 1 to 4 mutations at random places. */
export function hostileSql(seeds: readonly { text: string }[]): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.integer({ min: 0, max: seeds.length - 1 }),
      fc.array(fc.tuple(fc.oneof({ arbitrary: fc.oneof(...cheap), weight: 6 }, { arbitrary: fc.oneof(...costly), weight: 1 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })), {
        minLength: 1,
        maxLength: 4,
      }),
    )
    .map(([i, steps]) => steps.reduce((text, [mutate, at]) => mutate(text, at), seeds[i]!.text));
}

/** Lines as the parser counts them: LF, CRLF and a lone CR end a line. */
export function lineCount(text: string): number {
  let n = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) n++;
  }
  return n;
}

/** Why a finding is malformed for a source of `lines` lines starting at `firstLine`, or undefined when it is sound. */
export function badFinding(f: Finding, firstLine: number, lines: number): string | undefined {
  const last = firstLine + lines - 1;
  if (!f.rule || typeof f.message !== 'string' || !f.message) return 'no rule or message';
  for (const k of ['line', 'column', 'endLine', 'endColumn'] as const) if (!Number.isInteger(f[k])) return `${k} is not an integer`;
  if (f.line < firstLine || f.line > last) return `line ${f.line} outside ${firstLine}..${last}`;
  if (f.endLine < f.line || f.endLine > last) return `endLine ${f.endLine} outside ${f.line}..${last}`;
  if (f.column < 1) return `column ${f.column} < 1`;
  if (f.endColumn < 1) return `endColumn ${f.endColumn} < 1`;
  if (f.endLine === f.line && f.endColumn < f.column) return `endColumn ${f.endColumn} before column ${f.column}`;
  return undefined;
}
