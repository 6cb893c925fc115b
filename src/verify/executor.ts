// The statement executor: runs a migration's statements on the database, in one
// transaction or in autocommit as its framework would, timing each one and
// observing the locks it takes and the tables it rewrites (trace.ts).

import type { StatementTrace, StepOutcome } from '../types';
import type { Database } from './databases/types';
import type { ExecUnit } from './statements';
import { newLocks, observe, rewrites, type KnownRelation } from './trace';

/** The result of running a migration's statements. */
export interface RunResult {
  ok: boolean;
  error: string | null;
  line?: number;
  /** Set when the failing statement is in an extra up file. */
  file?: string;
  code?: string;
  ms: number;
  traces: StatementTrace[];
}

const MAX_SQL = 2000;

function errorInfo(err: unknown): { message: string; code?: string } {
  const e = err as { message?: string; code?: string; detail?: string };
  const message = (e.message ?? String(err)).trim();
  return { message: e.detail ? `${message} (${e.detail})` : message, code: e.code };
}

/** Set the session's statement timeout. */
export async function setTimeoutMs(db: Database, ms: number): Promise<void> {
  if (db.setStatementTimeout) await db.setStatementTimeout(ms);
  else await db.exec(`SET statement_timeout = ${Math.max(0, Math.floor(ms))}`);
}

/** Run one statement, turning a server error or an overrun of the timeout into an error message. */
async function execTimed(db: Database, sql: string, timeoutMs: number): Promise<{ ms: number; error?: { message: string; code?: string } }> {
  const t0 = performance.now();
  try {
    await db.exec(sql);
  } catch (err) {
    const info = errorInfo(err);
    if (info.code === '57014' && /timeout/i.test(info.message)) info.message = `did not finish within the statement timeout (${timeoutMs} ms): ${info.message}`;
    return { ms: performance.now() - t0, error: info };
  }
  const ms = performance.now() - t0;
  // A provider that cannot interrupt (none known, but cheap to keep honest) still reports the overrun.
  if (timeoutMs > 0 && ms > timeoutMs) return { ms, error: { message: `did not finish within the statement timeout (${timeoutMs} ms)`, code: '57014' } };
  return { ms };
}

function traceOf(u: ExecUnit, ms: number): StatementTrace {
  const sql = u.sql.length > MAX_SQL ? `${u.sql.slice(0, MAX_SQL)}…` : u.sql;
  const t: StatementTrace = { line: u.line, sql, ms: Math.round(ms * 100) / 100, locks: [], rewrites: [] };
  if (u.extra) t.file = u.file;
  return t;
}

/**
 * Run units inside the current transaction. With `known`, each statement is traced:
 * locks newly held and relations rewritten since the previous statement.
 * `asWritten`: the framework itself wraps the file in a transaction, so statements
 * that cannot run in one are sent unchanged and fail as they will in production;
 * otherwise they run in their in-transaction form (CONCURRENTLY removed, VACUUM skipped).
 */
export async function runInTransaction(db: Database, units: ExecUnit[], timeoutMs: number, known?: Map<number, KnownRelation>, asWritten = false): Promise<RunResult> {
  const traces: StatementTrace[] = [];
  let total = 0;
  let prev = known ? await observe(db, known) : undefined;
  for (const u of units) {
    if (u.transactionControl) {
      if (known) traces.push({ ...traceOf(u, 0), notObserved: 'transaction control: not sent, verify runs the migration in its own transaction' });
      continue;
    }
    if (u.inTransactionSql === null && !asWritten) {
      if (known) traces.push({ ...traceOf(u, 0), notObserved: `${u.nonTransactional}: skipped inside the verification transaction (no schema effect)` });
      continue;
    }
    const r = await execTimed(db, asWritten ? u.sql : u.inTransactionSql!, timeoutMs);
    total += r.ms;
    const t = traceOf(u, r.ms);
    if (u.nonTransactional && !asWritten) t.notObserved = `${u.nonTransactional} cannot run in a transaction: verify ran it without CONCURRENTLY, so its locks are not the ones production takes`;
    if (r.error) {
      t.error = r.error.message;
      if (known) traces.push(t);
      return { ok: false, error: r.error.message, line: u.line, file: u.extra ? u.file : undefined, code: r.error.code, ms: total, traces };
    }
    if (known && prev) {
      const now = await observe(db, known);
      if (!u.nonTransactional) t.locks = newLocks(prev, now, known);
      t.rewrites = rewrites(prev, now, known);
      prev = now;
      traces.push(t);
    }
  }
  return { ok: true, error: null, ms: total, traces };
}

/** Run units in autocommit, as a framework without a transaction does; each statement that can is traced in its own transaction. */
export async function runAutocommit(db: Database, units: ExecUnit[], timeoutMs: number, known: Map<number, KnownRelation>): Promise<RunResult> {
  const traces: StatementTrace[] = [];
  let total = 0;
  let prev = await observe(db, known);
  for (const u of units) {
    if (u.transactionControl) {
      traces.push({ ...traceOf(u, 0), notObserved: 'transaction control: not sent, verify runs each statement on its own' });
      continue;
    }
    const t = traceOf(u, 0);
    let r;
    if (u.nonTransactional) {
      r = await execTimed(db, u.sql, timeoutMs);
      t.notObserved = `locks: ${u.nonTransactional} runs outside a transaction and releases its locks before pg_locks can be read`;
    } else {
      await db.exec('BEGIN');
      r = await execTimed(db, u.sql, timeoutMs);
    }
    total += r.ms;
    t.ms = Math.round(r.ms * 100) / 100;
    if (r.error) {
      if (!u.nonTransactional) await rollbackQuietly(db); // quietly: PGlite may have stopped (timeout)
      t.error = r.error.message;
      traces.push(t);
      return { ok: false, error: r.error.message, line: u.line, file: u.extra ? u.file : undefined, code: r.error.code, ms: total, traces };
    }
    const now = await observe(db, known);
    if (!u.nonTransactional) {
      t.locks = newLocks(prev, now, known);
      await db.exec('COMMIT');
    }
    t.rewrites = rewrites(prev, now, known);
    prev = { locks: new Map(), filenodes: now.filenodes };
    traces.push(t);
  }
  return { ok: true, error: null, ms: total, traces };
}

/** A statement overran the timeout on PGlite, which then stopped the whole embedded database (nothing more can run). */
export function stoppedByTimeout(db: Database, r: RunResult): boolean {
  return r.code === '57014' && db.capabilities.timeoutStopsDatabase;
}

/** The reported outcome of a run. */
export function outcome(r: RunResult): StepOutcome {
  const o: StepOutcome = { ok: r.ok, error: r.error, ms: Math.round(r.ms * 100) / 100 };
  if (!r.ok && r.line !== undefined) o.line = r.line;
  if (!r.ok && r.file !== undefined) o.file = r.file;
  return o;
}

/** ROLLBACK (to a savepoint), ignoring that nothing may be open. */
export async function rollbackQuietly(db: Database, to?: string): Promise<void> {
  try {
    await db.exec(to ? `ROLLBACK TO SAVEPOINT ${to}` : 'ROLLBACK');
  } catch {
    /* nothing open */
  }
}
