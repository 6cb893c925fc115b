// Renderers: pure (report, options) => string, on reports from real SQL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildReport } from '../src/report/build';
import { renderText, codeFrame, summaryLine } from '../src/report/text';
import { renderJson } from '../src/report/json';
import { annotation, escapeData, escapeProperty, renderGithub } from '../src/report/github';
import { selectAnnotations } from '../src/github/annotations';
import { renderExplainText, catalogue, renderCatalogueText } from '../src/report/rules';
import { rules } from '../rules/index';
import type { Finding, Verification } from '../src/types';
import { lintSql } from './helpers';

const SQL = '-- widen\nALTER TABLE users\n  ADD COLUMN status text NOT NULL;\n';

async function reportFor(sql: string, file = 'db/0002_x.up.sql') {
  const findings = (await lintSql(sql, { file })).map((f) => ({ ...f, migration: '0002_x' }));
  return buildReport([{ id: '0002_x', layout: 'golang-migrate', up: file, transactional: true, changed: true }], findings);
}

test('text: frame under a multi-line statement, fix once per rule, summary', async () => {
  const report = await reportFor(SQL + SQL.replace('status', 'state'));
  const text = renderText(report, { source: () => SQL + SQL.replace('status', 'state') });
  const blocks = text.split('\n\n');
  assert.match(text, /^db\/0002_x\.up\.sql:2:1 error adding-required-column$/m);
  assert.match(text, /^> 2 \| ALTER TABLE users\n> 3 \| {3}ADD COLUMN status text NOT NULL;$/m);
  assert.equal((text.match(/fix: Add the column with a DEFAULT/g) ?? []).length, 1, 'full fix printed once');
  assert.match(text, /fix: as above \(migration-guard explain adding-required-column\)/);
  assert.ok(blocks.length > 2);
  assert.match(text.trimEnd().split('\n').pop()!, /^✖ \d+ problems \(\d+ errors?, \d+ warnings?, \d+ infos?\) in 1 migration$/);
});

test('text: no source means no frame; a missing file does not throw', async () => {
  const report = await reportFor(SQL);
  assert.doesNotMatch(renderText(report), /\| \^/);
  const text = renderText(report, {
    source: () => {
      throw new Error('ENOENT');
    },
  });
  assert.match(text, /adding-required-column/);
});

test('codeFrame: long statements are elided, one-line ranges underlined (tabs kept), zero-width ranges get one caret', () => {
  const lines = ['CREATE TABLE t (', ...Array.from({ length: 20 }, (_, i) => `  c${i} int,`), '  z int', ');'];
  const frame = codeFrame({ line: 1, column: 1, endLine: 23, endColumn: 2 }, lines, 6)!;
  assert.match(frame, /… 18 more lines/);
  assert.match(frame, /^> 23 \| \);$/m);
  assert.equal(frame.split('\n').filter((l) => l.startsWith('>')).length, 5);
  assert.doesNotMatch(frame, /\^/);
  const tabbed = codeFrame({ line: 1, column: 3, endLine: 1, endColumn: 6 }, ['\t\tabc'], 6)!;
  assert.deepEqual(tabbed.split('\n'), ['> 1 | \t\tabc', '    | \t\t^^^']);
  const point = codeFrame({ line: 1, column: 4, endLine: 1, endColumn: 4 }, ['SELEC 1'], 6)!;
  assert.equal(point.split('\n')[1], '    |    ^');
  const wide = codeFrame({ line: 2, column: 3, endLine: 2, endColumn: 5 }, ['x', 'é€abc'], 6)!;
  assert.equal(wide.split('\n')[1], '    |   ^^', 'columns count code points');
  assert.equal(codeFrame({ line: 9, column: 1, endLine: 9, endColumn: 2 }, ['x'], 6), undefined);
});

