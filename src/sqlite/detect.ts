// Which projects are SQLite, without loading the SQLite parser (run.ts asks on every
// run): an Alembic project whose alembic.ini (or the config's framework.env) names a
// `sqlite:` URL, and the database file that URL points at.

import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Framework } from '../frameworks/types';

/** `sqlite` when a path is an Alembic project whose alembic.ini (or framework.env's DATABASE_URL) is a SQLite URL; else postgres. */
export function detectDialect(paths: readonly string[], frameworks: ReadonlyMap<string, Framework | undefined>, configuredUrl?: string): 'postgres' | 'sqlite' {
  const alembic = paths.filter((p) => frameworks.get(p)?.name === 'alembic');
  if (alembic.length && configuredUrl?.startsWith('sqlite:')) return 'sqlite';
  return alembic.some((p) => sqliteUrlOf(p) !== undefined) ? 'sqlite' : 'postgres';
}

/** The `sqlalchemy.url` of an Alembic project when it is `sqlite:…`. */
export function sqliteUrlOf(project: string): string | undefined {
  const ini = join(project, 'alembic.ini');
  if (!existsSync(ini)) return undefined;
  const line = readFileSync(ini, 'utf8')
    .split(/\r?\n/)
    .find((l) => /^\s*sqlalchemy\.url\s*=/.test(l));
  const url = line?.slice(line.indexOf('=') + 1).trim();
  return url?.startsWith('sqlite:') ? url : undefined;
}

/** The database file a `sqlite:///path` URL names, resolved against the project (undefined for in-memory). */
export function sqliteFileOf(url: string, project: string): string | undefined {
  const path = url.replace(/^sqlite(\+\w+)?:\/\//, '').replace(/\?.*$/, '');
  if (!path || path === '/' || path === '/:memory:') return undefined;
  // `sqlite:///app.db` is relative to the project, `sqlite:////srv/app.db` absolute.
  return resolve(project, path.slice(1));
}
