// Which CREATE FUNCTION bodies run during the migration: those the same file calls.

import type { Statement } from '../types';
import { bareName, funcName, nameOf, nodesOf } from '../sql/ast';
import type { pg } from '../sql/nodes';

/**
 * Indexes of statements inside the body of a function that this same file also
 * calls (`SELECT f()`, `CALL p()`, `PERFORM f()` in a DO block): a helper created,
 * run and dropped by the migration runs during the migration after all, so
 * every rule checks its body (in the context of its definition).
 */
export function calledBodies(statements: readonly Statement[]): Set<number> {
  const out = new Set<number>();
  const bodies = new Map<string, number[]>();
  let parentName = '';
  statements.forEach((st, i) => {
    if (!st.embedded) {
      parentName = st.kind === 'CreateFunctionStmt' ? bareName(nameOf(st.node.funcname)) : '';
    } else if (st.embedded.in === 'function' && parentName) {
      bodies.set(parentName, [...(bodies.get(parentName) ?? []), i]);
    }
  });
  if (bodies.size === 0) return out;
  for (const st of statements) {
    if (st.embedded?.in === 'function' || st.kind === 'CreateFunctionStmt') continue;
    const sql = st.sql.toLowerCase();
    if (![...bodies.keys()].some((name) => sql.includes(name))) continue;
    const called = (fn: pg.FuncCall | undefined) => {
      for (const i of bodies.get(bareName(funcName(fn))) ?? []) out.add(i);
    };
    if (st.kind === 'CallStmt') called(st.node.funccall); // a typed field: not wrapped as { FuncCall }
    for (const call of nodesOf(st.node, 'FuncCall')) called(call);
  }
  return out;
}
