import { defineRule } from '../src/lint/rule';
import { as, nameOf, relationName } from '../src/sql/ast';
import type { pg } from '../src/sql/nodes';
import { isNewObject, isNewSchema } from '../src/lint/created';

/** Renames this rule covers (tables, columns and enum values have rules of their own). */
const KINDS: Record<string, string> = {
  OBJECT_VIEW: 'view',
  OBJECT_MATVIEW: 'materialized view',
  OBJECT_FUNCTION: 'function',
  OBJECT_PROCEDURE: 'procedure',
  OBJECT_TYPE: 'type',
  OBJECT_DOMAIN: 'domain',
  OBJECT_SEQUENCE: 'sequence',
  OBJECT_SCHEMA: 'schema',
  OBJECT_TABLE: 'table',
  OBJECT_FOREIGN_TABLE: 'foreign table',
};

/** The name a RenameStmt or AlterObjectSchemaStmt acts on. */
function objectName(relation: pg.RangeVar | undefined, object: pg.Node | undefined, subname?: string): string {
  if (relation) return relationName(relation) ?? '';
  const withArgs = as(object, 'ObjectWithArgs');
  if (withArgs) return nameOf(withArgs.objname);
  const list = as(object, 'List');
  if (list) return nameOf(list.items);
  return (as(object, 'String')?.sval ?? subname) || '';
}

/** Renaming a view, function, type, sequence or schema, or moving any object to another schema. */
export default defineRule({
  meta: {
    id: 'renaming-object',
    severity: 'warning',
    work: 'lock',
    summary: 'Renaming a view, function, type, sequence or schema, or moving an object to another schema',
    why: 'Code addresses database objects by name. While the deploy rolls out, and after a rollback, the previous release still uses the old name: the view it selects from, the function it calls, the type it casts to or the schema it qualifies with no longer exists under that name, and every such query fails. `ALTER … SET SCHEMA` is a rename of the qualified name. Objects created in the same migration are not reported.',
    fix: 'Expand/contract: create the new object beside the old one (a view or function can simply exist under both names for a release), switch the code, then drop the old name in a later migration:\n\n```sql\n-- release 1\nCREATE VIEW customer_totals AS SELECT * FROM client_totals;\n-- release 2, once no running code uses client_totals:\n-- migration-guard-ignore dropping-object: replaced by customer_totals in release 1\nDROP VIEW client_totals;\n```',
    examples: {
      bad: ['ALTER VIEW client_totals RENAME TO customer_totals;', 'ALTER FUNCTION total(bigint) RENAME TO order_total;', 'ALTER TABLE orders SET SCHEMA archive;'],
      good: ['CREATE VIEW v AS SELECT 1;\nALTER VIEW v RENAME TO w;', 'CREATE VIEW customer_totals AS SELECT * FROM client_totals;'],
    },
    messages: {
      renamed: '{{Kind}} {{name}} is renamed to {{to}}: the previous release (during the deploy, or after a rollback) still uses {{name}} and fails',
      moved: '{{name}} moves to schema {{to}}: the previous release still uses the old qualified name and fails',
    },
  },
  create: ({ report }) => ({
    RenameStmt(n, _statement, ctx) {
      const kind = KINDS[n.renameType ?? ''];
      // A table rename is renaming-table's; only its SET SCHEMA is this rule's.
      if (!kind || kind === 'table' || kind === 'foreign table') return;
      const name = objectName(n.relation, n.object, n.subname);
      if (!name || ctx.isNew(name) || (kind === 'schema' ? isNewSchema(ctx, name) : isNewObject(ctx, kind === 'function' || kind === 'procedure' ? 'function' : 'type', name))) return;
      report({ messageId: 'renamed', data: { Kind: kind[0].toUpperCase() + kind.slice(1), name, to: n.newname ?? '?' } });
    },
    AlterObjectSchemaStmt(n, _statement, ctx) {
      const name = objectName(n.relation, n.object);
      if (!name || ctx.isNew(name)) return;
      report({ messageId: 'moved', data: { name, to: n.newschema ?? '?' } });
    },
  }),
});
