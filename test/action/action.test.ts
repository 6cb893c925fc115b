// The Action end to end: src/action.ts run as GitHub runs it, against a real
// git repository and the local mock GitHub REST server.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MockGitHub } from './mock-github';
import { makeRepo, prEvent, runAction, type ActionRun } from './harness';
import { commentMarker } from '../../src/github/marker';
import { rules } from '../../rules/index';

// Only the rules these tests are about, so rules added later do not change the counts.
const KEPT = new Set(['adding-required-column', 'dropping-not-null']);
const CONFIG = `lintDown: false\nrules:\n${rules
  .filter((r) => !KEPT.has(r.meta.id))
  .map((r) => `  ${r.meta.id}: off\n`)
  .join('')}`;
const BASE = {
  '.migration-guard.yml': CONFIG,
  'db/migrations/000001_users.up.sql': 'CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, locale text NOT NULL);\n',
  'db/migrations/000001_users.down.sql': 'DROP TABLE users;\n',
};
// The risky statement spans lines 4-5.
const RISKY = '-- add a status\nCREATE TABLE audit (id int);\n\nALTER TABLE users\n  ADD COLUMN status text NOT NULL;\n';
const SAFE = "-- add a status\nCREATE TABLE audit (id int);\n\nALTER TABLE users\n  ADD COLUMN status text NOT NULL DEFAULT 'active';\n";
const HEAD = { 'db/migrations/000002_status.up.sql': RISKY, 'db/migrations/000002_status.down.sql': 'ALTER TABLE users DROP COLUMN status;\nDROP TABLE audit;\n' };
const LINT = { path: 'db/migrations', verify: 'false' };
const MARKER = commentMarker('CI', 'db/migrations');

const gh = new MockGitHub();
before(() => gh.start());
after(() => gh.stop());
beforeEach(() => {
  gh.comments = [];
  gh.reviewComments = [];
  gh.reviews = [];
  gh.failures = [];
  gh.files = [];
  gh.requests.length = 0;
});

function explain(r: ActionRun): string {
  return `exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
}

test('first run creates the comment; the next push updates the same one; a clean push turns it green', async () => {
  const repo = makeRepo({ base: BASE, head: HEAD });
  const r1 = await runAction({ workspace: repo.dir, apiUrl: gh.url, inputs: LINT, event: prEvent(repo.baseSha, repo.headSha) });
  assert.equal(r1.code, 1, explain(r1));
  assert.equal(gh.comments.length, 1, explain(r1));
  const c = gh.comments[0]!;
  assert.ok(c.body.startsWith(`${MARKER}\n### ❌ migration-guard: 1 error`), c.body);
  assert.match(c.body, /adding-required-column/);
  assert.ok(c.body.includes(`/owner/repo/blob/${repo.headSha}/db/migrations/000002_status.up.sql#L4-L5`), c.body);
  assert.equal(r1.outputs['comment-url'], c.html_url);
  assert.equal(gh.requests.find((q) => q.method === 'POST')?.authorization, 'Bearer ghs_test_token');

  // Another push: one more problem in the same PR → the same comment is edited.
  const head2 = repo.commit({ 'db/migrations/000003_locale.up.sql': 'ALTER TABLE users ALTER COLUMN locale DROP NOT NULL;\n', 'db/migrations/000003_locale.down.sql': 'SELECT 1;\n' });
  // `./db/migrations/` names the same folder: the same comment.
  const r2 = await runAction({ workspace: repo.dir, apiUrl: gh.url, inputs: { ...LINT, path: './db/migrations/' }, event: prEvent(repo.baseSha, head2) });
  assert.equal(r2.code, 1, explain(r2));
  assert.equal(gh.comments.length, 1, 'never a second comment');
  assert.equal(gh.comments[0]!.id, c.id);
  assert.match(gh.comments[0]!.body, /1 error, 1 warning/);
  assert.ok(gh.writes().some((w) => w.method === 'PATCH' && w.path.endsWith(`/issues/comments/${c.id}`)));

  // Same content again: nothing is re-sent.
  const writes = gh.writes().length;
  await runAction({ workspace: repo.dir, apiUrl: gh.url, inputs: LINT, event: prEvent(repo.baseSha, head2) });
  assert.equal(gh.writes().length, writes, 'an unchanged comment is not re-sent');

  // Fixed: the comment says so; no stale failure remains.
  const head3 = repo.commit({ 'db/migrations/000002_status.up.sql': SAFE, 'db/migrations/000003_locale.up.sql': null, 'db/migrations/000003_locale.down.sql': null });
  const r3 = await runAction({ workspace: repo.dir, apiUrl: gh.url, inputs: LINT, event: prEvent(repo.baseSha, head3) });
  assert.equal(r3.code, 0, explain(r3));
  assert.equal(gh.comments.length, 1);
  assert.match(gh.comments[0]!.body, /^### ✅ migration-guard: no problems found$/m);
  assert.match(gh.comments[0]!.body, /earlier are fixed/);
  assert.doesNotMatch(gh.comments[0]!.body, /❌/);
});

