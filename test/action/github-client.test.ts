// The REST client's retry policy and the comment/review logic, against the local mock GitHub.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { GitHubClient, GitHubApiError, retryDelay, nextLink } from '../../src/github/rest';
import { findOwnComment, upsertComment, ownLogins, pickOwnComment, reportedProblems } from '../../src/github/pr-comment';
import { commentableLines, planReviewComments, postReviewComments } from '../../src/github/review';
import { commentMarker } from '../../src/github/marker';
import { describeEvent } from '../../src/github/event';
import { parseInputs, splitList } from '../../src/github/inputs';
import { toAnnotation } from '../../src/github/annotations';
import { MockGitHub } from './mock-github';
import type { Finding } from '../../src/types';

const gh = new MockGitHub();
const retries: string[] = [];
let client: GitHubClient;
const target = { owner: 'owner', repo: 'repo', issue: 7 };

before(async () => {
  await gh.start();
  client = new GitHubClient({ token: 't0k', apiUrl: gh.url, retryDelayMs: 1, maxRetryDelayMs: 5, onRetry: (i) => retries.push(i.reason) });
});
after(() => gh.stop());
beforeEach(() => {
  gh.comments = [];
  gh.reviewComments = [];
  gh.reviews = [];
  gh.failures = [];
  gh.requests.length = 0;
  retries.length = 0;
});

const h = (o: Record<string, string>) => ({ get: (k: string) => o[k.toLowerCase()] ?? null });

test('retry policy: 5xx, 429 and secondary rate limits retry; other 4xx do not', () => {
  assert.equal(retryDelay(502, h({}), '', 0, 100, 10_000), 100);
  assert.equal(retryDelay(503, h({}), '', 2, 100, 10_000), 400);
  assert.equal(retryDelay(429, h({ 'retry-after': '3' }), '', 0, 100, 10_000), 3000);
  assert.equal(retryDelay(429, h({ 'retry-after': '3000' }), '', 0, 100, 10_000), 10_000, 'capped');
  assert.equal(retryDelay(403, h({ 'retry-after': '1' }), '', 0, 100, 10_000), 1000);
  assert.equal(retryDelay(403, h({}), '{"message":"You have exceeded a secondary rate limit"}', 1, 100, 10_000), 200);
  assert.equal(retryDelay(403, h({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '105' }), '', 0, 100, 60_000, 100_000), 5100);
  assert.equal(retryDelay(403, h({}), '{"message":"Resource not accessible by integration"}', 0, 100, 10_000), undefined);
  assert.equal(retryDelay(404, h({}), '', 0, 100, 10_000), undefined);
  assert.equal(retryDelay(422, h({}), '', 0, 100, 10_000), undefined);
  assert.equal(retryDelay(0, h({}), 'ECONNRESET', 0, 100, 10_000), 100, 'network errors retry');
  assert.equal(nextLink('<https://x/a?page=2>; rel="next", <https://x/a?page=5>; rel="last"'), 'https://x/a?page=2');
  assert.equal(nextLink('<https://x/a?page=5>; rel="last"'), undefined);
});

test('a 502 then success is retried; a secondary rate limit 403 with retry-after too', async () => {
  gh.fail('GET', /\/issues\/7\/comments$/, 502, 2);
  gh.fail('POST', /\/issues\/7\/comments$/, 403, 1, { 'retry-after': '0' }, { message: 'You have exceeded a secondary rate limit' });
  assert.equal(await findOwnComment(client, target, 'm', new Set(['github-actions[bot]'])), undefined);
  const r = await upsertComment(client, target, undefined, 'm\nhello', true);
  assert.equal(r.action, 'created');
  assert.equal(gh.comments.length, 1, 'exactly one comment despite the retried POST');
  assert.equal(retries.length, 3);
});

test('retries give up after the limit with a GitHubApiError carrying the status', async () => {
  gh.fail('GET', /\/issues\/7\/comments$/, 500, Infinity);
  await assert.rejects(findOwnComment(client, target, 'm', new Set()), (e: unknown) => e instanceof GitHubApiError && e.status === 500 && !e.isPermission);
  assert.equal(retries.length, 4);
  gh.failures = [];
  gh.fail('POST', /\/issues\/7\/comments$/, 403, 1, {}, { message: 'Resource not accessible by integration' });
  await assert.rejects(upsertComment(client, target, undefined, 'x', true), (e: unknown) => e instanceof GitHubApiError && e.isPermission);
  assert.equal(retries.length, 4, 'a permission 403 is not retried');
});

test('pagination finds our comment on a later page; another bot with the same marker is never picked', async () => {
  gh.pageSize = 2;
  try {
    const marker = commentMarker('CI', 'db');
    gh.addComment(`${marker}\nfrom another bot`, 'other-bot[bot]');
    gh.addComment('unrelated', 'alice', 'User');
    gh.addComment(`quoting:\n${marker}`, 'github-actions[bot]');
    gh.addComment(`${commentMarker('CI', 'db2')}\nother path`, 'github-actions[bot]');
    const ours = gh.addComment(`${marker}\nours`, 'github-actions[bot]');
    const authors = await ownLogins(client);
    assert.deepEqual([...authors], ['github-actions[bot]'], 'GET /user refused for GITHUB_TOKEN');
    const found = await findOwnComment(client, target, marker, authors);
    assert.equal(found?.id, ours.id);
    assert.equal(pickOwnComment(gh.comments, marker, new Set(['someone'])), undefined);
  } finally {
    gh.pageSize = 100;
  }
});

