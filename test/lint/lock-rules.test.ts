// The lock-and-rewrite rules' claims about Postgres, checked against a real one
// (PGlite, PostgreSQL 18), plus version-specific behaviour the generic example
// test cannot express (it runs every example at one pgVersion).
import { alterCommands, as, nodeOf } from '../../src/sql/ast';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PGlite } from '@electric-sql/pglite';
import { initParser, parseSql } from '../../src/sql/parse';
import { classifyTypeChange, columnType, type TypeChange } from '../../src/lint/types-compat';
import { VOLATILE_FUNCTIONS } from '../../src/lint/volatility';
import { lintSql } from '../helpers';

/** The ColumnType of a type as written in SQL, through the real parser. */
function typeOf(sql: string) {
  const st = parseSql({ file: 't.sql', text: `ALTER TABLE t ALTER COLUMN c TYPE ${sql}`, firstLine: 1 }).statements[0]!;
  return columnType(as(alterCommands(nodeOf(st, 'AlterTableStmt'))[0]?.def, 'ColumnDef')?.typeName);
}

describe('against PostgreSQL (PGlite)', () => {
  let db: PGlite;
  before(async () => {
    await initParser();
    db = new PGlite();
    await db.waitReady;
  });
  after(async () => {
    await db?.close();
  });

  /** Whether `ALTER COLUMN c TYPE to` on a one-row table with column type `from` gives the table a new relfilenode. */
  async function rewrites(from: string, to: string, timeZone = 'UTC'): Promise<boolean> {
    await db.exec(`SET timezone = '${timeZone}'; DROP TABLE IF EXISTS tc; CREATE TABLE tc (id int, c ${from}); INSERT INTO tc (id) VALUES (1);`);
    const node = async () => (await db.query<{ r: number }>(`SELECT relfilenode AS r FROM pg_class WHERE relname = 'tc'`)).rows[0]!.r;
    const beforeNode = await node();
    await db.exec(`ALTER TABLE tc ALTER COLUMN c TYPE ${to}`);
    return (await node()) !== beforeNode;
  }

  const pairs: [string, string][] = [
    ['varchar(10)', 'varchar(20)'],
    ['varchar(20)', 'varchar(10)'],
    ['varchar(10)', 'text'],
    ['varchar(10)', 'varchar'],
    ['text', 'varchar'],
    ['text', 'varchar(10)'],
    ['varchar', 'varchar(10)'],
    ['numeric(10,2)', 'numeric(12,2)'],
    ['numeric(10,2)', 'numeric(12,3)'],
    ['numeric(10,2)', 'numeric'],
    ['numeric(10)', 'numeric(12)'],
    ['numeric', 'numeric(10,2)'],
    ['int', 'bigint'],
    ['smallint', 'int'],
    ['real', 'double precision'],
    ['int', 'text'],
    ['cidr', 'inet'],
    ['inet', 'cidr'],
    ['char(5)', 'char(10)'],
    ['char(5)', 'text'],
    ['text', 'bpchar'],
    ['bit varying(5)', 'bit varying(10)'],
    ['bit(5)', 'bit(10)'],
    ['json', 'jsonb'],
    ['uuid', 'text'],
    ['varchar(10)[]', 'varchar(20)[]'],
    ['timestamp(3)', 'timestamp(6)'],
    ['timestamp(6)', 'timestamp(3)'],
    ['timestamp', 'timestamp(3)'],
    ['timestamptz(3)', 'timestamptz'],
    ['time(3)', 'time(6)'],
    ['interval(3)', 'interval'],
    ['int', 'oid'],
  ];
  for (const [from, to] of pairs) {
    test(`classifyTypeChange(${from} → ${to}) matches what Postgres does`, async () => {
      const expected = classifyTypeChange(typeOf(from), typeOf(to), 18);
      assert.notEqual(expected, 'metadata-if-utc');
      assert.equal(await rewrites(from, to), expected === 'rewrite');
    });
  }

  for (const [from, to] of [
    ['timestamp', 'timestamptz'],
    ['timestamptz', 'timestamp'],
  ]) {
    test(`${from} → ${to} rewrites only when the session TimeZone is not UTC`, async () => {
      assert.equal(classifyTypeChange(typeOf(from!), typeOf(to!), 18), 'metadata-if-utc' satisfies TypeChange);
      assert.equal(classifyTypeChange(typeOf(from!), typeOf(to!), 11), 'rewrite');
      assert.equal(await rewrites(from!, to!, 'UTC'), false);
      assert.equal(await rewrites(from!, to!, 'Europe/Paris'), true);
    });
  }

  test('every pg_catalog function in VOLATILE_FUNCTIONS is volatile; now() and friends are not', async () => {
    const rows = (await db.query<{ proname: string; v: boolean }>(`SELECT proname, bool_and(provolatile = 'v') AS v FROM pg_proc WHERE pronamespace = 'pg_catalog'::regnamespace GROUP BY proname`))
      .rows;
    const catalog = new Map(rows.map((r) => [r.proname, r.v]));
    const builtin = [...VOLATILE_FUNCTIONS].filter((f) => catalog.has(f));
    assert.ok(builtin.length >= 15, `expected most names to be built in, got ${builtin.join(', ')}`);
    for (const f of builtin) assert.equal(catalog.get(f), true, `${f} is not volatile in pg_catalog`);
    for (const f of ['now', 'statement_timestamp', 'transaction_timestamp', 'timezone', 'current_setting']) {
      assert.equal(catalog.get(f), false, f);
      assert.ok(!VOLATILE_FUNCTIONS.has(f), f);
    }
  });

  /** Lock modes the statement holds on `rels` (pg_locks, inside a transaction that is rolled back). */
  async function locksOf(setup: string, sql: string, rels: string[]): Promise<Record<string, string[]>> {
    await db.exec(`DROP SCHEMA IF EXISTS lk CASCADE; CREATE SCHEMA lk; SET search_path = lk, public; ${setup}`);
    await db.exec('BEGIN');
    try {
      await db.exec(sql);
      const rows = (
        await db.query<{ relname: string; mode: string }>(
          `SELECT c.relname, l.mode FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE l.pid = pg_backend_pid() AND c.relname = ANY($1) ORDER BY 1, 2`,
          [rels],
        )
      ).rows;
      const out: Record<string, string[]> = {};
      for (const r of rows) (out[r.relname] ??= []).push(r.mode);
      return out;
    } finally {
      await db.exec('ROLLBACK; SET search_path = public');
    }
  }
  const strongest = (modes: string[] | undefined) => {
    const order = ['AccessShareLock', 'RowShareLock', 'RowExclusiveLock', 'ShareUpdateExclusiveLock', 'ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock'];
    return (modes ?? []).reduce((a, m) => (order.indexOf(m) > order.indexOf(a) ? m : a), 'none');
  };

  test('the lock modes the rules describe', async () => {
    const parent = 'CREATE TABLE u (id int PRIMARY KEY); CREATE TABLE t (id int, uid int, c int); CREATE INDEX ti ON t (c); INSERT INTO u VALUES (1); INSERT INTO t VALUES (1, 1, 1);';
    const fk = await locksOf(parent, 'ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (uid) REFERENCES u (id)', ['t', 'u']);
    assert.equal(strongest(fk.t), 'ShareRowExclusiveLock');
    assert.equal(strongest(fk.u), 'ShareRowExclusiveLock');
    const validate = await locksOf(`${parent} ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (uid) REFERENCES u (id) NOT VALID;`, 'ALTER TABLE t VALIDATE CONSTRAINT fk', ['t']);
    assert.equal(strongest(validate.t), 'ShareUpdateExclusiveLock');
    assert.equal(strongest((await locksOf(parent, 'ALTER TABLE t ADD CONSTRAINT ck CHECK (c > 0)', ['t'])).t), 'AccessExclusiveLock');
    assert.equal(strongest((await locksOf(parent, 'CREATE INDEX t_uid ON t (uid)', ['t'])).t), 'ShareLock');
    assert.equal(strongest((await locksOf(parent, 'DROP INDEX ti', ['t'])).t), 'AccessExclusiveLock');
    const reindex = await locksOf(parent, 'REINDEX INDEX ti', ['t', 'ti']);
    assert.equal(strongest(reindex.t), 'ShareLock');
    assert.equal(strongest(reindex.ti), 'AccessExclusiveLock');
    assert.equal(strongest((await locksOf(parent, 'LOCK TABLE t', ['t'])).t), 'AccessExclusiveLock');
    assert.equal(strongest((await locksOf(`${parent} CREATE UNIQUE INDEX tu ON t (id);`, 'ALTER TABLE t ADD CONSTRAINT tu UNIQUE USING INDEX tu', ['t'])).t), 'AccessExclusiveLock');
    const domain = await locksOf('CREATE DOMAIN d AS int; CREATE TABLE td (v d); INSERT INTO td VALUES (1);', 'ALTER DOMAIN d ADD CONSTRAINT pos CHECK (VALUE > 0)', ['td']);
    assert.equal(strongest(domain.td), 'ShareLock');
    const detach = await locksOf('CREATE TABLE m (id int) PARTITION BY RANGE (id); CREATE TABLE m1 PARTITION OF m FOR VALUES FROM (0) TO (10);', 'ALTER TABLE m DETACH PARTITION m1', ['m']);
    assert.equal(strongest(detach.m), 'AccessExclusiveLock');
  });

  test('a volatile DEFAULT rewrites and now() does not, as adding-volatile-default says', async () => {
    await db.exec(`DROP TABLE IF EXISTS tv; CREATE TABLE tv (id int); INSERT INTO tv VALUES (1);`);
    const node = async () => (await db.query<{ r: number }>(`SELECT relfilenode AS r FROM pg_class WHERE relname = 'tv'`)).rows[0]!.r;
    const n0 = await node();
    await db.exec(`ALTER TABLE tv ADD COLUMN a timestamptz DEFAULT now()`);
    assert.equal(await node(), n0);
    await db.exec(`ALTER TABLE tv ADD COLUMN b uuid DEFAULT gen_random_uuid()`);
    assert.notEqual(await node(), n0);
    const rules = async (sql: string) => (await lintSql(sql)).filter((f) => f.rule === 'adding-volatile-default');
    assert.equal((await rules('ALTER TABLE tv ADD COLUMN a timestamptz DEFAULT now();')).length, 0);
    assert.equal((await rules('ALTER TABLE tv ADD COLUMN b uuid DEFAULT gen_random_uuid();')).length, 1);
  });
});

