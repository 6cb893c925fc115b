// Turns a folder (or one file) into Migration[] the way the user's migration tool
// sees it: which files form one migration, its up and down, their order, and
// whether the tool wraps each in a transaction. Layouts live in layouts/, one per
// tool; this file detects which one applies and handles folders holding several
// independent sets (projects).
import { closeSync, openSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { UsageError } from '../errors';
import type { Finding, LayoutName, Migration } from '../types';
import { displayPath, listDir, pathShower, readText, unreadableFinding, type Listing, type PathBase } from './files';
import { whyNotAFile } from './decode';
import { compareWithBase, onlyChanged } from './history';
import { duplicateVersionFindings, missingDownFindings } from './integrity';
import type { Evidence, Layout } from './layout';
import { layoutNamed, layoutNames, layouts } from './layouts/index';
import { naturalCompare } from './natural-sort';

export interface DiscoverOptions {
  /** Force a layout instead of detecting it. */
  layout?: LayoutName | 'auto';
  /** Base for displayed paths (default process.cwd()). */
  cwd?: string;
  /**
   * A git ref: set `Migration.changed` against it, add the history findings
   * (compareWithBase in history.ts) and keep only findings of changed migrations.
   */
  base?: string;
  /**
   * For a single file: also return the migrations before it in its set, as unchanged
   * (`changed: false`), so verify replays them first instead of running the file on an
   * empty database. Lint and the report still see only the file.
   */
  withHistory?: boolean;
}

export interface Discovery {
  /** The tool's version table as it creates it before the first migration (LoadResult.bookkeeping). */
  bookkeeping?: string;
  /** The layout detected (or forced). */
  layout: LayoutName;
  /** Migrations in the order the framework applies them. */
  migrations: Migration[];
  /**
   * Per-file problems as findings, never thrown: `unreadable-file`,
   * `duplicate-migration-version`, `missing-down`. Each names its migration, so a
   * `--base` run can keep only those of changed migrations.
   */
  findings: Finding[];
}

/** How deep below the given folder projects are looked for. */
const MAX_DEPTH = 4;
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'build', 'target', 'vendor']);
/** Layouts that tell a migration by its content (markers), not its name. */
const CONTENT_MARKED = new Set<LayoutName>(['dbmate', 'goose', 'node-pg-migrate']);

interface Project {
  dir: string;
  layout: Layout;
  evidence: Evidence;
}

/**
 * Discover the migrations under `path` (a folder or a single .sql file).
 * Throws UsageError when `path` does not exist, when the folder matches no layout,
 * or when it mixes layouts (the message lists what was found).
 */
export function discoverMigrations(path: string, options: DiscoverOptions = {}): Discovery {
  const cwd = options.cwd ?? process.cwd();
  const abs = resolve(cwd, path);
  const forced = forcedLayout(options.layout);
  let isDir: boolean;
  try {
    isDir = statSync(abs).isDirectory();
  } catch {
    throw new UsageError(`${path}: no such file or folder`);
  }
  // Paths inside the cwd show relative to it; outside it, the way `path` was written (absolute stays absolute).
  const base: PathBase = { cwd, show: pathShower(path, cwd) };
  const discovery = isDir ? discoverFolder(abs, path, base, forced) : discoverFile(abs, base, forced, !!options.withHistory);
  if (!options.base) return discovery;
  const compared = compareWithBase({
    dir: path,
    migrations: discovery.migrations,
    base: options.base,
    layout: discovery.layout,
    cwd,
    show: base.show,
    discover: (target, o) => discoverMigrations(target, o).migrations,
  });
  // A single file asked for: the history before it stays history, whatever the branch did to it.
  const migrations = isDir ? compared.migrations : compared.migrations.map((m, i) => (discovery.migrations[i].changed ? m : { ...m, changed: false }));
  return {
    layout: discovery.layout,
    migrations,
    findings: [...onlyChanged(discovery.findings, migrations), ...compared.findings],
    ...(discovery.bookkeeping ? { bookkeeping: discovery.bookkeeping } : {}),
  };
}

function forcedLayout(name: DiscoverOptions['layout']): Layout | undefined {
  if (!name || name === 'auto') return undefined;
  const layout = layoutNamed(name);
  if (!layout) throw new UsageError(`--layout ${name}: unknown layout; use one of: auto, ${layoutNames.join(', ')}`);
  return layout;
}

