// action.yml is the Action's public contract: node24, dist/index.js, a description
// and a string default for every input, and exactly the inputs the code reads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseInputs } from '../../src/github/inputs';
import { REPO } from './harness';

const yml = parse(readFileSync(join(REPO, 'action.yml'), 'utf8'));

test('runs on node24 from dist/index.js', () => {
  assert.deepEqual(yml.runs, { using: 'node24', main: 'dist/index.js' });
  assert.ok(yml.name && yml.description);
});

test('every input has a description and a string default, and the code reads exactly these', () => {
  const declared = Object.keys(yml.inputs).sort();
  for (const [name, input] of Object.entries<any>(yml.inputs)) {
    assert.equal(typeof input.description, 'string', `${name}: description`);
    assert.ok(input.description.length > 20, `${name}: a useful description`);
    assert.equal(typeof input.default, 'string', `${name}: the default must be a string (got ${JSON.stringify(input.default)})`);
  }
  const read = new Set<string>();
  parseInputs((name) => {
    read.add(name);
    return name === 'github-token' ? 't' : (yml.inputs[name]?.default ?? '');
  });
  assert.deepEqual([...read].sort(), declared);
  assert.equal(yml.inputs['github-token'].default, '${{ github.token }}');
  assert.deepEqual(declared, [
    'allow-untrusted-sql',
    'base-ref',
    'comment',
    'config',
    'database',
    'database-url',
    'dialect',
    'fail-on',
    'framework',
    'github-token',
    'layout',
    'path',
    'pg-version',
    'postgres-image',
    'review-comments',
    'sarif-file',
    'sql-log',
    'sqlite-version',
    'stats',
    'template-vars',
    'verify',
    'verify-setup',
  ]);
});

test('the outputs the code sets are the ones declared', () => {
  const declared = Object.keys(yml.outputs).sort();
  assert.deepEqual(declared, ['comment-url', 'errors', 'findings-json', 'sarif-file', 'warnings']);
  const source = readFileSync(join(REPO, 'src/action.ts'), 'utf8');
  const set = [...source.matchAll(/core\.setOutput\('([a-z-]+)'/g)].map((m) => m[1]).sort();
  assert.deepEqual(set, declared);
  for (const o of Object.values<any>(yml.outputs)) assert.ok(o.description);
});
