// A rule tester in the manner of ESLint's RuleTester: each invalid case lists the
// findings the rule must raise (line, column, optionally a message pattern), and
// only those; each valid case must leave the rule silent. Cases run with every
// rule enabled, exactly as a user's run does, so interplay (suppressions, the
// engine's choice of what runs now) is part of what is tested.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LintOptions } from '../src/lint/context';
import { rules, type RuleId } from '../rules/index';
import type { SqliteLintOptions } from '../src/sqlite/context';
import type { Finding } from '../src/types';
import { lintSql, lintSqliteSql } from './helpers';

export interface ExpectedFinding {
  line: number;
  column: number;
  /** The message must match. */
  message?: RegExp;
}

export interface RuleCase {
  sql: string;
  options?: Partial<LintOptions> & Partial<SqliteLintOptions> & { transactional?: boolean };
  /** For invalid cases: every finding of the rule, in order. */
  findings?: ExpectedFinding[];
}

/** Registers one test per case: valid cases raise nothing of `id`; invalid ones exactly the listed findings. */
export function testRule(id: RuleId, cases: { valid: RuleCase[]; invalid: RuleCase[] }): void {
  // SQLite rules run through the SQLite engine, as a `dialect: sqlite` run does.
  const sqlite = rules.find((r) => r.meta.id === id)?.meta.dialect === 'sqlite';
  const lint = async (sql: string, options: RuleCase['options']): Promise<Finding[]> => (sqlite ? lintSqliteSql(sql, options) : lintSql(sql, options));
  cases.valid.forEach((c, i) => {
    test(`${id} · valid ${i + 1}`, async () => {
      const hits = (await lint(c.sql, c.options)).filter((f) => f.rule === id);
      assert.deepEqual(
        hits.map((f) => `${f.line}:${f.column} ${f.message}`),
        [],
        `unexpected ${id} on:\n${c.sql}`,
      );
    });
  });
  cases.invalid.forEach((c, i) => {
    test(`${id} · invalid ${i + 1}`, async () => {
      assert.ok(c.findings?.length, 'an invalid case lists the findings it expects');
      const hits = (await lint(c.sql, c.options)).filter((f) => f.rule === id);
      assert.deepEqual(
        hits.map((f) => `${f.line}:${f.column}`),
        c.findings.map((f) => `${f.line}:${f.column}`),
        `${id} positions on:\n${c.sql}\ngot: ${JSON.stringify(hits.map((f) => [f.line, f.column, f.message]))}`,
      );
      c.findings.forEach((f, k) => {
        if (f.message) assert.match(hits[k]!.message, f.message);
      });
    });
  });
}
