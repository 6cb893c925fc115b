// Cutting text to a width for tables, comments and messages.

/** `text` cut to at most `max` characters, the cut marked with an ellipsis. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
