// Our own instance of libpg_query's WASM build (npm `libpg-query`), with the
// same synchronous calls (`parseSync`, `scanSync`, `parsePlPgSQLSync`) as the
// package, plus one thing it lacks: surviving a crash. Deeply nested SQL (a few
// thousand nested subqueries) overflows the call stack inside the WASM code; the
// instance is then left with a leaked stack pointer and half-built parser state,
// and after a few dozen such aborts every later parse fails with "memory access
// out of bounds". Here, after any abort inside the WASM code, its linear memory
// and stack pointer are put back as they were right after start-up, so the next
// statement parses normally and one hostile statement cannot hide the others.

/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-explicit-any -- libpg-query ships its Emscripten module without types: this file is the boundary that gives its results types (ParseResult from @pgsql/types, ScanToken). */
// @ts-expect-error the Emscripten loader ships without type declarations
import createModule from 'libpg-query/wasm/libpg-query.js';
import type { ParseResult } from '@pgsql/types';
import { closingQuote, dollarQuote, skipBlockComment, skipLineComment } from './lex';

/** A statement libpg_query rejects, shaped like libpg-query's own SqlError (`sqlDetails.cursorPosition` is 0-based). */
export class SqlError extends Error {
  override name = 'SqlError';
  constructor(
    message: string,
    readonly sqlDetails: { message: string; cursorPosition: number; fileName?: string; functionName?: string; lineNumber?: number },
  ) {
    super(message);
  }
}

/** The WASM parser aborted (stack overflow, trap) on this input; it has been restored and keeps working. */
export class ParserAbortError extends Error {
  override name = 'ParserAbortError';
}

export interface ScanToken {
  start: number;
  end: number;
  text: string;
  tokenType: number;
  tokenName: string;
  keywordKind: number;
  keywordName: string;
}

interface Instance {
  // The Emscripten module object: libpg-query ships no types for its WASM build.
  mod: any;
  memory: WasmMemory;
  stackGet: () => number;
  stackRestore: (sp: number) => void;
  /** Linear memory up to its last non-zero byte, and the stack pointer, right after start-up. */
  snapshot: Uint8Array;
  stackTop: number;
}

// The tsconfig has no DOM lib, and @types/node declares only part of the WebAssembly namespace.
const WASM = (globalThis as any).WebAssembly as { instantiate: (...args: unknown[]) => Promise<any>; Instance: new (...args: any[]) => WasmInstance; Memory: new (...args: any[]) => WasmMemory };
interface WasmMemory {
  buffer: ArrayBuffer;
}
interface WasmInstance {
  exports: Record<string, unknown>;
}

let instance: Instance | undefined;
let loading: Promise<void> | undefined;
let recoveries = 0;
let lastStderr = '';

/** Start the WASM parser once; the other functions are synchronous after it. */
export function loadModule(): Promise<void> {
  loading ??= start().then((i) => {
    instance = i;
  });
  return loading;
}

/** Bytes of start-up memory kept to restore the parser after an abort (for tests). */
export function snapshotBytes(): number {
  return loaded().snapshot.length;
}

/** How many times the parser was restored after an abort in this process (for tests and benchmarks). */
export function parserRecoveries(): number {
  return recoveries;
}

async function start(): Promise<Instance> {
  // Emscripten instantiates the module itself and keeps the raw exports private;
  // the memory and the stack functions are needed to restore it, so the
  // instantiation is observed. The right instance is the one exporting this Module's malloc.
  const original = WASM.instantiate;
  const seen: WasmInstance[] = [];
  WASM.instantiate = async (...args: unknown[]) => {
    const result = await original.apply(WASM, args);
    seen.push(result instanceof WASM.Instance ? result : result.instance);
    return result;
  };
  let mod: any; // the Emscripten module: untyped, as above
  try {
    // Postgres' FATAL messages (e.g. out of memory) go to a buffer, not the user's terminal: the abort becomes a finding.
    mod = await createModule({ print: () => {}, printErr: (line: string) => void (lastStderr ||= String(line)) });
  } finally {
    WASM.instantiate = original;
  }
  const exports = seen.find((i) => Object.values(i.exports).includes(mod._malloc))?.exports;
  const memory = exports && Object.values(exports).find((v): v is WasmMemory => v instanceof WASM.Memory);
  // The loader names the stack exports when it binds them (`__emscripten_stack_restore=wasmExports["Q"]`;
  // a bundler may reformat that line, hence the loose pattern).
  const source = String(createModule);
  const restoreName = /__emscripten_stack_restore\s*=\s*\w+\[\s*"(\w+)"\s*\]/.exec(source)?.[1];
  const getName = /_emscripten_stack_get_current\s*=\s*\w+\[\s*"(\w+)"\s*\]/.exec(source)?.[1];
  const stackRestore = restoreName ? (exports?.[restoreName] as ((sp: number) => void) | undefined) : undefined;
  const stackGet = getName ? (exports?.[getName] as (() => number) | undefined) : undefined;
  if (!memory || typeof stackRestore !== 'function' || typeof stackGet !== 'function') {
    throw new Error('libpg-query: unexpected WASM build (memory or stack exports not found); migration-guard needs libpg-query 18.1.x');
  }
  const heap = new Uint8Array(memory.buffer);
  const stackTop = stackGet();
  // Start-up state lives below the stack's top (data, then the stack); the heap above it is still
  // empty, so only [0, stackTop) is searched — unless something was allocated at start-up after all.
  const above = Math.min(heap.length, stackTop + ZERO_BLOCK.length) - stackTop;
  const heapEmpty = Buffer.from(heap.buffer, stackTop, above).compare(ZERO_BLOCK, 0, above) === 0;
  const searchTo = heapEmpty ? stackTop : heap.length;
  return { mod, memory, stackGet, stackRestore, snapshot: heap.slice(0, usedLength(heap, searchTo)), stackTop };
}