describe('version-specific behaviour', () => {
  const hits = async (rule: string, sql: string, pgVersion: number) => (await lintSql(sql, { pgVersion })).filter((f) => f.rule === rule);

  test('adding-volatile-default: any non-NULL DEFAULT before PG 11, only volatile ones after', async () => {
    const sql = "ALTER TABLE orders ADD COLUMN status text DEFAULT 'new';";
    const old = await hits('adding-volatile-default', sql, 10);
    assert.equal(old.length, 1);
    assert.match(old[0]!.message, /"status".*orders.*before PostgreSQL 11/);
    assert.equal((await hits('adding-volatile-default', sql, 11)).length, 0);
    assert.equal((await hits('adding-volatile-default', 'ALTER TABLE orders ADD COLUMN note text DEFAULT NULL;', 10)).length, 0);
  });

  test('setting-not-null: a validated CHECK only helps on PG 12+', async () => {
    const sql =
      'ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL) NOT VALID;\nALTER TABLE users VALIDATE CONSTRAINT users_email_nn;\nALTER TABLE users ALTER COLUMN email SET NOT NULL;';
    assert.equal((await hits('setting-not-null', sql, 12)).length, 0);
    const old = await hits('setting-not-null', sql, 11);
    assert.equal(old.length, 1);
    assert.equal(old[0]!.line, 3);
    assert.match(old[0]!.message, /users\.email/);
  });

  test('changing-column-type: timestamp → timestamptz rewrites before PG 12 even with TimeZone UTC', async () => {
    const sql = "SET timezone = 'UTC';\nALTER TABLE events ADD COLUMN at timestamp;\nALTER TABLE events ALTER COLUMN at TYPE timestamptz;";
    assert.equal((await hits('changing-column-type', sql, 12)).length, 0);
    const old = await hits('changing-column-type', sql, 11);
    assert.equal(old.length, 1);
    assert.match(old[0]!.message, /events\.at changes type from timestamp to timestamptz/);
  });

  test('changing-column-type: without UTC the message says how to avoid the rewrite', async () => {
    const [f] = await hits('changing-column-type', 'ALTER TABLE events ADD COLUMN at timestamp;\nALTER TABLE events ALTER COLUMN at TYPE timestamptz;', 15);
    assert.match(f!.message, /SET LOCAL timezone = 'UTC'/);
    assert.equal(f!.line, 2);
  });

  test('reindexing-non-concurrently points to the swap recipe before PG 12', async () => {
    const [f] = await hits('reindexing-non-concurrently', 'REINDEX INDEX orders_c_idx;', 11);
    assert.match(f!.message, /orders_c_idx.*needs PostgreSQL 12/);
    const [g] = await hits('reindexing-non-concurrently', 'REINDEX INDEX orders_c_idx;', 12);
    assert.doesNotMatch(g!.message, /needs PostgreSQL 12/);
  });

  test('detaching-partition-non-concurrently says there is no concurrent form before 14', async () => {
    const [f] = await hits('detaching-partition-non-concurrently', 'ALTER TABLE m DETACH PARTITION m_2023;', 13);
    assert.match(f!.message, /m_2023 from m.*no concurrent form before PostgreSQL 14/);
  });
});

