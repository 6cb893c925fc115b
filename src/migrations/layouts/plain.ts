// Plain: every `*.sql` in the folder is one up-only migration, applied in natural
// sort order (`2_x.sql` before `10_x.sql`). Used when nothing marks a framework,
// e.g. files run by `psql -f` in a loop. Nothing wraps them in a transaction, and
// psql sends each statement separately (not one query).
import { join } from 'node:path';
import type { Layout, LoadContext, LoadResult } from '../layout';
import { migration } from '../layout';
import { filesMatching, readSqlFile, type Listing } from '../files';
import { naturalCompare } from '../natural-sort';

const FILE = /\.sql$/i;

export const plain: Layout = {
  name: 'plain',
  supportsDown: false,
  detect(_dir: string, listing: Listing, claimed) {
    const files = listing.files.filter((f) => FILE.test(f) && !claimed.has(f));
    if (files.length === 0) return null;
    return { evidence: { layout: 'plain', what: `${files.length} .sql files with no framework markers` }, files };
  },
  load(dir: string, ctx: LoadContext): LoadResult {
    const result: LoadResult = { migrations: [], findings: [] };
    for (const f of filesMatching(dir, FILE).sort(naturalCompare)) {
      const up = readSqlFile(join(dir, f), ctx, result.findings);
      if (!up) continue;
      const stem = f.replace(/\.sql$/i, '');
      const m = /^(\d+)[_-]?(.*)$/.exec(stem);
      result.migrations.push(migration({ id: stem, version: m ? m[1] : stem, name: m ? m[2] || stem : stem, layout: 'plain', up, transactional: false, sentAsOneQuery: false }));
    }
    return result;
  },
};
