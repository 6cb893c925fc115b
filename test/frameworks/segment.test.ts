// Segmentation of captured framework traffic into migrations, on real SQL as
// the frameworks send it (the sequences are those seen through the proxy).
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { migrationSql, transactionNumbers } from '../../src/capture/migration-sql';
import { isFrameworkNoise } from '../../src/capture/noise';
import { segment, versionWrite } from '../../src/capture/segment';
import { capturedStatements, inlineParams } from '../../src/capture/statements';
import type { CapturedQuery } from '../../src/capture/proxy';
import { FRAMEWORKS } from '../../src/frameworks/index';
import { initParser } from '../../src/sql/parse';

before(() => initParser());

/** Captured queries from [sql, txBefore, txAfter, params?] rows, one connection. */
function traffic(rows: [string, 'I' | 'T', 'I' | 'T', (string | null)[]?][]): CapturedQuery[] {
  return rows.map(([sql, txBefore, txAfter, params], i) => ({
    connection: 1,
    seq: i + 1,
    sql,
    protocol: params ? 'extended' : 'simple',
    txBefore,
    txAfter,
    tags: [],
    startedAt: 0,
    ms: 1,
    ...(params ? { params } : {}),
  }));
}

describe('versionWrite', () => {
  it("reads each framework's version-table writes, literal or bound", () => {
    const cases: [keyof typeof FRAMEWORKS, string, (string | null)[] | undefined, 'up' | 'down', string][] = [
      ['alembic', "INSERT INTO alembic_version (version_num) VALUES ('0001') RETURNING alembic_version.version_num", undefined, 'up', '0001'],
      ['alembic', "UPDATE alembic_version SET version_num='0003' WHERE alembic_version.version_num = '0002'", undefined, 'up', '0003'],
      ['alembic', "DELETE FROM alembic_version WHERE alembic_version.version_num = '0001'", undefined, 'down', '0001'],
      [
        'django',
        `INSERT INTO "django_migrations" ("app", "name", "applied") VALUES ('shop', '0002_user_age', '2026-01-01T00:00:00'::timestamptz) RETURNING "django_migrations"."id"`,
        undefined,
        'up',
        'shop.0002_user_age',
      ],
      ['django', `DELETE FROM "django_migrations" WHERE ("django_migrations"."app" = 'shop' AND "django_migrations"."name" = '0006_user_nickname')`, undefined, 'down', 'shop.0006_user_nickname'],
      ['rails', 'INSERT INTO "schema_migrations" ("version") VALUES ($1) RETURNING "version"', ['20240101000002'], 'up', '20240101000002'],
      ['rails', 'DELETE FROM "schema_migrations" WHERE "schema_migrations"."version" = $1', ['20240101000006'], 'down', '20240101000006'],
      [
        'knex',
        'insert into "knex_migrations" ("batch", "migration_time", "name") values ($1, $2, $3)',
        ['1', '2026-01-01', '20240101000001_create_users.cjs'],
        'up',
        '20240101000001_create_users.cjs',
      ],
      ['sequelize', 'INSERT INTO "SequelizeMeta" ("name") VALUES ($1) RETURNING "name";', ['20240101000002-add-age.cjs'], 'up', '20240101000002-add-age.cjs'],
      ['typeorm', 'INSERT INTO "migrations"("timestamp", "name") VALUES ($1, $2)', ['1704067200001', 'CreateUsers1704067200001'], 'up', 'CreateUsers1704067200001'],
      ['node-pg-migrate', `INSERT INTO "public"."pgmigrations" (name, run_on) VALUES ('1704067200002_add-age', NOW());`, undefined, 'up', '1704067200002_add-age'],
      ['ecto', 'INSERT INTO "schema_migrations" ("version","inserted_at") VALUES ($1,$2)', ['20250101000000', '2026-01-01 00:00:00'], 'up', '20250101000000'],
    ];
    for (const [fw, sql, params, running, id] of cases) {
      const [s] = capturedStatements(traffic([[sql, 'T', 'T', params]]));
      assert.deepEqual(versionWrite(s!, FRAMEWORKS[fw].versionTable, running), { id, direction: sql.startsWith('DELETE') ? 'down' : running }, `${fw}: ${sql}`);
    }
  });

  it('an UPDATE moving back un-records the old version', () => {
    const [s] = capturedStatements(traffic([["UPDATE alembic_version SET version_num='0001' WHERE alembic_version.version_num = '0002'", 'T', 'T']]));
    assert.deepEqual(versionWrite(s!, FRAMEWORKS.alembic.versionTable, 'down'), { id: '0002', direction: 'down' });
  });
});

