// What a rule may know about where a statement stands. The engine builds one
// LintContext per migration file and advances it statement by statement, so
// rules stay pure functions of (statement, context).

import type { Statement } from '../types';
import type { LockMode } from './locks';

export interface LintOptions {
  /** Target Postgres major version (default 15). */
  pgVersion: number;
  /** Treat the file as wrapped in a transaction even without BEGIN (the framework does it). */
  assumeInTransaction: boolean;
}

export interface LintContext {
  readonly options: LintOptions;
  /** Target Postgres major version. */
  readonly pgVersion: number;
  /** All statements of the file, in order (top-level and embedded). */
  readonly statements: readonly Statement[];
  /** Index of the current statement in `statements`. */
  readonly index: number;
  /** Whether the current statement runs inside a transaction (explicit BEGIN, or the framework's). */
  readonly inTransaction: boolean;
  /** 1 inside a transaction opened by an explicit BEGIN in this file, else 0 (Postgres does not nest: a second BEGIN is ignored). */
  readonly explicitTransactionDepth: number;
  /** Whether the framework wraps the whole file in a transaction. */
  readonly frameworkTransaction: boolean;
  /**
   * The file is sent as one multi-statement query (golang-migrate, Prisma) and has
   * several statements: Postgres runs them as an implicit transaction block (atomic,
   * locks held to the end, CONCURRENTLY refused), even across a COMMIT in the file.
   */
  readonly implicitTransactionBlock: boolean;
  /** Lower-cased, schema-less names of tables created earlier in this migration (and the current one once it ran). */
  readonly createdTables: ReadonlySet<string>;
  /** Lower-cased names of indexes created earlier in this migration. */
  readonly createdIndexes: ReadonlySet<string>;
  /** Lower-cased names of other relations (views, sequences, types) created earlier. */
  readonly createdObjects: ReadonlySet<string>;
  /** `SET [LOCAL] lock_timeout` ran earlier in the file (in a way that still applies). */
  readonly lockTimeoutSet: boolean;
  /** `SET [LOCAL] statement_timeout` ran earlier in the file. */
  readonly statementTimeoutSet: boolean;
  /**
   * Tables on which an earlier statement in the current transaction took ACCESS EXCLUSIVE
   * (tables created in this migration excluded), with the line that took it.
   */
  readonly accessExclusiveHeld: ReadonlyMap<string, number>;
  /**
   * Tables on which an earlier statement in the current transaction took SHARE, SHARE ROW
   * EXCLUSIVE or EXCLUSIVE (writes wait, reads do not), with the line and the mode; tables
   * created in this migration excluded.
   */
  readonly writeBlockingHeld: ReadonlyMap<string, { line: number; mode: LockMode }>;
  /** Validated `CHECK (col IS NOT NULL)` constraints seen earlier: `table.column` lower-cased. */
  readonly notNullChecks: ReadonlySet<string>;
  /** Constraints added with NOT VALID earlier in the current transaction: `table.constraint` lower-cased. */
  readonly notValidInTransaction: ReadonlySet<string>;
  /**
   * Objects an earlier file of the same migration created: for a down, what its up
   * created (the version the down returns to never used them). Read through the
   * isNew* helpers in created.ts, which also seed `createdTables`/`isNew` from it.
   */
  readonly createdEarlier?: CreatedObjects;
  /** Whether `name` (any case, optionally schema-qualified) was created in this migration. */
  isNew(this: void, name: string | undefined | null): boolean;
  /**
   * False for statements inside a CREATE FUNCTION/PROCEDURE body: they run when the
   * function is called, not during the migration (DO blocks do run: true). The
   * engine only passes such statements to rules with `meta.lintsFunctionBodies`.
   * True again when the same file calls the function (`SELECT f()`, `CALL p()`,
   * `PERFORM f()`): then the body runs during the migration, and every rule sees it
   * (with the context of the function's definition).
   */
  readonly runsDuringMigration: boolean;
  /** The BEGIN / START TRANSACTION that opened the explicit transaction the statement runs in, if any. */
  readonly explicitTransactionStart: Statement | undefined;
  /** Whether `SET [LOCAL] lock_timeout` to a non-zero value applies here; the statement that set it. */
  readonly lockTimeoutStatement: Statement | undefined;
  /**
   * True the first time it is called with `key` in this file, false afterwards:
   * for rules that report once per file (e.g. missing-lock-timeout).
   */
  once(this: void, key: string): boolean;
}

/** What kind of object a migration created (lint/created.ts records them). */
export type CreationKind = 'table' | 'view' | 'sequence' | 'column' | 'constraint' | 'schema' | 'type' | 'enum-value' | 'database' | 'index' | 'function' | 'trigger' | 'policy' | 'extension';

export interface Creation {
  /** Statement index in the file; -1 for objects an earlier file (the migration's up) created. */
  index: number;
  kind: CreationKind;
  /** Lower-cased key: `table`, `table.column`, `table.constraint`, `type.value`. */
  key: string;
  /** For indexes: the lower-cased, schema-less table it is on. */
  on?: string;
}

/**
 * What a migration's up file(s) created, in a form the lint engine can hand to the
 * down: dropping those objects in the down cannot break the application version the
 * down returns to, which never used them. Opaque outside this module and the engine.
 */
export interface CreatedObjects {
  readonly creations: readonly Creation[];
}
