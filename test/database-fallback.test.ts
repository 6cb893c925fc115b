// The ordered database strategies the Action uses: the first that can be used wins,
// each one skipped is reported with why, the last is the fallback whatever it says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstAvailable } from '../src/verify/databases/fallback';

test('firstAvailable: the first usable strategy, with why each earlier one was skipped', async () => {
  const skipped: string[] = [];
  const pick = (...whys: (string | undefined)[]) =>
    firstAvailable(
      whys.map((why, i) => ({ kind: (['container', 'local', 'pglite'] as const)[i]!, unavailable: () => Promise.resolve(why) })),
      (kind, why) => skipped.push(`${kind}: ${why}`),
    );
  assert.equal(await pick(undefined, undefined, undefined), 'container');
  assert.deepEqual(skipped, []);
  assert.equal(await pick('no Docker engine answered', 'no initdb', undefined), 'pglite');
  assert.deepEqual(skipped, ['container: no Docker engine answered', 'local: no initdb']);
  skipped.length = 0;
  assert.equal(await pick('no Docker engine answered', 'no initdb', 'asked anyway'), 'pglite', 'the last one is the fallback');
  assert.deepEqual(skipped, ['container: no Docker engine answered', 'local: no initdb']);
  await assert.rejects(
    firstAvailable([], () => {}),
    /no strategy/,
  );
});
