// What the current migration file itself created before a statement: tables,
// views, sequences (following renames), columns, constraints, schemas, types,
// enum values, databases, indexes. Dropping or renaming something the same
// migration created cannot break a running application, so breaking-change rules
// ask here first. The one record of creations: computed once per file, it also
// feeds the walker's sets behind LintContext.isNew (tables, indexes, views,
// sequences, types).

import type { CreatedObjects, Creation, CreationKind, LintContext } from './context';

export type { CreatedObjects } from './context';
import type { Statement } from '../types';
import { alterCommands, as, bareName, columnConstraints, nameOf, str } from '../sql/ast';
import type { Node } from '../sql/nodes';

type Kind = CreationKind;

const cache = new WeakMap<readonly Statement[], Creation[]>();

/** Every creation in the file, in statement order (computed once per file), after those of `earlier`. */
function creations(statements: readonly Statement[], earlier?: CreatedObjects): Creation[] {
  let list = cache.get(statements);
  if (!list) {
    list = collect(statements, earlier?.creations ?? []);
    cache.set(statements, list);
  }
  return list;
}

/** What each statement creates, by its index in the file (what the walker adds to LintContext's sets after it). */
export function creationsByStatement(statements: readonly Statement[], earlier?: CreatedObjects): Map<number, { kind: Kind; key: string }[]> {
  const out = new Map<number, { kind: Kind; key: string }[]>();
  for (const c of creations(statements, earlier)) {
    if (c.index < 0) continue;
    const list = out.get(c.index);
    if (list) list.push(c);
    else out.set(c.index, [c]);
  }
  return out;
}

/** The objects these statements create (the same walk the rules' isNew* use), to seed a later file's context. */
export function createdObjects(statements: readonly Statement[], earlier?: CreatedObjects): CreatedObjects {
  return { creations: creations(statements, earlier).map((c) => ({ ...c, index: -1 })) };
}

/**
 * Names to seed the engine's LintContext sets with (`isNew`, which lock rules read
 * too): tables, views and types the earlier file created, and indexes only when
 * their table is one of those — an index the up added to an existing table still
 * locks that table when the down drops it.
 */
export function seedNames(created: CreatedObjects | undefined): { tables: string[]; indexes: string[]; objects: string[] } {
  const out = { tables: [] as string[], indexes: [] as string[], objects: [] as string[] };
  if (!created) return out;
  const tables = new Set(created.creations.filter((c) => c.kind === 'table').map((c) => c.key));
  for (const c of created.creations) {
    if (c.kind === 'table') out.tables.push(c.key);
    else if (c.kind === 'type' || c.kind === 'view' || c.kind === 'sequence') out.objects.push(c.key);
    else if (c.kind === 'index' && c.on && tables.has(c.on)) out.indexes.push(c.key);
  }
  return out;
}

const lower = (s: string | undefined | null) => String(s ?? '').toLowerCase();

