// Constraints an ALTER TABLE adds to an existing table, whether written as
// ADD CONSTRAINT or inline in ADD COLUMN: the shared walk of the rules about
// constraints whose index is built under ACCESS EXCLUSIVE (primary key, unique).

import type { Statement } from '../types';
import type { LintContext } from './context';
import { alterCommands, as, columnConstraints, relationName } from '../sql/ast';
import type { pg } from '../sql/nodes';

export interface AddedConstraint {
  /** The table as written (schema-qualified when it was). */
  table: string;
  /** The Constraint node body. */
  constraint: pg.Constraint;
  /** Set when the constraint came inline with ADD COLUMN: that column's name. */
  column?: string;
}

/** Constraints of `contype` (e.g. `CONSTR_UNIQUE`) that the statement adds to a table that existed before this migration. */
export function constraintsAddedToExistingTable(statement: Statement, ctx: LintContext, contype: string): AddedConstraint[] {
  if (statement.kind !== 'AlterTableStmt' || statement.node.objtype !== 'OBJECT_TABLE' || ctx.isNew(statement.node.relation?.relname)) return [];
  const table = relationName(statement.node.relation) ?? '';
  const out: AddedConstraint[] = [];
  for (const cmd of alterCommands(statement.node)) {
    if (cmd.subtype === 'AT_AddConstraint') {
      const con = as(cmd.def, 'Constraint');
      if (con?.contype === contype) out.push({ table, constraint: con });
    } else if (cmd.subtype === 'AT_AddColumn') {
      const col = as(cmd.def, 'ColumnDef');
      const con = columnConstraints(col).find((c) => c.contype === contype);
      if (con) out.push({ table, constraint: con, column: col?.colname });
    }
  }
  return out;
}
