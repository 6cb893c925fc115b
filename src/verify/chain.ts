// Whole-chain rollback: after the forward pass, revert the changed migrations newest
// first, as `migrate down` of the deploy would, and compare the schema after each
// down with the schema before that migration's up (the snapshot A its cycle took).
//
// Why besides the per-migration cycle: some projects write downs that only work as a
// chain (kratos: each down undoes its neighbour's up), so every single-step cycle
// fails while rolling the whole deploy back works; and a set of individually
// correct downs can still fail together (a down that meets rows seeded into tables
// later migrations created). The two verdicts answer different questions: "can this
// migration be rolled back on its own" and "can this deploy be rolled back".
//
// Which migrations: the trailing run of changed migrations that were applied (with
// --base, the ones the pull request adds; without it, all). An unchanged migration
// after a changed one ends the run: a rollback of the deploy stops at history.
// A missing down file stops the chain there (the framework has nothing to run); an
// empty down file is a step that does nothing, as the frameworks run it.
//
// Everything runs in one transaction that is rolled back; the database is not used
// afterwards. Each down runs as its cycle ran it (as written when the framework wraps
// it in a transaction, otherwise with CONCURRENTLY removed).
//
// Masking: a difference that disappears only because an older down drops whole what
// holds it (the index a down forgot, gone when the first migration's down drops its
// table) is not undone: rolling back only the newer deploy keeps it. It counts as undone
// only when what holds it survives that step, or was itself a difference at the step
// before (kratos: down N drops the table up N+1 created, with its indexes and columns,
// or renames back the table up N+1 renamed). Masked ones are reported (`masked`).

import type { ChainMaskedDifference, ChainVerification, Migration, MigrationVerification } from '../types';
import { discardStalePlans, downInOneTransaction, hasDown, unitsOf } from './cycle';
import type { CycleState } from './cycle-state';
import { outcome, runInTransaction, setTimeoutMs } from './executor';
import { diffSnapshots, ownerOf, tableColumns, takeSnapshot, type SchemaDifference, type Snapshot } from './snapshot';

/** The migrations the chain reverts, oldest first: the trailing changed ones the forward pass applied. */
export function chainMigrations(state: CycleState): Migration[] {
  const out: Migration[] = [];
  for (let i = state.applied.length - 1; i >= 0; i--) {
    const m = state.applied[i];
    if (!m.changed) break;
    out.unshift(m);
  }
  return out;
}

/**
 * Revert the chain on the database as the forward pass left it. Undefined when there is
 * nothing to check: no changed migration applied, none of them has a down file, or the
 * forward pass ended in a state that cannot be trusted (verify failed, the database stopped).
 */
export async function verifyChain(state: CycleState, verified: MigrationVerification[]): Promise<ChainVerification | undefined> {
  const { db, options } = state;
  const chain = chainMigrations(state);
  if (!chain.length || !chain.some((m) => m.down) || state.internalError) return undefined;
  if (
    !(await db.query('SELECT 1').then(
      () => true,
      () => false,
    ))
  )
    return undefined; // PGlite stopped by a timeout
  const result: ChainVerification = { ok: false, size: chain.length, reverted: 0 };
  await discardStalePlans(state);
  await setTimeoutMs(db, options.statementTimeoutMs);
  await db.exec('BEGIN');
  // Per object key: the step (index, newest first) since which it has differed without a break.
  // A difference left at the end is blamed on the down where it started, so overlapping
  // detours (kratos's offset downs) do not hide where a lasting one came from.
  let since = new Map<string, number>();
  let lastDiff: SchemaDifference[] = [];
  let compared = -1;
  // The expected and actual snapshots of the last compared step.
  let prev: { before: Snapshot; now: Snapshot } | undefined;
  const masked: ChainMaskedDifference[] = [];
  const reverse = [...chain].reverse();
  try {
    for (const [i, m] of reverse.entries()) {
      if (!m.down) {
        result.brokeAt = m.id;
        result.error = `${m.id} has no down migration: the chain cannot be reverted past it`;
        result.noDown = true;
        return finish(new Set());
      }
      if (hasDown(m)) {
        const units = unitsOf(m, 'down').units;
        const run = await state.timed('chain', () => runInTransaction(db, units, options.statementTimeoutMs, undefined, downInOneTransaction(m, units)));
        if (!run.ok) {
          const o = outcome(run);
          result.brokeAt = m.id;
          result.error = o.error ?? 'unknown error';
          result.file = o.file ?? m.down.file;
          if (o.line !== undefined) result.line = o.line;
          const blamed = new Set([m.id, ...[...since.values()].map((j) => reverse[j].id)]);
          if (lastDiff.length) {
            // It ran on a schema a newer down had already left different: likely the cause. The
            // differences about objects the error names come first and pick the down to name.
            const named = lastDiff.filter((d) => mentions(result.error!, d.key));
            const first = named.length ? named : lastDiff;
            result.astrayFrom = reverse[Math.min(...first.map((d) => since.get(d.key)!))].id;
            result.schemaDiff = [...named, ...lastDiff.filter((d) => !named.includes(d))].map((d) => d.line);
          }
          return finish(blamed);
        }
      }
      result.reverted++;
      const before = state.before.get(m);
      if (!before) continue; // not snapshotted (cannot happen for a cycled migration with a down file); judged at a later step
      const now = await state.timed('chain', () => takeSnapshot(db));
      const diff = diffSnapshots(before, now, { before: `before the up of ${m.id}`, after: 'after reverting the chain' }).filter((d) => !d.orderOnly);
      if (prev) {
        const left = new Set(diff.map((d) => d.key));
        for (const key of new Set(lastDiff.map((d) => d.key))) {
          if (left.has(key)) continue;
          const owner = sweptWith(key, prev.before, prev.now, now);
          if (owner) note(reverse[since.get(key)!].id, m.id, owner, key);
        }
      }
      lastDiff = diff;
      since = new Map(lastDiff.map((d) => [d.key, since.get(d.key) ?? i]));
      prev = { before, now };
      compared = i;
    }
    result.ok = lastDiff.length === 0 && compared === reverse.length - 1;
    const blamed = new Set<string>();
    if (!result.ok) {
      const starts = [...since.values()];
      const first = starts.length ? Math.min(...starts) : reverse.length - 1;
      for (const i of starts) blamed.add(reverse[i].id);
      result.brokeAt = reverse[first].id;
      result.schemaDiff = lastDiff.map((d) => d.line);
    }
    return finish(blamed);
  } finally {
    await db.exec('ROLLBACK').catch(() => {});
  }

  /** Record that `object`, left different by `migration`'s down, went with `owner` when `by`'s down dropped it. */
  function note(migration: string, by: string, owner: string, object: string) {
    const same = masked.find((x) => x.migration === migration && x.by === by && x.owner === owner);
    if (same) same.objects.push(object);
    else masked.push({ migration, by, owner, objects: [object] });
  }

  /** `blamed`: migrations whose down started a difference the chain ends with, or failed. */
  function finish(blamed: Set<string>): ChainVerification {
    // A down whose differences were only swept away did not do its part.
    if (masked.length) {
      result.masked = masked;
      for (const x of masked) blamed.add(x.migration);
    }
    // Changed migrations whose own cycle failed its down while the chain went through them
    // without leaving anything wrong: their downs rely on the later ones.
    const byId = new Map(verified.map((v) => [v.id, v]));
    const through = reverse.slice(0, result.reverted).filter((m) => !blamed.has(m.id) && singleStepBroken(byId.get(m.id)));
    if (through.length) result.dependsOnLater = through.map((m) => m.id);
    return result;
  }
}

