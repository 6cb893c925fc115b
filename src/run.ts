// The one entry both front ends (cli.ts, action.ts) call: discover the
// migrations under each path, lint them file by file, verify them when asked,
// and build the Report. No argv, environment or terminal here: progress goes
// through a callback, bad input is a UsageError (exit 2), per-file problems are
// findings.

import { existsSync } from 'node:fs';
import { finding } from './report/finding';
import { relative, resolve } from 'node:path';
import { rules as registry } from '../rules/index';
import { applyOverrides, enabledRules, ignoreMatcher, levelOf, type Config, type ConfigOverrides } from './config';
import { loadConfig } from './config-file';
import { UsageError } from './errors';
import { lintFile, type EnabledRule } from './lint/engine';
import type { CreatedObjects } from './lint/created';
import type { LintOptions } from './lint/context';
import { discoverMigrations, type DiscoverOptions } from './migrations/discover';
import { isFile } from './migrations/files';
import { discoverFramework, frameworkFor, startFrameworkDatabase } from './frameworks/discover';
import type { Database } from './verify/databases/types';
import { initParser } from './sql/parse';
import { fillPlaceholders } from './sql/placeholders';
import type { FailOn, Finding, Migration, MigrationSummary, Report, SqlSource, StatsSummary, Verification } from './types';
import type { Rule } from './lint/rule';
import { annotateWithStats, type MigrationImpacts } from './stats/annotate';
import { loadStats, StatsIndex } from './stats/file';
import type { StatementImpact } from './stats/impact';
import { SEVERITY_RANK } from './types';
import { buildReport } from './report/build';
import { detectDialect } from './sqlite/detect';

export type Command = 'lint' | 'verify' | 'check' | 'plan';

export interface RunOptions {
  /** `lint` = static rules; `verify` = up → down → up; `check` = both; `plan` = lint with the deploy plan (locks and estimates) in `report.stats`. */
  command: Command;
  /** Files or migration folders; default: the config's `paths`, else the cwd. */
  paths?: string[];
  /** Base for relative paths and displayed file names (default process.cwd()). */
  cwd?: string;
  /** A resolved config; when absent it is loaded from `configFile` or found from `cwd`, then `overrides` apply. */
  config?: Config;
  configFile?: string;
  overrides?: ConfigOverrides;
  /** Git ref: only migrations added or changed since it are reported. */
  base?: string;
  /** The rule registry (default: every rule in rules/). */
  rules?: readonly Rule[];
  /** Progress and diagnostics, one line each (the CLI prints them to stderr). */
  progress?: (message: string) => void;
  /** False: framework commands (the pull request's code) may not run here; a framework project is then exit 2. */
  allowCommands?: boolean;
}

/** What verify returns; the verify stage is wired here once it exists. */
interface VerifyOutcome {
  verification: Verification;
  findings: Finding[];
}

/** Resolve the config a run uses from its options. */
export function resolveRunConfig(options: Pick<RunOptions, 'config' | 'configFile' | 'overrides' | 'cwd' | 'rules'>): Config {
  if (options.config) return options.overrides ? applyOverrides(options.config, options.overrides) : options.config;
  const cwd = resolve(options.cwd ?? process.cwd());
  return applyOverrides(loadConfig({ cwd, file: options.configFile, rules: options.rules }), options.overrides ?? {});
}

