import type { Framework } from '../types';

/** Django: `python3 manage.py migrate` / `migrate APP PREVIOUS` (or `zero`). */
export const django: Framework = {
  name: 'django',
  detect: (p) => (p.files.includes('manage.py') && p.files.some((f) => /(^|\/)migrations\/0\w*\.py$/.test(f)) ? 'manage.py and */migrations/0*.py' : undefined),
  migrate: () => 'python3 manage.py migrate --noinput',
  rollback(_p, applied) {
    const top = applied.at(-1) ?? '';
    const app = top.slice(0, top.indexOf('.'));
    const previous = [...applied.slice(0, -1)].reverse().find((id) => id.startsWith(`${app}.`));
    return `python3 manage.py migrate ${app} ${previous ? previous.slice(app.length + 1) : 'zero'} --noinput`;
  },
  versionTable: { table: 'django_migrations', idOf: (r) => (r.app && r.name ? `${r.app}.${r.name}` : undefined), internal: ['django_content_type', 'auth_permission'] },
  sourceOf(id, p) {
    const dot = id.indexOf('.');
    const app = id.slice(0, dot);
    const name = id.slice(dot + 1);
    const found = p.files.filter((f) => f.endsWith(`migrations/${name}.py`));
    return found.find((f) => f === `${app}/migrations/${name}.py` || f.endsWith(`/${app}/migrations/${name}.py`)) ?? found[0];
  },
  upFunction: /^\s*operations\s*=/,
  downFunction: /^\s*operations\s*=/,
  settings: 'settings.py builds DATABASES from DATABASE_URL (e.g. `dj_database_url.config()`) or from PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE.',
};
