// Where and what a parser error is, for syntax-error findings.

/** A parser error's message. */
export function errorMessage(err: unknown): string {
  return (err as { message?: string })?.message ?? String(err);
}

/**
 * String index in `text` of a parse error's cursor within the statement starting
 * at `chunkStart`. Unlike token locations (bytes), Postgres reports the error
 * cursor in characters (scanner_errposition counts with pg_mbstrlen_with_len).
 */
export function errorIndex(err: unknown, chunkStart: number, text: string): number {
  const cursor = (err as { sqlDetails?: { cursorPosition?: number } })?.sqlDetails?.cursorPosition;
  if (cursor === undefined || cursor < 0) return chunkStart;
  let i = chunkStart;
  for (let n = 0; n < cursor && i < text.length; n++) i += (text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
  return i;
}
