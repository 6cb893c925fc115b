// The whole-chain rollback on real Postgres (PGlite): after the forward pass the
// changed migrations are reverted newest first and each down's result compared with
// the schema before its up. Each case is its own migration set on a fresh database.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { verifyMigrations } from '../../src/verify/index';
import { renderVerificationText } from '../../src/report/verification-text';
import { renderComment } from '../../src/github/comment';
import { buildReport } from '../../src/report/build';
import type { Migration } from '../../src/types';
import { migration, startPglite } from './helpers';

async function verify(migrations: Migration[]) {
  const db = await startPglite();
  try {
    return await verifyMigrations(migrations, db);
  } finally {
    await db.stop();
  }
}

describe('whole-chain rollback', () => {
  test('downs offset by one (kratos): each fails alone, the chain restores the schema and the findings say so', async () => {
    const set = [
      migration('001_a', 'CREATE TABLE a (id int PRIMARY KEY);', 'DROP TABLE a;'),
      // 002's down undoes 003's up, as kratos's split migrations do.
      migration('002_b', 'CREATE TABLE b (id int PRIMARY KEY);', 'DROP TABLE c;\nDROP TABLE b;'),
      migration('003_c', 'CREATE TABLE c (id int PRIMARY KEY, b_id int REFERENCES b (id));', '-- undone by 002'),
    ];
    const { verification, findings } = await verify(set);
    const byId = new Map(verification.migrations.map((v) => [v.id, v]));
    assert.equal(byId.get('002_b')!.down!.ok, false);
    assert.deepEqual(verification.chain, { ok: true, size: 3, reverted: 3, dependsOnLater: ['002_b'] });
    const f = findings.find((x) => x.migration === '002_b' && x.rule === 'down-failing');
    assert.ok(f, JSON.stringify(findings));
    assert.match(f.message, /Reverting the whole chain of 3 changed migrations \(newest first\) does work: this down relies on the downs of the migrations after it/);
    assert.equal(findings.filter((x) => x.rule === 'chain-rollback-failing').length, 0);
    const text = renderVerificationText(verification);
    assert.match(
      text,
      /✔ whole-chain rollback \(the 3 changed migrations reverted newest first, as migrate down does\): restores the schema before the first up; 1 down that fails or leaves differences alone right after its own up does its part in the chain/,
    );
    assert.match(text, /downs that work only in the chain: 002_b/);
  });

  test('a leftover swept away with its table by an older down is reported as masked, not as the chain doing its part (examples/ 000006)', async () => {
    const set = [
      migration('001_users', 'CREATE TABLE users (id int PRIMARY KEY, created_at timestamptz);', 'DROP TABLE users;'),
      // The down forgets the index; only 001's DROP TABLE users makes it go away.
      migration('002_index', 'ALTER TABLE users ADD COLUMN flag boolean;\nCREATE INDEX users_created_at_idx ON users (created_at);', 'ALTER TABLE users DROP COLUMN flag;'),
      migration('003_orders', 'CREATE TABLE orders (id int PRIMARY KEY);', 'DROP TABLE orders;'),
    ];
    const { verification, findings } = await verify(set);
    const own = verification.migrations.find((v) => v.id === '002_index')!;
    assert.equal(own.reversible, false);
    const chain = verification.chain!;
    assert.equal(chain.ok, true); // the chain does end at the schema before 001's up
    assert.equal(chain.dependsOnLater, undefined);
    assert.deepEqual(chain.masked, [{ migration: '002_index', by: '001_users', owner: 'table users', objects: ['index users_created_at_idx'] }]);
    const f = findings.find((x) => x.migration === '002_index' && x.rule === 'down-not-restoring-schema')!;
    assert.match(
      f.message,
      /gets past this only because the down of 001_users drops table users, which takes index users_created_at_idx with it: a rollback that stops before 001_users keeps the difference/,
    );
    assert.doesNotMatch(f.message, /relies on the downs/);
    const text = renderVerificationText(verification);
    assert.match(
      text,
      /⚠ whole-chain rollback .*: restores the schema before the first up, but a difference the down of 002_index left is only removed because an older down drops its whole table \(rolling 002_index back alone keeps it\)/,
    );
    assert.match(
      text,
      /not undone, only swept away with what an older down drops:\n      - the difference 002_index's down left on index users_created_at_idx was only removed because 001_users's down drops table users/,
    );
    assert.doesNotMatch(text, /downs that work only in the chain/);
  });

  test('a column or constraint left behind is masked too; an offset down dropping a table with its index in a schema still does its part', async () => {
    const { verification } = await verify([
      migration('001_s', 'CREATE SCHEMA s;\nCREATE TABLE s.t (id int);', 'DROP SCHEMA s CASCADE;'),
      migration('002_col', 'ALTER TABLE s.t ADD COLUMN extra int CHECK (extra > 0);', '-- forgot'),
      // Kratos-style: 003's down drops the table 004's up created (index and all).
      migration('003_u', 'CREATE TABLE s.u (id int);', 'DROP TABLE s.v;\nDROP TABLE s.u;'),
      migration('004_v', 'CREATE TABLE s.v (id int);\nCREATE INDEX v_id_idx ON s.v (id);', ''),
    ]);
    const chain = verification.chain!;
    assert.equal(chain.ok, true);
    assert.deepEqual(chain.dependsOnLater, ['003_u']);
    assert.deepEqual(chain.masked, [{ migration: '002_col', by: '001_s', owner: 'schema s', objects: ['column s.t.extra', 'constraint t_extra_check on s.t'] }]);
  });

  test('a table renamed back by an offset down carries what it holds: not masked (kratos rename_profile_flows, names past 63 characters)', async () => {
    // Snapshot keys of long names (table + column past 63 characters) must not be cut at 63.
    const t = 'selfservice_profile_management_request_methods';
    const s = 'selfservice_settings_request_methods';
    const { verification } = await verify([
      migration('001', `CREATE TABLE ${t} (id int, selfservice_profile_management_request_id int);`, `DROP TABLE ${t};`),
      migration('002', `ALTER TABLE ${t} RENAME COLUMN selfservice_profile_management_request_id TO selfservice_settings_request_id;`, 'DROP TABLE x;'),
      migration('003', `ALTER TABLE ${t} RENAME TO ${s};`, `ALTER TABLE ${s} RENAME TO ${t};`),
      // Undoes 002's up: its column differs under the name 003 gave the table, until 003's down renames it back.
      migration('004', 'CREATE TABLE x (id int);', `ALTER TABLE ${s} RENAME COLUMN selfservice_settings_request_id TO selfservice_profile_management_request_id;`),
    ]);
    assert.deepEqual(verification.chain, { ok: true, size: 4, reverted: 4, dependsOnLater: ['004', '002'] });
  });

  test('downs that each work alone can fail as a chain: a down meets rows seeded after its own cycle', async () => {
    const set = [
      migration('001_t', 'CREATE TABLE t (id int PRIMARY KEY);', 'DROP TABLE t;'),
      // Alone, u is empty when this down runs; in the chain it holds the rows seeded before 003.
      migration('002_u', 'CREATE TABLE u (id int PRIMARY KEY);', 'ALTER TABLE u ADD COLUMN required int NOT NULL;\nDROP TABLE u;'),
      migration('003_v', 'CREATE TABLE v (id int PRIMARY KEY);', 'DROP TABLE v;'),
    ];
    const { verification, findings } = await verify(set);
    for (const v of verification.migrations) assert.ok(v.reversible && v.reapplicable, `${v.id}: ${v.down?.error ?? v.schemaDiff.join('; ')}`);
    const chain = verification.chain!;
    assert.equal(chain.ok, false);
    assert.equal(chain.brokeAt, '002_u');
    assert.equal(chain.reverted, 1);
    assert.equal(chain.file, 'db/002_u.down.sql');
    assert.equal(chain.line, 1);
    assert.match(chain.error!, /contains null values/);
    const f = findings.filter((x) => x.rule === 'chain-rollback-failing');
    assert.equal(f.length, 1);
    assert.equal(f[0]!.file, 'db/002_u.down.sql');
    assert.equal(f[0]!.line, 1);
    assert.equal(f[0]!.severity, 'error');
    assert.match(f[0]!.message, /fails at this down after 1 later down ran, although it runs right after its own up: .*contains null values\. It meets rows written after its up/);
    assert.match(renderVerificationText(verification), /✖ whole-chain rollback .*: the down of 002_u fails after 1 later down ran\n    down failed in the chain:\n      - db\/002_u.down.sql line 1: /);
    const report = buildReport(
      set.map((m) => ({ id: m.id, layout: m.layout, up: m.up.file, down: m.down?.file, transactional: true, changed: true })),
      findings,
      verification,
    );
    assert.match(renderComment(report), /❌ whole-chain rollback \(the 3 changed migrations reverted newest first, as migrate down does\): the down of 002\\?_u fails after 1 later down ran/);
  });

  test('a down failing on what a newer down left behind names that down as the likely cause (hatchet v1_0_90/91)', async () => {
    const set = [
      migration('001_base', 'CREATE TABLE base (id int);', 'DROP TABLE base;'),
      migration('002_lookup', 'CREATE TABLE lookup (id int);', 'DROP TABLE lookup;'),
      migration('003_drop_lookup', 'DROP TABLE IF EXISTS lookup;', '-- nothing to restore, says the author\nSELECT 1;'),
      // An unrelated difference that started earlier in the chain does not take the blame.
      migration('004_other', 'CREATE TABLE other (id int);', '-- forgot'),
    ];
    const { verification, findings } = await verify(set);
    const chain = verification.chain!;
    assert.equal(chain.brokeAt, '002_lookup');
    assert.equal(chain.astrayFrom, '003_drop_lookup');
    assert.match(chain.error!, /table "lookup" does not exist/);
    assert.deepEqual(chain.schemaDiff, [
      'column lookup.id: absent after reverting the chain, present before the up of 003_drop_lookup',
      'table lookup: absent after reverting the chain, present before the up of 003_drop_lookup',
      'column other.id: present after reverting the chain, absent before the up of 003_drop_lookup',
      'table other: present after reverting the chain, absent before the up of 003_drop_lookup',
    ]);
    assert.equal(chain.dependsOnLater, undefined);
    const f = findings.find((x) => x.rule === 'chain-rollback-failing')!;
    assert.equal(f.file, 'db/002_lookup.down.sql');
    assert.match(
      f.message,
      /table "lookup" does not exist\. The schema it ran on already differed from the one its up left, from the down of 003_drop_lookup on \(likely the cause\): column lookup.id: absent/,
    );
    const text = renderVerificationText(verification);
    assert.match(text, /the down of 002_lookup fails after 2 later downs ran \(on a schema the down of 003_drop_lookup had left different\)/);
    assert.match(text, /the schema that down ran on was not the one its up left \(likely cause: the down of 003_drop_lookup\):\n      - column lookup\.id: absent/);
  });

  test('a lasting difference is blamed on the down where it started, not on a detour that came back', async () => {
    const set = [
      migration('001_a', 'CREATE TABLE a (id int);', 'DROP TABLE a;'),
      migration('002_seq', 'CREATE TABLE b (id int);\nCREATE SEQUENCE forgotten_seq;', 'DROP TABLE b;'),
      migration('003_c', 'CREATE TABLE c (id int);', 'DROP TABLE d;\nDROP TABLE c;'),
      migration('004_d', 'CREATE TABLE d (id int);', ''),
    ];
    const { verification, findings } = await verify(set);
    const chain = verification.chain!;
    assert.equal(chain.ok, false);
    assert.equal(chain.brokeAt, '002_seq');
    assert.equal(chain.reverted, 4);
    assert.deepEqual(chain.schemaDiff, ['sequence forgotten_seq: present after reverting the chain, absent before the up of 001_a']);
    assert.deepEqual(chain.dependsOnLater, ['003_c']);
    // 002's own finding already names the cause: it says the chain fails there too, no second finding.
    assert.equal(findings.filter((x) => x.rule === 'chain-rollback-failing').length, 0);
    const own = findings.find((x) => x.migration === '002_seq' && x.rule === 'down-not-restoring-schema')!;
    assert.match(own.message, /Reverting the whole chain of 4 changed migrations \(newest first\) does not restore the schema either, from this down on: sequence forgotten_seq/);
    const c = findings.find((x) => x.migration === '003_c' && x.rule === 'down-failing')!;
    assert.match(c.message, /In the whole chain of 4 changed migrations \(newest first\) this down does its part/);
  });

  test('a migration without a down file ends the chain without a finding; unchanged migrations are history', async () => {
    const noDown = await verify([
      migration('001_a', 'CREATE TABLE a (id int);', 'DROP TABLE a;'),
      migration('002_b', 'CREATE TABLE b (id int);'),
      migration('003_c', 'CREATE TABLE c (id int);', 'DROP TABLE c;'),
    ]);
    assert.deepEqual(noDown.verification.chain, { ok: false, size: 3, reverted: 1, brokeAt: '002_b', error: '002_b has no down migration: the chain cannot be reverted past it', noDown: true });
    assert.equal(noDown.findings.filter((x) => x.rule === 'chain-rollback-failing').length, 0);
    assert.match(renderVerificationText(noDown.verification), /- whole-chain rollback .*: stops at 002_b, which has no down migration \(1 down ran before it\)/);

    const history = await verify([
      migration('001_a', 'CREATE TABLE a (id int);', 'DROP TABLE a;', { changed: false }),
      // Reverting only the changed ones: 001's broken down is history and never runs.
      migration('002_b', 'CREATE TABLE b (id int);', 'DROP TABLE b;'),
      migration('003_c', 'CREATE TABLE c (id int);', 'DROP TABLE c;'),
    ]);
    assert.deepEqual(history.verification.chain, { ok: true, size: 2, reverted: 2 });

    const trailingUnchanged = await verify([migration('001_a', 'CREATE TABLE a (id int);', 'DROP TABLE a;'), migration('002_b', 'CREATE TABLE b (id int);', 'DROP TABLE b;', { changed: false })]);
    assert.equal(trailingUnchanged.verification.chain, undefined);

    const noDowns = await verify([migration('001_a', 'CREATE TABLE a (id int);'), migration('002_b', 'CREATE TABLE b (id int);')]);
    assert.equal(noDowns.verification.chain, undefined);
  });
});
