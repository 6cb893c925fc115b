// Fuzzing with a fixed seed: hostile variations of real migrations (see
// fuzz-inputs.ts) through lintSource and through run() on files written as raw
// bytes. For every input: nothing is thrown, every problem is a finding whose
// range lies inside the file, every .sql file is either linted or reported
// unreadable, and the run ends. bench/fuzz.ts runs the same for 100,000+ inputs.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rules } from '../../rules/index';
import { lintSource } from '../../src/lint/engine';
import { initParser } from '../../src/sql/parse';
import { run } from '../../src/run';
import { UsageError } from '../../src/errors';
import { decodeSql } from '../../src/migrations/decode';
import { allEnabled } from '../helpers';
import { CORPUS, badFinding, hostileSql, lineCount, seedFiles } from './fuzz-inputs';
import { existsSync } from 'node:fs';

const SEED = 20261121;
const seeds = seedFiles(120);
const temps: string[] = [];
after(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

test('seed files are real migrations', (t) => {
  if (!existsSync(CORPUS)) t.diagnostic(`../shared/corpus not found: fuzzing examples/ only`);
  assert.ok(seeds.length >= 10, `only ${seeds.length} seed files`);
});

test('lintSource: hostile SQL never throws and every finding lies inside the file', async () => {
  await initParser();
  fc.assert(
    fc.property(hostileSql(seeds), fc.integer({ min: 1, max: 5000 }), fc.boolean(), (text, firstLine, transactional) => {
      const findings = lintSource({ source: { file: 'fuzz.sql', text, firstLine }, transactional, migration: 'm' }, allEnabled, rules);
      const lines = lineCount(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
      for (const f of findings) {
        const why = badFinding(f, firstLine, lines);
        if (why) throw new Error(`${why}: ${JSON.stringify({ ...f, help: undefined })}`);
        assert.equal(f.file, 'fuzz.sql');
      }
    }),
    { seed: SEED, numRuns: 150, endOnFailure: true },
  );
});

test('run(): folders of hostile files (raw bytes, invalid UTF-8) are linted file by file, never throwing', async () => {
  const root = mkdtempSync(join(tmpdir(), 'mg-fuzz-'));
  temps.push(root);
  let k = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(fc.tuple(hostileSql(seeds), fc.boolean()), { minLength: 1, maxLength: 6 }), async (files) => {
      const dir = join(root, `set${k++}`);
      mkdirSync(dir);
      const names = files.map((_, i) => `${String(i + 1).padStart(3, '0')}_fuzz.sql`);
      files.forEach(([text, latin1], i) => writeFileSync(join(dir, names[i]!), Buffer.from(text, latin1 ? 'latin1' : 'utf8')));
      let report;
      try {
        report = await run({ command: 'lint', paths: [dir], cwd: dir });
      } catch (err) {
        // Files with different tools' markers make a folder of mixed layouts: a clear could-not-run (exit 2).
        assert.ok(err instanceof UsageError && /mixes migration layouts/.test(err.message), String((err as Error)?.stack ?? err));
        return;
      }
      // No file is skipped silently: it is linted, or a finding (unreadable-file, invalid-migration-file…) names it.
      const linted = new Set(report.migrations.flatMap((m) => [m.up, m.down]));
      for (const name of names) {
        assert.ok(linted.has(name) || report.findings.some((f) => f.file === name), `${name} was neither linted nor reported`);
        if (!linted.has(name))
          assert.ok(
            report.findings.some((f) => f.file === name && /^(unreadable-file|invalid-migration-file)$/.test(f.rule)),
            `${name} is not linted: a finding says why`,
          );
      }
      for (const f of report.findings) {
        const decoded = decodeSql(readFileSync(join(dir, f.file)));
        const lines = decoded.ok ? lineCount(decoded.text) : 1;
        const why = badFinding(f, 1, lines);
        if (why) throw new Error(`${f.file}: ${why}: ${JSON.stringify({ ...f, help: undefined })}`);
      }
      rmSync(dir, { recursive: true, force: true });
    }),
    { seed: SEED, numRuns: 25, endOnFailure: true },
  );
});
