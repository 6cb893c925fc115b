// Host access: statements that would act on the machine the server runs on are
// found statically (host-access.ts), and PGlite keeps them inside its WASM sandbox.

import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { initParser } from '../../src/sql/parse';
import { PGlite } from '@electric-sql/pglite';
import { startPglite, type PgliteDatabase } from '../../src/verify/databases/pglite';
import { actsOnHost, checkHostAccess, HostAccessError, hostAccessIn, hostAccessInMigrations, refusedOn } from '../../src/verify/host-access';
import { UsageError } from '../../src/errors';
import type { Migration } from '../../src/types';

before(() => initParser());

const found = (text: string) => hostAccessIn({ file: 'm.sql', text, firstLine: 1 }).map((f) => `${f.line}:${f.column} ${f.construct.replace(/ \(.*$/, '')}`);

describe('hostAccessIn', () => {
  test('each construct, with its line and column', () => {
    const sql = [
      "COPY a TO PROGRAM 'curl x | sh';", // 1
      "COPY a FROM PROGRAM 'id';", // 2
      "COPY a TO '/tmp/out.csv';", // 3
      "COPY a FROM '/etc/passwd';", // 4
      "SELECT pg_read_file('/etc/passwd'), pg_catalog.pg_read_binary_file('/x');", // 5
      "SELECT pg_ls_dir('/'), pg_stat_file('/etc');", // 6
      "SELECT lo_import('/etc/shadow'), lo_export(1, '/tmp/x');", // 7
      'CREATE LANGUAGE plperlu;', // 8: Postgres (and its parser) turn this into CREATE EXTENSION
      'CREATE TRUSTED LANGUAGE plfoo HANDLER h;', // 9
      'CREATE FUNCTION py() RETURNS int LANGUAGE plpython3u AS $$ return 1 $$;', // 10
      "CREATE FUNCTION c() RETURNS int LANGUAGE c AS '/lib/libc.so.6', 'getpid';", // 11
      'CREATE EXTENSION file_fdw;', // 12
      'CREATE EXTENSION IF NOT EXISTS adminpack;', // 13
      'CREATE EXTENSION dblink;', // 14
      'CREATE EXTENSION postgres_fdw;', // 15
      "ALTER SYSTEM SET archive_command = 'rm -rf /';", // 16
      'CREATE ROLE boss SUPERUSER;', // 17
      'ALTER ROLE boss WITH SUPERUSER;', // 18
      "SET session_preload_libraries = 'evil';", // 19
      "LOAD '/tmp/evil.so';", // 20
      'DO LANGUAGE pltclu $$ exec id $$;', // 21
      'GRANT pg_execute_server_program TO boss;', // 22
      "CREATE TABLESPACE t LOCATION '/var/lib/x';", // 23
      "ALTER DATABASE d SET local_preload_libraries = 'x';", // 24
    ].join('\n');
    assert.deepEqual(found(sql), [
      '1:1 COPY … TO PROGRAM',
      '2:1 COPY … FROM PROGRAM',
      "3:1 COPY … TO '/tmp/out.csv'",
      "4:1 COPY … FROM '/etc/passwd'",
      '5:8 pg_read_file()',
      '5:37 pg_read_binary_file()',
      '6:8 pg_ls_dir()',
      '6:24 pg_stat_file()',
      '7:8 lo_import()',
      '7:34 lo_export()',
      '8:1 CREATE EXTENSION plperlu',
      '9:1 CREATE TRUSTED LANGUAGE plfoo',
      '10:34 function in LANGUAGE plpython3u',
      '11:33 function in LANGUAGE c',
      '12:1 CREATE EXTENSION file_fdw',
      '13:1 CREATE EXTENSION adminpack',
      '14:1 CREATE EXTENSION dblink',
      '15:1 CREATE EXTENSION postgres_fdw',
      '16:1 ALTER SYSTEM',
      '17:18 CREATE ROLE … SUPERUSER',
      '18:22 ALTER ROLE … SUPERUSER',
      '19:1 SET session_preload_libraries',
      "20:1 LOAD '/tmp/evil.so'",
      '21:4 DO block in LANGUAGE pltclu',
      '22:1 GRANT pg_execute_server_program',
      "23:1 CREATE TABLESPACE … LOCATION '/var/lib/x'",
      '24:1 SET local_preload_libraries',
    ]);
  });

  test('inside DO blocks, function bodies, literal EXECUTE strings and column defaults', () => {
    const sql = [
      'CREATE TABLE t (', // 1
      '  id int,', // 2
      "  secret text DEFAULT pg_read_file('/etc/passwd')", // 3: seeding rows would evaluate it
      ');', // 4
      'DO $$', // 5
      'BEGIN', // 6
      "  EXECUTE 'COPY t FROM PROGRAM ' || '''id''';", // 7
      "  EXECUTE format('SELECT %s', 1);", // 8: not knowable, not reported
      'END $$;', // 9
      'CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $f$', // 10
      'BEGIN', // 11
      "  COPY t TO PROGRAM 'sh -c x';", // 12
      'END $f$;', // 13
      "CREATE FUNCTION g() RETURNS setof text LANGUAGE sql AS $g$ SELECT pg_ls_dir('/') $g$;", // 14
    ].join('\n');
    assert.deepEqual(found(sql), ['3:23 pg_read_file()', '7:11 COPY … FROM PROGRAM', '12:3 COPY … TO PROGRAM', '14:67 pg_ls_dir()']);
  });

  test('ordinary migrations and client-side or harmless look-alikes are not reported', () => {
    const sql = [
      'CREATE TABLE t (id bigint PRIMARY KEY, body text);',
      'COPY t FROM STDIN;',
      'COPY t TO STDOUT;',
      'CREATE EXTENSION IF NOT EXISTS pgcrypto;',
      'CREATE OR REPLACE LANGUAGE plpgsql;',
      "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';",
      'SET search_path = public;',
      "SELECT set_config('search_path', 'public', false);",
      "COMMENT ON TABLE t IS 'COPY t TO PROGRAM ''x''; pg_read_file()';",
      'CREATE FUNCTION read_file(p text) RETURNS text LANGUAGE sql AS $$ SELECT p $$;',
    ].join('\n');
    assert.deepEqual(found(sql), []);
  });

  test('what every database on the server shares (roles, databases, tablespaces, other sessions) is the cluster scope', () => {
    const sql = [
      'CREATE ROLE app LOGIN;', // 1
      "ALTER ROLE postgres PASSWORD 'x';", // 2
      'DROP ROLE IF EXISTS reporting;', // 3
      'GRANT app TO reporting;', // 4
      'CREATE DATABASE other;', // 5
      "ALTER DATABASE myapp SET timezone = 'UTC';", // 6
      'ALTER DATABASE myapp RENAME TO old;', // 7
      'GRANT CONNECT ON DATABASE myapp TO app;', // 8
      "COMMENT ON ROLE app IS 'x';", // 9
      'REASSIGN OWNED BY app TO postgres;', // 10
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'myapp';", // 11
      'CREATE TABLE t (id int);', // 12: per database: not reported
      'GRANT SELECT ON t TO app;', // 13: per database: not reported
    ].join('\n');
    const all = hostAccessIn({ file: 'm.sql', text: sql, firstLine: 1 });
    assert.ok(all.every((f) => f.scope === 'cluster'));
    assert.deepEqual(found(sql), [
      '1:1 CREATE ROLE',
      '2:1 ALTER ROLE',
      '3:1 DROP ROLE',
      '4:1 GRANT role membership',
      '5:1 CREATE DATABASE',
      '6:1 ALTER DATABASE … SET',
      '7:1 ALTER DATABASE … RENAME',
      '8:1 GRANT … ON DATABASE',
      '9:1 COMMENT ON ROLE',
      '10:1 REASSIGN OWNED',
      '11:8 pg_terminate_backend()',
    ]);
  });

  test('a file that does not parse reports what it can and never throws', () => {
    assert.deepEqual(found("COPY t TO PROGRAM 'x';\nSELEC broken;\nSELECT pg_read_file('/x');"), ['1:1 COPY … TO PROGRAM', '3:8 pg_read_file()']);
  });

  test('every file verify runs: up, extra up files and down', () => {
    const m: Migration = {
      id: '1_x',
      version: '1',
      name: 'x',
      layout: 'plain',
      transactional: true,
      up: { file: 'up.sql', text: 'CREATE TABLE a (id int);', firstLine: 1 },
      extraUp: [{ file: 'extra.sql', text: "SELECT pg_ls_dir('/');", firstLine: 1 }],
      down: { file: 'down.sql', text: "\nCOPY a TO PROGRAM 'x';", firstLine: 1 },
    } as Migration;
    assert.deepEqual(
      hostAccessInMigrations([m]).map((f) => `${f.file}:${f.line}`),
      ['extra.sql:1', 'down.sql:2'],
    );
  });
});

