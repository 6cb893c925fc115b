// The breaking-change, robustness and schema-design rules: the Postgres
// behaviour their docs claim, checked against a real Postgres (PGlite), and
// what the generic example test cannot express (counts, ranges, messages,
// framework transactions).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PGlite } from '@electric-sql/pglite';
import { clipToBytes } from '../../src/lint/identifiers';
import { lintSql } from '../helpers';

/** Findings of one rule for `sql`. */
async function hits(rule: string, sql: string, opts: Parameters<typeof lintSql>[1] = {}) {
  return (await lintSql(sql, opts)).filter((f) => f.rule === rule);
}

describe('Postgres behaves as the rule docs say (PGlite)', () => {
  let db: PGlite;
  before(async () => {
    db = new PGlite();
    await db.waitReady;
  });
  after(async () => {
    await db?.close();
  });

  test('identifier-too-long: Postgres keeps the bytes clipToBytes predicts, at a character boundary', async () => {
    for (const name of ['x'.repeat(70), 'é'.repeat(40), 'ab' + '日'.repeat(30), '😀'.repeat(20)]) {
      await db.exec(`CREATE TABLE "${name}" (id int)`);
      const { rows } = await db.query<{ relname: string }>(`SELECT relname FROM pg_class WHERE relname LIKE $1`, [[...name].slice(0, 2).join('') + '%']);
      assert.deepEqual(
        rows.map((r) => r.relname),
        [clipToBytes(name)],
      );
      await db.exec(`DROP TABLE "${clipToBytes(name)}"`);
    }
    assert.equal(Buffer.byteLength(clipToBytes('é'.repeat(40))), 62);
  });

  test('identifier-too-long: two names sharing 63 bytes collide, and IF NOT EXISTS silently skips the second', async () => {
    const base = 'a'.repeat(63);
    await db.exec(`CREATE TABLE ${base}_one (id int)`);
    await assert.rejects(db.exec(`CREATE TABLE ${base}_two (id int)`), /already exists/);
    await db.exec(`CREATE TABLE IF NOT EXISTS ${base}_two (other text)`);
    const { rows } = await db.query(`SELECT attname FROM pg_attribute WHERE attrelid = '${base}'::regclass AND attnum > 0`);
    assert.deepEqual(rows, [{ attname: 'id' }]);
    await db.exec(`DROP TABLE ${base}`);
  });

  test('prefer-robust-statements: a failed CREATE INDEX CONCURRENTLY leaves an invalid index that IF NOT EXISTS keeps', async () => {
    await db.exec(`CREATE TABLE dup (x int); INSERT INTO dup VALUES (1), (1)`);
    await assert.rejects(db.exec(`CREATE UNIQUE INDEX CONCURRENTLY dup_x ON dup (x)`));
    await db.exec(`CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS dup_x ON dup (x)`);
    const { rows } = await db.query(`SELECT indisvalid FROM pg_index WHERE indexrelid = 'dup_x'::regclass`);
    assert.deepEqual(rows, [{ indisvalid: false }]);
  });

  test('renaming-enum-value: existing rows follow, the old label is rejected', async () => {
    await db.exec(`CREATE TYPE mood AS ENUM ('ok', 'sad'); CREATE TABLE m (v mood); INSERT INTO m VALUES ('ok');`);
    await db.exec(`ALTER TYPE mood RENAME VALUE 'ok' TO 'fine'`);
    assert.deepEqual((await db.query(`SELECT v FROM m`)).rows, [{ v: 'fine' }]);
    await assert.rejects(db.exec(`INSERT INTO m VALUES ('ok')`), /invalid input value for enum mood: "ok"/);
  });

  test('dropping-constraint: dropping the key breaks ON CONFLICT', async () => {
    await db.exec(`CREATE TABLE u (id int PRIMARY KEY, v int); INSERT INTO u VALUES (1, 1)`);
    await db.exec(`INSERT INTO u VALUES (1, 2) ON CONFLICT (id) DO UPDATE SET v = 3`);
    await db.exec(`ALTER TABLE u DROP CONSTRAINT u_pkey`);
    await assert.rejects(db.exec(`INSERT INTO u VALUES (1, 2) ON CONFLICT (id) DO UPDATE SET v = 3`), /no unique or exclusion constraint/);
  });

  test('mixing-schema-and-data-changes: ALTER after writing rows with a deferred FK fails', async () => {
    await db.exec(`CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (id int, p_id int REFERENCES p DEFERRABLE INITIALLY DEFERRED); INSERT INTO p VALUES (1)`);
    await assert.rejects(db.exec(`BEGIN; INSERT INTO c VALUES (1, 1); ALTER TABLE c ADD COLUMN x int; COMMIT;`), /pending trigger events/);
    await db.exec('ROLLBACK');
  });

  test('prefer-text: widening a varchar used by a view fails; prefer-jsonb: json has no equality', async () => {
    await db.exec(`CREATE TABLE vt (name varchar(10), doc json); CREATE VIEW vv AS SELECT name FROM vt; INSERT INTO vt VALUES ('a', '{}'), ('a', '{}')`);
    await assert.rejects(db.exec(`ALTER TABLE vt ALTER COLUMN name TYPE varchar(20)`), /used by a view/);
    await assert.rejects(db.exec(`SELECT DISTINCT doc FROM vt`), /equality operator for type json/);
  });

  test('prefer-timestamptz: timestamp drops the offset it is given', async () => {
    const { rows } = await db.query<{ a: string; b: string }>(`SELECT ('2024-01-01 10:00+02'::timestamp)::text AS a, ('2024-01-01 10:00-06'::timestamp)::text AS b`);
    assert.equal(rows[0]!.a, rows[0]!.b);
  });
});

