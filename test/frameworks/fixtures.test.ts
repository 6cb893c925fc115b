// The real frameworks on their fixture projects (test/fixtures/frameworks/<name>): each
// runs its own migrate and rollback commands against a throwaway server, and the
// report must name exactly the planted hazards at their source lines. On `local`,
// and on `container` where a Docker engine answers (CI).
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

/**
 * What every fixture plants, in the same six migrations: 2 a required column without a default,
 * 3 an index without CONCURRENTLY, 4 a rewriting type change, 5 a CONCURRENTLY index with the
 * framework's opt-out (safe), 6 a down that forgets its index. `prefix(n)` is migration n's file
 * name prefix; `lines` the source lines of the column, the index, the type change and the down.
 */
function planted(prefix: (n: number) => string, [age, index, type, down]: [number, number, number, number]): Expected[] {
  return [
    { rule: 'adding-required-column', file: prefix(2), line: age },
    { rule: 'failing-with-existing-rows', file: prefix(2), line: age },
    { rule: 'creating-index-non-concurrently', file: prefix(3), line: index },
    { rule: 'changing-column-type', file: prefix(4), line: type },
    { rule: 'rewriting-table', file: prefix(4), line: type },
    { rule: 'down-not-restoring-schema', file: prefix(6), line: down },
  ];
}
const padded = (n: number) => `000${n}`;
const dated = (n: number) => `2024010100000${n}`;
const stamped = (n: number) => `170406720000${n}`;

const CASES: { name: FrameworkName; needs: () => string | false; expected: Expected[]; quiet: string }[] = [
  {
    name: 'alembic',
    needs: () => missing('alembic', ['--version'], 'alembic'),
    // Alembic runs every pending migration in one transaction by default.
    expected: [...planted(padded, [10, 9, 10, 16]), { rule: 'framework-shared-transaction', file: '0001', line: 10 }],
    quiet: '0005',
  },
  { name: 'django', needs: () => missing('python3', ['-c', 'import django, psycopg2'], 'Django (python3-django, python3-psycopg2)'), expected: planted(padded, [9, 9, 9, 10]), quiet: '0005' },
  {
    name: 'rails',
    needs: () => missing('ruby', ['-e', 'require "rails"; require "active_record"; require "pg"'], 'Rails (ruby-railties, ruby-activerecord, ruby-pg)'),
    expected: planted(dated, [4, 4, 4, 11]),
    quiet: dated(5),
  },
  { name: 'knex', needs: () => false, expected: planted(dated, [3, 4, 3, 12]), quiet: dated(5) },
  { name: 'sequelize', needs: () => false, expected: planted(dated, [4, 4, 4, 8]), quiet: dated(5) },
  {
    name: 'typeorm',
    needs: () => false,
    // TypeORM's migration:revert wraps every down in a transaction, `transaction = false` or not.
    expected: [...planted(stamped, [6, 6, 4, 11]), { rule: 'missing-down', file: stamped(5), line: 9 }],
    quiet: '',
  },
  {
    name: 'node-pg-migrate',
    needs: () => false,
    // node-pg-migrate runs the pending migrations in one transaction by default.
    expected: [...planted(stamped, [3, 3, 3, 10]), { rule: 'framework-shared-transaction', file: stamped(1), line: 2 }],
    quiet: stamped(5),
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
  const other = report.findings.filter(
    (f) =>
      f.severity !== 'info' &&
      !planted.has(f.rule) &&
      !['missing-lock-timeout', 'dropping-index-non-concurrently', 'up-not-reapplicable', 'locking-table-explicitly'].includes(f.rule) &&
      !(f.rule === 'changing-column-type' && f.file.includes('0004')),
  );
  assert.deepEqual(
    other.map((f) => `${f.rule} ${base(f)}:${f.line} ${f.message.slice(0, 120)}`),
    [],
    `${c.name}: unexpected findings`,
  );
  if (c.quiet)
    assert.deepEqual(
      report.findings.filter((f) => base(f).startsWith(c.quiet) && f.severity !== 'info' && f.rule !== 'missing-lock-timeout').map((f) => f.rule),
      [],
      `${c.name}: the CONCURRENTLY migration is safe`,
    );
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
  for (const c of CASES) {
    it(`${c.name}: the same findings when the throwaway server is a container`, { skip: c.needs() }, async (t) => {
      if (!(await dockerAnswers())) return t.skip('no Docker engine answers on the local socket (scripts/setup-docker.sh starts one)');
      assertPlanted(await check(c.name, 'container'), c);
    });
  }
});
