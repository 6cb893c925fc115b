// History checks against a base ref, on real temporary git repositories built
// here: edited, deleted, renamed and out-of-order migrations, `changed`, and a
// shallow clone that fetched the base ref.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { discoverMigrations } from '../../src/migrations/discover';
import { compareWithBase, onlyChanged } from '../../src/migrations/history';
import { UsageError } from '../../src/errors';

/** Base-tree discovery, as src/migrations/discover.ts injects it. */
const discover = (target: string, o: { cwd: string }) => discoverMigrations(target, o).migrations;

const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', GIT_CONFIG_NOSYSTEM: '1' };
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    .toString()
    .trim();

function write(root: string, files: Record<string, string>) {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

/** A repository whose `main` holds `base`, checked out on branch `feature`. */
function repoWith(base: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'mg-history-'));
  git(root, 'init', '-q', '-b', 'main');
  write(root, base);
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'base');
  git(root, 'checkout', '-q', '-b', 'feature');
  return root;
}

function commitAll(root: string) {
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'feature');
}

const gm = {
  'db/migrations/100_users.up.sql': 'CREATE TABLE users (id bigint);\n',
  'db/migrations/100_users.down.sql': 'DROP TABLE users;\n',
  'db/migrations/200_orders.up.sql': 'CREATE TABLE orders (\n  id bigint\n);\n',
  'db/migrations/200_orders.down.sql': 'DROP TABLE orders;\n',
  'db/migrations/300_items.up.sql': 'CREATE TABLE items (id bigint);\n',
  'db/migrations/300_items.down.sql': 'DROP TABLE items;\n',
  'db/migrations/400_tags.up.sql': 'CREATE TABLE tags (id bigint);\n',
  'db/migrations/400_tags.down.sql': 'DROP TABLE tags;\n',
};

/** Edit 200 (up), 300 (down only), delete 400, add 150 (out of order) and 500. */
function changeFeature(root: string) {
  write(root, {
    'db/migrations/200_orders.up.sql': 'CREATE TABLE orders (\n  id bigint,\n  total numeric\n);\n',
    'db/migrations/300_items.down.sql': 'DROP TABLE IF EXISTS items;\n',
    'db/migrations/150_late.up.sql': 'CREATE TABLE late (id bigint);\n',
    'db/migrations/150_late.down.sql': 'DROP TABLE late;\n',
    'db/migrations/500_new.up.sql': 'CREATE TABLE fresh (id bigint);\n',
    'db/migrations/500_new.down.sql': 'DROP TABLE fresh;\n',
  });
  unlinkSync(join(root, 'db/migrations/400_tags.up.sql'));
  unlinkSync(join(root, 'db/migrations/400_tags.down.sql'));
}

function check(root: string, base: string) {
  const d = discoverMigrations('db/migrations', { cwd: root });
  return compareWithBase({ dir: 'db/migrations', migrations: d.migrations, base, layout: d.layout, cwd: root, discover });
}

