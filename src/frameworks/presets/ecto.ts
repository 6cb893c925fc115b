import type { Framework } from '../types';

/** Ecto (Elixir): `mix ecto.migrate` / `mix ecto.rollback --step 1`, with the SQL logged. */
export const ecto: Framework = {
  name: 'ecto',
  detect: (p) => (p.files.includes('mix.exs') && p.files.some((f) => /(^|\/)priv\/repo\/migrations\/.*\.exs$/.test(f)) ? 'mix.exs and priv/repo/migrations' : undefined),
  migrate: () => 'mix ecto.migrate --log-migrations-sql',
  rollback: () => 'mix ecto.rollback --step 1 --log-migrations-sql',
  versionTable: { table: 'schema_migrations', idOf: (r) => r.version },
  sourceOf: (id, p) => p.files.find((f) => /(^|\/)priv\/repo\/migrations\//.test(f) && f.slice(f.lastIndexOf('/') + 1).startsWith(`${id}_`)),
  upFunction: /^\s*def (change|up)\b/,
  downFunction: /^\s*def (down|change)\b/,
  settings: 'config/runtime.exs (or test.exs) gives the Repo `url: System.get_env("DATABASE_URL")`.',
};
