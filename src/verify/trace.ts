// Per-statement observation: duration, the locks a statement newly took on
// relations that existed before the migration (pg_locks, read inside the same
// transaction right after the statement: locks are held until commit), and the
// tables/indexes it rewrote (their relfilenode changed).

import type { Database } from './databases/types';
import { LOCK_RANK, type LockMode } from '../lint/locks';
import { queryPrepared } from './prepared';

/** A relation that existed before the migration ran. */
export interface KnownRelation {
  oid: number;
  /** Schema-qualified (`public.users`), whatever the search_path: migrations may change it. */
  name: string;
  /** `r` table, `p` partitioned, `m` matview, `i`/`I` index, `S` sequence, … */
  kind: string;
  /** The table an index belongs to. */
  table?: number;
  filenode: number | null;
}

/** A schema-qualified name as the user reads it: `public.` dropped. */
export function displayName(qualified: string): string {
  return qualified.startsWith('public.') ? qualified.slice('public.'.length) : qualified;
}

/** The user relations of the database, by oid. */
export async function knownRelations(db: Database): Promise<Map<number, KnownRelation>> {
  const rows = await queryPrepared<{ oid: number | string; name: string; kind: string; tbl: number | string | null; filenode: number | string | null }>(
    db,
    'migration_guard_relations',
    `
    SELECT c.oid::int8 AS oid, pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname) AS name, c.relkind::text AS kind, i.indrelid::int8 AS tbl,
           pg_catalog.pg_relation_filenode(c.oid)::int8 AS filenode
    FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_catalog.pg_index i ON i.indexrelid = c.oid
    WHERE c.oid >= 16384 AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'
      AND c.relkind IN ('r', 'p', 'm', 'i', 'I', 'S', 'v', 'f')`,
  );
  const out = new Map<number, KnownRelation>();
  for (const r of rows) {
    out.set(Number(r.oid), {
      oid: Number(r.oid),
      name: r.name,
      kind: r.kind,
      table: r.tbl === null ? undefined : Number(r.tbl),
      filenode: r.filenode === null ? null : Number(r.filenode),
    });
  }
  return out;
}

/** A relation lock as pg_locks reports it (`mode`: `RowExclusiveLock`…). */
export interface HeldLock {
  oid: number;
  mode: string;
}

/** What the session holds and where the known relations' files are, at one moment. */
export interface Observation {
  /** Every granted relation lock of this backend, keyed `oid:mode` (for set differences). */
  locks: Map<string, HeldLock>;
  /** Current relfilenode of each known relation still present. */
  filenodes: Map<number, number | null>;
}

/** Read this backend's relation locks and the known relations' files (one query). */
export async function observe(db: Database, known: Map<number, KnownRelation>): Promise<Observation> {
  const oids = [...known.values()].filter((r) => r.filenode !== null).map((r) => r.oid);
  const rows = await queryPrepared<{ k: string; oid: number | string; v: string | null }>(
    db,
    'migration_guard_observe',
    `
    SELECT 'l' AS k, l.relation::int8 AS oid, l.mode AS v FROM pg_catalog.pg_locks l
      WHERE l.pid = pg_catalog.pg_backend_pid() AND l.locktype = 'relation' AND l.granted AND l.relation >= 16384
    UNION ALL
    SELECT 'f', c.oid::int8, pg_catalog.pg_relation_filenode(c.oid)::text FROM pg_catalog.pg_class c
      WHERE c.oid = ANY($1)`,
    [`'{${oids.join(',')}}'::oid[]`],
    ['oid[]'],
  );
  const obs: Observation = { locks: new Map(), filenodes: new Map() };
  for (const r of rows) {
    if (r.k === 'l') obs.locks.set(`${Number(r.oid)}:${r.v}`, { oid: Number(r.oid), mode: String(r.v) });
    else obs.filenodes.set(Number(r.oid), r.v === null ? null : Number(r.v));
  }
  return obs;
}

/** Locks taken between two observations, on known relations, strongest first per relation. */
export function newLocks(before: Observation, after: Observation, known: Map<number, KnownRelation>): { relation: string; mode: string }[] {
  const out: { relation: string; mode: string; rank: number }[] = [];
  for (const [key, { oid, mode }] of after.locks) {
    if (before.locks.has(key)) continue;
    const rel = known.get(oid);
    if (!rel) continue; // created by this migration, or a system relation
    out.push({ relation: displayName(rel.name), mode, rank: lockRank(mode) });
  }
  return out.sort((a, b) => a.relation.localeCompare(b.relation) || b.rank - a.rank).map(({ relation, mode }) => ({ relation, mode }));
}

/** Rank of a lock mode as pg_locks spells it (`ShareLock`), on lint's table (lint/locks.ts); 0 for others. */
export function lockRank(mode: string): number {
  return LOCK_RANK[mode.replace(/Lock$/, '') as LockMode] ?? 0;
}

/**
 * Known tables, matviews and indexes whose file changed between two observations.
 * An index rebuilt because its table was rewritten is implied by the table and
 * not listed; an index rebuilt on its own (REINDEX) is.
 */
export function rewrites(before: Observation, after: Observation, known: Map<number, KnownRelation>): string[] {
  const changed = new Set<number>();
  for (const [oid, node] of after.filenodes) {
    const prev = before.filenodes.get(oid);
    const rel = known.get(oid);
    if (!rel || !['r', 'm', 'i'].includes(rel.kind)) continue;
    if (prev !== undefined && prev !== null && node !== null && prev !== node) changed.add(oid);
  }
  const out: string[] = [];
  for (const oid of changed) {
    const rel = known.get(oid)!;
    if (rel.kind === 'i' && rel.table !== undefined && changed.has(rel.table)) continue;
    out.push(rel.kind === 'i' ? `index ${displayName(rel.name)}` : displayName(rel.name));
  }
  return out.sort();
}
