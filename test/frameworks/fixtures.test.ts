// The real frameworks on their fixture projects (test/fixtures/frameworks/<name>): each
// runs its own migrate and rollback commands against a throwaway server, and the
// report must name exactly the planted hazards at their source lines. On `local`;
// Knex on `container` too where a Docker engine answers (CI).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { FrameworkName } from '../../src/frameworks/types';
import { run } from '../../src/run';
import type { Finding, Report } from '../../src/types';
import { localUnavailable } from '../verify/helpers';
import { dockerAnswers } from '../databases-docker';

const ROOT = join(import.meta.dirname, '../fixtures/frameworks');
/** Debian's python3 (the one on PATH may lack Debian's modules) and ruby come first. */
const ENV = { PATH: `/usr/bin:/bin:${process.env.PATH}` };

/** Why a framework cannot run here (tests skip with it), or false. */
function missing(command: string, args: string[], what: string): string | false {
  const r = spawnSync(command, args, { env: { ...process.env, ...ENV }, encoding: 'utf8' });
  return r.status === 0 ? false : `${what} is not installed (${command} ${args.join(' ')}: ${(r.stderr || r.error?.message || '').trim().split('\n').at(-1)})`;
}

interface Expected {
  rule: string;
  /** The migration file's name starts with this. */
  file: string;
  line: number;
}

const CASES: { name: FrameworkName; needs: () => string | false; expected: Expected[]; quiet: string }[] = [
  {
    name: 'alembic',
    needs: () => missing('alembic', ['--version'], 'alembic'),
    expected: [
      { rule: 'adding-required-column', file: '0002', line: 10 },
      { rule: 'failing-with-existing-rows', file: '0002', line: 10 },
      { rule: 'creating-index-non-concurrently', file: '0003', line: 9 },
      { rule: 'changing-column-type', file: '0004', line: 10 },
      { rule: 'rewriting-table', file: '0004', line: 10 },
      { rule: 'down-not-restoring-schema', file: '0006', line: 16 },
      { rule: 'framework-shared-transaction', file: '0001', line: 10 },
    ],
    quiet: '0005',
  },
  {
    name: 'django',
    needs: () => missing('python3', ['-c', 'import django, psycopg2'], 'Django (python3-django, python3-psycopg2)'),
    expected: [
      { rule: 'adding-required-column', file: '0002', line: 9 },
      { rule: 'failing-with-existing-rows', file: '0002', line: 9 },
      { rule: 'creating-index-non-concurrently', file: '0003', line: 9 },
      { rule: 'changing-column-type', file: '0004', line: 9 },
      { rule: 'rewriting-table', file: '0004', line: 9 },
      { rule: 'down-not-restoring-schema', file: '0006', line: 10 },
    ],
    quiet: '0005',
  },
  {
    name: 'rails',
    needs: () => missing('ruby', ['-e', 'require "rails"; require "active_record"; require "pg"'], 'Rails (ruby-railties, ruby-activerecord, ruby-pg)'),
    expected: [
      { rule: 'adding-required-column', file: '20240101000002', line: 4 },
      { rule: 'failing-with-existing-rows', file: '20240101000002', line: 4 },
      { rule: 'creating-index-non-concurrently', file: '20240101000003', line: 4 },
      { rule: 'changing-column-type', file: '20240101000004', line: 4 },
      { rule: 'rewriting-table', file: '20240101000004', line: 4 },
      { rule: 'down-not-restoring-schema', file: '20240101000006', line: 11 },
    ],
    quiet: '20240101000005',
  },
  {
    name: 'knex',
    needs: () => false,
    expected: [
      { rule: 'adding-required-column', file: '20240101000002', line: 3 },
      { rule: 'failing-with-existing-rows', file: '20240101000002', line: 3 },
      { rule: 'creating-index-non-concurrently', file: '20240101000003', line: 4 },
      { rule: 'changing-column-type', file: '20240101000004', line: 3 },
      { rule: 'rewriting-table', file: '20240101000004', line: 3 },
      { rule: 'down-not-restoring-schema', file: '20240101000006', line: 12 },
    ],
    quiet: '20240101000005',
  },
  {
    name: 'sequelize',
    needs: () => false,
    expected: [
      { rule: 'adding-required-column', file: '20240101000002', line: 4 },
      { rule: 'failing-with-existing-rows', file: '20240101000002', line: 4 },
      { rule: 'creating-index-non-concurrently', file: '20240101000003', line: 4 },
      { rule: 'changing-column-type', file: '20240101000004', line: 4 },
      { rule: 'rewriting-table', file: '20240101000004', line: 4 },
      { rule: 'down-not-restoring-schema', file: '20240101000006', line: 8 },
    ],
    quiet: '20240101000005',
  },
  {
    name: 'typeorm',
    needs: () => false,
    expected: [
      { rule: 'adding-required-column', file: '1704067200002', line: 6 },
      { rule: 'failing-with-existing-rows', file: '1704067200002', line: 6 },
      { rule: 'creating-index-non-concurrently', file: '1704067200003', line: 6 },
      { rule: 'changing-column-type', file: '1704067200004', line: 4 },
      { rule: 'rewriting-table', file: '1704067200004', line: 4 },
      { rule: 'down-not-restoring-schema', file: '1704067200006', line: 11 },
      // TypeORM's migration:revert wraps every down in a transaction, `transaction = false` or not.
      { rule: 'missing-down', file: '1704067200005', line: 9 },
    ],
    quiet: '',
  },
  {
    name: 'node-pg-migrate',
    needs: () => false,
    expected: [
      { rule: 'adding-required-column', file: '1704067200002', line: 3 },
      { rule: 'failing-with-existing-rows', file: '1704067200002', line: 3 },
      { rule: 'creating-index-non-concurrently', file: '1704067200003', line: 3 },
      { rule: 'changing-column-type', file: '1704067200004', line: 3 },
      { rule: 'rewriting-table', file: '1704067200004', line: 3 },
      { rule: 'down-not-restoring-schema', file: '1704067200006', line: 10 },
      { rule: 'framework-shared-transaction', file: '1704067200001', line: 2 },
    ],
    quiet: '1704067200005',
  },
];

