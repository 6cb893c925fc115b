import { defineRule } from '../src/lint/rule';
import type { Statement } from '../src/types';
import { alterCommands, alterCommandsOn, as, nameOf, relationName, str } from '../src/sql/ast';
import type { pg } from '../src/sql/nodes';
import { isNewObject } from '../src/lint/created';
import type { CreationKind } from '../src/lint/context';

/** The objects this rule covers (tables, columns, indexes, schemas and databases have rules of their own). */
const KINDS: Record<string, string> = {
  OBJECT_VIEW: 'view',
  OBJECT_FUNCTION: 'function',
  OBJECT_PROCEDURE: 'procedure',
  OBJECT_ROUTINE: 'routine',
  OBJECT_TYPE: 'type',
  OBJECT_DOMAIN: 'domain',
  OBJECT_SEQUENCE: 'sequence',
  OBJECT_TRIGGER: 'trigger',
  OBJECT_POLICY: 'policy',
  OBJECT_EXTENSION: 'extension',
};

/** The kind created.ts records each of them under. */
const CREATION: Record<string, CreationKind> = {
  view: 'view',
  function: 'function',
  procedure: 'function',
  routine: 'function',
  type: 'type',
  domain: 'type',
  sequence: 'sequence',
  trigger: 'trigger',
  policy: 'policy',
  extension: 'extension',
};

/** The last part of a dropped object's name (`public.f(int)` → f, `orders.audit` trigger → audit). */
function droppedName(o: pg.Node): string {
  const withArgs = as(o, 'ObjectWithArgs');
  if (withArgs) return nameOf(withArgs.objname).split('.').pop()!;
  const list = as(o, 'List');
  if (list) return str(list.items?.at(-1)) ?? '';
  const type = as(o, 'TypeName');
  if (type) return nameOf(type.names).split('.').pop()!;
  return str(o) ?? '';
}

/** What a statement creates, as (kind, last name part), for the kinds above. */
function creates(s: Statement): [string, string] | undefined {
  const last = (names: pg.Node[] | undefined) => nameOf(names).split('.').pop()!;
  switch (s.kind) {
    case 'ViewStmt':
      return ['view', s.node.view?.relname ?? ''];
    case 'CreateFunctionStmt':
      return [s.node.is_procedure ? 'procedure' : 'function', last(s.node.funcname)];
    case 'CreateEnumStmt':
    case 'CreateRangeStmt':
      return ['type', last(s.node.typeName)];
    case 'CompositeTypeStmt':
      return ['type', s.node.typevar?.relname ?? ''];
    case 'CreateDomainStmt':
      return ['domain', last(s.node.domainname)];
    case 'CreateSeqStmt':
      return ['sequence', s.node.sequence?.relname ?? ''];
    case 'CreateTrigStmt':
      return ['trigger', s.node.trigname ?? ''];
    case 'CreatePolicyStmt':
      return ['policy', s.node.policy_name ?? ''];
    case 'CreateExtensionStmt':
      return ['extension', s.node.extname ?? ''];
    default:
      return undefined;
  }
}

/** DROP of a view, function, type, trigger, policy … (or a column DEFAULT) that the migration does not re-create. */
export default defineRule({
  meta: {
    id: 'dropping-object',
    severity: 'warning',
    summary: 'Dropping a view, function, type, trigger, policy or default that running code may still use',
    why: "During a deploy the previous release keeps running against the new schema, and a rollback runs it again: a view it selects from, a function it calls, a type it casts to, a sequence it reads (`nextval`) or an extension it relies on is gone, and every such query fails. A dropped trigger or policy fails silently instead: audit rows stop, or row level security lets different rows through. A dropped column DEFAULT makes the old release's inserts, which omit the column, store NULL (or fail on NOT NULL). Drops that the same migration re-creates (the usual replace pattern) and objects it created are not reported.",
    fix: 'Expand/contract: ship code that no longer uses the object, then drop it in a later migration (say so with an ignore comment). To change an object in place, replace it instead of dropping it:\n\n```sql\nCREATE OR REPLACE VIEW active_users AS SELECT id, email FROM users WHERE deleted_at IS NULL;\nCREATE OR REPLACE FUNCTION order_total(bigint) RETURNS numeric LANGUAGE sql AS $$ SELECT 0::numeric $$;\n-- release 2, once no running code uses it:\n-- migration-guard-ignore dropping-object: unused since release 1\nDROP FUNCTION legacy_total(bigint);\n```',
    examples: {
      bad: ['DROP VIEW active_users;', 'DROP FUNCTION IF EXISTS legacy_total(bigint);', 'DROP TRIGGER orders_audit ON orders;', 'ALTER TABLE orders ALTER COLUMN status DROP DEFAULT;'],
      good: [
        'DROP FUNCTION IF EXISTS order_total(bigint);\nCREATE FUNCTION order_total(bigint) RETURNS numeric LANGUAGE sql AS $$ SELECT 0::numeric $$;',
        'DROP TRIGGER orders_audit ON orders;\nCREATE TRIGGER orders_audit AFTER UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION audit();',
        'CREATE VIEW tmp_v AS SELECT 1;\nDROP VIEW tmp_v;',
        "ALTER TABLE orders ALTER COLUMN status DROP DEFAULT;\nALTER TABLE orders ALTER COLUMN status SET DEFAULT 'new';",
      ],
    },
    messages: {
      dropped: '{{Kind}} {{name}} is dropped and not re-created: the previous release (during the deploy, or after a rollback) {{effect}}',
      dropDefault: "The DEFAULT of {{table}}.{{column}} is dropped: the previous release's inserts that omit {{column}} now store NULL (or fail if it is NOT NULL)",
    },
  },
  create: ({ report, statements }) => ({
    DropStmt(n, _statement, ctx) {
      const kind = KINDS[n.removeType ?? ''];
      if (!kind) return;
      const later = statements.slice(ctx.index + 1).map(creates);
      for (const o of n.objects ?? []) {
        const name = droppedName(o);
        // Created by this migration (for a down: by its up): nothing running uses it yet.
        if (!name || ctx.isNew(name) || isNewObject(ctx, CREATION[kind] ?? 'type', name)) continue;
        if (later.some((c) => c && (c[0] === kind || (kind === 'routine' && (c[0] === 'function' || c[0] === 'procedure'))) && c[1] === name)) continue;
        const effect =
          kind === 'trigger' || kind === 'policy'
            ? `relies on it, and nothing says it is gone: ${kind === 'trigger' ? 'what it did stops silently' : 'the rows it filtered change silently'}`
            : 'fails on every query that uses it';
        report({ messageId: 'dropped', data: { Kind: kind[0].toUpperCase() + kind.slice(1), name, effect } });
      }
    },
    AlterTableStmt(n, _statement, ctx) {
      const table = relationName(n.relation);
      if (!table || ctx.isNew(table)) return;
      const later = alterCommandsOn(statements, table, ctx.index + 1);
      for (const cmd of alterCommands(n)) {
        if (cmd.subtype !== 'AT_ColumnDefault' || cmd.def || !cmd.name) continue;
        const setAgain = later.some((c) => c.subtype === 'AT_ColumnDefault' && c.name === cmd.name && c.def);
        if (!setAgain) report({ messageId: 'dropDefault', data: { table, column: cmd.name } });
      }
    },
  }),
});
