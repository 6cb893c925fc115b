// Statements that would act on the machine the database server runs on, found
// statically in the parsed SQL (DO blocks, function bodies and literal EXECUTE
// strings included, as src/sql/parse.ts exposes them). Migration SQL comes from
// pull requests: with `--database local` the server is a process on this host,
// running as the `postgres` OS user, so `COPY … TO PROGRAM` is a shell command
// here; with `url` it is someone else's server. Verify refuses those two unless
// `--allow-host-access` (config `verify.allowHostAccess`). PGlite (WASM, an
// in-memory file system) and containers keep such statements inside them.
//
// Pure: no I/O. Best effort by nature: SQL assembled at run time (EXECUTE of a
// variable or format()) cannot be read statically; see the README's isolation section.

import { UsageError } from '../errors';
import { parseSql } from '../sql/parse';
import { as, str, walk } from '../sql/ast';
import type { Node } from '../sql/nodes';
import type { Migration, SqlSource, Statement } from '../types';
import type { DatabaseKind } from './databases/types';

/** One statement that reaches outside the database. */
export interface HostAccess {
  file: string;
  line: number;
  column: number;
  /** What it is, e.g. `COPY … TO PROGRAM (runs a shell command)`. */
  construct: string;
  /**
   * `host`: reaches the server's machine (files, programs, libraries, network): refused on local and url.
   * `cluster`: changes what every database on the server shares (roles, databases, tablespaces, settings,
   * other sessions): harmless in a throwaway server, refused on url, where the server is someone else's.
   */
  scope: 'host' | 'cluster';
}

/** Server-side functions that read, list or write files on the server's host (or open connections from it). */
const HOST_FUNCTIONS: Record<string, string> = {
  pg_read_file: 'reads a file on the server host',
  pg_read_binary_file: 'reads a file on the server host',
  pg_ls_dir: 'lists a directory on the server host',
  pg_stat_file: 'reads file metadata on the server host',
  pg_ls_logdir: 'lists a directory on the server host',
  pg_ls_waldir: 'lists a directory on the server host',
  pg_ls_tmpdir: 'lists a directory on the server host',
  pg_ls_archive_statusdir: 'lists a directory on the server host',
  lo_import: 'reads a file on the server host',
  lo_export: 'writes a file on the server host',
  pg_file_write: 'writes a file on the server host (adminpack)',
  pg_file_rename: 'renames a file on the server host (adminpack)',
  pg_file_unlink: 'deletes a file on the server host (adminpack)',
  pg_file_sync: 'syncs a file on the server host (adminpack)',
  pg_logdir_ls: 'lists a directory on the server host (adminpack)',
  dblink_connect: 'opens a connection from the server (dblink)',
  dblink_connect_u: 'opens a connection from the server (dblink)',
  dblink: 'opens a connection from the server (dblink)',
  dblink_exec: 'opens a connection from the server (dblink)',
};

/** Extensions that reach the host's files or network, or are untrusted procedural languages. */
const HOST_EXTENSIONS: Record<string, string> = {
  file_fdw: 'reads server files and runs programs',
  adminpack: 'writes and deletes server files',
  dblink: 'opens connections from the server',
  postgres_fdw: 'opens connections from the server',
  plpython3u: 'untrusted language: code runs as the server OS user',
  plpythonu: 'untrusted language: code runs as the server OS user',
  plpython2u: 'untrusted language: code runs as the server OS user',
  plperlu: 'untrusted language: code runs as the server OS user',
  pltclu: 'untrusted language: code runs as the server OS user',
  plsh: 'untrusted language: code runs as the server OS user',
  plr: 'untrusted language: code runs as the server OS user',
};

/** Languages whose functions run arbitrary code as the server's OS user (C: a shared library from the host). */
const HOST_LANGUAGES = new Set(['c', 'plpython3u', 'plpythonu', 'plpython2u', 'plperlu', 'pltclu', 'plsh', 'plr', 'plv8u', 'pljavau']);

/** Settings that load shared libraries from the host's disk. */
const LIBRARY_SETTINGS = new Set(['session_preload_libraries', 'local_preload_libraries', 'shared_preload_libraries', 'dynamic_library_path']);

/** Predefined roles that grant file and program access. */
const HOST_ROLES = new Set(['pg_execute_server_program', 'pg_read_server_files', 'pg_write_server_files']);

