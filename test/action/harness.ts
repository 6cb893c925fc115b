// Runs the Action's real entry point the way GitHub does: INPUT_* variables, an
// event payload file, GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files, GITHUB_API_URL
// pointing at the mock server. Asynchronous spawn, so the mock server (in this
// process) keeps answering while the Action runs.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The Action's runtime (node24) and Node 22, installed apart by `npm ci --prefix test/runtimes` (.ci/run) so no npm script puts them on PATH. */
export const NODE24 = join(REPO, 'test/runtimes/node_modules/node24/bin/node');
export const NODE22 = join(REPO, 'test/runtimes/node_modules/node22/bin/node');

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  annotations: { level: string; props: Record<string, string>; message: string }[];
  warnings: string[];
  ms: number;
}

export interface RunActionOptions {
  /** Action inputs by their action.yml names. */
  inputs?: Record<string, string>;
  event?: { name: string; payload: unknown };
  workspace: string;
  apiUrl?: string;
  env?: Record<string, string>;
  /** Run dist/index.js from this folder (a copy of action.yml + dist/) instead of src/action.ts through tsx. */
  actionDir?: string;
  node?: string;
  timeoutMs?: number;
}

/** The defaults action.yml gives inputs (GitHub passes them as INPUT_* when the workflow omits them). */
export function actionDefaults(): Record<string, string> {
  const text = readFileSync(join(REPO, 'action.yml'), 'utf8');
  const out: Record<string, string> = {};
  let current = '';
  for (const line of text.split('\n')) {
    const input = /^ {2}([a-z-]+):\s*$/.exec(line);
    if (input) current = input[1]!;
    const def = /^ {4}default: (.*)$/.exec(line);
    if (def && current) out[current] = def[1]!.replace(/^'(.*)'$/, '$1');
  }
  return out;
}

/** Parses `::error file=…,line=…::message` workflow commands. */
export function parseAnnotations(stdout: string): ActionRun['annotations'] {
  const out: ActionRun['annotations'] = [];
  for (const line of stdout.split('\n')) {
    const m = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!m) continue;
    const props: Record<string, string> = {};
    for (const kv of (m[2] ?? '').split(',').filter(Boolean)) {
      const i = kv.indexOf('=');
      props[kv.slice(0, i)] = decodeURIComponent(
        kv
          .slice(i + 1)
          .replace(/%2C/g, ',')
          .replace(/%3A/g, ':'),
      );
    }
    out.push({ level: m[1]!, props, message: m[3]!.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%') });
  }
  return out;
}

/** Reads a GITHUB_OUTPUT file (`name<<delim` blocks). */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i]!);
    if (!m) continue;
    const value: string[] = [];
    while (++i < lines.length && lines[i] !== m[2]) value.push(lines[i]!);
    out[m[1]!] = value.join('\n');
  }
  return out;
}

/** Runs the Action once and collects everything it produced. */
export async function runAction(o: RunActionOptions): Promise<ActionRun> {
  const tmp = mkdtempSync(join(tmpdir(), 'mg-action-run-'));
  const outputFile = join(tmp, 'output');
  const summaryFile = join(tmp, 'summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? tmp,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: o.workspace,
    GITHUB_REPOSITORY: 'owner/repo',
    GITHUB_WORKFLOW: 'CI',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: o.apiUrl ?? 'http://127.0.0.1:9',
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: tmp,
    MIGRATION_GUARD_RETRY_DELAY_MS: '1',
    MIGRATION_GUARD_MAX_RETRY_DELAY_MS: '5',
  };
  for (const k of ['DOCKER_HOST', 'TESTCONTAINERS_RYUK_DISABLED', 'TESTCONTAINERS_HOST_OVERRIDE', 'MIGRATION_GUARD_CACHE_DIR', 'XDG_CACHE_HOME']) {
    if (process.env[k]) env[k] = process.env[k]!;
  }
  if (o.event) {
    const eventFile = join(tmp, 'event.json');
    writeFileSync(eventFile, JSON.stringify(o.event.payload));
    env.GITHUB_EVENT_NAME = o.event.name;
    env.GITHUB_EVENT_PATH = eventFile;
  }
  const inputs = { ...actionDefaults(), 'github-token': 'ghs_test_token', ...o.inputs };
  // @actions/core reads INPUT_<name uppercased, spaces → _> (dashes stay).
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = v;
  Object.assign(env, o.env);
  const node = o.node ?? process.execPath;
  const args = o.actionDir ? [join(o.actionDir, 'dist/index.js')] : ['--import', 'tsx', join(REPO, 'src/action.ts')];
  const started = Date.now();
  const child = spawn(node, args, { cwd: o.actionDir ?? REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), o.timeoutMs ?? 120_000);
  const code = await new Promise<number | null>((r) => child.on('close', (c) => r(c)));
  clearTimeout(timer);
  const annotations = parseAnnotations(stdout);
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputs(readFileSync(outputFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8'),
    annotations,
    warnings: annotations.filter((a) => a.level === 'warning' && !a.props.file).map((a) => a.message),
    ms: Date.now() - started,
  };
}

/** A git repository with a base commit and a pull request head commit; returns both shas. */
export function makeRepo(files: { base: Record<string, string>; head: Record<string, string | null> }): {
  dir: string;
  baseSha: string;
  headSha: string;
  commit: (files: Record<string, string | null>) => string;
} {
  const dir = mkdtempSync(join(tmpdir(), 'mg-action-ws-'));
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] })
      .toString()
      .trim();
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'test@example.com');
  git('config', 'user.name', 'test');
  git('config', 'commit.gpgsign', 'false');
  const commit = (fs: Record<string, string | null>) => {
    for (const [path, text] of Object.entries(fs)) {
      const abs = join(dir, path);
      if (text === null) {
        if (existsSync(abs)) git('rm', '-q', path);
        continue;
      }
      mkdirSync(dirname(abs), { recursive: true });
      writeFileSync(abs, text);
    }
    git('add', '-A');
    git('commit', '-q', '--allow-empty', '-m', 'change');
    return git('rev-parse', 'HEAD');
  };
  const baseSha = commit(files.base);
  const headSha = commit(files.head);
  return { dir, baseSha, headSha, commit };
}

/** A pull_request event payload for PR #7 of owner/repo. */
export function prEvent(baseSha: string, headSha: string, name = 'pull_request', fork = false) {
  return {
    name,
    payload: {
      action: 'synchronize',
      number: 7,
      pull_request: {
        number: 7,
        base: { sha: baseSha, ref: 'main', repo: { full_name: 'owner/repo' } },
        head: { sha: headSha, ref: 'feature', repo: { full_name: fork ? 'someone/repo' : 'owner/repo' } },
      },
      repository: { full_name: 'owner/repo' },
    },
  };
}
