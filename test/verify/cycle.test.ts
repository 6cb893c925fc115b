// The up → down → up proof on real Postgres: PGlite always, a native cluster
// (the `local` provider, initdb) where Postgres binaries exist. One run per
// database covers the independent cases, each migration on its own tables.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { verifyMigrations } from '../../src/verify/index';
import type { Database } from '../../src/verify/databases/types';
import type { Finding, MigrationVerification, Verification } from '../../src/types';
import { localUnavailable, migration, startLocal, startPglite } from './helpers';

const cases = [
  migration('001_reversible', 'CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL, legacy int, note text);\nCREATE INDEX users_legacy_idx ON users (legacy);', 'DROP TABLE users;'),
  migration('002_forgets_index', 'CREATE INDEX users_email_idx ON users (email);', '-- forgot the index\nSELECT 1;'),
  migration('003_wrong_type', 'ALTER TABLE users ALTER COLUMN legacy TYPE bigint;', 'ALTER TABLE users ALTER COLUMN legacy TYPE text USING legacy::text;'),
  migration('004_no_down', 'CREATE TABLE audit (id bigint PRIMARY KEY, at timestamptz NOT NULL DEFAULT now());'),
  migration('005_type_left_behind', "CREATE TYPE mood AS ENUM ('happy', 'sad');\nALTER TABLE audit ADD COLUMN mood mood;", 'ALTER TABLE audit DROP COLUMN mood;'),
  migration('006_required_column', 'CREATE TABLE accounts (id int PRIMARY KEY);\n\nALTER TABLE users ADD COLUMN plan text NOT NULL;', 'ALTER TABLE users DROP COLUMN plan;\nDROP TABLE accounts;'),
  migration('007_int_to_bigint', 'CREATE TABLE payments (id int PRIMARY KEY, amount int NOT NULL);', 'DROP TABLE payments;'),
  migration('008_rewrite', 'ALTER TABLE payments ALTER COLUMN amount TYPE bigint;', 'ALTER TABLE payments ALTER COLUMN amount TYPE int;'),
  migration('009_share_lock_index', 'CREATE INDEX payments_amount_idx ON payments (amount);', 'DROP INDEX payments_amount_idx;'),
  migration('010_data_lost', 'ALTER TABLE users DROP COLUMN note;', 'ALTER TABLE users ADD COLUMN note text;'),
  migration('011_unchanged', 'CREATE TABLE untouched (id int);', 'DROP TABLE untouched;', { changed: false }),
  migration('012_concurrently', 'CREATE INDEX CONCURRENTLY payments_id_amount_idx ON payments (id, amount);', 'DROP INDEX CONCURRENTLY payments_id_amount_idx;', { transactional: false }),
  migration('012b_concurrently_in_transaction', 'CREATE TABLE tags (id int);', 'DROP TABLE tags;\nCREATE INDEX CONCURRENTLY payments_amount2_idx ON payments (amount);'),
  migration('013_down_fails', 'CREATE TABLE widgets (id int);', 'DROP TABLE widgetz;'),
  migration(
    '014_seeds_constraints',
    "CREATE TABLE orgs (id uuid PRIMARY KEY, kind text NOT NULL CHECK (kind IN ('a', 'b')), tags text[] NOT NULL, meta jsonb NOT NULL, mood mood NOT NULL);\n" +
      'CREATE TABLE members (id bigserial PRIMARY KEY, org_id uuid NOT NULL REFERENCES orgs (id), parent_id bigint REFERENCES members (id), email varchar(40) NOT NULL UNIQUE);',
    'DROP TABLE members;\nDROP TABLE orgs;',
  ),
  migration('015_touch_seeded', 'ALTER TABLE members ADD COLUMN nickname text;', 'ALTER TABLE members DROP COLUMN nickname;'),
  migration(
    '016_down_loses_other_table',
    'CREATE INDEX members_email_idx ON members (email);',
    "DROP INDEX members_email_idx;\nALTER TABLE orgs DROP COLUMN meta;\nALTER TABLE orgs ADD COLUMN meta jsonb NOT NULL DEFAULT '{}';",
  ),
  migration('017_delete_rows', 'DELETE FROM payments;', 'SELECT 1;'),
  migration('018_after_delete', 'ALTER TABLE payments DROP COLUMN amount;', 'ALTER TABLE payments ADD COLUMN amount bigint;'),
  migration('019_check_rejects_rows', "ALTER TABLE users ADD CONSTRAINT users_email_at CHECK (email LIKE '%@%');", 'ALTER TABLE users DROP CONSTRAINT users_email_at;'),
  migration('020_enum_value_used', "ALTER TYPE mood ADD VALUE 'angry';\nUPDATE audit SET mood = 'angry';", 'UPDATE audit SET mood = NULL;', { transactional: false }),
  migration('021_profiles', "CREATE TABLE profiles (id int PRIMARY KEY, website text CHECK (website LIKE 'http%'), bio text);", 'DROP TABLE profiles;'),
  migration('022_drop_bio', 'ALTER TABLE profiles DROP COLUMN bio;', 'ALTER TABLE profiles ADD COLUMN bio text;'),
  migration(
    '023_trigger',
    'CREATE TABLE events (id int PRIMARY KEY, note text, at timestamp);\n' +
      "CREATE FUNCTION events_note() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.at > '2000-01-01' THEN NEW.note := 'x'; END IF; RETURN NEW; END $$;\n" +
      'CREATE TRIGGER events_note BEFORE INSERT OR UPDATE ON events FOR EACH ROW EXECUTE FUNCTION events_note();',
    'DROP TABLE events;\nDROP FUNCTION events_note();',
  ),
  migration('024_retype', 'ALTER TABLE events ALTER COLUMN at TYPE timestamptz;', 'ALTER TABLE events ALTER COLUMN at TYPE timestamp;'),
  migration('025_update_after_retype', "UPDATE events SET note = 'y';", 'SELECT 1;'),
  migration(
    '026_autocommit_fails_with_rows',
    'CREATE INDEX CONCURRENTLY profiles_website_idx ON profiles (website);\nALTER TABLE profiles ADD COLUMN score int NOT NULL;',
    'ALTER TABLE profiles DROP COLUMN score;\nDROP INDEX CONCURRENTLY profiles_website_idx;',
    { transactional: false },
  ),
  migration('027_after_rebuild', 'ALTER TABLE profiles ADD COLUMN tagline text;', 'ALTER TABLE profiles DROP COLUMN tagline;'),
  migration('028_search_path', 'SET search_path = app, pg_catalog;\nALTER TABLE public.members DROP COLUMN email;', 'ALTER TABLE public.members ADD COLUMN email varchar(40);'),
  migration('029_after_search_path', 'ALTER TABLE public.members ADD COLUMN bio text;', 'ALTER TABLE public.members DROP COLUMN bio;'),
];

