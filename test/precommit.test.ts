// The pre-commit hook (.pre-commit-hooks.yaml) as pre-commit installs and runs it: on a
// temporary repository, only the staged migration files are linted, a staged down file is
// reported on itself (not its up), and an error fails the commit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './cli-helpers';

const hasPreCommit = spawnSync('pre-commit', ['--version']).status === 0;

test('pre-commit: staged files only, a down reported on itself, an error fails', { skip: hasPreCommit ? false : 'pre-commit is not installed (Debian package pre-commit)', timeout: 600_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'mg-precommit-'));
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
    const write = (file: string, text: string) => writeFileSync(join(dir, file), text);
    mkdirSync(join(dir, 'db'));
    write('db/000001_t.up.sql', 'CREATE TABLE t (id int);\n');
    write('db/000001_t.down.sql', 'DROP TABLE t;\n');
    git('init', '-q');
    git('add', '-A');
    git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'base');
    // This repository, at the commit under test, is the hook's repository.
    const rev = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    write('.pre-commit-config.yaml', `repos:\n  - repo: ${ROOT}\n    rev: ${rev}\n    hooks:\n      - id: migration-guard\n        language_version: system\n`);
    write('db/000002_s.up.sql', 'ALTER TABLE t ADD COLUMN s text NOT NULL;\n');
    write('db/000002_s.down.sql', 'DROP INDEX t_idx;\n');
    git('add', '.pre-commit-config.yaml', 'db/000002_s.down.sql');
    const env = { ...process.env, PRE_COMMIT_HOME: join(dir, '.cache') };
    const hook = () => spawnSync('pre-commit', ['run', '--verbose'], { cwd: dir, env, encoding: 'utf8' });
    const down = hook();
    assert.equal(down.status, 0, down.stdout + down.stderr);
    assert.match(down.stdout, /db\/000002_s\.down\.sql:1:1 warning dropping-index-non-concurrently/);
    assert.doesNotMatch(down.stdout, /000002_s\.up\.sql|000001_t/, 'only the staged file is reported');
    git('add', 'db/000002_s.up.sql');
    const up = hook();
    assert.equal(up.status, 1, 'an error fails the commit');
    assert.match(up.stdout, /db\/000002_s\.up\.sql:1:1 error adding-required-column/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
