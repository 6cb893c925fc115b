// Writes the README's rule catalogue (between `<!-- rules:start -->` and
// `<!-- rules:end -->`) from the rule metadata in rules/index.ts.
// `npm run gen` runs it; test/generated.test.ts fails when the README is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rules as registry } from '../rules/index';
import type { Rule } from '../src/types';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const README = join(root, 'README.md');
export const START = '<!-- rules:start -->';
export const END = '<!-- rules:end -->';

const STAGE_NOTE: Record<string, string> = {
  engine: 'raised by the lint engine',
  history: 'checked against `--base`',
  verify: 'proven by `verify`',
};

/** The generated Markdown for the rules section (without the markers). */
export function readmeRulesSection(rules: readonly Rule[] = registry): string {
  const sorted = [...rules].sort((a, b) => a.meta.id.localeCompare(b.meta.id));
  const out: string[] = [
    '<!-- Generated from rules/*.ts by scripts/gen-readme-rules.ts (npm run gen). Do not edit by hand. -->',
    '',
    `${sorted.length} rules. Severity is the default; set any rule to \`error\`, \`warning\`, \`info\` or \`off\` under \`rules:\` in \`.migration-guard.yml\`. \`migration-guard explain <rule>\` prints the same docs in the terminal.`,
    '',
    '| Rule | Severity | Default | Summary |',
    '| --- | --- | --- | --- |',
    ...sorted.map((r) => {
      const m = r.meta;
      const note = m.stage && STAGE_NOTE[m.stage] ? ` (${STAGE_NOTE[m.stage]})` : '';
      return `| [\`${m.id}\`](#${m.id}) | ${m.severity} | ${m.defaultOff ? 'off' : 'on'} | ${cell(m.summary)}${note} |`;
    }),
    '',
  ];
  for (const r of sorted) {
    const m = r.meta;
    out.push(`### ${m.id}`, '');
    out.push(`**${m.summary}** (${m.severity}${m.defaultOff ? ', off by default' : ''}${m.squawk?.length ? `; squawk: ${m.squawk.map((s) => `\`${s}\``).join(', ')}` : ''})`, '');
    out.push(m.why.trim(), '');
    out.push(`**Fix.** ${m.fix.trim()}`, '');
    if (m.examples.bad[0]) out.push('Flagged:', '', '```sql', m.examples.bad[0].trim(), '```', '');
  }
  return out.join('\n');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The README with its rules section replaced; markers appended under a `## Rules` heading if absent. */
export function withRulesSection(readme: string, section: string = readmeRulesSection()): string {
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  if (a < 0 || b < a) return `${readme.replace(/\s*$/, '\n')}\n## Rules\n\n${START}\n${section}\n${END}\n`;
  return `${readme.slice(0, a + START.length)}\n${section}\n${readme.slice(b)}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  let prev = '';
  try {
    prev = readFileSync(README, 'utf8');
  } catch {}
  const next = withRulesSection(prev);
  if (next !== prev) writeFileSync(README, next);
  console.log(`README.md rules section: ${registry.length} rules${next === prev ? ' (unchanged)' : ''}`);
}
