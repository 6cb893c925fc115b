// Prisma Migrate: `migrations/<timestamp>_<name>/migration.sql`, up only (Prisma
// has no down migrations; `migrate diff` writes separate rollback scripts),
// applied in the lexical order of the folder names, next to `migration_lock.toml`.
//
// Transactions: Prisma does not wrap a migration in a transaction (prisma/prisma
// discussion #3774, maintainers: "wrapping migrations in a transaction is
// considered in the future, but it's currently not implemented"); the schema
// engine sends the script as one query, so Postgres runs a multi-statement file as
// one implicit transaction (CREATE INDEX CONCURRENTLY must be alone in its file):
// prisma-engines sql-schema-connector flavour/postgres/connector/native
// `apply_migration_script` → `client.simple_query(script)` (prisma/prisma#14456 has
// the symptom). prisma-engines#5767 (2026) adds CONCURRENTLY support for newer
// Prisma versions; until a version is known, the long-standing behaviour is assumed.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Layout, LoadContext, LoadResult } from '../layout';
import { BOOKKEEPING, migration } from '../layout';
import { listDir, readSqlFile, type Listing } from '../files';

export const prisma: Layout = {
  name: 'prisma',
  supportsDown: false,
  detect(dir: string, listing: Listing) {
    const dirs = listing.dirs.filter((d) => existsSync(join(dir, d, 'migration.sql')));
    if (dirs.length === 0) return null;
    return { evidence: { layout: 'prisma', what: `${dirs.length} folders with migration.sql` }, files: [] };
  },
  load(dir: string, ctx: LoadContext): LoadResult {
    const result: LoadResult = { migrations: [], findings: [], bookkeeping: BOOKKEEPING['prisma'] };
    for (const d of listDir(dir).dirs.filter((x) => existsSync(join(dir, x, 'migration.sql')))) {
      const up = readSqlFile(join(dir, d, 'migration.sql'), ctx, result.findings);
      if (!up) continue;
      const m = /^(\d+)_(.*)$/.exec(d);
      result.migrations.push(migration({ id: d, version: m ? m[1] : d, name: m ? m[2] : d, layout: 'prisma', up, transactional: false, sentAsOneQuery: true }));
    }
    return result;
  },
};
