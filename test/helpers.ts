// Shared test helpers: lint a SQL string with every rule enabled at its default severity.
import { initParser } from '../src/sql/parse';
import { lintSource, type EnabledRule } from '../src/lint/engine';
import type { LintOptions } from '../src/lint/context';
import { rules } from '../rules/index';
import type { Finding } from '../src/types';
import { DEFAULT_SQLITE_OPTIONS, lintSqliteFile } from '../src/sqlite/lint';
import type { SqliteLintOptions } from '../src/sqlite/context';

/** Every rule, including those off by default, at its default severity. */
export const allEnabled: EnabledRule[] = rules.map((rule) => ({ rule, severity: rule.meta.severity }));

/** Lint SQL as SQLite (dialect: sqlite) with every rule enabled. */
export function lintSqliteSql(sql: string, options: Partial<SqliteLintOptions> & { file?: string } = {}): Finding[] {
  return lintSqliteFile({ source: { file: options.file ?? 'test.sql', text: sql, firstLine: 1 } }, allEnabled, rules, { ...DEFAULT_SQLITE_OPTIONS, ...options }).findings;
}

/** Lint `sql` as one file with every rule on. */
export async function lintSql(sql: string, options: Partial<LintOptions> & { transactional?: boolean; file?: string } = {}): Promise<Finding[]> {
  await initParser();
  return lintSource({ source: { file: options.file ?? 'test.sql', text: sql, firstLine: 1 }, transactional: options.transactional ?? false }, allEnabled, rules, {
    pgVersion: options.pgVersion ?? 15,
    assumeInTransaction: options.assumeInTransaction ?? false,
  });
}