function byId(v: Verification, id: string): MigrationVerification {
  const m = v.migrations.find((x) => x.id === id);
  assert.ok(m, `no verification for ${id}`);
  return m;
}

function rulesOf(findings: Finding[], id: string): string[] {
  return findings
    .filter((f) => f.migration === id)
    .map((f) => f.rule)
    .sort();
}

function suite(name: string, start: () => Promise<Database>, skip?: string) {
  describe(name, { skip }, () => {
    let db: Database;
    let verification: Verification;
    let findings: Finding[];
    before(async () => {
      db = await start();
      ({ verification, findings } = await verifyMigrations(cases, db, { seedRows: 100 }));
    });
    after(async () => {
      await db?.stop();
    });

    test('a reversible migration: no difference, no finding', () => {
      const v = byId(verification, '001_reversible');
      assert.equal(v.up.ok, true);
      assert.equal(v.reversible, true);
      assert.equal(v.reapplicable, true);
      assert.deepEqual(v.schemaDiff, []);
      assert.deepEqual(rulesOf(findings, '001_reversible'), []);
      assert.equal(v.statements.length, 2);
      assert.equal(v.statements[1]!.line, 2);
    });

    test('down forgets an index: not reversible, the index named, up fails again', () => {
      const v = byId(verification, '002_forgets_index');
      assert.equal(v.reversible, false);
      assert.ok(v.schemaDiff.includes('index users_email_idx: present after down, absent before up'), v.schemaDiff.join('\n'));
      assert.equal(v.reapplicable, false);
      assert.match(v.reup!.error!, /users_email_idx.*already exists/);
      assert.deepEqual(rulesOf(findings, '002_forgets_index'), ['down-not-restoring-schema', 'up-not-reapplicable']);
      const f = findings.find((x) => x.rule === 'down-not-restoring-schema' && x.migration === '002_forgets_index')!;
      assert.equal(f.file, 'db/002_forgets_index.down.sql');
    });

    test('down restores the wrong type', () => {
      const v = byId(verification, '003_wrong_type');
      assert.equal(v.reversible, false);
      assert.ok(v.schemaDiff.includes('column users.legacy: type text after down, integer before up'), v.schemaDiff.join('\n'));
      assert.ok(rulesOf(findings, '003_wrong_type').includes('down-not-restoring-schema'));
    });

    test('no down: applied, said plainly not reversible, no cycle finding', () => {
      const v = byId(verification, '004_no_down');
      assert.equal(v.hasDown, false);
      assert.equal(v.up.ok, true);
      assert.equal(v.reversible, false);
      assert.equal(v.down, undefined);
      assert.deepEqual(rulesOf(findings, '004_no_down'), []);
    });

    test('a type left behind makes the up fail again', () => {
      const v = byId(verification, '005_type_left_behind');
      assert.equal(v.reversible, false);
      assert.ok(v.schemaDiff.includes('enum mood: present after down, absent before up'), v.schemaDiff.join('\n'));
      assert.equal(v.reup?.ok, false);
      assert.match(v.reup!.error!, /type "mood" already exists/);
      const f = findings.find((x) => x.rule === 'up-not-reapplicable' && x.migration === '005_type_left_behind');
      assert.equal(f?.line, 1);
    });

    test('NOT NULL column without default fails only once the table has rows', () => {
      const v = byId(verification, '006_required_column');
      assert.equal(v.up.ok, true);
      assert.equal(v.dataCheck.failsWithData, true);
      assert.ok(v.dataCheck.rowsSeeded >= 100);
      assert.match(v.dataCheck.error!, /line 3: column "plan" of relation "users" contains null values/);
      const f = findings.find((x) => x.rule === 'failing-with-existing-rows' && x.migration === '006_required_column');
      assert.equal(f?.line, 3);
      assert.equal(f?.severity, 'error');
      // The chain went on from the state the up made.
      assert.equal(v.reversible, true);
    });

    test('int → bigint rewrites the table under ACCESS EXCLUSIVE', () => {
      const v = byId(verification, '008_rewrite');
      const s = v.statements[0]!;
      assert.deepEqual(s.rewrites, ['payments']);
      assert.ok(
        s.locks.some((l) => l.relation === 'payments' && l.mode === 'AccessExclusiveLock'),
        JSON.stringify(s.locks),
      );
      assert.ok(rulesOf(findings, '008_rewrite').includes('rewriting-table'));
      assert.equal(v.reversible, true);
    });

    test('a non-concurrent index takes SHARE on the table and rewrites nothing', () => {
      const s = byId(verification, '009_share_lock_index').statements[0]!;
      assert.deepEqual(s.locks, [{ relation: 'payments', mode: 'ShareLock' }]);
      assert.deepEqual(s.rewrites, []);
      assert.deepEqual(rulesOf(findings, '009_share_lock_index'), []);
    });

    test('schema restored but column data lost', () => {
      const v = byId(verification, '010_data_lost');
      assert.equal(v.reversible, true);
      assert.deepEqual(v.dataCheck.lost, ['users.note: 100 values lost']);
      const f = findings.find((x) => x.rule === 'losing-data-on-rollback' && x.migration === '010_data_lost');
      assert.equal(f?.file, 'db/010_data_lost.up.sql');
    });

    test('unchanged migrations are applied but not reported', () => {
      assert.equal(
        verification.migrations.some((m) => m.id === '011_unchanged'),
        false,
      );
    });

    test('CONCURRENTLY in a non-transactional migration runs outside a transaction and says what was not observed', () => {
      const v = byId(verification, '012_concurrently');
      assert.equal(v.up.ok, true);
      assert.match(v.statements[0]!.notObserved ?? '', /outside a transaction/);
      assert.equal(v.reversible, true);
      assert.equal(v.reapplicable, true);
    });

    test('CONCURRENTLY in a migration its framework wraps in a transaction fails as it will in production', () => {
      const v = byId(verification, '012b_concurrently_in_transaction');
      assert.equal(v.down?.ok, false);
      assert.match(v.down!.error!, /cannot run inside a transaction block/);
      assert.equal(v.down!.line, 2);
    });

    test('a failed down is reported and the next migration starts from the up state', () => {
      const v = byId(verification, '013_down_fails');
      assert.equal(v.down?.ok, false);
      assert.match(v.down!.error!, /widgetz/);
      assert.deepEqual(rulesOf(findings, '013_down_fails'), ['down-failing']);
    });

    test('seeding respects checks, arrays, jsonb, enums, foreign keys and uniques', () => {
      const v = byId(verification, '015_touch_seeded');
      assert.equal(v.up.ok, true);
      assert.equal(v.dataCheck.unseeded, undefined, JSON.stringify(v.dataCheck.unseeded));
      assert.ok(v.dataCheck.rowsSeeded >= 200, String(v.dataCheck.rowsSeeded));
    });

    test('data lost by a down on a table the up did not touch is still found', () => {
      const v = byId(verification, '016_down_loses_other_table');
      assert.deepEqual(v.dataCheck.lost, ['orgs.meta: values changed']);
    });

    test('rows deleted by an up are noticed: the next migration sees a refilled table', () => {
      assert.deepEqual(byId(verification, '017_delete_rows').dataCheck.lost, ['payments: 100 of 100 rows lost']);
      const v = byId(verification, '018_after_delete');
      assert.deepEqual(v.dataCheck.lost, ['payments.amount: 100 values lost']);
    });

    test('a constraint the synthetic rows break is a question about real rows, not a proven failure', () => {
      const v = byId(verification, '019_check_rejects_rows');
      assert.equal(v.dataCheck.failsWithData, true);
      assert.deepEqual(rulesOf(findings, '019_check_rejects_rows'), ['rejecting-existing-rows']);
    });

    test('a new enum value used by the next statement works in a migration without a transaction', () => {
      const v = byId(verification, '020_enum_value_used');
      assert.equal(v.up.ok, true, v.up.error ?? '');
      assert.equal(v.statements.length, 2);
      assert.ok(
        v.statements[1]!.locks.some((l) => l.relation === 'audit' && l.mode === 'RowExclusiveLock'),
        JSON.stringify(v.statements[1]),
      );
    });

    test('a CHECK the synthetic value breaks leaves only that optional column NULL', () => {
      assert.deepEqual(byId(verification, '022_drop_bio').dataCheck.lost, ['profiles.bio: 100 values lost']);
    });

    test('a trigger compiled before a column type change still works in the next migration (as in a fresh deploy session)', () => {
      const v = byId(verification, '025_update_after_retype');
      assert.equal(v.up.ok, true, v.up.error ?? '');
      assert.equal(v.dataCheck.failsWithData, false, v.dataCheck.error ?? '');
    });

    test('a migration without a transaction that fails part-way with rows: database rebuilt, retried empty, chain goes on', () => {
      const v = byId(verification, '026_autocommit_fails_with_rows');
      assert.equal(v.up.ok, true, v.up.error ?? '');
      assert.equal(v.dataCheck.failsWithData, true);
      assert.match(v.dataCheck.error!, /line 2: column "score" of relation "profiles" contains null values/);
      assert.equal(v.reversible, true, v.schemaDiff.join('\n'));
      const after = byId(verification, '027_after_rebuild');
      assert.equal(after.up.ok, true, after.up.error ?? '');
      assert.equal(after.reversible, true, after.schemaDiff.join('\n'));
      assert.ok(after.dataCheck.rowsSeeded > 0);
    });

    test('names do not depend on the search_path a migration sets', () => {
      const v = byId(verification, '028_search_path');
      assert.deepEqual(v.dataCheck.lost, ['members.email: 100 values lost']);
      assert.ok(
        v.statements[1]!.locks.some((l) => l.relation === 'members' && l.mode === 'AccessExclusiveLock'),
        JSON.stringify(v.statements[1]!.locks),
      );
      const after = byId(verification, '029_after_search_path');
      assert.equal(after.reversible, true, after.schemaDiff.join('\n'));
      assert.deepEqual(after.dataCheck.lost, []);
      assert.deepEqual(after.statements[0]!.locks, [{ relation: 'members', mode: 'AccessExclusiveLock' }]);
    });
  });
}

