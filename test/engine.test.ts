// The lint engine: one bad statement or one failing rule never hides other
// findings; non-SQL parts become info findings; function bodies vs DO blocks;
// the transaction and timeout rules on whole files as frameworks run them.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { initParser } from '../src/sql/parse';
import { lintSource } from '../src/lint/engine';
import type { Finding } from '../src/types';
import { defineRule } from '../src/lint/rule';
import { rules } from '../rules/index';
import { allEnabled, lintSql } from './helpers';
import { sqlFilesUnder } from './sql-files';

before(() => initParser());

const of = (fs: Finding[], rule: string) => fs.filter((f) => f.rule === rule);
const lines = (fs: Finding[], rule: string) => of(fs, rule).map((f) => f.line);

test('a syntax error is a finding at its line and the statements around it are still linted', async () => {
  const fs = await lintSql('DROP TABLE a;\nALTER TABLE users ADD COLUMN status text NOT NULL DEFAULT;\nDROP TABLE b;');
  assert.deepEqual(lines(fs, 'syntax-error'), [2]);
  assert.equal(of(fs, 'syntax-error')[0]!.column, 58); // at end of input, right after DEFAULT
  assert.equal(of(fs, 'syntax-error')[0]!.severity, 'error');
  assert.deepEqual(lines(fs, 'dropping-table'), [1, 3]);
});

test('an unterminated quote: findings before it are kept, the error is at the quote', async () => {
  const fs = await lintSql("DROP TABLE a;\nINSERT INTO t VALUES ('x);\nDROP TABLE b;");
  assert.deepEqual(lines(fs, 'dropping-table'), [1]);
  assert.deepEqual(
    of(fs, 'syntax-error').map((f) => `${f.line}:${f.column}`),
    ['2:23'],
  );
});

test('a rule that throws becomes internal-error; the other rules and statements are unaffected', () => {
  const meta = (id: string) => ({ id, severity: 'warning' as const, summary: id, why: id, fix: id, examples: { bad: [], good: [] } });
  const boom = defineRule({
    meta: meta('boom'),
    create: () => ({
      DropStmt: () => {
        throw new Error('unexpected node');
      },
      end: () => {
        throw new Error('at end');
      },
    }),
  });
  const drops = defineRule({ meta: meta('drops'), create: ({ report }) => ({ DropStmt: () => report({ message: 'drop' }) }) });
  const internal = rules.find((r) => r.meta.id === 'internal-error')!;
  const registry = [boom, drops, internal];
  const fs = lintSource(
    { source: { file: 'm.sql', text: 'DROP TABLE a;\nSELECT 1;\nDROP TABLE b;', firstLine: 1 } },
    registry.map((rule) => ({ rule, severity: rule.meta.severity })),
    registry,
  );
  assert.deepEqual(lines(fs, 'drops'), [1, 3]);
  assert.deepEqual(lines(fs, 'internal-error'), [1, 3, 3]);
  assert.match(of(fs, 'internal-error')[0]!.message, /rule boom failed on this statement: unexpected node/);
  assert.match(of(fs, 'internal-error')[2]!.message, /at the end of the file/);
});

test('a rule whose create throws becomes one internal-error; the other rules still report', () => {
  const meta = (id: string) => ({ id, severity: 'warning' as const, summary: id, why: id, fix: id, examples: { bad: [], good: [] } });
  const broken = defineRule({
    meta: meta('broken'),
    create: () => {
      throw new Error('cannot start');
    },
  });
  const drops = defineRule({ meta: meta('drops'), create: ({ report }) => ({ DropStmt: () => report({ message: 'drop' }) }) });
  const internal = rules.find((r) => r.meta.id === 'internal-error')!;
  const registry = [broken, drops, internal];
  const fs = lintSource(
    { source: { file: 'm.sql', text: 'SELECT 1;\nDROP TABLE a;', firstLine: 1 } },
    registry.map((rule) => ({ rule, severity: rule.meta.severity })),
    registry,
  );
  assert.deepEqual(lines(fs, 'drops'), [2]);
  assert.deepEqual(lines(fs, 'internal-error'), [1]);
  assert.match(of(fs, 'internal-error')[0]!.message, /rule broken failed before the first statement: cannot start/);
});

