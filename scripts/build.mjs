// npm run build: bundles src/cli.ts (with rules/ and every src module) into one
// ESM file, build/cli.js, that bin/migration-guard.js imports. npm dependencies
// stay external (installed alongside by npm), so libpg-query finds its WASM;
// except `yaml`, bundled: loading its ~60 CommonJS files through the ESM loader
// cost ~20 ms of CPU at every start (examples/: 0.19 → 0.17 s CPU per run).
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Bare imports stay external (npm installs them next to the bundle), except yaml. */
const externalExceptYaml = {
  name: 'external-except-yaml',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path === 'yaml' || args.path.startsWith('yaml/') ? undefined : { path: args.path, external: true }));
  },
};

/** Bundle the CLI into build/cli.js (+ build/chunks/, loaded on demand). */
export async function buildCli() {
  const t0 = Date.now();
  rmSync(join(root, 'build'), { recursive: true, force: true }); // no stale chunks
  await build({
    absWorkingDir: root,
    entryPoints: ['src/cli.ts'],
    outdir: 'build',
    // verify's code (and its `pg` import) goes to a chunk that only verify/check load.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    plugins: [externalExceptYaml],
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
    // yaml's CommonJS code requires Node built-ins ('process'): give the ESM bundle a real require for them.
    banner: {
      js: `// migration-guard ${pkg.version}, bundled by scripts/build.mjs; source: src/cli.ts\nimport { createRequire as __mgCreateRequire } from 'node:module';\nconst require = __mgCreateRequire(import.meta.url);`,
    },
  });
  console.error(`build/cli.js built in ${Date.now() - t0} ms`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildCli();
