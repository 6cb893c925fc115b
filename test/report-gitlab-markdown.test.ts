// --format gitlab (GitLab Code Quality) and --format markdown (the PR comment body),
// through the real CLI on the example migrations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cli, ROOT } from './cli-helpers';

interface Issue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: string;
  location: { path: string; lines: { begin: number; end?: number } };
}

test('--format gitlab: every finding is a Code Quality issue with the fields GitLab requires, unique fingerprints, 1-based lines', () => {
  const r = cli(['lint', 'examples/migrations', '--format', 'gitlab', '-q'], { cwd: ROOT });
  assert.equal(r.code, 1, r.stderr);
  const issues = JSON.parse(r.stdout) as Issue[];
  const json = JSON.parse(cli(['lint', 'examples/migrations', '--format', 'json', '-q'], { cwd: ROOT }).stdout) as { findings: { rule: string; file: string; line: number; severity: string }[] };
  assert.equal(issues.length, json.findings.length);
  for (const [i, issue] of issues.entries()) {
    const f = json.findings[i]!;
    assert.deepEqual(Object.keys(issue).sort(), ['check_name', 'description', 'fingerprint', 'location', 'severity']);
    assert.equal(issue.check_name, f.rule);
    assert.equal(issue.location.path, f.file);
    assert.equal(issue.location.lines.begin, f.line);
    assert.ok(issue.location.lines.begin >= 1);
    assert.match(issue.fingerprint, /^[0-9a-f]{32}$/);
    assert.equal(issue.severity, { error: 'critical', warning: 'major', info: 'info' }[f.severity]);
  }
  assert.equal(new Set(issues.map((i) => i.fingerprint)).size, issues.length, 'fingerprints are unique');
  // Stable across runs (GitLab compares the branches' reports by fingerprint).
  const again = JSON.parse(cli(['lint', 'examples/migrations', '--format', 'gitlab', '-q'], { cwd: ROOT }).stdout) as Issue[];
  assert.deepEqual(
    again.map((i) => i.fingerprint),
    issues.map((i) => i.fingerprint),
  );
});

test("--format markdown: the PR comment body, with the verdict against --fail-on and each error's fix", () => {
  const r = cli(['lint', 'examples/migrations', '--format', 'markdown', '-q'], { cwd: ROOT });
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^### ❌ migration-guard: \d+ errors, \d+ warnings/);
  assert.match(r.stdout, /\| ❌ \| <code>000003\\_add\\_user\\_status\.up\.sql:\d+<\/code> \| <code>adding-required-column<\/code>: .* \| Add the column with a DEFAULT/);
  const lenient = cli(['lint', 'examples/migrations', '--format', 'markdown', '--fail-on', 'never', '-q'], { cwd: ROOT });
  assert.match(lenient.stdout, /^### ⚠️ migration-guard: .*\(reporting only\)/);
});
