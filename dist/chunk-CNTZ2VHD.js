// migration-guard GitHub Action, bundled by scripts/build-action.mjs. Do not edit: run `npm run build:action`.
import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
const require = __mgCreateRequire(import.meta.url);
const __filename = __mgFileURLToPath(import.meta.url);
const __dirname = __mgDirname(__filename);
import {
  reportMessage
} from "./chunk-PCFPHZTP.js";

// src/lint/suppressions.ts
var PATTERN = /^(?:--|\/\*)\s*(migration-guard|squawk)-ignore(-file)?(?![\w-])([\s\S]*)$/;
function parseSuppressions(comments, resolveId) {
  const out = [];
  for (const c of comments) {
    if (!c.text.includes("-ignore")) continue;
    const m = PATTERN.exec(c.text.trim());
    if (!m) continue;
    const tool = m[1];
    const list = m[3].replace(/\*\/\s*$/, "").split(":")[0].split(/\s--/)[0];
    const ids = list.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean).map((written) => ({ written, rules: resolveId(tool, written) ?? [], used: false }));
    out.push({
      tool,
      ...c.range,
      scope: m[2] ? "file" : "statement",
      ids,
      rules: [...new Set(ids.flatMap((i) => i.rules))],
      unknown: ids.filter((i) => i.rules.length === 0).map((i) => i.written),
      used: false
    });
  }
  return out;
}
var before = (a, b) => a.line < b.line || a.line === b.line && a.column < b.column;
function targetSpan(s, spans) {
  const end = { line: s.endLine, column: s.endColumn - 1 };
  return spans.find((sp) => before(end, sp));
}
function suppresses(s, target, rule, at) {
  if (s.scope === "file") {
    if (s.ids.length === 0) {
      s.used = true;
      return true;
    }
  } else {
    if (!target) return false;
    const inside = !before(at, target) && !before({ line: target.endLine, column: target.endColumn }, at);
    if (!inside) return false;
  }
  let hit = false;
  for (const id of s.ids) {
    if (id.rules.includes(rule)) {
      id.used = true;
      hit = true;
    }
  }
  if (hit) s.used = true;
  return hit;
}
var resolvers = /* @__PURE__ */ new WeakMap();
function makeIdResolver(allRules) {
  let resolver = resolvers.get(allRules);
  if (!resolver) resolvers.set(allRules, resolver = buildIdResolver(allRules));
  return resolver;
}
function buildIdResolver(allRules) {
  const ours = new Set(allRules.map((r) => r.meta.id));
  const squawk = /* @__PURE__ */ new Map();
  for (const r of allRules) {
    for (const s of r.meta.squawk ?? []) squawk.set(s, [...squawk.get(s) ?? [], r.meta.id]);
  }
  return (tool, id) => {
    const mapped = squawk.get(id) ?? [];
    if (tool === "squawk") return mapped.length ? mapped : ours.has(id) ? [id] : void 0;
    if (ours.has(id)) return [id];
    return mapped.length ? mapped : void 0;
  };
}
function applySuppressions(raw, suppressions, spans) {
  if (suppressions.length === 0) return raw.slice();
  const targets = suppressions.map((s) => s.scope === "statement" ? targetSpan(s, spans) : void 0);
  return raw.filter((f) => {
    let silenced = false;
    suppressions.forEach((s, k) => {
      if (suppresses(s, targets[k], f.rule, f)) silenced = true;
    });
    return !silenced;
  });
}
function reportUnused(suppressions, spans, severityOf, add) {
  for (const s of suppressions) {
    if (s.tool !== "migration-guard") continue;
    const range = { line: s.line, column: s.column, endLine: s.endLine, endColumn: s.endColumn };
    const directive = s.scope === "file" ? "migration-guard-ignore-file" : "migration-guard-ignore";
    if (s.ids.length === 0) {
      if (s.scope === "statement") add("unused-suppression", range, `${directive} names no rule: list the rule ids it should silence for the next statement`);
      else if (!s.used) add("unused-suppression", range, `${directive} silences nothing: no rule reports anything in this file`);
      continue;
    }
    const unknown = s.ids.filter((i) => i.rules.length === 0).map((i) => i.written);
    const unused = s.ids.filter((i) => i.rules.length > 0 && !i.used && i.rules.some((r) => severityOf.has(r))).map((i) => i.written);
    if (unknown.length) add("unused-suppression", range, `${directive}: unknown rule id${unknown.length > 1 ? "s" : ""} ${unknown.map((u) => `"${u}"`).join(", ")}`);
    if (unused.length) {
      const where = s.scope === "file" ? "in this file" : describeTarget(targetSpan(s, spans));
      add("unused-suppression", range, `${directive} ${unused.join(", ")} silences nothing: no such finding ${where}; remove it`);
    }
  }
}
function describeTarget(span) {
  if (!span) return "(no statement follows the comment)";
  return span.line === span.endLine ? `on the next statement (line ${span.line})` : `on the next statement (lines ${span.line}\u2013${span.endLine})`;
}

// src/lint/collect.ts
function fileFindings(source, migration, enabled, allRules) {
  const severityOf = new Map(enabled.map((e) => [e.rule.meta.id, e.severity]));
  const helpOf = new Map(allRules.map((r) => [r.meta.id, r.meta.fix]));
  const raw = [];
  const add = (rule, range, message, statement) => {
    const severity = severityOf.get(rule);
    if (!severity) return;
    const sql = source.lineMap && statement ? { statement: statement.sql } : {};
    raw.push({ rule, severity, file: source.file, ...range, message, help: helpOf.get(rule) ?? "", ...migration ? { migration } : {}, ...sql });
  };
  return {
    add,
    report(rule, r, range, statement) {
      let message;
      try {
        message = reportMessage(rule.meta, r);
      } catch (err) {
        message = `rule ${rule.meta.id} reported an unknown message: ${err.message}`;
      }
      add(rule.meta.id, range, message, statement);
    },
    failed(rule, range, err, where) {
      add("internal-error", range, `rule ${rule.meta.id} failed ${where}: ${err?.message ?? String(err)}`);
    },
    finish(comments, spans) {
      const suppressions = parseSuppressions(comments, makeIdResolver(allRules));
      const kept = applySuppressions(raw, suppressions, spans);
      const before2 = raw.length;
      reportUnused(suppressions, spans, severityOf, add);
      const unused = raw.slice(before2);
      return [...kept, ...unused].sort((a, b) => a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
    }
  };
}

export {
  fileFindings
};
