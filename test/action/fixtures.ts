// Report objects for the Action's rendering tests, built from real lint findings.
import type { Finding, MigrationVerification, Report } from '../../src/types';

/** Summary counts for a list of findings. */
export function summarize(findings: Finding[]): Report['summary'] {
  return {
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    infos: findings.filter((f) => f.severity === 'info').length,
  };
}

/** A report over one migration file holding `findings`, optionally with a verification. */
export function reportOf(findings: Finding[], opts: { file?: string; id?: string; verification?: MigrationVerification[] } = {}): Report {
  const file = opts.file ?? 'db/000002_x.up.sql';
  const id = opts.id ?? '000002_x';
  return {
    version: 1,
    tool: { name: 'migration-guard', version: '0.1.0' },
    migrations: [{ id, layout: 'golang-migrate', up: file, transactional: true, changed: true }],
    findings: findings.map((f) => ({ ...f, migration: f.migration ?? id })),
    ...(opts.verification ? { verification: { database: { kind: 'pglite', serverVersion: '17.4' }, migrations: opts.verification } } : {}),
    summary: summarize(findings),
  };
}

/** A verification entry for one migration: ok unless overridden. */
export function verified(id: string, over: Partial<MigrationVerification> = {}): MigrationVerification {
  return {
    id,
    file: `db/${id}.up.sql`,
    hasDown: true,
    up: { ok: true, error: null, ms: 3 },
    down: { ok: true, error: null, ms: 1 },
    reup: { ok: true, error: null, ms: 2 },
    reversible: true,
    reapplicable: true,
    schemaDiff: [],
    dataCheck: { rowsSeeded: 100, failsWithData: false, error: null, lost: [] },
    statements: [{ line: 1, sql: 'ALTER TABLE users ADD COLUMN x int', ms: 1, locks: [{ relation: 'users', mode: 'AccessExclusiveLock' }], rewrites: [] }],
    ...over,
  };
}