/**
 * What `key`'s object went with when it disappeared: the outermost object holding it that
 * the previous step had as expected (in both `expected` and `previous`) and the database
 * no longer has (`now`). Undefined when what holds it survives, or was itself a difference
 * (an extra table, one renamed away: its own disappearance is judged on its own).
 */
function sweptWith(key: string, expected: Snapshot, previous: Snapshot, now: Snapshot): string | undefined {
  let found: string | undefined;
  const seen = new Set<string>();
  for (let owner = ownerOf(key, previous, expected); owner && !seen.has(owner); owner = ownerOf(owner, previous, expected)) {
    seen.add(owner);
    if (!expected.has(owner) || !previous.has(owner) || now.has(owner) || renamed(owner, previous, now)) break;
    found = owner;
  }
  return found;
}

/**
 * Whether `key`'s object is likely still there under another name: a schema or relation of
 * the same kind appeared (for tables: with the same columns). A rename takes what it holds
 * along, so what differed there was not swept away.
 */
function renamed(key: string, previous: Snapshot, now: Snapshot): boolean {
  const kind = key.startsWith('schema ') ? 'schema' : ['table', 'partitioned table', 'foreign table', 'view', 'materialized view'].find((k) => key.startsWith(`${k} `));
  if (!kind) return false;
  const fresh = [...now.keys()].filter((k) => k.startsWith(`${kind} `) && !k.slice(kind.length + 1).includes(' ') && !previous.has(k));
  if (kind === 'schema' || !fresh.length) return fresh.length > 0;
  const cols = (snap: Snapshot, name: string) => (tableColumns(snap).get(name) ?? []).slice().sort().join('\u0000');
  const mine = cols(previous, key.slice(kind.length + 1));
  return fresh.some((k) => cols(now, k.slice(kind.length + 1)) === mine);
}

/** Words of snapshot keys that are not object names. */
const KEY_WORDS = new Set([
  'schema',
  'table',
  'partitioned',
  'foreign',
  'column',
  'constraint',
  'index',
  'sequence',
  'view',
  'materialized',
  'function',
  'procedure',
  'aggregate',
  'trigger',
  'enum',
  'domain',
  'range',
  'type',
  'extension',
  'policy',
  'comment',
  'grant',
  'revoked',
  'default',
  'privileges',
  'rule',
  'publication',
  'event',
  'public',
  'for',
  'from',
  'with',
  'text',
  'integer',
  'bigint',
  'boolean',
  'character',
  'varying',
  'timestamp',
  'without',
  'time',
  'zone',
  'select',
  'insert',
  'update',
  'delete',
  'usage',
  'execute',
  'create',
  'references',
  'truncate',
]);

/** Whether a Postgres error message names an object of a snapshot key (`table v1_lookup` and `table "v1_lookup" does not exist`). */
function mentions(error: string, key: string): boolean {
  const words = key.split(/[^A-Za-z0-9_$]+/).filter((w) => w.length >= 3 && !KEY_WORDS.has(w.toLowerCase()));
  return words.some((w) => new RegExp(`(^|[^A-Za-z0-9_$])${w.replace(/\$/g, '\\$')}([^A-Za-z0-9_$]|$)`).test(error));
}

/** The migration's own cycle found its down failing or not restoring the schema. */
export function singleStepBroken(v: MigrationVerification | undefined): boolean {
  return !!v && v.up.ok && !v.skipped && !!v.down && (!v.down.ok || !v.reversible);
}
