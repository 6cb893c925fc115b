#!/usr/bin/env node
// `npx migration-guard`: the bundled CLI (npm run build → build/cli.js).
//
// V8's --liftoff-only: the Postgres parser is 1.7 MB of WASM whose biggest function
// (the grammar) V8 otherwise recompiles with its optimizing tier as soon as it is
// hot, which for a run of a second costs more than it saves (Node 24, examples/:
// 0.8 s → 0.13 s CPU and 640 → 75 MB; the whole corpus: 1.9 → 1.1 s CPU). Node 20
// takes the flag at run time. Node 24 ignores a run-time change of WASM tiering, so
// there the CLI runs in a child Node started with the flag (as the Action does, see
// src/github/launcher.ts); MIGRATION_GUARD_IN_PROCESS=1 keeps it in this process.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';

const FLAG = '--liftoff-only';
const major = Number(process.versions.node.split('.')[0]);
const inProcess = process.execArgv.includes(FLAG) || process.env.MIGRATION_GUARD_IN_PROCESS === '1';

if (inProcess || major < 22) {
  if (!inProcess) setFlagsFromString(FLAG); // before the parser's WASM is compiled
  // Started by the parent below: if it dies (even kill -9), stop as if sent SIGTERM (cleanups run)
  // as soon as the event loop is free (a synchronous lint finishes first).
  if (process.channel) {
    process.channel.unref();
    process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  }
  const { runMain } = await import('../build/cli.js');
  await runMain();
} else {
  const code = await child([FLAG]);
  // A V8 without the flag makes Node exit 9 at once: run without it then.
  process.exitCode = code === 9 ? await child([]) : code;
}

/**
 * Runs this file again in a child Node with `flags`; resolves with its exit code.
 * The child shares stdio but has its own process group, so a Ctrl-C (sent to the
 * terminal's foreground group) reaches it once, forwarded from here, not twice (a
 * second SIGINT means "stop now" to verify's cleanup). An IPC channel tells it
 * when this process dies.
 */
function child(flags) {
  const proc = spawn(process.execPath, [...flags, ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    detached: true,
    env: { ...process.env, MIGRATION_GUARD_IN_PROCESS: '1' },
  });
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const forward = (signal) => proc.kill(signal);
  for (const s of signals) process.on(s, forward);
  return new Promise((resolve) => {
    proc.on('error', (err) => {
      process.stderr.write(`migration-guard: could not start ${process.execPath}: ${err.message}\n`);
      resolve(2);
    });
    proc.on('exit', (code, signal) => {
      for (const s of signals) process.off(s, forward);
      resolve(code ?? 128 + (constants.signals[signal] ?? 0)); // killed by a signal: the shell's convention
    });
  });
}
