// The LintContext the engine hands each statement: transactions as Postgres runs
// them, objects created earlier, timeouts, held locks; and the lock table in
// src/lint/locks.ts checked against a real server's pg_locks (PGlite).
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { PGlite } from '@electric-sql/pglite';
import { initParser, parseSql } from '../src/sql/parse';
import { lintSource } from '../src/lint/engine';
import { LOCK_RANK, tableLocks, type LockMode } from '../src/lint/locks';
import { isNewTable } from '../src/lint/created';
import type { Statement } from '../src/types';
import { defineRule } from '../src/lint/rule';
import type { LintContext } from '../src/lint/context';

before(() => initParser());

interface Seen {
  statement: Statement;
  ctx: LintContext;
}

/** Lint `sql` with one probe rule that records every statement and context it is given. */
function probe(sql: string, opts: { transactional?: boolean; assumeInTransaction?: boolean; functionBodies?: boolean } = {}): Seen[] {
  const seen: Seen[] = [];
  const rule = defineRule({
    meta: { id: 'probe', severity: 'info', summary: 'probe', why: 'probe', fix: 'probe', examples: { bad: [], good: [] }, lintsFunctionBodies: opts.functionBodies },
    create: () => ({
      '*'(statement, ctx) {
        // Copy what may change later, to prove the walker never mutates a context it handed out.
        seen.push({ statement, ctx: { ...ctx, createdTables: ctx.createdTables, accessExclusiveHeld: ctx.accessExclusiveHeld } as LintContext });
      },
    }),
  });
  lintSource({ source: { file: 'm.sql', text: sql, firstLine: 1 }, transactional: opts.transactional }, [{ rule, severity: 'info' }], [rule], {
    pgVersion: 15,
    assumeInTransaction: opts.assumeInTransaction ?? false,
  });
  return seen;
}
const txFlags = (seen: Seen[]) => seen.map((s) => `${s.statement.kind}:${s.ctx.inTransaction ? 'T' : '-'}`).join(' ');

test('explicit transactions: BEGIN…COMMIT, a second BEGIN is ignored, COMMIT AND CHAIN keeps one open', () => {
  assert.equal(
    txFlags(probe('SELECT 1; BEGIN; SELECT 2; BEGIN; SELECT 3; COMMIT; SELECT 4; START TRANSACTION; COMMIT AND CHAIN; SELECT 5; ROLLBACK; SELECT 6;')),
    'SelectStmt:- TransactionStmt:- SelectStmt:T TransactionStmt:T SelectStmt:T TransactionStmt:T SelectStmt:- TransactionStmt:- TransactionStmt:T SelectStmt:T TransactionStmt:T SelectStmt:-',
  );
  const seen = probe('BEGIN;\nSELECT 1;\nCOMMIT;\nSELECT 2;');
  assert.equal(seen[1]!.ctx.explicitTransactionStart?.range.line, 1);
  assert.equal(seen[1]!.ctx.explicitTransactionDepth, 1);
  assert.equal(seen[3]!.ctx.explicitTransactionStart, undefined);
  assert.equal(seen[3]!.ctx.explicitTransactionDepth, 0);
});

test('SAVEPOINT, ROLLBACK TO and RELEASE do not end the transaction; PREPARE TRANSACTION does', () => {
  assert.equal(
    txFlags(probe("BEGIN; SAVEPOINT a; ROLLBACK TO SAVEPOINT a; RELEASE SAVEPOINT a; SELECT 1; PREPARE TRANSACTION 'x'; SELECT 2;")),
    'TransactionStmt:- TransactionStmt:T TransactionStmt:T TransactionStmt:T SelectStmt:T TransactionStmt:T SelectStmt:-',
  );
});

