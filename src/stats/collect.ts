// `migration-guard stats`: reads table sizes and activity from production (or a
// replica) over a read-only session and returns the stats file. It runs exactly
// STATS_QUERY (also published in docs/stats.md for teams that would rather run it
// with psql) and, where pg_stat_statements is installed, TOP_QUERIES: catalog and
// statistics views only. The session is opened with default_transaction_read_only
// and a short lock_timeout; if the server does not confirm read-only, nothing runs.

import pg from 'pg';
import { DatabaseUnavailableError, UsageError } from '../errors';
import { dmlTarget, nodesOf } from '../sql/ast';
import { initParser, parseSql } from '../sql/parse';
import { parseStats, type StatsFile, type TableQuery, type TableStats } from './file';

/**
 * One JSON document with every user table's size, index definitions, vacuum and
 * analyze times and activity counters (cumulative since the last stats reset).
 * `psql -XAt -f stats.sql > stats.json` produces a valid stats file.
 */
export const STATS_QUERY = `SELECT json_build_object(
  'version', 1,
  'kind', 'migration-guard-stats',
  'collectedAt', now(),
  'countersSince', (SELECT coalesce(d.stats_reset, pg_postmaster_start_time()) FROM pg_stat_database d WHERE d.datname = current_database()),
  'server', json_build_object('version', current_setting('server_version'), 'versionNum', current_setting('server_version_num')::int),
  'database', current_database(),
  'tables', coalesce((SELECT json_agg(t ORDER BY t.schema, t.name) FROM (
    SELECT n.nspname AS schema, c.relname AS name,
           CASE WHEN c.reltuples < 0 THEN NULL ELSE c.reltuples::int8 END AS rows,
           pg_relation_size(c.oid) AS "heapBytes",
           pg_indexes_size(c.oid) AS "indexBytes",
           CASE WHEN c.reltoastrelid = 0 THEN 0 ELSE pg_total_relation_size(c.reltoastrelid) END AS "toastBytes",
           s.n_dead_tup AS "deadRows",
           s.last_vacuum AS "lastVacuum", s.last_autovacuum AS "lastAutovacuum",
           s.last_analyze AS "lastAnalyze", s.last_autoanalyze AS "lastAutoanalyze",
           (SELECT coalesce(json_agg(json_build_object('name', i.relname, 'definition', pg_get_indexdef(x.indexrelid),
                                                       'bytes', pg_relation_size(x.indexrelid)) ORDER BY i.relname), '[]'::json)
              FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = c.oid) AS indexes,
           CASE WHEN s.relid IS NULL THEN NULL ELSE json_build_object(
             'seqScans', s.seq_scan, 'idxScans', coalesce(s.idx_scan, 0),
             'inserts', s.n_tup_ins, 'updates', s.n_tup_upd, 'deletes', s.n_tup_del) END AS counters
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
    WHERE c.relkind IN ('r', 'p', 'm')
      AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'
  ) t), '[]'::json)
) AS stats`;

/** The busiest statements, when pg_stat_statements is installed (column names of PG 13+, then of PG ≤ 12). */
const TOP_QUERIES = (meanColumn: string) => `SELECT query, calls::float8 AS calls, ${meanColumn}::float8 AS mean_ms
  FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
  ORDER BY calls DESC LIMIT 200`;

/** Settings of the stats session: read-only, and never queued for long behind a migration's lock. */
const SESSION_OPTIONS = '-c default_transaction_read_only=on -c lock_timeout=2000 -c statement_timeout=120000';

export interface CollectOptions {
  /** With N > 0: read the counters twice, N seconds apart, so traffic is the rate over that window (default: since the last stats reset). */
  sampleSeconds?: number;
  /** Queries per table kept from pg_stat_statements (default 5). */
  topQueries?: number;
  log?: (line: string) => void;
}

/** Connect read-only; throws DatabaseUnavailableError when the server cannot be reached, UsageError when it will not be read-only. */
export async function openReadOnly(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, options: SESSION_OPTIONS, application_name: 'migration-guard stats' });
  client.on('error', () => {}); // a dropped connection fails the pending query instead
  try {
    await client.connect();
  } catch (err) {
    throw new DatabaseUnavailableError(`stats: cannot connect to ${redact(url)}: ${(err as Error).message}`);
  }
  const { rows } = await client.query<{ transaction_read_only: string }>('SHOW transaction_read_only');
  if (rows[0]?.transaction_read_only !== 'on') {
    await client.end().catch(() => {});
    throw new UsageError('stats: the server did not make the session read-only (default_transaction_read_only); refusing to run anything');
  }
  return client;
}

