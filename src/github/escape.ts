// Escaping for text that comes from the repository (file names, SQL, messages
// quoting identifiers) before it goes into GitHub-flavoured markdown. A pull
// request controls all of it, so it must not be able to open HTML, close our
// <details>, break a table, or @mention a person or team.

const ZWSP = '\u200b';

/**
 * Inline markdown-safe text: HTML special characters become entities, markdown
 * punctuation that opens inline markup is backslash-escaped (so `|` cannot split a table cell), newlines
 * become spaces, and `@` is followed by a zero-width space so it never mentions.
 */
export function escapeText(text: string): string {
  return (
    String(text)
      .replace(/\r\n?|\n/g, ' ')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      // Mid-line, only these start inline markup (emphasis, code, links, tables, strikethrough).
      .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
      .replace(/@/g, `@${ZWSP}`)
  );
}

/** escapeText for text that starts a line: also defuses list, heading and setext markers. */
export function escapeLineStart(text: string): string {
  return escapeText(text).replace(/^(\s*)([-+#=]|\d+[.)])/, '$1\\$2');
}

/**
 * Text for raw HTML contexts (a `<summary>` line is an HTML block, where
 * markdown escapes would show literally): entities only, plus the mention guard.
 */
export function escapeHtml(text: string): string {
  return String(text)
    .replace(/\r\n?|\n/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@/g, `@${ZWSP}`);
}

/** Text shown as code inline (`<code>` with escaped content; mentions and markdown stay inert). */
export function inlineCode(text: string): string {
  return `<code>${escapeText(text)}</code>`;
}

/**
 * A fenced code block whose fence is longer than any backtick run in `text`,
 * so the content cannot close it. Mentions and HTML are inert inside fences.
 */
export function codeBlock(text: string, lang = ''): string {
  const longest = Math.max(0, ...[...String(text).matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  // Tildes are a fence only at a line start; our fence is backticks, so they are fine.
  return `${fence}${lang}\n${String(text).replace(/\r\n?/g, '\n')}\n${fence}`;
}

/** A value safe inside an HTML comment (no `--`, no `>`), for the hidden markers. */
export function commentSafe(text: string): string {
  return String(text)
    .replace(/-{2,}/g, '-')
    .replace(/[<>\r\n]/g, '_');
}

/** Percent-encodes each segment of a repository path for a blob URL (spaces, `)`, `#`, `?`…). */
export function encodePath(path: string): string {
  return path
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
}