describe('checkHostAccess', () => {
  const one = () => hostAccessIn({ file: 'db/1.up.sql', text: "\n\nCOPY a TO PROGRAM 'x';", firstLine: 1 });
  test('local and url refuse unless allowed; pglite and container never do', () => {
    assert.equal(actsOnHost('local'), true);
    assert.equal(actsOnHost('url'), true);
    assert.equal(actsOnHost('pglite'), false);
    assert.equal(actsOnHost('container'), false);
    for (const kind of ['local', 'url'] as const) {
      assert.throws(
        () => checkHostAccess(kind, one(), false),
        (err: unknown) => {
          assert.ok(err instanceof HostAccessError && err instanceof UsageError, 'exit 2 as a usage error');
          assert.match(err.message, new RegExp(`--database ${kind}`));
          assert.match(err.message, /db\/1\.up\.sql:3:1: COPY … TO PROGRAM/);
          assert.match(err.message, /--allow-host-access/);
          return true;
        },
      );
      checkHostAccess(kind, one(), true);
      checkHostAccess(kind, [], false);
    }
    checkHostAccess('pglite', one(), false);
    checkHostAccess('container', one(), false);
  });

  test('cluster-wide changes are refused on url only: local, container and pglite servers are throwaway', () => {
    const roles = hostAccessIn({ file: 'db/2.up.sql', text: 'CREATE ROLE app;\nDROP ROLE legacy;', firstLine: 1 });
    assert.deepEqual(refusedOn('local', roles), []);
    for (const kind of ['local', 'container', 'pglite'] as const) checkHostAccess(kind, roles, false);
    assert.throws(
      () => checkHostAccess('url', roles, false),
      /--database url: 2 statements would act outside the database[\s\S]*db\/2\.up\.sql:1:1: CREATE ROLE \(shared by every database on the server\)\n  db\/2\.up\.sql:2:1: DROP ROLE/,
    );
    checkHostAccess('url', roles, true);
  });
});