function discoverFolder(abs: string, shownPath: string, base: PathBase, forced: Layout | undefined): Discovery {
  const projects = findProjects(abs, 0, forced ? [forced] : layouts);
  if (projects.length === 0) throw new UsageError(noLayoutMessage(abs, shownPath, forced));
  const kinds = new Set(projects.map((p) => p.layout.name));
  if (kinds.size > 1) {
    const list = projects.map((p) => `  - ${displayPath(p.dir, base) || '.'}: ${p.layout.name} (${p.evidence.what})`).join('\n');
    throw new UsageError(
      `${shownPath} mixes migration layouts, so migration-guard cannot tell how they are applied:\n${list}\nPoint it at one set of migrations, or force one with --layout <${layoutNames.join('|')}>.`,
    );
  }
  const layout = projects[0].layout;
  // Flyway: the folder given is the location, scanned recursively as one set.
  if (layout.recursive && projects.length > 1) projects.splice(0, projects.length, { ...projects[0], dir: abs });
  const dirs = projects.map((p) => p.dir).sort((a, b) => naturalCompare(relative(abs, a), relative(abs, b)));
  const ordered = layout.orderProjects ? layout.orderProjects(dirs) : dirs;
  const migrations: Migration[] = [];
  const findings: Finding[] = [];
  let bookkeeping: string | undefined;
  for (const dir of ordered) {
    // Content-marked layouts need every file's text to know what is a migration (and which have downs).
    const loaded = layout.load(dir, CONTENT_MARKED.has(layout.name) ? { cwd: base.cwd, ...(base.show ? { show: base.show } : {}) } : base);
    bookkeeping ??= loaded.bookkeeping;
    const project = ordered.length > 1 ? posix(relative(abs, dir)) || '.' : undefined;
    for (const m of loaded.migrations) {
      if (project) {
        m.id = `${project}/${m.id}`;
        m.project = project;
      }
      migrations.push(m);
    }
    findings.push(...loaded.findings.map((f) => (project && f.migration ? { ...f, migration: `${project}/${f.migration}` } : f)));
    if (!base.skipRead) findings.push(...unreadableSqlFiles(dir, base, findings));
  }
  findings.push(...duplicateVersionFindings(migrations, layout), ...missingDownFindings(migrations, layout));
  return { layout: layout.name, migrations, findings, ...(bookkeeping ? { bookkeeping } : {}) };
}

/** Folders under `dir` (itself included) holding a migration set, with the layout each matches. */
function findProjects(dir: string, depth: number, candidates: readonly Layout[]): Project[] {
  const listing = listDir(dir);
  const here = detectHere(dir, listing, candidates);
  if (here.length > 1) {
    // Several layouts in one folder: report them all as separate "projects" so the caller lists them.
    return here.map((h) => ({ dir, ...h }));
  }
  const found: Project[] = here.map((h) => ({ dir, ...h }));
  const kind = found[0]?.layout.name;
  // Only sqitch nests projects inside projects (chef-server), and loose .sql files
  // (a seed.sql beside migrations/) must not hide a real layout below; other
  // layouts own their subfolders.
  if (kind && kind !== 'sqitch' && kind !== 'plain') return found;
  if (depth >= MAX_DEPTH) return found;
  const own = new Set([...(found[0]?.layout.ownSubdirs ?? []), ...(found[0]?.layout.ownedSubdirs?.(dir) ?? [])]);
  const below: Project[] = [];
  for (const sub of listing.dirs) {
    if (SKIP_DIRS.has(sub) || own.has(sub)) continue;
    below.push(...findProjects(join(dir, sub), depth + 1, candidates));
  }
  if (kind === 'plain') return below.some((p) => p.layout.name !== 'plain') ? below : found;
  return [...found, ...below];
}

/** Which layouts the direct contents of `dir` match; stray .sql beside a real layout are ignored. */
function detectHere(dir: string, listing: Listing, candidates: readonly Layout[]): { layout: Layout; evidence: Evidence }[] {
  const claimed = new Set<string>();
  const out: { layout: Layout; evidence: Evidence }[] = [];
  for (const layout of candidates) {
    if (layout.name === 'plain' && out.length > 0) break;
    const r = layout.detect(dir, listing, claimed);
    if (!r) continue;
    out.push({ layout, evidence: r.evidence });
    for (const f of r.files) claimed.add(f);
  }
  return out;
}

function noLayoutMessage(abs: string, shownPath: string, forced: Layout | undefined): string {
  const listing = listDir(abs);
  const seen = [...listing.files.slice(0, 8), ...listing.dirs.slice(0, 8).map((d) => `${d}/`)];
  const more = listing.files.length + listing.dirs.length - seen.length;
  const found = seen.length ? `found: ${seen.join(', ')}${more > 0 ? ` and ${more} more` : ''}` : 'the folder is empty';
  if (forced) return `${shownPath}: no ${forced.name} migrations found (--layout ${forced.name}); ${found}.`;
  return (
    `${shownPath}: no migrations found (${found}). migration-guard understands: golang-migrate (NNN_name.up.sql/.down.sql), ` +
    `dbmate (-- migrate:up), goose (-- +goose Up), diesel (<dir>/up.sql), flyway (V1__name.sql), sqitch (sqitch.plan), ` +
    `prisma (<dir>/migration.sql), node-pg-migrate (-- Up Migration), temporal-sql-tool (versioned/vX.Y/manifest.json), plain (*.sql).`
  );
}