function collect(statements: readonly Statement[], earlier: readonly Creation[]): Creation[] {
  const out: Creation[] = [...earlier];
  const has = (kind: Kind, key: string) => out.some((c) => c.kind === kind && c.key === key);
  statements.forEach((st, index) => {
    if (st.embedded?.in === 'function') return; // runs when the function is called, not during the migration
    const add = (kind: Kind, key: string | undefined, on?: string) => {
      if (key) out.push({ index, kind, key: key.toLowerCase(), ...(on ? { on } : {}) });
    };
    const addColumns = (table: string, elts: readonly (Node | undefined)[] | undefined) => {
      for (const el of elts ?? []) {
        const col = as(el, 'ColumnDef');
        if (col?.colname) {
          add('column', `${table}.${lower(col.colname)}`);
          for (const c of columnConstraints(col)) if (c.conname) add('constraint', `${table}.${lower(c.conname)}`);
        }
        const con = as(el, 'Constraint');
        if (con?.conname) add('constraint', `${table}.${lower(con.conname)}`);
      }
    };
    switch (st.kind) {
      case 'CreateStmt': {
        const table = bareName(st.node.relation?.relname);
        add('table', table);
        addColumns(table, st.node.tableElts);
        break;
      }
      case 'CreateForeignTableStmt': {
        const table = bareName(st.node.base?.relation?.relname);
        add('table', table);
        addColumns(table, st.node.base?.tableElts);
        break;
      }
      case 'CreateTableAsStmt': {
        const table = bareName(st.node.into?.rel?.relname);
        add('table', table);
        for (const c of st.node.into?.colNames ?? []) add('column', `${table}.${lower(str(c))}`);
        break;
      }
      case 'SelectStmt':
        add('table', bareName(st.node.intoClause?.rel?.relname)); // SELECT … INTO new_table
        break;
      case 'ViewStmt':
        add('view', bareName(st.node.view?.relname));
        break;
      case 'CreateSeqStmt':
        add('sequence', bareName(st.node.sequence?.relname));
        break;
      case 'AlterTableStmt': {
        const table = bareName(st.node.relation?.relname);
        for (const cmd of alterCommands(st.node)) {
          if (cmd.subtype === 'AT_AddColumn') addColumns(table, [cmd.def]);
          const con = as(cmd.def, 'Constraint');
          // An unnamed primary key gets Postgres' default name, <table>_pkey.
          const conname = con?.conname ?? (con?.contype === 'CONSTR_PRIMARY' ? `${table}_pkey` : undefined);
          if (cmd.subtype === 'AT_AddConstraint' && conname) add('constraint', `${table}.${lower(conname)}`);
        }
        break;
      }
      case 'IndexStmt':
        add('index', st.node.idxname, bareName(st.node.relation?.relname));
        break;
      case 'CreateSchemaStmt':
        add('schema', st.node.schemaname);
        break;
      case 'CreateEnumStmt':
      case 'CreateRangeStmt':
        add('type', bareName(nameOf(st.node.typeName)));
        break;
      case 'CompositeTypeStmt':
        add('type', bareName(st.node.typevar?.relname));
        break;
      case 'CreateDomainStmt':
        add('type', bareName(nameOf(st.node.domainname)));
        break;
      case 'AlterEnumStmt':
        if (st.node.newVal && !st.node.oldVal) add('enum-value', `${bareName(nameOf(st.node.typeName))}.${st.node.newVal}`);
        break;
      case 'CreatedbStmt':
        add('database', st.node.dbname);
        break;
      case 'CreateFunctionStmt':
        add('function', bareName(nameOf(st.node.funcname)));
        break;
      case 'CreateTrigStmt':
        add('trigger', st.node.trigname);
        break;
      case 'CreatePolicyStmt':
        add('policy', st.node.policy_name);
        break;
      case 'CreateExtensionStmt':
        add('extension', st.node.extname);
        break;
      case 'RenameStmt': {
        // A renamed new object stays new under its new name.
        const n = st.node;
        const table = bareName(n.relation?.relname);
        const relation = has('table', table) ? 'table' : has('view', table) ? 'view' : undefined;
        switch (n.renameType) {
          case 'OBJECT_TABLE':
          case 'OBJECT_VIEW':
          case 'OBJECT_MATVIEW':
          case 'OBJECT_FOREIGN_TABLE':
            if (relation) {
              add(relation, lower(n.newname));
              for (const c of out.filter((c) => c.kind === 'column' && c.key.startsWith(`${table}.`))) add('column', `${lower(n.newname)}.${c.key.slice(table.length + 1)}`);
            }
            break;
          case 'OBJECT_INDEX': {
            const index = out.find((c) => c.kind === 'index' && c.key === table);
            if (index) add('index', lower(n.newname), index.on);
            break;
          }
          case 'OBJECT_SEQUENCE':
            if (has('sequence', table)) add('sequence', lower(n.newname));
            break;
          case 'OBJECT_COLUMN':
            if (has('column', `${table}.${lower(n.subname)}`) || relation) add('column', `${table}.${lower(n.newname)}`);
            break;
          case 'OBJECT_TABCONSTRAINT':
            if (has('constraint', `${table}.${lower(n.subname)}`) || relation) add('constraint', `${table}.${lower(n.newname)}`);
            break;
          case 'OBJECT_SCHEMA':
            if (has('schema', lower(n.subname))) add('schema', lower(n.newname));
            break;
          case 'OBJECT_TYPE':
          case 'OBJECT_DOMAIN':
            if (has('type', bareName(nameOf(as(n.object, 'List')?.items)))) add('type', lower(n.newname));
            break;
        }
        break;
      }
    }
  });
  return out;
}

function createdBefore(ctx: LintContext, kind: Kind, key: string): boolean {
  const k = key.toLowerCase();
  return creations(ctx.statements, ctx.createdEarlier).some((c) => c.index < ctx.index && c.kind === kind && c.key === k);
}

/** Whether the table (or view) was created earlier in this migration, following renames. */
export function isNewTable(ctx: LintContext, table: string | undefined | null): boolean {
  if (!table) return false;
  const b = bareName(table);
  // createdTables holds this module's own table creations (the walker is fed from them); views sit with other objects there.
  return ctx.createdTables.has(b) || createdBefore(ctx, 'view', b);
}

/** Whether the column is new: its table is new, or the column was added earlier in this migration. */
export function isNewColumn(ctx: LintContext, table: string | undefined | null, column: string | undefined | null): boolean {
  if (!table || !column) return false;
  return isNewTable(ctx, table) || createdBefore(ctx, 'column', `${bareName(table)}.${column}`);
}

/** Whether the constraint is new: its table is new, or it was added earlier in this migration. */
export function isNewConstraint(ctx: LintContext, table: string | undefined | null, constraint: string | undefined | null): boolean {
  if (!table) return false;
  return isNewTable(ctx, table) || (!!constraint && createdBefore(ctx, 'constraint', `${bareName(table)}.${constraint}`));
}

/** Whether the schema was created earlier in this migration. */
export function isNewSchema(ctx: LintContext, schema: string | undefined | null): boolean {
  return !!schema && createdBefore(ctx, 'schema', schema);
}

/** Whether the type (enum, domain, composite, range) was created earlier in this migration. */
export function isNewType(ctx: LintContext, type: string | undefined | null): boolean {
  return !!type && createdBefore(ctx, 'type', bareName(type));
}

/** Whether the enum value was added earlier in this migration (or its type was created here). */
export function isNewEnumValue(ctx: LintContext, type: string | undefined | null, value: string | undefined | null): boolean {
  if (!type) return false;
  return (
    isNewType(ctx, type) ||
    (value != null && creations(ctx.statements, ctx.createdEarlier).some((c) => c.index < ctx.index && c.kind === 'enum-value' && c.key === `${bareName(type)}.${value}`.toLowerCase()))
  );
}

/** Whether a function, trigger, policy or extension (or view, sequence, type) of that name was created earlier in this migration. */
export function isNewObject(ctx: LintContext, kind: CreationKind, name: string | undefined | null): boolean {
  return !!name && createdBefore(ctx, kind, bareName(name));
}

/** Whether the database was created earlier in this file. */
export function isNewDatabase(ctx: LintContext, db: string | undefined | null): boolean {
  return !!db && createdBefore(ctx, 'database', db);
}
