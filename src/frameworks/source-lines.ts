// Where in a migration's source file each captured statement comes from: the
// line where its SQL text is written (op.execute, RunSQL, knex.raw, execute/1),
// else the line inside the up (or down) function that names the most of its
// identifiers (`add_column :users, :age` for ALTER TABLE "users" ADD "age"),
// else the function's first line. Lines only move forward, as the statements do.

import { scanTokens } from '../sql/pg-parser';

/** 1-based source lines for each statement, in order. */
export function locateStatements(source: string, statements: readonly string[], fn: RegExp, otherFn: RegExp): number[] {
  const lines = source.split(/\r?\n/);
  const start = Math.max(
    0,
    lines.findIndex((l) => fn.test(l)),
  );
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
  return (
    Math.max(
      0,
      source.split(/\r?\n/).findIndex((l) => fn.test(l)),
    ) + 1
  );
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

/** The body line naming the statement's identifiers best (rarer names weigh more): the first at or after the cursor that scores near the best. */
function identifierLine(body: string[], sql: string, cursor: number): number | undefined {
  const names = identifiers(sql);
  if (!names.size) return undefined;
  const present = [...names.keys()].map((n) => ({ n, re: new RegExp(`(^|[^a-z0-9_])${n.replace(/[^a-z0-9_]/g, '\\$&')}($|[^a-z0-9_])`) }));
  const hits = body.map((l) => present.filter((p) => p.re.test(l)).map((p) => p.n));
  const lineCount = new Map<string, number>();
  for (const h of hits) for (const n of h) lineCount.set(n, (lineCount.get(n) ?? 0) + 1);
  const scores = hits.map((h) => h.reduce((sum, n) => sum + names.get(n)! / lineCount.get(n)!, 0));
  const top = Math.max(0, ...scores);
  if (top === 0) return undefined;
  // The earliest line at or after the cursor that scores near the best (a later `users.id` reference must not win over `createTable('users')`).
  const near = (i: number) => scores[i] >= top * 0.8;
  let best = scores.findIndex((_, i) => i >= cursor && near(i));
  if (best < 0) best = scores.findIndex((_, i) => near(i));
  return best;
}

/**
 * A statement's lower-cased identifiers with their weight: the first one (the table or index the
 * statement is about) weighs most; of a snake_case name, the last part (`shop_order` → order, the
 * model) counts almost as much as the whole, the other parts little (an app or table prefix).
 */
function identifiers(sql: string): Map<string, number> {
  const out = new Map<string, number>();
  let tokens;
  try {
    tokens = scanTokens(sql);
  } catch {
    return out;
  }
  const add = (name: string, weight: number) => out.set(name, Math.max(out.get(name) ?? 0, weight));
  let first = true;
  for (const t of tokens) {
    if (t.tokenName !== 'IDENT') continue;
    const name = t.text.replace(/^"|"$/g, '').toLowerCase();
    const scale = first ? 3 : 1;
    first = false;
    add(name, (name.length >= 3 ? 1 : 0.3) * scale);
    const parts = name.split('_').filter((p) => p.length >= 3);
    if (parts.length < 2) continue;
    parts.forEach((part, i) => add(part, (i === parts.length - 1 ? 0.8 : 0.25) * scale));
  }
  return out;
}
