// migration-guard GitHub Action, bundled by scripts/build-action.mjs. Do not edit: run `npm run build:action`.
import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
const require = __mgCreateRequire(import.meta.url);
const __filename = __mgFileURLToPath(import.meta.url);
const __dirname = __mgDirname(__filename);
import {
  applySuppressions,
  makeIdResolver,
  parseSuppressions,
  reportUnused
} from "./chunk-T6C3D7WO.js";
import {
  sqliteFileOf,
  sqliteUrlOf
} from "./chunk-WFXCGOL5.js";
import {
  parseSqlite
} from "./chunk-YFHPBY3G.js";
import {
  SqliteSchema,
  entityName,
  pragmaOn,
  pragmaValue,
  reportMessage,
  sqliteKey,
  versionAtLeast
} from "./chunk-N6ZVUDJT.js";
import "./chunk-CC3LKNC6.js";
import "./chunk-P6Q5PN73.js";

// src/sqlite/lint.ts
var DEFAULT_SQLITE_OPTIONS = { sqliteVersion: "3.45.0", transactional: false };
function lintSqliteFile(input, enabled, allRules, options = DEFAULT_SQLITE_OPTIONS) {
  const { source } = input;
  const schema = input.schema ?? new SqliteSchema();
  const severityOf = new Map(enabled.map((e) => [e.rule.meta.id, e.severity]));
  const helpOf = new Map(allRules.map((r) => [r.meta.id, r.meta.fix]));
  const raw = [];
  const add = (rule, range, message, statement) => {
    const severity = severityOf.get(rule);
    if (!severity) return;
    const sql = source.lineMap && statement ? { statement: statement.sql } : {};
    raw.push({ rule, severity, file: source.file, ...range, message, help: helpOf.get(rule) ?? "", ...input.migration ? { migration: input.migration } : {}, ...sql });
  };
  const startRange = { line: source.firstLine, column: 1, endLine: source.firstLine, endColumn: 1 };
  const parsed = parseSqlite(source);
  for (const p of parsed.problems) {
    if (!p.unsupportedAlter) add("syntax-error", p.range, p.message);
    else if (p.unsupportedAlter === "never" || !versionAtLeast(options.sqliteVersion, p.unsupportedAlter))
      add("sqlite-unsupported-alter", p.range, p.unsupportedAlter === "never" ? p.message : `${p.message}; the target is ${options.sqliteVersion} (sqliteVersion)`);
    else add("skipped-statement", p.range, `not linted: SQLite ${p.unsupportedAlter} added this ALTER TABLE form after the SQL grammar migration-guard parses with (verify runs it)`);
  }
  const { statements } = parsed;
  let current;
  const visitors = [];
  for (const { rule } of enabled) {
    if (!rule.createSqlite) continue;
    try {
      const report = (r) => add(rule.meta.id, r.range ?? current?.range ?? statements.at(-1)?.range ?? startRange, messageOf(rule, r), current);
      visitors.push({ rule, visitor: rule.createSqlite({ options, statements, report }) });
    } catch (err) {
      add("internal-error", startRange, `rule ${rule.meta.id} failed before the first statement: ${err?.message ?? err}`);
    }
  }
  const state = { inTransaction: input.transactional ?? options.transactional, foreignKeys: "unknown", createdHere: /* @__PURE__ */ new Set() };
  const context = () => ({ schema, inTransaction: state.inTransaction, foreignKeys: state.foreignKeys, createdHere: state.createdHere });
  const guarded = (rule, range, where, fn) => {
    try {
      fn();
    } catch (err) {
      add("internal-error", range, `rule ${rule.meta.id} failed ${where}: ${err?.message ?? err}`);
    }
  };
  for (const statement of statements) {
    current = statement;
    const ctx = context();
    for (const { rule, visitor } of visitors) {
      const handler = visitor[statement.kind];
      if (handler) guarded(rule, statement.range, "on this statement", () => handler(statement.node, statement, ctx));
      const every = visitor["*"];
      if (every) guarded(rule, statement.range, "on this statement", () => every(statement, ctx));
    }
    advance(state, statement);
    schema.apply(statement);
  }
  current = void 0;
  const end = context();
  for (const { rule, visitor } of visitors) {
    const fn = visitor.end;
    if (fn) guarded(rule, statements.at(-1)?.range ?? startRange, "at the end of the file", () => fn(end));
  }
  const suppressions = parseSuppressions(parsed.comments, makeIdResolver(allRules));
  const kept = applySuppressions(raw, suppressions, parsed.spans);
  const before = raw.length;
  reportUnused(suppressions, parsed.spans, severityOf, add);
  const findings = [...kept, ...raw.slice(before)].sort((a, b) => a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
  return { findings, schema };
}
function messageOf(rule, r) {
  try {
    return reportMessage(rule.meta, r);
  } catch (err) {
    return `rule ${rule.meta.id} reported an unknown message: ${err.message}`;
  }
}
function advance(state, s) {
  const n = s.node;
  if (n.type === "start_transaction_stmt") state.inTransaction = true;
  else if (n.type === "commit_transaction_stmt" || n.type === "rollback_transaction_stmt") state.inTransaction = false;
  else if (n.type === "create_table_stmt") state.createdHere.add(sqliteKey(entityName(n.name)));
  else if (n.type === "pragma_stmt" && n.pragma.type === "pragma_assignment" && sqliteKey(entityName(n.pragma.name)) === "foreign_keys" && !state.inTransaction) {
    state.foreignKeys = pragmaOn(pragmaValue(n.pragma)) ? "on" : "off";
  }
}

// src/sqlite/run.ts
import { setFlagsFromString } from "node:v8";
async function sqliteLinter(config, progress, paths) {
  setFlagsFromString("--max-optimized-bytecode-size=20000");
  const version = config.sqliteVersion ?? await (await import("./chunk-VYC4LHKW.js")).engineVersion();
  progress(`dialect: sqlite (rules for SQLite ${version}${config.sqliteVersion ? "" : ", the version verify runs; set sqliteVersion for your oldest"})`);
  const schema = new SqliteSchema();
  return {
    lint(source, m, isDown, enabled, allRules) {
      const result = lintSqliteFile(
        { source, migration: m.id, schema: isDown ? schema.clone() : schema, transactional: isDown ? m.downTransactional ?? m.transactional : m.transactional },
        enabled,
        allRules,
        {
          sqliteVersion: version,
          transactional: m.transactional
        }
      );
      return result.findings;
    },
    replay(m) {
      for (const source of [m.up, ...m.extraUp ?? []]) for (const st of parseSqlite(source).statements) schema.apply(st);
    },
    async verify(migrations, cfg, progress2) {
      const { verifySqliteMigrations } = await import("./chunk-R2NKHU2E.js");
      const project = paths.find((p) => sqliteUrlOf(p) !== void 0);
      const from = project ? sqliteFileOf(sqliteUrlOf(project), project) : void 0;
      return await verifySqliteMigrations(migrations, { seedRows: cfg.verify.seedRows, log: progress2, ...from ? { from } : {} });
    },
    async discover(path, shown, framework, cfg, context) {
      const { captureSqliteFramework } = await import("./chunk-WNCOLDTV.js");
      return captureSqliteFramework(path, shown, framework, cfg, context);
    }
  };
}
export {
  sqliteLinter
};
