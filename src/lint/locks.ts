// Which tables a statement locks ACCESS EXCLUSIVE, from the Postgres docs'
// lock tables (https://www.postgresql.org/docs/current/sql-altertable.html and
// explicit-locking.html). Used by the context to know what a transaction holds.

import type { Statement } from '../types';
import { alterCommands, relationName } from '../sql/ast';

// ALTER TABLE subcommands that take less than ACCESS EXCLUSIVE.
const WEAKER_ALTER_SUBTYPES = new Set([
  'AT_ValidateConstraint', // SHARE UPDATE EXCLUSIVE
  'AT_SetStatistics',
  'AT_SetOptions',
  'AT_ResetOptions',
  'AT_ClusterOn',
  'AT_DropCluster',
  'AT_SetRelOptions', // most storage params: SHARE UPDATE EXCLUSIVE
  'AT_ResetRelOptions',
  'AT_EnableTrig', // SHARE ROW EXCLUSIVE
  'AT_DisableTrig',
  'AT_EnableTrigAll',
  'AT_DisableTrigAll',
  'AT_EnableTrigUser',
  'AT_DisableTrigUser',
  'AT_AttachPartition', // SHARE UPDATE EXCLUSIVE on the parent
  'AT_DetachPartitionFinalize',
]);

/** Tables the statement takes ACCESS EXCLUSIVE on (qualified names as written). */
export function accessExclusiveTables(statement: Statement): string[] {
  const n = statement.node;
  switch (statement.kind) {
    case 'AlterTableStmt': {
      if (n.objtype !== 'OBJECT_TABLE' && n.objtype !== 'OBJECT_MATVIEW') return [];
      const cmds = alterCommands(n);
      const strong = cmds.some((c) => {
        if (WEAKER_ALTER_SUBTYPES.has(c.subtype)) return false;
        if (c.subtype === 'AT_DetachPartition' && c.def?.PartitionCmd?.concurrent) return false;
        // ADD FOREIGN KEY takes SHARE ROW EXCLUSIVE on both tables.
        if (c.subtype === 'AT_AddConstraint' && c.def?.Constraint?.contype === 'CONSTR_FOREIGN') return false;
        return true;
      });
      const name = relationName(n.relation);
      return strong && name ? [name] : [];
    }
    case 'DropStmt':
      if (n.removeType === 'OBJECT_TABLE' || n.removeType === 'OBJECT_MATVIEW') {
        return (n.objects ?? []).map((o: any) => (o.List?.items ?? []).map((s: any) => s.String?.sval).join('.'));
      }
      return [];
    case 'TruncateStmt':
      return (n.relations ?? []).map((r: any) => relationName(r.RangeVar)).filter(Boolean);
    case 'LockStmt':
      if ((n.mode ?? 8) === 8) return (n.relations ?? []).map((r: any) => relationName(r.RangeVar)).filter(Boolean);
      return [];
    case 'RenameStmt':
      return n.relation ? [relationName(n.relation)!] : [];
    case 'ClusterStmt':
      return n.relation ? [relationName(n.relation)!] : [];
    case 'VacuumStmt': {
      const full = (n.options ?? []).some((o: any) => o.DefElem?.defname === 'full');
      return full ? (n.rels ?? []).map((r: any) => relationName(r.VacuumRelation?.relation)).filter(Boolean) : [];
    }
    case 'RefreshMatViewStmt':
      return n.concurrent ? [] : [relationName(n.relation)!].filter(Boolean);
    default:
      return [];
  }
}
