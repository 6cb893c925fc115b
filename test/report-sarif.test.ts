// SARIF output validated against the SARIF 2.1.0 JSON schema (shipped by npm
// @microsoft/jest-sarif as sarif-2.1.0-rtm.5.json, a draft-04 schema) with ajv.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv from 'ajv-draft-04';
import { buildReport } from '../src/report/build';
import { artifactUri, renderSarif } from '../src/report/sarif';
import { rules } from '../rules/index';
import type { Finding } from '../src/types';
import { lintSql } from './helpers';

const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
// The schema's language pattern is not valid under the `u` flag; the formats are checked with URL/Date.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
ajv.addFormat('uri', (s: string) => URL.canParse(s));
ajv.addFormat('uri-reference', (s: string) => !/\s/.test(s) && URL.canParse(s, 'file:///base/'));
ajv.addFormat('date-time', (s: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(s) && !Number.isNaN(Date.parse(s)));
const validate = ajv.compile(schema);

function assertValid(log: unknown): void {
  const ok = validate(log);
  assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
}

const SQL = 'ALTER TABLE users ADD COLUMN status text NOT NULL;\nALTER TABLE users\n  DROP COLUMN legacy;\nCREATE INDEX i ON t (c);\nSELEC 1;\n';

test('sarif from real findings validates against the SARIF 2.1.0 schema', async () => {
  const findings = (await lintSql(SQL, { file: 'db/migrations/0002 add status.up.sql' })).map((f) => ({ ...f, migration: '0002' }));
  assert.ok(findings.length >= 2, 'the fixture raises several rules');
  const report = buildReport([{ id: '0002', layout: 'golang-migrate', up: 'db/migrations/0002 add status.up.sql', transactional: true, changed: true }], findings);
  const log = JSON.parse(renderSarif(report, { rules }));
  assertValid(log);
  assert.equal(log.version, '2.1.0');
  const run = log.runs[0];
  assert.equal(run.tool.driver.name, 'migration-guard');
  // Every rule used is described once, and results point at it by index.
  const used = [...new Set(findings.map((f) => f.rule))];
  assert.deepEqual(
    run.tool.driver.rules.map((r: { id: string }) => r.id),
    used,
  );
  for (const d of run.tool.driver.rules) {
    assert.ok(d.shortDescription.text && d.fullDescription.text && d.help.text && d.help.markdown, d.id);
    assert.match(d.defaultConfiguration.level, /^(error|warning|note)$/);
  }
  assert.equal(run.results.length, findings.length);
  run.results.forEach((r: any, i: number) => {
    const f = findings[i]!;
    assert.equal(run.tool.driver.rules[r.ruleIndex].id, r.ruleId);
    assert.equal(r.ruleId, f.rule);
    assert.deepEqual(r.locations[0].physicalLocation.region, { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn });
    assert.equal(r.locations[0].physicalLocation.artifactLocation.uri, 'db/migrations/0002%20add%20status.up.sql');
  });
  const adding = run.tool.driver.rules.find((d: { id: string }) => d.id === 'adding-required-column');
  assert.equal(adding.defaultConfiguration.level, 'error');
  assert.match(adding.help.markdown, /```sql/);
});

test('sarif: an empty report and a finding of an unknown rule are valid too', () => {
  assertValid(JSON.parse(renderSarif(buildReport([], []), { rules })));
  const f: Finding = { rule: 'made-up', severity: 'info', file: '/abs/x.sql', line: 1, column: 1, endLine: 1, endColumn: 1, message: 'm', help: '' };
  const log = JSON.parse(renderSarif(buildReport([], [f]), { rules }));
  assertValid(log);
  assert.equal(log.runs[0].results[0].level, 'note');
  assert.equal(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'file:///abs/x.sql');
});

test('artifactUri: relative, encoded, forward slashes', () => {
  assert.equal(artifactUri('db\\a b#1.sql'), 'db/a%20b%231.sql');
  assert.equal(artifactUri('C:\\x\\y.sql'), 'file:///C:/x/y.sql');
});

test('the schema check is real: a broken log fails it', () => {
  assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] }), false, 'driver.name is required');
  assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'fatal' }] }] }), false);
  const withSpace = {
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'a b.sql' } } }] }] }],
  };
  assert.equal(validate(withSpace), false, 'an unencoded space is not a uri-reference');
});
