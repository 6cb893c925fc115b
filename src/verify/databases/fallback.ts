// Choosing a provider when the preferred one may be missing (the Action: a container
// where Docker answers, else PGlite): an ordered list of strategies, each asked whether
// it can be used here; every one skipped is reported with why.

import type { DatabaseKind } from './types';

/** One way to get verify's database, and why it cannot be used here (undefined: it can). */
export interface DatabaseStrategy {
  kind: DatabaseKind;
  unavailable(): Promise<string | undefined>;
}

/** The first strategy that can be used, calling `skipped` for each one before it; the last is used whatever it says. */
export async function firstAvailable(strategies: readonly DatabaseStrategy[], skipped: (kind: DatabaseKind, why: string) => void): Promise<DatabaseKind> {
  if (strategies.length === 0) throw new Error('firstAvailable: no strategy given');
  for (const s of strategies.slice(0, -1)) {
    const why = await s.unavailable();
    if (why === undefined) return s.kind;
    skipped(s.kind, why);
  }
  return strategies[strategies.length - 1].kind;
}