/** Discover, lint (and verify) the migrations under the given paths and return the report. */
export async function run(options: RunOptions): Promise<Report> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const allRules = options.rules ?? registry;
  const config = resolveRunConfig({ ...options, rules: allRules });
  const progress = options.progress ?? (() => {});
  const paths = options.paths?.length ? options.paths.map((p) => resolve(cwd, p)) : config.paths.length ? config.paths.map((p) => resolve(config.root, p)) : [cwd];
  for (const p of paths) {
    if (!existsSync(p)) throw new UsageError(`path not found: ${display(p, cwd)}`);
  }
  // Discovery shows files outside the cwd the way their path was written (relative stays relative).
  const asGiven = new Map(options.paths?.length ? options.paths.map((p) => [resolve(cwd, p), p] as const) : []);
  const verifying = options.command === 'verify' || options.command === 'check';
  // Framework projects: their commands run against one throwaway server, started here and shared with verify.
  const frameworks = new Map(paths.map((p) => [p, frameworkFor(p, display(p, cwd), config)] as const));

  await initParser();
  // SQLite projects: their own parser and rules, a schema model carried across the folder's migrations.
  const dialect = config.dialect ?? detectDialect(paths, frameworks, config.framework?.env?.DATABASE_URL);
  const sqlite = dialect === 'sqlite' ? await (await import('./sqlite/run')).sqliteLinter(config, progress, paths) : undefined;
  const enabled = enabledRules(config, allRules);
  const lintOptions: LintOptions = { pgVersion: config.pgVersion, assumeInTransaction: config.assumeInTransaction };
  const ignored = ignoreMatcher(config);
  const isIgnored = (file: string) => ignored(resolve(cwd, file));
  const adjust = severityAdjuster(config, allRules);
  // Production stats: loaded before anything runs, so a bad file is exit 2 at once.
  const statsPath = config.stats.file ? resolve(cwd, config.stats.file) : undefined;
  const stats = statsPath ? new StatsIndex(loadStats(statsPath, display(statsPath, cwd))) : undefined;
  const wantsImpacts = !!stats || options.command === 'plan';
  const planned: MigrationImpacts[] = [];
  const allImpacts: StatementImpact[] = [];

  const findings: Finding[] = [];
  const summaries: MigrationSummary[] = [];
  /** What the migrations added by this change (with --base) created so far, in order (deployTogether). */
  let changeCreated: CreatedObjects | undefined;
  const allMigrations: Migration[] = [];
  const seen = new Set<string>();
  /** Each tool's version table, created before the first migration as the tool does (migrations may alter it). */
  const bookkeeping = new Set<string>();

  /** Files named on the command line (not folders): of their migrations, only they are reported on. */
  const namedFiles = new Set(paths.filter(isFile));
  const runsCommands = [...frameworks.values()].some((f) => f) && !config.framework?.sqlLog;
  // On SQLite the commands run on a scratch copy of the project's file: no server.
  const needsServer = runsCommands && !sqlite;
  if (runsCommands && options.allowCommands === false) {
    const names = [...new Set([...frameworks.values()].filter((f) => f).map((f) => f!.name))].join(', ');
    throw new UsageError(
      `${names} migrations are checked by running the framework's own commands, which come from the pull request; they run only where verify may run (here verify is off for untrusted code: see allow-untrusted-sql)`,
    );
  }
  const server = needsServer ? await startFrameworkDatabase(config, progress) : undefined;
  try {
    for (const path of paths) {
      const framework = frameworks.get(path);
      const discovery = framework
        ? sqlite
          ? await sqlite.discover(path, display(path, cwd), framework, config, { cwd, ...(options.base ? { base: options.base } : {}), rollBack: verifying, log: progress })
          : await discoverFramework(path, display(path, cwd), framework, config, {
              ...(server ? { db: server } : {}),
              cwd,
              ...(options.base ? { base: options.base } : {}),
              rollBack: verifying,
              log: progress,
            })
        : discover(asGiven.get(path) ?? path, { layout: config.layout, cwd, base: options.base, withHistory: verifying });
      // A file named on the command line (pre-commit passes staged files): its migration's other
      // files are read for context (what the up created), but only the named file is reported on.
      const throughFile = !framework && namedFiles.has(path);
      const reported = (file: string) => !throughFile || namedFiles.has(resolve(cwd, file));
      for (const f of discovery.findings) {
        if (isIgnored(f.file)) continue;
        const kept = adjust(f);
        if (kept) findings.push(kept);
      }
      const migrations = discovery.migrations.filter((m) => !isIgnored(m.up.file));
      if ('bookkeeping' in discovery && discovery.bookkeeping) bookkeeping.add(discovery.bookkeeping);
      progress(`${display(path, cwd)}: ${migrations.length} migration${migrations.length === 1 ? '' : 's'} (${discovery.layout})`);
      for (const m of migrations) {
        const key = `${m.up.file}:${m.up.firstLine}`;
        if (seen.has(key)) continue; // the same file reached through two paths
        seen.add(key);
        allMigrations.push(m);
        if (m.changed === false) {
          sqlite?.replay(m);
          continue;
        }
        const down = m.down && !isIgnored(m.down.file) ? m.down : undefined;
        summaries.push({
          id: m.id,
          layout: m.layout,
          up: m.up.file,
          ...(down ? { down: down.file } : {}),
          transactional: m.transactional,
          changed: m.changed,
          ...(m.sqlFrom ? { sqlFrom: m.sqlFrom } : {}),
        });
        if (m.notRunnable) {
          // Not SQL: nothing to lint; verify names it where it stands in the order.
          const f = adjust(unverifiableFinding(m));
          if (f) findings.push(f);
          continue;
        }
        if (options.command === 'verify' && !wantsImpacts) continue;
        // One file at a time: its statements and ASTs are garbage once lintFile returns.
        const sources: SqlSource[] = [m.up, ...(m.extraUp ?? []).filter((s) => !isIgnored(s.file))];
        if (down && config.lintDown) sources.push(down);
        // What the up (and extra up files) created is new for the files after it: the down may drop it.
        // Deployed together, what the change's earlier added migrations created is new here too.
        let created: CreatedObjects | undefined = m.added && config.deployTogether ? changeCreated : undefined;
        const upImpacts: MigrationImpacts = { id: m.id, file: m.up.file, impacts: [] };
        if (wantsImpacts) planned.push(upImpacts);
        /** Rules the up raised: the same rule in the down (a rename back, the old type restored) is its reversal. */
        let upRules = new Set<string>();
        for (const source of sources) {
          try {
            if (sqlite) {
              const result = sqlite.lint(source, m, source === down, options.command === 'verify' ? [] : enabled, allRules);
              if (reported(source.file)) findings.push(...result);
              continue;
            }
            const transactional = source === down ? (m.downTransactional ?? m.transactional) : m.transactional; // dbmate sets the down's own
            const input = { source, transactional, sentAsOneQuery: m.sentAsOneQuery ?? false, migration: m.id, createdByUp: created, collectImpacts: wantsImpacts };
            // `verify --stats` lints only for the impacts: its findings are verify's.
            const result = lintFile(input, options.command === 'verify' ? [] : enabled, allRules, lintOptions);
            if (source === m.up) upRules = new Set(result.findings.map((f) => f.rule));
            if (reported(source.file)) findings.push(...(source === down ? result.findings.map((f) => asReversal(f, upRules)) : result.findings));
            created = result.created;
            if (source === m.up && m.added && config.deployTogether) changeCreated = result.created;
            allImpacts.push(...(result.impacts ?? []));
            if (source !== down) upImpacts.impacts.push(...(result.impacts ?? []));
          } catch (err) {
            // A bug on one file must not hide the findings of the others.
            const f = adjust(internalError(source, m.id, err));
            if (f) findings.push(f);
          }
        }
      }
    }

    let verification: Verification | undefined;
    if (verifying && config.framework?.sqlLog) progress('verify: --sql-log is a record of a run, not something to run: its SQL is linted only');
    else if (verifying) {
      const outcome = sqlite ? await sqlite.verify(allMigrations, config, progress) : await verifyMigrations(allMigrations, config, progress, [...bookkeeping], server);
      verification = outcome.verification;
      for (const f of outcome.findings) {
        const kept = adjust(f);
        if (kept) findings.push(config.verify.downs === 'chain' ? asChainPolicy(kept) : kept);
      }
    }

    let statsSummary: StatsSummary | undefined;
    let reported = findings;
    if (wantsImpacts) {
      const annotated = annotateWithStats({
        findings,
        migrations: planned,
        allImpacts,
        stats,
        statsFile: statsPath ? display(statsPath, cwd) : null,
        thresholds: config.stats.thresholds,
        rules: allRules,
        verification,
        seededRows: config.verify.seedRows,
      });
      reported = annotated.findings;
      statsSummary = annotated.summary;
    }
    const report = buildReport(summaries, sortFindings(reported, summaries), verification, statsSummary);
    return sqlite ? { ...report, dialect: 'sqlite' } : report;
  } finally {
    await server?.stop();
  }
}

