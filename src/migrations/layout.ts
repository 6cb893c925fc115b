// What every layout file in layouts/ provides: how to recognise its folder and
// how to read it into Migration[] in the order the framework applies them.
import type { Finding, LayoutName, Migration, SqlSource } from '../types';
import type { Listing, PathBase } from './files';

/** Why a folder looks like a given layout, for detection and for error messages. */
export interface Evidence {
  layout: LayoutName;
  /** e.g. `12 files named NNN_name.up.sql`. */
  what: string;
}

/** Options every loader receives: pass it (not just `cwd`) to readSqlFile/displayPath so paths show consistently. */
export interface LoadContext extends PathBase {
  /** Base for displayed paths. */
  cwd: string;
}

export interface LoadResult {
  migrations: Migration[];
  findings: Finding[];
  /**
   * The tool's own bookkeeping, as it creates it before the first migration (golang-migrate's
   * schema_migrations, goose_db_version…): verify creates it too, since migrations may touch it.
   */
  bookkeeping?: string;
}

/** The version tables the tools create, in their own words (each tool's Postgres driver). */
export const BOOKKEEPING = {
  // golang-migrate database/postgres: ensureVersionTable
  'golang-migrate': 'CREATE TABLE IF NOT EXISTS schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL);',
  // gobuffalo/pop and ory/x popx: the migrator's schema_migration table
  popx: 'CREATE TABLE IF NOT EXISTS schema_migration (version varchar(48) NOT NULL, version_self int NOT NULL DEFAULT 0); CREATE UNIQUE INDEX IF NOT EXISTS schema_migration_version_idx ON schema_migration (version);',
  // amacneil/dbmate pkg/driver/postgres: CreateMigrationsTable
  dbmate: 'CREATE TABLE IF NOT EXISTS schema_migrations (version varchar(128) PRIMARY KEY);',
  // pressly/goose dialect postgres: CreateTable
  goose: 'CREATE TABLE IF NOT EXISTS goose_db_version (id serial NOT NULL PRIMARY KEY, version_id bigint NOT NULL, is_applied boolean NOT NULL, tstamp timestamp NULL DEFAULT now());',
  // Flyway's PostgreSQL createMetaDataTable.sql
  flyway:
    'CREATE TABLE IF NOT EXISTS flyway_schema_history (installed_rank int NOT NULL PRIMARY KEY, version varchar(50), description varchar(200) NOT NULL, type varchar(20) NOT NULL, script varchar(1000) NOT NULL, checksum int, installed_by varchar(100) NOT NULL, installed_on timestamp NOT NULL DEFAULT now(), execution_time int NOT NULL, success boolean NOT NULL);',
  // diesel_migrations: CREATE_MIGRATIONS_TABLE
  diesel: 'CREATE TABLE IF NOT EXISTS __diesel_schema_migrations (version varchar(50) PRIMARY KEY NOT NULL, run_on timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP);',
  // prisma migrate: the _prisma_migrations table
  prisma:
    'CREATE TABLE IF NOT EXISTS _prisma_migrations (id varchar(36) PRIMARY KEY NOT NULL, checksum varchar(64) NOT NULL, finished_at timestamptz, migration_name varchar(255) NOT NULL, logs text, rolled_back_at timestamptz, started_at timestamptz NOT NULL DEFAULT now(), applied_steps_count integer NOT NULL DEFAULT 0);',
  // sqitch's registry (App::Sqitch::Engine pg.sql): its own schema, where deploy scripts may look
  sqitch: [
    'CREATE SCHEMA IF NOT EXISTS sqitch;',
    'CREATE TABLE IF NOT EXISTS sqitch.releases (version real PRIMARY KEY, installed_at timestamptz NOT NULL DEFAULT clock_timestamp(), installer_name text NOT NULL, installer_email text NOT NULL);',
    'CREATE TABLE IF NOT EXISTS sqitch.projects (project text PRIMARY KEY, uri text NULL UNIQUE, created_at timestamptz NOT NULL DEFAULT clock_timestamp(), creator_name text NOT NULL, creator_email text NOT NULL);',
    "CREATE TABLE IF NOT EXISTS sqitch.changes (change_id text PRIMARY KEY, script_hash text NULL, change text NOT NULL, project text NOT NULL REFERENCES sqitch.projects(project) ON UPDATE CASCADE, note text NOT NULL DEFAULT '', committed_at timestamptz NOT NULL DEFAULT clock_timestamp(), committer_name text NOT NULL, committer_email text NOT NULL, planned_at timestamptz NOT NULL, planner_name text NOT NULL, planner_email text NOT NULL, UNIQUE (project, script_hash));",
    "CREATE TABLE IF NOT EXISTS sqitch.tags (tag_id text PRIMARY KEY, tag text NOT NULL, project text NOT NULL REFERENCES sqitch.projects(project) ON UPDATE CASCADE, change_id text NOT NULL REFERENCES sqitch.changes(change_id) ON UPDATE CASCADE, note text NOT NULL DEFAULT '', committed_at timestamptz NOT NULL DEFAULT clock_timestamp(), committer_name text NOT NULL, committer_email text NOT NULL, planned_at timestamptz NOT NULL, planner_name text NOT NULL, planner_email text NOT NULL, UNIQUE (project, tag));",
    "CREATE TABLE IF NOT EXISTS sqitch.dependencies (change_id text NOT NULL REFERENCES sqitch.changes(change_id) ON UPDATE CASCADE ON DELETE CASCADE, type text NOT NULL, dependency text NOT NULL, dependency_id text NULL REFERENCES sqitch.changes(change_id) ON UPDATE CASCADE CONSTRAINT dependencies_check CHECK ((type = 'require' AND dependency_id IS NOT NULL) OR (type IN ('conflict', 'require') AND dependency_id IS NULL)), PRIMARY KEY (change_id, dependency));",
    "CREATE TABLE IF NOT EXISTS sqitch.events (event text NOT NULL CONSTRAINT events_event_check CHECK (event IN ('deploy', 'revert', 'fail', 'merge')), change_id text NOT NULL, change text NOT NULL, project text NOT NULL REFERENCES sqitch.projects(project) ON UPDATE CASCADE, note text NOT NULL DEFAULT '', requires text[] NOT NULL DEFAULT '{}', conflicts text[] NOT NULL DEFAULT '{}', tags text[] NOT NULL DEFAULT '{}', committed_at timestamptz NOT NULL DEFAULT clock_timestamp(), committer_name text NOT NULL, committer_email text NOT NULL, planned_at timestamptz NOT NULL, planner_name text NOT NULL, planner_email text NOT NULL, PRIMARY KEY (change_id, committed_at));",
  ].join(' '),
  // node-pg-migrate: the default migrations table
  'node-pg-migrate': 'CREATE TABLE IF NOT EXISTS pgmigrations (id serial PRIMARY KEY, name varchar(255) NOT NULL, run_on timestamp NOT NULL);',
} as const;

