// Which relations a statement locks, and in which mode. From the Postgres docs
// (explicit-locking.html, the "Notes" of each ALTER/CREATE page) and checked on
// PostgreSQL 18 (PGlite) with pg_locks: BEGIN; <statement>; SELECT … FROM pg_locks.
// Observed there, among others: CREATE TABLE … PARTITION OF takes ACCESS
// EXCLUSIVE on the parent, ATTACH PARTITION only SHARE UPDATE EXCLUSIVE on the
// parent (ACCESS EXCLUSIVE on the attached table), DROP INDEX / DROP TRIGGER /
// CREATE POLICY / CREATE RULE take ACCESS EXCLUSIVE on the table, ADD FOREIGN KEY
// and CREATE TABLE … REFERENCES take SHARE ROW EXCLUSIVE on the referenced table.

import type { Statement } from '../types';
import { alterCommands, as, columnConstraints, nameOf, relationName } from '../sql/ast';
import type { Node, pg } from '../sql/nodes';

export type LockMode = 'AccessShare' | 'RowShare' | 'RowExclusive' | 'ShareUpdateExclusive' | 'Share' | 'ShareRowExclusive' | 'Exclusive' | 'AccessExclusive';

/** Postgres' numbering of lock modes (LOCKMODE): higher conflicts with more. */
export const LOCK_RANK: Record<LockMode, number> = {
  AccessShare: 1,
  RowShare: 2,
  RowExclusive: 3,
  ShareUpdateExclusive: 4,
  Share: 5,
  ShareRowExclusive: 6,
  Exclusive: 7,
  AccessExclusive: 8,
};

const MODE_BY_RANK = Object.fromEntries(Object.entries(LOCK_RANK).map(([k, v]) => [v, k])) as Record<number, LockMode>;

/** A lock a statement takes. `kind: 'index'` means the index is named, and the lock falls on its (unnamed) table. */
export interface TableLock {
  /** Qualified name as written. */
  relation: string;
  mode: LockMode;
  kind: 'table' | 'view' | 'index';
}

/** SQL spelling of a lock mode (`ACCESS EXCLUSIVE`). */
export function lockModeSql(mode: LockMode): string {
  return mode.replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase();
}

/** Whether the mode blocks writes (INSERT/UPDATE/DELETE) on the relation: SHARE and above. */
export function blocksWrites(mode: LockMode): boolean {
  return LOCK_RANK[mode] >= LOCK_RANK.Share;
}

// ALTER TABLE subcommands that take less than ACCESS EXCLUSIVE (tablecmds.c AlterTableGetLockLevel).
const ALTER_MODE: Record<string, LockMode> = {
  AT_ValidateConstraint: 'ShareUpdateExclusive',
  AT_SetStatistics: 'ShareUpdateExclusive',
  AT_SetOptions: 'ShareUpdateExclusive',
  AT_ResetOptions: 'ShareUpdateExclusive',
  AT_ClusterOn: 'ShareUpdateExclusive',
  AT_DropCluster: 'ShareUpdateExclusive',
  AT_SetRelOptions: 'ShareUpdateExclusive', // fillfactor, autovacuum_*, toast_tuple_target… (observed)
  AT_ResetRelOptions: 'ShareUpdateExclusive',
  AT_AttachPartition: 'ShareUpdateExclusive', // on the parent; the attached table gets ACCESS EXCLUSIVE
  AT_DetachPartitionFinalize: 'ShareUpdateExclusive',
  AT_EnableTrig: 'ShareRowExclusive',
  AT_EnableAlwaysTrig: 'ShareRowExclusive',
  AT_EnableReplicaTrig: 'ShareRowExclusive',
  AT_DisableTrig: 'ShareRowExclusive',
  AT_EnableTrigAll: 'ShareRowExclusive',
  AT_DisableTrigAll: 'ShareRowExclusive',
  AT_EnableTrigUser: 'ShareRowExclusive',
  AT_DisableTrigUser: 'ShareRowExclusive',
};

