// SQLite's SQL as sql-parser-cst reads it: statements cut as sqlite3_complete() does,
// exact lines and columns, one bad statement never hiding the others.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSqlite, splitSqlite } from '../../src/sqlite/parse';

const parse = (text: string, firstLine = 1) => parseSqlite({ file: 'm.sql', text, firstLine });

test('statements keep their lines and columns; comments and strings do not cut them', () => {
  const r = parse("-- users\nCREATE TABLE users (id INTEGER PRIMARY KEY, note TEXT DEFAULT 'a;b');\n  /* x; */ CREATE INDEX users_note ON users (note);\n");
  assert.deepEqual(r.problems, []);
  assert.deepEqual(
    r.statements.map((s) => [s.kind, s.range.line, s.range.column]),
    [
      ['create_table_stmt', 2, 1],
      ['create_index_stmt', 3, 12],
    ],
  );
  assert.equal(r.statements[0].sql, "CREATE TABLE users (id INTEGER PRIMARY KEY, note TEXT DEFAULT 'a;b')");
  assert.deepEqual(
    r.comments.map((c) => [c.text, c.range.line]),
    [
      ['-- users', 1],
      ['/* x; */', 3],
    ],
  );
});

test('a trigger body is one statement: its inner semicolons do not end it', () => {
  const text = 'CREATE TRIGGER t AFTER INSERT ON a BEGIN\n  UPDATE b SET n = n + 1;\n  DELETE FROM c;\nEND;\nDROP TABLE c;';
  assert.equal(splitSqlite(text).pieces.length, 2);
  assert.deepEqual(
    parse(text).statements.map((s) => s.kind),
    ['create_trigger_stmt', 'drop_table_stmt'],
  );
});

test('quoted names of every SQLite kind, and ; inside them', () => {
  const r = parse('CREATE TABLE "a;b" ([c;d] TEXT, `e;f` INT);\nSELECT 1;');
  assert.deepEqual(r.problems, []);
  assert.equal(r.statements.length, 2);
});

test('a syntax error is one problem at its place; the statements around it still parse', () => {
  const r = parse('CREATE TABLE a (x INT);\nCREAT TABLE b (y INT);\nCREATE TABLE c (z INT);', 10);
  assert.deepEqual(
    r.statements.map((s) => [s.kind, s.range.line]),
    [
      ['create_table_stmt', 10],
      ['create_table_stmt', 12],
    ],
  );
  assert.equal(r.problems.length, 1);
  assert.equal(r.problems[0].range.line, 11);
  assert.match(r.problems[0].message, /^SQLite syntax error/);
});

test('an ALTER TABLE form SQLite lacks is told apart from a typo', () => {
  const r = parse('ALTER TABLE users ALTER COLUMN name TYPE TEXT;\nALTER TABLE users ADD CONSTRAINT c CHECK (id > 0);');
  assert.equal(r.problems.length, 2);
  assert.ok(r.problems.every((p) => p.unsupportedAlter));
});

test('captured SQL (lineMap) is reported on its source lines', () => {
  const r = parseSqlite({ file: 'x.py', text: 'CREATE TABLE a (x INT);\nDROP TABLE a;\n', firstLine: 7, lineMap: [7, 12] });
  assert.deepEqual(
    r.statements.map((s) => [s.range.line, s.range.column]),
    [
      [7, 1],
      [12, 1],
    ],
  );
});
