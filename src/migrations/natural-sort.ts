// Orderings migration tools use: natural (digit runs compared as numbers),
// dotted numeric versions (Flyway, temporal) and plain digit strings of any length.

const CHUNK = /(\d+)|(\D+)/g;

/** Compare two strings so that `2_x` < `10_x` (digit runs compare as numbers, then by length of leading zeros). */
export function naturalCompare(a: string, b: string): number {
  const ca = a.match(CHUNK) ?? [];
  const cb = b.match(CHUNK) ?? [];
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    const x = ca[i];
    const y = cb[i];
    if (x === y) continue;
    const dx = /^\d/.test(x);
    const dy = /^\d/.test(y);
    if (dx && dy) {
      const c = compareDigits(x, y);
      if (c !== 0) return c;
      return x.length - y.length; // same number, different zero padding: shorter first
    }
    return x < y ? -1 : 1;
  }
  return ca.length - cb.length;
}

/** Compare two digit strings as (arbitrarily large) non-negative integers. */
export function compareDigits(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Compare dotted versions numerically segment by segment: 1.2 < 1.10, 1.2 = 1.2.0. */
export function compareDottedVersions(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const c = compareDigits(pa[i] ?? '0', pb[i] ?? '0');
    if (c !== 0) return c;
  }
  return 0;
}
