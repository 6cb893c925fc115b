// The one place that knows how SQL quotes and comments nest, for the small lexers
// that run before (or instead of) the Postgres scanner: the pre-lexer, the comment
// lexer of the fast path, the string-constant finder and the parser's window cutter.

/** A character that continues an identifier (so `a$1$` is not a dollar quote). */
export const isIdentChar = (c: string | undefined) => !!c && /[A-Za-z0-9_$\u0080-\uffff]/.test(c);

const DOLLAR_TAG = /\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/y;

/** Index just past the line comment (`--`) starting at `i`: its line end, or `end`. */
export function skipLineComment(text: string, i: number, end = text.length): number {
  while (i < end && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
  return i;
}

/** Index just past the block comment (`/*`, nesting) starting at `i`; -1 when it is not closed before `end`. */
export function skipBlockComment(text: string, i: number, end = text.length): number {
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

/**
 * Index of the quote closing the string or quoted identifier opened at `open`
 * (a doubled quote continues it); -1 when unterminated. In E'' strings a
 * backslash escapes the next character.
 */
export function closingQuote(text: string, open: number): number {
  const q = text[open];
  const escapes = q === "'" && (text[open - 1] === 'E' || text[open - 1] === 'e') && !isIdentChar(text[open - 2]);
  if (!escapes) {
    let i = text.indexOf(q, open + 1);
    while (i >= 0 && text[i + 1] === q) i = text.indexOf(q, i + 2);
    return i;
  }
  for (let i = open + 1; i < text.length; i++) {
    const d = text[i];
    if (d === '\\') i++;
    else if (d === q) {
      if (text[i + 1] !== q) return i;
      i++;
    }
  }
  return -1;
}

/**
 * The dollar quote opening at `i` (`$$` or `$tag$`, not inside an identifier): its tag and the
 * index just past its closing tag (-1 when unterminated); undefined when no dollar quote opens here.
 */
export function dollarQuote(text: string, i: number): { tag: string; end: number } | undefined {
  if (isIdentChar(text[i - 1])) return undefined;
  DOLLAR_TAG.lastIndex = i;
  const m = DOLLAR_TAG.exec(text);
  if (!m) return undefined;
  const close = text.indexOf(m[0], i + m[0].length);
  return { tag: m[0], end: close < 0 ? -1 : close + m[0].length };
}
