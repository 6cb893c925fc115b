// Rules tested for exactly where they report (line and column), with the engine's
// decisions around them: what runs now (DO blocks, function bodies the file calls),
// what the file created, transactions. See test/rule-tester.ts.
import { testRule } from '../rule-tester';

testRule('dropping-column', {
  valid: [
    { sql: 'CREATE TABLE t (a int, b int);\nALTER TABLE t DROP COLUMN b;' },
    // A function body runs when called: not during this migration.
    { sql: 'CREATE FUNCTION f() RETURNS void LANGUAGE sql AS $$ ALTER TABLE users DROP COLUMN legacy $$;' },
  ],
  invalid: [
    { sql: 'SELECT 1;\n  ALTER TABLE users DROP COLUMN legacy;', findings: [{ line: 2, column: 3, message: /"legacy" is dropped from users/ }] },
    {
      sql: 'ALTER TABLE users DROP COLUMN a, DROP COLUMN b;',
      findings: [
        { line: 1, column: 1, message: /"a"/ },
        { line: 1, column: 1, message: /"b"/ },
      ],
    },
    // The file calls the function, so its body runs now: the engine hands it to every rule.
    {
      sql: 'CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$\nBEGIN\n  ALTER TABLE users DROP COLUMN legacy;\nEND $$;\nSELECT f();',
      findings: [{ line: 3, column: 3 }],
    },
    { sql: 'DO $$\nBEGIN\n    ALTER TABLE users DROP COLUMN legacy;\nEND $$;', findings: [{ line: 3, column: 5 }] },
  ],
});

testRule('adding-required-column', {
  valid: [{ sql: "ALTER TABLE users ADD COLUMN status text NOT NULL DEFAULT 'a';" }, { sql: 'CREATE TABLE users (id int);\nALTER TABLE users ADD COLUMN s text NOT NULL;' }],
  invalid: [
    { sql: '-- add it\nALTER TABLE users ADD COLUMN status text NOT NULL;', findings: [{ line: 2, column: 1, message: /"status" is added to users as NOT NULL/ }] },
    {
      sql: 'CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$\nBEGIN\n  ALTER TABLE users ADD COLUMN s text NOT NULL;\nEND $$;\nSELECT f();',
      findings: [{ line: 3, column: 3 }],
    },
  ],
});

testRule('creating-index-non-concurrently', {
  valid: [{ sql: 'CREATE INDEX CONCURRENTLY i ON users (a);' }, { sql: 'CREATE TABLE t (a int);\nCREATE INDEX i ON t (a);' }],
  invalid: [{ sql: 'BEGIN;\n    CREATE INDEX users_a_idx ON users (a);\nCOMMIT;', findings: [{ line: 2, column: 5, message: /users_a_idx/ }] }],
});

testRule('concurrently-in-transaction', {
  valid: [{ sql: 'CREATE INDEX CONCURRENTLY i ON users (a);' }],
  invalid: [
    { sql: 'BEGIN;\nCREATE INDEX CONCURRENTLY i ON users (a);\nCOMMIT;', findings: [{ line: 2, column: 1 }] },
    { sql: 'CREATE INDEX CONCURRENTLY i ON users (a);', options: { transactional: true }, findings: [{ line: 1, column: 1 }] },
  ],
});

testRule('uncommitted-transaction', {
  valid: [{ sql: 'BEGIN;\nSELECT 1;\nCOMMIT;' }],
  invalid: [{ sql: 'SELECT 1;\n  BEGIN;\nALTER TABLE users ADD COLUMN a int;', findings: [{ line: 2, column: 3, message: /line 2 is never committed/ }] }],
});

testRule('missing-lock-timeout', {
  valid: [{ sql: "SET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN a int;" }, { sql: 'CREATE TABLE t (a int);\nALTER TABLE t ADD COLUMN b int;' }],
  invalid: [{ sql: 'SELECT 1;\nALTER TABLE users ADD COLUMN a int;\nALTER TABLE orders ADD COLUMN b int;', findings: [{ line: 2, column: 1, message: /Reported once per file/ }] }],
});

