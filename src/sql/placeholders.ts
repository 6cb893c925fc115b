// Template placeholders (`${x}`, `{{ .X }}`, `{% … %}`): replaced by neutral identifiers
// of the same length before parsing, so positions hold, and restored in messages.

export interface Placeholder {
  text: string;
  index: number;
}

/** The neutral identifier a placeholder of `length` characters is replaced with. */
export function placeholderIdentifier(length: number): string {
  return length < 3 ? 'x'.repeat(length) : 'tpl' + '_'.repeat(length - 3);
}

// `${var}` (Flyway, Liquibase, shell), `{{ … }}` (Go templates, Jinja, Mustache)
// and `{% … %}` (Jinja statements). `{{` must be followed by a space, `.`, `$`,
// `-`, `/` or a word and then a space or dot (`{{index .Options "x"}}`), and
// hold no braces, so that array literals such as '{{1,2},{3,4}}' or '{{a,b}}' are not taken.
const PLACEHOLDER = /\$\{[^{}\r\n]*\}|\{\{(?=[\s.$\-/]|[A-Za-z_]\w*[\s.])[^{}\r\n]*?\}\}|\{%[^\r\n]*?%\}/g;

/** Replace template placeholders with neutral identifiers of the same length (so positions hold). */
export function substitutePlaceholders(text: string): { text: string; placeholders: Placeholder[] } {
  if (!text.includes('${') && !text.includes('{{') && !text.includes('{%')) return { text, placeholders: [] };
  const placeholders: Placeholder[] = [];
  const out = text.replace(PLACEHOLDER, (m: string, index: number) => {
    placeholders.push({ text: m, index });
    return placeholderIdentifier(m.length);
  });
  return { text: out, placeholders };
}

/**
 * The name a placeholder is given a value by (verify.templateVars): `${SCHEMA}` → SCHEMA,
 * `{{ .Schema }}` → Schema, `{{ index .Options "Namespace" }}` → Namespace; the last word or
 * quoted string of the expression.
 */
export function placeholderName(text: string): string {
  const inner = text.replace(/^(\$\{|\{\{-?|\{%-?)|(-?\}\}|-?%\}|\})$/g, '').trim();
  const words = [...inner.matchAll(/"([^"]*)"|'([^']*)'|([A-Za-z_][\w]*)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
  return words[words.length - 1] ?? inner;
}

/**
 * Fill template placeholders with the values verify runs them with (verify.templateVars),
 * each found by its whole text or by placeholderName. Values hold no line breaks, so line
 * numbers stay true. `missing` lists the placeholders left as written.
 */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string>>): { text: string; missing: string[] } {
  const missing = new Set<string>();
  if (!text.includes('${') && !text.includes('{{') && !text.includes('{%')) return { text, missing: [] };
  const out = text.replace(PLACEHOLDER, (m: string) => {
    const value = values[m.trim()] ?? values[placeholderName(m)];
    if (value === undefined) missing.add(m);
    return value ?? m;
  });
  return { text: out, missing: [...missing] };
}
