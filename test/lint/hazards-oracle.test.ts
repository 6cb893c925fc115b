// The claims of locking-table-outside-transaction, disabling-triggers,
// enabling-rls-without-policy and leaking-session-setting, checked on a native
// PostgreSQL 15 and on PGlite (PostgreSQL 18): what fails fails, the lock each names
// is the one pg_locks shows, and the harm each describes happens.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startDatabase } from '../../src/verify/databases/index';
import type { Database } from '../../src/verify/databases/types';
import { lintSql } from '../helpers';
import { localUnavailable } from '../verify/helpers';

const SETUP = 'CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (id int PRIMARY KEY, p_id int REFERENCES p (id)); INSERT INTO p VALUES (1); INSERT INTO c VALUES (1, 1);';

const servers: [string, () => Promise<Database>, string | undefined][] = [
  ['PostgreSQL 15 (local)', () => startDatabase('local', { pgMajor: 15 }), localUnavailable()],
  ['PostgreSQL 18 (PGlite)', () => startDatabase('pglite', {}), undefined],
];

for (const [label, start, skip] of servers) {
  describe(label, { skip }, () => {
    let db: Database;
    before(async () => {
      db = await start();
    });
    after(async () => {
      await db?.stop();
    });
    const fresh = async () => db.exec(`DROP TABLE IF EXISTS c, p CASCADE; ${SETUP}`);
    /** The strongest lock `sql` holds on `table` (pg_locks, in a transaction rolled back). */
    const lockOn = async (sql: string, table: string) => {
      await db.exec('BEGIN');
      try {
        await db.exec(sql);
        const rows = (await db.query<{ mode: string }>(`SELECT l.mode FROM pg_locks l JOIN pg_class r ON r.oid = l.relation WHERE l.pid = pg_backend_pid() AND r.relname = '${table}'`)).rows;
        const order = ['AccessShareLock', 'RowShareLock', 'RowExclusiveLock', 'ShareUpdateExclusiveLock', 'ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock'];
        return rows.map((r) => r.mode).sort((a, b) => order.indexOf(b) - order.indexOf(a))[0];
      } finally {
        await db.exec('ROLLBACK');
      }
    };

    test('locking-table-outside-transaction: LOCK TABLE in autocommit fails; in a block it runs', async () => {
      await fresh();
      await assert.rejects(db.exec('LOCK TABLE p IN SHARE MODE'), /LOCK TABLE can only be used in transaction blocks/);
      await db.exec('BEGIN; LOCK TABLE p IN SHARE MODE; COMMIT;');
      assert.equal((await lintSql('LOCK TABLE p IN SHARE MODE;')).filter((f) => f.rule === 'locking-table-outside-transaction').length, 1);
    });

    test('disabling-triggers: SHARE ROW EXCLUSIVE, foreign keys unchecked while disabled, orphans kept after', async () => {
      await fresh();
      assert.equal(await lockOn('ALTER TABLE c DISABLE TRIGGER ALL', 'c'), 'ShareRowExclusiveLock');
      assert.equal(await lockOn('ALTER TABLE c DISABLE TRIGGER USER', 'c'), 'ShareRowExclusiveLock');
      await db.exec('ALTER TABLE c DISABLE TRIGGER ALL');
      await db.exec('INSERT INTO c VALUES (2, 999)'); // no parent 999: the FK is not checked
      await db.exec('ALTER TABLE c ENABLE TRIGGER ALL');
      const orphans = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM c WHERE p_id NOT IN (SELECT id FROM p)');
      assert.equal(orphans.rows[0].n, 1, 're-enabling checks nothing');
    });

    test('enabling-rls-without-policy: ACCESS EXCLUSIVE, and a non-owner role then sees zero rows', async () => {
      await fresh();
      assert.equal(await lockOn('ALTER TABLE p ENABLE ROW LEVEL SECURITY', 'p'), 'AccessExclusiveLock');
      await db.exec(`DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mg_app') THEN CREATE ROLE mg_app NOLOGIN; END IF; END $$; GRANT SELECT ON p TO mg_app;`);
      await db.exec('ALTER TABLE p ENABLE ROW LEVEL SECURITY');
      await db.exec('BEGIN; SET LOCAL ROLE mg_app');
      try {
        assert.equal((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM p')).rows[0].n, 0);
      } finally {
        await db.exec('ROLLBACK');
      }
      assert.equal((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM p')).rows[0].n, 1, 'the owner still sees the row');
    });

    test('leaking-session-setting: plain SET survives COMMIT, SET LOCAL does not, RESET puts it back', async () => {
      const show = async () => (await db.query<{ lock_timeout: string }>('SHOW lock_timeout')).rows[0].lock_timeout;
      await db.exec('RESET lock_timeout');
      const initial = await show();
      await db.exec("BEGIN; SET LOCAL lock_timeout = '3s'; COMMIT;");
      assert.equal(await show(), initial);
      await db.exec("BEGIN; SET lock_timeout = '3s'; COMMIT;");
      assert.equal(await show(), '3s');
      await db.exec('RESET lock_timeout');
      assert.equal(await show(), initial);
    });
  });
}

for (const [label, start, skip] of servers) {
  describe(`${label}: enum values, partitions, foreign keys`, { skip }, () => {
    let db: Database;
    before(async () => {
      db = await start();
    });
    after(async () => {
      await db?.stop();
    });
    const holds = async (sql: string) => {
      const rows = (
        await db.query<{ relname: string; mode: string }>(`SELECT r.relname, l.mode FROM pg_locks l JOIN pg_class r ON r.oid = l.relation WHERE l.pid = pg_backend_pid() AND r.relname LIKE 'ev%'`)
      ).rows;
      return Object.fromEntries(rows.filter((r) => !sql || r.relname).map((r) => [r.relname, r.mode]));
    };

    test('using-new-enum-value: a value used in the transaction that added it fails; a type created in that transaction is exempt from 17 on', async () => {
      const major = Number(db.serverVersion.split('.')[0]);
      await db.exec("DROP TYPE IF EXISTS mg_mood CASCADE; CREATE TYPE mg_mood AS ENUM ('sad');");
      for (const [setup, fails] of [
        ['', true],
        ["DROP TYPE mg_mood; CREATE TYPE mg_mood AS ENUM ('sad');", major < 17],
      ] as const) {
        await db.exec(`BEGIN; ${setup} ALTER TYPE mg_mood ADD VALUE 'ok';`);
        try {
          if (fails) await assert.rejects(db.exec("SELECT 'ok'::mg_mood"), /unsafe use of new value "ok" of enum type mg_mood/);
          else await db.exec("SELECT 'ok'::mg_mood");
        } finally {
          await db.exec('ROLLBACK');
        }
        const sql = `BEGIN;\n${setup.replace('DROP TYPE mg_mood; ', '')}\nALTER TYPE mg_mood ADD VALUE 'ok';\nSELECT 'ok'::mg_mood;\nCOMMIT;`;
        const hits = (await lintSql(sql, { pgVersion: major })).filter((f) => f.rule === 'using-new-enum-value');
        assert.equal(hits.length, fails ? 1 : 0, `the rule agrees with PostgreSQL ${major}: ${sql}`);
      }
      await db.exec("ALTER TYPE mg_mood ADD VALUE 'ok'");
      await db.exec("SELECT 'ok'::mg_mood");
    });

    test('attaching-partition-without-check: ACCESS EXCLUSIVE on the table attached (and on a DEFAULT partition), SHARE UPDATE EXCLUSIVE on the parent', async () => {
      await db.exec(
        "DROP TABLE IF EXISTS ev CASCADE; DROP TABLE IF EXISTS ev_2025; CREATE TABLE ev (d date) PARTITION BY RANGE (d); CREATE TABLE ev_default PARTITION OF ev DEFAULT; CREATE TABLE ev_2025 (d date); INSERT INTO ev_2025 VALUES ('2025-03-01');",
      );
      await db.exec('BEGIN');
      try {
        await db.exec("ALTER TABLE ev ATTACH PARTITION ev_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')");
        const locks = await holds('x');
        assert.equal(locks.ev, 'ShareUpdateExclusiveLock');
        assert.equal(locks.ev_2025, 'AccessExclusiveLock');
        assert.equal(locks.ev_default, 'AccessExclusiveLock');
      } finally {
        await db.exec('ROLLBACK');
      }
      // The scan is real: a row outside the bound makes the attach fail.
      await db.exec("INSERT INTO ev_2025 VALUES ('2027-01-01')");
      await assert.rejects(db.exec("ALTER TABLE ev ATTACH PARTITION ev_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')"), /violated by some row/);
    });

    test('breaking-replica-identity: on a published table, UPDATE fails after REPLICA IDENTITY NOTHING or with the primary key dropped', async () => {
      await db.exec('DROP PUBLICATION IF EXISTS mg_pub; DROP TABLE IF EXISTS ri; CREATE TABLE ri (id int PRIMARY KEY, v int); INSERT INTO ri VALUES (1, 1); CREATE PUBLICATION mg_pub FOR TABLE ri;');
      try {
        await db.exec('UPDATE ri SET v = 2');
        await db.exec('ALTER TABLE ri REPLICA IDENTITY NOTHING');
        await assert.rejects(db.exec('UPDATE ri SET v = 3'), /cannot update table "ri" because it does not have a replica identity and publishes updates/);
        await db.exec('ALTER TABLE ri REPLICA IDENTITY DEFAULT; ALTER TABLE ri DROP CONSTRAINT ri_pkey');
        await assert.rejects(db.exec('DELETE FROM ri'), /cannot delete from table "ri" because it does not have a replica identity and publishes deletes/);
        await db.exec('ALTER TABLE ri ADD PRIMARY KEY (id)');
        await db.exec('DELETE FROM ri');
      } finally {
        await db.exec('DROP PUBLICATION IF EXISTS mg_pub');
      }
    });

    test('foreign-key-without-index: deleting a parent row scans the child without an index, not with one', async () => {
      await db.exec(
        'DROP TABLE IF EXISTS fk_c, fk_p; CREATE TABLE fk_p (id int PRIMARY KEY); CREATE TABLE fk_c (id int PRIMARY KEY, p int REFERENCES fk_p (id)); INSERT INTO fk_p SELECT g FROM generate_series(1, 10) g;',
      );
      const scans = async () => {
        await db.exec('SELECT pg_stat_force_next_flush()').catch(() => {});
        return (await db.query<{ n: number }>("SELECT coalesce(seq_scan, 0)::int AS n FROM pg_stat_user_tables WHERE relname = 'fk_c'")).rows[0]?.n ?? 0;
      };
      const before = await scans();
      await db.exec('DELETE FROM fk_p WHERE id = 1');
      await db.exec('DELETE FROM fk_p WHERE id = 2');
      const unindexed = (await scans()) - before;
      await db.exec('CREATE INDEX fk_c_p ON fk_c (p); SET enable_seqscan = off;');
      const mid = await scans();
      await db.exec('DELETE FROM fk_p WHERE id = 3');
      await db.exec('RESET enable_seqscan');
      assert.equal(unindexed, 2, 'one scan of the child per parent row deleted');
      assert.equal((await scans()) - mid, 0, 'with the index, no scan');
    });
  });
}
