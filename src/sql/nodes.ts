// The libpg_query AST as TypeScript types (@pgsql/types, generated from the same
// protobuf definitions as the parser we load): `NodeOf<'IndexStmt'>` is the body
// under `{ IndexStmt: … }`, so a misspelt field is a compile error.

import type { Node } from '@pgsql/types';

export type * as pg from '@pgsql/types';
export type { Node } from '@pgsql/types';

type KeysOfUnion<T> = T extends unknown ? keyof T : never;

/** Every node kind the parser produces (`CreateStmt`, `ColumnDef`, `A_Const`…). */
export type NodeKind = KeysOfUnion<Node>;

/** The body of a node of kind K. */
export type NodeOf<K extends NodeKind> = Extract<Node, Record<K, unknown>>[K];

/** Kinds a top-level statement can have (the parser's `*Stmt` nodes). */
export type StatementKind = Extract<NodeKind, `${string}Stmt`>;

/** A statement's kind and its typed node body (the value under `kind`), e.g. `{ kind: 'IndexStmt', node: IndexStmt }`. */
export interface StatementNodeOf<K extends StatementKind> {
  kind: K;
  node: NodeOf<K>;
}

/** Kind and node of any statement, as a union narrowed by `kind`. */
export type StatementNode = { [K in StatementKind]: StatementNodeOf<K> }[StatementKind];

/**
 * The kind and body of a parsed statement wrapper (`{ CreateStmt: {...} }`): the one place
 * where the parser's JSON meets the types, so the kind is taken on the parser's word.
 */
export function statementNode(wrapped: unknown): StatementNode {
  const kind = Object.keys(wrapped ?? {})[0] ?? 'Unknown';
  return { kind, node: (wrapped as Record<string, unknown> | undefined)?.[kind] } as StatementNode;
}

/** The same pair, copied from a statement (keeps kind and node together for the type checker). */
export function kindAndNode(statement: StatementNode): StatementNode {
  return { kind: statement.kind, node: statement.node } as StatementNode;
}
