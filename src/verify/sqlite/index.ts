// verify for SQLite: each changed migration up → down → up on a real SQLite file,
// with a schema snapshot after each step (sqlite_schema and the pragmas), synthetic
// rows in the tables that were empty before its up, the data-loss check over the
// round trip, and PRAGMA integrity_check / foreign_key_check after every step. The
// results have the shape the Postgres cycle gives (MigrationVerification), so the
// findings, the report and the PR comment treat them alike. States are kept as file
// copies: restoring one is closing, copying and reopening, exact for any migration
// (PRAGMAs, BEGIN/COMMIT of its own, a failure half-way outside a transaction).

import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding, Migration, MigrationVerification, SqlSource, StatementTrace, StepOutcome, Verification } from '../../types';
import { diffSnapshots, type SchemaDifference } from '../snapshot';
import { dataLoss } from '../data';
import { emptyVerification, skippedVerification, summaryWord } from '../cycle';
import { verificationFindings } from '../findings';
import { finding } from '../../report/finding';
import { splitSqlite } from '../../sqlite/parse';
import { PositionMap } from '../../sql/position-map';
import { loadSqlite, openSqlite, type SqliteDb } from './engine';
import { integrityProblems, sqliteFingerprints, sqliteSnapshot, userTables } from './snapshot';
import { seedSqlite } from './seed';

export interface SqliteVerifyOptions {
  /** Rows seeded into each empty table before each changed migration (0: no data checks). */
  seedRows: number;
  log?: (line: string) => void;
  /** A database file to start from (copied, never written): the project's own file, when it has one. */
  from?: string;
  /** Tables that are the migration tool's own (its version table): left out of snapshots and seeding. */
  exclude?: readonly string[];
}

