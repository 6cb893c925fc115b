// "Did you mean …?" for a misspelt key, flag, rule id or value: the closest candidates by edit distance.

/** ` (did you mean "x"?)` for the closest candidate, or '' when none is close. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const close = closeMatches(word, candidates, 1);
  return close.length ? ` (did you mean "${close[0]}"?)` : '';
}

/** Candidates close to `word` (small edit distance, containing it, or sharing a word part), closest first. */
export function closeMatches(word: string, candidates: readonly string[], limit = 3): string[] {
  const w = word.toLowerCase();
  const parts = new Set(w.split(/[-_]/).filter((p) => p.length >= 4));
  return candidates
    .map((c) => {
      const lc = c.toLowerCase();
      const d = editDistance(w, lc);
      const close = d <= Math.max(2, Math.round(w.length * 0.4)) || (w.length >= 4 && lc.includes(w)) || lc.split('-').some((p) => parts.has(p));
      return { c, d: w.length >= 4 && lc.includes(w) ? Math.min(d, 1) : d, close };
    })
    .filter((x) => x.close)
    .sort((a, b) => a.d - b.d || a.c.localeCompare(b.c))
    .slice(0, limit)
    .map((x) => x.c);
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}
