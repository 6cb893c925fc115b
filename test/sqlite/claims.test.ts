// The SQLite rules' claims, checked on a real SQLite (the engine verify runs): what
// fails, fails with the message the rule quotes, and only once the table has rows;
// what the rule recommends runs.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSqlite, openSqlite, type SqliteDb } from '../../src/verify/sqlite/engine';
import { rules } from '../../rules/index';

before(loadSqlite);

const examples = (id: string) => rules.find((r) => r.meta.id === id)!.meta.examples;

/** A fresh in-memory database with `users` (one row when `rows`). */
function withUsers(rows: boolean): SqliteDb {
  const db = openSqlite(':memory:');
  db.exec('CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, legacy TEXT)');
  if (rows) db.exec("INSERT INTO users (name) VALUES ('a')");
  return db;
}

const failure = (db: SqliteDb, sql: string): string | undefined => {
  try {
    db.exec(sql);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
};

for (const [id, message] of [
  ['sqlite-adding-required-column', /Cannot add a NOT NULL column with default value NULL/],
  ['sqlite-non-constant-default', /Cannot add a column with non-constant default/],
] as const) {
  test(`${id}: each bad example fails once the table has a row, and runs on an empty table`, () => {
    for (const sql of examples(id).bad) {
      assert.match(failure(withUsers(true), sql) ?? 'ran', message, sql);
      assert.equal(failure(withUsers(false), sql), undefined, sql);
    }
  });
  test(`${id}: each good example runs on a table with rows`, () => {
    for (const sql of examples(id).good) assert.equal(failure(withUsers(true), sql), undefined, sql);
  });
}

test('sqlite-unsupported-alter: the forms and columns it names are refused', () => {
  const db = openSqlite(':memory:');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, email TEXT UNIQUE, a TEXT, b INT, c TEXT, d INT REFERENCES p (id), FOREIGN KEY (b) REFERENCES p (id)); CREATE INDEX t_a ON t (a)');
  assert.match(failure(db, 'ALTER TABLE t DROP COLUMN email') ?? '', /cannot drop UNIQUE column/);
  assert.match(failure(db, 'ALTER TABLE t DROP COLUMN a') ?? '', /error in index t_a/);
  assert.match(failure(db, 'ALTER TABLE t DROP COLUMN id') ?? '', /cannot drop PRIMARY KEY column/);
  assert.match(failure(db, 'ALTER TABLE t ADD COLUMN code TEXT UNIQUE') ?? '', /Cannot add a UNIQUE column/);
  assert.match(failure(db, 'ALTER TABLE t ALTER COLUMN c TYPE INT') ?? '', /syntax error/);
  assert.match(failure(db, 'ALTER TABLE t DROP COLUMN b') ?? '', /unknown column "b" in foreign key definition/);
  assert.match(failure(db, 'ALTER TABLE t ADD CONSTRAINT u UNIQUE (a)') ?? '', /syntax error/);
  assert.equal(failure(db, 'ALTER TABLE t DROP COLUMN c'), undefined, 'a column nothing holds drops');
  assert.equal(failure(db, 'ALTER TABLE t DROP COLUMN d'), undefined, "a column's own REFERENCES goes with it");
  // 3.53.0 added these (the engine here is newer): a target before it fails on them.
  assert.equal(failure(db, 'ALTER TABLE t ALTER COLUMN a SET NOT NULL'), undefined);
  assert.equal(failure(db, 'ALTER TABLE t ADD CONSTRAINT k CHECK (id > 0)'), undefined);
});

test('sqlite-rebuild-with-foreign-keys: with foreign keys on, rebuilding the parent empties a CASCADE child; the pragma is ignored in a transaction', () => {
  const db = openSqlite(':memory:');
  db.exec(examples('sqlite-rebuild-with-foreign-keys').bad[0].split('\n').slice(0, 3).join('\n'));
  db.exec('INSERT INTO users (id) VALUES (1); INSERT INTO posts (id, user_id) VALUES (1, 1)');
  db.exec('BEGIN; PRAGMA foreign_keys = OFF');
  assert.equal(Number(db.all('PRAGMA foreign_keys')[0].foreign_keys), 1, 'PRAGMA foreign_keys inside a transaction changes nothing');
  db.exec('COMMIT');
  db.exec(examples('sqlite-rebuild-with-foreign-keys').bad[0].split('\n').slice(3).join('\n'));
  assert.equal(Number(db.all('SELECT count(*) AS n FROM posts')[0].n), 0, 'the child rows went with the old parent table');
  // The recipe: off outside the transaction, then the same rebuild keeps them.
  const safe = openSqlite(':memory:');
  safe.exec('PRAGMA foreign_keys = ON');
  safe.exec(examples('sqlite-rebuild-with-foreign-keys').bad[0].split('\n').slice(1, 3).join('\n'));
  safe.exec('INSERT INTO users (id) VALUES (1); INSERT INTO posts (id, user_id) VALUES (1, 1)');
  safe.exec('PRAGMA foreign_keys = OFF');
  safe.exec(examples('sqlite-rebuild-with-foreign-keys').bad[0].split('\n').slice(3).join('\n'));
  assert.deepEqual(safe.all('PRAGMA foreign_key_check'), []);
  assert.equal(Number(safe.all('SELECT count(*) AS n FROM posts')[0].n), 1);
});

test('sqlite-rebuild-loses-objects: after the bad rebuild the index is gone; the good one keeps it', () => {
  const [bad] = examples('sqlite-rebuild-loses-objects').bad;
  const [good] = examples('sqlite-rebuild-loses-objects').good;
  const db = openSqlite(':memory:');
  db.exec(bad);
  assert.deepEqual(
    db.all("PRAGMA index_list('users')").filter((i) => i.origin === 'c'),
    [],
  );
  const kept = openSqlite(':memory:');
  kept.exec(good);
  assert.deepEqual(
    kept
      .all("PRAGMA index_list('users')")
      .filter((i) => i.origin === 'c')
      .map((i) => i.name),
    ['users_email'],
  );
});
