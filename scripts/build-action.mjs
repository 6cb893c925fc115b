#!/usr/bin/env node
// Builds the GitHub Action bundle: dist/main.js (src/action.ts and every
// dependency, ESM; what it imports lazily in dist/chunk-*.js), dist/index.js (a launcher for it) and the
// files it loads at run time, so the Action runs from a checkout with no node_modules. `npm run build:action`; `--outdir DIR`
// builds elsewhere (the staleness test compares that with the committed dist/).
//
// Run-time assets and how each package finds them:
// - libpg-query (bundled, its CJS build): Emscripten loads `libpg-query.wasm`
//   from `__dirname + "/"`; the banner defines __dirname as dist/ (main.js's
//   folder), and the file is copied there.
// - PGlite (kept external): it finds pglite.wasm, pglite.data, initdb.wasm and the
//   extension tarballs with `new URL("./x", import.meta.url)` relative to its own
//   chunks, and the pglite provider resolves the package by name at run time to
//   start it in a worker. So its ESM files ship unchanged under
//   dist/node_modules/@electric-sql/pglite, where Node's resolution from
//   dist/main.js finds them.
// - node-sqlite3-wasm (bundled): the same as libpg-query, its `node-sqlite3-wasm.wasm`
//   copied beside main.js. On the Action's Node 24, SQLite verify uses node:sqlite instead.
// - testcontainers, pg, @actions/*: plain JS, bundled (ssh2's optional native
//   add-ons stay external; it falls back to pure JS without them).

import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outdirArg = args.includes('--outdir') ? args[args.indexOf('--outdir') + 1] : undefined;
const outdir = resolve(outdirArg ?? join(root, 'dist'));

// A clean output, so a file dropped from the build does not linger in dist/.
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });

const banner = [
  '// migration-guard GitHub Action, bundled by scripts/build-action.mjs. Do not edit: run `npm run build:action`.',
  "import { createRequire as __mgCreateRequire } from 'node:module';",
  "import { fileURLToPath as __mgFileURLToPath } from 'node:url';",
  "import { dirname as __mgDirname } from 'node:path';",
  'const require = __mgCreateRequire(import.meta.url);',
  'const __filename = __mgFileURLToPath(import.meta.url);',
  'const __dirname = __mgDirname(__filename);',
].join('\n');

// dist/index.js is the launcher (node builtins only): it runs dist/main.js in a
// child Node with --liftoff-only (see src/github/launcher.ts for why and the numbers).
await build({
  absWorkingDir: root,
  entryPoints: ['src/github/launcher.ts'],
  outfile: join(outdir, 'index.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  banner: { js: '// migration-guard GitHub Action launcher, bundled by scripts/build-action.mjs. Do not edit: run `npm run build:action`.' },
  logLevel: 'warning',
});

await build({
  absWorkingDir: root,
  entryPoints: { main: 'src/action.ts' },
  outdir,
  // Dynamic imports become chunks beside main.js, loaded when a run needs them: the SQLite
  // dialect (sql-parser-cst, 3.6 MB), the verify providers, the stats. A Postgres lint parses
  // none of it at start-up. Chunks sit in dist/ itself, where __dirname-relative assets are.
  splitting: true,
  chunkNames: 'chunk-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  mainFields: ['main', 'module'],
  external: ['@electric-sql/pglite', '@electric-sql/pglite/*', 'cpu-features', '*.node'],
  banner: { js: banner },
  legalComments: 'eof',
  logLevel: 'warning',
});

// An ESM bundle named .js needs "type": "module" beside it (the Action's folder has no package.json of ours).
writeFileSync(join(outdir, 'package.json'), JSON.stringify({ type: 'module', private: true }, null, 2) + '\n');

copyFileSync(join(root, 'node_modules/libpg-query/wasm/libpg-query.wasm'), join(outdir, 'libpg-query.wasm'));
// node-sqlite3-wasm (bundled; SQLite verify where Node has no node:sqlite) loads its WASM from `__dirname + "/"` too.
copyFileSync(join(root, 'node_modules/node-sqlite3-wasm/dist/node-sqlite3-wasm.wasm'), join(outdir, 'node-sqlite3-wasm.wasm'));

// PGlite's run-time files, unchanged, where `import("@electric-sql/pglite")` from dist/main.js finds them.
const pgliteSrc = join(root, 'node_modules/@electric-sql/pglite');
const pgliteDst = join(outdir, 'node_modules/@electric-sql/pglite');
const keep = (rel) =>
  rel === 'package.json' ||
  rel === 'LICENSE' ||
  rel === 'dist/index.cjs' || // only so require.resolve (version lookup) succeeds
  (rel.startsWith('dist/') && /\.(js|wasm|data|tar\.gz)$/.test(rel));
for (const rel of walk(pgliteSrc).filter(keep)) {
  mkdirSync(dirname(join(pgliteDst, rel)), { recursive: true });
  copyFileSync(join(pgliteSrc, rel), join(pgliteDst, rel));
}

// Guard: every `new URL("./x", import.meta.url)` the bundle itself makes must point at a shipped file.
const bundle = readdirSync(outdir)
  .filter((f) => f.endsWith('.js'))
  .map((f) => readFileSync(join(outdir, f), 'utf8'))
  .join('\n');
for (const m of bundle.matchAll(/new URL\(\s*["'`](\.{1,2}\/[^"'`]+)["'`]\s*,\s*import\.meta\.url\s*\)/g)) {
  if (!existsSync(join(outdir, m[1]))) {
    console.error(`build-action: the bundle loads ${m[1]} relative to dist/main.js, but it is not in ${relative(root, outdir)}/`);
    process.exit(1);
  }
}

const size = (p) => statSync(p).size;
const total = walk(outdir).reduce((n, rel) => n + size(join(outdir, rel)), 0);
console.log(`build-action: ${relative(root, outdir) || outdir}/main.js ${(size(join(outdir, 'main.js')) / 1e6).toFixed(2)} MB; with assets ${(total / 1e6).toFixed(1)} MB`);

/** Files under `dir`, relative, sorted (deterministic output). */
function walk(dir, prefix = '') {
  const out = [];
  for (const name of readdirSync(join(dir, prefix)).sort()) {
    const rel = prefix ? `${prefix}/${name}` : name;
    if (statSync(join(dir, rel)).isDirectory()) out.push(...walk(dir, rel));
    else out.push(rel);
  }
  return out;
}
