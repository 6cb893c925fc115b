// Which DEFAULT expressions are volatile. Postgres 11+ stores a non-volatile
// DEFAULT of a new column in the catalog (no rewrite); a volatile one is
// evaluated per row, so the table is rewritten under ACCESS EXCLUSIVE.
// The built-in list is pg_proc's volatile functions (PG 18) that can sensibly
// appear in a DEFAULT, plus volatile functions of common extensions.

import type { LintContext } from './context';
import { as, nodesOf, option, str } from '../sql/ast';
import type { Node } from '../sql/nodes';

/** Built-in (PG 18 pg_catalog) and common-extension functions whose volatility is VOLATILE. */
export const VOLATILE_FUNCTIONS: ReadonlySet<string> = new Set([
  // pg_catalog, provolatile = 'v'
  'clock_timestamp',
  'timeofday',
  'random',
  'random_normal',
  'setseed',
  'gen_random_uuid',
  'uuidv4',
  'uuidv7',
  'nextval',
  'currval',
  'lastval',
  'setval',
  'array_shuffle',
  'array_sample',
  'set_config',
  'txid_status',
  'lo_creat',
  'lo_create',
  'lo_import',
  'lo_from_bytea',
  // uuid-ossp (v3/v5 are IMMUTABLE)
  'uuid_generate_v1',
  'uuid_generate_v1mc',
  'uuid_generate_v4',
  // pgcrypto
  'gen_random_bytes',
  'gen_salt',
  // pg_uuidv7 and similar id generators
  'uuid_generate_v7',
  'uuid_v7',
]);

export type Volatility = 'volatile' | 'stable' | 'immutable';

/** Declared volatility of functions created earlier in the file (unset = VOLATILE, as Postgres defaults). */
export function functionsCreatedEarlier(ctx: LintContext): Map<string, Volatility> {
  const out = new Map<string, Volatility>();
  for (const st of ctx.statements.slice(0, ctx.index)) {
    if (st.embedded?.in === 'function') continue; // runs when called, not during the migration
    if (st.kind !== 'CreateFunctionStmt' || st.node.is_procedure) continue;
    const name = str(st.node.funcname?.at(-1))?.toLowerCase();
    if (!name) continue;
    const v = str(option(st.node.options, 'volatility'))?.toLowerCase();
    out.set(name, v === 'immutable' || v === 'stable' ? v : 'volatile');
  }
  return out;
}

/**
 * The first volatile function an expression calls (`random`, `nextval`, …), or
 * undefined. Functions created earlier in the file count with their declared
 * volatility; other unknown functions are assumed non-volatile (their
 * definition is not visible here).
 */
export function volatileCallIn(expr: Node | undefined, ctx: LintContext): string | undefined {
  const declared = functionsCreatedEarlier(ctx);
  for (const call of nodesOf(expr, 'FuncCall')) {
    const name = str(call.funcname?.at(-1))?.toLowerCase();
    if (!name) continue;
    const v = declared.get(name) ?? (VOLATILE_FUNCTIONS.has(name) ? 'volatile' : undefined);
    if (v === 'volatile') return name;
  }
  return undefined;
}

/** Whether an expression is a plain NULL literal (`DEFAULT NULL`, `DEFAULT NULL::text`). */
export function isNullLiteral(expr: Node | undefined): boolean {
  const e = as(expr, 'TypeCast')?.arg ?? expr;
  return as(e, 'A_Const')?.isnull === true;
}