suite('verify on PGlite', () => startPglite());
suite('verify on a native Postgres (local provider)', () => startLocal(), localUnavailable());

describe('chain stops at an up that fails on the empty database', () => {
  test('up-failing at the statement line, later migrations skipped', async () => {
    const db = await startPglite();
    try {
      const { verification, findings } = await verifyMigrations(
        [
          migration('001_ok', 'CREATE TABLE a (id int);', 'DROP TABLE a;'),
          migration('002_broken', 'ALTER TABLE a ADD COLUMN b int;\nALTER TABLE missing ADD COLUMN c int;', 'SELECT 1;'),
          migration('003_after', 'CREATE TABLE c (id int);', 'DROP TABLE c;'),
        ],
        db,
      );
      const broken = byId(verification, '002_broken');
      assert.equal(broken.up.ok, false);
      assert.equal(broken.up.line, 2);
      assert.match(broken.up.error!, /relation "missing" does not exist/);
      const f = findings.find((x) => x.rule === 'up-failing');
      assert.equal(f?.line, 2);
      assert.equal(f?.file, 'db/002_broken.up.sql');
      const after = byId(verification, '003_after');
      assert.ok(after.skipped);
      assert.deepEqual(rulesOf(findings, '003_after'), []);
    } finally {
      await db.stop();
    }
  });
});

