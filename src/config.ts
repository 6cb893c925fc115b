// The typed Config, its defaults, and what flags do on top of it. Front ends resolve it
// once (config-file.ts: the file found by walking up from the cwd, or `--config FILE`),
// apply their flags with `applyOverrides`, and hand it to `run()`.

import { isAbsolute, relative, sep } from 'node:path';
import { rules as registry } from '../rules/index';
import type { FrameworkName } from './frameworks/types';
import { layoutNames } from './migrations/layouts/index';
import type { EnabledRule } from './lint/engine';
import type { FailOn, LayoutName, Level, Severity, StatsThresholds } from './types';
import type { DatabaseChoice } from './verify/databases/types';
import type { Dialect, Rule } from './lint/rule';
import { globToRegExp } from './glob';
import { DEFAULT_THRESHOLDS } from './stats/annotate';

/** File names looked for, in each directory from the cwd up. */
export const CONFIG_FILE_NAMES = ['.migration-guard.yml', '.migration-guard.yaml'] as const;

/** Layout names `layout:` / `--layout` accept (besides `auto`). */
export const LAYOUTS: readonly LayoutName[] = layoutNames;
export const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'info', 'never'];
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
/** Postgres majors the rules know about (libpg-query parses the PG 18 grammar). */
export const PG_VERSIONS = { min: 10, max: 18 } as const;

/** Settings for `verify` / `check`. */
export interface VerifyConfig {
  /** Which Postgres runs the migrations; `auto` = url when a URL is given, else pglite. */
  database: DatabaseChoice;
  databaseUrl?: string;
  /** Image for the `container` provider. */
  postgresImage?: string;
  /** Synthetic rows seeded into existing tables for the data checks. */
  seedRows: number;
  /** Per-statement timeout in milliseconds. */
  statementTimeout: number;
  /** Run migrations that act on the server's host (COPY … PROGRAM, pg_read_file, untrusted languages…) on `local`/`url` too. */
  allowHostAccess?: boolean;
  /** SQL run once on the throwaway database before the first migration (roles, extensions, schemas the history assumes). */
  setup?: string;
  /** Values for template placeholders in the migrations (`{{ .Schema }}`, `${SCHEMA}`), by name or whole text. */
  templateVars?: Record<string, string>;
  /**
   * `each` (default): every down must undo its own up right after it. `chain`: downs are written to work
   * as a chain (each may rely on later downs, kratos-style): single-step down verdicts are info, the
   * whole-chain rollback's verdict is the error.
   */
  downs: 'each' | 'chain';
}

/** `framework:`: run a framework's own commands and capture the SQL they send (src/frameworks/). */
export interface FrameworkConfig {
  /** Which framework; absent: detected from the project's markers. */
  name?: FrameworkName;
  /** Where the commands run, relative to the migrations folder (default: that folder). */
  cwd?: string;
  /** Replaces the preset's migrate command. */
  migrate?: string;
  /** Replaces the preset's rollback-one-step command. */
  rollback?: string;
  /** Extra environment variables for the commands. */
  env?: Record<string, string>;
  /** Seconds one command may run before it is killed (default 300). */
  timeout?: number;
  /** Ecto: lint this `--log-migrations-sql` output (a file, or `-` for stdin) instead of running anything. */
  sqlLog?: string;
}

/** Production stats (--stats): the file and the severity thresholds that use it. */
export interface StatsConfig {
  /** The stats file (absolute when from the config file; as given, relative to the cwd, from --stats). */
  file?: string;
  thresholds: StatsThresholds;
}