test('a clean pull request with no comment yet gets none (not noisy)', async () => {
  const repo = makeRepo({ base: BASE, head: { 'db/migrations/000002_status.up.sql': SAFE, 'db/migrations/000002_status.down.sql': 'SELECT 1;\n' } });
  const r = await runAction({ workspace: repo.dir, apiUrl: gh.url, inputs: LINT, event: prEvent(repo.baseSha, repo.headSha) });
  assert.equal(r.code, 0, explain(r));
  assert.equal(gh.writes().length, 0);
  assert.equal(r.outputs['comment-url'], '');
  assert.match(r.summary, /no problems found/);
});

test("another bot's comment with the same marker is never touched", async () => {
  const theirs = gh.addComment(`${MARKER}\n### ✅ looks fine`, 'other-bot[bot]');
  const human = gh.addComment(`${MARKER}\nquoted by a human`, 'alice', 'User');
  const repo = makeRepo({ base: BASE, head: HEAD });
  const r = await runAction({ workspace: repo.dir, apiUrl: gh.url, inputs: LINT, event: prEvent(repo.baseSha, repo.headSha) });
  assert.equal(r.code, 1, explain(r));
  assert.equal(gh.comments.length, 3, 'ours is created beside them');
  assert.equal(gh.comments.find((c) => c.id === theirs.id)!.body, `${MARKER}\n### ✅ looks fine`);
  assert.equal(gh.comments.find((c) => c.id === human.id)!.body, `${MARKER}\nquoted by a human`);
  assert.ok(!gh.writes().some((w) => w.method === 'PATCH'));
});

test('403 on the comment (fork PR, read-only token): one warning, and annotations, summary, SARIF and the verdict are unaffected', async () => {
  gh.fail('POST', /\/issues\/7\/comments$/, 403, Infinity, {}, { message: 'Resource not accessible by integration' });
  const repo = makeRepo({ base: BASE, head: HEAD });
  const r = await runAction({
    workspace: repo.dir,
    apiUrl: gh.url,
    inputs: { ...LINT, path: './db/migrations/, db/migrations/000002_status.up.sql', 'sarif-file': 'out/results.sarif' },
    event: prEvent(repo.baseSha, repo.headSha, 'pull_request', true),
  });
  assert.equal(r.code, 1, explain(r));
  const permission = r.warnings.filter((w) => /cannot comment/.test(w));
  assert.equal(permission.length, 1, `one warning for two paths:\n${r.warnings.join('\n')}`);
  assert.match(permission[0]!, /pull-requests: write/);
  assert.ok(r.annotations.some((a) => a.level === 'error' && a.props.title === 'adding-required-column'));
  assert.match(r.summary, /adding-required-column/);
  assert.ok(existsSync(join(repo.dir, 'out/results.sarif')));
  assert.equal(gh.comments.length, 0);
  assert.equal(r.outputs['comment-url'], '');
});

test('a 502 and a secondary rate limit are retried; the comment lands once', async () => {
  gh.fail('GET', /\/issues\/7\/comments$/, 502, 1);
  gh.fail('POST', /\/issues\/7\/comments$/, 429, 1, { 'retry-after': '1' });
  const repo = makeRepo({ base: BASE, head: HEAD });
  const r = await runAction({ workspace: repo.dir, apiUrl: gh.url, inputs: LINT, event: prEvent(repo.baseSha, repo.headSha) });
  assert.equal(r.code, 1, explain(r));
  assert.equal(gh.comments.length, 1, explain(r));
  // 502 + retry, then one look after creating (a concurrent run's duplicate)
  assert.equal(gh.requests.filter((q) => q.method === 'GET' && q.path.includes('/issues/7/comments')).length, 3);
  assert.equal(gh.requests.filter((q) => q.method === 'POST').length, 2);
  assert.equal(r.warnings.length, 0, r.warnings.join('\n'));
  assert.ok(r.ms < 30_000);
});

