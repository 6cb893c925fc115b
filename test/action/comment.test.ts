// The PR comment / job summary renderer: content, escaping of hostile repository
// text, and GitHub's size limit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintSql } from '../helpers';
import { renderComment, headline, reachesFailOn, GITHUB_COMMENT_LIMIT, blockingLocks } from '../../src/github/comment';
import { escapeText, escapeHtml, codeBlock } from '../../src/github/escape';
import { commentMarker, hasMarker } from '../../src/github/marker';
import { rules } from '../../rules/index';
import { reportOf, verified } from './fixtures';
import type { Finding } from '../../src/types';

const ruleDoc = (id: string) => {
  const m = rules.find((r) => r.meta.id === id)?.meta;
  return m ? { summary: m.summary, fix: m.fix } : undefined;
};

const RISKY = 'CREATE TABLE t (id int);\nALTER TABLE users ADD COLUMN status text NOT NULL;\n';

test('a failing report: headline, errors with line links and their one-line fix, the verify table', async () => {
  const findings = (await lintSql(RISKY, { file: 'db/000002_x.up.sql' })).filter((f) => f.rule === 'adding-required-column');
  assert.equal(findings.length, 1);
  const report = reportOf(findings, { verification: [verified('000002_x', { dataCheck: { rowsSeeded: 100, failsWithData: true, error: 'column "status" contains null values', lost: [] } })] });
  const marker = commentMarker('CI', 'db');
  const md = renderComment(report, { marker, path: 'db', ruleDoc, link: { serverUrl: 'https://github.com', repository: 'o/r', sha: 'abcdef1234567' } });
  assert.ok(hasMarker(md, marker));
  assert.match(md.split('\n')[1]!, /^### ❌ migration-guard: 1 error, 0 warnings$/m);
  assert.ok(md.includes('| ❌ | [<code>000002\\_x.up.sql:2</code>](https://github.com/o/r/blob/abcdef1234567/db/000002_x.up.sql#L2) | <code>adding-required-column</code>: Column'), md);
  assert.match(md, /\| Add the column with a DEFAULT \(constant defaults are instant on PG 11\+\)[^|]*\|$/m, 'the fix, on one line');
  assert.doesNotMatch(md, /```/, 'no recipes in the comment: `migration-guard explain` has them');
  assert.match(md, /<details open><summary>Verify: up → down → up on pglite 17\.4<\/summary>/);
  assert.match(md, /\| <code>000002\\_x<\/code> \| ✅ \| ✅ \| ✅ \| users \(AccessExclusive\) \| – \| ❌ fails with 100 rows: column "status" contains null values \|/);
  assert.ok(md.length < GITHUB_COMMENT_LIMIT);
});

test('a clean report says so, and says earlier problems are fixed when it replaces a failing comment', () => {
  const md = renderComment(reportOf([], { verification: [verified('000002_x')] }), { previouslyFailing: true, path: 'db' });
  assert.match(md, /^### ✅ migration-guard: no problems found$/m);
  assert.match(md, /earlier are fixed/);
  assert.match(md, /<details><summary>Verify/, 'a clean verify table is folded');
  assert.doesNotMatch(md, /❌/);
});

test('headline follows fail-on', async () => {
  const warn: Finding = { rule: 'x-rule', severity: 'warning', file: 'a.sql', line: 1, column: 1, endLine: 1, endColumn: 2, message: 'm', help: '' };
  const r = reportOf([warn]);
  assert.equal(reachesFailOn(r, 'error'), false);
  assert.equal(reachesFailOn(r, 'warning'), true);
  assert.equal(reachesFailOn(r, 'never'), false);
  assert.match(headline(r, 'error'), /⚠️ .*below fail-on: error/);
  assert.match(headline(r, 'warning'), /❌/);
  assert.match(headline(r, 'never'), /reporting only/);
});

const HOSTILE_FILE = 'db/<img src=x onerror=alert(1)> @org `x` | y [z](http:evil) *b* &lt; <\\details>.sql';
const HOSTILE_SQL = '-- </details> @org/team <img src=x> ``` | `\nALTER TABLE "@org/team</details>|`<img>" ADD COLUMN "a|b`</details>@me" text NOT NULL;\n';

test('hostile file names, SQL and messages cannot inject HTML, close <details>, break tables or mention', async () => {
  const findings = await lintSql(HOSTILE_SQL, { file: HOSTILE_FILE });
  assert.ok(findings.length > 0, 'the hostile SQL still raises findings');
  const report = reportOf(findings, {
    file: HOSTILE_FILE,
    id: '</details>@org/team|`<img>',
    verification: [verified('</details>@org/team|`<img>', { reversible: false, schemaDiff: ['column "@org/team</details>|" missing'], up: { ok: true, error: null, ms: 1 } })],
  });
  report.verification!.migrations[0]!.statements[0]!.locks = [{ relation: '@org/team<img>|', mode: 'AccessExclusiveLock' }];
  const md = renderComment(report, { marker: commentMarker('wf', 'db'), path: '@org/team</details>', ruleDoc, notes: ['database <img> @org/team'] });
  const html = md.replace(/```[^`]*?```/gs, ''); // the trusted fix recipes are fenced markdown
  // Only our own tags appear.
  const tags = [...html.matchAll(/<\/?([a-zA-Z]+)[^>]*>/g)].map((m) => m[1]!.toLowerCase());
  for (const t of tags) assert.ok(['details', 'summary', 'code', 'b', 'sub'].includes(t), `unexpected tag <${t}> in:\n${md}`);
  assert.equal((md.match(/<details/g) ?? []).length, (md.match(/<\/details>/g) ?? []).length, 'details balanced');
  assert.doesNotMatch(md, /@[A-Za-z0-9]/, 'no @mention survives');
  assert.doesNotMatch(md, /<img/i);
  assert.ok(md.includes('\\[z\\](http:evil)'), 'brackets escaped: no injected link');
  // Every table row keeps its column count: no unescaped | from the repository.
  for (const line of md.split('\n').filter((l) => l.startsWith('| '))) {
    const cells = line.replace(/\\\|/g, '').split('|').length - 2;
    assert.ok(cells === 3 || cells === 4 || cells === 7, `row with ${cells} cells: ${line}`);
  }
  // The marker is still the exact first line.
  assert.ok(hasMarker(md, commentMarker('wf', 'db')));
});

test('escape helpers', () => {
  assert.equal(escapeText('a|b'), 'a\\|b');
  assert.equal(escapeText('<x>&'), '&lt;x&gt;&amp;');
  assert.equal(escapeText('@team'), '@\u200bteam');
  assert.equal(escapeText('l1\nl2'), 'l1 l2');
  assert.equal(escapeHtml('</summary>@a'), '&lt;/summary&gt;@\u200ba');
  const block = codeBlock('a ``` b ```` c');
  assert.ok(block.startsWith('`````\n') && block.endsWith('\n`````'), block);
  // A marker cannot be closed early by the workflow or path names.
  assert.equal(commentMarker('a-->b', 'x>y'), '<!-- migration-guard:a-_b:x_y -->');
});

