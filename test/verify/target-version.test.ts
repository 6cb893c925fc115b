// Verify says when the server's major differs from the target (pgVersion): in the
// JSON (verification.database.targetVersion), the text verdict and the PR comment.
// PGlite is PostgreSQL 18; the default target is 15.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderComment } from '../../src/github/comment';
import { renderVerificationText, versionMismatch } from '../../src/report/verification-text';
import { run } from '../../src/run';
import { tempTree } from '../cli-helpers';
import { findPgBinaries } from '../../src/verify/databases/local';

const FILES = { '000001_users.up.sql': 'CREATE TABLE users (id bigint PRIMARY KEY);\n', '000001_users.down.sql': 'DROP TABLE users;\n' };

test('verify on PGlite 18 with target 15: the JSON, the text verdict and the comment say so; with target 18 nothing is said', async () => {
  const report = await run({ command: 'check', paths: ['.'], cwd: tempTree(FILES), overrides: { verify: { database: 'pglite' } } });
  const db = report.verification!.database;
  assert.equal(db.targetVersion, 15);
  assert.match(db.serverVersion, /^18\./);
  const said =
    /verified on PostgreSQL 18, but the target is PostgreSQL 15: a migration that applies here may use syntax or functions 15 lacks \(verify\.database local or container runs the target's major\)/;
  assert.match(renderVerificationText(report.verification!), said);
  assert.match(renderComment(report), /verified up → down → up on pglite 18\.\d+ · ⚠️ not your target, PostgreSQL 15/, 'the comment says it in short');

  const same = await run({ command: 'check', paths: ['.'], cwd: tempTree(FILES), overrides: { pgVersion: 18, verify: { database: 'pglite' } } });
  assert.equal(same.verification!.database.targetVersion, 18);
  assert.equal(versionMismatch(same.verification!), undefined);
  assert.doesNotMatch(renderComment(same), /not your target/);
});

test('a server older than the target: also said, with the other direction', () => {
  const v = { database: { kind: 'local', serverVersion: '15.18 (Debian 15.18-0+deb12u1)', targetVersion: 17 } };
  assert.equal(
    versionMismatch(v),
    'verified on PostgreSQL 15, but the target is PostgreSQL 17: a migration may fail here on syntax or functions 17 has, and pass there for reasons this server cannot show',
  );
});

test('auto: a stated target major verifies on a local installation of that major; the default target stays on PGlite', async (t) => {
  let local: number | undefined;
  try {
    local = findPgBinaries().major;
  } catch {
    return t.skip('no local Postgres binaries');
  }
  const stated = await run({ command: 'check', paths: ['.'], cwd: tempTree(FILES), overrides: { pgVersion: local } });
  assert.equal(stated.verification!.database.kind, 'local');
  assert.match(stated.verification!.database.serverVersion, new RegExp(`^${local}\\.`));
  assert.equal(versionMismatch(stated.verification!), undefined);
  const inFile = await run({ command: 'check', paths: ['.'], cwd: tempTree({ ...FILES, '.migration-guard.yml': `pgVersion: ${local}\n` }) });
  assert.equal(inFile.verification!.database.kind, 'local', 'pgVersion in the config file counts as stated');
  const unstated = await run({ command: 'check', paths: ['.'], cwd: tempTree(FILES) });
  assert.equal(unstated.verification!.database.kind, 'pglite', 'the default target is a guess: the embedded database');
  const other = await run({ command: 'check', paths: ['.'], cwd: tempTree(FILES), overrides: { pgVersion: local === 13 ? 14 : 13 } });
  assert.equal(other.verification!.database.kind, 'pglite', 'no installation of that major: PGlite, and the verdict says so');
});