describe('messages name what they lock', () => {
  const cases: [string, string, RegExp][] = [
    ['creating-index-non-concurrently', 'CREATE INDEX orders_c_idx ON orders (c);', /"orders_c_idx".*orders/],
    ['dropping-index-non-concurrently', 'DROP INDEX a_idx, b_idx;', /a_idx, b_idx/],
    ['adding-foreign-key', 'ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (c) REFERENCES customers (id);', /"fk" on orders → customers/],
    ['adding-unique-constraint', 'ALTER TABLE users ADD CONSTRAINT uq UNIQUE (tenant, email);', /"uq" on users \(tenant, email\)/],
    ['adding-primary-key', 'ALTER TABLE users ADD PRIMARY KEY (id);', /on users \(id\)/],
    ['locking-table-explicitly', 'LOCK TABLE a, b IN EXCLUSIVE MODE;', /a, b takes EXCLUSIVE: all writes/],
    ['validating-in-same-transaction', 'BEGIN;\nALTER TABLE t ADD CONSTRAINT c CHECK (x > 0) NOT VALID;\nALTER TABLE t VALIDATE CONSTRAINT c;\nCOMMIT;', /"c" on t.*\(line 2\)/],
    ['adding-serial-column', 'ALTER TABLE t ADD COLUMN n smallserial;', /"n".*t as smallserial/],
    ['running-vacuum-full', 'VACUUM FULL;', /every table/],
  ];
  for (const [rule, sql, re] of cases) {
    test(rule, async () => {
      const found = (await lintSql(sql)).filter((f) => f.rule === rule);
      assert.equal(found.length, 1, JSON.stringify(found));
      assert.match(found[0]!.message, re);
    });
  }

  test('one finding per statement (one rewrite), naming each offending column', async () => {
    const findings = await lintSql(
      'ALTER TABLE t ADD COLUMN a uuid DEFAULT gen_random_uuid(), ADD COLUMN b float8 DEFAULT random(), ADD COLUMN c int DEFAULT 1;\n' +
        'ALTER TABLE t ALTER COLUMN x TYPE bigint, ALTER COLUMN y TYPE jsonb USING to_jsonb(y), ALTER COLUMN z TYPE text;\n' +
        'ALTER TABLE t ALTER COLUMN p SET NOT NULL, ALTER COLUMN q SET NOT NULL;',
    );
    const of = (rule: string) => findings.filter((f) => f.rule === rule).map((f) => f.message);
    const [volatile] = of('adding-volatile-default');
    assert.equal(of('adding-volatile-default').length, 1);
    assert.match(volatile!, /Columns "a" \(gen_random_uuid\(\)\), "b" \(random\(\)\) are added to t/);
    assert.doesNotMatch(volatile!, /"c"/);
    assert.deepEqual(of('changing-column-type').length, 1);
    assert.match(of('changing-column-type')[0]!, /t\.x \(\? → bigint\), t\.y \(\? → jsonb with a USING expression\) change type/);
    assert.doesNotMatch(of('changing-column-type')[0]!, /t\.z/);
    assert.match(of('setting-not-null')[0]!, /t\.p, t\.q NOT NULL/);
  });
});