test('a huge report stays under the limit with a note saying what is not shown', async () => {
  const one = (await lintSql(RISKY, { file: 'db/000002_x.up.sql' })).filter((f) => f.rule === 'adding-required-column');
  const findings: Finding[] = [];
  for (let i = 0; i < 3000; i++) findings.push({ ...one[0]!, line: i + 1, endLine: i + 1, message: `${one[0]!.message} ${'x'.repeat(200)} #${i}` });
  const report = reportOf(findings, { verification: Array.from({ length: 400 }, (_, i) => verified(`m${i}`)) });
  report.migrations.push(...Array.from({ length: 400 }, (_, i) => ({ id: `m${i}`, layout: 'golang-migrate' as const, up: `m${i}.sql`, transactional: true, changed: true })));
  const md = renderComment(report, { marker: commentMarker('wf', 'db'), ruleDoc });
  assert.ok(Buffer.byteLength(md) <= 65_000, `${Buffer.byteLength(md)} bytes`);
  assert.match(md, /…and \d+ more findings not shown/);
  assert.match(md, /^### ❌ migration-guard: 3000 errors/m);
  assert.equal((md.match(/<details/g) ?? []).length, (md.match(/<\/details>/g) ?? []).length);
});

test('blockingLocks keeps the strongest write-blocking lock per relation', () => {
  const locks = blockingLocks([
    {
      line: 1,
      sql: '',
      ms: 0,
      locks: [
        { relation: 'a', mode: 'ShareLock' },
        { relation: 'b', mode: 'RowExclusiveLock' },
      ],
      rewrites: [],
    },
    { line: 2, sql: '', ms: 0, locks: [{ relation: 'a', mode: 'AccessExclusiveLock' }], rewrites: [] },
  ]);
  assert.deepEqual(locks, ['a (AccessExclusive)']);
});
