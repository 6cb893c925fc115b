// Ecto's `mix ecto.migrate|rollback --log-migrations-sql` output (with or
// without --log-migrator-sql) as migrations: `== Running <version>
// <Module>.<fun>/0 forward|backward` starts one, each `QUERY OK|ERROR` record
// is followed by the SQL and an inspected parameter list. Findings point at
// the log line where the statement is printed. A library that records its own
// version in a table comment (`COMMENT ON TABLE <prefix>.phoenix_kit IS '170'`,
// PhoenixKit) runs many versions inside one Ecto migration: each comment ends
// one library version, so findings name it too.

import { readFileSync } from 'node:fs';
import { capturedSource } from '../capture/migration-sql';
import { isFrameworkNoise } from '../capture/noise';
import { kindAndNode } from '../sql/nodes';
import type { CapturedStatement } from '../capture/statements';
import { UsageError } from '../errors';
import { parseSql } from '../sql/parse';
import type { Finding, Migration, SqlSource } from '../types';
import { finding } from '../report/finding';
import { ecto } from './presets/ecto';

/** One SQL record of the log. */
interface LogQuery {
  line: number;
  sql: string;
  error?: string;
}

interface Run {
  version: string;
  direction: 'up' | 'down';
  line: number;
  queries: LogQuery[];
}

