// Text rendering of a Verification: per migration its verdicts, a small table of
// the up's statements (start of the text, locks newly taken on existing relations,
// rewrites, ms) and the schema/data differences behind each failed verdict.
// Pure: (Verification) => string.

import type { ChainMaskedDifference, ChainVerification, MigrationVerification, StatementTrace, Verification } from '../types';
import { paint, type Paint } from './style';
import { clip } from './clip';

const SQL_WIDTH = 52;
const LOCKS_WIDTH = 44;

/** Render the verification section as text. */
export function renderVerificationText(v: Verification, options: { color?: boolean } = {}): string {
  const p = paint(options.color ?? false);
  const n = v.migrations.length;
  const mismatch = versionMismatch(v);
  const head = `verify: ${v.database.kind} (${v.database.kind.startsWith('sqlite') ? 'SQLite' : 'PostgreSQL'} ${v.database.serverVersion}), ${n} migration${n === 1 ? '' : 's'}${v.ms !== undefined ? ` in ${Math.round(v.ms)} ms` : ''}${mismatch ? `\n  ⚠ ${mismatch}` : ''}`;
  const out: string[] = [p.bold(head)];
  for (const m of v.migrations) out.push(...renderMigration(m, p));
  if (v.chain) out.push(...renderChain(v.chain, p));
  return out.join('\n');
}

/** The whole-chain rollback: one verdict line, then what broke it. */
export function chainLine(c: ChainVerification): string {
  const what = `whole-chain rollback (the ${c.size} changed migration${c.size === 1 ? '' : 's'} reverted newest first, as migrate down does)`;
  const n = c.dependsOnLater?.length ?? 0;
  const dep = n
    ? `; ${n} down${n === 1 ? '' : 's'} that fail${n === 1 ? 's' : ''} or leave${n === 1 ? 's' : ''} differences alone right after ${n === 1 ? 'its' : 'their'} own up ${n === 1 ? 'does its' : 'do their'} part in the chain (they rely on the downs after them)`
    : '';
  const ids = [...new Set((c.masked ?? []).map((x) => x.migration))];
  const noun = c.masked?.every((x) => x.owner.startsWith('schema ')) ? 'schema' : 'table';
  // A difference swept away with its table is no part of a restored schema: said in the verdict line, which the PR comment shows alone.
  const swept =
    ids.length === 1
      ? `, but a difference the down of ${ids[0]} left is only removed because an older down drops its whole ${noun} (rolling ${ids[0]} back alone keeps it)`
      : ids.length
        ? `, but differences ${ids.length} downs left are only removed because older downs drop their whole ${noun}s (rolling those back alone keeps them)`
        : '';
  if (c.ok) return `${what}: restores the schema before the first up${swept}${dep}`;
  if (c.noDown) return `${what}: stops at ${c.brokeAt}, which has no down migration (${c.reverted} down${c.reverted === 1 ? '' : 's'} ran before it)${dep}`;
  if (c.error !== undefined)
    return `${what}: the down of ${c.brokeAt} fails after ${c.reverted} later down${c.reverted === 1 ? '' : 's'} ran${c.astrayFrom ? ` (on a schema the down of ${c.astrayFrom} had left different)` : ''}${dep}`;
  return `${what}: every down runs, but the schema differs from before the first up, from the down of ${c.brokeAt} on${dep}`;
}

function renderChain(c: ChainVerification, p: Paint): string[] {
  const mark = c.ok ? (c.masked?.length ? p.yellow('⚠') : p.green('✔')) : c.noDown ? p.dim('-') : p.red('✖');
  const out = [`${mark} ${chainLine(c)}`];
  if (c.error !== undefined && !c.noDown) out.push(`    down failed in the chain:`, `      - ${c.file ? `${c.file} ` : ''}${lineOf(c.line, c.error)}`);
  if (c.schemaDiff?.length) {
    out.push(
      c.error !== undefined
        ? `    the schema that down ran on was not the one its up left (likely cause: the down of ${c.astrayFrom}):`
        : '    schema after reverting the chain differs from before its first up:',
    );
    for (const l of c.schemaDiff) out.push(`      - ${l}`);
  }
  if (c.masked?.length) {
    out.push('    not undone, only swept away with what an older down drops:');
    for (const x of c.masked) out.push(`      - ${maskedLine(x)}`);
  }
  if (c.dependsOnLater?.length) {
    const shown = c.dependsOnLater.slice(0, 8).join(', ');
    out.push(`    downs that work only in the chain: ${shown}${c.dependsOnLater.length > 8 ? `, and ${c.dependsOnLater.length - 8} more` : ''}`);
  }
  return out;
}

