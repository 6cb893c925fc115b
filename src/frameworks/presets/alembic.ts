import type { Framework } from '../types';

/** Alembic (SQLAlchemy): `alembic upgrade head` / `alembic downgrade -1`. */
export const alembic: Framework = {
  name: 'alembic',
  detect: (p) => (p.files.includes('alembic.ini') ? 'alembic.ini' : undefined),
  migrate: () => 'alembic upgrade head',
  rollback: () => 'alembic downgrade -1',
  step: () => 'alembic upgrade +1',
  versionTable: { table: 'alembic_version', idOf: (r) => r.version_num },
  sourceOf(id, p) {
    const declares = new RegExp(`^revision\\s*(?::\\s*str\\s*)?=\\s*['"]${id.replace(/\W/g, '\\$&')}['"]`, 'm');
    return p.files.find((f) => f.endsWith('.py') && declares.test(p.read(f)));
  },
  upFunction: /^def upgrade\b/,
  downFunction: /^def downgrade\b/,
  settings: "env.py takes the URL from the environment: `config.set_main_option('sqlalchemy.url', os.environ['DATABASE_URL'])` (or builds it from PGHOST, PGPORT, PGUSER, PGDATABASE).",
};
