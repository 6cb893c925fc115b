// Picks the renderer for `--format`. Every renderer is a pure (report, options) => string.

import type { FailOn, Report } from '../types';
import type { Rule } from '../lint/rule';
import { renderGithub } from './github';
import { renderGitlab } from './gitlab';
import { renderComment, ruleDocs } from '../github/comment';
import { renderJson } from './json';
import { renderSarif } from './sarif';
import { renderText } from './text';

export const FORMATS = ['text', 'json', 'sarif', 'github', 'gitlab', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

export interface RenderOptions {
  color?: boolean;
  /** File text for code frames (text format). */
  source?: (file: string) => string | undefined;
  /** Rule metadata for SARIF descriptors. */
  rules?: readonly Rule[];
  /** For `markdown`: the threshold its headline measures against (default error). */
  failOn?: FailOn;
  /** Where the rule pages are published (`https://github.com/OWNER/migration-guard/blob/REF/docs/rules`): rule ids link there. */
  docsBase?: string;
}

/** Render a report in the given format. */
export function render(format: Format, report: Report, options: RenderOptions = {}): string {
  switch (format) {
    case 'json':
      return renderJson(report);
    case 'sarif':
      return renderSarif(report, { rules: options.rules, ...(options.docsBase ? { docsBase: options.docsBase } : {}) });
    case 'github':
      return renderGithub(report);
    case 'gitlab':
      return renderGitlab(report);
    case 'markdown':
      // The pull-request comment's body, for any CI that can post one.
      return renderComment(report, { failOn: options.failOn, ruleDoc: ruleDocs(options.rules ?? []), ...(options.docsBase ? { docsBase: options.docsBase } : {}) });
    case 'text':
      return renderText(report, { color: options.color, source: options.source });
  }
}