testRule('setting-not-null', {
  valid: [
    {
      sql: 'ALTER TABLE users ADD CONSTRAINT c CHECK (email IS NOT NULL) NOT VALID;\nALTER TABLE users VALIDATE CONSTRAINT c;\nALTER TABLE users ALTER COLUMN email SET NOT NULL;',
    },
  ],
  invalid: [{ sql: '\n\nALTER TABLE users ALTER COLUMN email SET NOT NULL;', findings: [{ line: 3, column: 1, message: /users\.email NOT NULL/ }] }],
});

testRule('requiring-newer-postgres', {
  valid: [{ sql: 'MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE;', options: { pgVersion: 15 } }],
  invalid: [
    { sql: 'MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE RETURNING t.id;', options: { pgVersion: 16 }, findings: [{ line: 1, column: 1, message: /MERGE … RETURNING/ }] },
    { sql: 'SELECT 1;\nMERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE;', options: { pgVersion: 14 }, findings: [{ line: 2, column: 1, message: /MERGE, new in PostgreSQL 15/ }] },
  ],
});

testRule('identifier-too-long', {
  valid: [{ sql: 'CREATE TABLE short_name (id int);' }],
  invalid: [{ sql: `CREATE TABLE t (id int);\nCREATE INDEX ${'i'.repeat(70)} ON t (id);`, findings: [{ line: 2, column: 14 }] }],
});

testRule('renaming-table', {
  valid: [{ sql: 'CREATE TABLE a (id int);\nALTER TABLE a RENAME TO b;' }, { sql: 'CREATE VIEW v AS SELECT 1;\nALTER VIEW v RENAME TO w;' }],
  invalid: [{ sql: 'ALTER TABLE users RENAME TO accounts;', findings: [{ line: 1, column: 1, message: /renamed to "accounts"/ }] }],
});

testRule('truncating-table', {
  valid: [{ sql: 'CREATE TABLE t (a int);\nTRUNCATE t;' }],
  invalid: [{ sql: 'TRUNCATE users, orders CASCADE;', findings: [{ line: 1, column: 1, message: /users, orders .*CASCADE also empties/ }] }],
});

testRule('locking-table-outside-transaction', {
  valid: [{ sql: 'BEGIN;\nLOCK TABLE orders;\nCOMMIT;' }, { sql: 'LOCK TABLE orders;', options: { transactional: true } }],
  invalid: [{ sql: 'SELECT 1;\nLOCK TABLE orders, items IN SHARE MODE;', findings: [{ line: 2, column: 1, message: /LOCK TABLE orders, items outside a transaction block fails/ }] }],
});

testRule('disabling-triggers', {
  valid: [
    { sql: 'ALTER TABLE orders DISABLE TRIGGER ALL;\nALTER TABLE orders ENABLE TRIGGER ALL;' },
    { sql: 'ALTER TABLE orders DISABLE TRIGGER audit;\nALTER TABLE orders ENABLE TRIGGER audit;' },
    { sql: 'ALTER TABLE orders DISABLE TRIGGER USER;\nALTER TABLE orders ENABLE TRIGGER ALL;' },
  ],
  invalid: [
    // Enabling one named trigger does not bring back the foreign-key checks ALL turned off.
    { sql: 'ALTER TABLE orders DISABLE TRIGGER ALL;\nALTER TABLE orders ENABLE TRIGGER audit;', findings: [{ line: 1, column: 1, message: /foreign-key checks/ }] },
    { sql: 'ALTER TABLE orders DISABLE TRIGGER audit;\nALTER TABLE orders ENABLE TRIGGER other;', findings: [{ line: 1, column: 1, message: /DISABLE TRIGGER audit on orders/ }] },
  ],
});

testRule('enabling-rls-without-policy', {
  valid: [{ sql: 'CREATE POLICY p ON "Orders" USING (true);\nALTER TABLE "Orders" ENABLE ROW LEVEL SECURITY;' }],
  invalid: [
    // "Orders" is not orders.
    { sql: 'CREATE POLICY p ON "Orders" USING (true);\nALTER TABLE orders ENABLE ROW LEVEL SECURITY;', findings: [{ line: 2, column: 1 }] },
    {
      sql: 'CREATE POLICY p ON invoices USING (true);\nALTER TABLE orders ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;',
      findings: [
        { line: 2, column: 1, message: /^ENABLE .*orders/ },
        { line: 2, column: 1, message: /^FORCE .*the owner too/ },
      ],
    },
  ],
});

