import { filesNamed, type Framework } from '../types';

/** Sequelize: `npx sequelize-cli db:migrate` / `db:migrate:undo`. */
export const sequelize: Framework = {
  name: 'sequelize',
  detect: (p) => (p.files.includes('.sequelizerc') ? '.sequelizerc' : undefined),
  migrate: () => 'npx sequelize-cli db:migrate',
  rollback: () => 'npx sequelize-cli db:migrate:undo',
  versionTable: { table: 'SequelizeMeta', idOf: (r) => r.name },
  sourceOf: (id, p) => filesNamed(p, id)[0],
  upFunction: /^\s*(async\s+)?up\s*[:(]/,
  downFunction: /^\s*(async\s+)?down\s*[:(]/,
  settings: 'config/config.json (or the file .sequelizerc names) uses `"use_env_variable": "DATABASE_URL"` for the environment the run uses (NODE_ENV, default development).',
};