/** `000006's leftover index users_created_at_idx was only removed because 000001's down drops table users`. */
export function maskedLine(x: ChainMaskedDifference): string {
  const objects = x.objects.length > 4 ? `${x.objects.slice(0, 4).join(', ')} and ${x.objects.length - 4} more` : x.objects.join(', ');
  return `the difference ${x.migration}'s down left on ${objects} was only removed because ${x.by}'s down drops ${x.owner}`;
}

/** One migration: a verdict line, the statement table, then the details of what failed. */
function renderMigration(m: MigrationVerification, p: Paint): string[] {
  const out: string[] = [];
  const { mark, verdicts } = verdictsOf(m, p);
  out.push(`${mark} ${p.bold(m.id)}  ${verdicts.join(', ')}  ${p.dim(m.file)}`);
  if (m.skipped || m.internalError) return out;
  if (m.statements.length) out.push(...statementTable(m.statements, p));
  const detail = (label: string, lines: string[]) => {
    if (!lines.length) return;
    out.push(`    ${label}`);
    for (const l of lines) out.push(`      - ${l}`);
  };
  if (!m.up.ok) detail('up failed:', [lineOf(m.up.line, m.up.error)]);
  if (m.dataCheck.inconclusive) detail('data check inconclusive:', [m.dataCheck.inconclusive]);
  else if (m.dataCheck.failsWithData) detail(`up fails with ${m.dataCheck.rowsSeeded} rows in the existing tables (it applies to empty ones):`, [m.dataCheck.error ?? 'unknown error']);
  if (m.down && !m.down.ok) detail('down failed right after the up:', [lineOf(m.down.line, m.down.error)]);
  const real = m.schemaDiff.filter((l) => !l.endsWith('(order only)'));
  const order = m.schemaDiff.filter((l) => l.endsWith('(order only)'));
  detail(
    'schema after down differs from before up:',
    real.filter((l) => l.includes(' after down')),
  );
  if (m.reup && !m.reup.ok) detail('second up (after down) failed:', [lineOf(m.reup.line, m.reup.error)]);
  detail(
    'schema after the second up differs from after the first:',
    real.filter((l) => l.includes('after the second up')),
  );
  detail(
    'column order changed (not counted as a difference):',
    order.map((l) => l.replace(/ \(order only\)$/, '')),
  );
  detail('data lost by up → down:', m.dataCheck.lost);
  detail('tables this up touched that could not be filled with rows (data checks skipped for them):', m.dataCheck.unseeded ?? []);
  return out;
}

function lineOf(line: number | undefined, error: string | null): string {
  return `${line !== undefined ? `line ${line}: ` : ''}${error ?? 'unknown error'}`;
}

