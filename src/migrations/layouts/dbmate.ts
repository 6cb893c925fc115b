// dbmate: one file `<version>_<name>.sql` with `-- migrate:up` and `-- migrate:down`
// sections (amacneil/dbmate pkg/dbmate/migration.go: `upRegExp`/`downRegExp`
// `(?m)^--\s*migrate:up(\s*$|\s+\S+)`, options after the marker such as
// `transaction:false`). Files are found by `^(\d+).*\.sql$` and applied in
// file-name order.
//
// Transactions: dbmate wraps each migration in a transaction unless its marker
// line says `transaction:false` (dbmate README "Options": "dbmate wraps each
// migration in a transaction by default"; `ParsedMigrationOptions.Transaction()`).
// `transactional` describes the up section's option, `downTransactional` the down's
// (each section carries its own options: `ParsedMigration.UpOptions`/`DownOptions`,
// and `Rollback` checks `DownOptions.Transaction()`).
//
// One query: each section goes to Postgres in one `tx.Exec(migrationSection.Up)`
// (pkg/dbmate/db.go `Migrate`, and `.Down` in `Rollback`), inside the transaction or
// on the bare connection, so with `transaction:false` a multi-statement section still
// runs as one implicit transaction block.
import { join } from 'node:path';
import { finding } from '../../report/finding';
import type { Finding } from '../../types';
import type { Layout, LoadContext, LoadResult } from '../layout';
import { BOOKKEEPING, migration } from '../layout';
import { fileHas, filesMatching, findMarkers, isEmptySql, lines, readSqlFile, upDownSections, type Listing } from '../files';

const FILE = /^(\d+)(.*)\.sql$/;
const MARKER = /^--\s*migrate:(up|down)(?=\s|$)(.*)$/;

/** True when `text` has a `-- migrate:up` line. */
export function hasDbmateUp(text: string): boolean {
  return /^--\s*migrate:up(?=\s|$)/m.test(text);
}

function missingUpFinding(shown: string, migration: string): Finding {
  return finding(
    'invalid-migration-file',
    { file: shown, migration },
    `dbmate refuses ${shown}: it has no "-- migrate:up" line ("dbmate requires each migration to define an up block with '-- migrate:up'"), so it was not linted.`,
  );
}

export const dbmate: Layout = {
  name: 'dbmate',
  supportsDown: true,
  detect(dir: string, listing: Listing, claimed) {
    const files = listing.files.filter((f) => FILE.test(f) && !claimed.has(f) && fileHas(join(dir, f), hasDbmateUp));
    if (files.length === 0) return null;
    return { evidence: { layout: 'dbmate', what: `${files.length} .sql files with "-- migrate:up"` }, files };
  },
  load(dir: string, ctx: LoadContext): LoadResult {
    const result: LoadResult = { migrations: [], findings: [], bookkeeping: BOOKKEEPING['dbmate'] };
    for (const f of filesMatching(dir, FILE)) {
      const source = readSqlFile(join(dir, f), ctx, result.findings);
      if (!source) continue;
      if (!hasDbmateUp(source.text)) {
        // Never skipped silently: dbmate fails on it (ErrParseMissingUp) when it is pending.
        result.findings.push(missingUpFinding(source.file, f.slice(0, -4)));
        continue;
      }
      const all = lines(source.text);
      const markers = findMarkers(all, (l) => (MARKER.exec(l)?.[1] as 'up' | 'down' | undefined) ?? null);
      const options = MARKER.exec(all[markers.up])?.[2] ?? '';
      const downOptions = markers.down >= 0 ? (MARKER.exec(all[markers.down])?.[2] ?? '') : '';
      const sections = upDownSections(source.file, all, markers);
      const up = sections.up;
      // A bare `-- migrate:down` (nothing under it but comments) is how dbmate projects say
      // "no rollback": the same as no down section, not a down that fails to restore the schema.
      const down = sections.down && !isEmptySql(sections.down.text) ? sections.down : undefined;
      const [, version, rest] = FILE.exec(f)!;
      result.migrations.push(
        migration({
          id: f.slice(0, -4),
          version: version,
          name: rest.replace(/^[_-]/, ''),
          layout: 'dbmate',
          up,
          down,
          transactional: !/\btransaction:false\b/.test(options),
          downTransactional: !/\btransaction:false\b/.test(downOptions),
          sentAsOneQuery: true,
        }),
      );
    }
    return result;
  },
};
