// Flyway SQL migrations: versioned `V<version>__<description>.sql`, undo
// `U<version>__<description>.sql` (the down of the same version, Flyway Teams),
// repeatable `R__<description>.sql` (applied after all versioned ones, ordered by
// description). Versions compare numerically part by part, `_` standing for `.`:
// V1_11 is 1.11 and comes after V1_9 (Flyway docs "Migrations > Naming", `MigrationVersion`).
//
// Transactions: on PostgreSQL Flyway runs each migration in its own transaction
// (docs "Migrations > Transactions"), except
// - a script config `V1__x.sql.conf` with `executeInTransaction=false`, and
// - a migration holding statements PostgreSQL refuses inside a transaction, which
//   Flyway detects (flyway-database-postgresql `PostgreSQLParser.detectCanExecuteInTransaction`:
//   CREATE DATABASE/TABLESPACE/SUBSCRIPTION, ALTER SYSTEM, CREATE/DROP INDEX
//   CONCURRENTLY, REINDEX, VACUUM, DISCARD ALL; ALTER TYPE … ADD VALUE only before
//   PostgreSQL 12, not modelled here) and runs
//   without a transaction (or refuses when mixed with transactional ones unless `mixed=true`).
// Not one query: Flyway's parser splits the script and executes each statement
// through JDBC on its own.
//
// Locations are scanned recursively (Flyway docs "locations": "scanned recursively
// for migrations"; Micronaut's `flyway.datasources.*.locations` says the same): V/U/R
// files in subfolders belong to the same set and are ordered by version, not by
// folder. A migration's id stays its file stem (Flyway identifies it by version).
//
// Script config: a sidecar `V1__x.sql.conf` (Flyway 6.1+, docs "Script
// Configuration") and, as many real sets write it, a `-- flyway:executeInTransaction=false`
// comment line in the script. Redgate's Script Configuration page documents only the
// `.conf` file; the comment form is honoured because teams rely on it, and for the
// statements that need it (CONCURRENTLY, VACUUM, …) Flyway's own detection above
// gives the same answer.
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Layout, LoadContext, LoadResult } from '../layout';
import { BOOKKEEPING, migration } from '../layout';
import { displayPath, listDir, readSqlFile, readText, type Listing } from '../files';
import { compareDottedVersions, naturalCompare } from '../natural-sort';

const VERSIONED = /^([VU])(\d+(?:[._]\d+)*)__(.+)\.sql$/;
const REPEATABLE = /^R__(.+)\.sql$/;
const ANY = /^(?:[VU]\d+(?:[._]\d+)*|R)__.+\.sql$/;

// Matched at the start of each statement, as Flyway does on its "simplified statement".
const NON_TRANSACTIONAL = [
  /^create\s+(?:database|tablespace|subscription)\b/i,
  /^alter\s+system\b/i,
  /^(?:create|drop)\s+(?:unique\s+)?index\s+concurrently\b/i,
  /^reindex\b/i,
  /^vacuum\b/i,
  /^discard\s+all\b/i,
];

/** The Flyway version of a file name part: `1_2_10` -> `1.2.10`. */
export function flywayVersion(raw: string): string {
  return raw.replace(/_/g, '.');
}

/** Whether Flyway would run this script in a transaction (see the header comment). */
export function flywayTransactional(sql: string, confText?: string): boolean {
  if (confText && /^\s*executeInTransaction\s*=\s*false\s*$/m.test(confText)) return false;
  if (/^\s*--\s*flyway:executeInTransaction\s*=\s*false\s*$/im.test(sql)) return false;
  const code = sql.replace(/--[^\n]*/g, ' ').replace(/\/\*[\s\S]*?\*\//g, ' ');
  return !code.split(';').some((st) => NON_TRANSACTIONAL.some((re) => re.test(st.trim())));
}

export const flyway: Layout = {
  name: 'flyway',
  supportsDown: true,
  recursive: true,
  detect(_dir: string, listing: Listing) {
    const files = listing.files.filter((f) => ANY.test(f));
    if (files.length === 0) return null;
    return { evidence: { layout: 'flyway', what: `${files.length} files named V<version>__name.sql / R__name.sql` }, files };
  },
  load(dir: string, ctx: LoadContext): LoadResult {
    const result: LoadResult = { migrations: [], findings: [], bookkeeping: BOOKKEEPING['flyway'] };
    const files = flywayFiles(dir);
    const undo = new Map<string, string>();
    const versioned: { file: string; version: string; name: string }[] = [];
    const repeatable: { file: string; name: string }[] = [];
    for (const f of files) {
      const v = VERSIONED.exec(f.slice(f.lastIndexOf('/') + 1));
      if (v) {
        const version = flywayVersion(v[2]);
        if (v[1] === 'U') undo.set(version, f);
        else versioned.push({ file: f, version, name: v[3] });
        continue;
      }
      const r = REPEATABLE.exec(f.slice(f.lastIndexOf('/') + 1));
      if (r) repeatable.push({ file: f, name: r[1] });
    }
    versioned.sort((a, b) => compareDottedVersions(a.version, b.version) || naturalCompare(a.file, b.file));
    repeatable.sort((a, b) => naturalCompare(a.name, b.name) || naturalCompare(a.file, b.file));
    const load = (file: string, version: string, name: string) => {
      const up = readSqlFile(join(dir, file), ctx, result.findings);
      if (!up) return;
      const undoFile = version ? undo.get(version) : undefined;
      const down = undoFile ? readSqlFile(join(dir, undoFile), ctx, result.findings) : undefined;
      result.migrations.push(
        migration({
          id: file.slice(file.lastIndexOf('/') + 1, -4),
          version,
          name,
          layout: 'flyway',
          up,
          down,
          transactional: flywayTransactional(up.text, readConf(join(dir, `${file}.conf`), ctx)),
          // Flyway decides for the undo script on its own (its statements, its .conf).
          ...(down && undoFile ? { downTransactional: flywayTransactional(down.text, readConf(join(dir, `${undoFile}.conf`), ctx)) } : {}),
          sentAsOneQuery: false,
        }),
      );
    };
    for (const v of versioned) load(v.file, v.version, v.name);
    for (const r of repeatable) load(r.file, '', r.name);
    return result;
  },
};

/** The Flyway-named files under `dir` and its subfolders (paths relative to `dir`, `/`-separated). */
function flywayFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, depth: number) => {
    const listing = listDir(d); // hidden entries skipped
    for (const f of listing.files) if (ANY.test(f)) out.push(relative(dir, join(d, f)).split('\\').join('/'));
    if (depth < 16) for (const sub of listing.dirs) walk(join(d, sub), depth + 1); // a bound for symlink loops
  };
  walk(dir, 0);
  return out;
}

/** The text of a script config file, if there is a readable one. */
function readConf(path: string, ctx: LoadContext): string | undefined {
  if (!existsSync(path)) return undefined;
  const r = readText(path, displayPath(path, ctx));
  return r.ok ? r.text : undefined;
}
