// parseSql's fast path (one parse of the whole file, comments from a JS lexer)
// must give exactly what the statement-by-statement path gives: same statements,
// nodes (offsets included), ranges, leading comments, comments and spans.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initParser, parseSql } from '../src/sql/parse';
import { rules } from '../rules/index';
import { sqlFilesUnder } from './sql-files';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = join(repo, '..', 'shared', 'corpus');

function same(file: string, text: string): void {
  const source = { file, text, firstLine: 1 };
  const fast = parseSql(source);
  const slow = parseSql(source, { fast: false });
  assert.deepEqual(fast, slow, `${file}: fast and statement-by-statement parses differ`);
}

const SAMPLES = [
  'SELECT 1',
  '-- head\nSELECT 1 ;  -- tail\n\n/* c /* nested */ */ CREATE TABLE t (id int) -- x\n;;\n ; INSERT INTO t VALUES (1)  \n',
  'CREATE TABLE "a--b" ("x;y" text DEFAULT \'--not a comment; really\');\n-- migration-guard-ignore dropping-table\nDROP TABLE "a--b";',
  "DO $$BEGIN\n  EXECUTE 'ALTER TABLE t ADD COLUMN c int';\n  ALTER TABLE t DROP COLUMN d;\nEND$$;\nSELECT 2;",
  'CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;\nSELECT f();',
  'CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2));\nSELECT 3',
  'CREATE TABLE ünïcode (naïve text, "日本" int); -- ünï\nALTER TABLE ünïcode ADD COLUMN é int NOT NULL;',
  "SELECT $1::int, a$b$c FROM t; SELECT $tag$ ; -- $tag$ || 'x';",
  'SELECT 1; SELECT (', // syntax error: the fallback path
  "SELECT 'unterminated",
  '   \n-- only a comment\n',
  "CREATE OR REPLACE FUNCTION g() RETURNS trigger AS 'BEGIN UPDATE t SET x = ''a''; RETURN NEW; END' LANGUAGE plpgsql;\nSELECT 4",
  'CREATE FUNCTION h() RETURNS void LANGUAGE plpgsql AS $body$ BEGIN /* $x$ */ DELETE FROM t; END $body$;',
  "CREATE FUNCTION k() RETURNS text LANGUAGE sql AS E'SELECT ''a''';\nDO LANGUAGE plpgsql $$ BEGIN PERFORM k(); END $$;",
  "SELECT E'it\\'s -- not; a comment', 'a''b', e'\\\\'; -- real\nSELECT '\\x00'::bytea; /* c */ SELECT 2",
  "CREATE FUNCTION m() RETURNS text LANGUAGE sql AS E'SELECT ''\\n''';\nSELECT m();",
  'CREATE TABLE t (id int);\n\\set x 1\nSELECT :x;',
  'COPY t FROM stdin;\n1\n\\.\nSELECT 1;',
];

test('fast path = statement-by-statement path: hand-written edge cases', async () => {
  await initParser();
  SAMPLES.forEach((text, i) => same(`sample-${i}.sql`, text));
});

test('fast path = statement-by-statement path: every rule example', async () => {
  await initParser();
  for (const r of rules) [...r.meta.examples.bad, ...r.meta.examples.good].forEach((text, i) => same(`${r.meta.id}-${i}.sql`, text));
});

test('fast path = statement-by-statement path: examples/ and the shared corpus', async (t) => {
  await initParser();
  const files = [...sqlFilesUnder(join(repo, 'examples')), ...(existsSync(corpus) ? sqlFilesUnder(corpus) : [])];
  if (!existsSync(corpus)) t.diagnostic(`corpus not found at ${corpus}: only examples/ compared`);
  for (const f of files) same(f, readFileSync(f, 'utf8'));
});