testRule('leaking-session-setting', {
  valid: [
    { sql: "SET statement_timeout = '5min';\nSELECT 1;\nSET statement_timeout TO DEFAULT;" },
    { sql: "SET application_name = 'migrate';" },
    { sql: "DO $$ BEGIN SET lock_timeout = '1s'; END $$;" },
  ],
  invalid: [
    {
      sql: "SET lock_timeout = '2s';\nSET SESSION search_path = app;\nRESET lock_timeout;\nSET ROLE migrator;",
      findings: [
        { line: 2, column: 1, message: /SET search_path lasts for the whole connection/ },
        { line: 4, column: 1, message: /SET role/ },
      ],
    },
  ],
});

testRule('using-new-enum-value', {
  valid: [
    // Autocommit: ADD VALUE commits at once.
    { sql: "ALTER TYPE mood ADD VALUE 'ok';\nINSERT INTO t (m) VALUES ('ok');" },
    // The next transaction may use it.
    { sql: "BEGIN;\nALTER TYPE mood ADD VALUE 'ok';\nCOMMIT;\nBEGIN;\nINSERT INTO t (m) VALUES ('ok');\nCOMMIT;" },
    { sql: "BEGIN;\nCREATE TYPE mood AS ENUM ('sad');\nALTER TYPE mood ADD VALUE 'ok';\nSELECT 'ok'::mood;\nCOMMIT;", options: { pgVersion: 17 } },
  ],
  invalid: [
    {
      sql: "ALTER TYPE mood ADD VALUE 'ok';\nSELECT 1;\nINSERT INTO t (m) VALUES ('ok'), ('ok');",
      options: { transactional: true },
      findings: [{ line: 3, column: 1, message: /'ok' was added to mood earlier in this transaction \(line 1\)/ }],
    },
    { sql: "BEGIN;\nALTER TYPE mood ADD VALUE 'ok';\nCOMMIT;", options: { pgVersion: 11 }, findings: [{ line: 2, column: 1, message: /before PostgreSQL 12/ }] },
    // A type created in the same transaction is the exception only from PostgreSQL 17.
    { sql: "BEGIN;\nCREATE TYPE mood AS ENUM ('sad');\nALTER TYPE mood ADD VALUE 'ok';\nSELECT 'ok'::mood;\nCOMMIT;", options: { pgVersion: 16 }, findings: [{ line: 4, column: 1 }] },
  ],
});

testRule('foreign-key-without-index', {
  valid: [
    // Leading columns in another order still serve the check.
    { sql: 'CREATE TABLE l (a int, b int, c int, FOREIGN KEY (a, b) REFERENCES p (x, y));\nCREATE INDEX l_ba ON l (b, a, c);' },
    { sql: 'CREATE TABLE l (a int REFERENCES p (id), UNIQUE (a));' },
    { sql: 'CREATE TABLE "Lines" ("orderId" int REFERENCES p (id));\nCREATE INDEX ON "Lines" ("orderId");' },
  ],
  invalid: [
    {
      sql: 'CREATE TABLE l (a int, b int REFERENCES q (id));\nALTER TABLE l ADD CONSTRAINT l_a FOREIGN KEY (a) REFERENCES p (id);\nCREATE INDEX l_ab ON l (b, a);',
      findings: [{ line: 2, column: 1, message: /l \(a\) → p has no index/ }],
    },
    // An index on "Lines" does not serve lines.
    { sql: 'CREATE TABLE lines (order_id int REFERENCES p (id));\nCREATE INDEX ON "Lines" (order_id);', findings: [{ line: 1, column: 1 }] },
  ],
});

testRule('attaching-partition-without-check', {
  valid: [{ sql: "ALTER TABLE e1 ADD CONSTRAINT b CHECK (d >= '2025-01-01');\nALTER TABLE e ATTACH PARTITION e1 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');" }],
  invalid: [
    // NOT VALID and never validated proves nothing.
    {
      sql: "ALTER TABLE e1 ADD CONSTRAINT b CHECK (d >= '2025-01-01') NOT VALID;\nALTER TABLE e ATTACH PARTITION e1 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');",
      findings: [{ line: 2, column: 1, message: /scans all of e1/ }],
    },
    { sql: 'ALTER TABLE e ATTACH PARTITION e_other DEFAULT;', findings: [{ line: 1, column: 1 }] },
  ],
});

