// verify runs a file the way its tool sends it: golang-migrate (and dbmate, Diesel,
// Prisma, node-pg-migrate) send a file as ONE query, which Postgres runs as one
// implicit transaction block once it holds several statements. So verify and lint
// agree: CONCURRENTLY beside another statement fails, alone it runs; goose's
// NO TRANSACTION runs statements one by one. On PGlite and a native server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run } from '../../src/run';
import type { Report } from '../../src/types';
import { tempTree } from '../cli-helpers';
import { localUnavailable } from './helpers';
import { GOLANG_CONCURRENTLY } from '../fixtures/one-query';

const GOLANG = GOLANG_CONCURRENTLY;

const rules = (report: Report, file: string) => report.findings.filter((f) => f.file === file).map((f) => `${f.rule}:${f.line}`);

for (const database of ['pglite', 'local'] as const) {
  const skip = database === 'local' ? localUnavailable() : undefined;

  test(`golang-migrate: verify fails CONCURRENTLY beside another statement, as lint says, and runs it alone (${database})`, { skip }, async () => {
    const dir = tempTree(GOLANG);
    const report = await run({ command: 'check', paths: ['.'], cwd: dir, overrides: { verify: { database } } });
    const mixed = report.verification!.migrations.find((m) => m.id === '2_mixed')!;
    assert.equal(mixed.up.ok, false);
    assert.match(mixed.up.error!, /cannot run inside a transaction block/);
    assert.equal(mixed.up.line, 3);
    assert.deepEqual(
      rules(report, '2_mixed.up.sql').filter((r) => /concurrently-in-transaction|up-failing/.test(r)),
      ['concurrently-in-transaction:3', 'up-failing:3'],
    );
    // the one-statement file is not a block: CONCURRENTLY runs (verified once the chain can reach it)
    const alone = await run({ command: 'check', paths: ['.'], cwd: tempTree({ ...GOLANG, '2_mixed.up.sql': 'ALTER TABLE users DROP COLUMN legacy;\n' }), overrides: { verify: { database } } });
    const a = alone.verification!.migrations.find((m) => m.id === '3_alone')!;
    assert.equal(a.up.ok, true, a.up.error ?? '');
    assert.equal(a.reversible, true);
    assert.deepEqual(
      rules(alone, '3_alone.up.sql').filter((r) => /concurrently-in-transaction|up-failing/.test(r)),
      [],
    );
  });

  test(`goose NO TRANSACTION: the same pair runs statement by statement and passes (${database})`, { skip }, async () => {
    const dir = tempTree({
      '00001_users.sql': '-- +goose Up\nCREATE TABLE users (id bigint PRIMARY KEY, legacy boolean, created_at timestamptz);\n-- +goose Down\nDROP TABLE users;\n',
      '00002_mixed.sql':
        '-- +goose NO TRANSACTION\n-- +goose Up\nALTER TABLE users DROP COLUMN legacy;\nCREATE INDEX CONCURRENTLY IF NOT EXISTS users_created_idx ON users (created_at);\n-- +goose Down\nALTER TABLE users ADD COLUMN legacy boolean;\nDROP INDEX CONCURRENTLY IF EXISTS users_created_idx;\n',
    });
    const report = await run({ command: 'check', paths: ['.'], cwd: dir, overrides: { verify: { database } } });
    const mixed = report.verification!.migrations.find((m) => m.id === '00002_mixed')!;
    assert.equal(mixed.up.ok, true, mixed.up.error ?? '');
    assert.equal(mixed.reversible, true, mixed.schemaDiff.join('; '));
  });
}

for (const database of ['pglite', 'local'] as const) {
  test(`dbmate: a bare "-- migrate:down" is no down: the chain stops there without chain-rollback-failing (${database})`, { skip: database === 'local' ? localUnavailable() : undefined }, async () => {
    const dir = tempTree({
      'db/migrations/20240101000000_users.sql': '-- migrate:up\nCREATE TABLE users (id bigint PRIMARY KEY);\n\n-- migrate:down\nDROP TABLE users;\n',
      'db/migrations/20240102000000_email.sql': '-- migrate:up\nALTER TABLE users ADD COLUMN email text;\n\n-- migrate:down\n-- no rollback: the column stays\n',
      'db/migrations/20240103000000_name.sql': '-- migrate:up\nALTER TABLE users ADD COLUMN name text;\n\n-- migrate:down\nALTER TABLE users DROP COLUMN name;\n',
    });
    const report = await run({ command: 'check', paths: ['db/migrations'], cwd: dir, overrides: { verify: { database } } });
    assert.equal(report.migrations.find((m) => m.id === '20240102000000_email')!.down, undefined, 'no down file in the report');
    const chain = report.verification!.chain!;
    assert.equal(chain.noDown, true);
    assert.equal(chain.brokeAt, '20240102000000_email');
    assert.equal(chain.reverted, 1);
    assert.deepEqual(
      report.findings.filter((f) => /chain-rollback-failing|down-not-restoring-schema/.test(f.rule)),
      [],
    );
    assert.equal(report.verification!.migrations.find((m) => m.id === '20240102000000_email')!.hasDown, false);
  });
}