/** The resolved configuration of one run. */
export interface Config {
  /** Per-rule level as configured (`off` disables); rules not listed keep their default. */
  rules: Record<string, Level>;
  /** Target Postgres major version. */
  pgVersion: number;
  /** pgVersion was stated (config file, flag, Action input), not the default: verify's `auto` then prefers a server of that major. */
  pgVersionGiven?: boolean;
  /** The database the migrations are for: postgres or sqlite; unset: postgres, unless an Alembic project's URL is sqlite:. */
  dialect?: Dialect;
  /** With dialect sqlite: the oldest SQLite version the migrations run on (`3.35.0`); default the version verify runs. */
  sqliteVersion?: string;
  failOn: FailOn;
  /** Glob paths (relative to `root`) skipped entirely. */
  ignore: string[];
  /** Treat every file as wrapped in a transaction. */
  assumeInTransaction: boolean;
  layout: LayoutName | 'auto';
  /** Paths linted when none are given on the command line (relative to `root`). */
  paths: string[];
  /** Also lint down migrations (a rollback runs in production too). */
  lintDown: boolean;
  /**
   * The migrations a change adds (with --base) are deployed together: tables an earlier one creates are
   * new and empty when the later ones run (no lock findings on them, no seeded rows). Off for teams
   * that deploy migrations one by one.
   */
  deployTogether: boolean;
  verify: VerifyConfig;
  stats: StatsConfig;
  framework?: FrameworkConfig;
  /** Absolute path of the config file read, if any. */
  file?: string;
  /** Directory that relative `ignore` and `paths` entries are resolved against. */
  root: string;
}

/** Values a front end sets on top of the file (flags, Action inputs). */
export type ConfigOverrides = Partial<Omit<Config, 'verify' | 'stats' | 'framework' | 'file' | 'root'>> & { verify?: Partial<VerifyConfig>; stats?: Partial<StatsConfig>; framework?: FrameworkConfig };

/** The built-in defaults, for a config rooted at `root`. */
export function defaultConfig(root: string): Config {
  return {
    rules: {},
    pgVersion: 15,
    failOn: 'error',
    ignore: [],
    assumeInTransaction: false,
    layout: 'auto',
    paths: [],
    lintDown: true,
    deployTogether: true,
    verify: { database: 'auto', seedRows: 100, statementTimeout: 60_000, downs: 'each' },
    stats: { thresholds: { ...DEFAULT_THRESHOLDS } },
    root,
  };
}

/** Config with front-end values applied on top (undefined values leave the config's). */
export function applyOverrides(config: Config, overrides: ConfigOverrides): Config {
  const next: Config = {
    ...config,
    rules: { ...config.rules, ...(overrides.rules ?? {}) },
    verify: { ...config.verify },
    stats: { ...config.stats, ...(overrides.stats?.file !== undefined ? { file: overrides.stats.file } : {}), thresholds: { ...config.stats.thresholds, ...(overrides.stats?.thresholds ?? {}) } },
  };
  // --framework / --sql-log add to the file's framework block (its commands and env stay).
  if (overrides.framework) next.framework = { ...config.framework, ...overrides.framework };
  if (overrides.pgVersion !== undefined) next.pgVersionGiven = true;
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined || k === 'rules' || k === 'verify' || k === 'stats' || k === 'framework') continue;
    (next as unknown as Record<string, unknown>)[k] = v;
  }
  for (const [k, v] of Object.entries(overrides.verify ?? {})) {
    if (v === undefined) continue;
    // Template values from a front end add to the file's (one variable at a time).
    (next.verify as unknown as Record<string, unknown>)[k] = k === 'templateVars' ? { ...(config.verify.templateVars ?? {}), ...(v as Record<string, string>) } : v;
  }
  return next;
}

/** The configured level of a rule (its default when not configured). */
export function levelOf(config: Pick<Config, 'rules'>, rule: Rule): Level {
  return config.rules[rule.meta.id] ?? (rule.meta.defaultOff ? 'off' : rule.meta.severity);
}

/** The rules that run, each with its configured severity. */
export function enabledRules(config: Pick<Config, 'rules'>, allRules: readonly Rule[] = registry): EnabledRule[] {
  const out: EnabledRule[] = [];
  for (const rule of allRules) {
    const level = levelOf(config, rule);
    if (level !== 'off') out.push({ rule, severity: level });
  }
  return out;
}

/** A predicate telling whether an absolute path is ignored by `config.ignore` (a match on the path or any of its folders). */
export function ignoreMatcher(config: Pick<Config, 'ignore' | 'root'>): (absolutePath: string) => boolean {
  const patterns = config.ignore.map(globToRegExp);
  if (!patterns.length) return () => false;
  return (absolutePath) => {
    const rel = relative(config.root, absolutePath).split(sep).join('/');
    if (!rel || rel.startsWith('../') || isAbsolute(rel)) return false;
    const parts = rel.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const prefix = parts.slice(0, i).join('/');
      if (patterns.some((p) => p.test(prefix))) return true;
    }
    return false;
  };
}