/** Server functions that act on the whole server or other sessions. */
const CLUSTER_FUNCTIONS: Record<string, string> = {
  pg_terminate_backend: 'ends another session',
  pg_cancel_backend: "cancels another session's query",
  pg_reload_conf: 'reloads the server configuration',
  pg_rotate_logfile: 'rotates the server log',
  pg_switch_wal: 'switches the WAL file',
  pg_create_restore_point: 'writes a restore point',
  pg_create_physical_replication_slot: 'creates a replication slot',
  pg_create_logical_replication_slot: 'creates a replication slot',
  pg_drop_replication_slot: 'drops a replication slot',
  pg_promote: 'promotes a standby',
  pg_stat_reset_shared: 'resets server-wide statistics',
};

/** Object types stored once per server (shared catalogs). */
const SHARED_OBJECTS: Record<string, string> = { OBJECT_ROLE: 'ROLE', OBJECT_DATABASE: 'DATABASE', OBJECT_TABLESPACE: 'TABLESPACE' };

const SHARED = '(shared by every database on the server)';

/** Every statement in the source that would act on the server's host or on what its databases share, in file order. */
export function hostAccessIn(source: SqlSource): HostAccess[] {
  const out: HostAccess[] = [];
  const seen = new Set<string>();
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

/** Host access in every file verify would run for these migrations: ups, extra ups and downs. */
export function hostAccessInMigrations(migrations: readonly Migration[]): HostAccess[] {
  const out: HostAccess[] = [];
  const done = new Set<string>();
  for (const m of migrations) {
    for (const src of [m.up, ...(m.extraUp ?? []), ...(m.down ? [m.down] : [])]) {
      const key = `${src.file}:${src.firstLine}`;
      if (done.has(key)) continue;
      done.add(key);
      out.push(...hostAccessIn(src));
    }
  }
  return out;
}

/**
 * Whether `sql` holds a COPY … TO/FROM PROGRAM (also in a DO block or literal EXECUTE). PGlite
 * cannot run one (WebAssembly has no processes): FROM PROGRAM never returns and TO PROGRAM leaves
 * the embedded database unable to answer the next statement, so its provider refuses them up front.
 * Cheap for everything else: only SQL mentioning PROGRAM is parsed; false when the parser is not loaded.
 */
export function hasCopyProgram(sql: string): boolean {
  if (!/program/i.test(sql)) return false;
  try {
    return hostAccessIn({ file: '', text: sql, firstLine: 1 }).some((f) => /^COPY … (TO|FROM) PROGRAM/.test(f.construct));
  } catch {
    return false;
  }
}

/** Whether a provider runs statements outside an isolated sandbox: `local` (this host) and `url` (a server that is not ours). */
export function actsOnHost(kind: DatabaseKind): boolean {
  return kind === 'local' || kind === 'url';
}

/** The findings that matter on a provider: host access on local and url; cluster-wide changes on url too. */
export function refusedOn(kind: DatabaseKind, found: HostAccess[]): HostAccess[] {
  return found.filter((f) => (f.scope === 'host' ? actsOnHost(kind) : kind === 'url'));
}

/** The refusal: exit 2 (a UsageError), naming each file, line and construct. */
export class HostAccessError extends UsageError {
  override name = 'HostAccessError';
  constructor(
    readonly kind: DatabaseKind,
    readonly found: HostAccess[],
  ) {
    super(refusalMessage(kind, found));
  }
}

/** Throws HostAccessError when statements that matter on `kind` (see refusedOn) were found and not allowed. */
export function checkHostAccess(kind: DatabaseKind, found: HostAccess[], allow: boolean): void {
  const refused = refusedOn(kind, found);
  if (refused.length && !allow) throw new HostAccessError(kind, refused);
}

const SHOWN = 20;

/** The message of a refusal (exported for the docs and tests). */
export function refusalMessage(kind: DatabaseKind, found: HostAccess[]): string {
  const where = kind === 'local' ? 'the throwaway server runs on this machine as the postgres OS user' : 'the server at --database-url is not a sandbox this run owns: only the scratch database is';
  const lines = found.slice(0, SHOWN).map((f) => `  ${f.file}:${f.line}:${f.column}: ${f.construct}`);
  if (found.length > SHOWN) lines.push(`  … and ${found.length - SHOWN} more`);
  return [
    `refusing to verify with --database ${kind}: ${found.length === 1 ? 'a statement' : `${found.length} statements`} would act outside the database (${where}):`,
    ...lines,
    'Verify in an isolated database instead (--database pglite or --database container), or, if you trust these migrations, ' + 'pass --allow-host-access (config: verify.allowHostAccess: true).',
  ].join('\n');
}

/** The constructs in one parsed statement, with the line/column of each. */
function constructsIn(st: Statement): Omit<HostAccess, 'file'>[] {
  const out: Omit<HostAccess, 'file'>[] = [];
  const at = (location: number | undefined, construct: string, scope: HostAccess['scope'] = 'host') => out.push({ ...position(st, location), construct, scope });
  const shared = (construct: string) => at(undefined, `${construct} ${SHARED}`, 'cluster');
  walk(st.node === undefined ? undefined : { [st.kind]: st.node }, (key, body) => {
    const node = { [key]: body } as unknown as Node; // read with as(node, kind): typed, and rare here
    switch (key) {
      case 'CopyStmt': {
        const n = as(node, 'CopyStmt')!;
        if (typeof n.filename === 'string') {
          const dir = n.is_from ? 'FROM' : 'TO';
          at(undefined, n.is_program ? `COPY … ${dir} PROGRAM (runs a shell command on the server host)` : `COPY … ${dir} '${n.filename}' (a file on the server host)`);
        }
        break;
      }
      case 'FuncCall': {
        const n = as(node, 'FuncCall')!;
        const name = (str(n.funcname?.at(-1)) ?? '').toLowerCase();
        if (HOST_FUNCTIONS[name]) at(n.location, `${name}() (${HOST_FUNCTIONS[name]})`);
        if (CLUSTER_FUNCTIONS[name]) at(n.location, `${name}() (${CLUSTER_FUNCTIONS[name]})`, 'cluster');
        if (name === 'set_config') {
          const setting = String(as(n.args?.[0], 'A_Const')?.sval?.sval ?? '').toLowerCase();
          if (LIBRARY_SETTINGS.has(setting)) at(n.location, `set_config('${setting}', …) (loads shared libraries from the server host)`);
        }
        break;
      }
      case 'CreateExtensionStmt': {
        const name = String(as(node, 'CreateExtensionStmt')!.extname ?? '').toLowerCase();
        if (HOST_EXTENSIONS[name]) at(undefined, `CREATE EXTENSION ${name} (${HOST_EXTENSIONS[name]})`);
        break;
      }
      case 'CreatePLangStmt': {
        const n = as(node, 'CreatePLangStmt')!;
        const name = String(n.plname ?? '').toLowerCase();
        // `CREATE [OR REPLACE] LANGUAGE plpgsql` in old migrations names the built-in language: harmless.
        if (name !== 'plpgsql') at(undefined, `CREATE ${n.pltrusted ? 'TRUSTED ' : ''}LANGUAGE ${name} (loads a handler library; its code runs as the server OS user)`);
        break;
      }
      case 'CreateFunctionStmt':
      case 'DoStmt': {
        const opts = (key === 'DoStmt' ? as(node, 'DoStmt')?.args : as(node, 'CreateFunctionStmt')?.options) ?? [];
        const lang = opts.map((o) => as(o, 'DefElem')).find((d) => d?.defname === 'language');
        const name = String(str(lang?.arg) ?? '').toLowerCase();
        if (HOST_LANGUAGES.has(name)) {
          const what = key === 'DoStmt' ? 'DO block' : 'function';
          at(lang?.location, name === 'c' ? `${what} in LANGUAGE c (loads a shared library from the server host)` : `${what} in LANGUAGE ${name} (untrusted: runs as the server OS user)`);
        }
        break;
      }
      case 'AlterSystemStmt':
        at(undefined, 'ALTER SYSTEM (writes the server configuration file)');
        return false; // its SET is part of it
      case 'VariableSetStmt': {
        const name = String(as(node, 'VariableSetStmt')!.name ?? '').toLowerCase();
        if (LIBRARY_SETTINGS.has(name)) at(undefined, `SET ${name} (loads shared libraries from the server host)`);
        break;
      }
      case 'AlterDatabaseSetStmt':
      case 'AlterRoleSetStmt': {
        // their `setstmt` is a bare VariableSetStmt body (no wrapping key)
        const name = String((as(node, 'AlterDatabaseSetStmt') ?? as(node, 'AlterRoleSetStmt'))?.setstmt?.name ?? '').toLowerCase();
        if (LIBRARY_SETTINGS.has(name)) at(undefined, `SET ${name} (loads shared libraries from the server host)`);
        else shared(key === 'AlterRoleSetStmt' ? 'ALTER ROLE … SET' : 'ALTER DATABASE … SET');
        break;
      }
      case 'LoadStmt':
        at(undefined, `LOAD '${as(node, 'LoadStmt')!.filename ?? ''}' (loads a shared library from the server host)`);
        break;
      case 'CreateRoleStmt':
      case 'AlterRoleStmt': {
        const verb = key === 'CreateRoleStmt' ? 'CREATE' : 'ALTER';
        const options = (as(node, 'CreateRoleStmt') ?? as(node, 'AlterRoleStmt'))?.options ?? [];
        const superuser = options.map((o) => as(o, 'DefElem')).find((d) => d?.defname === 'superuser' && as(d.arg, 'Boolean')?.boolval === true);
        if (superuser) at(superuser.location, `${verb} ROLE … SUPERUSER (a superuser can run programs and read files on the server host)`);
        else shared(`${verb} ROLE`);
        break;
      }
      case 'DropRoleStmt':
        shared('DROP ROLE');
        break;
      case 'GrantRoleStmt': {
        const n = as(node, 'GrantRoleStmt')!;
        const roles = (n.granted_roles ?? []).map((r) => String(as(r, 'AccessPriv')?.priv_name ?? '').toLowerCase());
        const host = roles.find((r) => HOST_ROLES.has(r));
        if (host) at(undefined, `GRANT ${host} (file or program access on the server host)`);
        else shared(`${n.is_grant ? 'GRANT' : 'REVOKE'} role membership`);
        break;
      }
      case 'CreatedbStmt':
        shared('CREATE DATABASE');
        break;
      case 'DropdbStmt':
        shared('DROP DATABASE');
        break;
      case 'AlterDatabaseStmt':
      case 'AlterDatabaseRefreshCollStmt':
        shared('ALTER DATABASE');
        break;
      case 'DropTableSpaceStmt':
        shared('DROP TABLESPACE');
        break;
      case 'AlterTableSpaceOptionsStmt':
        shared('ALTER TABLESPACE');
        break;
      case 'ReassignOwnedStmt':
        shared('REASSIGN OWNED');
        break;
      case 'DropOwnedStmt':
        shared('DROP OWNED');
        break;
      case 'RenameStmt': {
        const object = SHARED_OBJECTS[as(node, 'RenameStmt')!.renameType ?? ''];
        if (object) shared(`ALTER ${object} … RENAME`);
        break;
      }
      case 'AlterOwnerStmt': {
        const object = SHARED_OBJECTS[as(node, 'AlterOwnerStmt')!.objectType ?? ''];
        if (object) shared(`ALTER ${object} … OWNER`);
        break;
      }
      case 'CommentStmt':
      case 'SecLabelStmt': {
        const object = SHARED_OBJECTS[(as(node, 'CommentStmt') ?? as(node, 'SecLabelStmt'))?.objtype ?? ''];
        if (object) shared(`${key === 'CommentStmt' ? 'COMMENT' : 'SECURITY LABEL'} ON ${object}`);
        break;
      }
      case 'GrantStmt': {
        const grant = as(node, 'GrantStmt')!;
        const object = SHARED_OBJECTS[grant.objtype ?? ''];
        if (object) shared(`${grant.is_grant ? 'GRANT' : 'REVOKE'} … ON ${object}`);
        break;
      }
      case 'CreateTableSpaceStmt':
        at(undefined, `CREATE TABLESPACE … LOCATION '${as(node, 'CreateTableSpaceStmt')!.location ?? ''}' (a directory on the server host)`);
        break;
      case 'CreateSubscriptionStmt':
        at(undefined, 'CREATE SUBSCRIPTION (the server connects out to another server)');
        break;
    }
    return true;
  });
  return out;
}

/**
 * Line/column of a byte `location` inside the statement's SQL, when that SQL is the
 * file text at the statement's range (top-level and non-dynamic embedded statements);
 * else the statement's start.
 */
function position(st: Statement, location: number | undefined): { line: number; column: number } {
  const start = { line: st.range.line, column: st.range.column };
  if (location === undefined || location < 0 || st.embedded?.dynamic) return start;
  const before = Buffer.from(st.sql, 'utf8').subarray(0, location).toString('utf8');
  const nl = before.lastIndexOf('\n');
  if (nl < 0) return { line: start.line, column: start.column + [...before].length };
  const lines = before.split('\n').length - 1;
  return { line: start.line + lines, column: [...before.slice(nl + 1)].length + 1 };
}
