// golang-migrate: `<version>_<name>.up.sql` + `<version>_<name>.down.sql`, ordered
// by the numeric version. Also Ory popx (kratos, keto, hydra), which adds an
// optional dialect and `.autocommit`: `<version>_<name>[.<dialect>][.autocommit].(up|down).sql`.
//
// Transactions:
// - golang-migrate does NOT wrap a migration in a transaction: the postgres driver
//   sends the whole file in one Exec (database/postgres/postgres.go, `Run`), see
//   the FAQ "Do migrations run in transactions? No" (github.com/golang-migrate/migrate
//   FAQ.md). Postgres itself then runs a multi-statement file as one *implicit*
//   transaction, which is why CREATE INDEX CONCURRENTLY must sit alone in its file.
//   So every file is `sentAsOneQuery`: `p.conn.ExecContext(ctx, query)` with the whole
//   file and no arguments goes out as one simple query (lib/pq). Only the opt-in URL
//   parameter `x-multi-statement=true` splits at semicolons; it is not assumed.
// - gobuffalo/pop and popx (same file names plus a dialect) run every migration
//   inside a transaction unless the file name carries
//   `.autocommit` (ory/x popx/match.go `mrx` + `Match.Autocommit`, popx/migrator.go
//   runs autocommit migrations on the bare connection), in both cases with one
//   `tx.Exec(content)` for the whole file (popx/migration_box.go runner), i.e. one
//   query as well. popx skips files that hold
//   only comments/blank lines (popx/migration_box.go `isMigrationEmpty`); they stay
//   listed here so ups and downs keep pairing, and simply lint as empty.
// - For each version popx prefers the `.postgres.` file over the dialect-less one;
//   files for other dialects are not PostgreSQL migrations and are ignored.
// - A folder whose names use neither a dialect nor `.autocommit` cannot be told
//   apart from golang-migrate and is treated as such (not wrapped); supabase/auth,
//   a pop set, has one `.postgres.` file and so gets pop's per-migration transaction.
// - Folders with no down files at all (harbor, supabase/auth) are up-only sets:
//   missing-down stays quiet for them.
import type { Layout, LoadContext, LoadResult } from '../layout';
import { BOOKKEEPING, migration } from '../layout';
import { displayPath, filesMatching, readSqlFile, type Listing } from '../files';
import { downWithoutUpFinding } from '../integrity';
import { compareDigits } from '../natural-sort';
import { join } from 'node:path';

const FILE = /^(\d+)_(.+)\.(up|down)\.sql$/;
const POSTGRES_DIALECTS = new Set(['postgres', 'postgresql', 'pg']);
const OTHER_DIALECTS = new Set(['cockroach', 'cockroachdb', 'crdb', 'mysql', 'mariadb', 'sqlite', 'sqlite3']);

interface Parsed {
  file: string;
  version: string;
  name: string;
  direction: 'up' | 'down';
  dialect: 'postgres' | 'all' | 'other';
  autocommit: boolean;
}

/** Parse a golang-migrate / popx file name; null when it is not one. */
export function parseGolangMigrateName(file: string): Parsed | null {
  const m = FILE.exec(file);
  if (!m) return null;
  let name = m[2];
  let autocommit = false;
  let dialect: Parsed['dialect'] = 'all';
  if (name.endsWith('.autocommit')) {
    autocommit = true;
    name = name.slice(0, -'.autocommit'.length);
  }
  const dot = name.lastIndexOf('.');
  if (dot > 0) {
    const suffix = name.slice(dot + 1).toLowerCase();
    if (POSTGRES_DIALECTS.has(suffix)) dialect = 'postgres';
    else if (OTHER_DIALECTS.has(suffix)) dialect = 'other';
    if (dialect !== 'all') name = name.slice(0, dot);
  }
  return { file, version: m[1], name, direction: m[3] as 'up' | 'down', dialect, autocommit };
}

export const golangMigrate: Layout = {
  name: 'golang-migrate',
  supportsDown: true,
  detect(_dir: string, listing: Listing) {
    const files = listing.files.filter((f) => FILE.test(f));
    if (files.length === 0) return null;
    const downs = files.filter((f) => f.endsWith('.down.sql')).length;
    return {
      evidence: { layout: 'golang-migrate', what: `${files.length} files named NNN_name.up.sql/.down.sql (${downs} down)` },
      files,
    };
  },
  load(dir: string, ctx: LoadContext): LoadResult {
    const parsed = filesMatching(dir, FILE)
      .map(parseGolangMigrateName)
      .filter((p): p is Parsed => !!p && p.dialect !== 'other');
    // pop/popx semantics are on when any file uses their extra name parts.
    const popx = parsed.some((p) => p.autocommit || p.dialect === 'postgres');
    // Keyed by version and name: popx's dialect variants of one migration collapse,
    // two different migrations sharing a version stay apart (duplicate-migration-version).
    const slots = new Map<string, { version: string; up?: Parsed; down?: Parsed }>();
    for (const p of parsed) {
      const key = `${p.version}\0${p.name}`;
      const slot = slots.get(key) ?? { version: p.version };
      const prev = slot[p.direction];
      // The dialect-specific file wins over the dialect-less one (popx).
      if (!prev || (prev.dialect === 'all' && p.dialect === 'postgres')) slot[p.direction] = p;
      slots.set(key, slot);
    }
    // golang-migrate pairs an up and a down by version alone (source/migration.go
    // `Migrations.Append` indexes by version and direction), so a down whose name
    // differs from the only up of its version still belongs to it.
    for (const [key, slot] of slots) {
      if (slot.up || !slot.down) continue;
      const ups = [...slots.values()].filter((o) => o.version === slot.version && o.up && !o.down);
      if (ups.length !== 1) continue;
      ups[0].down = slot.down;
      slots.delete(key);
    }
    const result: LoadResult = { migrations: [], findings: [], bookkeeping: popx ? BOOKKEEPING.popx : BOOKKEEPING['golang-migrate'] };
    const ordered = [...slots.values()].sort((a, b) => compareDigits(a.version, b.version) || ((a.up ?? a.down)!.name < (b.up ?? b.down)!.name ? -1 : 1));
    for (const slot of ordered) {
      const version = slot.version;
      if (!slot.up) {
        const d = slot.down!;
        const shown = displayPath(join(dir, d.file), ctx);
        result.findings.push(
          downWithoutUpFinding(
            shown,
            shown.replace(/\.down\.sql$/, '.up.sql'),
            // migrate.go `newMigration`: a version whose up file does not exist becomes an "empty" migration.
            `${popx ? 'the migrator' : 'golang-migrate'} records version ${slot.version} as applied without running anything, and a rollback then runs this down against a schema that never had its up.`,
            `${version}_${d.name}`,
          ),
        );
        continue;
      }
      const up = readSqlFile(join(dir, slot.up.file), ctx, result.findings);
      if (!up) continue;
      const down = slot.down ? readSqlFile(join(dir, slot.down.file), ctx, result.findings) : undefined;
      result.migrations.push(
        migration({
          id: `${version}_${slot.up.name}`,
          version,
          name: slot.up.name,
          layout: 'golang-migrate',
          up,
          down,
          transactional: popx ? !slot.up.autocommit : false,
          sentAsOneQuery: true,
        }),
      );
    }
    return result;
  },
};
