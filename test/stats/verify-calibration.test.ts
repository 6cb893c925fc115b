// check --stats with verify on a real server: verify's timing of the statement on
// 10,000 seeded rows scales the estimate ("calibrated"), and the rewrite verify
// observed (relfilenode) decides the work even where no rule says so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../../src/run';
import type { StatsFile } from '../../src/stats/file';
import { tempTree } from '../cli-helpers';
import { localUnavailable } from '../verify/helpers';

const skip = localUnavailable();

const STATS: StatsFile = {
  version: 1,
  kind: 'migration-guard-stats',
  collectedAt: '2026-12-01T10:00:00Z',
  countersSince: null,
  server: { version: '15.8', versionNum: 150008 },
  database: 'app',
  tables: [
    {
      schema: 'public',
      name: 'users',
      rows: 20_000_000,
      heapBytes: 2_000_000_000,
      indexBytes: 400_000_000,
      toastBytes: 0,
      deadRows: 0,
      lastVacuum: null,
      lastAutovacuum: null,
      lastAnalyze: null,
      lastAutoanalyze: null,
      indexes: [{ name: 'users_pkey', definition: 'CREATE UNIQUE INDEX users_pkey ON public.users USING btree (id)', bytes: 400_000_000 }],
      counters: null,
    },
  ],
};

test('verify on 10,000 seeded rows calibrates the estimate of the statement it timed', { skip }, async () => {
  const dir = tempTree({
    'db/000001_users.up.sql': 'CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL);\n',
    'db/000001_users.down.sql': 'DROP TABLE users;\n',
    'db/000002_widen.up.sql': "SET lock_timeout = '2s';\nALTER TABLE users ALTER COLUMN id TYPE bigint;\n",
    'db/000002_widen.down.sql': 'ALTER TABLE users ALTER COLUMN id TYPE int;\n',
  });
  writeFileSync(join(dir, 'prod-stats.json'), JSON.stringify(STATS));
  const report = await run({
    command: 'check',
    paths: ['db'],
    cwd: dir,
    overrides: { stats: { file: 'prod-stats.json' }, verify: { database: 'local', seedRows: 10_000 } },
  });
  const widen = report.verification!.migrations.find((m) => m.id === '000002_widen')!;
  assert.deepEqual(widen.statements.find((s) => s.line === 2)!.rewrites, ['users'], 'verify saw the rewrite');
  const f = report.findings.find((x) => x.rule === 'changing-column-type' && x.file.endsWith('000002_widen.up.sql'))!;
  assert.equal(f.size!.estimate!.basis, 'calibrated');
  assert.ok(f.size!.estimate!.factor! >= 0.2 && f.size!.estimate!.factor! <= 5);
  const plan = report.stats!.migrations.find((m) => m.id === '000002_widen')!;
  assert.equal(plan.statements.find((s) => s.line === 2)!.estimate!.basis, 'calibrated');
  assert.equal(plan.statements.find((s) => s.line === 2)!.work, 'rewrite');
  // the down's type change is timed by verify too (it ran), but only ups are calibrated: downs keep the model
  const down = report.findings.find((x) => x.rule === 'changing-column-type' && x.file.endsWith('000002_widen.down.sql'))!;
  assert.equal(down.size!.estimate!.basis, 'model');
});