/** One file: the migration(s) of its folder's layout that use it, else the file on its own. */
function discoverFile(abs: string, base: PathBase, forced: Layout | undefined, withHistory: boolean): Discovery {
  const cwd = base.cwd;
  // Only this file's migration is kept: the folder's other files are listed (names,
  // versions, which have downs) but not read, so one file of a 700-file folder costs
  // its own migration's files (content-marked layouts still read each file to find
  // their markers). A first pass reading only this file finds its migration; the
  // second reads that migration's files (its down, its undo script…).
  const uses = (m: Migration) => [m.up, m.down, ...(m.extraUp ?? [])].some((s) => s && resolve(cwd, s.file) === abs);
  const readOnly = (files: Set<string>): PathBase => ({ ...base, skipRead: (p) => !files.has(resolve(p)) });
  const discoverIn = (dir: string): Discovery => {
    if (withHistory) return discoverFolder(dir, dir, base, forced); // the earlier migrations run too: read them all
    const probe = discoverFolder(dir, dir, readOnly(new Set([abs])), forced);
    if (CONTENT_MARKED.has(probe.layout)) return probe; // read in full already
    const hits = probe.migrations.filter(uses);
    if (!hits.length) return probe;
    const files = hits.flatMap((m) => [m.up, m.down, ...(m.extraUp ?? [])]).filter((s) => s !== undefined);
    return discoverFolder(dir, dir, readOnly(new Set(files.map((s) => resolve(cwd, s.file)))), forced);
  };
  // Folder-per-migration layouts (diesel, prisma) keep the file one level deeper;
  // a framework layout found there beats reading the file's own folder as plain.
  let plainMatch: Discovery | undefined;
  // Only those layouts keep a migration's file below its set's folder; looking one
  // level up for any other file would read a whole unrelated tree (e.g. all of /tmp).
  const nested = /^(up|down|migration)\.sql$/i.test(basename(abs)) || /^(deploy|revert|verify)$/.test(basename(dirname(abs)));
  for (const dir of nested ? [dirname(abs), dirname(dirname(abs))] : [dirname(abs)]) {
    let discovery: Discovery;
    try {
      discovery = discoverIn(dir);
    } catch {
      continue;
    }
    const migrations = discovery.migrations.filter(uses);
    if (!migrations.length) continue;
    const ids = new Set(migrations.map((m) => m.id));
    const findings = discovery.findings.filter((f) => !f.migration || ids.has(f.migration));
    const found = {
      layout: discovery.layout,
      migrations: withHistory ? historyUpTo(discovery.migrations, migrations) : migrations,
      findings,
      ...(discovery.bookkeeping ? { bookkeeping: discovery.bookkeeping } : {}),
    };
    if (found.layout !== 'plain') return found;
    plainMatch ??= found;
  }
  if (plainMatch) return plainMatch;
  const shown = displayPath(abs, base);
  const read = readText(abs, shown);
  if (!read.ok) return { layout: forced?.name ?? 'plain', migrations: [], findings: [read.finding] };
  const text = read.text;
  const id = basename(abs).replace(/\.sql$/i, '');
  const m: Migration = { id, version: id, name: id, layout: 'plain', up: { file: shown, text, firstLine: 1 }, transactional: false, changed: true };
  return { layout: 'plain', migrations: [m], findings: read.notice ? [read.notice] : [] };
}

/** The migrations of the file's set up to its (last) migration: the earlier ones unchanged, the file's own changed. */
function historyUpTo(all: Migration[], own: Migration[]): Migration[] {
  const last = all.indexOf(own[own.length - 1]);
  const project = own[0].project;
  return all
    .slice(0, last + 1)
    .filter((m) => m.project === project)
    .map((m) => (own.includes(m) ? m : { ...m, changed: false }));
}

/** `unreadable-file` findings for .sql files in `dir` that cannot be read and were not reported yet. */
function unreadableSqlFiles(dir: string, base: PathBase, already: Finding[]): Finding[] {
  const out: Finding[] = [];
  for (const f of listDir(dir).files) {
    if (!/\.sql$/i.test(f)) continue;
    const shown = displayPath(join(dir, f), base);
    if (already.some((x) => x.file === shown)) continue;
    const special = whyNotAFile(join(dir, f)); // a FIFO would block open()
    if (special) {
      out.push(unreadableFinding(shown, special));
      continue;
    }
    try {
      closeSync(openSync(join(dir, f), 'r'));
    } catch (err) {
      out.push(unreadableFinding(shown, (err as Error).message));
    }
  }
  return out;
}

function posix(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}
