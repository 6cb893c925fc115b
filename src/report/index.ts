// Picks the renderer for `--format`. Every renderer is a pure (report, options) => string.

import type { Report, Rule } from '../types';
import { renderGithub } from './github';
import { renderJson } from './json';
import { renderSarif } from './sarif';
import { renderText } from './text';

export const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];

export interface RenderOptions {
  color?: boolean;
  /** File text for code frames (text format). */
  source?: (file: string) => string | undefined;
  /** Rule metadata for SARIF descriptors. */
  rules?: readonly Rule[];
}

/** Render a report in the given format. */
export function render(format: Format, report: Report, options: RenderOptions = {}): string {
  switch (format) {
    case 'json':
      return renderJson(report);
    case 'sarif':
      return renderSarif(report, { rules: options.rules });
    case 'github':
      return renderGithub(report);
    case 'text':
      return renderText(report, { color: options.color, source: options.source });
  }
}
