import type { Framework, Project } from '../types';

const DATA_SOURCES = ['data-source.js', 'src/data-source.js', 'data-source.cjs', 'src/data-source.cjs', 'data-source.ts', 'src/data-source.ts', 'ormconfig.js', 'ormconfig.ts'];

/** The TypeORM CLI with the project's data source (`-d`); TypeScript through ts-node. */
function cli(p: Project, verb: string): string {
  const ds = DATA_SOURCES.find((f) => p.files.includes(f)) ?? 'data-source.js';
  return `npx ${ds.endsWith('.ts') ? 'typeorm-ts-node-commonjs' : 'typeorm'} ${verb} -d ${ds}`;
}

/** TypeORM: `typeorm migration:run` / `migration:revert` (only by --framework: no marker is specific enough). */
export const typeorm: Framework = {
  name: 'typeorm',
  detect: () => undefined,
  migrate: (p) => cli(p, 'migration:run'),
  rollback: (p) => cli(p, 'migration:revert'),
  versionTable: { table: 'migrations', idOf: (r) => r.name, internal: ['typeorm_metadata'] },
  sourceOf(id, p) {
    const declares = new RegExp(`class\\s+${id.replace(/\W/g, '')}\\b`);
    return p.files.find((f) => /\.(m|c)?[jt]s$/.test(f) && declares.test(p.read(f)));
  },
  upFunction: /\bup\s*\(\s*queryRunner/,
  downFunction: /\bdown\s*\(\s*queryRunner/,
  settings: 'the data source (data-source.js or src/data-source.ts, passed with -d) reads `url: process.env.DATABASE_URL`.',
};
