// Where the benchmarks find squawk (npm `squawk-cli`, the tool we compare with).
// It is not a devDependency: its macOS/Windows binaries are absent from the npm
// registry this project installs from, so a lockfile with it fails `npm ci`. The
// benches install it on first use into a cache folder instead.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const SQUAWK_VERSION = '2.66.0';

/** Path of squawk's npm launcher (`node_modules/.bin/squawk`), installing it once if absent. */
export function squawkBin(root: string): string {
  const prefix = join(root, 'node_modules', '.cache', 'squawk-cli');
  const bin = join(prefix, 'node_modules', '.bin', 'squawk');
  if (!existsSync(bin)) {
    console.error(`installing squawk-cli@${SQUAWK_VERSION} into ${prefix} …`);
    execFileSync('npm', ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', `squawk-cli@${SQUAWK_VERSION}`], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  return bin;
}
