// Ecto's --log-migrations-sql output, on the real captures of a large versioned library (../shared/corpus/phoenix_kit).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { parseEctoLog, readEctoLog } from '../../src/frameworks/ecto-log';
import { run } from '../../src/run';
import { initParser, parseSql } from '../../src/sql/parse';

const DIR = join(import.meta.dirname, '../../../shared/corpus/phoenix_kit');
const skip = existsSync(DIR) ? false : `../shared/corpus/phoenix_kit is absent (${DIR})`;
const log = (name: string) => join(DIR, name);

before(() => initParser());

describe('Ecto log input', { skip }, () => {
  it('reads runs, directions and each statement at its log line', () => {
    const text = readFileSync(log('2-update-to-v180.log'), 'utf8');
    const runs = parseEctoLog(text);
    assert.equal(runs.length, 1);
    assert.equal(runs[0]!.version, '20250201000000');
    assert.equal(runs[0]!.direction, 'up');
    const lines = text.split(/\r\n|\r|\n/);
    for (const q of runs[0]!.queries) assert.ok(lines[q.line - 1]!.trim().startsWith(q.sql.split('\n')[0]!.trim().slice(0, 30)), `line ${q.line}: ${lines[q.line - 1]}`);
    const back = parseEctoLog(readFileSync(log('3-rollback-to-v170.log'), 'utf8'));
    assert.equal(back[0]!.direction, 'down');
  });

  it('cuts one Ecto migration into the library versions its table comments mark', () => {
    const up = readEctoLog(log('2-update-to-v180.log'), '2-update-to-v180.log').migrations.map((m) => m.id);
    assert.deepEqual(
      up,
      ['V171', 'V172', 'V173', 'V174', 'V175', 'V176', 'V177', 'V178', 'V179', 'V180'].map((v) => `20250201000000 ${v}`),
    );
    const down = readEctoLog(log('3-rollback-to-v170.log'), '3-rollback-to-v170.log').migrations;
    assert.deepEqual(
      down.map((m) => m.id),
      ['V180', 'V179', 'V178', 'V177', 'V176', 'V175', 'V174', 'V173', 'V172', 'V171'].map((v) => `20250201000000 ${v}`),
    );
    assert.ok(down.every((m) => m.down && m.up.text === ''));
    // Every mapped statement parses: the parameter lists are gone.
    for (const m of down) assert.deepEqual(parseSql(m.down!).problems, []);
  });

  it("a failed statement is a finding at its line, with Postgres's error", () => {
    const r = readEctoLog(log('7-update-to-v180-without-ddl-transaction.log'), '7.log');
    assert.equal(r.findings.length, 1);
    const f = r.findings[0]!;
    assert.equal(f.rule, 'framework-command-failed');
    assert.match(f.message, /LOCK TABLE can only be used in transaction blocks/);
    assert.match(readFileSync(log('7-update-to-v180-without-ddl-transaction.log'), 'utf8').split('\n')[f.line - 1]!, /QUERY ERROR|LOCK TABLE/);
    assert.equal(r.migrations[0]!.transactional, false, '25P01 proves the migration ran outside a transaction');
  });

  it('lint --framework ecto --sql-log: findings name the library version and carry the statement', async () => {
    const report = await run({ command: 'lint', paths: [DIR], overrides: { framework: { name: 'ecto', sqlLog: log('2-update-to-v180.log') } } });
    const index = report.findings.filter((f) => f.rule === 'creating-index-non-concurrently');
    assert.ok(index.length >= 1);
    for (const f of index) {
      assert.match(f.migration ?? '', /^20250201000000 V1\d\d$/);
      assert.match(f.statement ?? '', /^CREATE (UNIQUE )?INDEX/i);
    }
    assert.equal(report.migrations.length, 10);
    assert.equal(report.verification, undefined);
  });

  it('an unreadable or foreign log is exit 2 naming the file', () => {
    assert.throws(() => readEctoLog(join(DIR, 'missing.log'), 'missing.log'), /--sql-log missing\.log: cannot read it/);
    assert.throws(() => readEctoLog(join(DIR, 'SOURCE.md'), 'SOURCE.md'), /no "QUERY OK"/);
  });
});