const RUNNING = /== Running (\d+) (\S+)\.(\w+)\/\d+ (forward|backward)/;
const QUERY = /\bQUERY (OK|ERROR)\b/;
/** A line that starts another log record (any logger prefix), an error report, or mix's own output. */
const RECORD = /^(\d{2}:\d{2}:\d{2}(\.\d+)?\s|\S*\s*\[(debug|info|notice|warning|warn|error)\]|\*\* \(|==> |== )/;
const PARAMS = /\s?\[(?:[^[\]]|\[[^[\]]*\])*\]\s*$/;

/** Read an Ecto log (a file, or `-` for stdin) into migrations and findings. */
export function readEctoLog(path: string, shown: string): { migrations: Migration[]; findings: Finding[] } {
  let text: string;
  try {
    text = readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (err) {
    throw new UsageError(`--sql-log ${shown}: cannot read it (${(err as Error).message})`);
  }
  const file = path === '-' ? '(stdin)' : shown;
  const runs = parseEctoLog(text);
  if (!runs.length) throw new UsageError(`--sql-log ${shown}: no "QUERY OK" or "== Running <version> …" line: is it the output of \`mix ecto.migrate --log-migrations-sql\`?`);
  return migrationsOf(runs, file);
}

/** The log's migration runs with their SQL records, in order. */
export function parseEctoLog(text: string): Run[] {
  const lines = text.split(/\r\n|\r|\n/);
  const runs: Run[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const running = RUNNING.exec(l);
    if (running) {
      const fun = running[3];
      const down = fun === 'down' || running[4] === 'backward';
      runs.push({ version: running[1], direction: down ? 'down' : 'up', line: i + 1, queries: [] });
      continue;
    }
    const q = QUERY.exec(l);
    if (!q) continue;
    // A log cut before its `== Running` line: its records still count, under a name that says so.
    if (!runs.length) runs.push({ version: 'unknown-version', direction: 'up', line: 1, queries: [] });
    // The SQL runs from the next line up to the last line ending in the parameter list before the next record.
    let end = i + 1;
    while (end < lines.length && !RECORD.test(lines[end])) end++;
    let last = end - 1;
    while (last > i && !PARAMS.test(lines[last])) last--;
    if (last <= i) continue;
    const sqlLines = lines.slice(i + 1, last + 1);
    sqlLines[sqlLines.length - 1] = sqlLines.at(-1)!.replace(PARAMS, '');
    const whole = sqlLines.join('\n');
    const sql = whole.trim();
    const skipped = (/^\s*/.exec(whole)![0].match(/\n/g) ?? []).length; // blank lines before the SQL
    const query: LogQuery = { line: i + 2 + skipped, sql };
    if (q[1] === 'ERROR') {
      const report = lines.slice(end, end + 3).find((x) => x.startsWith('** ('));
      query.error = report ? report.replace(/^\*\* \([\w.]+\)\s*/, '') : 'the statement failed';
    }
    runs.at(-1)!.queries.push(query);
    i = end - 1;
  }
  return runs;
}

/** One Migration per Ecto version (per library version inside it, when it keeps one in a table comment). */
function migrationsOf(runs: Run[], file: string): { migrations: Migration[]; findings: Finding[] } {
  const parts = new Map<string, { up?: LogQuery[]; down?: LogQuery[]; transactional: boolean }>();
  const order: string[] = [];
  const findings: Finding[] = [];
  for (const run of runs) {
    const statements = run.queries.filter((q) => !isNoise(q));
    // Explicit begin/commit come only with --log-migrator-sql; Ecto's default is one DDL transaction per migration.
    const transactional = !run.queries.some((q) => q.error?.includes('25P01')) && (!run.queries.some((q) => /^(begin|commit)$/i.test(q.sql)) || run.queries.some((q) => /^begin$/i.test(q.sql)));
    for (const piece of libraryVersions(run, statements)) {
      const id = piece.library ? `${run.version} ${piece.library}` : run.version;
      if (!parts.has(id)) {
        parts.set(id, { transactional });
        order.push(id);
      }
      parts.get(id)![run.direction] = piece.queries;
    }
    for (const q of run.queries) {
      if (!q.error) continue;
      findings.push(
        finding('framework-command-failed', { file, line: q.line, migration: run.version }, `Ecto ${run.direction === 'up' ? 'migrate' : 'rollback'} of ${run.version} failed here: ${q.error}`),
      );
    }
  }
  const migrations = order.map((id): Migration => {
    const p = parts.get(id)!;
    return {
      id,
      version: id.split(' ')[0],
      name: id,
      layout: 'ecto',
      // A run that only rolled back has no up: its empty up sits at the down's line (migrations are told apart by file and line).
      up: sourceOf(p.up ?? [], file, p.down?.[0]?.line),
      ...(p.down ? { down: sourceOf(p.down, file) } : {}),
      transactional: p.transactional,
      changed: true,
    };
  });
  return { migrations, findings };
}

/** Splits a run at `COMMENT ON TABLE … IS '<n>'`: going up the statements before it are V<n>; going down, V<n+1>. */
function libraryVersions(run: Run, queries: LogQuery[]): { library?: string; queries: LogQuery[] }[] {
  const out: { library?: string; queries: LogQuery[] }[] = [];
  let current: LogQuery[] = [];
  let lastMarker: number | undefined;
  for (const q of queries) {
    current.push(q);
    const m = /^COMMENT ON TABLE\s+(?:"?\w+"?\.)?"?(\w+)"?\s+IS\s+'(\d+)'\s*;?$/i.exec(q.sql);
    if (!m) continue;
    const n = Number(m[2]);
    out.push({ library: `V${run.direction === 'up' ? n : n + 1}`, queries: current });
    current = [];
    lastMarker = n;
  }
  if (current.length) out.push({ ...(lastMarker !== undefined ? { library: `V${run.direction === 'up' ? `${lastMarker}+` : lastMarker}` } : {}), queries: current });
  return out;
}

/** Ecto's own statements (schema_migrations, its lock, begin/commit) and session settings are not the migration's. */
function isNoise(q: LogQuery): boolean {
  if (/^(begin|commit|rollback)$/i.test(q.sql)) return true;
  const parsed = parseSql({ file: '', text: q.sql, firstLine: 1 });
  const s = parsed.statements[0];
  if (!s || parsed.problems.length) return false;
  const captured: CapturedStatement = { sql: s.sql, ...kindAndNode(s), connection: 1, seq: 0, txBefore: 'T', ms: 0 };
  return parsed.statements.length === 1 && isFrameworkNoise(captured, ecto.versionTable);
}

/** The log prints each statement as sent: its lines map to the log's lines one for one. */
function sourceOf(queries: LogQuery[], file: string, emptyAt = 1): SqlSource {
  return capturedSource(
    file,
    queries.map((q) => ({ sql: q.sql, line: q.line, verbatim: true })),
    emptyAt,
  );
}
