// ANSI styling for the text renderers; identity functions when colour is off.

export interface Paint {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  green(s: string): string;
}

const codes: Record<keyof Paint, [number, number]> = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  yellow: [33, 39],
  cyan: [36, 39],
  green: [32, 39],
};

/** Styling functions; plain when `enabled` is false. */
export function paint(enabled: boolean): Paint {
  const out = {} as Paint;
  for (const [name, [open, close]] of Object.entries(codes) as [keyof Paint, [number, number]][]) {
    out[name] = enabled ? (s) => `\u001b[${open}m${s}\u001b[${close}m` : (s) => s;
  }
  return out;
}
