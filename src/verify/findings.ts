// Verification → Finding[], so annotations, the PR comment, SARIF and --fail-on
// treat proven failures like lint findings. Each finding sits at the migration's
// file and, where known, the line of the statement that failed or did the damage.
// Severity and help come from the rules' registry entries (rules/<id>.ts, stage
// 'verify') through finding(); users override severities like any rule.

import type { ChainVerification, Finding, Migration, MigrationVerification, StatementTrace, Verification } from '../types';
import { finding } from '../report/finding';
import type { RuleId } from '../../rules/index';

/** A finding of a verify rule at the start of `line`. */
function at(file: string, line: number, rule: RuleId, message: string, migration: string | undefined): Finding {
  return finding(rule, { file, line, migration }, message);
}

/** The migration (of those that did not replay) whose SQL names an object the up's error quotes: the likely cause of the failure. */
export function historyCause(v: Pick<MigrationVerification, 'up'>, notReplayed: readonly Migration[]): Migration | undefined {
  const names = namesIn(v.up.error ?? '');
  return names.length ? notReplayed.find((x) => !x.notRunnable && names.some((n) => mentionsName(sourcesOf(x), n))) : undefined;
}

/** Names a Postgres error quotes (`relation "auth.users" does not exist` → auth.users, users). */
function namesIn(error: string): string[] {
  return [...error.matchAll(/"([^"]+)"/g)].flatMap((m) => [m[1], m[1].split('.').pop()!]);
}

/** The SQL of a migration's up files. */
function sourcesOf(m: Migration): string {
  return [m.up, ...(m.extraUp ?? [])].map((s) => s.text).join('\n');
}