test('a GitHub outage does not change the verdict or lose a finding', async () => {
  gh.fail('GET', /\/issues\/7\/comments$/, 500, Infinity);
  const repo = makeRepo({ base: BASE, head: HEAD });
  const r = await runAction({ workspace: repo.dir, apiUrl: gh.url, inputs: LINT, event: prEvent(repo.baseSha, repo.headSha) });
  assert.equal(r.code, 1, explain(r));
  assert.equal(r.warnings.filter((w) => /could not update the pull request comment/.test(w)).length, 1, r.warnings.join('\n'));
  assert.equal(r.annotations.filter((a) => a.props.file).length, 1);
  assert.equal(r.outputs.errors, '1');
});

test('annotations on the exact file and lines, with the rule id as title; outputs; JSON report', async () => {
  const repo = makeRepo({ base: BASE, head: HEAD });
  // GitHub names the Action's own repository and ref to a `uses:` step: rule ids link to their pages there.
  const env = { GITHUB_ACTION_REPOSITORY: 'acme/migration-guard', GITHUB_ACTION_REF: 'v1' };
  const r = await runAction({ workspace: repo.dir, apiUrl: gh.url, inputs: { ...LINT, 'sarif-file': 'mg.sarif' }, event: prEvent(repo.baseSha, repo.headSha), env });
  const found = r.annotations.filter((a) => a.props.file);
  assert.deepEqual(
    found.map((a) => ({ level: a.level, ...a.props })),
    [{ level: 'error', title: 'adding-required-column', file: 'db/migrations/000002_status.up.sql', line: '4', endLine: '5' }],
    explain(r),
  );
  assert.match(found[0]!.message, /status/);
  assert.equal(r.outputs.errors, '1');
  assert.equal(r.outputs.warnings, '0');
  const report = JSON.parse(readFileSync(r.outputs['findings-json']!, 'utf8'));
  assert.equal(report.version, 1);
  assert.equal(report.findings[0].rule, 'adding-required-column');
  assert.equal(r.outputs['sarif-file'], join(repo.dir, 'mg.sarif'));
  const sarif = JSON.parse(readFileSync(r.outputs['sarif-file']!, 'utf8'));
  assert.equal(sarif.version, '2.1.0');
  assert.equal(sarif.runs[0].results[0].locations[0].physicalLocation.region.startLine, 4);
  assert.equal(sarif.runs[0].tool.driver.rules[0].helpUri, 'https://github.com/acme/migration-guard/blob/v1/docs/rules/adding-required-column.md');
  assert.ok(r.summary.includes('[<code>adding-required-column</code>](https://github.com/acme/migration-guard/blob/v1/docs/rules/adding-required-column.md)'), r.summary);
  assert.match(r.stdout, /::error::migration-guard: 1 error/);
});

test('exit status follows fail-on', async () => {
  const repo = makeRepo({
    base: BASE,
    head: { 'db/migrations/000002_locale.up.sql': 'ALTER TABLE users ALTER COLUMN locale DROP NOT NULL;\n', 'db/migrations/000002_locale.down.sql': 'SELECT 1;\n' },
  });
  const run = (failOn: string) => runAction({ workspace: repo.dir, inputs: { ...LINT, comment: 'false', 'fail-on': failOn }, event: { name: 'push', payload: {} } });
  const [onError, onWarning, never] = await Promise.all([run('error'), run('warning'), run('never')]);
  assert.equal(onWarning.outputs.warnings, '1', explain(onWarning));
  assert.equal(onError.code, 0, explain(onError));
  assert.equal(onWarning.code, 1, explain(onWarning));
  assert.equal(never.code, 0, explain(never));
  assert.ok(
    never.annotations.some((a) => a.level === 'warning' && a.props.title === 'dropping-not-null'),
    'fail-on: never still reports',
  );
  const bad = await run('sometimes');
  assert.equal(bad.code, 1);
  assert.match(bad.stdout, /::error::input fail-on/);
});

