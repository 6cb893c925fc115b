// Integrity against a git base ref (`--base`): which migrations a pull request
// added or changed, and whether it rewrote history that databases already ran —
// an edited or deleted applied migration, or a new one slotted before the newest
// applied one. The base tree of the migrations folder is extracted with
// `git archive` into a temporary folder and discovered with the same layout, so
// every layout (sections of one file, sqitch plans, temporal manifests) compares
// the same way. This is an I/O edge: the only module here that runs git.
import type * as ChildProcess from 'node:child_process';
import { finding } from '../report/finding';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { UsageError } from '../errors';
import type { Finding, LayoutName, Migration, SqlSource } from '../types';
import { displayPath, isDirectory } from './files';

export interface CompareWithBaseInput {
  /** The folder (or file) given to discoverMigrations, as given. */
  dir: string;
  /** What discoverMigrations returned for it (current working tree). */
  migrations: Migration[];
  /** A git ref or commit: `origin/main`, `HEAD~1`, a SHA. */
  base: string;
  /** The layout discoverMigrations used; the base tree is read the same way (default: detect). */
  layout?: LayoutName;
  /** Base for `dir` and for displayed paths (default process.cwd()). */
  cwd?: string;
  /** How the discovery showed paths (files.ts pathShower); default: relative to `cwd`. */
  show?: (abs: string) => string;
  /** Reads the base tree's copy of `dir` (discoverMigrations, injected: discovery calls this module). */
  discover: DiscoverBase;
}

/** Discovers the migrations of a folder or file extracted from the base commit. */
export type DiscoverBase = (target: string, options: { cwd: string; layout?: LayoutName }) => Migration[];

export interface Comparison {
  /** The same migrations, in order, with `changed` set: added or modified since `base`. */
  migrations: Migration[];
  /** editing-applied-migration, deleting-applied-migration, out-of-order-migration. */
  findings: Finding[];
}

/**
 * Compare the migrations in `dir` with the same folder at git ref `base`: set
 * `Migration.changed` and report history-integrity findings. Throws UsageError
 * when `dir` is not in a git repository or `base` does not name a commit there
 * (in a shallow clone, fetch the base ref first).
 */
export function compareWithBase(input: CompareWithBaseInput): Comparison {
  const cwd = input.cwd ?? process.cwd();
  const abs = resolve(cwd, input.dir);
  const folder = isDirectory(abs) ? abs : dirname(abs);
  const root = repoRoot(folder);
  const commit = resolveCommit(root, input.base);
  const relFolder = posix(relative(realpathSync(root), realpathSync(folder)));
  const base = readBase(root, commit, relFolder, abs === folder ? '' : relative(folder, abs), input.layout, input.discover);
  return compareMigrations(input.migrations, base, input.base, (p) => displayPath(join(root, p), { cwd, ...(input.show ? { show: input.show } : {}) }));
}

/** Keep the findings that concern changed migrations (and those tied to no migration). */
export function onlyChanged(findings: readonly Finding[], migrations: readonly Migration[]): Finding[] {
  const changed = new Set(migrations.filter((m) => m.changed).map((m) => m.id));
  return findings.filter((f) => !f.migration || changed.has(f.migration));
}

/** A base migration with its sources' repository-relative paths. */
export interface BaseMigration {
  m: Migration;
  /** Repository-relative path of its up file. */
  upPath: string;
}

/**
 * The pure part of compareWithBase: `current` against `base` (empty when the folder
 * did not exist at the base). `shown` maps a repository path to what the user sees.
 */
