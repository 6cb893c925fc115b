// History checks that need no git: two migrations sharing a version, and a
// migration without a down where the set uses downs. Pure functions over Migration[].
import type { Finding, Migration } from '../types';
import type { Layout } from './layout';
import { finding } from '../report/finding';
import type { RuleId } from '../../rules/index';

/** A finding at the first line of the migration's up. */
function findingAt(m: Migration, rule: RuleId, message: string): Finding {
  return finding(rule, { file: m.up.file, line: m.up.firstLine, migration: m.id }, message);
}

/** Groups migrations by project (undefined = the single set). */
function byProject(migrations: readonly Migration[]): Migration[][] {
  const groups = new Map<string, Migration[]>();
  for (const m of migrations) groups.set(m.project ?? '', [...(groups.get(m.project ?? '') ?? []), m]);
  return [...groups.values()];
}

/** `duplicate-migration-version`: each migration whose version another one in its project shares. */
export function duplicateVersionFindings(migrations: readonly Migration[], layout: Layout): Finding[] {
  // Sqitch numbers plan entries itself; Flyway repeatables have no version.
  if (layout.name === 'sqitch') return [];
  const out: Finding[] = [];
  for (const group of byProject(migrations)) {
    const byVersion = new Map<string, Migration[]>();
    for (const m of group) if (m.version) byVersion.set(normalVersion(m), [...(byVersion.get(normalVersion(m)) ?? []), m]);
    for (const same of byVersion.values()) {
      if (same.length < 2) continue;
      for (const m of same) {
        const others = same.filter((o) => o !== m).map((o) => o.id);
        out.push(
          findingAt(
            m,
            'duplicate-migration-version',
            `Migration ${m.id} has version ${m.version}, like ${others.join(', ')}: ${layout.name} identifies migrations by version, so only one of them will ever be applied (or the tool refuses to run).`,
          ),
        );
      }
    }
  }
  return out;
}

/** Versions equal for the tool: numeric versions ignore leading zeros (golang-migrate parses them as numbers). */
function normalVersion(m: Migration): string {
  return /^\d+$/.test(m.version) ? m.version.replace(/^0+(?=\d)/, '') : m.version;
}

/** `missing-down`: migrations with no down in a project where other migrations have one (never for up-only layouts). */
export function missingDownFindings(migrations: readonly Migration[], layout: Layout): Finding[] {
  if (!layout.supportsDown) return [];
  const out: Finding[] = [];
  for (const group of byProject(migrations)) {
    if (!group.some((m) => m.down)) continue; // an up-only set: downs are not used here
    for (const m of group) {
      if (m.down || m.notRunnable) continue; // a Go migration has its down in Go: unverifiable-migration says enough
      out.push(
        findingAt(m, 'missing-down', `Migration ${m.id} has no down migration (${expectedDown(m)}), while the other migrations in this folder have one: it cannot be rolled back with ${layout.name}.`),
      );
    }
  }
  return out;
}

function expectedDown(m: Migration): string {
  switch (m.layout) {
    case 'golang-migrate':
      return `expected ${m.up.file.replace(/\.up\.sql$/, '.down.sql')}`;
    case 'diesel':
      return `expected ${m.up.file.replace(/up\.sql$/, 'down.sql')}`;
    case 'goose':
      return 'no "-- +goose Down" section';
    case 'dbmate':
      return 'no "-- migrate:down" section';
    case 'node-pg-migrate':
      return 'no "-- Down Migration" section';
    case 'flyway':
      return `expected an undo script U${m.version}__${m.name}.sql`;
    case 'sqitch':
      return 'no revert script';
    default:
      return 'none found';
  }
}

/**
 * `down-without-up`: a down file whose migration has no up file. `why` says what
 * the tool does with it (golang-migrate records the version with nothing applied;
 * Diesel refuses the whole folder).
 */
export function downWithoutUpFinding(shownDown: string, expectedUp: string, why: string, migration: string): Finding {
  return finding('down-without-up', { file: shownDown, migration }, `${shownDown} is a down migration with no up (expected ${expectedUp}): ${why}`);
}
