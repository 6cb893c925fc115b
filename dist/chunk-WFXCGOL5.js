// migration-guard GitHub Action, bundled by scripts/build-action.mjs. Do not edit: run `npm run build:action`.
import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
const require = __mgCreateRequire(import.meta.url);
const __filename = __mgFileURLToPath(import.meta.url);
const __dirname = __mgDirname(__filename);

// src/sqlite/detect.ts
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
function detectDialect(paths, frameworks, configuredUrl) {
  const alembic = paths.filter((p) => frameworks.get(p)?.name === "alembic");
  if (alembic.length && configuredUrl?.startsWith("sqlite:")) return "sqlite";
  return alembic.some((p) => sqliteUrlOf(p) !== void 0) ? "sqlite" : "postgres";
}
function sqliteUrlOf(project) {
  const ini = join(project, "alembic.ini");
  if (!existsSync(ini)) return void 0;
  const line = readFileSync(ini, "utf8").split(/\r?\n/).find((l) => /^\s*sqlalchemy\.url\s*=/.test(l));
  const url = line?.slice(line.indexOf("=") + 1).trim();
  return url?.startsWith("sqlite:") ? url : void 0;
}
function sqliteFileOf(url, project) {
  const path = url.replace(/^sqlite(\+\w+)?:\/\//, "").replace(/\?.*$/, "");
  if (!path || path === "/" || path === "/:memory:") return void 0;
  return resolve(project, path.slice(1));
}

export {
  detectDialect,
  sqliteUrlOf,
  sqliteFileOf
};