test('pull_request_target: verify is refused with the reason, lint still runs', async () => {
  const repo = makeRepo({ base: BASE, head: HEAD });
  const r = await runAction({
    workspace: repo.dir,
    apiUrl: gh.url,
    inputs: { path: 'db/migrations', verify: 'true', database: 'pglite' },
    event: prEvent(repo.baseSha, repo.headSha, 'pull_request_target', true),
  });
  assert.equal(r.code, 1, explain(r));
  assert.equal(r.warnings.filter((w) => /pull_request_target/.test(w) && /write token/.test(w)).length, 1, r.warnings.join('\n'));
  assert.ok(r.annotations.some((a) => a.props.title === 'adding-required-column'));
  const report = JSON.parse(readFileSync(r.outputs['findings-json']!, 'utf8'));
  assert.equal(report.verification, undefined, 'nothing from the PR ran');
  // Why verify did not run is operational: the log and the job summary say it; the comment says "lint only".
  assert.match(r.summary, /verify skipped/);
  assert.match(gh.comments[0]?.body ?? '', /lint only/);
  assert.doesNotMatch(gh.comments[0]?.body ?? '', /verify skipped/);
});

test('review-comments: inline comments on the changed lines, not repeated on the next push', async () => {
  const repo = makeRepo({ base: BASE, head: HEAD });
  gh.files = [
    {
      filename: 'db/migrations/000002_status.up.sql',
      status: 'added',
      patch: `@@ -0,0 +1,5 @@\n${RISKY.trimEnd()
        .split('\n')
        .map((l) => `+${l}`)
        .join('\n')}`,
    },
  ];
  const inputs = { ...LINT, 'review-comments': 'true' };
  const r1 = await runAction({ workspace: repo.dir, apiUrl: gh.url, inputs, event: prEvent(repo.baseSha, repo.headSha) });
  assert.equal(gh.reviewComments.length, 1, explain(r1));
  assert.equal(gh.reviewComments[0]!.line, 5);
  assert.equal(gh.reviews[0].commit_id, repo.headSha);
  await runAction({ workspace: repo.dir, apiUrl: gh.url, inputs, event: prEvent(repo.baseSha, repo.headSha) });
  assert.equal(gh.reviewComments.length, 1, 'no duplicate across pushes');
});

test('pull_request checks only migrations added or changed against the PR base; a push what it changed (all without a before commit)', async () => {
  const repo = makeRepo({
    base: { ...BASE, 'db/migrations/000001_5_legacy.up.sql': 'ALTER TABLE users ADD COLUMN legacy int NOT NULL;\n', 'db/migrations/000001_5_legacy.down.sql': 'SELECT 1;\n' },
    head: HEAD,
  });
  const pr = await runAction({ workspace: repo.dir, apiUrl: gh.url, inputs: LINT, event: prEvent(repo.baseSha, repo.headSha) });
  assert.equal(pr.outputs.errors, '1', explain(pr));
  assert.deepEqual(
    pr.annotations.filter((a) => a.props.file).map((a) => a.props.file),
    ['db/migrations/000002_status.up.sql'],
  );
  gh.requests.length = 0;
  const push = await runAction({ workspace: repo.dir, apiUrl: gh.url, inputs: LINT, event: { name: 'push', payload: { after: repo.headSha } } });
  assert.equal(push.code, 1, explain(push));
  assert.equal(push.outputs.errors, '2', explain(push));
  assert.equal(gh.requests.length, 0, 'no PR: no API call');
  // base-ref on push narrows it again.
  const since = await runAction({ workspace: repo.dir, inputs: { ...LINT, 'base-ref': repo.baseSha }, event: { name: 'push', payload: {} } });
  assert.equal(since.outputs.errors, '1', explain(since));
  // A real push payload names the commit it replaced: only what the push changed is checked,
  // so history the push did not touch (000001_5's error) never turns main red.
  const pushed = await runAction({
    workspace: repo.dir,
    inputs: { ...LINT, comment: 'false' },
    event: { name: 'push', payload: { ref: 'refs/heads/main', before: repo.baseSha, after: repo.headSha, repository: { full_name: 'owner/repo', default_branch: 'main' } } },
  });
  assert.equal(pushed.outputs.errors, '1', explain(pushed));
  assert.deepEqual(
    pushed.annotations.filter((a) => a.props.file).map((a) => a.props.file),
    ['db/migrations/000002_status.up.sql'],
  );
});

