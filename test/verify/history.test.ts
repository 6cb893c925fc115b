// History that does not replay (an unchanged migration that needs a role the
// platform provides) is a warning, never the pull request's error: verify goes on
// without it, and a changed migration that fails only for want of it is reported
// the same way. On PGlite and a native server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verifyMigrations } from '../../src/verify/index';
import { startDatabase } from '../../src/verify/databases/index';
import { localUnavailable, migration } from './helpers';

const HISTORY = [
  // Needs the platform's `anon` role: fails here, and rolls back whole (no users table).
  migration('001_users', 'CREATE TABLE users (id bigint PRIMARY KEY);\nGRANT SELECT ON users TO anon;', 'DROP TABLE users;', { changed: false }),
  migration('002_audit', 'CREATE TABLE audit (id bigint PRIMARY KEY);', 'DROP TABLE audit;', { changed: false }),
];
const CHANGED = [
  migration('003_users_email', 'ALTER TABLE users ADD COLUMN email text;', 'ALTER TABLE users DROP COLUMN email;'),
  migration('004_audit_note', 'ALTER TABLE audit ADD COLUMN note text;', 'ALTER TABLE audit DROP COLUMN note;'),
  migration('005_typo', 'ALTER TABLE audits ADD COLUMN at timestamptz;', 'ALTER TABLE audits DROP COLUMN at;'),
];

for (const kind of ['pglite', 'local'] as const) {
  const skip = kind === 'local' ? localUnavailable() : undefined;

  test(`history that does not replay is a warning; the changed migrations after it are still verified (${kind})`, { skip }, async () => {
    const db = await startDatabase(kind, {});
    let result;
    try {
      result = await verifyMigrations([...HISTORY, ...CHANGED], db);
    } finally {
      await db.stop();
    }
    const { verification, findings } = result;
    const by = (rule: string) => findings.filter((f) => f.rule === rule).map((f) => f.migration);
    assert.deepEqual(by('history-not-replaying'), ['001_users', '003_users_email']);
    const history = findings.find((f) => f.migration === '001_users')!;
    assert.equal(history.severity, 'warning');
    assert.match(history.message, /^Could not verify with the full history: this unchanged migration does not replay on the throwaway database \(role "anon" does not exist\)/);
    assert.match(
      findings.find((f) => f.migration === '003_users_email')!.message,
      /fails with relation "users" does not exist, and 001_users, an unchanged migration that does not replay here, is where that comes from/,
    );
    // Verified although history failed before it:
    const audit = verification.migrations.find((m) => m.id === '004_audit_note')!;
    assert.equal(audit.up.ok, true);
    assert.equal(audit.reversible, true);
    // A failure that history does not explain stays the pull request's error:
    const typo = findings.find((f) => f.migration === '005_typo')!;
    assert.equal(typo.rule, 'up-failing');
    assert.equal(typo.severity, 'error');
    assert.match(typo.message, /relation "audits" does not exist\. Migrations before it did not run here \(001_users, 003_users_email\); the error names nothing they create\.$/);
  });
}

for (const database of ['pglite', 'local'] as const) {
  test(
    `check on a single file applies the migrations before it in its folder first; the report is still that file (${database})`,
    { skip: database === 'local' ? localUnavailable() : undefined },
    async () => {
      const { tempTree } = await import('../cli-helpers');
      const { run } = await import('../../src/run');
      const dir = tempTree({
        'db/000001_users.up.sql': 'CREATE TABLE users (id bigint PRIMARY KEY);\n',
        'db/000001_users.down.sql': 'DROP TABLE users;\n',
        'db/000002_status.up.sql': "ALTER TABLE users ADD COLUMN status text NOT NULL DEFAULT 'active';\n",
        'db/000002_status.down.sql': 'ALTER TABLE users DROP COLUMN status;\n',
        'db/000003_later.up.sql': 'ALTER TABLE users ADD COLUMN later int;\n',
      });
      const report = await run({ command: 'check', paths: ['db/000002_status.up.sql'], cwd: dir, overrides: { verify: { database } } });
      assert.deepEqual(
        report.migrations.map((m) => m.id),
        ['000002_status'],
      );
      assert.deepEqual(
        report.verification!.migrations.map((m) => [m.id, m.up.ok, m.reversible]),
        [['000002_status', true, true]],
        'not a false up-failing on an empty database',
      );
      assert.deepEqual(
        report.findings.filter((f) => f.rule === 'up-failing'),
        [],
      );
      const lint = await run({ command: 'lint', paths: ['db/000002_status.up.sql'], cwd: dir });
      assert.deepEqual(
        lint.migrations.map((m) => m.id),
        ['000002_status'],
      );
    },
  );
}

