// Wall time of `check` on each framework fixture (test/fixtures/frameworks/<name>), split into
// the database start, the framework's own commands (migrate, one rollback per migration,
// migrate again; the fastest command is about the framework's start-up) and the verify cycles.
//
//   npx tsx bench/frameworks.ts [--database local|container] [--only alembic,knex]
//
// squawk has no counterpart here (it reads SQL files, not framework migrations), so there
// is no ratio to report; the comparable number is the SQL-file check in bench/verify.ts.

import { join } from 'node:path';
import { defaultConfig } from '../src/config';
import { discoverFramework, startFrameworkDatabase } from '../src/frameworks/discover';
import { FRAMEWORKS } from '../src/frameworks/index';
import type { FrameworkName } from '../src/frameworks/types';
import { run } from '../src/run';
import { initParser } from '../src/sql/parse';

const flag = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const database = flag('--database', 'local') as 'local' | 'container';
const only = flag('--only', '').split(',').filter(Boolean);
const ROOT = join(import.meta.dirname, '../test/fixtures/frameworks');
// Debian's python3 and ruby first (the python3 on PATH may lack Debian's modules).
const env = { PATH: `/usr/bin:/bin:${process.env.PATH}` };
const names = (only.length ? only : ['alembic', 'django', 'rails', 'knex', 'typeorm', 'sequelize', 'node-pg-migrate']) as FrameworkName[];

await initParser();
const rows: string[] = [];
for (const name of names) {
  const config = { ...defaultConfig(ROOT), framework: { name, env } };
  config.verify = { ...config.verify, database };
  // 1. the server alone
  let t = performance.now();
  const db = await startFrameworkDatabase(config, () => {});
  const startMs = performance.now() - t;
  // 2. the framework's commands (what check runs before verify)
  t = performance.now();
  let commands;
  try {
    commands = (await discoverFramework(join(ROOT, name), name, FRAMEWORKS[name], config, { db, cwd: ROOT, rollBack: true, log: () => {} })).commands ?? [];
  } finally {
    await db.stop();
  }
  const captureMs = performance.now() - t;
  // 3. the whole check, as the CLI runs it; its verify part from the report
  t = performance.now();
  const report = await run({ command: 'check', paths: [join(ROOT, name)], overrides: { framework: { name, env }, verify: { database } } });
  const checkMs = performance.now() - t;
  const verifyMs = report.verification?.ms ?? 0;
  const fastest = Math.min(...commands.map((c) => c.ms));
  rows.push(`| ${name} | ${ms(startMs)} | ${commands.length} | ${ms(captureMs)} | ${ms(fastest)} | ${ms(verifyMs)} | ${ms(checkMs)} | ${report.summary.errors}/${report.summary.warnings} |`);
  console.error(`${name}: done`);
}
console.log(`check on the framework fixtures (${database}), ${new Date().toISOString().slice(0, 10)}, ${process.version}\n`);
console.log('| framework | database start | commands | commands total | fastest command (≈ start-up) | verify cycles | whole check | errors/warnings |');
console.log('|---|---|---|---|---|---|---|---|');
for (const r of rows) console.log(r);

function ms(n: number): string {
  return n >= 1000 ? `${(n / 1000).toFixed(1)} s` : `${Math.round(n)} ms`;
}
