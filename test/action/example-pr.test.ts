// The example pull request (examples/migrations: 000003–000006 added on top of 000001–000002),
// checked as the Action does, rendered as the PR comment, the text report and SARIF: each
// compared with its snapshot in test/fixtures/snapshots/ (UPDATE_SNAPSHOTS=1 rewrites them).
// The comment must stay one screen: the verdict, the errors with their fix and the verify
// table in view, the rest folded, under 6 KB.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rules } from '../../rules/index';
import { renderComment, ruleDocs } from '../../src/github/comment';
import { render } from '../../src/report/index';
import { run } from '../../src/run';
import type { Report } from '../../src/types';
import { ROOT } from '../cli-helpers';

const SNAPSHOTS = join(ROOT, 'test/fixtures/snapshots');

/** Compare with (or, with UPDATE_SNAPSHOTS=1 or when missing, write) a snapshot file. */
function matchesSnapshot(name: string, text: string): void {
  const file = join(SNAPSHOTS, name);
  if (process.env.UPDATE_SNAPSHOTS || !existsSync(file)) writeFileSync(file, text);
  assert.deepEqual(text.split('\n'), readFileSync(file, 'utf8').split('\n'), `${name} changed: review it, then UPDATE_SNAPSHOTS=1`);
}

let report: Report;

test('the example PR comment: one screen of errors with their fix and the verify table, under 6 KB, as snapshotted', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mg-example-pr-'));
  try {
    const examples = join(ROOT, 'examples/migrations');
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
    git('init', '-q');
    for (const f of readdirSync(examples).filter((f) => /^00000[12]_/.test(f))) cpSync(join(examples, f), join(dir, 'db', f));
    git('add', '-A');
    git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'base');
    cpSync(examples, join(dir, 'db'), { recursive: true });
    report = await run({ command: 'check', paths: ['db'], cwd: dir, base: 'HEAD', overrides: { verify: { database: 'pglite' } } });
    const md = renderComment(report, {
      failOn: 'error',
      ruleDoc: ruleDocs(rules),
      link: { serverUrl: 'https://github.com', repository: 'your-org/your-app', sha: '28b58e7a8f84521b4bc81a0b07bfebc612cdf6ea' },
    });
    assert.ok(Buffer.byteLength(md) < 6000, `${Buffer.byteLength(md)} bytes`);
    // One cause, one row: the verify proof sits under its lint finding.
    assert.match(md, /<code>adding-required-column<\/code>: .*<br>✔ verified, <code>failing-with-existing-rows<\/code>: column "status" of relation "users" contains null values/);
    assert.doesNotMatch(md, /\| <code>failing-with-existing-rows<\/code>/);
    // Errors in view, in migration order, ups before downs; the rest folded.
    const errors = [...md.matchAll(/^\| ❌ \| \[<code>(\d+)[^<]*\.(up|down)\.sql:\d+/gm)].map((m) => `${m[1]}.${m[2]}`);
    assert.deepEqual(errors, [...errors].sort(), 'errors in migration order');
    assert.ok(
      errors.every((e) => e.endsWith('.up')),
      'lint findings on downs are folded apart',
    );
    assert.match(md, /<details><summary>↩️ \d+ findings on the downs/);
    matchesSnapshot('example-pr-comment.md', md);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the example PR as the text report and as SARIF, as snapshotted', () => {
  assert.ok(report, 'the comment test ran first');
  // Timings vary from run to run; everything else is deterministic.
  const text = render('text', report, { rules, color: false })
    .replace(/\d+ ms/g, 'N ms')
    .replace(/ +\d+\.\d(?= |$)/gm, ' N.N')
    .replace(/ +ms$/gm, ' ms'); // right-aligned: the padding varies with the width
  matchesSnapshot('example-pr.txt', text);
  const sarif = render('sarif', report, { rules });
  matchesSnapshot('example-pr.sarif.json', sarif);
  // Up before down in every listing: the text report walks the migrations in order.
  const files = [...text.matchAll(/^db\/(\d+)_\w+\.(up|down)\.sql:\d+/gm)].map((m) => `${m[1]}.${m[2] === 'up' ? 0 : 1}`);
  assert.deepEqual(files, [...files].sort(), "each migration's up, then its down, in order");
});
