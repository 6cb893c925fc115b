// requiring-newer-postgres against real servers: what it flags for target 15 fails on a
// native PostgreSQL 15 and applies on PGlite (PostgreSQL 18); what it leaves alone
// applies on both. The rule's table of features is only as good as this check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startDatabase } from '../../src/verify/databases/index';
import type { Database } from '../../src/verify/databases/types';
import { lintSql } from '../helpers';
import { localUnavailable } from '../verify/helpers';

const SETUP = 'CREATE TABLE t (id int PRIMARY KEY, a int, email text, doc jsonb); CREATE TABLE s (id int PRIMARY KEY, a int);';
const FLAGGED = [
  'ALTER TABLE t ADD COLUMN b int GENERATED ALWAYS AS (a + 1) VIRTUAL',
  'ALTER TABLE t ALTER COLUMN email SET DEFAULT uuidv7()::text',
  "SELECT * FROM JSON_TABLE('[1]'::jsonb, '$[*]' COLUMNS (v int PATH '$')) AS jt",
  "SELECT JSON_VALUE(doc, '$.a') FROM t",
  'MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE SET a = s.a RETURNING t.id',
  'ALTER TABLE t ADD CONSTRAINT t_a_nn NOT NULL a NOT VALID',
];
const FINE = [
  'MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE SET a = s.a',
  'CREATE UNIQUE INDEX t_email_key ON t (email) NULLS NOT DISTINCT',
  'ALTER TABLE t ADD COLUMN c int GENERATED ALWAYS AS (a * 2) STORED',
];

async function applies(db: Database, sql: string): Promise<string | true> {
  await db.exec('BEGIN');
  try {
    await db.exec(SETUP);
    await db.exec(sql);
    return true;
  } catch (err) {
    return (err as Error).message;
  } finally {
    await db.exec('ROLLBACK');
  }
}

test('requiring-newer-postgres: flagged for target 15 = fails on PostgreSQL 15 and applies on 18; the rest applies on both', { skip: localUnavailable() }, async () => {
  const pg15 = await startDatabase('local', { pgMajor: 15 });
  const pg18 = await startDatabase('pglite', {});
  try {
    assert.match(pg15.serverVersion, /^15\./);
    for (const sql of FLAGGED) {
      const hits = (await lintSql(`${sql};`, { pgVersion: 15 })).filter((f) => f.rule === 'requiring-newer-postgres');
      assert.equal(hits.length, 1, `flagged for 15: ${sql}`);
      assert.notEqual(await applies(pg15, sql), true, `fails on 15: ${sql}`);
      assert.equal(await applies(pg18, sql), true, `applies on 18: ${sql}`);
      assert.deepEqual(
        (await lintSql(`${sql};`, { pgVersion: 18 })).filter((f) => f.rule === 'requiring-newer-postgres'),
        [],
        `not flagged for 18: ${sql}`,
      );
    }
    for (const sql of FINE) {
      assert.deepEqual(
        (await lintSql(`${sql};`, { pgVersion: 15 })).filter((f) => f.rule === 'requiring-newer-postgres'),
        [],
        `not flagged for 15: ${sql}`,
      );
      assert.equal(await applies(pg15, sql), true, `applies on 15: ${sql}`);
    }
  } finally {
    await pg15.stop();
    await pg18.stop();
  }
});