const base = (f: Finding) => f.file.slice(f.file.lastIndexOf('/') + 1);

/** check on the fixture project with the framework's preset commands. */
function check(name: FrameworkName, database: 'local' | 'container'): Promise<Report> {
  return run({ command: 'check', paths: [join(ROOT, name)], overrides: { framework: { name, env: ENV }, verify: { database } } });
}

function assertPlanted(report: Report, c: (typeof CASES)[number]): void {
  const seen = report.findings.map((f) => `${f.rule} ${base(f).split(/[_.-]/)[0]}:${f.line}`);
  for (const e of c.expected) assert.ok(seen.includes(`${e.rule} ${e.file}:${e.line}`), `${c.name}: expected ${e.rule} at ${e.file}:${e.line}; got\n${seen.join('\n')}`);
  // Nothing else at warning or above, except the lock_timeout reminders and the downs' mirror images.
  const planted = new Set(c.expected.map((e) => e.rule));
  const other = report.findings.filter((f) => f.severity !== 'info' && !planted.has(f.rule) && !['missing-lock-timeout', 'dropping-index-non-concurrently', 'up-not-reapplicable', 'locking-table-explicitly'].includes(f.rule) && !(f.rule === 'changing-column-type' && f.file.includes('0004')));
  assert.deepEqual(other.map((f) => `${f.rule} ${base(f)}:${f.line} ${f.message.slice(0, 120)}`), [], `${c.name}: unexpected findings`);
  if (c.quiet) assert.deepEqual(report.findings.filter((f) => base(f).startsWith(c.quiet) && f.severity !== 'info' && f.rule !== 'missing-lock-timeout').map((f) => f.rule), [], `${c.name}: the CONCURRENTLY migration is safe`);
  // Every migration was applied, reverted and re-applied by the framework; captured SQL carries its statement.
  assert.equal(report.migrations.length, 6);
  assert.ok(report.migrations.every((m) => m.layout === c.name));
  assert.ok(report.findings.filter((f) => f.rule === 'adding-required-column').every((f) => /NOT NULL/i.test(f.statement ?? '')));
}

describe('framework fixtures on a local server', { skip: localUnavailable() ?? false }, () => {
  for (const c of CASES) {
    it(`${c.name}: the planted hazards at their source lines`, { skip: c.needs() }, async () => {
      assertPlanted(await check(c.name, 'local'), c);
    });
  }
});

describe('framework fixtures in a container', () => {
  it('knex: the same findings when the throwaway server is a container', async (t) => {
    if (!(await dockerAnswers())) return t.skip('no Docker engine answers on the local socket (scripts/setup-docker.sh starts one)');
    assertPlanted(await check('knex', 'container'), CASES.find((c) => c.name === 'knex')!);
  });
});
