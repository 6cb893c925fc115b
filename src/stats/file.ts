// The production stats file: what `migration-guard stats` writes (or the
// documented SQL in docs/stats.md produces with psql) and what `--stats FILE`
// reads. Plain JSON, so a team can commit it or keep it as a CI artifact: the PR
// job never needs production credentials. Loading validates every field and
// names the file and the JSON path of anything wrong (exit 2).

import { readFileSync } from 'node:fs';
import { UsageError } from '../errors';
import { whyNotAFile } from '../migrations/decode';

/** Cumulative activity counters of one table over the file's traffic window. */
export interface TableCounters {
  seqScans: number;
  idxScans: number;
  inserts: number;
  updates: number;
  deletes: number;
}

/** One of a table's indexes as production has it. */
export interface IndexStats {
  name: string;
  definition: string;
  bytes: number;
}

/** A query from pg_stat_statements that reads or writes the table. */
export interface TableQuery {
  query: string;
  calls: number;
  meanMs: number;
}

/** Size and activity of one production table. */
export interface TableStats {
  schema: string;
  name: string;
  /** pg_class.reltuples: the planner's row estimate (-1 / never analyzed becomes null). */
  rows: number | null;
  heapBytes: number;
  indexBytes: number;
  toastBytes: number;
  deadRows: number | null;
  lastVacuum: string | null;
  lastAutovacuum: string | null;
  lastAnalyze: string | null;
  lastAutoanalyze: string | null;
  indexes: IndexStats[];
  counters: TableCounters | null;
  topQueries?: TableQuery[];
}

/** The whole stats file (version 1). */
export interface StatsFile {
  version: 1;
  kind: 'migration-guard-stats';
  collectedAt: string;
  /** Start of the window the counters cover (last stats reset, or the first sample with --sample). */
  countersSince: string | null;
  server: { version: string; versionNum: number };
  database: string;
  tables: TableStats[];
}

/** Per-second activity of a table over the file's window. */
export interface Traffic {
  writesPerSec: number;
  scansPerSec: number;
  windowSeconds: number;
}

/** Activity rates of a table, when the file has counters and a window. */
export function trafficOf(stats: Pick<StatsFile, 'collectedAt' | 'countersSince'>, table: TableStats): Traffic | undefined {
  if (!table.counters || !stats.countersSince) return undefined;
  const seconds = (Date.parse(stats.collectedAt) - Date.parse(stats.countersSince)) / 1000;
  if (!(seconds > 0)) return undefined;
  const c = table.counters;
  return { writesPerSec: (c.inserts + c.updates + c.deletes) / seconds, scansPerSec: (c.seqScans + c.idxScans) / seconds, windowSeconds: seconds };
}

/** Total on-disk size of a table: heap, indexes and TOAST. */
export function totalBytes(t: Pick<TableStats, 'heapBytes' | 'indexBytes' | 'toastBytes'>): number {
  return t.heapBytes + t.indexBytes + t.toastBytes;
}