test('psql meta-commands give a skipped-statement info finding and linting goes on', async () => {
  const fs = await lintSql("\\set ON_ERROR_STOP on\n\\echo it's starting\nDROP TABLE a;");
  assert.deepEqual(
    of(fs, 'skipped-statement').map((f) => `${f.line} ${f.severity}`),
    ['1 info', '2 info'],
  );
  assert.deepEqual(lines(fs, 'dropping-table'), [3]);
  assert.deepEqual(lines(fs, 'syntax-error'), []);
});

test('template placeholders: one info per file, and the templated statements are still linted', async () => {
  const sql = 'ALTER TABLE {{ index .Options "Namespace" }}.users ADD COLUMN status text NOT NULL;\nDROP TABLE {{ index .Options "Namespace" }}.old;';
  const fs = await lintSql(sql);
  assert.deepEqual(lines(fs, 'skipped-statement'), [1]);
  assert.deepEqual(lines(fs, 'adding-required-column'), [1]);
  assert.deepEqual(lines(fs, 'dropping-table'), [2]);
  assert.deepEqual(lines(fs, 'syntax-error'), []);
});

test('DO blocks are linted at their inner lines; function bodies only by rules that opt in', async () => {
  const body = 'BEGIN\n  ALTER TABLE users ADD COLUMN status text NOT NULL;\n  CREATE INDEX CONCURRENTLY users_status_idx ON users (status);\nEND';
  const inDo = await lintSql(`DO $$\n${body}\n$$;`);
  assert.deepEqual(lines(inDo, 'adding-required-column'), [3]);
  assert.deepEqual(lines(inDo, 'concurrently-in-transaction'), [4]);
  assert.match(of(inDo, 'concurrently-in-transaction')[0]!.message, /DO block/);
  const inFunction = await lintSql(`CREATE FUNCTION migrate_later() RETURNS void LANGUAGE plpgsql AS $$\n${body}\n$$;`);
  assert.deepEqual(lines(inFunction, 'adding-required-column'), [], 'runs when called, not during the migration');
  assert.deepEqual(lines(inFunction, 'missing-lock-timeout'), []);
  assert.deepEqual(lines(inFunction, 'concurrently-in-transaction'), [4], 'but a call is bound to fail');
  assert.match(of(inFunction, 'concurrently-in-transaction')[0]!.message, /every call fails/);
});

test('a function the migration itself calls runs now: its body is checked by every rule', async () => {
  const create = 'CREATE FUNCTION backfill() RETURNS void LANGUAGE plpgsql AS $$\nBEGIN\n  ALTER TABLE users ADD COLUMN status text NOT NULL;\nEND $$;';
  assert.deepEqual(lines(await lintSql(create), 'adding-required-column'), []);
  assert.deepEqual(lines(await lintSql(`${create}\nSELECT backfill();\nDROP FUNCTION backfill();`), 'adding-required-column'), [3]);
  assert.deepEqual(lines(await lintSql(`${create}\nDO $$ BEGIN PERFORM public.backfill(); END $$;`), 'adding-required-column'), [3]);
  const proc = 'CREATE PROCEDURE fix() LANGUAGE sql AS $$ ALTER TABLE users ADD COLUMN status text NOT NULL $$;\nCALL fix();';
  assert.deepEqual(lines(await lintSql(proc), 'adding-required-column'), [1]);
});

test('messages name templated objects as written, not by the substituted identifier', async () => {
  const fs = await lintSql('DROP TABLE {{ index .Options "Namespace" }}.old_events;');
  const drop = of(fs, 'dropping-table')[0]!;
  assert.match(drop.message, /\{\{ index \.Options "Namespace" \}\}\.old_events/);
  assert.doesNotMatch(drop.message, /tpl_/);
});