describe('extra up files', () => {
  test('statements of an extra up file are traced and a failure there points at that file', async () => {
    const db = await startPglite();
    try {
      const m = migration('001_multi', 'CREATE TABLE a (id int);', undefined, {
        extraUp: [{ file: 'db/v1/extra.sql', text: 'CREATE TABLE b (id int);\nALTER TABLE nope ADD COLUMN c int;', firstLine: 1 }],
      });
      const { verification, findings } = await verifyMigrations([m], db);
      const v = byId(verification, '001_multi');
      assert.equal(v.up.ok, false);
      assert.equal(v.statements[1]!.file, 'db/v1/extra.sql');
      assert.equal(v.statements[0]!.file, undefined);
      const f = findings.find((x) => x.rule === 'up-failing');
      assert.equal(`${f?.file}:${f?.line}`, 'db/v1/extra.sql:2');
    } finally {
      await db.stop();
    }
  });
});

describe('statement timeout', () => {
  test('a hanging statement ends with an error naming it', async () => {
    const db = await startPglite();
    try {
      const { verification, findings } = await verifyMigrations(
        [migration('001_hang', 'CREATE TABLE a (id int);\nSELECT pg_sleep(30);', 'DROP TABLE a;'), migration('002_next', 'CREATE TABLE b (id int);')],
        db,
        { statementTimeoutMs: 1000 },
      );
      const v = byId(verification, '001_hang');
      assert.equal(v.up.ok, false);
      assert.equal(v.up.line, 2);
      assert.match(v.up.error!, /statement timeout \(1000 ms\)/);
      assert.equal(findings.find((f) => f.rule === 'up-failing')?.line, 2);
      assert.ok(byId(verification, '002_next').skipped);
    } finally {
      await db.stop();
    }
  });
});