test("the framework's transaction covers the file until a COMMIT in it ends it", () => {
  assert.equal(txFlags(probe('SELECT 1; SELECT 2;', { transactional: true })), 'SelectStmt:T SelectStmt:T');
  assert.equal(txFlags(probe('SELECT 1; SELECT 2;', { assumeInTransaction: true })), 'SelectStmt:T SelectStmt:T');
  assert.equal(txFlags(probe('SELECT 1; COMMIT; SELECT 2;', { transactional: true })), 'SelectStmt:T TransactionStmt:T SelectStmt:-');
  const seen = probe('BEGIN; SELECT 1;', { transactional: true });
  assert.equal(seen[1]!.ctx.frameworkTransaction, true);
  assert.equal(seen[1]!.ctx.explicitTransactionStart, undefined, 'BEGIN inside the framework transaction is ignored');
});

test('DO block statements run in the DO transaction; function body statements run later and only reach opted-in rules', () => {
  const sql = 'DO $$ BEGIN ALTER TABLE users ADD COLUMN a int; END $$;\nCREATE FUNCTION f() RETURNS void LANGUAGE sql AS $$ DELETE FROM users $$;';
  const plain = probe(sql);
  assert.deepEqual(
    plain.map((s) => s.statement.kind),
    ['DoStmt', 'AlterTableStmt', 'CreateFunctionStmt'],
  );
  assert.equal(plain[1]!.ctx.inTransaction, true);
  assert.equal(plain[1]!.ctx.runsDuringMigration, true);
  const opted = probe(sql, { functionBodies: true });
  const body = opted.find((s) => s.statement.kind === 'DeleteStmt')!;
  assert.equal(body.ctx.runsDuringMigration, false);
  assert.equal(body.ctx.inTransaction, true);
});

test('created objects: tables (CREATE, AS, SELECT INTO, renames, matviews), indexes, views, types; not from function bodies', () => {
  const sql = [
    'CREATE TABLE a (id int);',
    'CREATE TABLE b AS SELECT 1 AS x;',
    'SELECT 1 AS x INTO c;',
    'ALTER TABLE a RENAME TO a2;',
    'CREATE MATERIALIZED VIEW mv AS SELECT 1;',
    'CREATE INDEX a_idx ON a2 (id);',
    'CREATE VIEW v AS SELECT 1;',
    "CREATE TYPE mood AS ENUM ('ok');",
    'DO $$ BEGIN CREATE TABLE from_do (id int); END $$;',
    'CREATE FUNCTION f() RETURNS void LANGUAGE sql AS $$ CREATE TABLE from_fn (id int) $$;',
    'SELECT 1;',
  ].join('\n');
  const seen = probe(sql);
  const first = seen[0]!.ctx;
  const last = seen.at(-1)!.ctx;
  assert.equal(first.isNew('a'), false, 'a table is new only after its CREATE');
  assert.deepEqual([...last.createdTables].sort(), ['a', 'a2', 'b', 'c', 'from_do', 'mv']);
  for (const name of ['public.A2', 'a_idx', 'v', 'mood', 'from_do']) assert.ok(last.isNew(name), name);
  assert.equal(last.isNew('from_fn'), false);
  assert.equal(isNewTable(last, 'from_fn'), false, 'created.ts agrees: a function body creates nothing during the migration');
  assert.equal(isNewTable(last, 'from_do'), true);
  assert.equal(last.isNew('users'), false);
  assert.equal(first.createdTables.size, 0, 'earlier contexts are not changed afterwards');
});

