// UTF-8 byte offsets (what libpg_query reports) and string indexes to 1-based file
// lines and columns: the one place positions are converted.

import type { Range } from '../types';

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
    return this.byteToIndex[Math.max(0, Math.min(byte, this.byteToIndex.length - 1))];
  }

  /** UTF-8 byte offset of a UTF-16 index. */
  byteOfIndex(index: number): number {
    if (!this.indexToByte) return index;
    return this.indexToByte[Math.max(0, Math.min(index, this.indexToByte.length - 1))];
  }

  /** 1-based file line and column (in characters) of a string index. */
  position(index: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= index) lo = mid;
      else hi = mid - 1;
    }
    if (this.lineMap) return { line: this.lineMap[lo] ?? this.lineMap.at(-1) ?? this.firstLine, column: 1 };
    const start = this.lineStarts[lo];
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
    return this.lineStarts[Math.max(0, Math.min(line - 1, this.lineStarts.length - 1))];
  }
}
