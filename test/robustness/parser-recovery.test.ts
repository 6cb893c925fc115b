// The WASM parser must survive input that crashes it: deeply nested SQL
// overflows its stack, and an unrestored instance starts failing every later
// parse ("memory access out of bounds") after a few dozen such aborts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintSql } from '../helpers';
import { loadModule, parseSync, parserRecoveries } from '../../src/sql/pg-parser';

const NESTED_SUBQUERIES = (n: number) => 'SELECT ' + '(SELECT '.repeat(n) + '1' + ')'.repeat(n);
const ADD_REQUIRED = 'ALTER TABLE users ADD COLUMN status text NOT NULL;';

test('a statement that overflows the parser stack is a syntax-error finding on its line; the next statement is still linted', async () => {
  const sql = `SELECT 1;\n${NESTED_SUBQUERIES(3000)};\n${ADD_REQUIRED}\n`;
  const before = parserRecoveries();
  const findings = await lintSql(sql);
  assert.ok(parserRecoveries() > before, 'this input really aborts the WASM parser (else the test proves nothing)');
  const deep = findings.find((f) => f.rule === 'syntax-error');
  assert.ok(deep, JSON.stringify(findings));
  assert.equal(deep.line, 2);
  assert.match(deep.message, /nested too deeply/);
  assert.ok(
    findings.some((f) => f.rule === 'adding-required-column' && f.line === 3),
    'the statement after it is linted',
  );
});

test('10,000 nested parentheses, open or closed, become one finding each and the process survives', async () => {
  for (const sql of ['SELECT ' + '('.repeat(10_000) + '1' + ')'.repeat(10_000) + ';', 'SELECT ' + '('.repeat(10_000) + ';', 'SELECT ' + '((((' + ';']) {
    const findings = await lintSql(`${sql}\n${ADD_REQUIRED}\n`);
    assert.equal(findings.filter((f) => f.rule === 'syntax-error' && f.line === 1).length, 1, JSON.stringify(findings));
    assert.ok(findings.some((f) => f.rule === 'adding-required-column' && f.line === 2));
  }
});

test('after 100 parser aborts in a row, parsing gives exactly the results it gave before', async () => {
  await loadModule();
  const probe = 'SELECT a, b FROM t WHERE x = 1 AND y IN (SELECT z FROM u)';
  const expected = JSON.stringify(parseSync(probe));
  const lintBefore = JSON.stringify(await lintSql(`${ADD_REQUIRED}\nCREATE INDEX i ON users (status);\n`));
  const before = parserRecoveries();
  for (let i = 0; i < 100; i++) {
    assert.throws(() => parseSync(NESTED_SUBQUERIES(3000)), /nested too deeply/);
    assert.equal(JSON.stringify(parseSync(probe)), expected, `parse ${i} after an abort`);
  }
  assert.equal(parserRecoveries() - before, 100);
  assert.equal(JSON.stringify(await lintSql(`${ADD_REQUIRED}\nCREATE INDEX i ON users (status);\n`)), lintBefore);
});
