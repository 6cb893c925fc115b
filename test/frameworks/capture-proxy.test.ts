// The capture proxy between a real client (node-postgres) and a real server:
// everything forwarded, and what ran recorded with its outcome and transaction status.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { startCaptureProxy, type CaptureProxy } from '../../src/capture/proxy';
import type { Database } from '../../src/verify/databases/types';
import { localUnavailable, startLocal } from '../verify/helpers';

describe('capture proxy', { skip: localUnavailable() ?? false }, () => {
  let db: Database;
  let proxy: CaptureProxy;
  before(async () => {
    db = await startLocal();
    const u = new URL(db.url!);
    proxy = await startCaptureProxy({ host: u.hostname, port: Number(u.port) });
  });
  after(async () => {
    await proxy?.close();
    await db?.stop();
  });

  const client = async () => {
    const c = new pg.Client({ host: proxy.host, port: proxy.port, user: 'postgres', database: 'postgres' });
    await c.connect();
    return c;
  };

  it('records simple and extended queries, named statements, parameters, errors and transaction status', async () => {
    proxy.take();
    const c = await client();
    await c.query('BEGIN');
    await c.query('CREATE TABLE t (id int); CREATE INDEX t_id ON t (id)');
    await c.query({ name: 'ins', text: 'INSERT INTO t VALUES ($1)', values: [6] });
    await c.query({ name: 'ins', text: 'INSERT INTO t VALUES ($1)', values: [7] });
    await assert.rejects(c.query('SELECT nope'));
    await c.query('ROLLBACK');
    await assert.rejects(c.query('SELECT $1::int', ['x']));
    const { rows } = await c.query('SELECT count(*)::int AS n FROM pg_class WHERE relname = $1', ['t']);
    await c.end();
    assert.equal(rows[0].n, 0, 'the rollback went through the proxy');
    const q = proxy.take().map(({ sql, protocol, txBefore, txAfter, params, error, tags }) => ({ sql, protocol, txBefore, txAfter, params, code: error?.code, tags }));
    assert.deepEqual(q.slice(0, 7), [
      { sql: 'BEGIN', protocol: 'simple', txBefore: 'I', txAfter: 'T', params: undefined, code: undefined, tags: ['BEGIN'] },
      { sql: 'CREATE TABLE t (id int); CREATE INDEX t_id ON t (id)', protocol: 'simple', txBefore: 'T', txAfter: 'T', params: undefined, code: undefined, tags: ['CREATE TABLE', 'CREATE INDEX'] },
      { sql: 'INSERT INTO t VALUES ($1)', protocol: 'extended', txBefore: 'T', txAfter: 'T', params: ['6'], code: undefined, tags: ['INSERT 0 1'] },
      { sql: 'INSERT INTO t VALUES ($1)', protocol: 'extended', txBefore: 'T', txAfter: 'T', params: ['7'], code: undefined, tags: ['INSERT 0 1'] },
      { sql: 'SELECT nope', protocol: 'simple', txBefore: 'T', txAfter: 'E', params: undefined, code: '42703', tags: [] },
      { sql: 'ROLLBACK', protocol: 'simple', txBefore: 'E', txAfter: 'I', params: undefined, code: undefined, tags: ['ROLLBACK'] },
      { sql: 'SELECT $1::int', protocol: 'extended', txBefore: 'I', txAfter: 'I', params: ['x'], code: '22P02', tags: [] },
    ]);
  });

  it('refuses TLS so the stream stays readable, and serves several connections at once', async () => {
    proxy.take();
    const tls = new pg.Client({ host: proxy.host, port: proxy.port, user: 'postgres', database: 'postgres', ssl: { rejectUnauthorized: false } });
    await assert.rejects(tls.connect(), /does not support SSL/);
    const [a, b] = await Promise.all([client(), client()]);
    await Promise.all([a.query('SELECT 1 AS one'), b.query('SELECT 2 AS two')]);
    await Promise.all([a.end(), b.end()]);
    const seen = proxy.take();
    assert.deepEqual(new Set(seen.map((q) => q.sql)), new Set(['SELECT 1 AS one', 'SELECT 2 AS two']));
    assert.equal(new Set(seen.map((q) => q.connection)).size, 2);
  });
});
