// Back to the empty database the run started with: drop every schema, extension
// and role the migrations created, and empty the schemas that were there. Used
// only when a migration failed part-way outside a transaction (nothing to roll
// back); the cycle then replays the earlier ups.

import type { Database } from './databases/types';

/** What existed before the first migration. */
export interface Baseline {
  schemas: string[];
  extensions: string[];
  roles: string[];
}

const qi = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** Record the schemas, extensions and roles present now. */
export async function captureBaseline(db: Database): Promise<Baseline> {
  const { rows } = await db.query<{ k: string; name: string }>(`
    SELECT 's' AS k, nspname AS name FROM pg_catalog.pg_namespace
      WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\\_toast%' AND nspname NOT LIKE 'pg\\_temp\\_%'
    UNION ALL SELECT 'e', extname FROM pg_catalog.pg_extension
    UNION ALL SELECT 'r', rolname FROM pg_catalog.pg_roles`);
  const of = (k: string) => rows.filter((r) => r.k === k).map((r) => r.name);
  return { schemas: of('s'), extensions: of('e'), roles: of('r') };
}

/** Drop what the migrations created since the baseline; baseline schemas are recreated empty. */
export async function resetDatabase(db: Database, baseline: Baseline): Promise<void> {
  await db.exec('ROLLBACK').catch(() => {});
  const now = await captureBaseline(db);
  const sql: string[] = [];
  for (const e of now.extensions) if (!baseline.extensions.includes(e)) sql.push(`DROP EXTENSION IF EXISTS ${qi(e)} CASCADE`);
  for (const s of now.schemas) sql.push(`DROP SCHEMA IF EXISTS ${qi(s)} CASCADE`);
  for (const s of baseline.schemas) sql.push(`CREATE SCHEMA IF NOT EXISTS ${qi(s)}`);
  if (baseline.schemas.includes('public')) sql.push('GRANT USAGE ON SCHEMA public TO PUBLIC');
  for (const r of now.roles) if (!baseline.roles.includes(r)) sql.push(`DROP OWNED BY ${qi(r)} CASCADE`, `DROP ROLE IF EXISTS ${qi(r)}`);
  for (const stmt of sql) await db.exec(stmt);
}
