// The run's entry to frameworks: which paths are framework projects, the
// server their commands run against, and each project's migrations as the
// framework applied them (or as an Ecto log shows them).

import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Config } from '../config';
import { UsageError } from '../errors';
import { isDirectory } from '../migrations/files';
import { filesChangedSince } from '../migrations/history';
import type { Finding, Migration } from '../types';
import type { Database } from '../verify/databases/types';
import { captureFramework, type FrameworkCapture } from './capture';
import { readEctoLog } from './ecto-log';
import { detectFramework, frameworkNamed } from './index';
import { loadProject } from './project';
import type { Framework, FrameworkName } from './types';

/** Migrations found by running (or reading the log of) a framework. */
export interface FrameworkDiscovery {
  layout: FrameworkName;
  migrations: Migration[];
  findings: Finding[];
  commands?: FrameworkCapture['commands'];
}

/** Top-level files that every detected framework has one of: a folder without any is not walked. */
const TOP_MARKERS = /^(alembic\.ini|manage\.py|Gemfile|knexfile\.(js|ts|cjs|mjs)|mix\.exs|\.sequelizerc)$/;

/** The framework `path` is a project of: the configured one, or detected (directories, layout auto); else undefined. */
export function frameworkFor(path: string, shown: string, config: Config): Framework | undefined {
  if (config.framework?.name) return frameworkNamed(config.framework.name);
  if (config.layout !== 'auto' || !isDirectory(path)) return undefined;
  // A folder of SQL files (the common case) costs one readdir, not a walk of the project.
  if (!readdirSync(path).some((name) => TOP_MARKERS.test(name))) return undefined;
  return detectFramework(loadProject(path), shown);
}

/** A server for framework commands: `auto` is url when given, else a local installation, else a container; never PGlite. */
export async function startFrameworkDatabase(config: Config, log: (line: string) => void): Promise<Database> {
  const { startDatabase } = await import('../verify/databases/index');
  const { findPgBinaries } = await import('../verify/databases/local');
  let kind: string = config.verify.database;
  if (kind === 'pglite') {
    throw new UsageError(
      '--framework runs the framework in its own process, which needs a Postgres server: use --database local, container or url (PGlite runs inside migration-guard and serves one connection)',
    );
  }
  if (kind === 'auto') {
    if (config.verify.databaseUrl) kind = 'url';
    else {
      try {
        findPgBinaries(undefined, config.pgVersion);
        kind = 'local';
      } catch {
        kind = 'container';
      }
    }
  }
  return startDatabase(kind, {
    databaseUrl: config.verify.databaseUrl,
    postgresImage: config.verify.postgresImage,
    statementTimeoutMs: config.verify.statementTimeout,
    pgMajor: config.pgVersion,
    log,
  });
}

/** Run the framework on `db` (or read the Ecto log) and return the migrations it applied. */
export async function discoverFramework(
  path: string,
  shown: string,
  framework: Framework,
  config: Config,
  context: { db?: Database; cwd: string; base?: string; rollBack: boolean; log: (line: string) => void },
): Promise<FrameworkDiscovery> {
  const fc = config.framework ?? {};
  if (fc.sqlLog) {
    if (framework.name !== 'ecto') throw new UsageError(`--sql-log reads Ecto's --log-migrations-sql output: use it with --framework ecto (got ${framework.name})`);
    return { layout: 'ecto', ...readEctoLog(fc.sqlLog === '-' ? '-' : resolve(context.cwd, fc.sqlLog), fc.sqlLog) };
  }
  if (!context.db) throw new Error('framework discovery needs a database');
  const project = loadProject(path);
  const capture = await captureFramework(context.db, {
    framework,
    project,
    shown,
    ...(fc.migrate ? { migrate: fc.migrate } : {}),
    ...(fc.rollback ? { rollback: fc.rollback } : {}),
    ...(fc.cwd ? { cwd: fc.cwd } : {}),
    ...(fc.env ? { env: fc.env } : {}),
    timeoutMs: (fc.timeout ?? 300) * 1000,
    rollBack: context.rollBack,
    ...(context.base ? { changedFiles: filesChangedSince(path, context.base) } : {}),
    log: context.log,
  });
  return { layout: framework.name, migrations: capture.migrations, findings: capture.findings, commands: capture.commands };
}
