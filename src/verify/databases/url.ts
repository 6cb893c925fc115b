// `url`: an existing server. The run gets its own scratch database
// (mg_scratch_<random>), created here and dropped afterwards; the session only
// ever connects to that database, and only a database this run created is ever
// dropped. The server's other databases are never touched.

import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import pg from 'pg';
import { DatabaseUnavailableError, UsageError } from '../../errors';
import { registerCleanup } from './cleanup';
import { startReaper, type Reaper } from './reaper';
import { openServerSession } from './server-session';
import type { Database, StartOptions } from './types';

/** Prefix of every scratch database name. */
export const SCRATCH_PREFIX = 'mg_scratch_';

/** A scratch database on an existing server. */
export interface UrlDatabase extends Database {
  /** The scratch database this run created (and drops on stop). */
  readonly scratchDatabase: string;
}

/** The URL with its password replaced by ***, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<unparseable database URL>';
  }
}

/** `url` with its database name replaced (query parameters such as sslmode are kept). */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Creates a scratch database on the server at `options.databaseUrl` and returns a session connected to it. */
export async function startUrl(options: StartOptions = {}): Promise<UrlDatabase> {
  const log = options.log ?? (() => {});
  const url = options.databaseUrl;
  if (!url) throw new UsageError('--database url needs --database-url (or DATABASE_URL)');
  let parsed: URL;
  try {
    parsed = new URL(url);
    if (!/^postgres(ql)?:$/.test(parsed.protocol)) throw new Error(`unsupported scheme ${parsed.protocol}`);
  } catch (err) {
    throw new UsageError(`--database-url is not a postgres:// URL (${(err as Error).message}): ${redactUrl(url)}`);
  }
  const where = redactUrl(url);
  const scratch = `${SCRATCH_PREFIX}${randomBytes(6).toString('hex')}`;

  // the admin connection: the database named in the URL (default: the server's default), used only for CREATE/DROP
  let adminUrl = url;
  let admin = new pg.Client({ connectionString: adminUrl });
  admin.on('error', () => {});
  try {
    try {
      await admin.connect();
    } catch (err) {
      // no database in the URL and none named like the user: the maintenance database will do for CREATE/DROP
      if ((err as { code?: string }).code !== '3D000' || parsed.pathname.length > 1) throw err;
      adminUrl = withDatabase(url, 'postgres');
      admin = new pg.Client({ connectionString: adminUrl });
      admin.on('error', () => {});
      await admin.connect();
    }
  } catch (err) {
    throw new DatabaseUnavailableError(`url: could not connect to ${where}: ${(err as Error).message}`);
  }

  let created = false;
  let dropped = false;
  let reaper: Reaper | undefined;
  const drop = async () => {
    if (!created || dropped) return;
    // FORCE (PG ≥ 13) ends the session's backend if it is still around; older servers: terminate it first
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(scratch)} WITH (FORCE)`);
    } catch {
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [scratch]).catch(() => {});
      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(scratch)}`);
    }
    dropped = true;
  };
  const dropSync = () => {
    if (created && !dropped) dropScratchSync(adminUrl, scratch);
    reaper?.disarm();
  };
  const stopAll = async () => {
    try {
      await drop();
    } catch (err) {
      // the admin connection may have died with the server: try once more on a fresh one
      const again = new pg.Client({ connectionString: adminUrl });
      again.on('error', () => {});
      try {
        await again.connect();
        await again.query(`DROP DATABASE IF EXISTS ${quoteIdent(scratch)} WITH (FORCE)`);
        dropped = true;
      } catch {
        log(`url: could not drop the scratch database ${scratch} on ${where}: ${(err as Error).message}`);
      } finally {
        await again.end().catch(() => {});
      }
    } finally {
      await admin.end().catch(() => {});
      reaper?.disarm();
    }
  };
  const unregister = registerCleanup(`scratch database ${scratch}`, stopAll, dropSync);
  const teardown = async () => {
    await stopAll();
    unregister();
  };

  try {
    try {
      await admin.query(`CREATE DATABASE ${quoteIdent(scratch)}`);
      created = true;
      // if this process is SIGKILLed, no handler runs: a watchdog then drops the scratch database
      try {
        reaper = startReaper({ kind: 'url', adminUrl, scratch, pgPath: createRequire(import.meta.url).resolve('pg') });
      } catch {
        // pg bundled (the Action): no path to load it from; the in-process cleanup still runs
      }
    } catch (err) {
      const e = err as { code?: string; message: string };
      const hint = e.code === '42501' ? ' The role needs CREATEDB (ALTER ROLE … CREATEDB), or use --database pglite.' : '';
      throw new DatabaseUnavailableError(`url: could not create the scratch database on ${where}: ${e.message}.${hint}`);
    }
    log(`url: created scratch database ${scratch} on ${where}`);
    const scratchUrl = withDatabase(url, scratch);
    const session = await openServerSession({
      kind: 'url',
      connection: { connectionString: scratchUrl },
      url: scratchUrl,
      teardown,
      statementTimeoutMs: options.statementTimeoutMs,
    });
    // refuse to run anywhere but the scratch database this run created (a pooler or proxy could route elsewhere)
    const where2 = await session.query<{ db: string }>('SELECT current_database() AS db');
    if (where2.rows[0]?.db !== scratch) {
      await session.stop();
      throw new DatabaseUnavailableError(`url: connected to database "${where2.rows[0]?.db}" instead of the scratch database ${scratch}; refusing to run there`);
    }
    const db: UrlDatabase = Object.assign(session, { scratchDatabase: scratch });
    return db;
  } catch (err) {
    await teardown().catch(() => {});
    throw err;
  }
}

/** Drops the scratch database from a short synchronous child process (process 'exit', second Ctrl-C). */
function dropScratchSync(url: string, scratch: string): void {
  if (!scratch.startsWith(SCRATCH_PREFIX)) return;
  let pgPath: string;
  try {
    pgPath = createRequire(import.meta.url).resolve('pg');
  } catch {
    process.stderr.write(`migration-guard: scratch database ${scratch} may be left on ${redactUrl(url)}; drop it by hand\n`);
    return;
  }
  const script = `
const pg = require(process.argv[1]);
const c = new pg.Client({ connectionString: process.argv[2] });
c.on('error', () => {});
c.connect()
  .then(() => c.query('DROP DATABASE IF EXISTS "' + process.argv[3] + '" WITH (FORCE)'))
  .catch(() => {})
  .finally(() => c.end().catch(() => {}));`;
  spawnSync(process.execPath, ['-e', script, pgPath, url, scratch], { stdio: 'ignore', timeout: 10_000 });
}
