// temporal-sql-tool (Temporal's schema tool): `versioned/v<major>.<minor>/manifest.json`
// with `CurrVersion` and `SchemaUpdateCqlFiles`, the files of that version applied
// in the listed order; versions in numeric order (v1.10 after v1.9). A manifest may
// list no file (`"AllowNoCqlFiles": true`): the version exists, nothing runs, and
// other .sql files in its folder are not applied. Up only. A folder may hold several
// schemas (temporal/ and visibility/), each a project.
//
// Transactions: none. The tool splits each file into statements and executes them
// one by one on the connection (temporalio/temporal tools/common/schema
// `UpdateTask.executeUpdates` → `db.Exec(stmt)`), so nothing wraps a version, and
// no file is sent as one query.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { SqlSource } from '../../types';
import type { Layout, LoadContext, LoadResult } from '../layout';
import { migration } from '../layout';
import { displayPath, listDir, readSqlFile, readText, unreadableFinding, type Listing } from '../files';
import { compareDottedVersions } from '../natural-sort';

const VERSION_DIR = /^v(\d+(?:\.\d+)*)$/;

/** The folder holding the `v<version>` folders: `dir/versioned` or `dir` itself. */
function versionedDir(dir: string, listing: Listing): string | null {
  const hasVersions = (d: string) => listDir(d).dirs.some((v) => VERSION_DIR.test(v) && existsSync(join(d, v, 'manifest.json')));
  if (listing.dirs.includes('versioned') && hasVersions(join(dir, 'versioned'))) return join(dir, 'versioned');
  if (listing.dirs.some((v) => VERSION_DIR.test(v) && existsSync(join(dir, v, 'manifest.json')))) return dir;
  return null;
}

export const temporalSqlTool: Layout = {
  name: 'temporal-sql-tool',
  supportsDown: false,
  ownSubdirs: ['versioned'],
  detect(dir: string, listing: Listing) {
    if (!versionedDir(dir, listing)) return null;
    return { evidence: { layout: 'temporal-sql-tool', what: 'versioned/v<version>/manifest.json' }, files: [] };
  },
  load(dir: string, ctx: LoadContext): LoadResult {
    const result: LoadResult = { migrations: [], findings: [] };
    const root = versionedDir(dir, listDir(dir));
    if (!root) return result;
    const versions = listDir(root)
      .dirs.filter((v) => VERSION_DIR.test(v) && existsSync(join(root, v, 'manifest.json')))
      .sort((a, b) => compareDottedVersions(a.slice(1), b.slice(1)));
    for (const v of versions) {
      const manifestPath = join(root, v, 'manifest.json');
      const shown = displayPath(manifestPath, ctx);
      const r = readText(manifestPath, shown);
      if (!r.ok) {
        result.findings.push(r.finding);
        continue;
      }
      let manifest: { CurrVersion?: string; Description?: string; SchemaUpdateCqlFiles?: string[] };
      try {
        manifest = JSON.parse(r.text) as typeof manifest;
      } catch (err) {
        result.findings.push(unreadableFinding(shown, `not valid JSON (${(err as Error).message})`, v));
        continue;
      }
      const sources: SqlSource[] = [];
      for (const f of manifest.SchemaUpdateCqlFiles ?? []) {
        const s = readSqlFile(join(root, v, f), ctx, result.findings);
        if (s) sources.push(s);
      }
      const version = manifest.CurrVersion ?? v.slice(1);
      const [up, ...extraUp] = sources.length ? sources : [{ file: shown, text: '', firstLine: 1 }];
      result.migrations.push(migration({ id: v, version, name: manifest.Description ?? v, layout: 'temporal-sql-tool', up: up, extraUp, transactional: false, sentAsOneQuery: false }));
    }
    return result;
  },
};
