// Diesel: one folder per migration, `<version>_<name>/up.sql` + `down.sql`, with an
// optional `metadata.toml`. The version is the folder name before the first `_`
// with dashes removed (`2019-11-15-182353` -> `20191115182353`), and migrations run
// in the string order of those versions (diesel_migrations `version_from_string`,
// `MigrationVersion` is ordered as a string).
//
// Transactions: Diesel runs each migration in a transaction unless its
// `metadata.toml` says `run_in_transaction = false` (diesel_migrations
// `TomlMetadata::run_in_transaction`, default true; Diesel CLI docs "Disabling
// transactions for a migration").
//
// One query: the whole up.sql/down.sql goes through `conn.batch_execute(&sql)`
// (diesel_migrations file_based_migrations.rs `run_sql_from_file`), which is
// libpq's PQexec, a simple query: with `run_in_transaction = false` a file of
// several statements is still one implicit transaction block.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Layout, LoadContext, LoadResult } from '../layout';
import { BOOKKEEPING, migration } from '../layout';
import { displayPath, listDir, readSqlFile, readText, type Listing } from '../files';
import { downWithoutUpFinding } from '../integrity';

/** Diesel's version for a migration folder name. */
export function dieselVersion(dirName: string): string {
  const cut = dirName.indexOf('_');
  return (cut < 0 ? dirName : dirName.slice(0, cut)).replace(/-/g, '');
}

export const diesel: Layout = {
  name: 'diesel',
  supportsDown: true,
  detect(dir: string, listing: Listing) {
    const dirs = listing.dirs.filter((d) => existsSync(join(dir, d, 'up.sql')));
    if (dirs.length === 0) return null;
    return { evidence: { layout: 'diesel', what: `${dirs.length} folders with up.sql` }, files: [] };
  },
  load(dir: string, ctx: LoadContext): LoadResult {
    const result: LoadResult = { migrations: [], findings: [], bookkeeping: BOOKKEEPING['diesel'] };
    const dirs = listDir(dir)
      .dirs.filter((d) => existsSync(join(dir, d, 'up.sql')))
      .map((d) => ({ d, version: dieselVersion(d) }))
      .sort((a, b) => (a.version < b.version ? -1 : a.version > b.version ? 1 : a.d < b.d ? -1 : 1));
    // A folder with down.sql and no up.sql: Diesel refuses the whole migrations folder
    // (diesel_migrations `FileBasedMigrations::from_path` → `UnknownMigrationFormat`
    // for any subfolder that `valid_sql_migration_directory` rejects: it needs up.sql).
    for (const d of listDir(dir).dirs) {
      if (existsSync(join(dir, d, 'up.sql')) || !existsSync(join(dir, d, 'down.sql'))) continue;
      result.findings.push(
        downWithoutUpFinding(
          displayPath(join(dir, d, 'down.sql'), ctx),
          displayPath(join(dir, d, 'up.sql'), ctx),
          'Diesel refuses to run any migration in this folder while it holds a migration folder without up.sql (UnknownMigrationFormat).',
          d,
        ),
      );
    }
    for (const { d, version } of dirs) {
      const up = readSqlFile(join(dir, d, 'up.sql'), ctx, result.findings);
      if (!up) continue;
      const down = existsSync(join(dir, d, 'down.sql')) ? readSqlFile(join(dir, d, 'down.sql'), ctx, result.findings) : undefined;
      const cut = d.indexOf('_');
      result.migrations.push(
        migration({
          id: d,
          version,
          name: cut < 0 ? d : d.slice(cut + 1),
          layout: 'diesel',
          up,
          down,
          transactional: runsInTransaction(join(dir, d, 'metadata.toml'), ctx),
          sentAsOneQuery: true,
        }),
      );
    }
    return result;
  },
};

/** Reads `run_in_transaction` from a Diesel metadata.toml (absent file or key: true). */
function runsInTransaction(path: string, ctx: LoadContext): boolean {
  if (!existsSync(path)) return true;
  const r = readText(path, displayPath(path, ctx));
  if (!r.ok) return true;
  const m = /^\s*run_in_transaction\s*=\s*(true|false)\s*(#.*)?$/m.exec(r.text);
  return m ? m[1] === 'true' : true;
}