const GO_MIGRATION = `package migrations

import (
\t"context"
\t"database/sql"

\t"github.com/pressly/goose/v3"
)

func init() { goose.AddMigrationContext(upAudit, downAudit) }

func upAudit(ctx context.Context, tx *sql.Tx) error {
\t_, err := tx.ExecContext(ctx, "CREATE TABLE audit (id bigint PRIMARY KEY)")
\treturn err
}

func downAudit(ctx context.Context, tx *sql.Tx) error {
\t_, err := tx.ExecContext(ctx, "DROP TABLE audit")
\treturn err
}
`;

for (const database of ['pglite', 'local'] as const) {
  test(
    `goose: a migration written in Go is named as not verifiable, and a later failure says it did not run (${database})`,
    { skip: database === 'local' ? localUnavailable() : undefined },
    async () => {
      const dir = tempTree({
        '00001_users.sql': '-- +goose Up\nCREATE TABLE users (id bigint PRIMARY KEY);\n-- +goose Down\nDROP TABLE users;\n',
        '00002_audit.go': GO_MIGRATION,
        '00002_audit_test.go': 'package migrations\n',
        '00003_audit_note.sql': '-- +goose Up\nALTER TABLE audit ADD COLUMN note text;\n-- +goose Down\nALTER TABLE audit DROP COLUMN note;\n',
      });
      const report = await run({ command: 'check', paths: ['.'], cwd: dir, overrides: { verify: { database } } });
      assert.deepEqual(
        report.migrations.map((m) => m.id),
        ['00001_users', '00002_audit', '00003_audit_note'],
        'in goose version order; _test.go is not a migration',
      );
      const go = report.findings.filter((f) => f.file === '00002_audit.go');
      assert.deepEqual(
        go.map((f) => [f.rule, f.severity, f.line]),
        [['unverifiable-migration', 'warning', 1]],
        'never linted as SQL',
      );
      assert.match(go[0]!.message, /^00002_audit is a goose migration written in Go/);
      const skipped = report.verification!.migrations.find((m) => m.id === '00002_audit')!;
      assert.match(skipped.skipped!, /written in Go/);
      const failing = report.findings.find((f) => f.rule === 'up-failing')!;
      assert.equal(failing.file, '00003_audit_note.sql');
      assert.match(
        failing.message,
        /relation "audit" does not exist.*Verify could not run 00002_audit before it \(not SQL: see unverifiable-migration\): the failure may come from what it does, not from this migration\./,
      );
    },
  );
}

for (const database of ['pglite', 'local'] as const) {
  test(
    `the tool's own version table exists while its migrations run: harbor alters golang-migrate's schema_migrations (${database})`,
    { skip: database === 'local' ? localUnavailable() : undefined },
    async () => {
      const dir = tempTree({
        '0001_init.up.sql': 'CREATE TABLE projects (id int PRIMARY KEY);\n',
        '0002_data_version.up.sql': 'ALTER TABLE schema_migrations ADD COLUMN data_version int;\n',
      });
      const report = await run({ command: 'verify', paths: ['.'], cwd: dir, overrides: { verify: { database } } });
      const v = report.verification!.migrations.find((m) => m.id === '0002_data_version')!;
      assert.equal(v.up.ok, true, v.up.error ?? '');
      // goose's, for a goose folder:
      const goose = await run({
        command: 'verify',
        paths: ['.'],
        cwd: tempTree({ '00001_x.sql': '-- +goose Up\nCREATE INDEX goose_version_idx ON goose_db_version (version_id);\n-- +goose Down\nDROP INDEX goose_version_idx;\n' }),
        overrides: { verify: { database } },
      });
      assert.equal(goose.verification!.migrations[0]!.up.ok, true, goose.verification!.migrations[0]!.up.error ?? '');
      // sqitch's registry, for a sqitch project (a deploy script that records into it):
      const sqitch = await run({
        command: 'verify',
        paths: ['.'],
        cwd: tempTree({
          'sqitch.plan': '%syntax-version=1.0.0\n%project=app\n\nusers 2024-01-01T00:00:00Z A <a@example.com> # users\n',
          'deploy/users.sql': "BEGIN;\nCREATE TABLE users (id int);\nCOMMENT ON TABLE sqitch.changes IS 'seen';\nCOMMIT;\n",
          'revert/users.sql': 'BEGIN;\nDROP TABLE users;\nCOMMIT;\n',
        }),
        overrides: { verify: { database } },
      });
      const users = sqitch.verification!.migrations[0]!;
      assert.equal(users.up.ok, true, users.up.error ?? '');
    },
  );
}
