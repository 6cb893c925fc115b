// GitLab Code Quality report (`--format gitlab`): the JSON array GitLab reads from a job's
// `artifacts: reports: codequality` and shows in the merge request widget and diff.
// https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format
// Pure: (Report) => string.

import { createHash } from 'node:crypto';
import type { Finding, Report, Severity } from '../types';
import { describeSize } from './size';

/** GitLab's severities: info, minor, major, critical, blocker. */
const SEVERITY: Record<Severity, string> = { error: 'critical', warning: 'major', info: 'info' };

interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: string;
  location: { path: string; lines: { begin: number; end: number } };
}

/**
 * The report as Code Quality issues. A fingerprint identifies an issue across pipelines
 * (GitLab diffs the source and target branch reports by it): rule, file and message,
 * not the line, so a finding that only moves is not reported as fixed and new; repeats
 * of the same issue in one file are told apart by their order.
 */
export function renderGitlab(report: Report): string {
  const seen = new Map<string, number>();
  const issues = report.findings.map((f: Finding): CodeQualityIssue => {
    const key = `${f.rule}\u0000${f.file}\u0000${f.message}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    const size = f.size ? ` [${describeSize(f.size, f.severity)}]` : '';
    return {
      description: `${f.message}${size}`,
      check_name: f.rule,
      fingerprint: createHash('md5').update(`${key}\u0000${n}`).digest('hex'),
      severity: SEVERITY[f.severity],
      location: { path: f.file.split('\\').join('/'), lines: { begin: Math.max(1, f.line), end: Math.max(f.line, f.endLine) } },
    };
  });
  return JSON.stringify(issues, null, 2) + '\n';
}
