import { filesNamed, type Framework } from '../types';

/** node-pg-migrate's JavaScript/TypeScript migrations: `npx node-pg-migrate up` / `down` (its SQL layout is read as files). */
export const nodePgMigrate: Framework = {
  name: 'node-pg-migrate',
  detect: () => undefined,
  migrate: () => 'npx node-pg-migrate up',
  rollback: () => 'npx node-pg-migrate down',
  versionTable: { table: 'pgmigrations', idOf: (r) => r.name },
  sourceOf: (id, p) => filesNamed(p, id).find((f) => /\.(m|c)?[jt]s$/.test(f)),
  upFunction: /(exports\.up\b|export\s+(const|async\s+function|function)\s+up\b)/,
  downFunction: /(exports\.down\b|export\s+(const|async\s+function|function)\s+down\b)/,
  settings: 'node-pg-migrate reads DATABASE_URL by itself.',
};
