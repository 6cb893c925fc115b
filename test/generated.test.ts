// Generated files must match their generators: run `npm run gen` when this fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rulesIndexSource } from '../scripts/gen-rules-index';
import { RULES_DIR, ruleDocs } from '../scripts/gen-readme-rules';
import { rules } from '../rules/index';
import { ROOT } from './cli-helpers';

test('rules/index.ts lists every rule file (npm run gen)', () => {
  assert.equal(readFileSync(join(ROOT, 'rules', 'index.ts'), 'utf8'), rulesIndexSource(), 'rules/index.ts is stale: run npm run gen');
});

test('docs/rules: one current page per rule and the index, nothing left over (npm run gen)', () => {
  const docs = ruleDocs(rules);
  assert.deepEqual(readdirSync(RULES_DIR).sort(), [...docs.keys()].sort(), 'docs/rules has missing or left-over pages: run npm run gen');
  for (const [name, text] of docs) {
    // Compare line lists so a failure shows the differing lines, not the whole page.
    assert.deepEqual(readFileSync(join(RULES_DIR, name), 'utf8').split('\n'), text.split('\n'), `docs/rules/${name} is stale: run npm run gen`);
  }
});

test('every rule has its page, its row in the index, and its examples on the page', () => {
  const docs = ruleDocs(rules);
  const index = docs.get('README.md')!;
  for (const r of rules) {
    assert.ok(index.includes(`| [\`${r.meta.id}\`](${r.meta.id}.md) | ${r.meta.severity} |`), `${r.meta.id} row`);
    const page = docs.get(`${r.meta.id}.md`)!;
    assert.ok(page.startsWith(`# ${r.meta.id}\n`), `${r.meta.id} heading`);
    for (const ex of [...r.meta.examples.bad, ...r.meta.examples.good]) assert.ok(page.includes(ex.trim()), `${r.meta.id}: example on the page`);
    for (const section of ['## Why', '## Fix', '## Postgres versions', '## squawk']) assert.ok(page.includes(`\n${section}\n`), `${r.meta.id}: ${section}`);
  }
});
