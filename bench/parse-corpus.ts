// Parses and lints every .sql file under ../shared/corpus and prints throughput and
// what the parser made of them (statements, embedded statements, problems by kind).
// Usage: node --import tsx bench/parse-corpus.ts [dir] [--show KIND]
import { readFileSync } from 'node:fs';
import { initParser, parseSql } from '../src/sql/parse';
import { lintSource } from '../src/lint/engine';
import { rules } from '../rules/index';
import { sqlFilesUnder } from '../test/sql-files';

const dir = process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : '../shared/corpus';
const show = process.argv.includes('--show') ? process.argv[process.argv.indexOf('--show') + 1] : undefined;
const files = sqlFilesUnder(dir);
await initParser();
const sources = files.map((file) => ({ file, text: readFileSync(file, 'utf8'), firstLine: 1 }));
const bytes = sources.reduce((n, s) => n + Buffer.byteLength(s.text), 0);

let t = performance.now();
let statements = 0;
let embedded = 0;
const problems = new Map<string, number>();
let slowest = { file: '', ms: 0 };
for (const s of sources) {
  const t0 = performance.now();
  const r = parseSql(s);
  const ms = performance.now() - t0;
  if (ms > slowest.ms) slowest = { file: s.file, ms };
  statements += r.statements.length;
  embedded += r.statements.filter((x) => x.embedded).length;
  for (const p of r.problems) {
    problems.set(p.kind, (problems.get(p.kind) ?? 0) + 1);
    if (p.kind === show) console.log(`${p.file}:${p.range.line}:${p.range.column} ${p.message}`);
  }
}
const parseMs = performance.now() - t;
console.log(
  `${files.length} files, ${(bytes / 1e6).toFixed(2)} MB: parsed ${statements} statements (${embedded} embedded) in ${parseMs.toFixed(0)} ms = ${Math.round((statements / parseMs) * 1000)} statements/s; slowest file ${slowest.file} ${slowest.ms.toFixed(0)} ms`,
);
console.log('problems:', Object.fromEntries(problems));

const enabled = rules.map((rule) => ({ rule, severity: rule.meta.severity }));
t = performance.now();
const byRule = new Map<string, number>();
for (const s of sources) {
  for (const f of lintSource({ source: s, transactional: false }, enabled, rules)) {
    byRule.set(f.rule, (byRule.get(f.rule) ?? 0) + 1);
    if (f.rule === show) console.log(`${f.file}:${f.line}:${f.column} ${f.message}`);
  }
}
console.log(`linted with ${enabled.length} rules in ${(performance.now() - t).toFixed(0)} ms`);
console.log('findings:', Object.fromEntries([...byRule].sort((a, b) => b[1] - a[1])));
