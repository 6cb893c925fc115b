// What the triggering event means for a run: which pull request, which base to
// diff against, which commit to link to, and whether PR code is untrusted here.
// `describeEvent` is pure over (env, payload); `readEvent` does the file read.

import { readFileSync } from 'node:fs';

export interface EventInfo {
  name: string;
  /** `owner/repo`. */
  repository: string;
  owner: string;
  repo: string;
  /** Set on pull_request / pull_request_target. */
  pullRequest?: {
    number: number;
    baseSha: string;
    baseRef: string;
    headSha: string;
    /** The head lives in another repository (its token is read-only). */
    fromFork: boolean;
  };
  /** The commit findings link to (PR head, else GITHUB_SHA). */
  sha: string;
  /** Base to lint against when base-ref is not given (PR base sha, merge-group base, the commit a push replaced). */
  defaultBase?: string;
  /** `defaultBase` is a branch to take the merge base with (a push that created a branch), not a commit to compare with. */
  mergeBaseOf?: string;
  /** pull_request_target: PR code would run with the base repository's write token and secrets. */
  untrusted: boolean;
}

/** The fields of a webhook payload read here; any of them may be missing or of another type (it is JSON from a file). */
interface EventPayload {
  repository?: { full_name?: unknown; default_branch?: unknown };
  pull_request?: {
    number?: unknown;
    base?: { sha?: unknown; ref?: unknown; repo?: { full_name?: unknown } };
    head?: { sha?: unknown; repo?: { full_name?: unknown } };
  };
  merge_group?: { base_sha?: unknown };
  before?: unknown;
  ref?: unknown;
}

const PR_EVENTS = new Set(['pull_request', 'pull_request_target', 'pull_request_review', 'pull_request_review_comment']);

/** Interprets the GitHub Actions environment and event payload. */
export function describeEvent(env: Record<string, string | undefined>, json: unknown): EventInfo {
  const payload = (json && typeof json === 'object' ? json : {}) as EventPayload;
  const name = env.GITHUB_EVENT_NAME ?? '';
  const repository = env.GITHUB_REPOSITORY ?? text(payload.repository?.full_name);
  const [owner = '', repo = ''] = repository.split('/');
  const info: EventInfo = { name, repository, owner, repo, sha: env.GITHUB_SHA ?? '', untrusted: name === 'pull_request_target' };
  const pr = payload.pull_request;
  if (PR_EVENTS.has(name) && pr && typeof pr.number === 'number') {
    info.pullRequest = {
      number: pr.number,
      baseSha: text(pr.base?.sha),
      baseRef: text(pr.base?.ref),
      headSha: text(pr.head?.sha),
      fromFork: !!text(pr.head?.repo?.full_name) && pr.head?.repo?.full_name !== pr.base?.repo?.full_name,
    };
    if (info.pullRequest.headSha) info.sha = info.pullRequest.headSha;
    if (info.pullRequest.baseSha) info.defaultBase = info.pullRequest.baseSha;
  } else if (name === 'merge_group' && text(payload.merge_group?.base_sha)) {
    info.defaultBase = text(payload.merge_group?.base_sha);
  } else if (name === 'push') {
    // A push is checked against what it replaced, so history it did not touch never turns the branch red.
    const before = text(payload.before);
    const defaultBranch = text(payload.repository?.default_branch);
    const pushed = text(payload.ref).replace(/^refs\/heads\//, '');
    if (/^[0-9a-f]{40}$/i.test(before) && !/^0+$/.test(before)) info.defaultBase = before;
    else if (/^0+$/.test(before) && defaultBranch && pushed && pushed !== defaultBranch) {
      // A new branch: compare with where it left the default branch.
      info.defaultBase = `origin/${defaultBranch}`;
      info.mergeBaseOf = `origin/${defaultBranch}`;
    }
  }
  return info;
}

/** A payload field as text: strings and numbers as written, anything else empty. */
function text(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

/** Reads GITHUB_EVENT_PATH (a missing or unreadable file is an empty payload: workflow_dispatch from act, local runs). */
export function readEvent(env: Record<string, string | undefined> = process.env): EventInfo {
  let payload: unknown = {};
  if (env.GITHUB_EVENT_PATH) {
    try {
      payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8'));
    } catch {
      payload = {};
    }
  }
  return describeEvent(env, payload);
}