test('text: colours only when asked', async () => {
  const report = await reportFor(SQL);
  assert.doesNotMatch(renderText(report), /\u001b/);
  assert.match(renderText(report, { color: true }), /\u001b\[31m/);
});

test('text: a clean report says so', () => {
  const report = buildReport([{ id: 'a', layout: 'plain', up: 'a.sql', transactional: false, changed: true }], []);
  assert.equal(summaryLine(report), '✔ no problems in 1 migration');
});

test('text: the verification section is rendered when present', () => {
  const verification: Verification = {
    database: { kind: 'pglite', serverVersion: '17.4' },
    migrations: [
      {
        id: '0002_x',
        file: 'db/0002_x.up.sql',
        hasDown: true,
        up: { ok: true, error: null, ms: 1 },
        reversible: false,
        reapplicable: true,
        schemaDiff: ['column users.status: still present after down'],
        dataCheck: { rowsSeeded: 100, failsWithData: true, error: 'column "status" contains null values', lost: [] },
        statements: [],
      },
    ],
  };
  const text = renderText(buildReport([], [], verification));
  assert.match(text, /verify: pglite \(PostgreSQL 17\.4\)/);
  // The section's detail belongs to the verify stage's renderer (src/report/verification.ts); here: it is included, before the summary.
  assert.match(text, /0002_x[^\n]*\n[\s\S]*column "status" contains null values[\s\S]*\n✔ no problems in 0 migrations\n$/);
});

test('json: the documented shape, key order, trailing newline', async () => {
  const report = await reportFor(SQL);
  const out = renderJson(report);
  assert.ok(out.endsWith('}\n'));
  const parsed = JSON.parse(out);
  assert.deepEqual(Object.keys(parsed), ['version', 'tool', 'migrations', 'findings', 'summary']);
  assert.deepEqual(parsed.migrations[0], { id: '0002_x', layout: 'golang-migrate', up: 'db/0002_x.up.sql', transactional: true, changed: true });
  assert.deepEqual(Object.keys(parsed.findings[0]), ['rule', 'severity', 'file', 'line', 'column', 'endLine', 'endColumn', 'message', 'help', 'migration']);
  assert.equal(parsed.summary.errors, report.findings.filter((f) => f.severity === 'error').length);
});

test('github: escaping of data and properties', () => {
  assert.equal(escapeData('100% sure\r\nnext'), '100%25 sure%0D%0Anext');
  assert.equal(escapeProperty('a:b,c%\n'), 'a%3Ab%2Cc%25%0A');
  const f: Finding = {
    rule: 'r',
    severity: 'warning',
    file: 'db/we,ird:name.sql',
    line: 2,
    column: 3,
    endLine: 4,
    endColumn: 5,
    message: 'line one\nline two: 50%',
    help: '',
  };
  assert.equal(annotation(f), '::warning file=db/we%2Cird%3Aname.sql,line=2,endLine=4,col=3,endColumn=5,title=r::line one%0Aline two: 50%25');
  assert.match(annotation({ ...f, severity: 'info' }), /^::notice /);
  assert.match(annotation({ ...f, severity: 'error', help: 'do x' }), /::line one%0Aline two: 50%25%0AFix: do x$/);
  // The fix is one line: its first paragraph, without the Markdown recipe.
  const recipe = 'Build it concurrently, outside a transaction block:\n\n```sql\nCREATE INDEX CONCURRENTLY i ON t (c);\n```\nThen `VALIDATE`.';
  assert.match(annotation({ ...f, help: recipe }), /%0AFix: Build it concurrently, outside a transaction block$/);
});

test('github: the most severe first, at most 10 per level, and a line saying how many were not annotated', () => {
  const at = (severity: Finding['severity'], i: number): Finding => ({ rule: `r${i}`, severity, file: 'a.sql', line: i, column: 1, endLine: i, endColumn: 1, message: 'm', help: '' });
  const findings = [...Array.from({ length: 12 }, (_, i) => at('info', i + 1)), ...Array.from({ length: 11 }, (_, i) => at('error', i + 20)), at('warning', 40)];
  const { shown, hidden } = selectAnnotations(findings);
  assert.equal(hidden, 3);
  assert.deepEqual(
    shown.map((x) => x.severity),
    [...Array(10).fill('error'), 'warning', ...Array(10).fill('info')],
  );
  const out = renderGithub({ version: 1, tool: { name: 'migration-guard', version: '0' }, migrations: [], findings, summary: { errors: 11, warnings: 1, infos: 12 } })
    .trimEnd()
    .split('\n');
  assert.match(out[0]!, /^::error /);
  assert.equal(out.filter((l) => l.startsWith('::')).length, 21);
  assert.match(out.at(-1)!, /^3 more findings not annotated: GitHub shows 10 annotations per level and step/);
});

test('github: one command per finding and a summary line, no raw newlines inside a command', async () => {
  const report = await reportFor(SQL);
  const lines = renderGithub(report).trimEnd().split('\n');
  assert.equal(lines.length, report.findings.length + 1);
  for (const l of lines.slice(0, -1)) assert.match(l, /^::(error|warning|notice) file=/);
});

test('rules catalogue and explain', () => {
  const rule = rules.find((r) => r.meta.id === 'adding-required-column')!;
  const entries = catalogue(rules, (r) => (r === rule ? 'off' : r.meta.severity));
  assert.deepEqual(
    entries.map((e) => e.id),
    [...entries.map((e) => e.id)].sort(),
  );
  const table = renderCatalogueText(entries);
  assert.match(table, /^adding-required-column\s+error\s+off\s+Adding a NOT NULL column without a DEFAULT$/m);
  const doc = renderExplainText(rule, 'warning');
  assert.match(doc, /^adding-required-column {2}warning \(default error\)$/m);
  assert.match(doc, /^Why\n {2}On a table/m);
  assert.match(doc, /squawk: adding-required-field/);
});