// What these statements do in PGlite (Postgres in WASM, Emscripten's in-memory file system):
// nothing reaches the host. Raw PGlite "runs" COPY … TO PROGRAM without starting anything, but
// the next statement never returns, and COPY … FROM PROGRAM never returns: so the provider
// refuses COPY … PROGRAM up front, as a failed statement. Server files are PGlite's own.
describe('PGlite keeps host access inside its sandbox', () => {
  let db: PgliteDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'mg-pglite-isolation-'));
  const hostFile = join(dir, 'secret.txt');
  writeFileSync(hostFile, 'host secret\n');
  before(async () => {
    db = await startPglite({});
  });
  after(async () => {
    await db?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('raw PGlite: COPY … TO PROGRAM starts nothing on the host', async () => {
    const marker = join(dir, 'pwned');
    const raw = await PGlite.create();
    await raw.exec(`COPY (SELECT 1) TO PROGRAM 'touch ${marker}'`);
    assert.equal(existsSync(marker), false);
    void raw.close().catch(() => {}); // not awaited: the backend no longer answers
  });

  test('the provider refuses COPY … PROGRAM (also in a DO block) as a failed statement; the database keeps answering', async () => {
    for (const sql of ["COPY (SELECT 1) TO PROGRAM 'cat'", "DO $$ BEGIN EXECUTE 'COPY (SELECT 1) TO PROGRAM ''cat'''; END $$"]) {
      const t0 = Date.now();
      await assert.rejects(db.exec(sql), (err: Error & { code?: string }) => err.code === '0A000' && /PGlite cannot run COPY … TO\/FROM PROGRAM/.test(err.message));
      assert.ok(Date.now() - t0 < 1000, `${Date.now() - t0} ms`);
    }
    assert.deepEqual((await db.query('SELECT 1 AS one')).rows, [{ one: 1 }]);
    assert.deepEqual((await db.query("SELECT 'the program' AS p")).rows, [{ p: 'the program' }]);
  });

  test('pg_read_file, lo_import and COPY FROM a host file see no host files', async () => {
    await assert.rejects(db.query(`SELECT pg_read_file('${hostFile}')`), /could not open file .* No such file or directory/);
    await assert.rejects(db.query("SELECT pg_read_file('/etc/passwd')"), /No such file or directory/);
    await assert.rejects(db.query(`SELECT lo_import('${hostFile}')`), /could not open server file .* No such file or directory/);
    await db.exec('CREATE TABLE IF NOT EXISTS lines (line text)');
    await assert.rejects(db.exec(`COPY lines FROM '${hostFile}'`), /No such file or directory/);
  });

  test('COPY … TO a path writes into PGlite’s in-memory file system, not the host', async () => {
    const out = join(dir, 'out.csv');
    await assert.rejects(db.exec(`COPY (SELECT 'x') TO '${out}'`), /No such file or directory/); // the host dir does not exist in there
    await db.exec("COPY (SELECT 'inside') TO '/tmp/mg-inside.csv'");
    assert.deepEqual((await db.query("SELECT pg_read_file('/tmp/mg-inside.csv') AS t")).rows, [{ t: 'inside\n' }]);
    assert.equal(existsSync('/tmp/mg-inside.csv'), false);
    assert.equal(existsSync(out), false);
    const listing = (await db.query<{ d: string }>("SELECT pg_ls_dir('/') AS d")).rows.map((r) => r.d);
    assert.ok(!listing.includes('etc') && !listing.includes('usr'), `PGlite's root: ${listing.join(', ')}`);
  });

  test('untrusted languages and dblink are not there; a C function cannot load a host library', async () => {
    await assert.rejects(db.exec('CREATE EXTENSION plpython3u'), /is not available/);
    await assert.rejects(db.exec('CREATE EXTENSION dblink'), /is not available/);
    await assert.rejects(db.exec("CREATE FUNCTION getpid() RETURNS int LANGUAGE c AS '/lib/x86_64-linux-gnu/libc.so.6', 'getpid'"), /could not access file/);
  });
});
