// migration-guard GitHub Action, bundled by scripts/build-action.mjs. Do not edit: run `npm run build:action`.
import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
const require = __mgCreateRequire(import.meta.url);
const __filename = __mgFileURLToPath(import.meta.url);
const __dirname = __mgDirname(__filename);

// src/errors.ts
var UsageError = class extends Error {
  name = "UsageError";
};
var DatabaseUnavailableError = class extends Error {
  name = "DatabaseUnavailableError";
};

export {
  UsageError,
  DatabaseUnavailableError
};