for (const database of ['pglite', 'local'] as const) {
  test(
    `verify.downs: chain: downs written as a chain (kratos) are judged by the chain; alone they are info (${database})`,
    { skip: database === 'local' ? localUnavailable() : undefined },
    async () => {
      const { tempTree } = await import('../cli-helpers');
      const { run } = await import('../../src/run');
      const files = {
        '000001_a.up.sql': 'CREATE TABLE a (id int PRIMARY KEY);\n',
        '000001_a.down.sql': 'DROP TABLE a;\n',
        // 002's down undoes 003's up too, as kratos's split migrations do; 003's down is empty.
        '000002_b.up.sql': 'CREATE TABLE b (id int PRIMARY KEY);\n',
        '000002_b.down.sql': 'DROP TABLE c;\nDROP TABLE b;\n',
        '000003_c.up.sql': 'CREATE TABLE c (id int PRIMARY KEY, b_id int REFERENCES b (id));\n',
        '000003_c.down.sql': '-- undone by 000002\n',
      };
      const each = await run({ command: 'verify', paths: ['.'], cwd: tempTree(files), overrides: { verify: { database } } });
      assert.deepEqual(
        each.findings.filter((f) => f.severity === 'error').map((f) => f.rule),
        ['down-failing'],
      );
      const chain = await run({ command: 'verify', paths: ['.'], cwd: tempTree({ ...files, '.migration-guard.yml': 'verify:\n  downs: chain\n' }), overrides: { verify: { database } } });
      assert.equal(chain.verification!.chain!.ok, true);
      assert.deepEqual(
        chain.findings.filter((f) => f.severity !== 'info'),
        [],
        'the chain works: nothing gates',
      );
      const info = chain.findings.find((f) => f.rule === 'down-failing')!;
      assert.equal(info.severity, 'info');
      assert.match(info.message, /\(verify\.downs: chain: this down is judged in the whole-chain rollback; alone it is informational\)$/);
      // A chain that does not restore the schema still fails the check:
      const broken = { ...files, '000002_b.down.sql': 'DROP TABLE c;\n' };
      const bad = await run({ command: 'verify', paths: ['.'], cwd: tempTree({ ...broken, '.migration-guard.yml': 'verify:\n  downs: chain\n' }), overrides: { verify: { database } } });
      assert.deepEqual(
        bad.findings.filter((f) => f.severity === 'error').map((f) => f.rule),
        ['chain-rollback-failing'],
      );
    },
  );
}

for (const database of ['pglite', 'local'] as const) {
  test(
    `deployTogether: a table an earlier migration of the same change creates is new: no lock findings, no seeded rows (${database})`,
    { skip: database === 'local' ? localUnavailable() : undefined },
    async () => {
      const { makeRepo } = await import('../action/harness');
      const { run } = await import('../../src/run');
      const repo = makeRepo({
        base: { 'db/000001_users.up.sql': 'CREATE TABLE users (id bigint PRIMARY KEY);\n', 'db/000001_users.down.sql': 'DROP TABLE users;\n' },
        head: {
          'db/000002_orders.up.sql': 'CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id), created_at timestamptz);\n',
          'db/000002_orders.down.sql': 'DROP TABLE orders;\n',
          // On a filled table each of these would be a finding; the change creates orders, so it is empty.
          'db/000003_orders_more.up.sql': 'CREATE INDEX orders_created_idx ON orders (created_at);\nALTER TABLE orders ADD COLUMN note text NOT NULL;\n',
          'db/000003_orders_more.down.sql': 'ALTER TABLE orders DROP COLUMN note;\nDROP INDEX orders_created_idx;\n',
        },
      });
      const ordersFindings = (r: Awaited<ReturnType<typeof run>>) =>
        r.findings
          .filter((f) => f.file === 'db/000003_orders_more.up.sql')
          .map((f) => f.rule)
          .sort();
      const together = await run({ command: 'check', paths: ['db'], cwd: repo.dir, base: repo.baseSha, overrides: { verify: { database } } });
      assert.deepEqual(ordersFindings(together), []);
      const v = together.verification!.migrations.find((m) => m.id === '000003_orders_more')!;
      assert.equal(v.dataCheck.failsWithData, false);

      const oneByOne = await run({ command: 'check', paths: ['db'], cwd: repo.dir, base: repo.baseSha, overrides: { deployTogether: false, verify: { database } } });
      const rules = ordersFindings(oneByOne);
      assert.ok(rules.includes('creating-index-non-concurrently'), rules.join(', '));
      assert.ok(rules.includes('adding-required-column'), rules.join(', '));
      assert.ok(rules.includes('failing-with-existing-rows'), rules.join(', '));
    },
  );
}
