// migration-guard GitHub Action, bundled by scripts/build-action.mjs. Do not edit: run `npm run build:action`.
import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
const require = __mgCreateRequire(import.meta.url);
const __filename = __mgFileURLToPath(import.meta.url);
const __dirname = __mgDirname(__filename);
import {
  CycleState,
  applyOnly,
  cycleMigration,
  diffSnapshots,
  discardStalePlans,
  downInOneTransaction,
  hasDown,
  historyCause,
  outcome,
  ownerOf,
  runInTransaction,
  setTimeoutMs,
  skippedVerification,
  summaryWord,
  tableColumns,
  takeSnapshot,
  unitsOf,
  verificationFindings
} from "./chunk-BSJRQMLR.js";
import "./chunk-ED3R6KV7.js";
import "./chunk-RZSGMBFC.js";
import "./chunk-PCFPHZTP.js";
import {
  initParser
} from "./chunk-L63O7JR3.js";
import "./chunk-CC3LKNC6.js";
import "./chunk-P6Q5PN73.js";

// src/verify/chain.ts
function chainMigrations(state) {
  const out = [];
  for (let i = state.applied.length - 1; i >= 0; i--) {
    const m = state.applied[i];
    if (!m.changed) break;
    out.unshift(m);
  }
  return out;
}
async function verifyChain(state, verified) {
  const { db, options } = state;
  const chain = chainMigrations(state);
  if (!chain.length || !chain.some((m) => m.down) || state.internalError) return void 0;
  if (!await db.query("SELECT 1").then(
    () => true,
    () => false
  ))
    return void 0;
  const result = { ok: false, size: chain.length, reverted: 0 };
  await discardStalePlans(state);
  await setTimeoutMs(db, options.statementTimeoutMs);
  await db.exec("BEGIN");
  let since = /* @__PURE__ */ new Map();
  let lastDiff = [];
  let compared = -1;
  let prev;
  const masked = [];
  const reverse = [...chain].reverse();
  try {
    for (const [i, m] of reverse.entries()) {
      if (!m.down) {
        result.brokeAt = m.id;
        result.error = `${m.id} has no down migration: the chain cannot be reverted past it`;
        result.noDown = true;
        return finish(/* @__PURE__ */ new Set());
      }
      if (hasDown(m)) {
        const units = unitsOf(m, "down").units;
        const run = await state.timed("chain", () => runInTransaction(db, units, options.statementTimeoutMs, void 0, downInOneTransaction(m, units)));
        if (!run.ok) {
          const o = outcome(run);
          result.brokeAt = m.id;
          result.error = o.error ?? "unknown error";
          result.file = o.file ?? m.down.file;
          if (o.line !== void 0) result.line = o.line;
          const blamed2 = /* @__PURE__ */ new Set([m.id, ...[...since.values()].map((j) => reverse[j].id)]);
          if (lastDiff.length) {
            const named = lastDiff.filter((d) => mentions(result.error, d.key));
            const first = named.length ? named : lastDiff;
            result.astrayFrom = reverse[Math.min(...first.map((d) => since.get(d.key)))].id;
            result.schemaDiff = [...named, ...lastDiff.filter((d) => !named.includes(d))].map((d) => d.line);
          }
          return finish(blamed2);
        }
      }
      result.reverted++;
      const before = state.before.get(m);
      if (!before) continue;
      const now = await state.timed("chain", () => takeSnapshot(db));
      const diff = diffSnapshots(before, now, { before: `before the up of ${m.id}`, after: "after reverting the chain" }).filter((d) => !d.orderOnly);
      if (prev) {
        const left = new Set(diff.map((d) => d.key));
        for (const key of new Set(lastDiff.map((d) => d.key))) {
          if (left.has(key)) continue;
          const owner = sweptWith(key, prev.before, prev.now, now);
          if (owner) note(reverse[since.get(key)].id, m.id, owner, key);
        }
      }
      lastDiff = diff;
      since = new Map(lastDiff.map((d) => [d.key, since.get(d.key) ?? i]));
      prev = { before, now };
      compared = i;
    }
    result.ok = lastDiff.length === 0 && compared === reverse.length - 1;
    const blamed = /* @__PURE__ */ new Set();
    if (!result.ok) {
      const starts = [...since.values()];
      const first = starts.length ? Math.min(...starts) : reverse.length - 1;
      for (const i of starts) blamed.add(reverse[i].id);
      result.brokeAt = reverse[first].id;
      result.schemaDiff = lastDiff.map((d) => d.line);
    }
    return finish(blamed);
  } finally {
    await db.exec("ROLLBACK").catch(() => {
    });
  }
  function note(migration, by, owner, object) {
    const same = masked.find((x) => x.migration === migration && x.by === by && x.owner === owner);
    if (same) same.objects.push(object);
    else masked.push({ migration, by, owner, objects: [object] });
  }
  function finish(blamed) {
    if (masked.length) {
      result.masked = masked;
      for (const x of masked) blamed.add(x.migration);
    }
    const byId = new Map(verified.map((v) => [v.id, v]));
    const through = reverse.slice(0, result.reverted).filter((m) => !blamed.has(m.id) && singleStepBroken(byId.get(m.id)));
    if (through.length) result.dependsOnLater = through.map((m) => m.id);
    return result;
  }
}
function sweptWith(key, expected, previous, now) {
  let found;
  const seen = /* @__PURE__ */ new Set();
  for (let owner = ownerOf(key, previous, expected); owner && !seen.has(owner); owner = ownerOf(owner, previous, expected)) {
    seen.add(owner);
    if (!expected.has(owner) || !previous.has(owner) || now.has(owner) || renamed(owner, previous, now)) break;
    found = owner;
  }
  return found;
}
function renamed(key, previous, now) {
  const kind = key.startsWith("schema ") ? "schema" : ["table", "partitioned table", "foreign table", "view", "materialized view"].find((k) => key.startsWith(`${k} `));
  if (!kind) return false;
  const fresh = [...now.keys()].filter((k) => k.startsWith(`${kind} `) && !k.slice(kind.length + 1).includes(" ") && !previous.has(k));
  if (kind === "schema" || !fresh.length) return fresh.length > 0;
  const cols = (snap, name) => (tableColumns(snap).get(name) ?? []).slice().sort().join("\0");
  const mine = cols(previous, key.slice(kind.length + 1));
  return fresh.some((k) => cols(now, k.slice(kind.length + 1)) === mine);
}
var KEY_WORDS = /* @__PURE__ */ new Set([
  "schema",
  "table",
  "partitioned",
  "foreign",
  "column",
  "constraint",
  "index",
  "sequence",
  "view",
  "materialized",
  "function",
  "procedure",
  "aggregate",
  "trigger",
  "enum",
  "domain",
  "range",
  "type",
  "extension",
  "policy",
  "comment",
  "grant",
  "revoked",
  "default",
  "privileges",
  "rule",
  "publication",
  "event",
  "public",
  "for",
  "from",
  "with",
  "text",
  "integer",
  "bigint",
  "boolean",
  "character",
  "varying",
  "timestamp",
  "without",
  "time",
  "zone",
  "select",
  "insert",
  "update",
  "delete",
  "usage",
  "execute",
  "create",
  "references",
  "truncate"
]);
function mentions(error, key) {
  const words = key.split(/[^A-Za-z0-9_$]+/).filter((w) => w.length >= 3 && !KEY_WORDS.has(w.toLowerCase()));
  return words.some((w) => new RegExp(`(^|[^A-Za-z0-9_$])${w.replace(/\$/g, "\\$")}([^A-Za-z0-9_$]|$)`).test(error));
}
function singleStepBroken(v) {
  return !!v && v.up.ok && !v.skipped && !!v.down && (!v.down.ok || !v.reversible);
}

