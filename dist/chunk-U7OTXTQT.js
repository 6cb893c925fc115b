// migration-guard GitHub Action, bundled by scripts/build-action.mjs. Do not edit: run `npm run build:action`.
import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
const require = __mgCreateRequire(import.meta.url);
const __filename = __mgFileURLToPath(import.meta.url);
const __dirname = __mgDirname(__filename);
import {
  HostAccessError,
  actsOnHost,
  checkHostAccess,
  hasCopyProgram,
  hostAccessIn,
  hostAccessInMigrations,
  refusalMessage,
  refusedOn
} from "./chunk-SQR4IJE3.js";
import "./chunk-WEIKHWOF.js";
import "./chunk-L63O7JR3.js";
import "./chunk-CC3LKNC6.js";
import "./chunk-P6Q5PN73.js";
export {
  HostAccessError,
  actsOnHost,
  checkHostAccess,
  hasCopyProgram,
  hostAccessIn,
  hostAccessInMigrations,
  refusalMessage,
  refusedOn
};
