// A static model of a SQLite schema, replayed from parsed DDL: the tables (columns,
// CHECKs, foreign keys), indexes and triggers that the earlier migrations of a folder
// and the earlier statements of a file established. Rules ask it what a table had
// before a rebuild, whether a column is indexed, who references a table. SQLite
// compares names without regard to case, quoted or not, and `main.` is the default
// schema: names are keyed lower-cased without it.

import type { ColumnDefinition, CreateTableStmt, EntityName, Expr, Node, ReferencesSpecification } from 'sql-parser-cst';
import type { SqliteStatement } from './parse';

export interface SqliteColumn {
  name: string;
  type: string;
  notNull: boolean;
  hasDefault: boolean;
  primaryKey: boolean;
  unique: boolean;
}

export interface SqliteForeignKey {
  columns: string[];
  table: string;
  /** A table constraint (`FOREIGN KEY (a) REFERENCES …`), not a column's REFERENCES: SQLite will not drop its columns. */
  tableLevel: boolean;
  /** The ON DELETE action, upper-case (`CASCADE`, `SET NULL`), when given. */
  onDelete?: string;
  text: string;
}

export interface SqliteTable {
  name: string;
  columns: SqliteColumn[];
  /** Each CHECK's expression as written. */
  checks: string[];
  foreignKeys: SqliteForeignKey[];
  /** Column sets of table-level PRIMARY KEY and UNIQUE constraints. */
  keys: string[][];
}

export interface SqliteIndex {
  name: string;
  table: string;
  /** Indexed expressions as written (column names lower-cased). */
  columns: string[];
  unique: boolean;
}

export interface SqliteTrigger {
  name: string;
  table: string;
}

/** The key SQLite compares a name by. */
export function sqliteKey(name: string): string {
  return name.toLowerCase();
}

/** The unqualified name of an entity (`main.users` → users). */
export function entityName(e: EntityName | Node | undefined): string {
  if (!e) return '';
  if (e.type === 'identifier') return e.name;
  if (e.type === 'member_expr' && e.property.type === 'identifier') return e.property.name;
  return '';
}

/** Tables, indexes and triggers as the statements so far left them. */
export class SqliteSchema {
  readonly tables = new Map<string, SqliteTable>();
  readonly indexes = new Map<string, SqliteIndex>();
  readonly triggers = new Map<string, SqliteTrigger>();
  readonly views = new Set<string>();

  /** A copy to replay a file on without changing this one. */
  clone(): SqliteSchema {
    const copy = new SqliteSchema();
    for (const [k, t] of this.tables)
      copy.tables.set(k, { ...t, columns: t.columns.map((c) => ({ ...c })), checks: [...t.checks], foreignKeys: t.foreignKeys.map((fk) => ({ ...fk })), keys: [...t.keys] });
    for (const [k, i] of this.indexes) copy.indexes.set(k, { ...i });
    for (const [k, t] of this.triggers) copy.triggers.set(k, { ...t });
    for (const v of this.views) copy.views.add(v);
    return copy;
  }

  table(name: string): SqliteTable | undefined {
    return this.tables.get(sqliteKey(name));
  }

  /** Indexes on a table (explicit ones; PRIMARY KEY/UNIQUE constraints are in the table's keys). */
  indexesOf(table: string): SqliteIndex[] {
    return [...this.indexes.values()].filter((i) => sqliteKey(i.table) === sqliteKey(table));
  }

  triggersOf(table: string): SqliteTrigger[] {
    return [...this.triggers.values()].filter((t) => sqliteKey(t.table) === sqliteKey(table));
  }

  /** Foreign keys of other tables that reference `table`. */
  referencing(table: string): { from: string; fk: SqliteForeignKey }[] {
    const out: { from: string; fk: SqliteForeignKey }[] = [];
    for (const t of this.tables.values()) for (const fk of t.foreignKeys) if (sqliteKey(fk.table) === sqliteKey(table) && sqliteKey(t.name) !== sqliteKey(table)) out.push({ from: t.name, fk });
    return out;
  }

  /** Replay one statement. */
  apply(s: SqliteStatement): void {
    const n = s.node;
    switch (n.type) {
      case 'create_table_stmt': {
        const t = tableOf(n, s);
        if (t && !(n.ifNotExistsKw && this.tables.has(sqliteKey(t.name)))) this.tables.set(sqliteKey(t.name), t);
        break;
      }
      case 'drop_table_stmt':
        for (const e of n.tables.items) this.dropTable(entityName(e));
        break;
      case 'alter_table_stmt': {
        const name = entityName(n.table.type === 'table_without_inheritance' ? n.table.table : n.table);
        for (const a of n.actions.items) this.alter(name, a, s);
        break;
      }
      case 'create_index_stmt': {
        const name = entityName(n.name);
        if (!name || (n.ifNotExistsKw && this.indexes.has(sqliteKey(name)))) break;
        const table = entityName(n.table.type === 'table_without_inheritance' ? n.table.table : n.table);
        const columns = n.columns.expr.type === 'list_expr' ? n.columns.expr.items.map((c) => exprKey(c.expr, s)) : [];
        this.indexes.set(sqliteKey(name), { name, table, columns, unique: n.indexTypeKw?.name === 'UNIQUE' });
        break;
      }
      case 'drop_index_stmt':
        for (const e of n.indexes.items) this.indexes.delete(sqliteKey(entityName(e)));
        break;
      case 'create_trigger_stmt':
        if (n.target.type === 'trigger_target') this.triggers.set(sqliteKey(entityName(n.name)), { name: entityName(n.name), table: entityName(n.target.table) });
        break;
      case 'drop_trigger_stmt':
        this.triggers.delete(sqliteKey(entityName(n.trigger)));
        break;
      case 'create_view_stmt':
        this.views.add(sqliteKey(entityName(n.name)));
        break;
      case 'drop_view_stmt':
        for (const e of n.views.items) this.views.delete(sqliteKey(entityName(e)));
        break;
      default:
        break;
    }
  }