test('upsert: unchanged bodies are not re-sent; clean and no comment means none is created', async () => {
  const c = gh.addComment('m\nbody', 'github-actions[bot]');
  assert.equal((await upsertComment(client, target, c, 'm\nbody', true)).action, 'unchanged');
  assert.equal(gh.writes().length, 0);
  assert.equal((await upsertComment(client, target, c, 'm\nnew', true)).action, 'updated');
  assert.equal(gh.comments[0]!.body, 'm\nnew');
  assert.equal((await upsertComment(client, target, undefined, 'm\nclean', false)).action, 'skipped');
  assert.equal(gh.comments.length, 1);
  assert.equal(reportedProblems('<!-- x -->\n### ❌ migration-guard: 1 error'), true);
  assert.equal(reportedProblems('<!-- x -->\n### ✅ migration-guard: no problems found'), false);
});

const finding = (line: number, endLine = line, rule = 'adding-required-column'): Finding => ({
  rule,
  severity: 'error',
  file: 'db/2.up.sql',
  line,
  column: 1,
  endLine,
  endColumn: 5,
  message: `problem at ${line} @team`,
  help: '',
});

test('review comments: only lines in the diff, once per finding across pushes', async () => {
  const patch = '@@ -0,0 +1,4 @@\n+CREATE TABLE a (id int);\n+\n+ALTER TABLE users\n+  ADD COLUMN x int NOT NULL;';
  assert.deepEqual([...commentableLines(patch)], [1, 2, 3, 4]);
  assert.deepEqual([...commentableLines('@@ -10,3 +10,4 @@ x\n ctx\n-old\n+new\n+new2\n ctx2\n\\ No newline at end of file')], [10, 11, 12, 13]);
  const plan = planReviewComments([finding(3, 4), finding(9)], new Map([['db/2.up.sql', commentableLines(patch)]]), []);
  assert.equal(plan.length, 1, 'line 9 is outside the diff');
  assert.deepEqual({ line: plan[0]!.line, start: plan[0]!.start_line }, { line: 4, start: 3 });
  assert.doesNotMatch(plan[0]!.body, /@team/);

  gh.files = [{ filename: 'db/2.up.sql', status: 'added', patch }];
  const authors = new Set(['github-actions[bot]']);
  const first = await postReviewComments(client, target, 'headsha', [finding(3, 4), finding(1)], authors);
  assert.equal(first.posted, 2);
  assert.equal(gh.reviews.length, 1, 'one review, one notification');
  const second = await postReviewComments(client, target, 'headsha', [finding(3, 4), finding(1), finding(2)], authors);
  assert.equal(second.posted, 1, 'only the new finding');
  assert.equal(gh.reviewComments.length, 3);
  // A batch GitHub rejects falls back to single comments, skipping refused ones.
  gh.fail('POST', /\/pulls\/7\/reviews$/, 422, 1);
  gh.fail('POST', /\/pulls\/7\/comments$/, 422, 1);
  const third = await postReviewComments(client, target, 'headsha', [finding(1, 1, 'r1'), finding(2, 2, 'r2')], authors);
  assert.deepEqual(third, { posted: 1, skipped: 1 });
});

test('event payloads: pull_request gives the base sha and head sha; pull_request_target is untrusted; a push without before has no base', () => {
  const pr = { pull_request: { number: 7, base: { sha: 'b'.repeat(40), ref: 'main', repo: { full_name: 'owner/repo' } }, head: { sha: 'h'.repeat(40), repo: { full_name: 'fork/repo' } } } };
  const e = describeEvent({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_REPOSITORY: 'owner/repo', GITHUB_SHA: 'm'.repeat(40) }, pr);
  assert.equal(e.pullRequest?.number, 7);
  assert.equal(e.defaultBase, 'b'.repeat(40));
  assert.equal(e.sha, 'h'.repeat(40));
  assert.equal(e.pullRequest?.fromFork, true);
  assert.equal(e.untrusted, false);
  assert.equal(describeEvent({ GITHUB_EVENT_NAME: 'pull_request_target', GITHUB_REPOSITORY: 'owner/repo' }, pr).untrusted, true);
  const push = describeEvent({ GITHUB_EVENT_NAME: 'push', GITHUB_REPOSITORY: 'owner/repo', GITHUB_SHA: 's' }, { after: 's' });
  assert.equal(push.pullRequest, undefined);
  assert.equal(push.defaultBase, undefined);
  assert.equal(push.owner, 'owner');
  const mq = describeEvent({ GITHUB_EVENT_NAME: 'merge_group', GITHUB_REPOSITORY: 'owner/repo', GITHUB_SHA: 'q' }, { merge_group: { base_sha: 'b1', head_sha: 'q' } });
  assert.equal(mq.defaultBase, 'b1');
  assert.equal(mq.pullRequest, undefined);
});

