// dist/index.js, the file action.yml runs: it starts the Action (dist/main.js)
// in a child Node with V8's `--liftoff-only`. Both WASM engines we load (the
// Postgres parser, 1.7 MB, and PGlite, 8.7 MB) are otherwise recompiled by the
// optimizing tier in the background, which for a run of a few seconds costs more
// than it saves. Measured on examples/ (Node 24, 2 cores, wall time and peak RSS):
// lint 0.5 s → 0.24 s and 630 → 100 MB; lint + verify on PGlite 5–7 s → 3.5 s and
// 1 GB → 470 MB.
// A Node whose V8 lacks the flag exits 9 at once: then main.js runs without it.
// Node 20 honours the flag set at run time (before the WASM is compiled), so it
// needs no child; Node 24 ignores a run-time change of WASM tiering.

import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';

const FLAG = '--liftoff-only';
const main = join(dirname(fileURLToPath(import.meta.url)), 'main.js');

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  ms: number;
  failed?: Error;
}

/** Runs main.js in a child Node with `flags`, forwarding cancellation signals, and resolves with how it ended. */
function runChild(flags: string[]): Promise<Exit> {
  const started = Date.now();
  // Own process group: a signal sent to the whole group reaches the child once, forwarded from
  // here, not twice (a second SIGINT means "stop now" to verify's cleanup). The IPC channel
  // tells it when this process dies (src/action.ts then stops as if sent SIGTERM).
  const child = spawn(process.execPath, [...flags, ...process.execArgv, main], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    detached: true,
    env: process.env,
  });
  // The runner cancels a job with SIGINT then SIGTERM: the child must get them to clean up its databases.
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  for (const s of signals) process.on(s, forward);
  return new Promise((resolve) => {
    const done = (exit: Exit) => {
      for (const s of signals) process.off(s, forward);
      resolve(exit);
    };
    child.on('error', (failed) => done({ code: null, signal: null, ms: Date.now() - started, failed }));
    child.on('exit', (code, signal) => done({ code, signal, ms: Date.now() - started }));
  });
}

const major = Number(process.versions.node.split('.')[0]);
const inProcess = process.execArgv.includes(FLAG) || process.env.MIGRATION_GUARD_IN_PROCESS === '1';
if (inProcess || major < 22) {
  if (!inProcess) setFlagsFromString(FLAG);
  await import(pathToFileURL(main).href);
} else {
  let exit = await runChild([FLAG]);
  // 9 = "bad option" from a Node that does not know the flag; main.js never exits 9.
  if (exit.code === 9 && exit.ms < 5000) exit = await runChild([]);
  if (exit.failed) {
    // Could not start a child at all: run in this process.
    await import(pathToFileURL(main).href);
  } else {
    // Killed by a signal: the shell's convention, 128 + its number.
    process.exitCode = exit.code ?? 128 + (exit.signal ? (constants.signals[exit.signal] ?? 0) : 0);
  }
}