  private dropTable(name: string): void {
    const key = sqliteKey(name);
    this.tables.delete(key);
    // SQLite drops a table's indexes and triggers with it.
    for (const [k, i] of this.indexes) if (sqliteKey(i.table) === key) this.indexes.delete(k);
    for (const [k, t] of this.triggers) if (sqliteKey(t.table) === key) this.triggers.delete(k);
  }

  private alter(name: string, a: Node, s: SqliteStatement): void {
    const t = this.table(name);
    if (a.type === 'alter_action_rename') {
      const to = entityName(a.newName);
      if (t) {
        this.tables.delete(sqliteKey(name));
        this.tables.set(sqliteKey(to), { ...t, name: to });
      }
      for (const i of this.indexes.values()) if (sqliteKey(i.table) === sqliteKey(name)) i.table = to;
      for (const tr of this.triggers.values()) if (sqliteKey(tr.table) === sqliteKey(name)) tr.table = to;
      for (const other of this.tables.values()) for (const fk of other.foreignKeys) if (sqliteKey(fk.table) === sqliteKey(name)) fk.table = to;
      return;
    }
    if (!t) return;
    if (a.type === 'alter_action_add_column') t.columns.push(columnOf(a.column, s, t));
    else if (a.type === 'alter_action_drop_column') t.columns = t.columns.filter((c) => sqliteKey(c.name) !== sqliteKey(a.column.name));
    else if (a.type === 'alter_action_rename_column') {
      const c = t.columns.find((x) => sqliteKey(x.name) === sqliteKey(a.oldName.name));
      if (c) c.name = a.newName.name;
    }
  }
}

/** The model of a CREATE TABLE (undefined for CREATE TABLE … AS SELECT: its columns are not written out). */
function tableOf(n: CreateTableStmt, s: SqliteStatement): SqliteTable | undefined {
  const name = entityName(n.name);
  const t: SqliteTable = { name, columns: [], checks: [], foreignKeys: [], keys: [] };
  if (!n.columns) return n.clauses.some((c) => c.type === 'as_clause') ? t : undefined;
  for (const item of n.columns.expr.items) {
    if (item.type === 'column_definition') t.columns.push(columnOf(item, s, t));
    else {
      const c = item.type === 'constraint' ? item.constraint : item;
      if (c.type === 'constraint_check') t.checks.push(s.textOf(c.expr));
      else if (c.type === 'constraint_foreign_key')
        t.foreignKeys.push(
          foreignKey(
            c.columns.expr.items.map((i) => i.name),
            c.references,
            s,
            c,
            true,
          ),
        );
      else if ((c.type === 'constraint_primary_key' || c.type === 'constraint_unique') && c.columns?.type === 'paren_expr')
        t.keys.push(c.columns.expr.items.map((i) => exprKey(i.type === 'index_specification' ? i.expr : i, s)));
    }
  }
  return t;
}

function columnOf(def: ColumnDefinition, s: SqliteStatement, table: SqliteTable): SqliteColumn {
  const col: SqliteColumn = { name: def.name.name, type: def.dataType ? s.textOf(def.dataType) : '', notNull: false, hasDefault: false, primaryKey: false, unique: false };
  for (const item of def.constraints) {
    const c = item.type === 'constraint' ? item.constraint : item;
    if (c.type === 'constraint_not_null') col.notNull = true;
    else if (c.type === 'constraint_default') col.hasDefault = true;
    else if (c.type === 'constraint_primary_key') col.primaryKey = true;
    else if (c.type === 'constraint_unique') col.unique = true;
    else if (c.type === 'constraint_check') table.checks.push(s.textOf(c.expr));
    else if (c.type === 'references_specification') table.foreignKeys.push(foreignKey([def.name.name], c, s, item, false));
  }
  return col;
}

function foreignKey(columns: string[], ref: ReferencesSpecification, s: SqliteStatement, whole: Node, tableLevel: boolean): SqliteForeignKey {
  const onDelete = ref.options.find((o) => o.type === 'referential_action' && o.eventKw.name === 'DELETE');
  const action =
    onDelete?.type === 'referential_action'
      ? [onDelete.actionKw]
          .flat()
          .map((k) => k.name)
          .join(' ')
      : undefined;
  return { columns, table: entityName(ref.table), tableLevel, ...(action ? { onDelete: action } : {}), text: s.textOf(whole) };
}

/** An indexed expression as a comparable key: a column's lower-cased name, else the text. */
function exprKey(e: Expr | Node, s: SqliteStatement): string {
  if (e.type === 'identifier') return sqliteKey(e.name);
  if (e.type === 'sort_specification') return exprKey(e.expr, s);
  return s.textOf(e).replace(/\s+/g, ' ');
}