/** Collect the stats file from the server at `url`. */
export async function collectStats(url: string, options: CollectOptions = {}): Promise<StatsFile> {
  const log = options.log ?? (() => {});
  const client = await openReadOnly(url);
  try {
    const first = await readOnce(client);
    let stats = first;
    const sample = options.sampleSeconds ?? 0;
    if (sample > 0) {
      log(`stats: sampling activity for ${sample} s`);
      await new Promise((r) => setTimeout(r, sample * 1000));
      stats = windowed(first, await readOnce(client));
    }
    const queries = await topQueries(client, log);
    if (queries.length) await attachQueries(stats, queries, options.topQueries ?? 5);
    log(`stats: ${stats.tables.length} tables from ${stats.database} on PostgreSQL ${stats.server.version}`);
    return stats;
  } finally {
    await client.end().catch(() => {});
  }
}

async function readOnce(client: pg.Client): Promise<StatsFile> {
  const { rows } = await client.query<{ stats: unknown }>(STATS_QUERY);
  return parseStats(JSON.stringify(rows[0]?.stats), "the server's answer");
}

/** The later reading, with counters as the difference over the time between the two. */
function windowed(first: StatsFile, second: StatsFile): StatsFile {
  const before = new Map(first.tables.map((t) => [`${t.schema}.${t.name}`, t]));
  const tables = second.tables.map((t): TableStats => {
    const b = before.get(`${t.schema}.${t.name}`)?.counters;
    const c = t.counters;
    if (!c || !b) return { ...t, counters: null };
    const d = (k: keyof typeof c) => Math.max(0, c[k] - b[k]); // a reset in between reads as zero, never negative
    return { ...t, counters: { seqScans: d('seqScans'), idxScans: d('idxScans'), inserts: d('inserts'), updates: d('updates'), deletes: d('deletes') } };
  });
  return { ...second, countersSince: first.collectedAt, tables };
}

async function topQueries(client: pg.Client, log: (l: string) => void): Promise<{ query: string; calls: number; meanMs: number }[]> {
  const ext = await client.query("SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements'");
  if (!ext.rows.length) return [];
  for (const column of ['mean_exec_time', 'mean_time']) {
    try {
      const { rows } = await client.query<{ query: string; calls: number; mean_ms: number }>(TOP_QUERIES(column));
      return rows.filter((r) => typeof r.query === 'string').map((r) => ({ query: r.query, calls: Number(r.calls), meanMs: Number(r.mean_ms) }));
    } catch (err) {
      // 42703: the other version's column name; anything else (not preloaded, no privilege) means no query stats.
      if ((err as { code?: string }).code !== '42703') {
        log(`stats: pg_stat_statements not readable (${(err as Error).message}); traffic comes from pg_stat_user_tables only`);
        return [];
      }
    }
  }
  return [];
}

/** Assign each query to the tables it names (parsed by the real parser), keeping the busiest per table. */
export async function attachQueries(stats: StatsFile, queries: readonly TableQuery[], perTable: number): Promise<void> {
  await initParser();
  const byKey = new Map(stats.tables.map((t) => [`${t.schema}.${t.name}`, t]));
  const byName = new Map<string, TableStats[]>();
  for (const t of stats.tables) byName.set(t.name, [...(byName.get(t.name) ?? []), t]);
  for (const q of queries) {
    let parsed;
    try {
      parsed = parseSql({ file: 'pg_stat_statements', text: q.query, firstLine: 1 });
    } catch {
      continue;
    }
    const named = new Set<TableStats>();
    const name = (rv: { relname?: string; schemaname?: string } | undefined) => {
      if (!rv?.relname) return;
      const only = byName.get(rv.relname);
      const t = rv.schemaname ? byKey.get(`${rv.schemaname}.${rv.relname}`) : (byKey.get(`public.${rv.relname}`) ?? (only?.length === 1 ? only[0] : undefined));
      if (t) named.add(t);
    };
    for (const st of parsed.statements) {
      name(dmlTarget(st)); // a typed field: not wrapped as { RangeVar }
      for (const rv of nodesOf(st.node, 'RangeVar')) name(rv);
    }
    for (const t of named) {
      const list = (t.topQueries ??= []);
      if (list.length < perTable) list.push({ query: q.query.length > 500 ? `${q.query.slice(0, 499)}…` : q.query, calls: q.calls, meanMs: Math.round(q.meanMs * 1000) / 1000 });
    }
  }
}

function redact(url: string): string {
  return url.replace(/:[^:@/]*@/, ':***@');
}