/** Findings in migration order (each migration's up, then its down), then by position; lint and verify findings of one file interleave. */
export function sortFindings(findings: Finding[], migrations: MigrationSummary[]): Finding[] {
  const rank = new Map<string, number>();
  for (const m of migrations) {
    for (const file of [m.up, m.down]) if (file !== undefined && !rank.has(file)) rank.set(file, rank.size);
  }
  for (const f of findings) if (!rank.has(f.file)) rank.set(f.file, rank.size);
  return [...findings].sort((a, b) => rank.get(a.file)! - rank.get(b.file)! || a.line - b.line || a.column - b.column);
}

/** Whether the report has a finding at or above `failOn`. */
export function failsOn(report: Pick<Report, 'findings'>, failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  const threshold = SEVERITY_RANK[failOn];
  return report.findings.some((f) => SEVERITY_RANK[f.severity] >= threshold);
}

/** The process exit code for a finished run: 1 when a finding reaches `failOn`, else 0. */
export function exitCodeFor(report: Pick<Report, 'findings'>, failOn: FailOn): 0 | 1 {
  return failsOn(report, failOn) ? 1 : 0;
}

function display(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel === '' ? '.' : rel.startsWith('..') ? path : rel;
}

/** Findings made outside the lint engine (discovery, history, verify) get the configured level; `off` drops them. */
function severityAdjuster(config: Config, allRules: readonly Rule[]) {
  const byId = new Map(allRules.map((r) => [r.meta.id, r]));
  return (f: Finding): Finding | undefined => {
    const rule = byId.get(f.rule);
    const level = rule ? levelOf(config, rule) : config.rules[f.rule];
    if (level === 'off') return undefined;
    return level && level !== f.severity ? { ...f, severity: level } : f;
  };
}