test('hostile file names and SQL from the pull request stay inert in the comment and the log', async () => {
  const name = 'db/migrations/000002_x@org-team<img src=x>`|<details>.up.sql';
  const repo = makeRepo({
    base: BASE,
    head: { [name]: 'ALTER TABLE users\n  ADD COLUMN "@admins</details><img src=x>|`" text NOT NULL;\n-- ::add-mask::users\n' },
  });
  const r = await runAction({ workspace: repo.dir, apiUrl: gh.url, inputs: LINT, event: prEvent(repo.baseSha, repo.headSha) });
  assert.equal(r.code, 1, explain(r));
  const body = gh.comments[0]?.body ?? '';
  assert.match(body, /adding-required-column/, explain(r));
  assert.doesNotMatch(body, /@[A-Za-z]/);
  assert.doesNotMatch(body, /<img/);
  assert.equal((body.match(/<details/g) ?? []).length, (body.match(/<\/details>/g) ?? []).length);
  assert.ok(
    r.annotations.some((a) => a.props.file === name && a.props.line === '1'),
    'the annotation keeps the exact file name',
  );
  assert.ok(!r.stdout.split('\n').some((l) => l.startsWith('::add-mask::users')), 'no workflow command from the repository');
});

test('a shallow checkout (actions/checkout default) gets the PR base fetched, so only the PR’s migrations are checked', async () => {
  const repo = makeRepo({
    base: { ...BASE, 'db/migrations/000001_5_legacy.up.sql': 'ALTER TABLE users ADD COLUMN legacy int NOT NULL;\n', 'db/migrations/000001_5_legacy.down.sql': 'SELECT 1;\n' },
    head: HEAD,
  });
  const shallow = mkdtempSync(join(tmpdir(), 'mg-shallow-'));
  execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo.dir}`, shallow]);
  assert.throws(() => execFileSync('git', ['cat-file', '-e', `${repo.baseSha}^{commit}`], { cwd: shallow, stdio: 'pipe' }), 'the base is not in the shallow clone');
  const r = await runAction({ workspace: shallow, apiUrl: gh.url, inputs: LINT, event: prEvent(repo.baseSha, repo.headSha) });
  assert.match(r.stdout, /fetching base/);
  assert.equal(r.outputs.errors, '1', explain(r));
  assert.deepEqual(
    r.annotations.filter((a) => a.props.file).map((a) => a.props.file),
    ['db/migrations/000002_status.up.sql'],
  );
});

test('several paths: one comment each, keyed by workflow and path', async () => {
  const repo = makeRepo({
    base: { '.migration-guard.yml': CONFIG, 'a/000001_users.up.sql': BASE['db/migrations/000001_users.up.sql'], 'b/000001_users.up.sql': BASE['db/migrations/000001_users.up.sql'] },
    head: { 'a/000002_status.up.sql': RISKY, 'b/000002_status.up.sql': RISKY },
  });
  const r = await runAction({ workspace: repo.dir, apiUrl: gh.url, inputs: { ...LINT, path: 'a\nb' }, event: prEvent(repo.baseSha, repo.headSha) });
  assert.equal(r.outputs.errors, '2', explain(r));
  assert.deepEqual(
    gh.comments.map((c) => c.body.split('\n', 1)[0]),
    [commentMarker('CI', 'a'), commentMarker('CI', 'b')],
  );
  assert.equal(r.outputs['comment-url'], gh.comments[0]!.html_url);
  const again = await runAction({ workspace: repo.dir, apiUrl: gh.url, inputs: { ...LINT, path: 'a, b' }, event: prEvent(repo.baseSha, repo.headSha) });
  assert.equal(again.code, 1);
  assert.equal(gh.comments.length, 2);
});

test('two runs racing on one pull request converge on a single comment', async () => {
  const repo = makeRepo({ base: BASE, head: HEAD });
  // Another run of the workflow creates its comment between our look-up and our create.
  gh.beforeCreate = () => {
    gh.beforeCreate = undefined;
    gh.addComment(`${MARKER}\n### ❌ from the other run`, 'github-actions[bot]');
  };
  try {
    const r = await runAction({ workspace: repo.dir, apiUrl: gh.url, inputs: LINT, event: prEvent(repo.baseSha, repo.headSha) });
    assert.equal(r.code, 1, explain(r));
    assert.equal(gh.comments.length, 1, explain(r));
    assert.match(gh.comments[0]!.body, /adding-required-column/, 'the survivor (the older comment) has this run’s content');
    assert.equal(r.outputs['comment-url'], gh.comments[0]!.html_url);
  } finally {
    gh.beforeCreate = undefined;
  }
});

