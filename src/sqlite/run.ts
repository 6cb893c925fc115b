// The SQLite side of a run (run.ts loads it when the dialect is sqlite): lint with the schema the folder's earlier migrations built,
// the verify on a SQLite file, and Alembic projects run through the real alembic on
// a scratch copy of their database file.

import type { Config } from '../config';
import type { EnabledRule } from '../lint/engine';
import type { Rule } from '../lint/rule';
import type { Finding, Migration, SqlSource, Verification } from '../types';
import type { Framework } from '../frameworks/types';
import { sqliteFileOf, sqliteUrlOf } from './detect';
import type { FrameworkDiscovery } from '../frameworks/discover';
import { lintSqliteFile } from './lint';
import { parseSqlite } from './parse';
import { SqliteSchema } from './schema';
import { setFlagsFromString } from 'node:v8';

/** What run.ts uses for a SQLite run: lint one source, replay an unchanged migration into the model, verify. */
export interface SqliteRun {
  lint(source: SqlSource, m: Migration, isDown: boolean, enabled: readonly EnabledRule[], allRules: readonly Rule[]): Finding[];
  replay(m: Migration): void;
  verify(migrations: Migration[], config: Config, progress: (line: string) => void): Promise<{ verification: Verification; findings: Finding[] }>;
  /** An Alembic project on SQLite, run through the real alembic with its SQLite connections traced. */
  discover(path: string, shown: string, framework: Framework, config: Config, context: { cwd: string; base?: string; rollBack: boolean; log: (line: string) => void }): Promise<FrameworkDiscovery>;
}

/** The SQLite linter for a run: the target version (default: the one verify runs) and the schema model, carried across migrations in order. */
export async function sqliteLinter(config: Config, progress: (line: string) => void, paths: readonly string[]): Promise<SqliteRun> {
  // sql-parser-cst's generated parser has a few functions of 20-60 KB of bytecode; TurboFan
  // optimizing them costs more CPU than they ever save, and at exit Node waits for those
  // background jobs. Measured on 1,000 files: lint 4.1 s → 2.2 s wall. Only bigger functions
  // are affected (none of ours), and only in a SQLite run.
  setFlagsFromString('--max-optimized-bytecode-size=20000');
  const version = config.sqliteVersion ?? (await (await import('../verify/sqlite/engine')).engineVersion());
  progress(`dialect: sqlite (rules for SQLite ${version}${config.sqliteVersion ? '' : ', the version verify runs; set sqliteVersion for your oldest'})`);
  /** The schema the migrations so far built: a down is linted against a copy of its up's, the next up goes on from it. */
  const schema = new SqliteSchema();
  return {
    lint(source, m, isDown, enabled, allRules) {
      const result = lintSqliteFile(
        { source, migration: m.id, schema: isDown ? schema.clone() : schema, transactional: isDown ? (m.downTransactional ?? m.transactional) : m.transactional },
        enabled,
        allRules,
        {
          sqliteVersion: version,
          transactional: m.transactional,
        },
      );
      return result.findings;
    },
    replay(m) {
      for (const source of [m.up, ...(m.extraUp ?? [])]) for (const st of parseSqlite(source).statements) schema.apply(st);
    },
    async verify(migrations, cfg, progress) {
      const { verifySqliteMigrations } = await import('../verify/sqlite/index');
      // An Alembic project's own database file is where its migrations start (copied, never written).
      const project = paths.find((p) => sqliteUrlOf(p) !== undefined);
      const from = project ? sqliteFileOf(sqliteUrlOf(project)!, project) : undefined;
      return await verifySqliteMigrations(migrations, { seedRows: cfg.verify.seedRows, log: progress, ...(from ? { from } : {}) });
    },
    async discover(path, shown, framework, cfg, context) {
      const { captureSqliteFramework } = await import('../frameworks/sqlite-capture');
      return captureSqliteFramework(path, shown, framework, cfg, context);
    },
  };
}
