// Turns a directory (or files) into Migration[]. PLACEHOLDER until the layouts
// work lands: treats every *.sql as a plain up-only migration in natural order.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import type { LayoutName, Migration } from '../types';

export interface DiscoverOptions {
  /** Force a layout instead of detecting it. */
  layout?: LayoutName | 'auto';
  /** Base for displayed paths (default process.cwd()). */
  cwd?: string;
}

/** Discover the migrations under `path` (a folder or a single .sql file). */
export function discoverMigrations(path: string, options: DiscoverOptions = {}): Migration[] {
  const cwd = options.cwd ?? process.cwd();
  const files = statSync(path).isDirectory()
    ? readdirSync(path).filter((f) => f.endsWith('.sql')).sort((a, b) => a.localeCompare(b, undefined, { numeric: true })).map((f) => join(path, f))
    : [path];
  return files.map((file) => {
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
}