const ZERO_BLOCK = new Uint8Array(65536);

/**
 * Index after the last non-zero byte before `to` (untouched WASM pages are zero).
 * Whole zero blocks are skipped with a native compare: scanning all 128 MB word by
 * word cost 50–200 ms at every start.
 */
function usedLength(heap: Uint8Array, to = heap.length): number {
  const bytes = Buffer.from(heap.buffer, heap.byteOffset, to);
  let hi = to;
  let block = Math.floor(Math.max(0, hi - 1) / ZERO_BLOCK.length) * ZERO_BLOCK.length;
  while (block > 0 && bytes.compare(ZERO_BLOCK, 0, hi - block, block, hi) === 0) {
    hi = block;
    block -= ZERO_BLOCK.length;
  }
  while (hi > 0 && bytes[hi - 1] === 0) hi--;
  return hi;
}

/** Put memory and stack pointer back to the start-up state. */
function restore(inst: Instance): void {
  const heap = new Uint8Array(inst.memory.buffer);
  const dirty = usedLength(heap);
  heap.set(inst.snapshot);
  if (dirty > inst.snapshot.length) heap.fill(0, inst.snapshot.length, dirty);
  inst.stackRestore(inst.stackTop);
  recoveries++;
}

function loaded(): Instance {
  if (!instance) throw new Error('WASM parser not initialised: await loadModule() first');
  return instance;
}

/**
 * Run one call into the WASM code. Errors the wrapper raises itself (SqlError)
 * pass through; anything else came from inside the WASM code, which is restored
 * before the error is reported as a ParserAbortError.
 */
function guarded<T>(inst: Instance, call: () => T): T {
  const exitCode = process.exitCode;
  lastStderr = '';
  try {
    return call();
  } catch (err) {
    if (err instanceof SqlError || err instanceof ParserAbortError) throw err;
    restore(inst);
    process.exitCode = exitCode; // Emscripten's exit() sets it on a Postgres FATAL error
    const overflow = err instanceof RangeError;
    throw new ParserAbortError(
      overflow
        ? 'statement nested too deeply for the parser (its stack ran out); Postgres is likely to reject it as well (stack depth limit exceeded)'
        : `the parser gave up on this statement (${[(err as Error)?.message ?? String(err), lastStderr].filter(Boolean).join(': ')}); it was restarted`,
    );
  }
}

function withString<T>(inst: Instance, sql: string, use: (ptr: number) => T): T {
  if (typeof sql !== 'string') throw new TypeError(`expected SQL text, got ${typeof sql}`);
  const { mod } = inst;
  // C reads up to the first NUL: a NUL byte would silently cut the text short. A space keeps every offset.
  const text = sql.includes('\0') ? sql.replaceAll('\0', ' ') : sql;
  const len = Buffer.byteLength(text, 'utf8') + 1;
  const ptr = mod._malloc(len);
  if (!ptr) throw new ParserAbortError(`the parser could not allocate ${len} bytes for this statement`);
  try {
    // Node's native UTF-8 writer (Emscripten's stringToUTF8 encodes in a JS loop); lone surrogates become U+FFFD, 3 bytes either way.
    const written = Buffer.from(inst.memory.buffer, ptr, len).write(text, 'utf8');
    new Uint8Array(inst.memory.buffer)[ptr + written] = 0;
    return use(ptr);
  } finally {
    mod._free(ptr);
  }
}

const UTF8 = new TextDecoder();

/** The NUL-terminated UTF-8 string at `ptr` (Emscripten's UTF8ToString finds the NUL in a JS loop: slow on big parse trees). */
function cString(inst: Instance, ptr: number): string {
  if (!ptr) return '';
  const heap = new Uint8Array(inst.memory.buffer);
  const end = heap.indexOf(0, ptr);
  return UTF8.decode(heap.subarray(ptr, end < 0 ? heap.length : end));
}

/** JSON.parse, with a too-deep tree reported like a parser overflow. */
function parseJson<T = ParseResult>(text: string): T {
  try {
    return JSON.parse(text);
  } catch (err) {
    if (err instanceof RangeError) throw new ParserAbortError('statement nested too deeply to analyse (its parse tree is too deep)');
    throw err;
  }
}