function max(a: LockMode | undefined, b: LockMode): LockMode {
  return a && LOCK_RANK[a] >= LOCK_RANK[b] ? a : b;
}

const dotted = (items: readonly Node[] | undefined) => nameOf(items);

/** Referenced tables of the FOREIGN KEY constraints among `constraints` (Constraint bodies). */
function referenced(constraints: readonly pg.Constraint[]): string[] {
  return constraints
    .filter((c) => c?.contype === 'CONSTR_FOREIGN')
    .map((c) => relationName(c.pktable))
    .filter((n): n is string => !!n);
}

/** Every relation lock the statement takes (strongest mode per relation), as far as the SQL tells. */
export function tableLocks(statement: Statement): TableLock[] {
  const out = new Map<string, TableLock>();
  const add = (relation: string | undefined, mode: LockMode, kind: TableLock['kind'] = 'table') => {
    if (!relation) return;
    const prev = out.get(relation);
    out.set(relation, { relation, mode: max(prev?.mode, mode), kind: prev?.kind ?? kind });
  };
  const { kind: statementKind, node: n } = statement;
  switch (statementKind) {
    case 'AlterTableStmt': {
      const kind = n.objtype === 'OBJECT_VIEW' ? 'view' : n.objtype === 'OBJECT_INDEX' ? 'index' : 'table';
      if (kind === 'index') break; // ALTER INDEX: a lock on the index only
      const name = relationName(n.relation);
      let mode: LockMode | undefined;
      for (const c of alterCommands(n)) {
        let m: LockMode = ALTER_MODE[c.subtype ?? ''] ?? 'AccessExclusive';
        const con = as(c.def, 'Constraint');
        if (c.subtype === 'AT_AddConstraint' && con?.contype === 'CONSTR_FOREIGN') m = 'ShareRowExclusive';
        if (c.subtype === 'AT_DetachPartition' && as(c.def, 'PartitionCmd')?.concurrent) m = 'ShareUpdateExclusive';
        if (c.subtype === 'AT_AttachPartition') add(relationName(as(c.def, 'PartitionCmd')?.name), 'AccessExclusive');
        if (c.subtype === 'AT_DetachPartition') add(relationName(as(c.def, 'PartitionCmd')?.name), m);
        const fks = con ? referenced([con]) : referenced(columnConstraints(as(c.def, 'ColumnDef')));
        for (const t of fks) add(t, 'ShareRowExclusive');
        mode = max(mode, m);
      }
      if (mode) add(name, mode, kind);
      break;
    }
    case 'IndexStmt':
      add(relationName(n.relation), n.concurrent ? 'ShareUpdateExclusive' : 'Share');
      break;
    case 'DropStmt': {
      const names: string[] = (n.objects ?? []).map((o) => dotted(as(o, 'List')?.items)).filter(Boolean);
      switch (n.removeType) {
        case 'OBJECT_TABLE':
        case 'OBJECT_MATVIEW':
        case 'OBJECT_FOREIGN_TABLE':
          for (const t of names) add(t, 'AccessExclusive');
          break;
        case 'OBJECT_VIEW':
          for (const t of names) add(t, 'AccessExclusive', 'view');
          break;
        case 'OBJECT_INDEX':
          for (const t of names) add(t, n.concurrent ? 'ShareUpdateExclusive' : 'AccessExclusive', 'index');
          break;
        case 'OBJECT_TRIGGER':
        case 'OBJECT_RULE':
        case 'OBJECT_POLICY':
          // objects: [schema?, table, name]
          for (const o of n.objects ?? []) add(dotted((as(o, 'List')?.items ?? []).slice(0, -1)), 'AccessExclusive');
          break;
      }
      break;
    }
    case 'TruncateStmt':
      for (const r of n.relations ?? []) add(relationName(as(r, 'RangeVar')), 'AccessExclusive');
      break;
    case 'LockStmt': {
      const mode = MODE_BY_RANK[n.mode ?? 8] ?? 'AccessExclusive';
      for (const r of n.relations ?? []) add(relationName(as(r, 'RangeVar')), mode);
      break;
    }
    case 'RenameStmt': {
      if (!n.relation) break;
      if (n.renameType === 'OBJECT_INDEX') break; // SHARE UPDATE EXCLUSIVE on the index only
      const view = n.renameType === 'OBJECT_VIEW' || n.renameType === 'OBJECT_MATVIEW' || n.relationType === 'OBJECT_VIEW';
      add(relationName(n.relation), 'AccessExclusive', view && n.renameType !== 'OBJECT_MATVIEW' && n.relationType !== 'OBJECT_MATVIEW' ? 'view' : 'table');
      break;
    }
    case 'ClusterStmt':
      add(relationName(n.relation), 'AccessExclusive');
      break;
    case 'VacuumStmt': {
      const full = (n.options ?? []).some((o) => as(o, 'DefElem')?.defname === 'full');
      if (!n.is_vacuumcmd) break; // ANALYZE: SHARE UPDATE EXCLUSIVE
      for (const r of n.rels ?? []) add(relationName(as(r, 'VacuumRelation')?.relation), full ? 'AccessExclusive' : 'ShareUpdateExclusive');
      break;
    }
    case 'RefreshMatViewStmt':
      add(relationName(n.relation), n.concurrent ? 'Exclusive' : 'AccessExclusive');
      break;
    case 'CreateTrigStmt':
      add(relationName(n.relation), 'ShareRowExclusive');
      break;
    case 'CreatePolicyStmt':
    case 'AlterPolicyStmt':
      add(relationName(n.table), 'AccessExclusive');
      break;
    case 'RuleStmt':
      add(relationName(n.relation), 'AccessExclusive');
      break;
    case 'CreateStmt': {
      const constraints: pg.Constraint[] = [];
      for (const el of n.tableElts ?? []) {
        const con = as(el, 'Constraint');
        if (con) constraints.push(con);
        constraints.push(...columnConstraints(as(el, 'ColumnDef')));
      }
      for (const t of referenced(constraints)) add(t, 'ShareRowExclusive');
      if (n.partbound) for (const p of n.inhRelations ?? []) add(relationName(as(p, 'RangeVar')), 'AccessExclusive');
      else for (const p of n.inhRelations ?? []) add(relationName(as(p, 'RangeVar')), 'ShareUpdateExclusive');
      break;
    }
    case 'ViewStmt':
      if (n.replace) add(relationName(n.view), 'AccessExclusive', 'view');
      break;
    case 'ReindexStmt': {
      const concurrent = (n.params ?? []).some((p) => as(p, 'DefElem')?.defname === 'concurrently');
      if (n.kind === 'REINDEX_OBJECT_TABLE') add(relationName(n.relation), concurrent ? 'ShareUpdateExclusive' : 'Share');
      if (n.kind === 'REINDEX_OBJECT_INDEX') add(relationName(n.relation), concurrent ? 'ShareUpdateExclusive' : 'AccessExclusive', 'index');
      break;
    }
  }
  return [...out.values()];
}

/** Tables (and materialized views) the statement takes ACCESS EXCLUSIVE on (qualified names as written). */
export function accessExclusiveTables(statement: Statement): string[] {
  return tableLocks(statement)
    .filter((l) => l.mode === 'AccessExclusive' && l.kind === 'table')
    .map((l) => l.relation);
}

/** Locks that block writes (SHARE and above) on relations that existed before this migration. */
export function strongLocksOnExisting(statement: Statement, isNew: (name: string) => boolean): TableLock[] {
  return tableLocks(statement).filter((l) => blocksWrites(l.mode) && !isNew(l.relation));
}

/** Human list of locks: `ACCESS EXCLUSIVE on users, SHARE ROW EXCLUSIVE on accounts`. */
export function describeLocks(locks: readonly TableLock[]): string {
  return locks.map((l) => `${lockModeSql(l.mode)} on ${l.kind === 'index' ? `the table of index ${l.relation}` : l.relation}`).join(', ');
}
