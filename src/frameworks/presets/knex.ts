import { filesNamed, type Framework, type Project } from '../types';

const KNEXFILES = ['knexfile.js', 'knexfile.ts', 'knexfile.cjs', 'knexfile.mjs'];

/** The knex CLI finds knexfile.js (and .ts) by itself; others are named. */
function cli(p: Project, verb: string): string {
  const file = KNEXFILES.find((f) => p.files.includes(f));
  return `npx knex ${verb}${file && file !== 'knexfile.js' && file !== 'knexfile.ts' ? ` --knexfile ${file}` : ''}`;
}

/** Knex: `npx knex migrate:latest` / `npx knex migrate:down` (one migration; `migrate:rollback` undoes a whole batch). */
export const knex: Framework = {
  name: 'knex',
  detect: (p) => KNEXFILES.find((f) => p.files.includes(f)),
  migrate: (p) => cli(p, 'migrate:latest'),
  rollback: (p) => cli(p, 'migrate:down'),
  versionTable: { table: 'knex_migrations', idOf: (r) => r.name, internal: ['knex_migrations_lock'] },
  sourceOf: (id, p) => filesNamed(p, id)[0],
  upFunction: /(exports\.up\b|export\s+(async\s+)?function\s+up\b|^\s*(async\s+)?up\s*[:(=])/,
  downFunction: /(exports\.down\b|export\s+(async\s+)?function\s+down\b|^\s*(async\s+)?down\s*[:(=])/,
  settings: "the knexfile's connection reads the environment: `connection: process.env.DATABASE_URL`.",
};
