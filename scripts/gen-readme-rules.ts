// Writes the rule documentation from the rule metadata in rules/index.ts: one page per
// rule (docs/rules/<id>.md: what, why, fix, flagged / not flagged examples, versions,
// squawk's name) and an index (docs/rules/README.md). `npm run gen` runs it;
// test/generated.test.ts fails when a page is stale, missing or left over.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rules as registry } from '../rules/index';
import type { Rule } from '../src/lint/rule';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const RULES_DIR = join(root, 'docs', 'rules');
const GENERATED = '<!-- Generated from rules/*.ts by scripts/gen-readme-rules.ts (npm run gen). Do not edit by hand. -->';

const STAGE_NOTE: Record<string, string> = {
  engine: 'raised by the lint engine',
  history: 'checked against `--base`',
  verify: 'proven by `verify`',
};

/** Every generated file under docs/rules, by file name. */
export function ruleDocs(rules: readonly Rule[] = registry): Map<string, string> {
  const sorted = [...rules].sort((a, b) => a.meta.id.localeCompare(b.meta.id));
  const out = new Map<string, string>([['README.md', ruleIndex(sorted)]]);
  for (const r of sorted) out.set(`${r.meta.id}.md`, rulePage(r));
  return out;
}

/** The index: one row per rule, linking to its page. */
function ruleIndex(sorted: readonly Rule[]): string {
  return [
    '# Rules',
    '',
    GENERATED,
    '',
    `${sorted.length} rules. Severity is the default; set any rule to \`error\`, \`warning\`, \`info\` or \`off\` under \`rules:\` in \`.migration-guard.yml\`, or silence one statement with \`-- migration-guard-ignore <rule>: why\`. \`migration-guard explain <rule>\` prints a page in the terminal.`,
    '',
    '| Rule | Severity | Default | Summary |',
    '| --- | --- | --- | --- |',
    ...sorted.map((r) => {
      const m = r.meta;
      const note = m.stage && STAGE_NOTE[m.stage] ? ` (${STAGE_NOTE[m.stage]})` : '';
      return `| [\`${m.id}\`](${m.id}.md) | ${m.severity} | ${m.defaultOff ? 'off' : 'on'} | ${cell(m.summary)}${note} |`;
    }),
    '',
  ].join('\n');
}

/** One rule's page. */
function rulePage(r: Rule): string {
  const m = r.meta;
  const sql = (examples: string[]) => examples.flatMap((e) => ['```sql', e.trim(), '```', '']);
  const versions = m.exampleContext?.pgVersion
    ? `The examples assume PostgreSQL ${m.exampleContext.pgVersion}; the rule follows \`pgVersion\` / \`--pg-version\`.`
    : 'Every supported target (`pgVersion` 10–18).';
  return [
    `# ${m.id}`,
    '',
    GENERATED,
    '',
    `**${m.summary}**`,
    '',
    `Default severity: **${m.severity}**${m.defaultOff ? ' (off unless the config turns it on)' : ''}${m.stage && STAGE_NOTE[m.stage] ? `; ${STAGE_NOTE[m.stage]}` : ''}.`,
    '',
    '## Why',
    '',
    m.why.trim(),
    '',
    '## Fix',
    '',
    m.fix.trim(),
    '',
    ...(m.examples.bad.length ? ['## Flagged', '', ...sql(m.examples.bad)] : []),
    ...(m.examples.good.length ? ['## Not flagged', '', ...sql(m.examples.good)] : []),
    '## Postgres versions',
    '',
    versions,
    '',
    '## squawk',
    '',
    m.squawk?.length ? `squawk calls it ${m.squawk.map((s) => `\`${s}\``).join(', ')}; \`-- squawk-ignore ${m.squawk[0]}\` comments silence this rule too.` : 'No squawk rule covers this hazard.',
    '',
    `[All rules](README.md)`,
    '',
  ].join('\n');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  mkdirSync(RULES_DIR, { recursive: true });
  const docs = ruleDocs();
  let changed = 0;
  for (const [name, text] of docs) {
    const path = join(RULES_DIR, name);
    if (existsSync(path) && readFileSync(path, 'utf8') === text) continue;
    writeFileSync(path, text);
    changed++;
  }
  for (const name of readdirSync(RULES_DIR)) {
    if (!docs.has(name)) {
      rmSync(join(RULES_DIR, name));
      changed++;
    }
  }
  console.log(`docs/rules: ${registry.length} rule pages and the index${changed ? ` (${changed} written or removed)` : ' (unchanged)'}`);
}
