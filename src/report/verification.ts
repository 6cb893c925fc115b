// The verification part of the text report (up → down → up results). A basic
// rendering so `check` output is complete; the verify stage's owner refines it
// (locks, rewrites, timings) here — the text renderer only calls this function.

import type { MigrationVerification, Verification } from '../types';
import { paint } from './style';

/** Render the verification section as text. */
export function renderVerificationText(v: Verification, options: { color?: boolean } = {}): string {
  const p = paint(options.color ?? false);
  const out: string[] = [p.bold(`verify: ${v.database.kind} (PostgreSQL ${v.database.serverVersion})${v.ms !== undefined ? `, ${Math.round(v.ms)} ms` : ''}`)];
  for (const m of v.migrations) out.push(`  ${migrationLine(m, p)}`);
  return out.join('\n');
}

function migrationLine(m: MigrationVerification, p: ReturnType<typeof paint>): string {
  if (!m.up.ok) return `${p.red('✖')} ${m.id}: up failed: ${m.up.error ?? 'unknown error'}`;
  const notes: string[] = [];
  if (!m.hasDown) notes.push('no down');
  else {
    if (!m.reversible) notes.push('not reversible');
    if (!m.reapplicable) notes.push('not re-applicable');
  }
  if (m.dataCheck.failsWithData) notes.push(`fails with data: ${m.dataCheck.error ?? ''}`.trim());
  if (m.dataCheck.lost.length) notes.push(`loses data: ${m.dataCheck.lost.join('; ')}`);
  const ok = notes.length === 0 || (notes.length === 1 && notes[0] === 'no down');
  return `${ok ? p.green('✔') : p.yellow('⚠')} ${m.id}${notes.length ? `: ${notes.join(', ')}` : ''}`;
}
