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
