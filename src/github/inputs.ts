// The Action's inputs as one typed, validated object. Pure over a getter, so
// the front end passes @actions/core's getInput and tests pass a map.

import { checkDialect, checkFramework, checkSqliteVersion } from '../config-file';
import { UsageError } from '../errors';
import type { FrameworkName } from '../frameworks/types';
import type { Dialect } from '../lint/rule';
import type { FailOn } from '../types';
import { DATABASE_KINDS, type DatabaseKind } from '../verify/databases/types';

export interface ActionInputs {
  /** Migration folders (or files), at least one. */
  paths: string[];
  layout: string;
  /** A framework to run (alembic, django, …); undefined: the config's, else detected. */
  framework?: FrameworkName;
  /** Ecto: a `--log-migrations-sql` output file to lint instead of running anything. */
  sqlLog?: string;
  /** Explicit base ref; undefined = the event's default (PR base) or none. */
  baseRef?: string;
  verify: boolean;
  database: DatabaseKind;
  /** Image for `container`; undefined = the target major's (`postgres:<pgVersion>-alpine`). */
  postgresImage?: string;
  databaseUrl?: string;
  pgVersion?: number;
  /** `dialect` input; undefined = the config's (or detected). */
  dialect?: Dialect;
  /** `sqlite-version` input. */
  sqliteVersion?: string;
  config?: string;
  failOn: FailOn;
  comment: boolean;
  reviewComments: boolean;
  sarifFile?: string;
  githubToken: string;
  allowUntrustedSql: boolean;
  /** Production stats file (from `migration-guard stats`), relative to the workspace. */
  stats?: string;
  /** verify.setup: SQL run once before the first migration. */
  verifySetup?: string;
  /** verify.templateVars: `NAME=value` lines. */
  templateVars?: Record<string, string>;
}

const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'info', 'never'];

/** Splits a list input on newlines and commas, trimming and dropping empties. */
export function splitList(value: string): string[] {
  return value
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function bool(name: string, value: string, fallback: boolean): boolean {
  const v = value.trim().toLowerCase();
  if (!v) return fallback;
  if (['true', 'yes', 'on', '1'].includes(v)) return true;
  if (['false', 'no', 'off', '0'].includes(v)) return false;
  throw new UsageError(`input ${name}: expected true or false, got ${JSON.stringify(value)}`);
}

/** `NAME=value` lines (or comma-separated) as template values; a line without `=` is a UsageError naming the input. */
function templateVars(value: string): Record<string, string> | undefined {
  const entries = splitList(value).map((item) => {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UsageError(`input template-vars: expected NAME=value lines, got ${JSON.stringify(item)}`);
    return [item.slice(0, eq).trim(), item.slice(eq + 1).trim()] as const;
  });
  return entries.length ? Object.fromEntries(entries) : undefined;
}

/** A validator's failure as a UsageError naming the input. */
function inputError(name: string): (message: string) => never {
  return (message) => {
    throw new UsageError(`input ${name}: ${message}`);
  };
}

/** Reads and validates every input; a bad value is a UsageError naming the input. */
export function parseInputs(get: (name: string) => string): ActionInputs {
  const s = (name: string) => (get(name) ?? '').trim();
  const paths = splitList(get('path') ?? '');
  const failOn = (s('fail-on') || 'error').toLowerCase() as FailOn;
  if (!FAIL_ON.includes(failOn)) throw new UsageError(`input fail-on: expected one of ${FAIL_ON.join(', ')}, got ${JSON.stringify(s('fail-on'))}`);
  const database = (s('database') || 'container').toLowerCase() as DatabaseKind;
  if (!DATABASE_KINDS.includes(database)) throw new UsageError(`input database: expected one of ${DATABASE_KINDS.join(', ')}, got ${JSON.stringify(s('database'))}`);
  const databaseUrl = s('database-url') || undefined;
  if (database === 'url' && !databaseUrl) throw new UsageError('input database-url: required when database is url');
  const pg = s('pg-version');
  let pgVersion: number | undefined;
  if (pg) {
    pgVersion = Number(pg);
    if (!/^\d+$/.test(pg) || pgVersion < 10 || pgVersion > 18) throw new UsageError(`input pg-version: expected a Postgres major version from 10 to 18, got ${JSON.stringify(pg)}`);
  }
  const dialect = s('dialect') ? checkDialect(s('dialect').toLowerCase(), inputError('dialect')) : undefined;
  const sqliteVersion = s('sqlite-version') ? checkSqliteVersion(s('sqlite-version'), inputError('sqlite-version')) : undefined;
  return {
    paths: paths.length ? paths : [],
    dialect,
    sqliteVersion,
    layout: s('layout') || 'auto',
    framework: s('framework') ? checkFramework(s('framework'), inputError('framework')).name : undefined,
    sqlLog: s('sql-log') || undefined,
    baseRef: s('base-ref') || undefined,
    verify: bool('verify', s('verify'), true),
    database,
    postgresImage: s('postgres-image') || undefined,
    databaseUrl,
    pgVersion,
    config: s('config') || undefined,
    failOn,
    comment: bool('comment', s('comment'), true),
    reviewComments: bool('review-comments', s('review-comments'), false),
    sarifFile: s('sarif-file') || undefined,
    githubToken: s('github-token'),
    allowUntrustedSql: bool('allow-untrusted-sql', s('allow-untrusted-sql'), false),
    stats: s('stats') || undefined,
    verifySetup: s('verify-setup') || undefined,
    templateVars: templateVars(get('template-vars') ?? ''),
  };
}
