// A pull request that adds one migration to each corpus set: does `check --base`
// fail only where that migration itself is at fault?
//
//   npm run build && npx tsx bench/pr-corpus.ts [--database pglite|local] [--corpus ../shared/corpus] [--sets a,b]
//
// For each set: a temporary git repository whose base commit holds the set without its
// newest migration, and whose head adds it (for sets whose history assumes what the
// platform provides, the repository's .migration-guard.yml gives verify.setup and
// verify.templateVars, as a team would). Then `migration-guard check --base <base>`
// runs as the Action would, and the table shows the exit code, the findings by
// severity, how many are about history that did not replay, and the errors' rules.

import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { discoverMigrations } from '../src/migrations/discover';

const flag = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const corpus = resolve(flag('--corpus', '../shared/corpus'));
const database = flag('--database', 'pglite');
const only = process.argv.includes('--sets') ? flag('--sets', '').split(',') : undefined;
const details = process.argv.includes('--details');
if (!existsSync(corpus)) {
  console.log(`skipped: corpus not found at ${corpus} (../shared is absent)`);
  process.exit(0);
}
const cli = resolve('bin/migration-guard.js'); // the built CLI, as users run it (npm run build first)

/** What a team would put in its config for a history that assumes its platform. */
const CONFIG: Record<string, string> = {
  'supabase-auth': 'verify:\n  setup: CREATE SCHEMA auth;\n  templateVars:\n    Namespace: auth\n',
  'supabase-postgres':
    'verify:\n  setup: |\n    CREATE ROLE supabase_admin; CREATE ROLE authenticator; CREATE ROLE anon; CREATE ROLE authenticated;\n    CREATE ROLE service_role; CREATE ROLE supabase_auth_admin; CREATE ROLE supabase_storage_admin; CREATE ROLE dashboard_user;\n',
};

const sets = ['chef-server', 'crates-io', 'harbor', 'hatchet', 'kestra', 'kratos', 'supabase-auth', 'supabase-postgres', 'temporal', 'umami'].filter((s) => !only || only.includes(s));
console.log(`| Set | PR adds | Exit | Errors | Warnings | History not replaying | Error rules | Wall |`);
console.log(`|---|---|---|---|---|---|---|---|`);
for (const set of sets) {
  const src = join(corpus, set);
  const dir = mkdtempSync(join(tmpdir(), `mg-pr-${set}-`));
  try {
    cpSync(src, join(dir, 'db'), { recursive: true });
    const migrations = discoverMigrations(join(dir, 'db'), { cwd: dir }).migrations;
    const newest = migrations[migrations.length - 1]!;
    const own = [newest.up.file, ...(newest.down && newest.down.file !== newest.up.file ? [newest.down.file] : [])].map((f) => resolve(dir, f));
    // A folder that is the migration (temporal's v1.14/ with its manifest, diesel's <id>/) goes whole.
    const folder = dirname(own[0]!);
    const files = basename(folder).includes(newest.version) && newest.version ? [folder] : own;
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] })
        .toString()
        .trim();
    git('init', '-q', '-b', 'main');
    git('config', 'user.email', 'bench@example.com');
    git('config', 'user.name', 'bench');
    if (CONFIG[set]) writeFileSync(join(dir, '.migration-guard.yml'), CONFIG[set]!);
    // Base: everything but the newest migration's files.
    const held = files.map((f) => ({ f, tmp: `${f}.held` }));
    for (const h of held) (cpSync(h.f, h.tmp, { recursive: true }), rmSync(h.f, { recursive: true }));
    git('add', '-A', '--', '.', ...held.map((h) => `:!${relative(dir, h.tmp)}`));
    git('commit', '-q', '-m', 'base');
    const base = git('rev-parse', 'HEAD');
    for (const h of held) (cpSync(h.tmp, h.f, { recursive: true }), rmSync(h.tmp, { recursive: true }));
    git('add', '-A');
    git('commit', '-q', '-m', 'pr');
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [cli, 'check', 'db', '--base', base, '--database', database, '--format', 'json', '-q'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
    const wall = (performance.now() - t0) / 1000;
    let cells: string;
    try {
      const report = JSON.parse(r.stdout) as { findings: { rule: string; severity: string }[] };
      const count = (sev: string) => report.findings.filter((f) => f.severity === sev).length;
      const history = report.findings.filter((f) => f.rule === 'history-not-replaying').length;
      const errorRules = [...new Set(report.findings.filter((f) => f.severity === 'error').map((f) => f.rule))].join(', ') || '–';
      cells = `${r.status} | ${count('error')} | ${count('warning')} | ${history} | ${errorRules}`;
      if (details)
        for (const f of report.findings as { rule: string; severity: string; message?: string; file?: string; line?: number }[])
          console.error(`  ${set}: ${f.severity} ${f.rule} ${f.file}:${f.line} ${f.message?.slice(0, 240)}`);
    } catch {
      cells = `${r.status} | – | – | – | ${(r.stderr || r.stdout).trim().split('\n')[0]!.slice(0, 120)}`;
    }
    console.log(`| ${set} | ${newest.id} | ${cells} | ${wall.toFixed(1)} s |`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
