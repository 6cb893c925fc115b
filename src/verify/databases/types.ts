// The one interface every verify database provider implements (DESIGN.md,
// "Databases for verify"). A provider starts a throwaway Postgres (or a scratch
// database on a given server) and hands back a connected session.

export type DatabaseKind = 'pglite' | 'local' | 'container' | 'url';

export interface QueryResult<T = Record<string, unknown>> {
  rows: T[];
}

/** A connected, throwaway database: the verify cycle's only view of Postgres. */
export interface Database {
  readonly kind: DatabaseKind;
  /** `SHOW server_version`, e.g. `18.1` or `15.18 (Debian …)`. */
  readonly serverVersion: string;
  /** One statement with optional $n parameters. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
  /** Any number of statements, simple-query protocol, no parameters. */
  exec(sql: string): Promise<void>;
  /** Stop and delete everything the provider created. Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** For `url`: the server to create a scratch database on. */
  databaseUrl?: string;
  /** For `container`: the image (default postgres:17-alpine). */
  postgresImage?: string;
  /** Progress lines for the user (stderr in the CLI). */
  log?: (line: string) => void;
}
