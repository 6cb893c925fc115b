// Hidden markers that tie a comment to this action: one PR comment per workflow
// and path, one review comment per finding. Finding ours again relies on the
// exact marker AND the comment's author (see pr-comment.ts).

import type { Finding } from '../types';
import { commentSafe } from './escape';

/** The marker of the living PR comment for one workflow and migrations path. */
export function commentMarker(workflow: string, path: string): string {
  return `<!-- migration-guard:${commentSafe(workflow)}:${commentSafe(path)} -->`;
}

/** Whether `body` carries exactly `marker` on its own first line (a quoted or edited copy elsewhere does not count). */
export function hasMarker(body: string | null | undefined, marker: string): boolean {
  if (!body) return false;
  return body.replace(/\r\n/g, '\n').split('\n', 1)[0].trim() === marker;
}

/** A stable key for one finding on one line (rule, file, line, message), independent of run order. */
export function findingKey(f: Pick<Finding, 'rule' | 'file' | 'line' | 'message'>): string {
  // FNV-1a, 32 bits, hex: short, deterministic, no crypto import needed in the bundle.
  let h = 0x811c9dc5;
  for (const ch of `${f.rule}\u0000${f.file}\u0000${f.line}\u0000${f.message}`) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${commentSafe(f.rule)}:${h.toString(16).padStart(8, '0')}`;
}

/** The marker of the inline review comment for one finding. */
export function reviewMarker(f: Pick<Finding, 'rule' | 'file' | 'line' | 'message'>): string {
  return `<!-- migration-guard-finding:${findingKey(f)} -->`;
}
