// The shape of the code, checked: no import cycles in src/ and rules/, and no module
// over ~400 lines unless its header says why it is longer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import madge from 'madge';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

test('no import cycles in src/ and rules/', async () => {
  const graph = await madge([join(root, 'src'), join(root, 'rules')], { fileExtensions: ['ts'], tsConfig: join(root, 'tsconfig.json') });
  assert.deepEqual(graph.circular(), []);
});

test('modules over 420 lines say in their header why they are long', () => {
  const long = [...tsFiles(join(root, 'src')), ...tsFiles(join(root, 'rules'))]
    .map((f) => ({ f: relative(root, f), text: readFileSync(f, 'utf8') }))
    .filter(({ text }) => text.split('\n').length > 420)
    .filter(({ text }) => !/^\/\/.*\b(longer than|long because)\b/im.test(text.split('\n').slice(0, 20).join('\n')))
    .map(({ f }) => f);
  assert.deepEqual(long, []);
});
