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
}

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
