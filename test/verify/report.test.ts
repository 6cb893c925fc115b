// Verification → findings and → text, on a hand-written Verification with the
// shapes the cycle produces (the cycle itself is tested on real Postgres).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rules } from '../../rules/index';
import { rejectsRows, verificationFindings } from '../../src/verify/findings';
import { renderVerificationText } from '../../src/report/verification-text';
import type { Verification } from '../../src/types';
import { migration } from './helpers';

const verification: Verification = {
  database: { kind: 'pglite', serverVersion: '18.6' },
  ms: 1234,
  migrations: [
    {
      id: '002_idx',
      file: 'db/002_idx.up.sql',
      hasDown: true,
      up: { ok: true, error: null, ms: 3 },
      down: { ok: true, error: null, ms: 1 },
      reup: { ok: false, error: 'relation "users_email_idx" already exists', ms: 1, line: 2 },
      reversible: false,
      reapplicable: false,
      schemaDiff: ['index users_email_idx: present after down, absent before up', 'table users: column order b, a after down, a, b before up (order only)'],
      dataCheck: { rowsSeeded: 100, failsWithData: false, error: null, lost: ['users.note: 100 values lost'] },
      statements: [
        {
          line: 1,
          sql: 'ALTER TABLE users ALTER COLUMN id TYPE bigint',
          ms: 4.25,
          locks: [
            { relation: 'users', mode: 'AccessExclusiveLock' },
            { relation: 'users', mode: 'ShareLock' },
          ],
          rewrites: ['users'],
        },
        { line: 2, sql: 'CREATE INDEX users_email_idx\n  ON users (email)', ms: 1.5, locks: [{ relation: 'users', mode: 'ShareLock' }], rewrites: [] },
      ],
    },
    {
      id: '003_nn',
      file: 'db/003_nn.up.sql',
      hasDown: false,
      up: { ok: true, error: null, ms: 1 },
      reversible: false,
      reapplicable: false,
      schemaDiff: [],
      dataCheck: { rowsSeeded: 100, failsWithData: true, error: 'line 4: column "plan" of relation "users" contains null values', lost: [] },
      statements: [{ line: 4, sql: 'ALTER TABLE users ADD COLUMN plan text NOT NULL', ms: 0.5, locks: [], rewrites: [], error: 'column "plan" of relation "users" contains null values' }],
    },
    {
      id: '004_after',
      file: 'db/004_after.up.sql',
      hasDown: true,
      up: { ok: false, error: 'not run: migration 003 failed', ms: 0 },
      reversible: false,
      reapplicable: false,
      schemaDiff: [],
      dataCheck: { rowsSeeded: 0, failsWithData: false, error: null, lost: [] },
      statements: [],
      skipped: 'migration 003 failed',
    },
  ],
};

test('verify findings take severity and help from their rules/ entry, which is a verify-stage rule', () => {
  const migrations = [migration('002_idx', 'x', 'y'), migration('003_nn', 'z'), migration('004_after', 'w', 'v')];
  const findings = verificationFindings(verification, migrations);
  assert.ok(findings.length > 0);
  for (const f of findings) {
    const rule = rules.find((r) => r.meta.id === f.rule);
    assert.ok(rule, `rules/${f.rule}.ts missing`);
    assert.equal(rule.meta.stage, 'verify', f.rule);
    assert.equal(f.severity, rule.meta.severity, f.rule);
    assert.equal(f.help, rule.meta.fix, f.rule);
  }
});

test('findings sit at the right file and line', () => {
  const migrations = [migration('002_idx', 'x', 'y'), migration('003_nn', 'z'), migration('004_after', 'w', 'v')];
  const findings = verificationFindings(verification, migrations);
  const summary = findings.map((f) => `${f.rule} ${f.file}:${f.line}`);
  assert.deepEqual(summary, [
    'rewriting-table db/002_idx.up.sql:1',
    'down-not-restoring-schema db/002_idx.down.sql:1',
    'losing-data-on-rollback db/002_idx.up.sql:1',
    'up-not-reapplicable db/002_idx.up.sql:2',
    'failing-with-existing-rows db/003_nn.up.sql:4',
  ]);
  const diff = findings.find((f) => f.rule === 'down-not-restoring-schema')!;
  assert.match(diff.message, /index users_email_idx: present after down/);
  assert.doesNotMatch(diff.message, /column order/);
});

test('text: verdicts, a statement table with locks/rewrites/ms, and the differences', () => {
  const text = renderVerificationText(verification);
  assert.match(text, /^verify: pglite \(PostgreSQL 18\.6\), 3 migrations in 1234 ms/);
  assert.match(text, /✖ 002_idx {2}not reversible, not re-applicable, loses data on rollback, rewrites a table/);
  assert.match(text, /line {2}statement +locks +rewrites +ms/);
  assert.match(text, /1 {2}ALTER TABLE users ALTER COLUMN id TYPE bigint +users AccessExclusive +users +4\.3/);
  assert.match(text, /2 {2}CREATE INDEX users_email_idx ON users \(email\) +users Share +- +1\.5/); // whitespace collapsed
  assert.match(text, /- index users_email_idx: present after down, absent before up/);
  assert.match(text, /second up \(after down\) failed:\n +- line 2: relation "users_email_idx" already exists/);
  assert.match(text, /column order changed \(not counted as a difference\):\n +- table users: column order b, a after down, a, b before up\n/);
  assert.match(text, /✖ 003_nn {2}fails with existing rows, no down: not reversible/);
  assert.match(text, /NOT NULL +- +- +0\.5  ✖/); // the failing statement is marked
  assert.match(text, /- 004_after {2}skipped: migration 003 failed/);
});

test('failures that depend on the synthetic values are told apart from structural ones', () => {
  assert.equal(rejectsRows('ALTER TABLE users ALTER COLUMN gh_login SET NOT NULL', 'column "gh_login" of relation "users" contains null values'), true);
  assert.equal(rejectsRows('ALTER TABLE users ADD COLUMN plan text NOT NULL', 'column "plan" of relation "users" contains null values'), false);
  assert.equal(rejectsRows('ALTER TABLE v ALTER COLUMN f TYPE jsonb USING f::jsonb', 'invalid input syntax for type json'), true);
  assert.equal(rejectsRows('ALTER TABLE c ADD CONSTRAINT fk FOREIGN KEY (u) REFERENCES users (id)', 'insert or update on table "c" violates foreign key constraint "fk"'), true);
  assert.equal(rejectsRows('INSERT INTO m (id) SELECT id FROM r', 'null value in column "created_at" of relation "m" violates not-null constraint'), false);
});
