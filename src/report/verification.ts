// The verification part of the text report (up → down → up results): rendered by
// the verify stage's renderer in verification-text.ts (verdicts, per-statement
// locks/rewrites/timings, schema and data differences).

export { renderVerificationText } from './verification-text';