describe('squawk ignore comments map to these rules', () => {
  const cases: [string, string, string][] = [
    ['require-concurrent-reindex', 'REINDEX TABLE orders;', 'reindexing-non-concurrently'],
    ['require-concurrent-partition-detach', 'ALTER TABLE m DETACH PARTITION m_2023;', 'detaching-partition-non-concurrently'],
    ['adding-serial-primary-key-field', 'ALTER TABLE accounts ADD PRIMARY KEY (id);', 'adding-primary-key'],
    ['adding-field-with-default', 'ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid();', 'adding-volatile-default'],
    ['require-concurrent-index-creation', 'CREATE INDEX i ON orders (c);', 'creating-index-non-concurrently'],
    ['changing-column-type', 'ALTER TABLE orders ALTER COLUMN id TYPE bigint;', 'changing-column-type'],
  ];
  for (const [squawk, sql, ours] of cases) {
    test(`squawk-ignore ${squawk} silences ${ours}`, async () => {
      assert.ok(
        (await lintSql(sql)).some((f) => f.rule === ours),
        `${ours} should fire without the comment`,
      );
      const findings = await lintSql(`-- squawk-ignore ${squawk}\n${sql}`);
      assert.ok(!findings.some((f) => f.rule === ours), JSON.stringify(findings.map((f) => f.rule)));
    });
  }
});
