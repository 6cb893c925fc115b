// A file in a migrations folder is never dropped without a word: the tool either
// lints it as the framework would run it, or a finding says why it does not.
// (Found by bench/fuzz.ts: in a dbmate folder, files without markers vanished.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/run';

const ADD_REQUIRED = 'ALTER TABLE users ADD COLUMN status text NOT NULL;\n';

async function lintFolder(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'mg-skip-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return await run({ command: 'lint', paths: [dir], cwd: dir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('dbmate folder: a file without "-- migrate:up" is an invalid-migration-file finding naming it (dbmate refuses it)', async () => {
  const r = await lintFolder({ '001_a.sql': `-- migrate:up\nSELECT 1;\n-- migrate:down\nSELECT 1;\n`, '002_b.sql': ADD_REQUIRED });
  assert.deepEqual(
    r.migrations.map((m) => m.id),
    ['001_a'],
  );
  const f = r.findings.filter((x) => x.file === '002_b.sql');
  assert.equal(f.length, 1, JSON.stringify(f));
  assert.equal(f[0]!.rule, 'invalid-migration-file');
  assert.match(f[0]!.message, /dbmate refuses 002_b\.sql: it has no "-- migrate:up" line/);
});

test('node-pg-migrate folder: a file without "-- Up Migration" is linted whole, as node-pg-migrate runs it', async () => {
  const r = await lintFolder({ '1_a.sql': `-- Up Migration\nSELECT 1;\n-- Down Migration\nSELECT 1;\n`, '2_b.sql': `-- no markers here\n${ADD_REQUIRED}` });
  assert.deepEqual(
    r.migrations.map((m) => m.id),
    ['1_a', '2_b'],
  );
  assert.ok(
    r.findings.some((x) => x.file === '2_b.sql' && x.rule === 'adding-required-column' && x.line === 2),
    JSON.stringify(r.findings),
  );
});
