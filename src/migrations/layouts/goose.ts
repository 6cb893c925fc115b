// goose SQL migrations: one file `<version>_<name>.sql` with `-- +goose Up` and
// `-- +goose Down` sections; `-- +goose StatementBegin/End` fence bodies holding
// semicolons (they stay in the text as comments, which the real parser ignores).
//
// Transactions: goose runs each migration in a transaction unless the file carries
// `-- +goose NO TRANSACTION` (pressly/goose internal/sqlparser/parser.go:
// `useTx = true`, the NO TRANSACTION annotation sets it false; the provider then
// runs the statements without BEGIN). Annotations are matched case-insensitively
// (goose v3's `extractAnnotation`). Not one query: goose splits the section into
// statements (sqlparser.ParseSQLMigration) and executes them one by one, so a
// NO TRANSACTION file really runs each statement on its own. Real sets spell the
// annotations in lower case too
// (hatchet has `-- +goose no transaction`). Files are ordered by the numeric version
// before the first `_` (goose `NumericComponent`).
import { join } from 'node:path';
import type { Layout, LoadContext, LoadResult } from '../layout';
import { migration } from '../layout';
import { fileHas, filesMatching, findMarkers, lines, readSqlFile, upDownSections, type Listing } from '../files';
import { compareDigits, naturalCompare } from '../natural-sort';

const FILE = /^(\d+)_(.*)\.sql$/;
const ANNOTATION = /^\s*--\s*\+goose\s+(.*?)\s*$/i;

/** The goose annotation on a line (lower-cased, single-spaced), or null. */
export function gooseAnnotation(line: string): string | null {
  const m = ANNOTATION.exec(line);
  return m ? m[1]!.toLowerCase().replace(/\s+/g, ' ') : null;
}

/** True when `text` has a `-- +goose Up` line. */
export function hasGooseUp(text: string): boolean {
  return /^\s*--\s*\+goose\s+up\s*$/im.test(text);
}

export const goose: Layout = {
  name: 'goose',
  supportsDown: true,
  detect(dir: string, listing: Listing, claimed) {
    const files = listing.files.filter((f) => FILE.test(f) && !claimed.has(f) && fileHas(join(dir, f), hasGooseUp));
    if (files.length === 0) return null;
    return { evidence: { layout: 'goose', what: `${files.length} .sql files with "-- +goose Up"` }, files };
  },
  load(dir: string, ctx: LoadContext): LoadResult {
    const result: LoadResult = { migrations: [], findings: [] };
    const files = filesMatching(dir, FILE).sort((a, b) => compareDigits(FILE.exec(a)![1]!, FILE.exec(b)![1]!) || naturalCompare(a, b));
    for (const f of files) {
      const source = readSqlFile(join(dir, f), ctx.cwd, result.findings);
      if (!source) continue;
      if (!hasGooseUp(source.text)) continue; // not a goose migration (goose itself would refuse it)
      const all = lines(source.text);
      const noTx = all.some((l) => gooseAnnotation(l) === 'no transaction');
      const markers = findMarkers(all, (l) => {
        const a = gooseAnnotation(l);
        return a === 'up' ? 'up' : a === 'down' ? 'down' : null;
      });
      const { up, down } = upDownSections(source.file, all, markers);
      const [, version, name] = FILE.exec(f)!;
      result.migrations.push(
        migration({ id: f.slice(0, -4), version: version!, name: name!, layout: 'goose', up, down, transactional: !noTx, sentAsOneQuery: false }),
      );
    }
    return result;
  },
};
