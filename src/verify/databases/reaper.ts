// A watchdog process for what no handler in this process can clean up: when
// migration-guard itself is killed with SIGKILL (or by the OOM killer), its
// signal and exit handlers never run, and a local server (started in its own
// session) would run on with its data dir, a scratch database would stay on the
// server. The reaper is a small detached node process holding the read end of a
// pipe from us; when that pipe closes without being disarmed, we are gone: it
// does the synchronous cleanup and exits. A normal stop disarms it (SIGKILL).
// The task travels over the pipe, not argv, so a database password never shows in `ps`.

import { spawn, type ChildProcess } from 'node:child_process';

/** What to clean up if this process dies without stopping its database. */
export type ReaperTask =
  /** Kill every process whose working directory is inside `dir` (the server and its backends), then delete `dir`. */
  | { kind: 'local'; dir: string }
  /** Drop the scratch database through `adminUrl`, with node-postgres loaded from `pgPath`. */
  | { kind: 'url'; adminUrl: string; scratch: string; pgPath: string };

export interface Reaper {
  /** The watchdog's pid (tests). */
  readonly pid: number | undefined;
  /** Stop watching: the caller cleaned up itself. Safe to call twice. */
  disarm(): void;
}

const SCRIPT = `
const fs = require('node:fs');
let buf = '';
let task;
let done = false;
process.stdin.setEncoding('utf8');
process.stdin.on('data', (c) => {
  buf += c;
  const nl = buf.indexOf('\\n');
  if (!task && nl >= 0) task = JSON.parse(buf.slice(0, nl));
});
const inDir = (dir) => {
  const pids = [];
  let names = [];
  try { names = fs.readdirSync('/proc'); } catch { return pids; }
  for (const n of names) {
    if (!/^\\d+$/.test(n)) continue;
    try {
      const cwd = fs.readlinkSync('/proc/' + n + '/cwd');
      if (cwd === dir || cwd.startsWith(dir + '/')) pids.push(Number(n));
    } catch {}
  }
  return pids;
};
const reap = async () => {
  if (done) return; // 'end' and 'close' both come
  if (!task) process.exit(0);
  done = true;
  if (task.kind === 'local') {
    for (let i = 0; i < 20; i++) {
      const pids = inDir(task.dir);
      if (!pids.length) break;
      for (const p of pids) { try { process.kill(p, 'SIGKILL'); } catch {} }
      await new Promise((r) => setTimeout(r, 50));
    }
    fs.rmSync(task.dir, { recursive: true, force: true });
  } else if (task.kind === 'url' && /^mg_scratch_[0-9a-f]+$/.test(task.scratch)) {
    const pg = require(task.pgPath);
    const c = new pg.Client({ connectionString: task.adminUrl });
    c.on('error', () => {});
    try {
      await c.connect();
      await c.query('DROP DATABASE IF EXISTS "' + task.scratch + '" WITH (FORCE)');
    } catch {}
    await c.end().catch(() => {});
  }
  process.exit(0);
};
process.stdin.on('end', reap);
process.stdin.on('error', reap);
process.stdin.on('close', reap);
`;

/** Starts a watchdog for `task`; returns a no-op reaper when it cannot start (the in-process cleanup still runs). */
export function startReaper(task: ReaperTask): Reaper {
  let child: ChildProcess | undefined;
  try {
    child = spawn(process.execPath, ['-e', SCRIPT], { detached: true, stdio: ['pipe', 'ignore', 'ignore'] });
    child.on('error', () => {});
    child.stdin!.on('error', () => {});
    child.stdin!.write(`${JSON.stringify(task)}\n`);
    // neither the process nor the pipe keeps our event loop alive
    child.unref();
    (child.stdin as unknown as { unref?: () => void }).unref?.();
  } catch {
    child = undefined;
  }
  let disarmed = false;
  return {
    pid: child?.pid,
    disarm() {
      if (disarmed || !child) return;
      disarmed = true;
      try {
        child.kill('SIGKILL');
      } catch {
        // already gone
      }
    },
  };
}