/** Whether `sql` mentions `name` as a whole identifier (any case). */
function mentionsName(sql: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\w$])"?${escaped}"?($|[^\\w$])`, 'i').test(sql);
}

function listed(lines: string[], max = 5): string {
  const shown = lines.slice(0, max).join('; ');
  return lines.length > max ? `${shown}; and ${lines.length - max} more` : shown;
}

/**
 * Whether a failure with rows present depends on what the rows hold, which verify
 * made up: a constraint or unique index added (or validated) over existing rows,
 * SET NOT NULL on a column the synthetic rows left NULL, a cast or parse of
 * synthetic text (`invalid input syntax`). A question about the real data, not a
 * proof. Structural failures (a NOT NULL column added without a default, a data
 * change that breaks a constraint whatever the values) stay failing-with-existing-rows.
 */
export function rejectsRows(sql: string, error: string): boolean {
  if (/invalid input syntax/i.test(error)) return true;
  if (/contains null values/i.test(error)) return /set\s+not\s+null/i.test(sql) && !/add\s+(column\s+)?[\s\S]*not\s+null/i.test(sql.replace(/set\s+not\s+null/gi, ''));
  const adds = /^\s*(alter\s+table\b[\s\S]*\b(add|validate)\b|create\s+unique\s+index\b)/i.test(sql);
  return adds && /violates foreign key constraint|is violated by some row|could not create unique index|violates check constraint/i.test(error);
}

/** The first traced statement that locked or rewrote `table`. */
function statementTouching(statements: StatementTrace[], table: string): StatementTrace | undefined {
  return statements.find((s) => s.rewrites.includes(table) || s.locks.some((l) => l.relation === table));
}

/** Findings for one migration's verification. */
export function migrationFindings(v: MigrationVerification, m: Migration | undefined, byId: ReadonlyMap<string, Migration> = new Map()): Finding[] {
  if (v.skipped) return [];
  const out: Finding[] = [];
  if (v.internalError) {
    out.push(
      at(
        m?.up.file ?? v.file,
        m?.up.firstLine ?? 1,
        'internal-error',
        `migration-guard's verify failed on this migration (a bug, not a verdict on the migration): ${v.internalError}. Later migrations of this set were not verified.`,
        v.id,
      ),
    );
    return out;
  }
  const upFile = m?.up.file ?? v.file;
  const upLine = m?.up.firstLine ?? 1;
  const downFile = m?.down?.file ?? v.file;
  const downLine = m?.down?.firstLine ?? 1;
  if (!v.up.ok) {
    const missing = (v.notRunBefore ?? []).map((id) => byId.get(id)).filter((x): x is Migration => !!x);
    const goCode = missing.filter((x) => x.notRunnable).map((x) => x.id);
    const notReplayed = missing.filter((x) => !x.notRunnable);
    const notRun = goCode.length
      ? ` Verify could not run ${goCode.join(', ')} before it (not SQL: see unverifiable-migration): the failure may come from what ${goCode.length > 1 ? 'they do' : 'it does'}, not from this migration.`
      : '';
    if (v.appliedOnly) {
      out.push(
        at(
          v.up.file ?? upFile,
          v.up.line ?? upLine,
          'history-not-replaying',
          `Could not verify with the full history: this unchanged migration does not replay on the throwaway database (${v.up.error}). The changed migrations after it were verified on a database without its changes.${notRun}`,
          v.id,
        ),
      );
      return out;
    }
    // Fails on an object only history that did not replay would have made: not this migration's fault.
    const cause = historyCause(v, notReplayed);
    if (cause) {
      out.push(
        at(
          v.up.file ?? upFile,
          v.up.line ?? upLine,
          'history-not-replaying',
          `Could not verify: it fails with ${v.up.error}, and ${cause.id}, an unchanged migration that does not replay here, is where that comes from. Its own statements were not proved.`,
          v.id,
        ),
      );
      return out;
    }
    const history = notReplayed.length ? ` Migrations before it did not run here (${notReplayed.map((x) => x.id).join(', ')}); the error names nothing they create.` : '';
    const error = (v.up.error ?? '').replace(/[^.!?]$/, '$&.');
    out.push(
      at(
        v.up.file ?? upFile,
        v.up.line ?? upLine,
        'up-failing',
        `The up migration fails on the schema the earlier migrations leave: ${notRun || history ? error : v.up.error}${notRun}${history}`,
        v.id,
      ),
    );
    return out;
  }
  if (v.dataCheck.failsWithData && !v.dataCheck.inconclusive) {
    const line = Number(/^line (\d+):/.exec(v.dataCheck.error ?? '')?.[1] ?? upLine);
    const error = (v.dataCheck.error ?? '').replace(/^line \d+: /, '');
    const failing = v.statements.find((s) => s.error);
    if (rejectsRows(failing?.sql ?? '', error)) {
      out.push(
        at(
          failing?.file ?? upFile,
          line,
          'rejecting-existing-rows',
          `The up fails on the ${v.dataCheck.rowsSeeded} synthetic rows verify put in the existing tables, because of what they hold: ${error}. Real rows may pass; check them before deploying.`,
          v.id,
        ),
      );
    } else {
      out.push(
        at(
          failing?.file ?? upFile,
          line,
          'failing-with-existing-rows',
          `The up migration applies to empty tables but fails once they hold rows (${v.dataCheck.rowsSeeded} synthetic rows): ${error}`,
          v.id,
        ),
      );
    }
  }
  for (const s of v.statements) {
    if (/^\s*truncate\b/i.test(s.sql)) continue; // a new empty file, not a copy of the rows
    const rewritten = s.rewrites.filter((r) => !r.startsWith('index '));
    for (const table of rewritten) {
      const lock = s.locks.find((l) => l.relation === table && l.mode === 'AccessExclusiveLock');
      out.push(
        at(
          s.file ?? upFile,
          s.line,
          'rewriting-table',
          `This statement rewrote the existing table ${table}${lock ? ' under ACCESS EXCLUSIVE' : ''}: every row was copied while the table was locked.`,
          v.id,
        ),
      );
    }
  }
  if (v.down && !v.down.ok) {
    out.push(at(downFile, v.down.line ?? downLine, 'down-failing', `The down migration fails right after the up: ${v.down.error}`, v.id));
    return out;
  }
  if (v.down?.ok) {
    const schemaLines = v.schemaDiff.filter((l) => !l.endsWith('(order only)'));
    const reverse = schemaLines.filter((l) => l.includes('after down'));
    if (!v.reversible) out.push(at(downFile, downLine, 'down-not-restoring-schema', `After up then down the schema differs from before the up: ${listed(reverse)}`, v.id));
    if (v.dataCheck.lost.length) {
      const table = v.dataCheck.lost[0].split(':')[0].replace(/\.[^.]*$/, '');
      const s = statementTouching(v.statements, table) ?? statementTouching(v.statements, table.split('.').pop()!);
      out.push(at(s?.file ?? upFile, s?.line ?? upLine, 'losing-data-on-rollback', `Up then down loses data that existed before the up: ${listed(v.dataCheck.lost)}`, v.id));
    }
    if (!v.reapplicable) {
      if (v.reup && !v.reup.ok) out.push(at(v.reup.file ?? upFile, v.reup.line ?? upLine, 'up-not-reapplicable', `The up fails when applied again after its down: ${v.reup.error}`, v.id));
      else {
        const again = schemaLines.filter((l) => l.includes('after the second up'));
        out.push(at(upFile, upLine, 'up-not-reapplicable', `Up, down, up again gives a different schema than the first up: ${listed(again)}`, v.id));
      }
    }
  }
  return out;
}

