// Inline review comments on the changed lines (review-comments: true). Each
// carries a per-finding marker, so a finding already commented on an earlier
// push is not commented again. GitHub only accepts lines that are in the diff,
// so findings outside it stay as annotations and in the PR comment.

import type { Finding } from '../types';
import { SEVERITY_RANK } from '../types';
import { escapeText } from './escape';
import { reviewMarker } from './marker';
import type { GitHubClient } from './rest';
import type { Target } from './pr-comment';

interface PullFile {
  filename: string;
  status: string;
  patch?: string;
}

interface ReviewComment {
  body?: string | null;
  user?: { login: string } | null;
}

export interface DraftComment {
  path: string;
  line: number;
  start_line?: number;
  side: 'RIGHT';
  start_side?: 'RIGHT';
  body: string;
}

/** Right-side line numbers that a unified diff patch shows (added or context lines): the only ones GitHub lets us comment on. */
export function commentableLines(patch: string | undefined): Set<number> {
  const lines = new Set<number>();
  if (!patch) return lines;
  let right = 0;
  for (const raw of patch.split('\n')) {
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(raw);
    if (hunk) {
      right = Number(hunk[1]);
      continue;
    }
    if (!right) continue;
    if (raw.startsWith('-')) continue;
    if (raw.startsWith('\\')) continue; // "\ No newline at end of file"
    lines.add(right++);
  }
  return lines;
}

/** The body of one inline comment: marker, severity, rule, message (escaped), and the rule's short summary. */
export function reviewBody(f: Finding, summary?: string): string {
  const icon = f.severity === 'error' ? '❌' : f.severity === 'warning' ? '⚠️' : 'ℹ️';
  const lines = [reviewMarker(f), `${icon} **${escapeText(f.rule)}**: ${escapeText(f.message)}`];
  if (summary) lines.push('', `_${escapeText(summary)}_ — see the migration-guard comment for the fix.`);
  return lines.join('\n');
}

/**
 * The inline comments to post: findings on lines in the diff whose marker is not
 * already present, one per (rule, file, line, message), most severe first.
 */
export function planReviewComments(
  findings: Finding[],
  diffLines: Map<string, Set<number>>,
  existingBodies: string[],
  summaryOf: (rule: string) => string | undefined = () => undefined,
): DraftComment[] {
  const posted = new Set<string>();
  for (const b of existingBodies) for (const m of b.matchAll(/<!-- migration-guard-finding:[^>]*-->/g)) posted.add(m[0]);
  const drafts: DraftComment[] = [];
  const sorted = [...findings].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.file.localeCompare(b.file) || a.line - b.line);
  for (const f of sorted) {
    const marker = reviewMarker(f);
    if (posted.has(marker)) continue;
    const lines = diffLines.get(f.file.split('\\').join('/'));
    if (!lines) continue;
    const end = Math.max(f.line, f.endLine || f.line);
    // Anchor on the last line in the diff within the finding's range.
    let line = end;
    while (line >= f.line && !lines.has(line)) line--;
    if (line < f.line) continue;
    let start = f.line;
    while (start < line && !lines.has(start)) start++;
    posted.add(marker);
    drafts.push({
      path: f.file.split('\\').join('/'),
      line,
      side: 'RIGHT',
      ...(start < line ? { start_line: start, start_side: 'RIGHT' as const } : {}),
      body: reviewBody(f, summaryOf(f.rule)),
    });
  }
  return drafts;
}

export interface ReviewResult {
  posted: number;
  skipped: number;
}

/**
 * Posts the inline comments for `findings` on the pull request at `commitId`, as
 * one review (one notification). If GitHub rejects the batch (422, a line moved),
 * falls back to one comment at a time and skips the ones it refuses.
 */
export async function postReviewComments(
  client: GitHubClient,
  t: Target,
  commitId: string,
  findings: Finding[],
  authors: ReadonlySet<string>,
  summaryOf?: (rule: string) => string | undefined,
  maxComments = 30,
): Promise<ReviewResult> {
  const base = `/repos/${encodeURIComponent(t.owner)}/${encodeURIComponent(t.repo)}/pulls/${t.issue}`;
  const files = await client.paginate<PullFile>(`${base}/files`);
  const diffLines = new Map(files.filter((f) => f.status !== 'removed').map((f) => [f.filename, commentableLines(f.patch)]));
  const existing = await client.paginate<ReviewComment>(`${base}/comments`);
  const ours = existing.filter((c) => c.user && authors.has(c.user.login)).map((c) => c.body ?? '');
  const drafts = planReviewComments(findings, diffLines, ours, summaryOf).slice(0, maxComments);
  if (!drafts.length) return { posted: 0, skipped: 0 };
  try {
    await client.request('POST', `${base}/reviews`, { commit_id: commitId, event: 'COMMENT', comments: drafts });
    return { posted: drafts.length, skipped: 0 };
  } catch (err) {
    if ((err as { status?: number }).status !== 422) throw err;
  }
  let posted = 0;
  for (const d of drafts) {
    try {
      await client.request('POST', `${base}/comments`, { ...d, commit_id: commitId });
      posted++;
    } catch (err) {
      if ((err as { status?: number }).status !== 422) throw err;
    }
  }
  return { posted, skipped: drafts.length - posted };
}