test('edited, deleted and out-of-order migrations against the base branch; changed flags', () => {
  const root = repoWith(gm);
  try {
    changeFeature(root);
    commitAll(root);
    const r = check(root, 'main');
    assert.deepEqual(
      r.migrations.map((m) => [m.id, m.changed]),
      [
        ['100_users', false],
        ['150_late', true],
        ['200_orders', true],
        ['300_items', true],
        ['500_new', true],
      ],
    );
    const by = (rule: string) => r.findings.filter((f) => f.rule === rule);
    assert.equal(r.findings.length, 3);
    const [edited] = by('editing-applied-migration');
    assert.equal(edited!.file, 'db/migrations/200_orders.up.sql');
    assert.equal(edited!.line, 2, 'points at the first line that differs');
    assert.equal(edited!.migration, '200_orders');
    assert.match(edited!.message, /200_orders .*already exists on main and was modified/);
    const [deleted] = by('deleting-applied-migration');
    assert.equal(deleted!.file, 'db/migrations/400_tags.up.sql');
    assert.match(deleted!.message, /400_tags .* exists on main but was deleted/);
    const [late] = by('out-of-order-migration');
    assert.equal(late!.file, 'db/migrations/150_late.up.sql');
    assert.match(late!.message, /150_late is new since main but sorts before 300_items/);
    assert.ok(r.findings.every((f) => f.severity === 'error'));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('uncommitted working-tree changes count too; an unchanged tree changes nothing', () => {
  const root = repoWith(gm);
  try {
    let r = check(root, 'main');
    assert.ok(r.migrations.every((m) => !m.changed));
    assert.deepEqual(r.findings, []);
    write(root, { 'db/migrations/100_users.up.sql': 'CREATE TABLE users (id bigint, name text);\n' });
    r = check(root, 'HEAD');
    assert.deepEqual(
      r.findings.map((f) => [f.rule, f.migration]),
      [['editing-applied-migration', '100_users']],
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a renamed migration is reported as deleting-applied-migration naming the new id', () => {
  const root = repoWith(gm);
  try {
    renameSync(join(root, 'db/migrations/400_tags.up.sql'), join(root, 'db/migrations/600_tags.up.sql'));
    renameSync(join(root, 'db/migrations/400_tags.down.sql'), join(root, 'db/migrations/600_tags.down.sql'));
    commitAll(root);
    const r = check(root, 'main');
    assert.deepEqual(
      r.findings.map((f) => [f.rule, f.migration]),
      [['deleting-applied-migration', '600_tags']],
    );
    assert.match(r.findings[0]!.message, /400_tags .* exists on main but was renamed to 600_tags/);
    assert.equal(r.findings[0]!.file, 'db/migrations/600_tags.up.sql');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('goose sections: an edited Down marks the migration changed without a finding; an edited Up is reported at its true line', () => {
  const base = {
    'migrations/001_users.sql': '-- +goose Up\nCREATE TABLE users (id bigint);\n\n-- +goose Down\nDROP TABLE users;\n',
    'migrations/002_orders.sql': '-- +goose Up\nCREATE TABLE orders (id bigint);\nCREATE INDEX orders_id ON orders (id);\n-- +goose Down\nDROP TABLE orders;\n',
  };
  const root = repoWith(base);
  try {
    write(root, {
      'migrations/001_users.sql': '-- +goose Up\nCREATE TABLE users (id bigint);\n\n-- +goose Down\nDROP TABLE IF EXISTS users;\n',
      'migrations/002_orders.sql': '-- +goose Up\nCREATE TABLE orders (id bigint);\nCREATE INDEX orders_id_idx ON orders (id);\n-- +goose Down\nDROP TABLE orders;\n',
    });
    commitAll(root);
    const d = discoverMigrations('migrations', { cwd: root });
    const r = compareWithBase({ dir: 'migrations', migrations: d.migrations, base: 'main', cwd: root, discover });
    assert.deepEqual(
      r.migrations.map((m) => m.changed),
      [true, true],
    );
    assert.deepEqual(
      r.findings.map((f) => [f.rule, f.migration, f.line]),
      [['editing-applied-migration', '002_orders', 3]],
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('adding NO TRANSACTION to an applied goose migration is an edit', () => {
  const root = repoWith({ 'm/001_idx.sql': '-- +goose Up\nCREATE INDEX i ON t (c);\n' });
  try {
    write(root, { 'm/001_idx.sql': '-- +goose NO TRANSACTION\n-- +goose Up\nCREATE INDEX i ON t (c);\n' });
    const d = discoverMigrations('m', { cwd: root });
    const r = compareWithBase({ dir: 'm', migrations: d.migrations, base: 'main', cwd: root, discover });
    assert.equal(r.findings.length, 1);
    assert.match(r.findings[0]!.message, /transaction mode changed \(was run in a transaction\)/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a migrations folder added by the branch: everything is new, nothing to report', () => {
  const root = repoWith({ 'README.md': 'hello\n' });
  try {
    write(root, gm);
    commitAll(root);
    const r = check(root, 'main');
    assert.ok(r.migrations.every((m) => m.changed));
    assert.deepEqual(r.findings, []);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('onlyChanged keeps findings of changed migrations and those tied to none', () => {
  const root = repoWith({ ...gm, 'db/migrations/050_nodown.up.sql': 'SELECT 1;\n' });
  try {
    write(root, { 'db/migrations/600_nodown.up.sql': 'SELECT 2;\n' });
    const d = discoverMigrations('db/migrations', { cwd: root });
    assert.deepEqual(
      d.findings.map((f) => f.migration),
      ['050_nodown', '600_nodown'],
    );
    const r = compareWithBase({ dir: 'db/migrations', migrations: d.migrations, base: 'main', layout: d.layout, cwd: root, discover });
    const kept = onlyChanged([...d.findings, { ...d.findings[0]!, migration: undefined }], r.migrations);
    assert.deepEqual(
      kept.map((f) => f.migration),
      ['600_nodown', undefined],
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a missing ref or a folder outside git is a UsageError with a clear message', () => {
  const root = repoWith(gm);
  const outside = mkdtempSync(join(tmpdir(), 'mg-nogit-'));
  try {
    assert.throws(
      () => check(root, 'origin/nope'),
      (e: Error) => e instanceof UsageError && /--base origin\/nope: no such commit or ref/.test(e.message) && /git fetch --depth=1 origin nope/.test(e.message),
    );
    write(outside, { 'm/1_a.up.sql': 'SELECT 1;\n' });
    const d = discoverMigrations('m', { cwd: outside });
    assert.throws(
      () => compareWithBase({ dir: 'm', migrations: d.migrations, base: 'main', cwd: outside, discover }),
      (e: Error) => e instanceof UsageError && /--base needs a git repository/.test(e.message),
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  }
});

test('a shallow clone works once the base ref is fetched, and says what to fetch before', () => {
  const root = repoWith(gm);
  const clones = mkdtempSync(join(tmpdir(), 'mg-shallow-'));
  try {
    changeFeature(root);
    commitAll(root);
    const clone = join(clones, 'clone');
    git(clones, 'clone', '-q', '--depth', '1', '--branch', 'feature', `file://${root}`, clone);
    assert.equal(git(clone, 'rev-parse', '--is-shallow-repository'), 'true');
    assert.throws(
      () => check(clone, 'origin/main'),
      (e: Error) => e instanceof UsageError && /fetch/.test(e.message),
    );
    git(clone, 'fetch', '-q', '--depth', '1', 'origin', 'main:refs/remotes/origin/main');
    const r = check(clone, 'origin/main');
    assert.deepEqual(r.findings.map((f) => f.rule).sort(), ['deleting-applied-migration', 'editing-applied-migration', 'out-of-order-migration']);
    assert.deepEqual(
      r.migrations.filter((m) => m.changed).map((m) => m.id),
      ['150_late', '200_orders', '300_items', '500_new'],
    );
    assert.match(r.findings.find((f) => f.rule === 'editing-applied-migration')!.message, /on origin\/main/);
  } finally {
    rmSync(root, { recursive: true, force: true });
    rmSync(clones, { recursive: true, force: true });
  }
});

test('sqitch: a change inserted before applied plan entries is out of order; appended ones are fine', () => {
  const plan = (names: string[]) => `%project=p\n\n${names.map((n) => `${n} 2024-01-01T00:00:00Z D <d@x> # ${n}`).join('\n')}\n`;
  const files = (names: string[]) =>
    Object.fromEntries(
      names.flatMap((n) => [
        [`s/deploy/${n}.sql`, `CREATE TABLE ${n} (id int);\n`],
        [`s/revert/${n}.sql`, `DROP TABLE ${n};\n`],
      ]),
    );
  const root = repoWith({ 's/sqitch.plan': plan(['a', 'b']), ...files(['a', 'b']) });
  try {
    write(root, { 's/sqitch.plan': plan(['a', 'x', 'b', 'c']), ...files(['x', 'c']) });
    const d = discoverMigrations('s', { cwd: root });
    const r = compareWithBase({ dir: 's', migrations: d.migrations, base: 'main', layout: d.layout, cwd: root, discover });
    assert.deepEqual(
      r.findings.map((f) => [f.rule, f.migration]),
      [['out-of-order-migration', 'x']],
    );
    assert.deepEqual(
      r.migrations.map((m) => m.changed),
      [false, true, false, true],
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('discoverMigrations with { base } applies the comparison and keeps findings of changed migrations only', () => {
  const root = repoWith({ ...gm, 'db/migrations/050_nodown.up.sql': 'SELECT 1;\n' });
  try {
    changeFeature(root);
    write(root, { 'db/migrations/600_nodown.up.sql': 'SELECT 2;\n' });
    const d = discoverMigrations('db/migrations', { cwd: root, base: 'main' });
    assert.deepEqual(
      d.migrations.filter((m) => m.changed).map((m) => m.id),
      ['150_late', '200_orders', '300_items', '500_new', '600_nodown'],
    );
    assert.deepEqual(
      d.findings.map((f) => [f.rule, f.migration]),
      [
        ['missing-down', '600_nodown'],
        ['editing-applied-migration', '200_orders'],
        ['deleting-applied-migration', '400_tags'],
        ['out-of-order-migration', '150_late'],
      ],
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('flyway: editing or adding a repeatable R__ migration is neither an edit nor out of order', () => {
  const root = repoWith({ 'f/V1__init.sql': 'CREATE TABLE t (id int);\n', 'f/R__views.sql': 'CREATE OR REPLACE VIEW v AS SELECT 1;\n' });
  try {
    write(root, { 'f/R__views.sql': 'CREATE OR REPLACE VIEW v AS SELECT 2;\n', 'f/R__a.sql': 'SELECT 1;\n', 'f/V2__more.sql': 'ALTER TABLE t ADD COLUMN x int;\n' });
    const d = discoverMigrations('f', { cwd: root, base: 'main' });
    assert.deepEqual(
      d.migrations.map((m) => [m.id, m.changed]),
      [
        ['V1__init', false],
        ['V2__more', true],
        ['R__a', true],
        ['R__views', true],
      ],
    );
    assert.deepEqual(d.findings, []);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