test('lock_timeout: SET, SET LOCAL (only inside a transaction, until its end), RESET, 0, set_config', () => {
  const flags = (sql: string, o = {}) =>
    probe(sql, o)
      .map((s) => (s.ctx.lockTimeoutSet ? 'L' : '-'))
      .join('');
  assert.equal(flags("SELECT 1; SET lock_timeout = '2s'; SELECT 2; RESET lock_timeout; SELECT 3;"), '--LL-');
  assert.equal(flags("SET LOCAL lock_timeout = '2s'; SELECT 1;"), '--', 'SET LOCAL outside a transaction does nothing');
  assert.equal(flags("BEGIN; SET LOCAL lock_timeout = '2s'; SELECT 1; COMMIT; SELECT 2;"), '--LL-');
  assert.equal(flags("SET lock_timeout = 1000; SET lock_timeout TO 0; SELECT 1; SET lock_timeout = '5s'; SET lock_timeout TO DEFAULT; SELECT 2;"), '-L--L-');
  assert.equal(flags("SELECT set_config('lock_timeout', '3s', false); SELECT 1;"), '-L');
  assert.equal(flags("BEGIN; SELECT set_config('lock_timeout', '3s', true); SELECT 1; COMMIT; SELECT 2;"), '--LL-');
  assert.equal(flags("SET lock_timeout = '2s'; RESET ALL; SELECT 1;"), '-L-');
  assert.equal(flags("DO $$ BEGIN SET LOCAL lock_timeout = '1s'; ALTER TABLE t ADD COLUMN x int; END $$; SELECT 1;"), '--L-', 'SET LOCAL inside a DO lasts until the DO ends');
  const stmt = probe("SET statement_timeout = '1min'; SELECT 1;");
  assert.equal(stmt[1]!.ctx.statementTimeoutSet, true);
  assert.equal(stmt[1]!.ctx.lockTimeoutSet, false);
});

test('held ACCESS EXCLUSIVE locks: only in a transaction, only on existing tables, released at COMMIT', () => {
  const seen = probe('BEGIN;\nCREATE TABLE n (id int);\nALTER TABLE n ADD COLUMN x int;\nALTER TABLE users ADD COLUMN x int;\nSELECT 1;\nCOMMIT;\nALTER TABLE users ADD COLUMN y int;\nSELECT 2;');
  const held = seen.map((s) => [...s.ctx.accessExclusiveHeld].map(([t, l]) => `${t}@${l}`).join(','));
  assert.deepEqual(held, ['', '', '', '', 'users@4', 'users@4', '', '']);
  const inDo = probe('DO $$ BEGIN ALTER TABLE users ADD COLUMN a int; UPDATE users SET a = 1; END $$;\nSELECT 1;');
  assert.deepEqual(
    inDo.map((s) => s.ctx.accessExclusiveHeld.size),
    [0, 0, 1, 0],
    'held inside the DO, released after it',
  );
});

test('once() is true the first time per key and file', () => {
  const seen = probe('SELECT 1; SELECT 2;');
  assert.equal(seen[0]!.ctx.once('k'), true);
  assert.equal(seen[1]!.ctx.once('k'), false);
  assert.equal(seen[1]!.ctx.once('other'), true);
  assert.equal(probe('SELECT 1;')[0]!.ctx.once('k'), true, 'a new file starts afresh');
});

test('a large file lints fast (contexts are not copied per statement)', () => {
  const parts: string[] = [];
  for (let i = 0; i < 3000; i++) parts.push(`CREATE TABLE t${i} (id int PRIMARY KEY, v text);\nCREATE INDEX t${i}_v ON t${i} (v);\nALTER TABLE t${i} ADD COLUMN w int;`);
  const t0 = performance.now();
  const seen = probe(parts.join('\n'));
  const ms = performance.now() - t0;
  assert.equal(seen.length, 9000);
  assert.equal(seen.at(-1)!.ctx.createdTables.size, 3000);
  assert.ok(ms < 8000, `took ${ms.toFixed(0)} ms`);
});

// ---------------------------------------------------------------------------
// locks.ts against pg_locks

const SETUP = `
CREATE TABLE p (id int PRIMARY KEY, n int);
CREATE TABLE c (id int PRIMARY KEY, p_id int REFERENCES p (id), v text, w int);
CREATE INDEX c_v ON c (v);
CREATE UNIQUE INDEX c_w_u ON c (w);
ALTER TABLE c ADD CONSTRAINT c_w_chk CHECK (w > 0) NOT VALID;
CREATE MATERIALIZED VIEW mv AS SELECT id FROM p;
CREATE UNIQUE INDEX mv_id ON mv (id);
CREATE TABLE part (id int, k int) PARTITION BY RANGE (k);
CREATE TABLE part1 PARTITION OF part FOR VALUES FROM (0) TO (10);
CREATE TABLE loose (id int, k int);
CREATE FUNCTION trg() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER t1 BEFORE INSERT ON c FOR EACH ROW EXECUTE FUNCTION trg();
CREATE VIEW v1 AS SELECT * FROM p;
`;

