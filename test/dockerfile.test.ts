// The Dockerfile for other CIs, built and run where a Docker engine answers. No registry
// is reachable here for base images, so the test gives the Dockerfile a local Node base
// (the Postgres stand-in image from scripts/setup-docker.sh plus this machine's node and
// npm); the npm registry is reachable from the build, as it is for users.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { dockerAnswers } from './databases-docker';
import { ROOT } from './cli-helpers';

const BASE = 'local/postgres:15';
const docker = (args: string[], cwd = ROOT) => spawnSync('docker', args, { cwd, encoding: 'utf8', env: { ...process.env, DOCKER_BUILDKIT: '0' }, maxBuffer: 1 << 26 });

test('the Dockerfile builds an image whose entrypoint lints a mounted project', { timeout: 900_000 }, async (t) => {
  if (!(await dockerAnswers())) return t.skip('no Docker engine answers on the local socket (scripts/setup-docker.sh starts one)');
  if (docker(['image', 'inspect', BASE]).status !== 0) return t.skip(`no local ${BASE} image (scripts/setup-docker.sh builds it)`);
  const ctx = mkdtempSync(join(tmpdir(), 'mg-node-base-'));
  const tag = `mg-test-node-base:${process.pid}`;
  const image = `mg-test-image:${process.pid}`;
  try {
    // A Node base image from what this machine has.
    const node = realpathSync(execFileSync('sh', ['-c', 'command -v node'], { encoding: 'utf8' }).trim());
    const npm = dirname(dirname(realpathSync(execFileSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).trim())));
    cpSync(node, join(ctx, 'node'));
    cpSync(npm, join(ctx, 'npm'), { recursive: true });
    // The certificates this machine trusts for the registry (it may sit behind a proxy of its own).
    cpSync(process.env.NODE_EXTRA_CA_CERTS || '/etc/ssl/certs/ca-certificates.crt', join(ctx, 'ca.crt'));
    writeFileSync(
      join(ctx, 'Dockerfile'),
      `FROM ${BASE}\nCOPY node /usr/local/bin/node\nCOPY npm /usr/local/lib/node_modules/npm\nCOPY ca.crt /usr/local/share/ca.crt\nENV NODE_EXTRA_CA_CERTS=/usr/local/share/ca.crt\nRUN ln -s /usr/local/lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm && ln -s /usr/local/lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx\nENTRYPOINT []\nCMD ["node"]\n`,
    );
    const base = docker(['build', '-q', '-t', tag, ctx]);
    assert.equal(base.status, 0, base.stderr);
    const built = docker(['build', '-q', '--build-arg', `NODE_IMAGE=${tag}`, '-t', image, '.']);
    assert.equal(built.status, 0, built.stdout + built.stderr);
    const help = docker(['run', '--rm', image]);
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout, /migration-guard \d+\.\d+\.\d+: is this PostgreSQL migration safe to merge\?/);
    const lint = docker(['run', '--rm', '-v', `${join(ROOT, 'examples')}:/work:ro`, image, 'lint', 'migrations', '--format', 'json']);
    assert.equal(lint.status, 1, lint.stderr);
    const report = JSON.parse(lint.stdout);
    assert.ok(report.findings.some((f: { rule: string; file: string }) => f.rule === 'adding-required-column' && f.file.startsWith('migrations/')));
  } finally {
    docker(['rmi', '-f', image, tag]);
    rmSync(ctx, { recursive: true, force: true });
  }
});
