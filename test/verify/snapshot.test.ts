// Snapshot coverage beyond tables and columns, through the real cycle: each down
// forgets to undo one thing (a GRANT, a REVOKE, an owner, a rule, a publication, an
// event trigger, row security, a storage option, a partition), and verify must call
// the migration irreversible with one readable line naming it. Each down that does
// undo it must pass (no false difference from, e.g., an ACL left explicit by REVOKE).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { verifyMigrations } from '../../src/verify/index';
import type { Database } from '../../src/verify/databases/types';
import type { MigrationVerification } from '../../src/types';
import { localUnavailable, migration, startLocal, startPglite } from './helpers';

const setup = migration(
  '000_setup',
  "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'app') THEN CREATE ROLE app; END IF; END $$;\n" +
    'CREATE TABLE users (id int PRIMARY KEY, email text);\n' +
    'CREATE TABLE owned (id int);\n' +
    'CREATE PUBLICATION other_pub;\n' +
    'CREATE FUNCTION no_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$;\n' +
    "CREATE FUNCTION answer() RETURNS int LANGUAGE sql AS 'SELECT 42';\n" +
    "CREATE FUNCTION answer2() RETURNS int LANGUAGE sql AS 'SELECT 42';\n" +
    'CREATE TABLE events (id int, at date NOT NULL) PARTITION BY RANGE (at);\n' +
    "CREATE TABLE events_2020 PARTITION OF events FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');",
  undefined,
  { changed: false },
);

/** [migration, the line(s) its forgetful down must produce (or null: a correct down, reversible)]. */
const cases: [ReturnType<typeof migration>, string | string[] | null][] = [
  [migration('001_grant', 'GRANT SELECT ON users TO app;', 'SELECT 1;'), 'grant SELECT on table users to app: present after down, absent before up'],
  [migration('002_grant_ok', 'GRANT INSERT ON users TO app;', 'REVOKE INSERT ON users FROM app;'), null],
  [migration('003_column_grant', 'GRANT UPDATE (email) ON users TO app;', 'SELECT 1;'), 'grant UPDATE on column users.email to app: present after down, absent before up'],
  [migration('004_revoke', 'REVOKE EXECUTE ON FUNCTION answer() FROM PUBLIC;', 'SELECT 1;'), 'revoked default EXECUTE on function answer() from PUBLIC: present after down, absent before up'],
  [migration('005_revoke_ok', 'REVOKE EXECUTE ON FUNCTION answer2() FROM PUBLIC;', 'GRANT EXECUTE ON FUNCTION answer2() TO PUBLIC;'), null],
  [migration('006_schema_grant', 'GRANT CREATE ON SCHEMA public TO app;', 'SELECT 1;'), 'grant CREATE on schema public to app: present after down, absent before up'],
  [migration('007_owner', 'ALTER TABLE owned OWNER TO app;', 'SELECT 1;'), 'table owned: owner app after down, postgres before up'],
  [migration('008_function_owner', 'ALTER FUNCTION answer() OWNER TO app;', 'SELECT 1;'), 'function answer(): owner app after down, postgres before up'],
  [migration('009_rule', 'CREATE RULE users_keep AS ON DELETE TO users DO INSTEAD NOTHING;', 'SELECT 1;'), 'rule users_keep on users: present after down, absent before up'],
  [migration('010_rule_ok', 'CREATE RULE users_keep2 AS ON DELETE TO users DO INSTEAD NOTHING;', 'DROP RULE users_keep2 ON users;'), null],
  [
    migration('011_publication', 'CREATE PUBLICATION users_pub FOR TABLE users;', 'SELECT 1;'),
    ['publication table users in users_pub: present after down, absent before up', 'publication users_pub: present after down, absent before up'],
  ],
  [migration('012_publication_table', 'ALTER PUBLICATION other_pub ADD TABLE users;', 'SELECT 1;'), 'publication table users in other_pub: present after down, absent before up'],
  [migration('013_event_trigger', 'CREATE EVENT TRIGGER no_ddl ON ddl_command_start EXECUTE FUNCTION no_ddl();', 'SELECT 1;'), 'event trigger no_ddl: present after down, absent before up'],
  [migration('014_rls', 'ALTER TABLE users ENABLE ROW LEVEL SECURITY;', 'SELECT 1;'), 'table users: row level security true after down, false before up'],
  [migration('015_options', 'ALTER TABLE users SET (fillfactor = 70);', 'SELECT 1;'), 'table users: options ["fillfactor=70"] after down, none before up'],
  [
    migration('016_default_privileges', 'ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO app;', 'SELECT 1;'),
    'default privileges for postgres in schema public on tables: present after down, absent before up',
  ],
  [
    migration(
      '017_partition_bound',
      "ALTER TABLE events DETACH PARTITION events_2020;\nALTER TABLE events ATTACH PARTITION events_2020 FOR VALUES FROM ('2020-01-01') TO ('2020-07-01');",
      'SELECT 1;',
    ),
    "table events_2020: partition bound FOR VALUES FROM ('2020-01-01') TO ('2020-07-01') after down, FOR VALUES FROM ('2020-01-01') TO ('2021-01-01') before up",
  ],
];

function check(byId: Map<string, MigrationVerification>): void {
  for (const [m, line] of cases) {
    const v = byId.get(m.id)!;
    assert.ok(v, m.id);
    assert.equal(v.up.ok, true, `${m.id}: ${v.up.error}`);
    assert.equal(v.down?.ok, true, `${m.id}: ${v.down?.error}`);
    if (line === null) {
      assert.equal(v.reversible, true, `${m.id}: ${v.schemaDiff.join('; ')}`);
      continue;
    }
    assert.equal(v.reversible, false, m.id);
    // The object created by the up and left by the down is the one line of the up → down comparison.
    assert.deepEqual(
      v.schemaDiff.filter((l) => l.includes('after down')),
      typeof line === 'string' ? [line] : line,
      m.id,
    );
  }
}

for (const provider of ['pglite', 'local'] as const) {
  const unavailable = provider === 'local' ? localUnavailable() : undefined;
  describe(`snapshot coverage on ${provider}`, { skip: unavailable }, () => {
    let db: Database;
    before(async () => {
      db = provider === 'pglite' ? await startPglite() : await startLocal();
    });
    after(async () => {
      await db?.stop();
    });
    test('privileges, owners, rules, publications, event triggers, row security, options, partition bounds', async () => {
      // The owner in the expected lines is the provider's superuser.
      const user = (await db.query<{ u: string }>('SELECT current_user AS u')).rows[0]!.u;
      if (user !== 'postgres') for (const c of cases) if (typeof c[1] === 'string') c[1] = c[1].replace(/postgres/g, user);
      const { verification } = await verifyMigrations([setup, ...cases.map(([m]) => m)], db, { seedRows: 0 });
      check(new Map(verification.migrations.map((v) => [v.id, v])));
    });
  });
}
