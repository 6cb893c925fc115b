// Which captured statements are the framework's own business rather than the
// migration's: session settings, catalog probes and advisory locks, and
// anything on the framework's version and lock tables. They stay in the
// trace; they are not linted or replayed.

import { walk } from '../sql/ast';
import type { VersionTable } from './segment';
import type { CapturedStatement } from './statements';

const SESSION_KINDS = new Set(['VariableShowStmt', 'ConstraintsSetStmt', 'DiscardStmt', 'DeallocateStmt', 'ListenStmt', 'UnlistenStmt', 'PrepareStmt']);

/** Settings drivers send when they connect; a migration's own SET (lock_timeout, search_path) is kept. */
const DRIVER_SETTINGS = new Set(['client_min_messages', 'standard_conforming_strings', 'intervalstyle', 'timezone', 'client_encoding', 'datestyle', 'application_name', 'extra_float_digits', 'bytea_output', 'jit', 'names', 'default_transaction_isolation', 'transaction_isolation', 'default_transaction_read_only', 'transaction_read_only']);

/** Functions a read-only probe may call (advisory locks included: the framework's own mutex). */
const PROBE_FUNCTION = /^(pg_|current_|session_user$|version$|to_reg|has_|format_type$|obj_description$|col_description$|set_config$|array_|unnest$|quote_ident$|lower$|upper$|coalesce$|count$|max$|min$|now$)/i;

/** The framework's own statement: not linted, not replayed. */
export function isFrameworkNoise(s: CapturedStatement, table: VersionTable): boolean {
  if (SESSION_KINDS.has(s.kind)) return true;
  if (s.kind === 'VariableSetStmt') return DRIVER_SETTINGS.has(String(s.node?.name ?? '').toLowerCase()) || s.node?.kind === 'VAR_RESET_ALL' || isDefaultSearchPath(s.node);
  if (s.kind === 'SelectStmt' && !s.node?.intoClause && onlyProbes(s.node)) return true;
  const own = new Set([table.table, ...(table.internal ?? [])].map((t) => t.toLowerCase()));
  return touches(s.node).some((t) => own.has(t));
}

/** `SET search_path TO public` (node-pg-migrate at connect): the default path, a no-op. */
function isDefaultSearchPath(node: any): boolean {
  if (String(node?.name ?? '').toLowerCase() !== 'search_path' || !node.args?.length) return false;
  return node.args.every((a: any) => ['public', '$user'].includes(a?.A_Const?.sval?.sval ?? ''));
}

/** A statement that opens or ends a transaction block (or a savepoint). */
export function isTransactionControl(s: CapturedStatement): boolean {
  return s.kind === 'TransactionStmt';
}

/** Lower-cased unqualified names of every relation a statement names. */
function touches(node: any): string[] {
  const out: string[] = [];
  const visit = (n: any): void => {
    if (Array.isArray(n)) return n.forEach(visit);
    if (!n || typeof n !== 'object') return;
    if (typeof n.relname === 'string') out.push(n.relname.toLowerCase());
    for (const v of Object.values(n)) visit(v);
  };
  visit(node);
  return out;
}

/** Calls nothing but probe functions (or nothing at all). */
function onlyProbes(node: any): boolean {
  let ok = true;
  walk(node, (kind, body) => {
    if (kind !== 'FuncCall') return;
    const name = (body.funcname ?? []).map((n: any) => n?.String?.sval ?? '').at(-1) ?? '';
    if (!PROBE_FUNCTION.test(name)) ok = false;
  });
  return ok;
}
