// The Database session shared by the providers that talk to a real server over
// the wire (local, container, url): one node-postgres client, statement timeouts
// through the server's own statement_timeout, and a dead server turned into a
// DatabaseUnavailableError naming the provider instead of a hang or a stray
// 'error' event.

import pg from 'pg';
import { DatabaseUnavailableError } from '../../errors';
import type { Database, DatabaseKind, QueryResult } from './types';

/** A client-side watchdog on top of the server's statement_timeout: only a hung or vanished server trips it. */
const WATCHDOG_GRACE_MS = 5_000;

export interface ServerSessionOptions {
  kind: DatabaseKind;
  /** Connection settings for node-postgres (connection string or fields). */
  connection: pg.ClientConfig;
  /** A connection string a second client may use (never contains more than the provider was given). */
  url?: string;
  /** Why the server is gone, when the provider knows (e.g. "the postgres process exited with SIGKILL"). */
  whyGone?: () => string | undefined;
  /** Stops the server/scratch database after the session is closed. */
  teardown: () => Promise<void>;
  statementTimeoutMs?: number;
}

/** A started, connected session over node-postgres, plus the hooks its provider needs. */
export interface ServerSession extends Database {
  /** Marks the session dead (the provider saw its server exit); pending and later queries fail clearly. */
  markGone(reason: string): void;
}

/** Connects and returns the Database for a server provider; throws DatabaseUnavailableError when it cannot connect. */
export async function openServerSession(opts: ServerSessionOptions): Promise<ServerSession> {
  const client = new pg.Client({ ...opts.connection, keepAlive: true });
  let gone: string | undefined;
  let stopped = false;
  let stopping: Promise<void> | undefined;
  let timeoutMs = opts.statementTimeoutMs ?? 0;

  // the provider's reason ("the postgres server (pid N) stopped: signal SIGKILL") beats the socket's
  const describe = (): string => opts.whyGone?.() ?? gone ?? 'the connection to the server was lost';
  const unavailable = (cause?: unknown): DatabaseUnavailableError => {
    const err = new DatabaseUnavailableError(`${opts.kind}: the database is no longer available (${describe()})`);
    if (cause !== undefined) (err as Error & { cause?: unknown }).cause = cause;
    return err;
  };
  // without a listener an 'error' event (server killed while idle) would crash the process
  client.on('error', (err) => {
    gone ??= opts.whyGone?.() ?? `connection error: ${err.message}`;
  });
  client.on('end', () => {
    if (!stopped) gone ??= opts.whyGone?.() ?? 'the server closed the connection';
  });

  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => {});
    throw new DatabaseUnavailableError(`${opts.kind}: could not connect: ${(err as Error).message}`);
  }

  // Wire errors (socket closed, server terminated the backend) vs SQL errors (have a SQLSTATE `code`).
  const isConnectionLoss = (err: unknown): boolean => {
    if (gone) return true;
    const e = err as { code?: string; message?: string };
    if (e.code === '57P01' || e.code === '57P02' || e.code === '57P03') return true; // admin shutdown, crash shutdown
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return false;
    return /Connection terminated|ECONNRESET|EPIPE|not queryable|ECONNREFUSED/i.test(String(e.message));
  };

  const run = async <T>(fn: () => Promise<T>, watch: boolean): Promise<T> => {
    if (stopped) throw new DatabaseUnavailableError(`${opts.kind}: the database was already stopped`);
    if (gone) throw unavailable();
    let timer: NodeJS.Timeout | undefined;
    const watchdog =
      watch && timeoutMs > 0
        ? new Promise<never>((_, reject) => {
            timer = setTimeout(() => {
              gone ??= `the server did not answer within ${timeoutMs + WATCHDOG_GRACE_MS} ms (statement_timeout ${timeoutMs} ms)`;
              (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
              reject(unavailable());
            }, timeoutMs + WATCHDOG_GRACE_MS);
          })
        : undefined;
    try {
      return await (watchdog ? Promise.race([fn(), watchdog]) : fn());
    } catch (err) {
      if (err instanceof DatabaseUnavailableError) throw err;
      if (isConnectionLoss(err)) {
        gone ??= opts.whyGone?.() ?? `connection lost: ${(err as Error).message}`;
        // the socket often closes a moment before the provider sees its server exit: give it that moment
        for (let i = 0; i < 10 && opts.whyGone && !opts.whyGone(); i++) await new Promise((r) => setTimeout(r, 20));
        throw unavailable(err);
      }
      throw err;
    } finally {
      clearTimeout(timer);
    }
  };

  const session: ServerSession = {
    kind: opts.kind,
    capabilities: { timeoutStopsDatabase: false, jit: true },
    serverVersion: '',
    url: opts.url,
    async query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>> {
      const res = await run(() => client.query(sql, params), true);
      return { rows: res.rows as T[] };
    },
    async exec(sql: string): Promise<void> {
      // simple-query protocol: statement_timeout applies to each statement (PG ≥ 13), so no whole-call watchdog
      await run(() => client.query(sql), false);
    },
    async setStatementTimeout(ms: number): Promise<void> {
      await run(() => client.query(`SET statement_timeout = ${Math.max(0, Math.floor(ms))}`), false);
      timeoutMs = Math.max(0, Math.floor(ms));
    },
    markGone(reason: string): void {
      gone ??= reason;
      (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
    },
    stop(): Promise<void> {
      stopping ??= (async () => {
        stopped = true;
        await Promise.race([client.end().catch(() => {}), new Promise((r) => setTimeout(r, 2_000))]);
        await opts.teardown();
      })();
      return stopping;
    },
  };

  try {
    if (timeoutMs > 0) await session.setStatementTimeout!(timeoutMs);
    const v = await run(() => client.query<{ server_version: string }>('SHOW server_version'), false);
    (session as { serverVersion: string }).serverVersion = v.rows[0].server_version;
  } catch (err) {
    await session.stop().catch(() => {});
    throw err instanceof DatabaseUnavailableError ? err : new DatabaseUnavailableError(`${opts.kind}: ${(err as Error).message}`);
  }
  return session;
}