describe('rule behaviour beyond the examples', () => {
  test('identifier-too-long points at the identifier, counts bytes, and reports each name once per file', async () => {
    const long = 'x'.repeat(70);
    const sql = `-- c\nCREATE TABLE t (\n  a int,\n  "${'é'.repeat(32)}" int, ${long} int\n);\nALTER TABLE t ADD COLUMN ${long.toUpperCase()} int;`;
    const found = await hits('identifier-too-long', sql);
    assert.equal(found.length, 2);
    assert.deepEqual([found[0]!.line, found[0]!.column, found[0]!.endLine, found[0]!.endColumn], [4, 3, 4, 37]);
    assert.match(found[0]!.message, /64 bytes \(32 characters\)/);
    assert.match(found[0]!.message, /\(62 bytes\)/);
    assert.deepEqual([found[1]!.line, found[1]!.column], [4, 43]);
  });

  test('mixing-schema-and-data-changes reports once per transaction, and honours the framework transaction', async () => {
    const sql = 'ALTER TABLE users ADD COLUMN a text;\nUPDATE users SET a = b WHERE id < 10;\nUPDATE users SET a = c WHERE id < 20;\n';
    assert.equal((await hits('mixing-schema-and-data-changes', sql)).length, 0, 'no transaction: each statement commits');
    const found = await hits('mixing-schema-and-data-changes', sql, { transactional: true });
    assert.equal(found.length, 1);
    assert.equal(found[0]!.line, 2);
    assert.match(found[0]!.message, /ACCESS EXCLUSIVE on users \(line 1\)/);
  });

  test('prefer-robust-statements is silent in a transactional migration, except for concurrent index builds', async () => {
    const sql = 'CREATE TABLE a (id bigint);\nALTER TABLE a ADD COLUMN b text;\n';
    assert.equal((await hits('prefer-robust-statements', sql)).length, 2);
    assert.equal((await hits('prefer-robust-statements', sql, { transactional: true })).length, 0);
  });

  test('renames of new objects stay new', async () => {
    const sql = 'CREATE TABLE a (id bigint, x text);\nALTER TABLE a RENAME TO b;\nALTER TABLE b RENAME COLUMN x TO y;\nALTER TABLE b DROP COLUMN y;\nDROP TABLE b;';
    const rules = (await lintSql(sql)).map((f) => f.rule);
    for (const r of ['renaming-table', 'renaming-column', 'dropping-column', 'dropping-table']) assert.ok(!rules.includes(r), r);
  });

  test('unbatched-data-change explains which WHERE covers the whole table', async () => {
    const [f] = await hits('unbatched-data-change', 'ALTER TABLE u ADD COLUMN r text; UPDATE u SET x = 1 WHERE r IS NULL;');
    assert.match(f!.message, /"r" was added in this migration/);
    assert.equal((await hits('unbatched-data-change', 'UPDATE u SET x = 1 WHERE r IS NULL;')).length, 0, 'an IS NULL test on a column it does not set may be selective');
  });

  test('type rules name the table and column', async () => {
    const f = await lintSql('CREATE TABLE app.orders (id serial, note varchar(40), at timestamp, doc json, code char(2));');
    const msg = (rule: string) => f.find((x) => x.rule === rule)?.message ?? '';
    assert.match(msg('prefer-bigint'), /app\.orders\.id is a 32-bit integer/);
    assert.match(msg('prefer-identity'), /app\.orders\.id is serial/);
    assert.match(msg('prefer-text'), /app\.orders\.note is varchar\(40\)/);
    assert.match(msg('prefer-timestamptz'), /app\.orders\.at/);
    assert.match(msg('prefer-jsonb'), /app\.orders\.doc/);
    assert.match(msg('using-char-type'), /app\.orders\.code is char\(2\)/);
  });
});
