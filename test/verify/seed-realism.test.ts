// Seeded rows must not cause findings the migration does not deserve (crates.io's
// history): a `crate_id` column references real `crates.id` values before the foreign
// key exists, so the migration that adds the key passes; and a statement that parses
// text (version strings) our synthetic values cannot satisfy makes the data check
// inconclusive, not a rejecting-existing-rows finding. PGlite and a native server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run } from '../../src/run';
import { tempTree } from '../cli-helpers';
import { localUnavailable } from './helpers';

const FILES = {
  '000001_tables.up.sql':
    'CREATE TABLE crates (id serial PRIMARY KEY, name text NOT NULL);\nCREATE TABLE crate_downloads (crate_id int NOT NULL, downloads int NOT NULL);\nCREATE TABLE versions (id serial PRIMARY KEY, num text NOT NULL);\n',
  '000001_tables.down.sql': 'DROP TABLE versions;\nDROP TABLE crate_downloads;\nDROP TABLE crates;\n',
  '000002_fk.up.sql': 'ALTER TABLE crate_downloads ADD CONSTRAINT fk_crate_downloads_crate_id FOREIGN KEY (crate_id) REFERENCES crates (id);\n',
  '000002_fk.down.sql': 'ALTER TABLE crate_downloads DROP CONSTRAINT fk_crate_downloads_crate_id;\n',
  '000003_major.up.sql': "ALTER TABLE versions ADD COLUMN major int GENERATED ALWAYS AS (split_part(num, '.', 1)::int) STORED;\n",
  '000003_major.down.sql': 'ALTER TABLE versions DROP COLUMN major;\n',
};

for (const database of ['pglite', 'local'] as const) {
  test(`seeding: name-paired keys and synthetic text never become findings (${database})`, { skip: database === 'local' ? localUnavailable() : undefined }, async () => {
    const report = await run({ command: 'verify', paths: ['.'], cwd: tempTree(FILES), overrides: { verify: { database } } });
    const byId = new Map(report.verification!.migrations.map((m) => [m.id, m]));
    const fk = byId.get('000002_fk')!;
    assert.equal(fk.dataCheck.failsWithData, false, fk.dataCheck.error ?? '');
    assert.ok(fk.dataCheck.rowsSeeded > 0, 'the tables did hold rows');
    const major = byId.get('000003_major')!;
    assert.match(major.dataCheck.inconclusive ?? '', /synthetic text values do not parse.*invalid input syntax for type integer: "seed-1"/);
    assert.deepEqual(
      report.findings.filter((f) => /rejecting-existing-rows|failing-with-existing-rows/.test(f.rule)),
      [],
    );
  });
}
