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
//
// Annotations are read as goose v3 reads them (internal/sqlparser/parser.go
// `ParseSQLMigration` + `extractAnnotation`): a comment line holding `+goose` must be
// exactly one of Up, Down, StatementBegin, StatementEnd, NO TRANSACTION, ENVSUB ON,
// ENVSUB OFF (case-insensitive, not indented); anything else ("-- +goose Up migrate",
// the pre-release spelling ENVSUBST) stops goose with an error. So do SQL before
// `-- +goose Up`, a second Up, Down before Up, an unclosed StatementBegin and a file
// with no Up at all. Each becomes an `invalid-migration-file` finding naming the
// file and line (only the first, as goose stops there); a file with no Up is not a
// migration here. `ENVSUB ON` substitutes `${VAR}` from the environment; the parser
// already reads `${…}` as a template placeholder, so only the markers matter here.
import { join } from 'node:path';
import { finding } from '../../report/finding';
import type { Finding } from '../../types';
import type { Layout, LoadContext, LoadResult } from '../layout';
import { BOOKKEEPING, migration } from '../layout';
import { fileHas, filesMatching, findMarkers, lines, readSqlFile, upDownSections, type Listing } from '../files';
import { compareDigits, naturalCompare } from '../natural-sort';

const FILE = /^(\d+)_(.*)\.sql$/;
/** A Go migration (goose.AddMigration in `<version>_<name>.go`); goose runs both kinds in one version order. */
const GO_FILE = /^(\d+)_(.*)\.go$/;
const GO_REASON = 'a goose migration written in Go (goose.AddMigration): migration-guard runs SQL, not Go, so it was not linted and verify cannot apply it';
const ANNOTATIONS = ['up', 'down', 'statementbegin', 'statementend', 'no transaction', 'envsub on', 'envsub off'] as const;
type Annotation = (typeof ANNOTATIONS)[number];

/** How goose reads one line: not an annotation (null), an annotation (lower-cased), or why goose rejects it. */
export function gooseLine(line: string): { annotation: Annotation; indented: boolean } | { error: string } | null {
  if (!line.trim().startsWith('--') || !line.includes('+goose')) return null;
  const indented = /^[ \t]/.test(line);
  let cmd = line.split('--').join('').replace('+goose', '');
  if (cmd.includes('+goose')) return { error: 'the line holds "+goose" twice' };
  cmd = cmd.trim();
  const annotation = ANNOTATIONS.find((a) => a === cmd.toLowerCase());
  if (!annotation) {
    const hint = /^envsubst\s+(on|off)$/i.test(cmd) ? ` (goose spells it "-- +goose ENVSUB ${cmd.split(/\s+/)[1].toUpperCase()}")` : '';
    return { error: cmd ? `"${cmd}" is not a goose annotation${hint}` : 'the annotation is empty' };
  }
  return { annotation, indented };
}

/** The goose annotation on a line (lower-cased), or null; indented annotations count, for sectioning. */
export function gooseAnnotation(line: string): Annotation | null {
  const r = gooseLine(line);
  return r && 'annotation' in r ? r.annotation : null;
}

/** True when `text` has a `-- +goose Up` line. */
export function hasGooseUp(text: string): boolean {
  return lines(text).some((l) => gooseAnnotation(l) === 'up');
}