/** Read and validate a stats file; every problem is a UsageError naming the file. */
export function loadStats(path: string, shownAs = path): StatsFile {
  const special = whyNotAFile(path);
  if (special) throw new UsageError(`cannot read stats file ${shownAs}: ${special}`);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read stats file ${shownAs}: ${(err as Error).message}`);
  }
  return parseStats(text, shownAs);
}

/** Parse and validate stats JSON text (see StatsFile). */
export function parseStats(text: string, name: string): StatsFile {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    const m = /position (\d+)/.exec((err as Error).message);
    const line = m ? `:${text.slice(0, Number(m[1])).split('\n').length}` : '';
    throw new UsageError(`${name}${line}: not valid JSON: ${(err as Error).message}`);
  }
  const fail = (path: string, what: string): never => {
    throw new UsageError(`${name}: ${path}: ${what} (a stats file is written by \`migration-guard stats\`; see docs/stats.md)`);
  };
  const obj = (v: unknown, path: string): Record<string, unknown> =>
    v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : fail(path, `expected an object, got ${show(v)}`);
  const num = (v: unknown, path: string, nullable = false): number => {
    if (nullable && (v === null || v === undefined)) return null as unknown as number;
    return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : fail(path, `expected a number ≥ 0, got ${show(v)}`);
  };
  const str = (v: unknown, path: string, nullable = false): string => {
    if (nullable && (v === null || v === undefined)) return null as unknown as string;
    return typeof v === 'string' ? v : fail(path, `expected a string, got ${show(v)}`);
  };
  const date = (v: unknown, path: string, nullable = false): string => {
    const s = str(v, path, nullable);
    if (s !== null && Number.isNaN(Date.parse(s))) fail(path, `expected a timestamp, got ${show(v)}`);
    return s;
  };

  const root = obj(json, '$');
  if (root.kind !== 'migration-guard-stats') fail('$.kind', `expected "migration-guard-stats", got ${show(root.kind)}`);
  if (root.version !== 1) fail('$.version', `this migration-guard reads version 1, got ${show(root.version)}`);
  const server = obj(root.server, '$.server');
  if (!Array.isArray(root.tables)) fail('$.tables', `expected a list, got ${show(root.tables)}`);
  const tables = (root.tables as unknown[]).map((raw, i): TableStats => {
    const p = `$.tables[${i}]`;
    const t = obj(raw, p);
    const indexes = t.indexes ?? [];
    if (!Array.isArray(indexes)) fail(`${p}.indexes`, `expected a list, got ${show(indexes)}`);
    let counters: TableCounters | null = null;
    if (t.counters !== null && t.counters !== undefined) {
      const c = obj(t.counters, `${p}.counters`);
      counters = {
        seqScans: num(c.seqScans, `${p}.counters.seqScans`),
        idxScans: num(c.idxScans, `${p}.counters.idxScans`),
        inserts: num(c.inserts, `${p}.counters.inserts`),
        updates: num(c.updates, `${p}.counters.updates`),
        deletes: num(c.deletes, `${p}.counters.deletes`),
      };
    }
    const out: TableStats = {
      schema: str(t.schema, `${p}.schema`),
      name: str(t.name, `${p}.name`),
      rows: t.rows === null || t.rows === undefined || t.rows === -1 ? null : num(t.rows, `${p}.rows`),
      heapBytes: num(t.heapBytes, `${p}.heapBytes`),
      indexBytes: num(t.indexBytes ?? 0, `${p}.indexBytes`),
      toastBytes: num(t.toastBytes ?? 0, `${p}.toastBytes`),
      deadRows: num(t.deadRows, `${p}.deadRows`, true),
      lastVacuum: date(t.lastVacuum, `${p}.lastVacuum`, true),
      lastAutovacuum: date(t.lastAutovacuum, `${p}.lastAutovacuum`, true),
      lastAnalyze: date(t.lastAnalyze, `${p}.lastAnalyze`, true),
      lastAutoanalyze: date(t.lastAutoanalyze, `${p}.lastAutoanalyze`, true),
      indexes: (indexes as unknown[]).map((ri, k) => {
        const ip = `${p}.indexes[${k}]`;
        const ix = obj(ri, ip);
        return { name: str(ix.name, `${ip}.name`), definition: str(ix.definition ?? '', `${ip}.definition`), bytes: num(ix.bytes ?? 0, `${ip}.bytes`) };
      }),
      counters,
    };
    if (t.topQueries !== undefined && t.topQueries !== null) {
      if (!Array.isArray(t.topQueries)) fail(`${p}.topQueries`, `expected a list, got ${show(t.topQueries)}`);
      out.topQueries = (t.topQueries as unknown[]).map((rq, k) => {
        const qp = `${p}.topQueries[${k}]`;
        const q = obj(rq, qp);
        return { query: str(q.query, `${qp}.query`), calls: num(q.calls, `${qp}.calls`), meanMs: num(q.meanMs, `${qp}.meanMs`) };
      });
    }
    return out;
  });
  return {
    version: 1,
    kind: 'migration-guard-stats',
    collectedAt: date(root.collectedAt, '$.collectedAt'),
    countersSince: date(root.countersSince, '$.countersSince', true),
    server: { version: str(server.version, '$.server.version'), versionNum: num(server.versionNum, '$.server.versionNum') },
    database: str(root.database ?? '', '$.database'),
    tables,
  };
}

function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

/**
 * Finds the production table a name in a migration refers to. Names are as the
 * parser gives them (unquoted identifiers already folded to lower case, quoted
 * ones kept): `users`, `app.users`, `Users` (from "Users"). An unqualified name
 * is looked up in `public` first (the default search_path), then in any schema
 * where it is unique; an index name resolves to its table.
 */
export class StatsIndex {
  private readonly byQualified = new Map<string, TableStats>();
  private readonly byName = new Map<string, TableStats[]>();
  private readonly byIndex = new Map<string, TableStats[]>();

  constructor(readonly file: StatsFile) {
    for (const t of file.tables) {
      this.byQualified.set(`${t.schema}.${t.name}`, t);
      this.byName.set(t.name, [...(this.byName.get(t.name) ?? []), t]);
      for (const ix of t.indexes) {
        const key = `${t.schema}.${ix.name}`;
        this.byIndex.set(key, [...(this.byIndex.get(key) ?? []), t]);
        this.byIndex.set(ix.name, [...(this.byIndex.get(ix.name) ?? []), t]);
      }
    }
  }

  /** The table named `name` (optionally schema-qualified), or undefined when the file does not have it. */
  table(name: string): TableStats | undefined {
    const dot = splitQualified(name);
    if (dot.schema) return this.byQualified.get(`${dot.schema}.${dot.name}`);
    return this.byQualified.get(`public.${dot.name}`) ?? unique(this.byName.get(dot.name));
  }

  /** The table an index belongs to. */
  tableOfIndex(name: string): TableStats | undefined {
    const dot = splitQualified(name);
    return unique(this.byIndex.get(dot.schema ? `${dot.schema}.${dot.name}` : dot.name));
  }
}

function unique<T>(list: T[] | undefined): T | undefined {
  return list?.length === 1 ? list[0] : undefined;
}

/** `schema.name` as the parser joins it (names themselves may contain dots only when quoted: rare, taken as written). */
function splitQualified(name: string): { schema?: string; name: string } {
  const i = name.lastIndexOf('.');
  return i > 0 ? { schema: name.slice(0, i), name: name.slice(i + 1) } : { name };
}