export interface Layout {
  name: LayoutName;
  /** The framework has down migrations at all (missing-down never applies otherwise). */
  supportsDown: boolean;
  /**
   * Look at a folder's direct contents (names, and for content-marked layouts the
   * `.sql` files themselves). `claimed` holds `.sql` names another layout already
   * recognised by name; content checks skip them. Returns the files it claims.
   */
  detect(dir: string, listing: Listing, claimed: ReadonlySet<string>): { evidence: Evidence; files: string[] } | null;
  /** Read the folder's migrations in apply order. Unreadable files become findings, never throws on content. */
  load(dir: string, ctx: LoadContext): LoadResult;
  /** Order several projects of this layout found under one folder (default: by path). */
  orderProjects?(dirs: string[]): string[];
  /** Subfolders that belong to a project and are never projects themselves. */
  ownSubdirs?: readonly string[];
  /** Like ownSubdirs, read from the project's own config (sqitch.conf's top_dir and script folders). */
  ownedSubdirs?(dir: string): string[];
  /**
   * The tool scans a location recursively (Flyway): `load` reads subfolders itself,
   * and sets found only in subfolders of the given folder are one set, not projects.
   */
  recursive?: boolean;
}

/** Build a Migration with `changed: true` (history narrows it later). */
export function migration(fields: {
  id: string;
  version: string;
  name: string;
  layout: LayoutName;
  up: SqlSource;
  down?: SqlSource | undefined;
  transactional: boolean;
  /** See Migration.downTransactional; set only when the down differs from the up. */
  downTransactional?: boolean;
  /** See Migration.sentAsOneQuery; each layout states what its runner does. */
  sentAsOneQuery: boolean;
  extraUp?: SqlSource[];
  notRunnable?: string;
}): Migration {
  const m: Migration = {
    id: fields.id,
    version: fields.version,
    name: fields.name,
    layout: fields.layout,
    up: fields.up,
    transactional: fields.transactional,
    changed: true,
  };
  if (fields.sentAsOneQuery) m.sentAsOneQuery = true;
  if (fields.down) m.down = fields.down;
  if (fields.down && fields.downTransactional !== undefined && fields.downTransactional !== fields.transactional) m.downTransactional = fields.downTransactional;
  if (fields.extraUp?.length) m.extraUp = fields.extraUp;
  if (fields.notRunnable) m.notRunnable = fields.notRunnable;
  return m;
}