// src/verify/index.ts
var DEFAULT_SEED_ROWS = 100;
var DEFAULT_STATEMENT_TIMEOUT_MS = 6e4;
async function verifyMigrations(migrations, db, options = {}) {
  await initParser();
  const t0 = performance.now();
  const state = new CycleState(db, {
    seedRows: options.seedRows ?? DEFAULT_SEED_ROWS,
    statementTimeoutMs: options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
    log: options.log,
    deployTogether: options.deployTogether ?? true
  });
  const verification = { database: { kind: db.kind, serverVersion: db.serverVersion }, migrations: [] };
  let project;
  let notRun = [];
  const byId = new Map(migrations.map((x) => [x.id, x]));
  for (const m of migrations) {
    if (m.project !== project) {
      project = m.project;
      const pgliteGone = state.stopped !== void 0 && db.capabilities.timeoutStopsDatabase && !await db.query("SELECT 1").then(
        () => true,
        () => false
      );
      if (!pgliteGone) state.stopped = void 0;
      notRun = [];
    }
    if (m.notRunnable) {
      notRun.push(m.id);
      if (m.changed) verification.migrations.push(skippedVerification(m, m.notRunnable));
      options.log?.(`verify: ${m.id} not run (${m.notRunnable.split(":")[0]})`);
      continue;
    }
    if (state.stopped) {
      if (m.changed) verification.migrations.push(skippedVerification(m, state.stopped));
      continue;
    }
    if (!m.changed) {
      const failed = await applyOnly(state, m);
      if (failed) {
        verification.migrations.push(notRun.length ? { ...failed, notRunBefore: [...notRun] } : failed);
        notRun.push(m.id);
        if (!state.stopped) options.log?.(`verify: unchanged ${m.id} does not replay here (${failed.up.error}); going on without it`);
      }
      continue;
    }
    const t = performance.now();
    let v;
    try {
      v = await cycleMigration(state, m);
    } catch (err) {
      v = await internalFailure(state, m, err);
    }
    if (notRun.length && !v.up.ok) {
      v.notRunBefore = [...notRun];
      if (state.cleanFailure && historyCause(v, notRun.map((id) => byId.get(id)).filter(Boolean))) {
        state.stopped = void 0;
        notRun.push(m.id);
      }
    }
    state.cleanFailure = false;
    verification.migrations.push(v);
    const ms = performance.now() - t;
    options.log?.(`verify: ${m.id} ${summaryWord(v)} (${Math.round(ms)} ms)`);
    options.onCycle?.(m, ms);
  }
  const tChain = performance.now();
  const chain = await verifyChain(state, verification.migrations);
  if (chain) {
    verification.chain = chain;
    options.log?.(`verify: whole-chain rollback of ${chain.size} migration(s) ${chain.ok ? "restores the schema" : `breaks at ${chain.brokeAt}`} (${Math.round(performance.now() - tChain)} ms)`);
  }
  verification.ms = Math.round(performance.now() - t0);
  options.onPhases?.(state.phases);
  return { verification, findings: verificationFindings(verification, migrations) };
}
async function internalFailure(state, m, err) {
  const message = err?.message ?? String(err);
  await state.db.exec("ROLLBACK").catch(() => {
  });
  await state.db.query("SELECT 1").catch(() => {
    throw err;
  });
  state.stopped = `verify failed on migration ${m.id}`;
  state.internalError = true;
  state.schema = void 0;
  state.data.forgetAll();
  const v = skippedVerification(m, `verify could not check it: ${message}`);
  v.skipped = void 0;
  v.internalError = message;
  return v;
}
export {
  DEFAULT_SEED_ROWS,
  DEFAULT_STATEMENT_TIMEOUT_MS,
  verifyMigrations
};
