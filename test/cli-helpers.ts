// Runs the real CLI as a child process in a temp folder: src/cli.ts bundled
// once per test process with the same esbuild settings as `npm run build`
// (half the start-up time of tsx), into .tmp/ inside the repo so the bundle's
// npm imports resolve from node_modules.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after } from 'node:test';
import { buildSync } from 'esbuild';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = join(ROOT, '.tmp', `cli-test-${process.pid}`);
const CLI = join(OUT_DIR, 'cli.js');
let built = false;

function ensureBuilt(): void {
  if (built) return;
  buildSync({
    absWorkingDir: ROOT,
    entryPoints: ['src/cli.ts'],
    outdir: OUT_DIR,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
  built = true;
}
after(() => rmSync(OUT_DIR, { recursive: true, force: true }));

/** The bundled CLI entry (built on first use), for tests that spawn it themselves (signals, timing). */
export function cliEntry(): string {
  ensureBuilt();
  return CLI;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run `migration-guard …args` in `cwd`; NO_COLOR unset unless given. */
export function cli(args: string[], options: { cwd: string; env?: Record<string, string | undefined>; nodeArgs?: string[] }): CliResult {
  const env = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...options.env };
  ensureBuilt();
  const r = spawnSync(process.execPath, [...(options.nodeArgs ?? []), CLI, ...args], { cwd: options.cwd, env, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Path of the bundled CLI the tests run (built on first use). */
export function cliPath(): string {
  ensureBuilt();
  return CLI;
}

const temps: string[] = [];
after(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

/**
 * A fresh temp folder holding the given files (path → content), removed after the
 * test file. It sits one level below its own parent, so that discovering a single
 * file (which also looks at the file's grandparent folder) never scans all of /tmp.
 */
export function tempTree(files: Record<string, string> = {}): string {
  const outer = mkdtempSync(join(tmpdir(), 'mg-cli-'));
  temps.push(outer);
  const dir = join(outer, 'work');
  mkdirSync(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

export const ADD_REQUIRED = 'ALTER TABLE users ADD COLUMN status text NOT NULL;\n';
export const SAFE = 'CREATE TABLE widgets (id bigint PRIMARY KEY, name text);\n';
