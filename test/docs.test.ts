// The user's pages: README stays one short page, every relative link in README.md and
// docs/ resolves, and every test a page names exists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { ROOT } from './cli-helpers';

const pages = [
  join(ROOT, 'README.md'),
  join(ROOT, 'BENCHMARKS.md'),
  ...readdirSync(join(ROOT, 'docs'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.md'))
    .map((e) => join(e.parentPath, e.name)),
];

test('README.md is one page: at most 300 lines, starting with the two commands a newcomer needs', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  assert.ok(readme.split('\n').length <= 300, `README.md has ${readme.split('\n').length} lines`);
  assert.match(readme, /^# migration-guard\n\n```sh\nnpm ci && npm run example .*\nnpm test .*\n```/);
});

test('every relative link in README.md and docs/ points at a file that exists', () => {
  const broken: string[] = [];
  for (const page of pages) {
    const text = readFileSync(page, 'utf8').replace(/```[\s\S]*?```/g, '');
    for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = m[1]!.split('#')[0]!;
      if (!target || /^[a-z]+:/.test(target)) continue;
      const path = join(dirname(page), decodeURIComponent(target));
      // ../shared lies beside the repository (the corpus, the design notes): absent in some clones.
      if (relative(ROOT, path).startsWith('..')) continue;
      if (!existsSync(path)) broken.push(`${relative(ROOT, page)}: ${m[1]}`);
    }
  }
  assert.deepEqual(broken, []);
});

test('every test file the pages name exists', () => {
  const missing: string[] = [];
  for (const page of pages) {
    for (const m of readFileSync(page, 'utf8').matchAll(/\btest\/[\w./-]+\.test\.ts\b/g)) if (!existsSync(join(ROOT, m[0]))) missing.push(`${relative(ROOT, page)}: ${m[0]}`);
  }
  assert.deepEqual(missing, []);
});
