// Turns a directory (or files) into Migration[]. PLACEHOLDER until the layouts
// work lands: treats every *.sql as a plain up-only migration in natural order.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import type { Finding, LayoutName, Migration } from '../types';

export interface DiscoverOptions {
  /** Force a layout instead of detecting it. */
  layout?: LayoutName | 'auto';
  /** Base for displayed paths (default process.cwd()). */
  cwd?: string;
}

export interface Discovery {
  /** The layout detected (or forced). */
  layout: LayoutName;
  /** Migrations in the order the framework applies them. */
  migrations: Migration[];
  /** Per-file problems (unreadable file, orphan down…) as findings; never thrown. */
  findings: Finding[];
}

/** Discover the migrations under `path` (a folder or a single .sql file). Throws UsageError when `path` does not exist. */
export function discoverMigrations(path: string, options: DiscoverOptions = {}): Discovery {
  const cwd = options.cwd ?? process.cwd();
  const files = statSync(path).isDirectory()
    ? readdirSync(path).filter((f) => f.endsWith('.sql')).sort((a, b) => a.localeCompare(b, undefined, { numeric: true })).map((f) => join(path, f))
    : [path];
  const migrations: Migration[] = files.map((file) => {
    const id = basename(file, '.sql');
    return {
      id,
      version: id,
      name: id,
      layout: 'plain',
      up: { file: relative(cwd, file) || file, text: readFileSync(file, 'utf8'), firstLine: 1 },
      transactional: false,
      changed: true,
    };
  });
  return { layout: 'plain', migrations, findings: [] };
}
