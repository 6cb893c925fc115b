// node-pg-migrate SQL migrations: one `.sql` file with `-- Up Migration` and
// `-- Down Migration` comments (salsita/node-pg-migrate src/sqlMigration.ts:
// `^\s*--[\s-]*up\s+migration`, case-insensitive, multiline; without a down
// comment the migration has no down). Files are ordered by their numeric prefix
// (the timestamp `node-pg-migrate create` writes), then by name.
//
// Transactions: node-pg-migrate runs every migration in a transaction unless the
// migration calls `pgm.noTransaction()` (src/migration.ts `_apply`, the builder's
// `noTransaction`); an SQL file has no way to call it, so SQL migrations are always
// transactional (and by default all pending ones share one transaction).
// One query: an SQL migration is `pgm.sql(upSql)` with the whole section
// (src/sqlMigration.ts `getActions`), run as one parameterless `db.query` (a simple
// query in node-postgres).
import { join } from 'node:path';
import type { Layout, LoadContext, LoadResult } from '../layout';
import { BOOKKEEPING, migration } from '../layout';
import { fileHas, filesMatching, findMarkers, lines, readSqlFile, upDownSections, type Listing } from '../files';
import { naturalCompare } from '../natural-sort';

const FILE = /\.sql$/;
const UP = /^\s*--[\s-]*up\s+migration/i;
const DOWN = /^\s*--[\s-]*down\s+migration/i;

/** True when `text` has a `-- Up Migration` line. */
export function hasNodePgMigrateUp(text: string): boolean {
  return /^\s*--[\s-]*up\s+migration/im.test(text);
}

export const nodePgMigrate: Layout = {
  name: 'node-pg-migrate',
  supportsDown: true,
  detect(dir: string, listing: Listing, claimed) {
    const files = listing.files.filter((f) => FILE.test(f) && !claimed.has(f) && fileHas(join(dir, f), hasNodePgMigrateUp));
    if (files.length === 0) return null;
    return { evidence: { layout: 'node-pg-migrate', what: `${files.length} .sql files with "-- Up Migration"` }, files };
  },
  load(dir: string, ctx: LoadContext): LoadResult {
    const result: LoadResult = { migrations: [], findings: [], bookkeeping: BOOKKEEPING['node-pg-migrate'] };
    for (const f of filesMatching(dir, FILE).sort(naturalCompare)) {
      const source = readSqlFile(join(dir, f), ctx, result.findings);
      // A file without the up comment is not skipped: node-pg-migrate runs the whole file as its up
      // (getActions: `upMigrationStart >= 0 ? … : content`; its test "should migrate without comments").
      if (!source) continue;
      const all = lines(source.text);
      const markers = findMarkers(all, (l) => (UP.test(l) ? 'up' : DOWN.test(l) ? 'down' : null));
      const { up, down } = upDownSections(source.file, all, markers);
      const stem = f.slice(0, -4);
      const m = /^(\d+)[_-]?(.*)$/.exec(stem);
      result.migrations.push(migration({ id: stem, version: m ? m[1] : stem, name: m ? m[2] || stem : stem, layout: 'node-pg-migrate', up, down, transactional: true, sentAsOneQuery: true }));
    }
    return result;
  },
};