const CASES = [
  'ALTER TABLE c ADD COLUMN x int',
  'ALTER TABLE c ADD COLUMN z int REFERENCES p (id)',
  'ALTER TABLE c ADD CONSTRAINT fk2 FOREIGN KEY (w) REFERENCES p (id) NOT VALID',
  'ALTER TABLE c ADD CONSTRAINT ck CHECK (w > 1) NOT VALID',
  'ALTER TABLE c VALIDATE CONSTRAINT c_w_chk',
  'ALTER TABLE c ADD CONSTRAINT u UNIQUE USING INDEX c_w_u',
  'ALTER TABLE c ALTER COLUMN v SET STATISTICS 100',
  'ALTER TABLE c SET (fillfactor = 70)',
  'ALTER TABLE c CLUSTER ON c_v',
  'ALTER TABLE c DISABLE TRIGGER t1',
  'ALTER TABLE c ALTER COLUMN w SET NOT NULL',
  'ALTER TABLE c ALTER COLUMN w TYPE bigint',
  'ALTER TABLE part ATTACH PARTITION loose FOR VALUES FROM (10) TO (20)',
  'ALTER TABLE part DETACH PARTITION part1',
  'CREATE TABLE part2 PARTITION OF part FOR VALUES FROM (20) TO (30)',
  'CREATE TABLE n (id int REFERENCES p (id))',
  'CREATE INDEX ON c (w)',
  'REINDEX TABLE c',
  'CREATE TRIGGER t2 BEFORE UPDATE ON c FOR EACH ROW EXECUTE FUNCTION trg()',
  'DROP TRIGGER t1 ON c',
  'CREATE POLICY pol ON c USING (true)',
  'CREATE RULE r AS ON INSERT TO c DO INSTEAD NOTHING',
  'REFRESH MATERIALIZED VIEW mv',
  'REFRESH MATERIALIZED VIEW CONCURRENTLY mv',
  'TRUNCATE c',
  'LOCK TABLE c',
  'LOCK TABLE c IN SHARE MODE',
  'CLUSTER c USING c_v',
  'CREATE OR REPLACE VIEW v1 AS SELECT * FROM p',
  'ALTER TABLE c RENAME COLUMN v TO vv',
];

test('tableLocks matches the strongest lock Postgres takes on each named relation (pg_locks)', { timeout: 120_000 }, async () => {
  const db = new PGlite();
  try {
    await db.exec(SETUP);
    for (const sql of CASES) {
      const st = parseSql({ file: 'x', text: sql, firstLine: 1 }).statements[0]!;
      const predicted = new Map(tableLocks(st).map((l) => [l.relation, l.mode]));
      await db.exec('BEGIN');
      await db.exec(sql);
      const rows = (await db.query<{ rel: string; mode: string }>("SELECT relation::regclass::text AS rel, mode FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'relation'")).rows;
      await db.exec('ROLLBACK');
      const strongest = new Map<string, LockMode>();
      for (const r of rows) {
        const mode = r.mode.replace(/Lock$/, '') as LockMode;
        if (!(r.rel in { p: 1, c: 1, mv: 1, part: 1, part1: 1, loose: 1, v1: 1 })) continue;
        if (!strongest.has(r.rel) || LOCK_RANK[mode] > LOCK_RANK[strongest.get(r.rel)!]) strongest.set(r.rel, mode);
      }
      for (const [rel, mode] of predicted) assert.equal(strongest.get(rel), mode, `${sql}: ${rel}`);
      // Everything we predict nothing for is weaker than SHARE (does not block writes).
      for (const [rel, mode] of strongest) if (!predicted.has(rel)) assert.ok(LOCK_RANK[mode] < LOCK_RANK.Share, `${sql}: unpredicted ${mode} on ${rel}`);
    }
  } finally {
    await db.close();
  }
});