export function compareMigrations(current: readonly Migration[], base: readonly BaseMigration[], baseRef: string, shown: (repoPath: string) => string): Comparison {
  const baseById = new Map(base.map((b) => [b.m.id, b]));
  const currentIds = new Set(current.map((m) => m.id));
  const findings: Finding[] = [];
  const migrations = current.map((m) => {
    const b = baseById.get(m.id)?.m;
    if (!b) return { ...m, changed: true, added: true };
    const upSame = sameSources(upSources(m), upSources(b)) && m.transactional === b.transactional;
    const downSame = sameSources(m.down ? [m.down] : [], b.down ? [b.down] : []);
    // Flyway repeatables are meant to be edited: Flyway re-runs them when they change.
    if (!upSame && !isRepeatable(m)) findings.push(editedFinding(m, b, baseRef));
    return { ...m, changed: !upSame || !downSame };
  });

  for (const b of base) {
    if (currentIds.has(b.m.id)) continue;
    const renamedTo = migrations.find((m) => m.changed && !baseById.has(m.id) && sameSources(upSources(m), upSources(b.m)));
    const file = shown(b.upPath);
    const message = renamedTo
      ? `Migration ${b.m.id} (${file}) exists on ${baseRef} but was renamed to ${renamedTo.id}: databases that already applied it will apply it again under the new name, or the tool will report it missing.`
      : `Migration ${b.m.id} (${file}) exists on ${baseRef} but was deleted: databases that already applied it keep its changes, and the tool may refuse to run with an applied migration missing.`;
    findings.push(finding('deleting-applied-migration', { file: renamedTo ? renamedTo.up.file : file, line: renamedTo ? renamedTo.up.firstLine : 1, migration: renamedTo?.id ?? b.m.id }, message));
  }

  // Out of order: a new migration placed before the last one the base already had (per project).
  const projects = new Map<string, Migration[]>();
  for (const m of migrations) if (!isRepeatable(m)) projects.set(m.project ?? '', [...(projects.get(m.project ?? '') ?? []), m]);
  for (const list of projects.values()) {
    let lastBase = -1;
    list.forEach((m, i) => {
      if (baseById.has(m.id)) lastBase = i;
    });
    if (lastBase < 0) continue;
    const newest = list[lastBase];
    list.slice(0, lastBase).forEach((m) => {
      if (baseById.has(m.id)) return;
      findings.push(
        finding(
          'out-of-order-migration',
          { file: m.up.file, line: m.up.firstLine, migration: m.id },
          `Migration ${m.id} is new since ${baseRef} but sorts before ${newest.id}, which ${baseRef} already has: databases already past ${newest.id} will skip it or refuse to migrate, depending on the tool. Give it a version after ${newest.id}.`,
        ),
      );
    });
  }
  return { migrations, findings };
}

/** Flyway `R__` migrations: no version, run after the versioned ones whenever their checksum changes. */
function isRepeatable(m: Migration): boolean {
  return m.layout === 'flyway' && m.version === '';
}

function upSources(m: Migration): SqlSource[] {
  return [m.up, ...(m.extraUp ?? [])];
}

function normalize(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

function sameSources(a: SqlSource[], b: SqlSource[]): boolean {
  return a.length === b.length && a.every((s, i) => normalize(s.text) === normalize(b[i].text));
}

function editedFinding(m: Migration, b: Migration, baseRef: string): Finding {
  // Point at the first line that differs, in the file's own numbering.
  const now = normalize(m.up.text).split('\n');
  const was = normalize(b.up.text).split('\n');
  let i = 0;
  while (i < now.length && i < was.length && now[i] === was[i]) i++;
  const sameText = sameSources(upSources(m), upSources(b));
  const line = m.up.firstLine + Math.min(i, Math.max(0, now.length - 1));
  const what = sameText ? `its transaction mode changed (${b.transactional ? 'was' : 'was not'} run in a transaction)` : `its up SQL differs from ${baseRef} (first difference at line ${line})`;
  return finding(
    'editing-applied-migration',
    { file: m.up.file, line: sameText ? m.up.firstLine : line, migration: m.id },
    `Migration ${m.id} (${m.up.file}) already exists on ${baseRef} and was modified: ${what}. Databases that applied it will never run the new version, so environments drift apart.`,
  );
}

/** node:child_process, loaded when --base first needs git: a plain lint does not pay its load (~5 ms of CPU on Node 24). */
function childProcess(): typeof ChildProcess {
  return process.getBuiltinModule('node:child_process');
}

/** Run git in `cwd` (no shell) and return stdout. */
function git(cwd: string, args: string[], input?: { encoding: 'buffer' }): Buffer {
  return childProcess().execFileSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30, ...input });
}

function repoRoot(folder: string): string {
  try {
    return git(folder, ['rev-parse', '--show-toplevel']).toString('utf8').trim();
  } catch (err) {
    const why = (err as { stderr?: Buffer }).stderr?.toString().trim() || (err as Error).message;
    throw new UsageError(`--base needs a git repository, but ${folder} is not inside one (${why}).`);
  }
}

function resolveCommit(root: string, base: string): string {
  try {
    return git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${base}^{commit}`])
      .toString('utf8')
      .trim();
  } catch {
    throw new UsageError(
      `--base ${base}: no such commit or ref in ${root}. In a shallow clone, fetch it first, e.g. \`git fetch --depth=1 origin ${base.replace(/^origin\//, '')}\` (actions/checkout: fetch-depth: 0).`,
    );
  }
}

