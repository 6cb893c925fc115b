// migration-guard GitHub Action, bundled by scripts/build-action.mjs. Do not edit: run `npm run build:action`.
import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
const require = __mgCreateRequire(import.meta.url);
const __filename = __mgFileURLToPath(import.meta.url);
const __dirname = __mgDirname(__filename);
import {
  UsageError
} from "./chunk-WEIKHWOF.js";
import {
  as,
  parseSql,
  str,
  walk
} from "./chunk-L63O7JR3.js";

// src/verify/host-access.ts
var HOST_FUNCTIONS = {
  pg_read_file: "reads a file on the server host",
  pg_read_binary_file: "reads a file on the server host",
  pg_ls_dir: "lists a directory on the server host",
  pg_stat_file: "reads file metadata on the server host",
  pg_ls_logdir: "lists a directory on the server host",
  pg_ls_waldir: "lists a directory on the server host",
  pg_ls_tmpdir: "lists a directory on the server host",
  pg_ls_archive_statusdir: "lists a directory on the server host",
  lo_import: "reads a file on the server host",
  lo_export: "writes a file on the server host",
  pg_file_write: "writes a file on the server host (adminpack)",
  pg_file_rename: "renames a file on the server host (adminpack)",
  pg_file_unlink: "deletes a file on the server host (adminpack)",
  pg_file_sync: "syncs a file on the server host (adminpack)",
  pg_logdir_ls: "lists a directory on the server host (adminpack)",
  dblink_connect: "opens a connection from the server (dblink)",
  dblink_connect_u: "opens a connection from the server (dblink)",
  dblink: "opens a connection from the server (dblink)",
  dblink_exec: "opens a connection from the server (dblink)"
};
var HOST_EXTENSIONS = {
  file_fdw: "reads server files and runs programs",
  adminpack: "writes and deletes server files",
  dblink: "opens connections from the server",
  postgres_fdw: "opens connections from the server",
  plpython3u: "untrusted language: code runs as the server OS user",
  plpythonu: "untrusted language: code runs as the server OS user",
  plpython2u: "untrusted language: code runs as the server OS user",
  plperlu: "untrusted language: code runs as the server OS user",
  pltclu: "untrusted language: code runs as the server OS user",
  plsh: "untrusted language: code runs as the server OS user",
  plr: "untrusted language: code runs as the server OS user"
};
var HOST_LANGUAGES = /* @__PURE__ */ new Set(["c", "plpython3u", "plpythonu", "plpython2u", "plperlu", "pltclu", "plsh", "plr", "plv8u", "pljavau"]);
var LIBRARY_SETTINGS = /* @__PURE__ */ new Set(["session_preload_libraries", "local_preload_libraries", "shared_preload_libraries", "dynamic_library_path"]);
var HOST_ROLES = /* @__PURE__ */ new Set(["pg_execute_server_program", "pg_read_server_files", "pg_write_server_files"]);
var CLUSTER_FUNCTIONS = {
  pg_terminate_backend: "ends another session",
  pg_cancel_backend: "cancels another session's query",
  pg_reload_conf: "reloads the server configuration",
  pg_rotate_logfile: "rotates the server log",
  pg_switch_wal: "switches the WAL file",
  pg_create_restore_point: "writes a restore point",
  pg_create_physical_replication_slot: "creates a replication slot",
  pg_create_logical_replication_slot: "creates a replication slot",
  pg_drop_replication_slot: "drops a replication slot",
  pg_promote: "promotes a standby",
  pg_stat_reset_shared: "resets server-wide statistics"
};
var SHARED_OBJECTS = { OBJECT_ROLE: "ROLE", OBJECT_DATABASE: "DATABASE", OBJECT_TABLESPACE: "TABLESPACE" };
var SHARED = "(shared by every database on the server)";
function hostAccessIn(source) {
  const out = [];
  const seen = /* @__PURE__ */ new Set();
  for (const st of parseSql(source).statements) {
    for (const f of constructsIn(st)) {
      const key = `${f.line}:${f.column}:${f.construct}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ file: source.file, ...f });
    }
  }
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}
function hostAccessInMigrations(migrations) {
  const out = [];
  const done = /* @__PURE__ */ new Set();
  for (const m of migrations) {
    for (const src of [m.up, ...m.extraUp ?? [], ...m.down ? [m.down] : []]) {
      const key = `${src.file}:${src.firstLine}`;
      if (done.has(key)) continue;
      done.add(key);
      out.push(...hostAccessIn(src));
    }
  }
  return out;
}
function hasCopyProgram(sql) {
  if (!/program/i.test(sql)) return false;
  try {
    return hostAccessIn({ file: "", text: sql, firstLine: 1 }).some((f) => /^COPY … (TO|FROM) PROGRAM/.test(f.construct));
  } catch {
    return false;
  }
}
function actsOnHost(kind) {
  return kind === "local" || kind === "url";
}
function refusedOn(kind, found) {
  return found.filter((f) => f.scope === "host" ? actsOnHost(kind) : kind === "url");
}
var HostAccessError = class extends UsageError {
  constructor(kind, found) {
    super(refusalMessage(kind, found));
    this.kind = kind;
    this.found = found;
  }
  kind;
  found;
  name = "HostAccessError";
};
function checkHostAccess(kind, found, allow) {
  const refused = refusedOn(kind, found);
  if (refused.length && !allow) throw new HostAccessError(kind, refused);
}
var SHOWN = 20;
function refusalMessage(kind, found) {
  const where = kind === "local" ? "the throwaway server runs on this machine as the postgres OS user" : "the server at --database-url is not a sandbox this run owns: only the scratch database is";
  const lines = found.slice(0, SHOWN).map((f) => `  ${f.file}:${f.line}:${f.column}: ${f.construct}`);
  if (found.length > SHOWN) lines.push(`  \u2026 and ${found.length - SHOWN} more`);
  return [
    `refusing to verify with --database ${kind}: ${found.length === 1 ? "a statement" : `${found.length} statements`} would act outside the database (${where}):`,
    ...lines,
    "Verify in an isolated database instead (--database pglite or --database container), or, if you trust these migrations, pass --allow-host-access (config: verify.allowHostAccess: true)."
  ].join("\n");
}
function constructsIn(st) {
  const out = [];
  const at = (location, construct, scope = "host") => out.push({ ...position(st, location), construct, scope });
  const shared = (construct) => at(void 0, `${construct} ${SHARED}`, "cluster");
  walk(st.node === void 0 ? void 0 : { [st.kind]: st.node }, (key, body) => {
    const node = { [key]: body };
    switch (key) {
      case "CopyStmt": {
        const n = as(node, "CopyStmt");
        if (typeof n.filename === "string") {
          const dir = n.is_from ? "FROM" : "TO";
          at(void 0, n.is_program ? `COPY \u2026 ${dir} PROGRAM (runs a shell command on the server host)` : `COPY \u2026 ${dir} '${n.filename}' (a file on the server host)`);
        }
        break;
      }
      case "FuncCall": {
        const n = as(node, "FuncCall");
        const name = (str(n.funcname?.at(-1)) ?? "").toLowerCase();
        if (HOST_FUNCTIONS[name]) at(n.location, `${name}() (${HOST_FUNCTIONS[name]})`);
        if (CLUSTER_FUNCTIONS[name]) at(n.location, `${name}() (${CLUSTER_FUNCTIONS[name]})`, "cluster");
        if (name === "set_config") {
          const setting = String(as(n.args?.[0], "A_Const")?.sval?.sval ?? "").toLowerCase();
          if (LIBRARY_SETTINGS.has(setting)) at(n.location, `set_config('${setting}', \u2026) (loads shared libraries from the server host)`);
        }
        break;
      }
      case "CreateExtensionStmt": {
        const name = String(as(node, "CreateExtensionStmt").extname ?? "").toLowerCase();
        if (HOST_EXTENSIONS[name]) at(void 0, `CREATE EXTENSION ${name} (${HOST_EXTENSIONS[name]})`);
        break;
      }
      case "CreatePLangStmt": {
        const n = as(node, "CreatePLangStmt");
        const name = String(n.plname ?? "").toLowerCase();
        if (name !== "plpgsql") at(void 0, `CREATE ${n.pltrusted ? "TRUSTED " : ""}LANGUAGE ${name} (loads a handler library; its code runs as the server OS user)`);
        break;
      }
      case "CreateFunctionStmt":
      case "DoStmt": {
        const opts = (key === "DoStmt" ? as(node, "DoStmt")?.args : as(node, "CreateFunctionStmt")?.options) ?? [];
        const lang = opts.map((o) => as(o, "DefElem")).find((d) => d?.defname === "language");
        const name = String(str(lang?.arg) ?? "").toLowerCase();
        if (HOST_LANGUAGES.has(name)) {
          const what = key === "DoStmt" ? "DO block" : "function";
          at(lang?.location, name === "c" ? `${what} in LANGUAGE c (loads a shared library from the server host)` : `${what} in LANGUAGE ${name} (untrusted: runs as the server OS user)`);
        }
        break;
      }
      case "AlterSystemStmt":
        at(void 0, "ALTER SYSTEM (writes the server configuration file)");
        return false;
      // its SET is part of it
      case "VariableSetStmt": {
        const name = String(as(node, "VariableSetStmt").name ?? "").toLowerCase();
        if (LIBRARY_SETTINGS.has(name)) at(void 0, `SET ${name} (loads shared libraries from the server host)`);
        break;
      }
      case "AlterDatabaseSetStmt":
      case "AlterRoleSetStmt": {
        const name = String((as(node, "AlterDatabaseSetStmt") ?? as(node, "AlterRoleSetStmt"))?.setstmt?.name ?? "").toLowerCase();
        if (LIBRARY_SETTINGS.has(name)) at(void 0, `SET ${name} (loads shared libraries from the server host)`);
        else shared(key === "AlterRoleSetStmt" ? "ALTER ROLE \u2026 SET" : "ALTER DATABASE \u2026 SET");
        break;
      }
      case "LoadStmt":
        at(void 0, `LOAD '${as(node, "LoadStmt").filename ?? ""}' (loads a shared library from the server host)`);
        break;
      case "CreateRoleStmt":
      case "AlterRoleStmt": {
        const verb = key === "CreateRoleStmt" ? "CREATE" : "ALTER";
        const options = (as(node, "CreateRoleStmt") ?? as(node, "AlterRoleStmt"))?.options ?? [];
        const superuser = options.map((o) => as(o, "DefElem")).find((d) => d?.defname === "superuser" && as(d.arg, "Boolean")?.boolval === true);
        if (superuser) at(superuser.location, `${verb} ROLE \u2026 SUPERUSER (a superuser can run programs and read files on the server host)`);
        else shared(`${verb} ROLE`);
        break;
      }
      case "DropRoleStmt":
        shared("DROP ROLE");
        break;
      case "GrantRoleStmt": {
        const n = as(node, "GrantRoleStmt");
        const roles = (n.granted_roles ?? []).map((r) => String(as(r, "AccessPriv")?.priv_name ?? "").toLowerCase());
        const host = roles.find((r) => HOST_ROLES.has(r));
        if (host) at(void 0, `GRANT ${host} (file or program access on the server host)`);
        else shared(`${n.is_grant ? "GRANT" : "REVOKE"} role membership`);
        break;
      }
      case "CreatedbStmt":
        shared("CREATE DATABASE");
        break;
      case "DropdbStmt":
        shared("DROP DATABASE");
        break;
      case "AlterDatabaseStmt":
      case "AlterDatabaseRefreshCollStmt":
        shared("ALTER DATABASE");
        break;
      case "DropTableSpaceStmt":
        shared("DROP TABLESPACE");
        break;
      case "AlterTableSpaceOptionsStmt":
        shared("ALTER TABLESPACE");
        break;
      case "ReassignOwnedStmt":
        shared("REASSIGN OWNED");
        break;
      case "DropOwnedStmt":
        shared("DROP OWNED");
        break;
      case "RenameStmt": {
        const object = SHARED_OBJECTS[as(node, "RenameStmt").renameType ?? ""];
        if (object) shared(`ALTER ${object} \u2026 RENAME`);
        break;
      }
      case "AlterOwnerStmt": {
        const object = SHARED_OBJECTS[as(node, "AlterOwnerStmt").objectType ?? ""];
        if (object) shared(`ALTER ${object} \u2026 OWNER`);
        break;
      }
      case "CommentStmt":
      case "SecLabelStmt": {
        const object = SHARED_OBJECTS[(as(node, "CommentStmt") ?? as(node, "SecLabelStmt"))?.objtype ?? ""];
        if (object) shared(`${key === "CommentStmt" ? "COMMENT" : "SECURITY LABEL"} ON ${object}`);
        break;
      }
      case "GrantStmt": {
        const grant = as(node, "GrantStmt");
        const object = SHARED_OBJECTS[grant.objtype ?? ""];
        if (object) shared(`${grant.is_grant ? "GRANT" : "REVOKE"} \u2026 ON ${object}`);
        break;
      }
      case "CreateTableSpaceStmt":
        at(void 0, `CREATE TABLESPACE \u2026 LOCATION '${as(node, "CreateTableSpaceStmt").location ?? ""}' (a directory on the server host)`);
        break;
      case "CreateSubscriptionStmt":
        at(void 0, "CREATE SUBSCRIPTION (the server connects out to another server)");
        break;
    }
    return true;
  });
  return out;
}
function position(st, location) {
  const start = { line: st.range.line, column: st.range.column };
  if (location === void 0 || location < 0 || st.embedded?.dynamic) return start;
  const before = Buffer.from(st.sql, "utf8").subarray(0, location).toString("utf8");
  const nl = before.lastIndexOf("\n");
  if (nl < 0) return { line: start.line, column: start.column + [...before].length };
  const lines = before.split("\n").length - 1;
  return { line: start.line + lines, column: [...before.slice(nl + 1)].length + 1 };
}

export {
  hostAccessIn,
  hostAccessInMigrations,
  hasCopyProgram,
  actsOnHost,
  refusedOn,
  HostAccessError,
  checkHostAccess,
  refusalMessage
};
