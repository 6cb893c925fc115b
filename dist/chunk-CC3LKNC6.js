// migration-guard GitHub Action, bundled by scripts/build-action.mjs. Do not edit: run `npm run build:action`.
import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
const require = __mgCreateRequire(import.meta.url);
const __filename = __mgFileURLToPath(import.meta.url);
const __dirname = __mgDirname(__filename);

// src/sql/position-map.ts
var PositionMap = class {
  constructor(text, firstLine, lineMap) {
    this.text = text;
    this.firstLine = firstLine;
    this.lineMap = lineMap;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.lineStarts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) this.lineStarts.push(i + 1);
    }
    if (/[^\x00-\x7f]/.test(text)) {
      const bytes = Buffer.byteLength(text, "utf8");
      const map = new Int32Array(bytes + 1);
      const back = new Int32Array(text.length + 1);
      let b = 0;
      for (let i = 0; i < text.length; i++) {
        const cp = text.codePointAt(i);
        const len = cp < 128 ? 1 : cp < 2048 ? 2 : cp < 65536 ? 3 : 4;
        for (let k = 0; k < len; k++) map[b + k] = i;
        back[i] = b;
        if (cp >= 65536) back[i + 1] = b;
        b += len;
        if (cp >= 65536) i++;
      }
      map[bytes] = text.length;
      back[text.length] = bytes;
      this.byteToIndex = map;
      this.indexToByte = back;
    }
  }
  text;
  firstLine;
  lineMap;
  lineStarts = [0];
  /** byte offset -> UTF-16 index; undefined when the text is pure ASCII (identity). */
  byteToIndex;
  /** UTF-16 index -> byte offset; undefined when the text is pure ASCII. */
  indexToByte;
  /** UTF-16 index of a UTF-8 byte offset. */
  indexOfByte(byte) {
    if (!this.byteToIndex) return Math.max(0, Math.min(byte, this.text.length));
    return this.byteToIndex[Math.max(0, Math.min(byte, this.byteToIndex.length - 1))];
  }
  /** UTF-8 byte offset of a UTF-16 index. */
  byteOfIndex(index) {
    if (!this.indexToByte) return index;
    return this.indexToByte[Math.max(0, Math.min(index, this.indexToByte.length - 1))];
  }
  /** 1-based file line and column (in characters) of a string index. */
  position(index) {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = lo + hi + 1 >> 1;
      if (this.lineStarts[mid] <= index) lo = mid;
      else hi = mid - 1;
    }
    if (this.lineMap) return { line: this.lineMap[lo] ?? this.lineMap.at(-1) ?? this.firstLine, column: 1 };
    const start = this.lineStarts[lo];
    const column = this.byteToIndex ? [...this.text.slice(start, index)].length + 1 : index - start + 1;
    return { line: this.firstLine + lo, column };
  }
  /** Range of the string slice [start, end). */
  range(start, end) {
    const a = this.position(start);
    const b = this.position(Math.max(start, end));
    return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  }
  /** String index where the 1-based line `line` (relative to the text) starts. */
  lineStart(line) {
    return this.lineStarts[Math.max(0, Math.min(line - 1, this.lineStarts.length - 1))];
  }
};

// src/sql/lex.ts
var isIdentChar = (c) => !!c && /[A-Za-z0-9_$\u0080-\uffff]/.test(c);
var DOLLAR_TAG = /\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/y;
function skipLineComment(text, i, end = text.length) {
  while (i < end && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
  return i;
}
function skipBlockComment(text, i, end = text.length) {
  let depth = 0;
  while (i < end) {
    if (text.charCodeAt(i) === 47 && text.charCodeAt(i + 1) === 42) {
      depth++;
      i += 2;
    } else if (text.charCodeAt(i) === 42 && text.charCodeAt(i + 1) === 47) {
      i += 2;
      if (--depth === 0) return i;
    } else i++;
  }
  return -1;
}
function closingQuote(text, open) {
  const q = text[open];
  const escapes = q === "'" && (text[open - 1] === "E" || text[open - 1] === "e") && !isIdentChar(text[open - 2]);
  if (!escapes) {
    let i = text.indexOf(q, open + 1);
    while (i >= 0 && text[i + 1] === q) i = text.indexOf(q, i + 2);
    return i;
  }
  for (let i = open + 1; i < text.length; i++) {
    const d = text[i];
    if (d === "\\") i++;
    else if (d === q) {
      if (text[i + 1] !== q) return i;
      i++;
    }
  }
  return -1;
}
function dollarQuote(text, i) {
  if (isIdentChar(text[i - 1])) return void 0;
  DOLLAR_TAG.lastIndex = i;
  const m = DOLLAR_TAG.exec(text);
  if (!m) return void 0;
  const close = text.indexOf(m[0], i + m[0].length);
  return { tag: m[0], end: close < 0 ? -1 : close + m[0].length };
}

export {
  isIdentChar,
  skipLineComment,
  skipBlockComment,
  closingQuote,
  dollarQuote,
  PositionMap
};