test('push events compare with what the push replaced; a new branch with where it left the default branch', () => {
  const env = { GITHUB_EVENT_NAME: 'push', GITHUB_REPOSITORY: 'owner/repo', GITHUB_SHA: 'a'.repeat(40) };
  const repository = { full_name: 'owner/repo', default_branch: 'main' };
  const onMain = describeEvent(env, { ref: 'refs/heads/main', before: 'b'.repeat(40).replace(/b/g, '1'), after: 'a'.repeat(40), repository });
  assert.equal(onMain.defaultBase, '1'.repeat(40));
  assert.equal(onMain.mergeBaseOf, undefined);
  const created = describeEvent(env, { ref: 'refs/heads/feature', before: '0'.repeat(40), after: 'a'.repeat(40), repository });
  assert.equal(created.defaultBase, 'origin/main');
  assert.equal(created.mergeBaseOf, 'origin/main');
  const mainCreated = describeEvent(env, { ref: 'refs/heads/main', before: '0'.repeat(40), repository });
  assert.equal(mainCreated.defaultBase, undefined, 'the first push of the default branch: everything is new');
});

test('inputs: lists, booleans, validation naming the input', () => {
  assert.deepEqual(splitList('db/a,\n db/b \n\n,'), ['db/a', 'db/b']);
  const get = (m: Record<string, string>) => (n: string) => m[n] ?? '';
  const i = parseInputs(get({ path: 'db', verify: 'false', 'fail-on': 'warning', 'pg-version': '16' }));
  assert.equal(i.verify, false);
  assert.equal(i.failOn, 'warning');
  assert.equal(i.pgVersion, 16);
  assert.equal(i.database, 'container');
  assert.equal(i.comment, true);
  assert.throws(() => parseInputs(get({ 'fail-on': 'sometimes' })), /input fail-on/);
  assert.throws(() => parseInputs(get({ verify: 'maybe' })), /input verify/);
  assert.throws(() => parseInputs(get({ database: 'url' })), /input database-url/);
  assert.throws(() => parseInputs(get({ 'pg-version': '9' })), /input pg-version/);
  assert.deepEqual(
    [parseInputs(get({ dialect: 'SQLite', 'sqlite-version': '3.31' }))].map((x) => [x.dialect, x.sqliteVersion]),
    [['sqlite', '3.31']],
  );
  assert.throws(() => parseInputs(get({ dialect: 'mysql' })), /input dialect: expected postgres or sqlite/);
  assert.throws(() => parseInputs(get({ dialect: 'sqlite', 'sqlite-version': '3' })), /input sqlite-version: expected a SQLite 3 version/);
});

test('annotations: rule id as title, exact lines, columns only on one line, info → notice', () => {
  const a = toAnnotation({ ...finding(3, 4), severity: 'info' });
  assert.equal(a.level, 'notice');
  assert.deepEqual(a.properties, { title: 'adding-required-column', file: 'db/2.up.sql', startLine: 3, endLine: 4 });
  const b = toAnnotation(finding(2));
  assert.deepEqual(b.properties, { title: 'adding-required-column', file: 'db/2.up.sql', startLine: 2, endLine: 2, startColumn: 1, endColumn: 5 });
});

test('docker endpoints: DOCKER_HOST alone when set (as the docker CLI), else the usual sockets', async () => {
  const { dockerEndpoints, probeDocker } = await import('../../src/github/docker');
  assert.deepEqual(
    dockerEndpoints({ DOCKER_HOST: 'unix:///x/d.sock' }, '/h').map((e) => e.endpoint),
    [{ socketPath: '/x/d.sock' }],
  );
  assert.deepEqual(
    dockerEndpoints({ DOCKER_HOST: 'tcp://10.0.0.2:2376' }, '/h').map((e) => e.endpoint),
    [{ host: '10.0.0.2', port: 2376 }],
  );
  assert.equal(dockerEndpoints({ DOCKER_HOST: 'npipe:////./pipe/docker_engine' }, '/h')[0]!.endpoint, undefined);
  assert.deepEqual(dockerEndpoints({}, '/h').map((e) => e.label)[0], 'unix:///var/run/docker.sock');
  assert.equal(dockerEndpoints({}, 'C:/h', 'win32')[0]!.endpoint, undefined, 'Windows: let testcontainers try the pipe');
  const none = await probeDocker({ DOCKER_HOST: 'unix:///nonexistent/docker.sock' }, 200);
  assert.equal(none.ok, false);
  assert.match(none.reason!, /no Docker engine answered at unix:\/\/\/nonexistent\/docker.sock \(no socket\)/);
  const closed = await probeDocker({ DOCKER_HOST: 'tcp://127.0.0.1:9' }, 500);
  assert.equal(closed.ok, false);
});