/**
 * Findings of the whole-chain rollback, and what the chain adds to the single-step
 * findings: a down that fails alone but works in the chain says so; a down whose own
 * finding already explains where the chain broke says that too, instead of a second finding.
 */
export function chainFindings(chain: ChainVerification, verified: MigrationVerification[], perMigration: Finding[], migrations: Migration[]): Finding[] {
  const out: Finding[] = [];
  const singleStep = (id: string) => perMigration.filter((f) => f.migration === id && (f.rule === 'down-failing' || f.rule === 'down-not-restoring-schema'));
  const add = (f: Finding, sentence: string) => {
    f.message = `${f.message.replace(/\.?\s*$/, '.')} ${sentence}`;
  };
  const whole = `the whole chain of ${chain.size} changed migrations (newest first)`;
  for (const id of chain.dependsOnLater ?? []) {
    for (const f of singleStep(id)) {
      const alone = f.rule === 'down-failing' ? 'fails' : 'leaves differences';
      add(
        f,
        chain.ok
          ? `Reverting ${whole} does work: this down relies on the downs of the migrations after it, so it ${alone} only when this migration is rolled back on its own.`
          : `In ${whole} this down does its part: it relies on the downs of the migrations after it, so it ${alone} only when rolled back on its own.`,
      );
    }
  }
  for (const x of chain.masked ?? []) {
    const these = x.objects.length === 1 ? x.objects[0] : listed(x.objects, 3);
    for (const f of singleStep(x.migration)) {
      add(f, `Reverting ${whole} gets past this only because the down of ${x.by} drops ${x.owner}, which takes ${these} with it: a rollback that stops before ${x.by} keeps the difference.`);
    }
  }
  if (chain.ok || chain.noDown || !chain.brokeAt) return out;
  const v = verified.find((x) => x.id === chain.brokeAt);
  const m = migrations.find((x) => x.id === chain.brokeAt);
  if (chain.error !== undefined) {
    const already = v?.down && !v.down.ok ? singleStep(chain.brokeAt).find((f) => f.rule === 'down-failing') : undefined;
    if (already) {
      add(already, `Reverting ${whole} stops here too.`);
      return out;
    }
    const ran = `${chain.reverted} later down${chain.reverted === 1 ? '' : 's'} ran`;
    const cause = chain.astrayFrom
      ? ` The schema it ran on already differed from the one its up left, from the down of ${chain.astrayFrom} on (likely the cause): ${listed(chain.schemaDiff ?? [], 3)}.`
      : /contains null values|violates|could not create unique index/i.test(chain.error)
        ? ' It meets rows written after its up (verify fills the tables before each later migration, as production writes between deploys): a rollback after real writes fails the same way unless the down handles them.'
        : '';
    out.push(
      at(
        chain.file ?? m?.down?.file ?? v?.file ?? '',
        chain.line ?? m?.down?.firstLine ?? 1,
        'chain-rollback-failing',
        `Rolling back the ${chain.size} changed migrations newest first (migrate down) fails at this down after ${ran}, although it runs right after its own up: ${chain.error}.${cause}`,
        chain.brokeAt,
      ),
    );
    return out;
  }
  const lines = chain.schemaDiff ?? [];
  const already = v?.down?.ok && !v.reversible ? singleStep(chain.brokeAt).find((f) => f.rule === 'down-not-restoring-schema') : undefined;
  if (already) {
    add(already, `Reverting ${whole} does not restore the schema either, from this down on: ${listed(lines, 3)}.`);
    return out;
  }
  out.push(
    at(
      m?.down?.file ?? v?.file ?? '',
      m?.down?.firstLine ?? 1,
      'chain-rollback-failing',
      `Rolling back the ${chain.size} changed migrations newest first (migrate down) runs every down, but the schema differs from before the first up, from this down on: ${listed(lines)}`,
      chain.brokeAt,
    ),
  );
  return out;
}

/** Findings for every verified migration, in order, then those of the whole-chain rollback. */
export function verificationFindings(verification: Verification, migrations: Migration[]): Finding[] {
  const byId = new Map(migrations.map((m) => [m.id, m]));
  const perMigration = verification.migrations.flatMap((v) => migrationFindings(v, byId.get(v.id), byId));
  if (!verification.chain) return perMigration;
  return [...perMigration, ...chainFindings(verification.chain, verification.migrations, perMigration, migrations)];
}