test('when the run cannot happen (bad config), the step fails and our earlier comment says so instead of a stale verdict', async () => {
  const repo = makeRepo({ base: BASE, head: HEAD });
  await runAction({ workspace: repo.dir, apiUrl: gh.url, inputs: LINT, event: prEvent(repo.baseSha, repo.headSha) });
  assert.equal(gh.comments.length, 1);
  const head2 = repo.commit({ '.migration-guard.yml': `${CONFIG}failOn: sometimes\n` });
  const r = await runAction({ workspace: repo.dir, apiUrl: gh.url, inputs: LINT, event: prEvent(repo.baseSha, head2) });
  assert.equal(r.code, 1, explain(r));
  assert.match(r.stdout, /::error::migration-guard could not run: .*failOn/);
  assert.equal(gh.comments.length, 1);
  assert.match(gh.comments[0]!.body, /^### ⛔ migration-guard could not run$/m);
  assert.match(gh.comments[0]!.body, /failOn/);
  assert.doesNotMatch(gh.comments[0]!.body, /adding-required-column/);
  assert.match(r.summary, /could not run/);
  // A pull request that never had a comment does not get one for this (the failed check says it).
  gh.comments = [];
  await runAction({ workspace: repo.dir, apiUrl: gh.url, inputs: LINT, event: prEvent(repo.baseSha, head2) });
  assert.equal(gh.comments.length, 0);
});

test('the stats input: the comment shows the table size beside the finding and the lock budget; the JSON report keeps them', async () => {
  const stats = {
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
        rows: 3_000_000,
        heapBytes: 400_000_000,
        indexBytes: 90_000_000,
        toastBytes: 0,
        deadRows: 0,
        lastVacuum: null,
        lastAutovacuum: null,
        lastAnalyze: null,
        lastAutoanalyze: null,
        indexes: [],
        counters: null,
      },
    ],
  };
  const config = CONFIG.replace('  creating-index-non-concurrently: off\n', '');
  const repo = makeRepo({
    base: { ...BASE, '.migration-guard.yml': config, 'ops/prod-stats.json': JSON.stringify(stats) },
    head: { 'db/migrations/000002_idx.up.sql': 'CREATE INDEX users_locale_idx ON users (locale);\n', 'db/migrations/000002_idx.down.sql': 'DROP INDEX users_locale_idx;\n' },
  });
  const r = await runAction({ workspace: repo.dir, apiUrl: gh.url, inputs: { ...LINT, stats: 'ops/prod-stats.json' }, event: prEvent(repo.baseSha, repo.headSha) });
  assert.equal(r.code, 1, explain(r));
  const body = gh.comments[0]!.body;
  // 3M rows is above errorAboveRows, and the rule is an error already: no severity note.
  assert.match(body, /creating-index-non-concurrently.*<br>📏 users: 3M rows, 490 MB · index build about [\d.]+ s \([^)]+\) under SHARE \|/);
  assert.match(body, /\*\*Lock budget\*\* \(stats of 2026-12-01\)/);
  assert.match(body, /\| <code>000002\\_idx<\/code> \| SHARE on users for about [\d.]+ s/);
  const json = JSON.parse(readFileSync(r.outputs['findings-json']!, 'utf8'));
  assert.equal(json.stats.file, 'ops/prod-stats.json');
  assert.equal(json.findings.find((f: { rule: string }) => f.rule === 'creating-index-non-concurrently').size.rows, 3_000_000);
});
