// Framework commands are the pull request's code: no secrets of ours in their environment, and a time limit.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commandEnv, runCommand } from '../../src/frameworks/command';

const DB = { host: '127.0.0.1', port: 5544, user: 'postgres', database: 'mg_framework_x' };

describe('framework commands', () => {
  it("get the throwaway database as DATABASE_URL and PG*, and none of the Action's token or secrets", async () => {
    const env = commandEnv(
      { PATH: process.env.PATH, GITHUB_TOKEN: 'ghs_x', INPUT_GITHUB_TOKEN: 'ghs_y', AWS_SECRET_ACCESS_KEY: 's', DATABASE_URL: 'postgres://prod/db', PGHOST: 'prod', HOME: '/root' },
      DB,
      { RAILS_ENV: 'test' },
    );
    const r = await runCommand('env', process.cwd(), env, 10_000);
    assert.equal(r.exitCode, 0);
    const vars = Object.fromEntries(
      r.output
        .trim()
        .split('\n')
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    assert.equal(vars.DATABASE_URL, 'postgresql://postgres@127.0.0.1:5544/mg_framework_x');
    assert.equal(vars.PGHOST, '127.0.0.1');
    assert.equal(vars.PGPORT, '5544');
    assert.equal(vars.PGDATABASE, 'mg_framework_x');
    assert.equal(vars.RAILS_ENV, 'test');
    assert.equal(vars.HOME, '/root');
    for (const k of ['GITHUB_TOKEN', 'INPUT_GITHUB_TOKEN', 'AWS_SECRET_ACCESS_KEY']) assert.equal(vars[k], undefined, k);
  });

  it('are killed with everything they started when they run past the timeout', async () => {
    const started = Date.now();
    const r = await runCommand('sleep 30 & sleep 30; echo never', process.cwd(), { PATH: process.env.PATH }, 500);
    assert.equal(r.timedOut, true);
    assert.ok(Date.now() - started < 10_000);
    assert.doesNotMatch(r.output, /never/);
  });
});
