// The recursive `.sql` file listing the corpus tests and benches share.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Every `.sql` file below `dir`, sorted. */
export function sqlFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...sqlFilesUnder(p));
    else if (e.name.endsWith('.sql')) out.push(p);
  }
  return out.sort();
}
