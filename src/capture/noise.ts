// Which captured statements are the framework's own business rather than the
// migration's: session settings, catalog probes and advisory locks, and
// anything on the framework's version and lock tables. They stay in the
// trace; they are not linted or replayed.

import { as, nodesOf, str } from '../sql/ast';
import type { pg } from '../sql/nodes';
import type { CapturedStatement } from './statements';

/** How a framework records its migrations (one per framework, src/frameworks/). */
export interface VersionTable {
  /** The table, unqualified, as the framework names it (`alembic_version`). */
  table: string;
  /** The framework's id of the migration from the row's column values (`app.name` for Django). */
  idOf(row: Record<string, string>): string | undefined;
  /** Further tables of the framework's own (locks, metadata) whose statements are noise. */
  internal?: string[];
}

const SESSION_KINDS = new Set(['VariableShowStmt', 'ConstraintsSetStmt', 'DiscardStmt', 'DeallocateStmt', 'ListenStmt', 'UnlistenStmt', 'PrepareStmt']);

/** Settings drivers send when they connect; a migration's own SET (lock_timeout, search_path) is kept. */
const DRIVER_SETTINGS = new Set([
  'client_min_messages',
  'standard_conforming_strings',
  'intervalstyle',
  'timezone',
  'client_encoding',
  'datestyle',
  'application_name',
  'extra_float_digits',
  'bytea_output',
  'jit',
  'names',
  'default_transaction_isolation',
  'transaction_isolation',
  'default_transaction_read_only',
  'transaction_read_only',
]);

/** Functions a read-only probe may call (advisory locks included: the framework's own mutex). */
const PROBE_FUNCTION =
  /^(pg_|current_|session_user$|version$|to_reg|has_|format_type$|obj_description$|col_description$|set_config$|array_|unnest$|quote_ident$|lower$|upper$|coalesce$|count$|max$|min$|now$)/i;

/** The framework's own statement: not linted, not replayed. */
export function isFrameworkNoise(s: CapturedStatement, table: VersionTable): boolean {
  if (SESSION_KINDS.has(s.kind)) return true;
  if (s.kind === 'VariableSetStmt') return DRIVER_SETTINGS.has(String(s.node.name ?? '').toLowerCase()) || s.node.kind === 'VAR_RESET_ALL' || isDefaultSearchPath(s.node);
  if (s.kind === 'SelectStmt' && !s.node?.intoClause && onlyProbes(s.node)) return true;
  const own = new Set([table.table, ...(table.internal ?? [])].map((t) => t.toLowerCase()));
  return touches(s.node).some((t) => own.has(t));
}

/** `SET search_path TO public` (node-pg-migrate at connect): the default path, a no-op. */
function isDefaultSearchPath(node: pg.VariableSetStmt): boolean {
  if (String(node.name ?? '').toLowerCase() !== 'search_path' || !node.args?.length) return false;
  return node.args.every((a) => ['public', '$user'].includes(as(a, 'A_Const')?.sval?.sval ?? ''));
}

/** Lower-cased unqualified names of every relation a statement names. */
function touches(node: unknown): string[] {
  const out: string[] = [];
  // Any object with a relname (RangeVar bodies sit unwrapped in typed fields).
  const visit = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(visit);
    if (!n || typeof n !== 'object') return;
    const relname = (n as { relname?: unknown }).relname;
    if (typeof relname === 'string') out.push(relname.toLowerCase());
    for (const v of Object.values(n)) visit(v);
  };
  visit(node);
  return out;
}

/** Calls nothing but probe functions (or nothing at all). */
function onlyProbes(node: pg.SelectStmt): boolean {
  return nodesOf(node, 'FuncCall').every((call) => PROBE_FUNCTION.test(str(call.funcname?.at(-1)) ?? ''));
}
