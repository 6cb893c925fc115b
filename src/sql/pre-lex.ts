// The pre-lexer: psql meta-command lines, COPY … FROM stdin data and psql variables,
// found with a small quote-aware scan (only for text that has a backslash), and
// unterminated quotes reported before the Postgres scanner sees them.

import { placeholderIdentifier, type Placeholder } from './placeholders';
import { closingQuote, dollarQuote, isIdentChar, skipBlockComment, skipLineComment } from './lex';

export interface Excluded {
  start: number;
  end: number;
  kind: 'meta-command' | 'copy-data';
}

export interface PreLex {
  excluded: Excluded[];
  /** psql variable references (`:name`, `:'name'`, `:"name"`) to names a `\set` defined earlier. */
  variables: { start: number; end: number; quote: '' | "'" | '"' }[];
  /** Where an unterminated string, quoted identifier, dollar quote or comment starts. */
  unterminated?: { index: number; what: string };
}

/**
 * A small quote-aware pass over the text, following the Postgres lexer's rules
 * for strings (`''`, E'\''), quoted identifiers, dollar quotes and nested block
 * comments. It finds psql meta-command lines, COPY FROM stdin data and the
 * first unterminated quote or comment (where the Postgres scanner gives up).
 */
export function preLex(text: string): PreLex {
  const excluded: Excluded[] = [];
  const variables: PreLex['variables'] = [];
  const defined = new Set<string>();
  const n = text.length;
  let stmtStart = 0;
  let lineStart = true;
  let i = 0;
  while (i < n) {
    const c = text[i];
    if (lineStart) {
      // psql reads a backslash at the start of a line (outside quotes) as a meta-command.
      let j = i;
      while (j < n && (text[j] === ' ' || text[j] === '\t')) j++;
      if (text[j] === '\\') {
        let e = j;
        while (e < n && text[e] !== '\n' && text[e] !== '\r') e++;
        excluded.push({ start: j, end: e, kind: 'meta-command' });
        const set = /^\\set\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(text.slice(j, e));
        if (set) defined.add(set[1]);
        stmtStart = e;
        i = e;
        lineStart = false;
        continue;
      }
      lineStart = false;
    }
    if (c === '\n' || c === '\r') {
      lineStart = true;
      i++;
      continue;
    }
    if (c === '-' && text[i + 1] === '-') {
      i = skipLineComment(text, i);
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const after = skipBlockComment(text, i);
      if (after < 0) return { excluded, variables, unterminated: { index: i, what: 'unterminated /* comment' } };
      i = after;
      continue;
    }
    if (c === "'" || c === '"') {
      const close = closingQuote(text, i);
      if (close < 0) {
        const escapes = c === "'" && (text[i - 1] === 'E' || text[i - 1] === 'e') && !isIdentChar(text[i - 2]);
        return { excluded, variables, unterminated: { index: escapes ? i - 1 : i, what: c === "'" ? 'unterminated quoted string' : 'unterminated quoted identifier' } };
      }
      i = close + 1;
      continue;
    }
    const dollar = c === '$' ? dollarQuote(text, i) : undefined;
    if (dollar) {
      if (dollar.end < 0) return { excluded, variables, unterminated: { index: i, what: 'unterminated dollar-quoted string' } };
      i = dollar.end;
      continue;
    }
    if (c === ':' && defined.size) {
      if (text[i + 1] === ':' || text[i + 1] === '=') {
        i += 2; // a cast or PL/pgSQL assignment, not a variable
        continue;
      }
      const m = /^:(?:'([A-Za-z_][A-Za-z0-9_]*)'|"([A-Za-z_][A-Za-z0-9_]*)"|([A-Za-z_][A-Za-z0-9_]*))/.exec(text.slice(i, i + 80));
      const name = m && (m[1] ?? m[2] ?? m[3]);
      if (m && name && defined.has(name) && text[i - 1] !== ':') {
        variables.push({ start: i, end: i + m[0].length, quote: m[1] ? "'" : m[2] ? '"' : '' });
        i += m[0].length;
        continue;
      }
    }
    if (c === ';') {
      const stmt = text.slice(stmtStart, i);
      i++;
      stmtStart = i;
      // COPY … FROM stdin is followed by data lines up to `\.`; they are not SQL.
      if (/\bfrom\s+stdin\b/i.test(stmt) && /^(?:\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)*copy\b/i.test(stmt)) {
        let dataStart = i;
        while (dataStart < n && text[dataStart] !== '\n') dataStart++;
        dataStart++;
        const endMark = /^\\\.[ \t]*\r?$/m;
        endMark.lastIndex = 0;
        const rest = text.slice(dataStart);
        const m = endMark.exec(rest);
        const end = m ? dataStart + m.index + m[0].length : n;
        if (dataStart < n) excluded.push({ start: dataStart, end, kind: 'copy-data' });
        i = end;
        stmtStart = end;
      }
      continue;
    }
    i++;
  }
  return { excluded, variables };
}

/**
 * psql interpolates `:name`, `:'name'` (as a string) and `:"name"` (as an
 * identifier) for variables a `\set` defined. Each becomes a neutral literal of
 * the same kind and length, recorded as a placeholder.
 */
export function substitutePsqlVariables(text: string, placeholders: Placeholder[]): string {
  if (!text.includes('\\set')) return text;
  const vars = preLex(text).variables;
  if (vars.length === 0) return text;
  let out = '';
  let from = 0;
  for (const v of vars) {
    const len = v.end - v.start;
    out += text.slice(from, v.start) + (v.quote ? v.quote + 'x'.repeat(len - 2) + v.quote : placeholderIdentifier(len));
    placeholders.push({ text: text.slice(v.start, v.end), index: v.start });
    from = v.end;
  }
  placeholders.sort((a, b) => a.index - b.index);
  return out + text.slice(from);
}
