#!/usr/bin/env node
// `npx migration-guard`: the bundled CLI (npm run build → build/cli.js).
//
// WASM tiering off: the Postgres parser is 1.7 MB of WASM whose biggest function
// (the grammar) V8 otherwise recompiles with its optimizing tier as soon as it is
// hot, which for a run of a second costs more than it saves (Node 24, examples/:
// 0.6 s → 0.1 s CPU and 640 → 75 MB; the whole corpus: 1.9 → 1.1 s CPU). The flags
// are set here, at run time, before the parser's WASM is compiled. Node 20 takes
// --liftoff-only. Node 24 ignores a run-time --liftoff-only or --no-wasm-tier-up
// alone, but honours --no-wasm-tier-up together with --no-wasm-dynamic-tiering
// (the same baseline-only code); that saves the child Node this file used to
// start with --liftoff-only (~30 ms of CPU per run, a fifth of a small lint).
import module from 'node:module';
import { setFlagsFromString } from 'node:v8';

// Node >= 22.1: V8's compiled code for the bundle is kept on disk (Node's default place,
// os.tmpdir()/node-compile-cache; NODE_COMPILE_CACHE and NODE_DISABLE_COMPILE_CACHE apply):
// ~8 ms less CPU per run once cached, ~1 ms more on the run that writes it. Failing to cache is harmless.
try {
  module.enableCompileCache?.();
} catch {}

const major = Number(process.versions.node.split('.')[0]);
for (const flag of major < 22 ? ['--liftoff-only'] : ['--no-wasm-tier-up', '--no-wasm-dynamic-tiering']) setFlagsFromString(flag);
const { runMain } = await import('../build/cli.js');
await runMain();
