// The parser's start-up snapshot (what a restore after a WASM abort puts back)
// holds every non-zero byte a fresh instance has, though only the memory below the
// stack's top is searched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
// @ts-expect-error the Emscripten loader ships without type declarations
import createModule from 'libpg-query/wasm/libpg-query.js';
import { loadModule, snapshotBytes } from '../src/sql/pg-parser';

test('start-up snapshot covers every non-zero byte of a fresh instance', async () => {
  await loadModule();
  const fresh = await createModule({ print: () => {}, printErr: () => {} });
  const words = new Uint32Array(fresh.HEAPU8.buffer);
  let i = words.length - 1;
  while (i >= 0 && words[i] === 0) i--;
  const used = (i + 1) * 4; // word-exact: the snapshot ends at the last non-zero byte of that word
  assert.ok(used > 100_000, `a fresh instance has its data in memory (${used} bytes)`);
  assert.ok(snapshotBytes() <= used && used - snapshotBytes() < 4, `snapshot ${snapshotBytes()} bytes, fresh instance uses ${used}`);
});