/** Verdicts of one down run right after its own up; with verify.downs: chain they inform, and the chain's verdict gates. */
const SINGLE_STEP_RULES = new Set(['down-failing', 'down-not-restoring-schema', 'up-not-reapplicable']);

/** verify.downs: chain: a single-step down verdict becomes info (the whole-chain rollback is what the team relies on). */
function asChainPolicy(f: Finding): Finding {
  if (!SINGLE_STEP_RULES.has(f.rule) || f.severity === 'info') return f;
  return { ...f, severity: 'info', message: `${f.message} (verify.downs: chain: this down is judged in the whole-chain rollback; alone it is informational)` };
}

/** Rules whose finding in a down, when the up raised the same rule, is the up undone (a rename back, the old type restored). */
const REVERSAL_RULES = new Set(['renaming-column', 'renaming-table', 'changing-column-type', 'renaming-enum-value']);

/** A down undoing its up's rename or type change is not an error by itself: a warning that says why. */
function asReversal(f: Finding, upRules: ReadonlySet<string>): Finding {
  if (!REVERSAL_RULES.has(f.rule) || !upRules.has(f.rule) || f.severity !== 'error') return f;
  return { ...f, severity: 'warning', message: `${f.message} In a down this undoes the up's own change: it breaks only code that already uses the up's version when the rollback runs.` };
}

/** A migration migration-guard cannot lint or run (Migration.notRunnable). */
function unverifiableFinding(m: Migration): Finding {
  return finding('unverifiable-migration', { file: m.up.file, migration: m.id }, `${m.id} is ${m.notRunnable}. The migrations after it are verified on a database without its changes.`);
}

function internalError(source: SqlSource, migration: string, err: unknown): Finding {
  return finding('internal-error', { file: source.file, line: source.firstLine, migration }, `migration-guard failed on this file: ${(err as Error)?.message ?? String(err)}`);
}

/** discoverMigrations, with a path it cannot read turned into a finding instead of ending the run. */
function discover(path: string, options: DiscoverOptions) {
  try {
    return discoverMigrations(path, options);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const file = display(resolve(options.cwd ?? process.cwd(), path), options.cwd ?? process.cwd());
    const unreadable = finding('unreadable-file', { file }, `cannot read ${file}: ${(err as Error).message}`);
    return { layout: options.layout === 'auto' || !options.layout ? 'plain' : options.layout, migrations: [], findings: [unreadable] };
  }
}

// --- verify -----------------------------------------------------------------
// Loaded lazily: `lint` never pays for the database providers.