/** Parse SQL into libpg_query's JSON tree; a syntax error is a SqlError. */
export function parseSync(sql: string): ParseResult {
  const inst = loaded();
  if (sql === '') throw new Error('Query cannot be empty');
  const json = guarded(inst, () =>
    withString(inst, sql, (ptr) => {
      const { mod } = inst;
      const result = mod._wasm_parse_query_raw(ptr);
      if (!result) throw new ParserAbortError('the parser could not allocate memory for this statement');
      try {
        const tree = mod.getValue(result, 'i32');
        const error = mod.getValue(result + 8, 'i32');
        if (error) {
          const str = (p: number) => (p ? (mod.UTF8ToString(p) as string) : undefined);
          const message = str(mod.getValue(error, 'i32')) ?? 'Unknown error';
          const lineno = mod.getValue(error + 12, 'i32');
          const cursor = mod.getValue(error + 16, 'i32');
          throw new SqlError(message, {
            message,
            cursorPosition: cursor > 0 ? cursor - 1 : 0,
            functionName: str(mod.getValue(error + 4, 'i32')),
            fileName: str(mod.getValue(error + 8, 'i32')),
            lineNumber: lineno > 0 ? lineno : undefined,
          });
        }
        if (!tree) throw new ParserAbortError('the parser produced no tree for this statement');
        return cString(inst, tree);
      } finally {
        mod._wasm_free_parse_result(result);
      }
    }),
  );
  return parseJson(json);
}

/** A call whose result is a C string: JSON on success, an error message otherwise. */
function stringCall(exportName: string, sql: string, ok: (s: string) => boolean): string {
  const inst = loaded();
  return guarded(inst, () =>
    withString(inst, sql, (ptr) => {
      const { mod } = inst;
      const result = mod[exportName](ptr);
      try {
        const text = cString(inst, result);
        if (!ok(text)) throw new SqlError(text, { message: text, cursorPosition: -1 });
        return text;
      } finally {
        if (result) mod._wasm_free_string(result);
      }
    }),
  );
}

/** Postgres' scanner: every token with its byte offsets; throws on an unterminated quote or comment. */
export function scanSync(sql: string): { version: number; tokens: ScanToken[] } {
  return parseJson(stringCall('_wasm_scan', sql, (s) => s.startsWith('{')));
}

/** Text scanned per call by `scanTokens`: the scanner's JSON for a whole large file costs ~1 KB per token, and past ~16 MB it comes back empty. */
const SCAN_WINDOW = 256 * 1024;

/**
 * The scanner's tokens for `sql` (byte offsets from its start), scanned in
 * windows cut after top-level semicolons, so a 50 MB file neither holds one
 * giant JSON string nor loses its tokens. Throws like scanSync on an
 * unterminated quote or comment; throws too when the scanner returns nothing
 * for text that is not blank, rather than let a file pass as empty.
 */
export function scanTokens(sql: string): ScanToken[] {
  const cuts = sql.length > SCAN_WINDOW ? windowCuts(sql, SCAN_WINDOW) : [];
  let tokens: ScanToken[];
  if (cuts.length === 0) tokens = scanSync(sql).tokens;
  else {
    tokens = [];
    let from = 0;
    let byte = 0;
    try {
      for (const to of [...cuts, sql.length]) {
        const part = sql.slice(from, to);
        const found = scanSync(part).tokens;
        if (found.length === 0 && /\S/.test(part)) throw new Error('no tokens');
        for (const t of found) tokens.push({ ...t, start: t.start + byte, end: t.end + byte });
        byte += Buffer.byteLength(part, 'utf8');
        from = to;
      }
    } catch {
      tokens = scanSync(sql).tokens; // the cut finder misjudged a quote: scan whole, as the scanner sees it
    }
  }
  if (tokens.length === 0 && /\S/.test(sql)) throw new ParserAbortError(`the scanner returned no tokens for ${(sql.length / 1048576).toFixed(1)} MB of SQL (too large)`);
  return tokens;
}

/** String indexes just after top-level `;` (outside quotes, dollar quotes and comments), about `size` apart. */
function windowCuts(text: string, size: number): number[] {
  const cuts: number[] = [];
  const n = text.length;
  let last = 0;
  let i = 0;
  let dollar: ReturnType<typeof dollarQuote>;
  while (i < n) {
    const c = text[i];
    // Unterminated quotes and comments run to the end, as the scanner reads them.
    if (c === '-' && text[i + 1] === '-') {
      i = skipLineComment(text, i);
    } else if (c === '/' && text[i + 1] === '*') {
      const after = skipBlockComment(text, i);
      i = after < 0 ? n : after;
    } else if (c === "'" || c === '"') {
      const close = closingQuote(text, i);
      i = close < 0 ? n : close + 1;
    } else if (c === '$' && (dollar = dollarQuote(text, i))) {
      i = dollar.end < 0 ? n : dollar.end;
    } else {
      i++;
      if (c === ';' && i - last >= size) cuts.push((last = i));
    }
  }
  return cuts;
}

/** The PL/pgSQL parser's JSON tree for a CREATE FUNCTION or DO statement. */
export function parsePlPgSQLSync(sql: string): unknown {
  return parseJson(stringCall('_wasm_parse_plpgsql', sql, (s) => s.startsWith('{')));
}
