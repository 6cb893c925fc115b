// A framework project's files, listed once: what detection, the preset
// commands and the source lookup look at. Dependencies and build output of the
// usual toolchains are left out.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Project } from './types';

const SKIPPED = new Set(['node_modules', '.git', '__pycache__', 'venv', '.venv', 'env', '_build', 'deps', 'vendor', 'tmp', 'log', 'coverage', '.tox', '.mypy_cache', 'site-packages']);
const MAX_FILES = 50_000;
const MAX_DEPTH = 10;

/** List the project under `dir`. */
export function loadProject(dir: string): Project {
  const files: string[] = [];
  const walk = (abs: string, rel: string, depth: number) => {
    if (depth > MAX_DEPTH || files.length >= MAX_FILES) return;
    let entries;
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!SKIPPED.has(e.name)) walk(join(abs, e.name), path, depth + 1);
      } else if (e.isFile()) files.push(path);
    }
  };
  walk(dir, '', 0);
  const cache = new Map<string, string>();
  return {
    dir,
    files,
    read(file) {
      let text = cache.get(file);
      if (text === undefined) {
        try {
          text = readFileSync(join(dir, file), 'utf8');
        } catch {
          text = '';
        }
        cache.set(file, text);
      }
      return text;
    },
  };
}
