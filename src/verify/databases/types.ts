// The one interface every verify database provider implements (DESIGN.md,
// "Databases for verify"). A provider starts a throwaway Postgres (or a scratch
// database on a given server) and hands back a connected session.

/** The database providers verify can start: the one list (config, CLI and Action inputs use it). */
export const DATABASE_KINDS = ['pglite', 'local', 'container', 'url'] as const;
export type DatabaseKind = (typeof DATABASE_KINDS)[number];

/** What a user may ask for: a provider, or `auto` (url when a URL is given; a local installation of the stated target major; else pglite). */
export const DATABASE_CHOICES = ['auto', ...DATABASE_KINDS] as const;
export type DatabaseChoice = (typeof DATABASE_CHOICES)[number];

/** Where providers differ in what verify may rely on. */
export interface DatabaseCapabilities {
  /** A statement past the timeout stops the whole database (PGlite cannot cancel a query): nothing more can run on it. */
  readonly timeoutStopsDatabase: boolean;
  /** The server may JIT-compile queries (builds with LLVM): verify turns JIT off for its catalog queries. */
  readonly jit: boolean;
}

export interface QueryResult<T = Record<string, unknown>> {
  rows: T[];
}

/** A connected, throwaway database: the verify cycle's only view of Postgres. */
export interface Database {
  readonly kind: DatabaseKind;
  readonly capabilities: DatabaseCapabilities;
  /** `SHOW server_version`, e.g. `18.1` or `15.18 (Debian …)`. */
  readonly serverVersion: string;
  /** One statement with optional $n parameters. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
  /** Any number of statements, simple-query protocol, no parameters. */
  exec(sql: string): Promise<void>;
  /** Stop and delete everything the provider created. Safe to call twice. */
  stop(): Promise<void>;
  /**
   * Sets the per-statement timeout (0 = none) in a way that works on this provider:
   * `SET statement_timeout` on a server; on PGlite (where statement_timeout never fires)
   * a client-side limit per query()/exec() call that stops the embedded database when hit.
   * A timed-out statement rejects with an error whose `code` is '57014' on every provider.
   */
  setStatementTimeout?(ms: number): Promise<void>;
  /** For server providers (local, container, url): a connection string to the same database, for a second connection. */
  readonly url?: string;
}

export interface StartOptions {
  /** For `url`: the server to create a scratch database on. */
  databaseUrl?: string;
  /** For `container`: the image (default postgres:17-alpine). */
  postgresImage?: string;
  /** Progress lines for the user (stderr in the CLI). */
  log?: (line: string) => void;
  /** Statement timeout applied from the first statement on (see Database.setStatementTimeout). */
  statementTimeoutMs?: number;
  /**
   * For `pglite`: extensions to load, as named in `CREATE EXTENSION` (e.g. citext, pg_trgm,
   * "uuid-ossp"); see `extensionsIn(sql)`. Names PGlite does not ship are ignored (the
   * migration's CREATE EXTENSION then fails with Postgres's own message).
   */
  extensions?: string[];
  /** For `local`: a directory holding initdb/postgres, instead of searching PATH and the usual folders. */
  pgBinDir?: string;
  /**
   * For `auto`: the target major the user stated (pgVersion in the config, --pg-version, the Action's
   * pg-version). A local installation of exactly that major is used instead of PGlite (PostgreSQL 18).
   */
  autoPrefersMajor?: number;
  /** For `local`: prefer this major version when several are installed (e.g. from --pg-version). */
  pgMajor?: number;
  /** For `local`: extra server settings (`-c name=value`), e.g. shared_preload_libraries. */
  serverSettings?: Record<string, string>;
}