/** The first reason goose would refuse the file (0-based line index), mirroring its parser's state machine; null when it reads it. */
export function gooseProblem(all: string[]): { index: number; why: string } | null {
  let state: 'start' | 'up' | 'up-block' | 'down' | 'down-block' = 'start';
  let beganAt = -1;
  for (let i = 0; i < all.length; i++) {
    const line = all[i];
    if (state === 'start' && line.trim() === '') continue;
    const r = gooseLine(line);
    if (r && 'error' in r) return { index: i, why: r.error };
    if (r) {
      if (r.indented) return { index: i, why: 'the annotation is indented; goose reads annotations only at the start of a line' };
      switch (r.annotation) {
        case 'up':
          if (state !== 'start') return { index: i, why: 'a second "-- +goose Up"' };
          state = 'up';
          break;
        case 'down':
          if (state === 'start') return { index: i, why: '"-- +goose Down" comes before "-- +goose Up"' };
          if (state !== 'up') return { index: i, why: state === 'down' ? 'a second "-- +goose Down"' : '"-- +goose Down" inside an open StatementBegin' };
          state = 'down';
          break;
        case 'statementbegin':
          if (state === 'start') return { index: i, why: '"-- +goose StatementBegin" comes before "-- +goose Up"' };
          if (state === 'up-block' || state === 'down-block') return { index: i, why: '"-- +goose StatementBegin" inside another StatementBegin' };
          state = state === 'up' ? 'up-block' : 'down-block';
          beganAt = i;
          break;
        case 'statementend':
          if (state !== 'up-block' && state !== 'down-block') return { index: i, why: '"-- +goose StatementEnd" without a StatementBegin' };
          state = state === 'up-block' ? 'up' : 'down';
          break;
        default: // NO TRANSACTION, ENVSUB ON/OFF: allowed anywhere
      }
      continue;
    }
    if (state === 'start' && !line.trim().startsWith('--')) return { index: i, why: 'SQL before "-- +goose Up"' };
  }
  if (state === 'start') return { index: 0, why: 'it has no "-- +goose Up" line' };
  if (state === 'up-block' || state === 'down-block') return { index: beganAt, why: 'this "-- +goose StatementBegin" is never closed by "-- +goose StatementEnd"' };
  return null;
}

function invalidFileFinding(shown: string, index: number, why: string, migration: string): Finding {
  const line = index + 1;
  return finding(
    'invalid-migration-file',
    { file: shown, line, migration },
    `goose refuses ${shown}: ${why} (line ${line}). Put each goose annotation alone on its own line, unindented: "-- +goose Up" first, then the SQL, then optionally "-- +goose Down"; fence bodies holding semicolons with StatementBegin/StatementEnd.`,
  );
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
    const result: LoadResult = { migrations: [], findings: [], bookkeeping: BOOKKEEPING['goose'] };
    const version = (f: string) => (FILE.exec(f) ?? GO_FILE.exec(f))![1];
    const goFiles = filesMatching(dir, GO_FILE).filter((f) => !f.endsWith('_test.go'));
    const files = [...filesMatching(dir, FILE), ...goFiles].sort((a, b) => compareDigits(version(a), version(b)) || naturalCompare(a, b));
    for (const f of files) {
      const go = GO_FILE.exec(f);
      if (go) {
        // Never skipped in silence: named, so a later failure is not blamed on the wrong migration.
        // Its text is kept (never parsed as SQL) so that --base sees an edit to it.
        const up = readSqlFile(join(dir, f), ctx, result.findings);
        if (!up) continue;
        result.migrations.push(migration({ id: f.slice(0, -3), version: go[1], name: go[2], layout: 'goose', up, transactional: true, sentAsOneQuery: false, notRunnable: GO_REASON }));
        continue;
      }
      const source = readSqlFile(join(dir, f), ctx, result.findings);
      if (!source) continue;
      const all = lines(source.text);
      const problem = gooseProblem(all);
      if (problem) result.findings.push(invalidFileFinding(source.file, problem.index, problem.why, f.slice(0, -4)));
      if (!hasGooseUp(source.text)) continue; // not a migration goose could run
      const noTx = all.some((l) => gooseAnnotation(l) === 'no transaction');
      const markers = findMarkers(all, (l) => {
        const a = gooseAnnotation(l);
        return a === 'up' ? 'up' : a === 'down' ? 'down' : null;
      });
      const { up, down } = upDownSections(source.file, all, markers);
      const [, version, name] = FILE.exec(f)!;
      result.migrations.push(migration({ id: f.slice(0, -4), version: version, name: name, layout: 'goose', up, down, transactional: !noTx, sentAsOneQuery: false }));
    }
    return result;
  },
};
