// The tool's version, taken from package.json at build time (esbuild inlines the
// one field), so the CLI, the JSON report and the Action always agree.
import { version } from '../package.json';

/** migration-guard's version, e.g. `0.1.0`. */
export const VERSION: string = version;