test('concurrently-in-transaction follows the framework: transactional files and --assume-in-transaction', async () => {
  const sql = 'CREATE INDEX CONCURRENTLY users_email_idx ON users (email);';
  assert.deepEqual(lines(await lintSql(sql), 'concurrently-in-transaction'), []);
  assert.deepEqual(lines(await lintSql(sql, { transactional: true }), 'concurrently-in-transaction'), [1]);
  assert.deepEqual(lines(await lintSql(sql, { assumeInTransaction: true }), 'concurrently-in-transaction'), [1]);
  // COMMIT ends the framework's transaction (flagged by transaction-nesting), so the index is outside any transaction
  const escaped = await lintSql(`COMMIT;\n${sql}`, { transactional: true });
  assert.deepEqual(lines(escaped, 'concurrently-in-transaction'), []);
  assert.deepEqual(lines(escaped, 'transaction-nesting'), [1]);
});

test('a file sent as one multi-statement query (golang-migrate, Prisma) is one implicit transaction block', () => {
  const lint = (text: string) => lintSource({ source: { file: 'm.sql', text, firstLine: 1 }, sentAsOneQuery: true }, allEnabled, rules);
  const cic = 'CREATE INDEX CONCURRENTLY users_email_idx ON users (email);';
  assert.deepEqual(lines(lint(cic), 'concurrently-in-transaction'), [], 'alone in its file it runs outside any transaction');
  const mixed = lint(`ALTER TABLE users ADD COLUMN email text;\n${cic}`);
  assert.deepEqual(lines(mixed, 'concurrently-in-transaction'), [2]);
  assert.match(of(mixed, 'concurrently-in-transaction')[0]!.message, /multi-statement query/);
  // Postgres refuses it even after a COMMIT in the same query (checked on PGlite)
  assert.deepEqual(lines(lint(`SELECT 1;\nCOMMIT;\n${cic}`), 'concurrently-in-transaction'), [3]);
  // the implicit block holds locks to the end of the file
  assert.deepEqual(lines(lint("ALTER TABLE users ADD COLUMN s text;\nUPDATE users SET s = 'a';"), 'holding-access-exclusive-lock'), [2]);
  // explicit BEGIN/COMMIT in such a file is fine
  const explicit = lint('BEGIN;\nALTER TABLE users ADD COLUMN s text;\nCOMMIT;');
  assert.deepEqual(lines(explicit, 'transaction-nesting'), []);
  assert.deepEqual(lines(explicit, 'uncommitted-transaction'), []);
});

test('transaction-nesting: BEGIN/COMMIT in a framework-wrapped file is reported once', async () => {
  const sql = 'BEGIN;\nALTER TABLE users ADD COLUMN a int;\nCOMMIT;\nBEGIN;\nALTER TABLE users ADD COLUMN b int;\nCOMMIT;';
  assert.deepEqual(lines(await lintSql(sql, { transactional: true }), 'transaction-nesting'), [1]);
  assert.deepEqual(lines(await lintSql(sql), 'transaction-nesting'), []);
  assert.deepEqual(lines(await lintSql('BEGIN;\nBEGIN;\nCOMMIT;'), 'transaction-nesting'), [2]);
});

test('uncommitted-transaction points at the BEGIN; not when the framework owns the transaction', async () => {
  const fs = await lintSql('SELECT 1;\nBEGIN;\nALTER TABLE users ADD COLUMN a int;\n');
  assert.deepEqual(
    of(fs, 'uncommitted-transaction').map((f) => `${f.line}:${f.column}-${f.endLine}:${f.endColumn}`),
    ['2:1-2:6'],
  );
  assert.deepEqual(lines(await lintSql('BEGIN;\nSELECT 1;', { transactional: true }), 'uncommitted-transaction'), []);
  const hatch = await lintSql('COMMIT;\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);\nBEGIN;', { transactional: true });
  assert.deepEqual(lines(hatch, 'uncommitted-transaction'), [], "the framework's COMMIT closes the BEGIN");
  assert.deepEqual(lines(hatch, 'transaction-nesting'), [1]);
});

