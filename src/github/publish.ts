// Puts one path's report on the pull request: the living comment and, when
// asked, inline review comments. Every API failure is contained here: it
// becomes one warning, never an exception that could change the verdict.

import type { Report } from '../types';
import { isClean, renderComment, renderFailure, type CommentOptions } from './comment';
import { commentMarker } from './marker';
import { findOwnComment, ownLogins, reportedProblems, settleDuplicates, upsertComment, type Target } from './pr-comment';
import { GitHubApiError, type GitHubClient } from './rest';
import { postReviewComments } from './review';

export interface PublishContext {
  client: GitHubClient;
  target: Target;
  workflow: string;
  /** Commit the review comments attach to (the PR head). */
  headSha: string;
  reviewComments: boolean;
  /** Rendering options shared with the job summary. */
  render: Omit<CommentOptions, 'marker' | 'path' | 'previouslyFailing'>;
  summaryOf: (rule: string) => string | undefined;
  warn: (message: string) => void;
  info: (message: string) => void;
}

export interface PublishOutcome {
  commentUrl?: string;
  action?: string;
  reviewPosted?: number;
}

/** Remembers the permission problem so it is reported once per run, not once per path. */
export class Publisher {
  private denied = false;
  private authors?: Promise<Set<string>>;

  constructor(private readonly ctx: PublishContext) {}

  /** Creates or updates the comment for `path` (and posts review comments); never throws. */
  async publish(report: Report, path: string): Promise<PublishOutcome> {
    if (this.denied) return {};
    const { client, target } = this.ctx;
    const out: PublishOutcome = {};
    try {
      this.authors ??= ownLogins(client);
      const authors = await this.authors;
      const marker = commentMarker(this.ctx.workflow, path);
      const existing = await findOwnComment(client, target, marker, authors);
      const body = renderComment(report, { ...this.ctx.render, marker, path, previouslyFailing: reportedProblems(existing?.body) });
      // Clean with nothing to correct: stay silent rather than add a comment.
      const res = await upsertComment(client, target, existing, body, !isClean(report));
      out.action = res.action;
      out.commentUrl = res.url;
      if (res.action === 'created') out.commentUrl = (await settleDuplicates(client, target, res, marker, authors, body)).url;
      this.ctx.info(`PR comment for ${path}: ${res.action}${res.url ? ` ${res.url}` : ' (all clean, nothing to say)'}`);
      if (this.ctx.reviewComments && report.findings.length) {
        const r = await postReviewComments(client, target, this.ctx.headSha, report.findings, authors, this.ctx.summaryOf);
        out.reviewPosted = r.posted;
        this.ctx.info(`review comments for ${path}: ${r.posted} posted${r.skipped ? `, ${r.skipped} refused by GitHub` : ''}`);
      }
    } catch (err) {
      this.fail(err);
    }
    return out;
  }

  /** Replaces our existing comment for `path` with the could-not-run notice (never creates one); never throws. */
  async publishFailure(message: string, path: string): Promise<PublishOutcome> {
    if (this.denied) return {};
    try {
      this.authors ??= ownLogins(this.ctx.client);
      const marker = commentMarker(this.ctx.workflow, path);
      const existing = await findOwnComment(this.ctx.client, this.ctx.target, marker, await this.authors);
      const res = await upsertComment(this.ctx.client, this.ctx.target, existing, renderFailure(message, { marker, path }), false);
      return { action: res.action, commentUrl: res.url };
    } catch (err) {
      this.fail(err);
      return {};
    }
  }

  private fail(err: unknown): void {
    if (err instanceof GitHubApiError && err.isPermission) {
      this.denied = true;
      this.ctx.warn(
        `migration-guard cannot comment on this pull request (HTTP ${err.status}: ${err.apiMessage || 'forbidden'}). ` +
          'The token needs `pull-requests: write`; pull requests from forks only get a read-only token. ' +
          'Annotations, the job summary, SARIF and the check result are unaffected.',
      );
      return;
    }
    this.ctx.warn(`migration-guard could not update the pull request comment: ${(err as Error).message}. The check result is unaffected.`);
  }
}