testRule('holding-write-blocking-lock', {
  valid: [
    // ACCESS EXCLUSIVE on the same table: holding-access-exclusive-lock reports it.
    { sql: 'BEGIN;\nCREATE INDEX o_a ON orders (a);\nALTER TABLE orders ADD COLUMN b int;\nUPDATE orders SET b = 1;\nCOMMIT;' },
    // Autocommit: each statement releases its locks.
    { sql: 'CREATE INDEX o_a ON orders (a);\nUPDATE orders SET a = 1;' },
    // A table this migration created has no writers to block.
    { sql: 'BEGIN;\nCREATE TABLE t (a int);\nCREATE INDEX t_a ON t (a);\nINSERT INTO t VALUES (1);\nCOMMIT;' },
  ],
  invalid: [
    {
      sql: 'BEGIN;\nALTER TABLE lines ADD CONSTRAINT l_fk FOREIGN KEY (o) REFERENCES orders (id);\nSELECT 1;\nUPDATE lines SET o = o;\nDELETE FROM lines WHERE o IS NULL;\nCOMMIT;',
      findings: [
        {
          line: 4,
          column: 1,
          message: /SHARE ROW EXCLUSIVE lock on orders \(line 2\), SHARE ROW EXCLUSIVE lock on lines \(line 2\) taken earlier in this transaction are still held .*changes rows of lines/,
        },
      ],
    },
  ],
});

testRule('dropping-object', {
  valid: [
    // Replaced in the same migration, under any schema qualification.
    { sql: 'DROP VIEW IF EXISTS public.totals;\nCREATE VIEW totals AS SELECT 1 AS n;' },
    { sql: 'CREATE EXTENSION citext;\nDROP EXTENSION citext;' },
  ],
  invalid: [
    {
      sql: 'DROP FUNCTION a(int), b(text);\nCREATE FUNCTION a(int) RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;\nDROP POLICY p ON orders;\nALTER TABLE orders ALTER COLUMN s DROP DEFAULT;',
      findings: [
        { line: 1, column: 1, message: /^Function b is dropped/ },
        { line: 3, column: 1, message: /^Policy p .*rows it filtered change silently/ },
        { line: 4, column: 1, message: /DEFAULT of orders\.s is dropped/ },
      ],
    },
  ],
});

testRule('renaming-object', {
  valid: [{ sql: 'ALTER TABLE orders RENAME TO purchases;' }, { sql: 'CREATE SCHEMA s;\nALTER SCHEMA s RENAME TO t;' }],
  invalid: [
    {
      sql: 'ALTER SCHEMA billing RENAME TO invoicing;\nALTER TYPE mood RENAME TO feeling;\nALTER FUNCTION f(int) SET SCHEMA archive;',
      findings: [
        { line: 1, column: 1, message: /^Schema billing is renamed to invoicing/ },
        { line: 2, column: 1 },
        { line: 3, column: 1, message: /^f moves to schema archive/ },
      ],
    },
  ],
});

testRule('breaking-replica-identity', {
  valid: [
    { sql: 'ALTER TABLE orders DROP CONSTRAINT orders_pkey;\nALTER TABLE orders ADD CONSTRAINT orders_pk PRIMARY KEY (uuid);' },
    { sql: 'ALTER TABLE orders REPLICA IDENTITY NOTHING;\nALTER TABLE orders REPLICA IDENTITY USING INDEX orders_uuid_key;' },
    { sql: 'ALTER TABLE orders DROP CONSTRAINT orders_status_check;' },
    { sql: 'ALTER TABLE orders DROP CONSTRAINT orders_pkey, ADD COLUMN uuid uuid PRIMARY KEY DEFAULT gen_random_uuid();' },
    // What the migration itself added (for a down: what its up added).
    { sql: 'ALTER TABLE badges ADD PRIMARY KEY (crate_id, badge_type);\nALTER TABLE badges DROP CONSTRAINT badges_pkey;' },
  ],
  invalid: [
    { sql: 'ALTER TABLE "Orders" DROP CONSTRAINT "Orders_pkey";\nALTER TABLE orders ADD PRIMARY KEY (id);', findings: [{ line: 1, column: 1, message: /Orders_pkey, the primary key of Orders/ }] },
  ],
});