test('missing-lock-timeout: once per file, not after SET lock_timeout, not for new tables', async () => {
  const sql = 'CREATE TABLE notes (id int);\nCREATE INDEX notes_id ON notes (id);\nALTER TABLE users ADD COLUMN a int;\nALTER TABLE orders ADD COLUMN b int;';
  const fs = await lintSql(sql);
  assert.deepEqual(lines(fs, 'missing-lock-timeout'), [3]);
  assert.match(of(fs, 'missing-lock-timeout')[0]!.message, /ACCESS EXCLUSIVE on users/);
  assert.deepEqual(lines(await lintSql(`SET lock_timeout = '3s';\n${sql}`), 'missing-lock-timeout'), []);
  const fk = await lintSql('CREATE TABLE notes (user_id int REFERENCES users (id));');
  assert.match(of(fk, 'missing-lock-timeout')[0]!.message, /SHARE ROW EXCLUSIVE on users/);
});

test('missing-statement-timeout is off by default in the registry and reports backfills when on', async () => {
  const rule = rules.find((r) => r.meta.id === 'missing-statement-timeout')!;
  assert.equal(rule.meta.defaultOff, true);
  const fs = await lintSql("UPDATE users SET status = 'x';\nUPDATE users SET status = 'y';");
  assert.deepEqual(lines(fs, 'missing-statement-timeout'), [1]);
});

test('holding-access-exclusive-lock: once per transaction, the next transaction starts afresh', async () => {
  const sql = [
    'BEGIN;',
    'ALTER TABLE users ADD COLUMN status text;',
    "UPDATE users SET status = 'a';",
    "UPDATE users SET status = 'b';",
    'COMMIT;',
    'BEGIN;',
    'ALTER TABLE orders ADD COLUMN note text;',
    'CREATE INDEX orders_note_idx ON orders (note);',
    'COMMIT;',
  ].join('\n');
  const fs = await lintSql(sql);
  assert.deepEqual(lines(fs, 'holding-access-exclusive-lock'), [3, 8]);
  assert.match(of(fs, 'holding-access-exclusive-lock')[0]!.message, /users \(line 2\)/);
  // the framework's transaction holds it as well
  assert.deepEqual(lines(await lintSql("ALTER TABLE users ADD COLUMN s text;\nUPDATE users SET s = 'a';", { transactional: true }), 'holding-access-exclusive-lock'), [2]);
});

test('findings are sorted by position and carry the migration id', () => {
  const fs = lintSource({ source: { file: 'db/2_x.sql', text: 'DROP TABLE b;\nSELEC 1;\nDROP TABLE a;', firstLine: 10 }, migration: '2_x' }, allEnabled, rules);
  const positions = fs.map((f) => [f.line, f.column]);
  assert.deepEqual(
    positions,
    [...positions].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!),
  );
  assert.ok(fs.every((f) => f.migration === '2_x' && f.file === 'db/2_x.sql'));
  assert.deepEqual(lines(fs, 'syntax-error'), [11]);
});

const corpus = fileURLToPath(new URL('../../shared/corpus/', import.meta.url));
test('the whole corpus lints in a few seconds without an exception', { skip: !existsSync(corpus) && 'no ../shared/corpus', timeout: 120_000 }, () => {
  const files = sqlFilesUnder(corpus);
  const sources = files.map((file) => ({ file, text: readFileSync(file, 'utf8'), firstLine: 1 }));
  const t0 = performance.now();
  let findings = 0;
  for (const source of sources) findings += lintSource({ source }, allEnabled, rules).length;
  const ms = performance.now() - t0;
  assert.ok(files.length > 1000 && findings > 1000);
  assert.ok(ms < 20_000, `linting ${files.length} files took ${ms.toFixed(0)} ms`);
});
