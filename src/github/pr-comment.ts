// The one living PR comment: found by its marker and author, updated in place,
// created only when there is something to say. Never touches a comment that
// another user or bot wrote, even one that carries a look-alike marker.

import { hasMarker } from './marker';
import type { GitHubClient } from './rest';

export interface IssueComment {
  id: number;
  body?: string | null;
  html_url: string;
  user?: { login: string; type?: string } | null;
}

export interface Target {
  owner: string;
  repo: string;
  /** Pull request (issue) number. */
  issue: number;
}

/** The login GitHub uses for comments made with the workflow's GITHUB_TOKEN. */
export const ACTIONS_BOT = 'github-actions[bot]';

/**
 * Logins whose comments we may edit: github-actions[bot] and the token's own user
 * (a PAT). `GET /user` is refused for GITHUB_TOKEN, which is fine: the bot covers it.
 */
export async function ownLogins(client: GitHubClient): Promise<Set<string>> {
  const logins = new Set([ACTIONS_BOT]);
  try {
    const me = await client.request<{ login?: string }>('GET', '/user');
    if (me.data?.login) logins.add(me.data.login);
  } catch {
    // installation tokens cannot read /user; github-actions[bot] is the author then
  }
  return logins;
}

/** Our comment among `comments`: the first with the exact marker written by one of `authors`. */
export function pickOwnComment(comments: IssueComment[], marker: string, authors: ReadonlySet<string>): IssueComment | undefined {
  return comments.find((c) => hasMarker(c.body, marker) && !!c.user && authors.has(c.user.login));
}

/** Finds our existing comment on the pull request (undefined when there is none). */
export async function findOwnComment(client: GitHubClient, t: Target, marker: string, authors: ReadonlySet<string>): Promise<IssueComment | undefined> {
  const comments = await client.paginate<IssueComment>(`/repos/${enc(t.owner)}/${enc(t.repo)}/issues/${t.issue}/comments`);
  return pickOwnComment(comments, marker, authors);
}

export type UpsertResult = { action: 'created' | 'updated' | 'unchanged'; url: string; id: number } | { action: 'skipped'; url?: undefined; id?: undefined };

/**
 * Writes `body` into `existing` (or a new comment when `create` allows it).
 * An unchanged body is not re-sent, so re-runs do not bump "edited".
 */
export async function upsertComment(client: GitHubClient, t: Target, existing: IssueComment | undefined, body: string, create: boolean): Promise<UpsertResult> {
  if (existing) {
    if ((existing.body ?? '').replace(/\r\n/g, '\n') === body) return { action: 'unchanged', url: existing.html_url, id: existing.id };
    const res = await client.request<IssueComment>('PATCH', `/repos/${enc(t.owner)}/${enc(t.repo)}/issues/comments/${existing.id}`, { body });
    return { action: 'updated', url: res.data.html_url, id: res.data.id };
  }
  if (!create) return { action: 'skipped' };
  const res = await client.request<IssueComment>('POST', `/repos/${enc(t.owner)}/${enc(t.repo)}/issues/${t.issue}/comments`, { body });
  return { action: 'created', url: res.data.html_url, id: res.data.id };
}

/**
 * After creating a comment: if a concurrent run created one too (two pushes in
 * quick succession), keep the oldest, give it `body`, and delete the others, so
 * every run converges on one comment. Returns the survivor.
 */
export async function settleDuplicates(
  client: GitHubClient,
  t: Target,
  created: { id: number; url: string },
  marker: string,
  authors: ReadonlySet<string>,
  body: string,
): Promise<{ id: number; url: string }> {
  const comments = await client.paginate<IssueComment>(`/repos/${enc(t.owner)}/${enc(t.repo)}/issues/${t.issue}/comments`);
  const ours = comments.filter((c) => hasMarker(c.body, marker) && !!c.user && authors.has(c.user.login)).sort((a, b) => a.id - b.id);
  if (ours.length <= 1) return created;
  const keep = ours[0];
  for (const extra of ours.slice(1)) {
    try {
      await client.request('DELETE', `/repos/${enc(t.owner)}/${enc(t.repo)}/issues/comments/${extra.id}`);
    } catch (err) {
      if ((err as { status?: number }).status !== 404) throw err; // the other run deleted it first
    }
  }
  if (keep.id !== created.id) await client.request('PATCH', `/repos/${enc(t.owner)}/${enc(t.repo)}/issues/comments/${keep.id}`, { body });
  return { id: keep.id, url: keep.html_url };
}

/** Whether an earlier comment body reported problems (its headline is not the green one). */
export function reportedProblems(body: string | null | undefined): boolean {
  return !!body && !/^### ✅ /m.test(body);
}

function enc(s: string): string {
  return encodeURIComponent(s);
}
