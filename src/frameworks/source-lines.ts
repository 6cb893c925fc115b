// Where in a migration's source file each captured statement comes from: the
// line where its SQL text is written (op.execute, RunSQL, knex.raw, execute/1),
// else the line inside the up (or down) function that names the most of its
// identifiers (`add_column :users, :age` for ALTER TABLE "users" ADD "age"),
// else the function's first line. Lines only move forward, as the statements do.

import { scanTokens } from '../sql/pg-parser';

/** 1-based source lines for each statement, in order. */
export function locateStatements(source: string, statements: readonly string[], fn: RegExp, otherFn: RegExp): number[] {
  const lines = source.split(/\r?\n/);
  const start = Math.max(0, lines.findIndex((l) => fn.test(l)));
  let end = lines.findIndex((l, i) => i > start && otherFn.test(l) && !fn.test(l));
  if (end < 0) end = lines.length;
  const body = lines.slice(start, end).map((l) => l.toLowerCase());
  const flat = flatten(body);
  let cursor = 0; // index into body
  return statements.map((sql) => {
    const found = textLine(flat, sql, cursor) ?? identifierLine(body, sql, cursor);
    if (found === undefined) return start + 1;
    cursor = found;
    return start + found + 1;
  });
}

/** 1-based line of the first line matching `fn` (1 when none does). */
export function functionLine(source: string, fn: RegExp): number {
  return Math.max(0, source.split(/\r?\n/).findIndex((l) => fn.test(l))) + 1;
}

/** The body as one whitespace-collapsed string, and the body line of each of its characters. */
function flatten(body: string[]): { text: string; lineOf: number[] } {
  let text = '';
  const lineOf: number[] = [];
  body.forEach((l, i) => {
    const part = `${l.replace(/\s+/g, ' ').trim()} `;
    text += part;
    for (let k = 0; k < part.length; k++) lineOf.push(i);
  });
  return { text, lineOf };
}

/** The body line where the statement's own text begins (its first 40 characters, whitespace collapsed). */
function textLine(flat: { text: string; lineOf: number[] }, sql: string, cursor: number): number | undefined {
  const needle = sql.toLowerCase().replace(/\s+/g, ' ').trim().slice(0, 40);
  if (needle.length < 12) return undefined;
  const from = flat.lineOf.indexOf(cursor);
  let at = flat.text.indexOf(needle, Math.max(0, from));
  if (at < 0) at = flat.text.indexOf(needle);
  return at < 0 ? undefined : flat.lineOf[at];
}

/** The body line naming the statement's identifiers best (rarer names weigh more); ties go to the first at or after the cursor. */
function identifierLine(body: string[], sql: string, cursor: number): number | undefined {
  const names = identifiers(sql);
  if (!names.size) return undefined;
  const present = [...names].map((n) => ({ n, re: new RegExp(`(^|[^a-z0-9_])${n.replace(/[^a-z0-9_]/g, '\\$&')}($|[^a-z0-9_])`) }));
  const hits = body.map((l) => present.filter((p) => p.re.test(l)).map((p) => p.n));
  const lineCount = new Map<string, number>();
  for (const h of hits) for (const n of h) lineCount.set(n, (lineCount.get(n) ?? 0) + 1);
  let best: number | undefined;
  let bestScore = 0;
  hits.forEach((h, i) => {
    const score = h.reduce((sum, n) => sum + (n.length >= 3 ? 1 : 0.3) / lineCount.get(n)!, 0) + (i >= cursor ? 0.01 : 0);
    if (score > bestScore + 1e-9) {
      best = i;
      bestScore = score;
    }
  });
  return best;
}

/** Lower-cased identifiers of a statement, and the parts of snake_case ones (`blog_user` → blog_user, blog, user). */
function identifiers(sql: string): Set<string> {
  const out = new Set<string>();
  let tokens;
  try {
    tokens = scanTokens(sql);
  } catch {
    return out;
  }
  for (const t of tokens) {
    if (t.tokenName !== 'IDENT') continue;
    const name = t.text.replace(/^"|"$/g, '').toLowerCase();
    out.add(name);
    for (const part of name.split('_')) if (part.length >= 3) out.add(part);
  }
  return out;
}