describe('segment', () => {
  it('Alembic: one transaction for several migrations; a COMMIT closes the last; probes are noise', () => {
    const statements = capturedStatements(
      traffic([
        ['BEGIN', 'I', 'T'],
        ["select relname from pg_class c join pg_namespace n on n.oid=c.relnamespace where relname='alembic_version'", 'T', 'T'],
        ['CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)', 'T', 'T'],
        ['CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL)', 'T', 'T'],
        ["INSERT INTO alembic_version (version_num) VALUES ('0001')", 'T', 'T'],
        ['ALTER TABLE users ADD COLUMN age integer NOT NULL', 'T', 'T'],
        ["UPDATE alembic_version SET version_num='0002' WHERE alembic_version.version_num = '0001'", 'T', 'T'],
        ['COMMIT', 'T', 'I'],
      ]),
    );
    const table = FRAMEWORKS.alembic.versionTable;
    const { segments, leftover } = segment(statements, table, 'up');
    assert.deepEqual(
      segments.map((s) => s.id),
      ['0001', '0002'],
    );
    assert.deepEqual(leftover, []);
    const blocks = transactionNumbers(statements);
    const one = migrationSql(segments[0]!, table, 'v/0001.py', (s) => s.map(() => 9), blocks);
    const two = migrationSql(segments[1]!, table, 'v/0002.py', (s) => s.map(() => 10), blocks);
    assert.equal(one.source.text, 'CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL);\n');
    assert.equal(two.source.text, 'ALTER TABLE users ADD COLUMN age integer NOT NULL;\n');
    assert.ok(one.transactional && two.transactional);
    assert.equal(one.transaction, two.transaction, 'both ran in the same block');
    assert.deepEqual(two.source.lineMap, [10]);
  });

  it('Knex-style: writes after COMMIT with the id in a bind parameter; a non-transactional migration keeps no BEGIN', () => {
    const statements = capturedStatements(
      traffic([
        ['BEGIN', 'I', 'T'],
        ['create table "users" ("id" serial primary key)', 'T', 'T'],
        ['COMMIT', 'T', 'I'],
        ['insert into "knex_migrations" ("batch", "migration_time", "name") values ($1, $2, $3)', 'I', 'I', ['1', 'now', '001_users.cjs']],
        ['CREATE INDEX CONCURRENTLY users_id ON users (id)', 'I', 'I'],
        ['insert into "knex_migrations" ("batch", "migration_time", "name") values ($1, $2, $3)', 'I', 'I', ['1', 'now', '002_index.cjs']],
        ['select * from "knex_migrations_lock" for update', 'I', 'I'],
      ]),
    );
    const table = FRAMEWORKS.knex.versionTable;
    const { segments, leftover } = segment(statements, table, 'up');
    assert.deepEqual(
      segments.map((s) => s.id),
      ['001_users.cjs', '002_index.cjs'],
    );
    assert.ok(leftover.every((s) => isFrameworkNoise(s, table)));
    const blocks = transactionNumbers(statements);
    const first = migrationSql(segments[0]!, table, 'm/001.cjs', (s) => s.map(() => 2), blocks);
    const second = migrationSql(segments[1]!, table, 'm/002.cjs', (s) => s.map(() => 3), blocks);
    assert.equal(first.transactional, true);
    assert.equal(second.transactional, false);
    assert.equal(second.source.text, 'CREATE INDEX CONCURRENTLY users_id ON users (id);\n');
  });

  it('a migration that commits part-way keeps its own BEGIN/COMMIT around the part in a block', () => {
    const statements = capturedStatements(
      traffic([
        ['BEGIN', 'I', 'T'],
        ['ALTER TABLE users ADD COLUMN nickname text', 'T', 'T'],
        ['COMMIT', 'T', 'I'],
        ['CREATE INDEX CONCURRENTLY users_nick ON users (nickname)', 'I', 'I'],
        ['BEGIN', 'I', 'T'],
        ["UPDATE alembic_version SET version_num='0006' WHERE alembic_version.version_num = '0005'", 'T', 'T'],
        ['COMMIT', 'T', 'I'],
      ]),
    );
    const table = FRAMEWORKS.alembic.versionTable;
    const [seg] = segment(statements, table, 'up').segments;
    const sql = migrationSql(seg!, table, 'x.py', (s) => s.map((_, i) => i + 1), transactionNumbers(statements));
    assert.equal(sql.transactional, false);
    assert.equal(sql.source.text, 'BEGIN;\nALTER TABLE users ADD COLUMN nickname text;\nCOMMIT;\nCREATE INDEX CONCURRENTLY users_nick ON users (nickname);\n');
  });

  it('statements after the last write are left over, not given to a migration', () => {
    const statements = capturedStatements(
      traffic([
        ["INSERT INTO alembic_version (version_num) VALUES ('0001')", 'I', 'I'],
        ['CREATE TABLE stray (id int)', 'I', 'I'],
      ]),
    );
    const { segments, leftover } = segment(statements, FRAMEWORKS.alembic.versionTable, 'up');
    assert.equal(segments.length, 1);
    assert.deepEqual(
      leftover.map((s) => s.sql),
      ['CREATE TABLE stray (id int)'],
    );
  });
});

describe('captured statements', () => {
  it('splits a multi-statement simple query and inlines bind parameters as literals', () => {
    const s = capturedStatements(
      traffic([
        ['ALTER TABLE "orders" ALTER COLUMN "total" DROP NOT NULL;ALTER TABLE "orders" ALTER COLUMN "total" TYPE BIGINT;', 'I', 'I'],
        ['UPDATE users SET name = $1 WHERE id = $2 AND note = $3', 'I', 'I', ["O'Brien", '7', null]],
      ]),
    );
    assert.deepEqual(
      s.map((x) => x.kind),
      ['AlterTableStmt', 'AlterTableStmt', 'UpdateStmt'],
    );
    assert.equal(s[2]!.sql, "UPDATE users SET name = 'O''Brien' WHERE id = '7' AND note = NULL");
    assert.equal(inlineParams("SELECT '$1', $1 -- $1", ['x']), "SELECT '$1', 'x' -- $1", 'only real placeholders');
  });

  it("driver settings and probes are noise; a migration's own SET lock_timeout is not", () => {
    const t = FRAMEWORKS.rails.versionTable;
    const [a, b, c, d, e] = capturedStatements(
      traffic([
        ["SET client_min_messages TO 'warning'", 'I', 'I'],
        ['SET search_path TO "public"', 'I', 'I'],
        ["SET lock_timeout = '5s'", 'I', 'I'],
        ['SELECT pg_try_advisory_lock(123)', 'I', 'I'],
        ["SELECT setval('users_id_seq', 10)", 'I', 'I'],
      ]),
    );
    assert.deepEqual(
      [a, b, c, d, e].map((s) => isFrameworkNoise(s!, t)),
      [true, true, false, true, false],
    );
  });
});
