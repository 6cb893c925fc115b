// migration-guard GitHub Action, bundled by scripts/build-action.mjs. Do not edit: run `npm run build:action`.
import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
const require = __mgCreateRequire(import.meta.url);
const __filename = __mgFileURLToPath(import.meta.url);
const __dirname = __mgDirname(__filename);
import {
  fileFindings
} from "./chunk-CNTZ2VHD.js";
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
  sqliteKey,
  versionAtLeast
} from "./chunk-PCFPHZTP.js";
import "./chunk-CC3LKNC6.js";
import "./chunk-P6Q5PN73.js";

// src/sqlite/lint.ts
var DEFAULT_SQLITE_OPTIONS = { sqliteVersion: "3.45.0", transactional: false };
function lintSqliteFile(input, enabled, allRules, options = DEFAULT_SQLITE_OPTIONS) {
  const { source } = input;
  const schema = input.schema ?? new SqliteSchema();
  const collected = fileFindings(source, input.migration, enabled, allRules);
  const add = collected.add;
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
      const report = (r) => collected.report(rule, r, r.range ?? current?.range ?? statements.at(-1)?.range ?? startRange, current);
      visitors.push({ rule, visitor: rule.createSqlite({ options, statements, report }) });
    } catch (err) {
      collected.failed(rule, startRange, err, "before the first statement");
    }
  }
  const state = { inTransaction: input.transactional ?? options.transactional, foreignKeys: "unknown", createdHere: /* @__PURE__ */ new Set() };
  const context = () => ({ schema, inTransaction: state.inTransaction, foreignKeys: state.foreignKeys, createdHere: state.createdHere });
  const guarded = (rule, range, where, fn) => {
    try {
      fn();
    } catch (err) {
      collected.failed(rule, range, err, where);
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
  return { findings: collected.finish(parsed.comments, parsed.spans), schema };
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
      const { verifySqliteMigrations } = await import("./chunk-TSQ4XACJ.js");
      const project = paths.find((p) => sqliteUrlOf(p) !== void 0);
      const from = project ? sqliteFileOf(sqliteUrlOf(project), project) : void 0;
      return await verifySqliteMigrations(migrations, { seedRows: cfg.verify.seedRows, log: progress2, ...from ? { from } : {} });
    },
    async discover(path, shown, framework, cfg, context) {
      const { captureSqliteFramework } = await import("./chunk-25TAX5G7.js");
      return captureSqliteFramework(path, shown, framework, cfg, context);
    }
  };
}
export {
  sqliteLinter
};