/** Verify `migrations` (in the order the tool applies them) on a scratch SQLite file. */
export async function verifySqliteMigrations(migrations: readonly Migration[], options: SqliteVerifyOptions): Promise<{ verification: Verification; findings: Finding[] }> {
  await loadSqlite();
  const t0 = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'migration-guard-sqlite-'));
  const files = new ScratchFiles(dir, options.from);
  const exclude = new Set((options.exclude ?? []).map((t) => t.toLowerCase()));
  const integrity: Finding[] = [];
  try {
    const verification: Verification = { database: { kind: `sqlite (${files.db.engine})`, serverVersion: files.db.version }, migrations: [] };
    let stopped: string | undefined;
    let project: string | undefined;
    for (const m of migrations) {
      if (m.project !== project) [project, stopped] = [m.project, undefined];
      if (m.notRunnable || stopped) {
        if (m.changed) verification.migrations.push(skippedVerification(m, m.notRunnable ?? stopped!));
        continue;
      }
      if (!m.changed) {
        files.save('before');
        const up = runSource(files.db, m.up, m.transactional);
        if (!up.outcome.ok) {
          files.restore('before');
          verification.migrations.push({ ...emptyVerification(m), up: up.outcome, appliedOnly: true });
          options.log?.(`verify: unchanged ${m.id} does not replay here (${up.outcome.error}); going on without it`);
        }
        continue;
      }
      const t = performance.now();
      const v = cycle(files, m, options.seedRows, exclude, (step, problems) =>
        integrity.push(finding('sqlite-integrity-failed', { file: m.up.file, line: m.up.firstLine, migration: m.id }, `After ${step} of ${m.id}, SQLite reports: ${problems.slice(0, 5).join('; ')}`)),
      );
      if (!v.up.ok) stopped = `migration ${m.id} failed`;
      verification.migrations.push(v);
      options.log?.(`verify: ${m.id} ${summaryWord(v)} (${Math.round(performance.now() - t)} ms)`);
    }
    verification.ms = Math.round(performance.now() - t0);
    return { verification, findings: [...verificationFindings(verification, [...migrations]), ...integrity] };
  } finally {
    files.db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The scratch database file and named copies of it. */
class ScratchFiles {
  readonly file: string;
  db: SqliteDb;

  constructor(
    private readonly dir: string,
    from: string | undefined,
  ) {
    this.file = join(dir, 'verify.db');
    if (from && existsSync(from)) copyFileSync(from, this.file);
    this.db = openSqlite(this.file);
  }

  /** Keep the current state under `name`. */
  save(name: string): void {
    this.db.close();
    copyFileSync(this.file, join(this.dir, `${name}.db`));
    this.db = openSqlite(this.file);
  }

  /** Go back to the state kept under `name`. */
  restore(name: string): void {
    this.db.close();
    for (const suffix of ['-wal', '-shm', '-journal']) rmSync(this.file + suffix, { force: true });
    copyFileSync(join(this.dir, `${name}.db`), this.file);
    this.db = openSqlite(this.file);
  }
}

/** One migration up → down → up; the database is left as its (first) up left it. */
function cycle(files: ScratchFiles, m: Migration, seedRows: number, exclude: ReadonlySet<string>, onIntegrity: (step: string, problems: string[]) => void): MigrationVerification {
  const v = emptyVerification(m);
  const checkIntegrity = (step: string) => {
    const problems = integrityProblems(files.db);
    if (problems.length) onIntegrity(step, problems);
  };
  files.save('unseeded');
  const seed = seedRows > 0 ? seedSqlite(files.db, userTables(files.db, exclude), seedRows) : { seeded: 0, unseeded: [] };
  v.dataCheck.rowsSeeded = seed.seeded;
  if (seed.unseeded.length) v.dataCheck.unseeded = seed.unseeded;
  const a = sqliteSnapshot(files.db, exclude);
  const tablesA = userTables(files.db, exclude);
  let fpA = sqliteFingerprints(files.db, tablesA);

  let up = runSource(files.db, m.up, m.transactional);
  for (const extra of m.extraUp ?? []) if (up.outcome.ok) up = merge(up, runSource(files.db, extra, m.transactional));
  if (!up.outcome.ok && seed.seeded > 0) {
    // Does it fail only because the tables have rows? Run it again on the empty tables.
    files.restore('unseeded');
    const empty = runSource(files.db, m.up, m.transactional);
    if (empty.outcome.ok) {
      v.dataCheck.failsWithData = true;
      v.dataCheck.error = up.outcome.line !== undefined ? `line ${up.outcome.line}: ${up.outcome.error}` : up.outcome.error;
      fpA = new Map(); // the round trip runs on empty tables: nothing to compare
    }
    up = empty;
  }
  v.up = up.outcome;
  if (!v.dataCheck.failsWithData) v.statements = up.traces;
  if (!up.outcome.ok) {
    files.restore('unseeded');
    return v;
  }
  checkIntegrity('the up');
  if (!v.hasDown) return v;
  const b = sqliteSnapshot(files.db, exclude);
  files.save('b');
  const down = runSource(files.db, m.down!, m.downTransactional ?? m.transactional);
  v.down = down.outcome;
  if (down.outcome.ok) {
    checkIntegrity('the down');
    const c = sqliteSnapshot(files.db, exclude);
    const reverse = diffSnapshots(a, c, { before: 'before up', after: 'after down' });
    v.reversible = !reverse.some((d) => !d.orderOnly);
    const diffs: SchemaDifference[] = [...reverse];
    if (fpA.size) v.dataCheck.lost = dataLoss(fpA, sqliteFingerprints(files.db, userTables(files.db, exclude)));
    const reup = runSource(files.db, m.up, m.transactional);
    v.reup = reup.outcome;
    if (reup.outcome.ok) {
      checkIntegrity('the second up');
      const again = diffSnapshots(b, sqliteSnapshot(files.db, exclude), { before: 'after the first up', after: 'after the second up' });
      v.reapplicable = !again.some((x) => !x.orderOnly);
      diffs.push(...again);
    }
    v.schemaDiff = diffs.map((x) => (x.orderOnly ? `${x.line} (order only)` : x.line));
  }
  files.restore('b');
  return v;
}

/** A step's outcome and what each statement did. */
interface Run {
  outcome: StepOutcome;
  traces: StatementTrace[];
}

function merge(a: Run, b: Run): Run {
  return { outcome: { ...b.outcome, ms: a.outcome.ms + b.outcome.ms }, traces: [...a.traces, ...b.traces] };
}

/** Run a source statement by statement (in one transaction when the tool opens one), stopping at the first error. */
function runSource(db: SqliteDb, source: SqlSource, transactional: boolean): Run {
  const t0 = performance.now();
  const map = new PositionMap(source.text, source.firstLine, source.lineMap);
  const lineOf = (index: number) => map.position(index).line;
  const traces: StatementTrace[] = [];
  const { pieces } = splitSqlite(source.text);
  if (transactional) db.exec('BEGIN');
  for (const p of pieces) {
    const sql = source.text.slice(p.start, p.end);
    const line = lineOf(p.first);
    const t = performance.now();
    try {
      db.exec(sql);
      traces.push({ line, sql: sql.trim(), ms: performance.now() - t, locks: [], rewrites: [] });
    } catch (err) {
      const error = (err as Error).message;
      traces.push({ line, sql: sql.trim(), ms: performance.now() - t, locks: [], rewrites: [], error });
      try {
        db.exec('ROLLBACK');
      } catch {
        // no transaction was open
      }
      return { outcome: { ok: false, error, ms: performance.now() - t0, line }, traces };
    }
  }
  if (transactional) db.exec('COMMIT');
  return { outcome: { ok: true, error: null, ms: performance.now() - t0 }, traces };
}