/** Start the configured database, prove the migrations up → down → up on it, stop it. */
async function verifyMigrations(given: Migration[], config: Config, progress: (m: string) => void, bookkeeping: string[] = [], started?: Database): Promise<VerifyOutcome> {
  const migrations = withTemplateValues(given, config.verify.templateVars, progress);
  const setup = config.verify.setup;
  const [{ verifyMigrations: verify }, { startDatabase, extensionsIn, resolveDatabaseKind }, hostAccess] = await Promise.all([
    import('./verify/index'),
    import('./verify/databases/index'),
    import('./verify/host-access'),
  ]);
  // Migration SQL is untrusted: refuse (exit 2) to run what acts on the host on local/url unless allowed.
  const autoPrefersMajor = config.pgVersionGiven ? config.pgVersion : undefined;
  const kind = started?.kind ?? resolveDatabaseKind(config.verify.database, { databaseUrl: config.verify.databaseUrl, autoPrefersMajor });
  if (hostAccess.actsOnHost(kind)) {
    const found = hostAccess.refusedOn(kind, hostAccess.hostAccessInMigrations(setup ? [...migrations, setupMigration(setup, config)] : migrations));
    hostAccess.checkHostAccess(kind, found, !!config.verify.allowHostAccess);
    if (found.length) progress(`verify: ${found.length} statement(s) act outside the database; running them on ${kind} as allowed (--allow-host-access)`);
  }
  const sql = [setup ?? '', ...migrations.flatMap((m) => [m.up, ...(m.extraUp ?? []), ...(m.down ? [m.down] : [])].map((s) => s.text))].join('\n');
  const db =
    started ??
    (await startDatabase(kind, {
      databaseUrl: config.verify.databaseUrl,
      postgresImage: config.verify.postgresImage,
      statementTimeoutMs: config.verify.statementTimeout,
      extensions: extensionsIn(sql),
      // local prefers an installation of the target major; container runs the target's image unless one is named
      pgMajor: config.pgVersion,
      log: progress,
    }));
  try {
    if (setup) {
      try {
        await db.exec(setup);
      } catch (err) {
        throw new UsageError(
          `verify.setup failed on ${db.kind}: ${(err as Error).message}. Fix the setup SQL in ${config.file ? display(config.file, config.root) : 'the config'} (it runs once, before the first migration).`,
        );
      }
      progress(`verify: ran verify.setup (${setup.split('\n').length} line${setup.includes('\n') ? 's' : ''})`);
    }
    // The tool's own version table exists while its migrations run (harbor alters golang-migrate's).
    for (const sql of bookkeeping) await db.exec(sql);
    const outcome = await verify(migrations, db, { seedRows: config.verify.seedRows, statementTimeoutMs: config.verify.statementTimeout, log: progress, deployTogether: config.deployTogether });
    outcome.verification.database.targetVersion = config.pgVersion;
    return outcome;
  } finally {
    if (!started) await db.stop();
  }
}

/** The migrations with verify.templateVars filled in (verify runs what the tool would run after templating). */
function withTemplateValues(migrations: Migration[], values: Record<string, string> | undefined, progress: (m: string) => void): Migration[] {
  const missing = new Set<string>();
  const fill = (s: SqlSource): SqlSource => {
    const r = fillPlaceholders(s.text, values ?? {});
    for (const m of r.missing) missing.add(m);
    return r.text === s.text ? s : { ...s, text: r.text };
  };
  const out = migrations.map((m) => ({ ...m, up: fill(m.up), ...(m.extraUp ? { extraUp: m.extraUp.map(fill) } : {}), ...(m.down ? { down: fill(m.down) } : {}) }));
  if (missing.size)
    progress(
      `verify: no value in verify.templateVars for ${[...missing].slice(0, 5).join(', ')}${missing.size > 5 ? ` and ${missing.size - 5} more` : ''}: those migrations run with the placeholder as written`,
    );
  return out;
}

/** verify.setup as a pseudo-migration, so the host-access check names it. */
function setupMigration(setup: string, config: Config): Migration {
  const file = config.file ? display(config.file, config.root) : '.migration-guard.yml';
  return { id: 'verify.setup', version: '', name: 'verify.setup', layout: 'plain', up: { file: `${file} (verify.setup)`, text: setup, firstLine: 1 }, transactional: false, changed: true };
}

export type { EnabledRule };
