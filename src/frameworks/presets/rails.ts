import type { Framework } from '../types';

/** Rails / ActiveRecord: `bin/rails db:migrate` / `bin/rails db:rollback STEP=1`. */
export const rails: Framework = {
  name: 'rails',
  detect: (p) => (p.files.includes('Gemfile') && p.files.some((f) => /^db\/migrate\/.*\.rb$/.test(f)) ? 'Gemfile and db/migrate/*.rb' : undefined),
  migrate: () => 'bin/rails db:migrate',
  rollback: () => 'bin/rails db:rollback STEP=1',
  versionTable: { table: 'schema_migrations', idOf: (r) => r.version, internal: ['ar_internal_metadata'] },
  sourceOf: (id, p) => p.files.find((f) => f.startsWith(`db/migrate/${id}_`) && f.endsWith('.rb')) ?? p.files.find((f) => f.endsWith('.rb') && f.slice(f.lastIndexOf('/') + 1).startsWith(`${id}_`)),
  upFunction: /^\s*def (change|up)\b/,
  downFunction: /^\s*def (down|change)\b/,
  settings: 'Rails reads DATABASE_URL by itself (it overrides config/database.yml); set `config.active_record.dump_schema_after_migration = false` if the run must not rewrite db/schema.rb.',
};
