// verify on real third-party migrations (../shared/corpus, skipped when absent):
// chef-server's sqitch projects bookshelf and oc_bifrost, discovered with the real
// layout code and cycled on PGlite. Each of their reverts restores the schema.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { discoverMigrations } from '../../src/migrations/discover';
import { verifyMigrations } from '../../src/verify/index';
import { startPglite } from './helpers';

const root = join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus', 'chef-server');

test('chef-server bookshelf + oc_bifrost: every change applies, reverts and re-applies', { skip: existsSync(root) ? undefined : `corpus not found at ${root}` }, async () => {
  const { migrations } = discoverMigrations(root, { cwd: join(import.meta.dirname, '..', '..') });
  const subset = migrations.filter((m) => m.project === 'bookshelf/schema' || m.project === 'oc_bifrost/schema');
  assert.equal(subset.length, 15);
  const db = await startPglite();
  try {
    const { verification, findings } = await verifyMigrations(subset, db);
    assert.equal(verification.migrations.length, 15);
    for (const v of verification.migrations) {
      assert.equal(v.up.ok, true, `${v.id}: ${v.up.error}`);
      assert.equal(v.reversible, true, `${v.id}: ${v.schemaDiff.join('; ')}`);
      assert.equal(v.reapplicable, true, `${v.id}: ${v.reup?.error ?? v.schemaDiff.join('; ')}`);
    }
    // Tables created by earlier changes hold synthetic rows when later ones run.
    assert.ok(verification.migrations.at(-1)!.dataCheck.rowsSeeded >= 1000);
    assert.deepEqual(findings, []);
  } finally {
    await db.stop();
  }
});
