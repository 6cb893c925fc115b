// The committed Action bundle: it matches the sources, and it runs from a folder
// holding only action.yml and dist/ (no node_modules), on Node 24 (what GitHub
// runs for `using: node24`) and on Node 20.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { MockGitHub } from './mock-github';
import { makeRepo, NODE24, prEvent, REPO, runAction } from './harness';

const DIST = join(REPO, 'dist');

function files(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(dir, prefix)).sort()) {
    const rel = prefix ? `${prefix}/${name}` : name;
    if (statSync(join(dir, rel)).isDirectory()) out.push(...files(dir, rel));
    else out.push(rel);
  }
  return out;
}

test('dist/ is what `npm run build:action` builds from the current sources', { skip: !existsSync(DIST) && 'dist/ not built' }, () => {
  const out = join(mkdtempSync(join(tmpdir(), 'mg-dist-')), 'dist');
  execFileSync(process.execPath, [join(REPO, 'scripts/build-action.mjs'), '--outdir', out], { cwd: REPO, stdio: 'pipe' });
  const want = files(out);
  const have = files(DIST);
  assert.deepEqual(have, want, 'dist/ has different files: run `npm run build:action` and commit dist/');
  const stale = want.filter((f) => !readFileSync(join(out, f)).equals(readFileSync(join(DIST, f))));
  assert.deepEqual(stale, [], 'dist/ is stale: run `npm run build:action` and commit dist/');
});

const gh = new MockGitHub();
before(() => gh.start());
after(() => gh.stop());

/** The system's node (Node 20 here). */
function systemNode(): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir || dir.includes('node_modules')) continue;
    if (existsSync(join(dir, 'node'))) return join(dir, 'node');
  }
  return 'node';
}
const NODES: [string, string][] = [
  ["Node 24 (the Action's runtime, test/runtimes)", NODE24],
  ['Node 20 (the system node)', systemNode()],
];

for (const [label, node] of NODES) {
  test(`the bundle runs from action.yml + dist/ alone on ${label}`, { skip: !existsSync(join(DIST, 'index.js')) && 'dist/ not built' }, async (t) => {
    const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
    if (!version) return t.skip(`${node} not found`);
    if (label.startsWith('Node 20') && !version.startsWith('v20.')) return t.skip(`the system node is ${version}, not Node 20`);
    const actionDir = mkdtempSync(join(tmpdir(), 'mg-action-'));
    cpSync(join(REPO, 'action.yml'), join(actionDir, 'action.yml'));
    cpSync(DIST, join(actionDir, 'dist'), { recursive: true });
    assert.ok(!existsSync(join(actionDir, 'node_modules')));
    const repo = makeRepo({
      base: { 'db/migrations/000001_users.up.sql': 'CREATE TABLE users (id bigint PRIMARY KEY);\n', 'db/migrations/000001_users.down.sql': 'DROP TABLE users;\n' },
      head: { 'db/migrations/000002_status.up.sql': 'ALTER TABLE users\n  ADD COLUMN status text NOT NULL;\n', 'db/migrations/000002_status.down.sql': 'ALTER TABLE users DROP COLUMN status;\n' },
    });
    gh.comments = [];
    const before = gh.comments.length;
    const r = await runAction({ workspace: repo.dir, apiUrl: gh.url, actionDir, node, inputs: { path: 'db/migrations', verify: 'false' }, event: prEvent(repo.baseSha, repo.headSha) });
    const info = `${version} exit ${r.code}\n${r.stdout}\n${r.stderr}`;
    assert.equal(r.code, 1, info);
    assert.ok(
      r.annotations.some(
        (a) => a.level === 'error' && a.props.title === 'adding-required-column' && a.props.file === 'db/migrations/000002_status.up.sql' && a.props.line === '1' && a.props.endLine === '2',
      ),
      info,
    );
    assert.equal(gh.comments.length, before + 1, info);
    assert.match(gh.comments.at(-1)!.body, /adding-required-column/);
    t.diagnostic(`${version}: lint run ${r.ms} ms`);

    // verify on the embedded PGlite, which the bundle ships under dist/node_modules.
    const v = await runAction({
      workspace: repo.dir,
      actionDir,
      node,
      inputs: { path: 'db/migrations', verify: 'true', database: 'pglite', comment: 'false' },
      event: { name: 'push', payload: {} },
      env: { MIGRATION_GUARD_PGLITE_CACHE: '0' },
      timeoutMs: 180_000,
    });
    if (/verify is not available in this build/.test(v.stdout)) return t.diagnostic('verify not wired into run() yet: PGlite run skipped');
    const report = JSON.parse(readFileSync(v.outputs['findings-json']!, 'utf8'));
    assert.equal(report.verification?.database?.kind, 'pglite', `${v.stdout}\n${v.stderr}`);
    t.diagnostic(`${version}: verify (pglite, cold) run ${v.ms} ms`);

    // SQLite: node:sqlite on Node 24, the WASM build dist/ ships on Node 20; the same verdicts.
    const sqlite = await runAction({
      workspace: repo.dir,
      actionDir,
      node,
      inputs: { path: 'db/migrations', verify: 'true', dialect: 'sqlite', comment: 'false' },
      event: { name: 'push', payload: {} },
      timeoutMs: 60_000,
    });
    const lite = JSON.parse(readFileSync(sqlite.outputs['findings-json']!, 'utf8'));
    assert.equal(lite.dialect, 'sqlite');
    assert.equal(lite.verification?.database?.kind, label.startsWith('Node 24') ? 'sqlite (node:sqlite)' : 'sqlite (wasm)', `${sqlite.stdout}\n${sqlite.stderr}`);
    assert.deepEqual(
      lite.findings.map((f: { rule: string; line: number }) => `${f.rule}:${f.line}`),
      ['failing-with-existing-rows:1', 'sqlite-adding-required-column:2'],
    );
    t.diagnostic(`${version}: verify (sqlite) run ${sqlite.ms} ms`);
  });
}
