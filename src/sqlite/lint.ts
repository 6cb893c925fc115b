// The SQLite lint engine: parse one file with SQLite's grammar, walk its statements
// with the schema the earlier migrations left (SqliteSchema), the transaction and the
// foreign_keys setting, dispatch each to the SQLite rules' visitors by statement type,
// and turn reports into findings (ignore comments applied). Like the Postgres engine,
// it never throws on user input: a rule that throws is an internal-error finding.

import type { Finding, Range, SqlSource } from '../types';
import type { EnabledRule } from '../lint/engine';
import type { Rule, RuleReport, SqliteVisitor } from '../lint/rule';
import { fileFindings } from '../lint/collect';
import { versionAtLeast, type SqliteLintContext, type SqliteLintOptions } from './context';
import { parseSqlite, type SqliteStatement } from './parse';
import { entityName, SqliteSchema, sqliteKey } from './schema';
import { pragmaOn, pragmaValue } from './ast';

export interface SqliteLintInput {
  source: SqlSource;
  migration?: string;
  /** The schema before this file (what the earlier migrations established); replayed in place (pass a clone to keep it). */
  schema?: SqliteSchema;
  transactional?: boolean;
}

export interface SqliteLintResult {
  findings: Finding[];
  /** The schema after this file. */
  schema: SqliteSchema;
}

export const DEFAULT_SQLITE_OPTIONS: SqliteLintOptions = { sqliteVersion: '3.45.0', transactional: false };

/** Lint one SQLite source with the enabled SQLite rules. */
export function lintSqliteFile(input: SqliteLintInput, enabled: readonly EnabledRule[], allRules: readonly Rule[], options: SqliteLintOptions = DEFAULT_SQLITE_OPTIONS): SqliteLintResult {
  const { source } = input;
  const schema = input.schema ?? new SqliteSchema();
  const collected = fileFindings(source, input.migration, enabled, allRules);
  const add = collected.add;
  const startRange: Range = { line: source.firstLine, column: 1, endLine: source.firstLine, endColumn: 1 };
  const parsed = parseSqlite(source);
  for (const p of parsed.problems) {
    if (!p.unsupportedAlter) add('syntax-error', p.range, p.message);
    else if (p.unsupportedAlter === 'never' || !versionAtLeast(options.sqliteVersion, p.unsupportedAlter))
      add('sqlite-unsupported-alter', p.range, p.unsupportedAlter === 'never' ? p.message : `${p.message}; the target is ${options.sqliteVersion} (sqliteVersion)`);
    // Supported by the target but newer than the grammar: not linted, said so (verify runs it).
    else add('skipped-statement', p.range, `not linted: SQLite ${p.unsupportedAlter} added this ALTER TABLE form after the SQL grammar migration-guard parses with (verify runs it)`);
  }

  const { statements } = parsed;
  let current: SqliteStatement | undefined;
  const visitors: { rule: Rule; visitor: SqliteVisitor }[] = [];
  for (const { rule } of enabled) {
    if (!rule.createSqlite) continue;
    try {
      const report = (r: RuleReport) => collected.report(rule, r, r.range ?? current?.range ?? statements.at(-1)?.range ?? startRange, current);
      visitors.push({ rule, visitor: rule.createSqlite({ options, statements, report }) });
    } catch (err) {
      collected.failed(rule, startRange, err, 'before the first statement');
    }
  }
  const state = { inTransaction: input.transactional ?? options.transactional, foreignKeys: 'unknown' as SqliteLintContext['foreignKeys'], createdHere: new Set<string>() };
  const context = (): SqliteLintContext => ({ schema, inTransaction: state.inTransaction, foreignKeys: state.foreignKeys, createdHere: state.createdHere });
  const guarded = (rule: Rule, range: Range, where: string, fn: () => void) => {
    try {
      fn();
    } catch (err) {
      collected.failed(rule, range, err, where);
    }
  };
  for (const statement of statements) {
    current = statement;
    const ctx = context();
    for (const { rule, visitor } of visitors) {
      const handler = visitor[statement.kind] as ((node: unknown, s: SqliteStatement, c: SqliteLintContext) => void) | undefined;
      if (handler) guarded(rule, statement.range, 'on this statement', () => handler(statement.node, statement, ctx));
      const every = visitor['*'];
      if (every) guarded(rule, statement.range, 'on this statement', () => every(statement, ctx));
    }
    advance(state, statement);
    schema.apply(statement);
  }
  current = undefined;
  const end = context();
  for (const { rule, visitor } of visitors) {
    const fn = visitor.end;
    if (fn) guarded(rule, statements.at(-1)?.range ?? startRange, 'at the end of the file', () => fn(end));
  }

  return { findings: collected.finish(parsed.comments, parsed.spans), schema };
}

/** The transaction and foreign_keys state after a statement. */
function advance(state: { inTransaction: boolean; foreignKeys: SqliteLintContext['foreignKeys']; createdHere: Set<string> }, s: SqliteStatement): void {
  const n = s.node;
  if (n.type === 'start_transaction_stmt') state.inTransaction = true;
  else if (n.type === 'commit_transaction_stmt' || n.type === 'rollback_transaction_stmt') state.inTransaction = false;
  else if (n.type === 'create_table_stmt') state.createdHere.add(sqliteKey(entityName(n.name)));
  else if (n.type === 'pragma_stmt' && n.pragma.type === 'pragma_assignment' && sqliteKey(entityName(n.pragma.name)) === 'foreign_keys' && !state.inTransaction) {
    // SQLite ignores foreign_keys inside a transaction.
    state.foreignKeys = pragmaOn(pragmaValue(n.pragma)) ? 'on' : 'off';
  }
}
