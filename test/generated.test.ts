// Generated files must match their generators: run `npm run gen` when this fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rulesIndexSource } from '../scripts/gen-rules-index';
import { END, START, readmeRulesSection, withRulesSection } from '../scripts/gen-readme-rules';
import { rules } from '../rules/index';
import { ROOT } from './cli-helpers';

test('rules/index.ts lists every rule file (npm run gen)', () => {
  assert.equal(readFileSync(join(ROOT, 'rules', 'index.ts'), 'utf8'), rulesIndexSource(), 'rules/index.ts is stale: run npm run gen');
});

test("README's rules section matches the rule metadata (npm run gen)", () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  assert.ok(readme.includes(START) && readme.includes(END), 'README.md needs the rules markers');
  const current = readme.slice(readme.indexOf(START) + START.length, readme.indexOf(END)).trim();
  // Compare line lists so a failure shows the differing lines, not the whole README.
  assert.deepEqual(current.split('\n'), readmeRulesSection(rules).trim().split('\n'), "README.md's rules section is stale: run npm run gen");
});

test('the rules section documents every rule', () => {
  const section = readmeRulesSection(rules);
  for (const r of rules) {
    assert.ok(section.includes(`| [\`${r.meta.id}\`](#${r.meta.id}) | ${r.meta.severity} |`), `${r.meta.id} row`);
    assert.ok(section.includes(`### ${r.meta.id}\n`), `${r.meta.id} heading`);
  }
  assert.equal(withRulesSection('# x\n', 'BODY'), `# x\n\n## Rules\n\n${START}\nBODY\n${END}\n`, 'markers are added when missing');
  assert.equal(withRulesSection(`a\n${START}\nold\n${END}\nb\n`, 'new'), `a\n${START}\nnew\n${END}\nb\n`);
});
