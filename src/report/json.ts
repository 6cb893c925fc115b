// The versioned JSON report (DESIGN.md "JSON report"): the Report itself, keys
// in the documented order, two-space indented, with a trailing newline.

import type { Finding, MigrationSummary, Report } from '../types';

/** Render a report as the `version: 1` JSON document. */
export function renderJson(report: Report): string {
  const ordered = {
    version: report.version,
    tool: { name: report.tool.name, version: report.tool.version },
    ...(report.dialect ? { dialect: report.dialect } : {}),
    migrations: report.migrations.map(orderMigration),
    findings: report.findings.map(orderFinding),
    ...(report.verification ? { verification: report.verification } : {}),
    ...(report.stats ? { stats: report.stats } : {}),
    summary: { errors: report.summary.errors, warnings: report.summary.warnings, infos: report.summary.infos },
  };
  return JSON.stringify(ordered, null, 2) + '\n';
}

function orderMigration(m: MigrationSummary): MigrationSummary {
  return { id: m.id, layout: m.layout, up: m.up, ...(m.down !== undefined ? { down: m.down } : {}), transactional: m.transactional, changed: m.changed, ...(m.sqlFrom ? { sqlFrom: m.sqlFrom } : {}) };
}

function orderFinding(f: Finding): Finding {
  return {
    rule: f.rule,
    severity: f.severity,
    file: f.file,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    message: f.message,
    help: f.help,
    ...(f.migration !== undefined ? { migration: f.migration } : {}),
    ...(f.statement !== undefined ? { statement: f.statement } : {}),
    ...(f.size !== undefined ? { size: f.size } : {}),
  };
}