/** Extract `relFolder` at `commit` into a temporary folder and discover it with `layout`. */
function readBase(root: string, commit: string, relFolder: string, relFile: string, layout: LayoutName | undefined, discover: DiscoverBase): BaseMigration[] {
  const listed = git(root, ['ls-tree', '-r', '--name-only', '-z', commit, '--', relFolder || '.']).toString('utf8');
  if (!listed.replace(/\0/g, '')) return []; // the folder did not exist at the base: everything is new
  const tmp = mkdtempSync(join(tmpdir(), 'migration-guard-base-'));
  try {
    const tar = git(root, ['archive', '--format=tar', commit, '--', relFolder || '.']);
    childProcess().execFileSync('tar', ['-x', '-f', '-', '-C', tmp], { input: tar, stdio: ['pipe', 'ignore', 'pipe'], maxBuffer: 1 << 30 });
    const target = join(tmp, relFolder, relFile);
    let found: Migration[];
    try {
      found = discover(target, { cwd: tmp, ...(layout ? { layout } : {}) });
    } catch (err) {
      if (err instanceof UsageError) return []; // nothing recognisable at the base
      throw err;
    }
    return found.map((m) => ({ m, upPath: posix(relative(tmp, resolve(tmp, m.up.file))) }));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function posix(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}

/** Files under `folder` added or changed since `base` (working tree included, untracked files count as added), absolute paths. */
export function filesChangedSince(folder: string, base: string): { changed: Set<string>; added: Set<string> } {
  const root = repoRoot(folder);
  const commit = resolveCommit(root, base);
  const rel = posix(relative(root, resolve(folder))) || '.';
  const changed = new Set<string>();
  const added = new Set<string>();
  const status = git(root, ['diff', '--name-status', '-z', '--no-renames', commit, '--', rel]).toString('utf8').split('\0');
  for (let i = 0; i + 1 < status.length; i += 2) {
    const path = resolve(root, status[i + 1]);
    if (status[i] === 'D') continue;
    changed.add(path);
    if (status[i] === 'A') added.add(path);
  }
  for (const f of git(root, ['ls-files', '--others', '--exclude-standard', '-z', '--', rel]).toString('utf8').split('\0')) {
    if (!f) continue;
    changed.add(resolve(root, f));
    added.add(resolve(root, f));
  }
  return { changed, added };
}

/**
 * Makes sure the base commit exists locally: actions/checkout fetches one commit
 * by default, so the PR base is usually missing. A shallow fetch of that one
 * commit is enough to compare trees; failures are left to run() to report.
 */
export function ensureBaseCommit(ref: string, cwd: string, log: { info(m: string): void; warning(m: string): void }): void {
  const git = (...args: string[]) =>
    childProcess()
      .execFileSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 })
      .toString();
  try {
    git('rev-parse', '--is-inside-work-tree');
  } catch {
    return; // not a git checkout: run() says what it needs
  }
  try {
    git('cat-file', '-e', `${ref}^{commit}`);
    return;
  } catch {
    // not here yet
  }
  if (!/^[0-9a-f]{7,40}$/i.test(ref) && !ref.startsWith('origin/')) return;
  try {
    log.info(`fetching base ${ref} (the checkout is shallow)`);
    const branch = ref.startsWith('origin/') ? ref.slice('origin/'.length) : undefined;
    git('fetch', '--no-tags', '--depth=1', 'origin', branch ? `+refs/heads/${branch}:refs/remotes/origin/${branch}` : ref);
  } catch (err) {
    log.warning(`could not fetch the base ${ref}: ${((err as { stderr?: Buffer }).stderr?.toString() || (err as Error).message).trim()}. Use actions/checkout with fetch-depth: 0.`);
  }
}

/**
 * The commit where HEAD left `branch` (a push that created a branch), or undefined with a
 * warning when git cannot tell (a shallow checkout): then every migration is checked.
 */
export function mergeBase(branch: string, cwd: string, warn: (m: string) => void): string | undefined {
  try {
    return (
      childProcess()
        .execFileSync('git', ['merge-base', 'HEAD', branch], { cwd, stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 })
        .toString()
        .trim() || undefined
    );
  } catch (err) {
    warn(
      `a new branch: could not find where it left ${branch} (${((err as { stderr?: Buffer }).stderr?.toString() || (err as Error).message).trim()}); checking every migration. Use actions/checkout with fetch-depth: 0.`,
    );
    return undefined;
  }
}
