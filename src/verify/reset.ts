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
  /** Per schema: its owner and the statements that give back its privileges beyond the owner's. */
  schemaAccess?: Map<string, { owner: string; grants: string[] }>;
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
  // A recreated schema must look like the original to the snapshot (owner, ACL: public
  // is owned by pg_database_owner from PostgreSQL 15 on, and PUBLIC may use it).
  const access = await db.query<{ name: string; owner: string; grantee: string | null; privilege: string | null; grantable: boolean | null }>(`
    SELECT n.nspname AS name, pg_catalog.pg_get_userbyid(n.nspowner)::text AS owner,
      CASE WHEN g.grantee = 0 THEN NULL ELSE pg_catalog.pg_get_userbyid(g.grantee)::text END AS grantee, g.privilege_type AS privilege, g.is_grantable AS grantable
    FROM pg_catalog.pg_namespace n LEFT JOIN LATERAL pg_catalog.aclexplode(n.nspacl) g ON g.grantee <> n.nspowner
    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'`);
  const schemaAccess = new Map<string, { owner: string; grants: string[] }>();
  for (const r of access.rows) {
    const a = schemaAccess.get(r.name) ?? { owner: r.owner, grants: [] };
    if (r.privilege) a.grants.push(`GRANT ${r.privilege} ON SCHEMA ${qi(r.name)} TO ${r.grantee === null ? 'PUBLIC' : qi(r.grantee)}${r.grantable ? ' WITH GRANT OPTION' : ''}`);
    schemaAccess.set(r.name, a);
  }
  return { schemas: of('s'), extensions: of('e'), roles: of('r'), schemaAccess };
}

/** Drop what the migrations created since the baseline; baseline schemas are recreated empty. */
export async function resetDatabase(db: Database, baseline: Baseline): Promise<void> {
  await db.exec('ROLLBACK').catch(() => {});
  const now = await captureBaseline(db);
  const sql: string[] = [];
  for (const e of now.extensions) if (!baseline.extensions.includes(e)) sql.push(`DROP EXTENSION IF EXISTS ${qi(e)} CASCADE`);
  for (const s of now.schemas) sql.push(`DROP SCHEMA IF EXISTS ${qi(s)} CASCADE`);
  for (const s of baseline.schemas) sql.push(`CREATE SCHEMA IF NOT EXISTS ${qi(s)}`);
  const access: string[] = [];
  for (const s of baseline.schemas) {
    const a = baseline.schemaAccess?.get(s);
    if (a) access.push(`ALTER SCHEMA ${qi(s)} OWNER TO ${qi(a.owner)}`, ...a.grants);
    else if (s === 'public') access.push('GRANT USAGE ON SCHEMA public TO PUBLIC');
  }
  for (const r of now.roles) if (!baseline.roles.includes(r)) sql.push(`DROP OWNED BY ${qi(r)} CASCADE`, `DROP ROLE IF EXISTS ${qi(r)}`);
  for (const stmt of sql) await db.exec(stmt);
  // Best effort: a server user that may not hand a schema to its owner leaves a difference the snapshot names.
  for (const stmt of access) await db.exec(stmt).catch(() => {});
}
