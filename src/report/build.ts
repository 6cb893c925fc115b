// Assembling reports: one run's Report with its summary counts, and one Report over
// several runs (the Action's paths) for the JSON and SARIF files and the totals.

import type { Finding, MigrationSummary, Report, StatsSummary, Verification } from '../types';
import { VERSION } from '../version';

/** Assemble a Report (keys in the documented order) with its summary counts. */
export function buildReport(migrations: MigrationSummary[], findings: Finding[], verification?: Verification, stats?: StatsSummary): Report {
  const summary = { errors: 0, warnings: 0, infos: 0 };
  for (const f of findings) {
    if (f.severity === 'error') summary.errors++;
    else if (f.severity === 'warning') summary.warnings++;
    else summary.infos++;
  }
  return {
    version: 1,
    tool: { name: 'migration-guard', version: VERSION },
    migrations,
    findings,
    ...(verification ? { verification } : {}),
    ...(stats ? { stats } : {}),
    summary,
  };
}

/** One report over several paths (for the JSON and SARIF files and the totals). */
export function mergeReports(reports: Report[]): Report {
  if (reports.length === 1) return reports[0];
  const verifications = reports.map((r) => r.verification).filter((v): v is Verification => !!v);
  const verification: Verification | undefined = verifications.length
    ? {
        database: verifications[0].database,
        migrations: verifications.flatMap((v) => v.migrations),
        // One chain per path; a merged report keeps it only when there is exactly one.
        ...(verifications.length === 1 && verifications[0].chain ? { chain: verifications[0].chain } : {}),
      }
    : undefined;
  const withStats = reports.map((r) => r.stats).filter((st): st is StatsSummary => !!st);
  const stats: StatsSummary | undefined = withStats.length ? { ...withStats[0], migrations: withStats.flatMap((st) => st.migrations) } : undefined;
  return buildReport(
    reports.flatMap((r) => r.migrations),
    reports.flatMap((r) => r.findings),
    verification,
    stats,
  );
}
