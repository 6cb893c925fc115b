// Frameworks through run(): detection, a failing command that hides nothing, the untrusted-code guard, config and flags.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parseConfig } from '../../src/config-file';
import { overridesFromFlags, parseArgs } from '../../src/cli';
import { detectFramework } from '../../src/frameworks/index';
import { loadProject } from '../../src/frameworks/project';
import { run } from '../../src/run';
import { localUnavailable } from '../verify/helpers';

const KNEX = join(import.meta.dirname, '../fixtures/frameworks/knex');
const tmp: string[] = [];
after(() => tmp.forEach((d) => rmSync(d, { recursive: true, force: true })));
/** A scratch folder inside the repository, so `npx knex` finds the repository's node_modules as it does for the fixtures. */
function scratch(): string {
  const parent = join(import.meta.dirname, '../../.tmp');
  mkdirSync(parent, { recursive: true });
  const d = mkdtempSync(join(parent, 'fw-'));
  tmp.push(d);
  return d;
}

describe('framework detection', () => {
  it('finds each framework by its markers, TypeORM and node-pg-migrate only by name', () => {
    const root = join(import.meta.dirname, '../fixtures/frameworks');
    const found = ['alembic', 'django', 'rails', 'knex', 'sequelize', 'typeorm', 'node-pg-migrate'].map((n) => detectFramework(loadProject(join(root, n)), n)?.name);
    assert.deepEqual(found, ['alembic', 'django', 'rails', 'knex', 'sequelize', undefined, undefined]);
  });

  it('a folder with the markers of two frameworks is exit 2 naming both', () => {
    const d = scratch();
    cpSync(KNEX, d, { recursive: true });
    writeFileSync(join(d, 'alembic.ini'), '[alembic]\n');
    assert.throws(() => detectFramework(loadProject(d), 'proj'), /proj looks like a project of several frameworks \(alembic: alembic\.ini; knex: knexfile\.cjs\)/);
  });
});