/** The mark and the verdict words for a migration. */
function verdictsOf(m: MigrationVerification, p: Paint): { mark: string; verdicts: string[] } {
  if (m.skipped) return { mark: p.dim('-'), verdicts: [`skipped: ${m.skipped}`] };
  if (m.internalError) return { mark: p.red('✖'), verdicts: [`verify itself failed (a bug, not a verdict): ${m.internalError}`] };
  if (!m.up.ok) return { mark: p.red('✖'), verdicts: [m.appliedOnly ? 'does not replay (unchanged history; the migrations after it ran without it)' : 'up failed'] };
  const verdicts: string[] = [];
  let bad = false;
  let warn = false;
  if (m.dataCheck.inconclusive) verdicts.push('data check inconclusive (synthetic values)');
  else if (m.dataCheck.failsWithData) {
    verdicts.push(p.red('fails with existing rows'));
    bad = true;
  }
  if (!m.hasDown) verdicts.push('no down: not reversible');
  else if (m.down && !m.down.ok) {
    verdicts.push(p.red('down failed'));
    bad = true;
  } else {
    verdicts.push(m.reversible ? p.green('reversible') : p.red('not reversible'));
    verdicts.push(m.reapplicable ? p.green('re-applicable') : p.red('not re-applicable'));
    bad ||= !m.reversible || !m.reapplicable;
  }
  if (m.dataCheck.lost.length) {
    verdicts.push(p.yellow('loses data on rollback'));
    warn = true;
  }
  if (m.statements.some((s) => s.rewrites.some((r) => !r.startsWith('index ')))) {
    verdicts.push(p.yellow('rewrites a table'));
    warn = true;
  }
  return { mark: bad ? p.red('✖') : warn ? p.yellow('⚠') : p.green('✔'), verdicts };
}

/** `users AccessExclusive, users_pkey AccessExclusive`: the strongest mode per relation. */
function locksText(s: StatementTrace): string {
  if (!s.locks.length) return s.notObserved && /lock/i.test(s.notObserved) ? 'not observed' : '-';
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const l of s.locks) {
    if (seen.has(l.relation)) continue; // locks come strongest first per relation
    seen.add(l.relation);
    parts.push(`${l.relation} ${l.mode.replace(/Lock$/, '')}`);
  }
  return parts.join(', ');
}

function statementTable(statements: StatementTrace[], p: Paint): string[] {
  const rows = statements.map((s) => ({
    line: String(s.line),
    // Whitespace collapsed: a statement's first line alone is often just `alter table x`.
    sql: clip(s.sql.replace(/\s+/g, ' ').trim() || '(whole file)', SQL_WIDTH),
    locks: clip(locksText(s), LOCKS_WIDTH),
    rewrites: s.rewrites.join(', ') || '-',
    ms: s.ms.toFixed(1),
    failed: s.error !== undefined,
  }));
  const w = {
    line: Math.max(4, ...rows.map((r) => r.line.length)),
    sql: Math.max(9, ...rows.map((r) => r.sql.length)),
    locks: Math.max(5, ...rows.map((r) => r.locks.length)),
    rewrites: Math.max(8, ...rows.map((r) => r.rewrites.length)),
  };
  const fmt = (c: { line: string; sql: string; locks: string; rewrites: string; ms: string }) =>
    `    ${c.line.padStart(w.line)}  ${c.sql.padEnd(w.sql)}  ${c.locks.padEnd(w.locks)}  ${c.rewrites.padEnd(w.rewrites)}  ${c.ms.padStart(7)}`.trimEnd();
  const out = [p.dim(fmt({ line: 'line', sql: 'statement', locks: 'locks', rewrites: 'rewrites', ms: 'ms' }))];
  for (const r of rows) out.push(r.failed ? p.red(`${fmt(r)}  ✖`) : fmt(r));
  return out;
}

/**
 * When verify ran on another Postgres major than the target (pgVersion): what that means,
 * in one sentence, for every renderer; undefined when they match or the target is unknown.
 */
export function versionMismatch(v: Pick<Verification, 'database'>): string | undefined {
  const target = v.database.targetVersion;
  const server = Number.parseInt(v.database.serverVersion, 10);
  if (!target || !Number.isFinite(server) || server === target) return undefined;
  const how = v.database.kind === 'pglite' ? " (verify.database local or container runs the target's major)" : '';
  const risk =
    server > target
      ? `a migration that applies here may use syntax or functions ${target} lacks`
      : `a migration may fail here on syntax or functions ${target} has, and pass there for reasons this server cannot show`;
  return `verified on PostgreSQL ${server}, but the target is PostgreSQL ${target}: ${risk}${how}`;
}