describe('framework config and flags', () => {
  it('framework: a name or a block; bad values name the key and line', () => {
    assert.deepEqual(parseConfig('framework: django\n', { file: '/x/.migration-guard.yml' }).framework, { name: 'django' });
    const c = parseConfig('framework:\n  name: rails\n  cwd: app\n  migrate: bin/rails db:migrate\n  env:\n    RAILS_ENV: test\n  timeout: 120\n', { file: '/x/.migration-guard.yml' });
    assert.deepEqual(c.framework, { name: 'rails', cwd: 'app', migrate: 'bin/rails db:migrate', env: { RAILS_ENV: 'test' }, timeout: 120 });
    assert.throws(() => parseConfig('framework:\n  name: flask\n', { file: '/x/.migration-guard.yml', displayName: 'cfg.yml' }), /cfg\.yml:2: framework\.name: expected one of alembic, django/);
    assert.throws(() => parseConfig('framework:\n  migrat: x\n', { file: '/x/.migration-guard.yml', displayName: 'cfg.yml' }), /framework\.migrat: unknown setting \(did you mean "migrate"\?\)/);
  });

  it('--framework and --sql-log add to the config block', () => {
    const o = overridesFromFlags(parseArgs(['lint', '--framework', 'ecto', '--sql-log', '-']).flags);
    assert.deepEqual(o.framework, { name: 'ecto', sqlLog: '-' });
    assert.throws(() => overridesFromFlags(parseArgs(['lint', '--framework', 'flyway']).flags), /--framework: expected one of/);
  });

  it('with verify off for untrusted code, a framework project is refused before anything runs', async () => {
    await assert.rejects(run({ command: 'lint', paths: [KNEX], allowCommands: false }), /knex migrations are checked by running the framework's own commands/);
  });

  it('PGlite cannot serve a framework: exit 2 saying what to use', async () => {
    await assert.rejects(run({ command: 'lint', paths: [KNEX], overrides: { verify: { database: 'pglite' } } }), /use --database local, container or url/);
  });
});

describe('a failing framework command', { skip: localUnavailable() ?? false }, () => {
  it("is a finding with Postgres's error, and the migrations before it are still linted", async () => {
    const d = scratch();
    cpSync(KNEX, d, { recursive: true });
    writeFileSync(join(d, 'migrations/20240101000007_broken.cjs'), "exports.up = (knex) => knex.raw('ALTER TABLE nowhere ADD COLUMN x int');\nexports.down = () => {};\n");
    const report = await run({ command: 'lint', paths: [d], cwd: d, overrides: { verify: { database: 'local' } } });
    const failed = report.findings.find((f) => f.rule === 'framework-command-failed');
    assert.ok(failed, 'the failure is reported');
    assert.match(failed.message, /npx knex migrate:latest --knexfile knexfile\.cjs` failed \(exit 1\)\. Postgres: relation "nowhere" does not exist/);
    assert.ok(
      report.findings.some((f) => f.rule === 'adding-required-column' && f.file.endsWith('20240101000002_add_age.cjs')),
      'earlier findings kept',
    );
    assert.equal(report.migrations.length, 6);
  });

  it('a command that cannot start is exit 2 naming it', async () => {
    await assert.rejects(
      run({ command: 'lint', paths: [KNEX], overrides: { verify: { database: 'local' }, framework: { name: 'knex', migrate: 'no-such-knex migrate:latest' } } }),
      /the knex command `no-such-knex migrate:latest` could not start \(exit 127\)/,
    );
  });
});

describe('--base with a framework', { skip: localUnavailable() ?? false }, () => {
  it('checks only the migrations whose source changed, rolling back just those', async () => {
    const d = scratch();
    cpSync(KNEX, d, { recursive: true });
    const git = (...args: string[]) => execFileSync('git', args, { cwd: d, stdio: 'pipe' });
    rmSync(join(d, 'migrations/20240101000006_nickname.cjs'));
    git('init', '-q');
    git('add', '-A');
    git('-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-qm', 'base');
    cpSync(join(KNEX, 'migrations/20240101000006_nickname.cjs'), join(d, 'migrations/20240101000006_nickname.cjs'));
    const lines: string[] = [];
    const report = await run({ command: 'check', paths: [d], cwd: d, base: 'HEAD', overrides: { verify: { database: 'local' } }, progress: (l) => lines.push(l) });
    assert.deepEqual(
      report.migrations.map((m) => m.id),
      ['20240101000006_nickname.cjs'],
    );
    assert.equal(lines.filter((l) => l.includes('migrate:down')).length, 1, 'one rollback: the changed migration only');
    assert.ok(report.findings.some((f) => f.rule === 'down-not-restoring-schema'));
    assert.ok(!report.findings.some((f) => f.rule === 'adding-required-column'), 'unchanged migrations are not reported');
  });
});

describe('Ecto without mix', () => {
  const hasMix = spawnSync('mix', ['--version']).status === 0;
  it('the live preset says clearly that mix is not here', { skip: hasMix ? 'mix is installed here' : (localUnavailable() ?? false) }, async () => {
    const d = scratch();
    mkdirSync(join(d, 'priv/repo/migrations'), { recursive: true });
    writeFileSync(join(d, 'mix.exs'), 'defmodule App.MixProject do\nend\n');
    writeFileSync(join(d, 'priv/repo/migrations/20250101000000_add_users.exs'), 'defmodule App.Repo.Migrations.AddUsers do\nend\n');
    await assert.rejects(
      run({ command: 'lint', paths: [d], cwd: d, overrides: { verify: { database: 'local' } } }),
      /the ecto command `mix ecto\.migrate --log-migrations-sql` could not start \(exit 127\)[\s\S]*--sql-log|could not start/,
    );
  });
});

describe(
  'a down the framework refuses',
  { skip: localUnavailable() ?? (spawnSync('/usr/bin/python3', ['-c', 'import django']).status === 0 ? false : 'Django is not installed (python3-django)') },
  () => {
    it("Django RunPython without a reverse is missing-down with Django's own message", async () => {
      const d = scratch();
      cpSync(join(import.meta.dirname, '../fixtures/frameworks/django'), d, { recursive: true });
      writeFileSync(
        join(d, 'shop/migrations/0007_backfill.py'),
        'from django.db import migrations\n\n\ndef backfill(apps, schema_editor):\n    pass\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("shop", "0006_user_nickname")]\n\n    operations = [migrations.RunPython(backfill)]\n',
      );
      const report = await run({
        command: 'check',
        paths: [d],
        cwd: d,
        overrides: { verify: { database: 'local' }, framework: { name: 'django', env: { PATH: `/usr/bin:/bin:${process.env.PATH}` } } },
      });
      const down = report.findings.find((f) => f.rule === 'missing-down');
      assert.ok(down, report.findings.map((f) => f.rule).join(', '));
      assert.ok(down.file.endsWith('0007_backfill.py'));
      assert.match(down.message, /django cannot roll back shop\.0007_backfill: `python3 manage.py migrate shop 0006_user_nickname --noinput` failed \(exit 1\)[\s\S]*is not reversible/);
    });
  },
);
