// migration-guard GitHub Action, bundled by scripts/build-action.mjs. Do not edit: run `npm run build:action`.
import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
const require = __mgCreateRequire(import.meta.url);
const __filename = __mgFileURLToPath(import.meta.url);
const __dirname = __mgDirname(__filename);

// src/sqlite/schema.ts
function sqliteKey(name) {
  return name.toLowerCase();
}
function entityName(e) {
  if (!e) return "";
  if (e.type === "identifier") return e.name;
  if (e.type === "member_expr" && e.property.type === "identifier") return e.property.name;
  return "";
}
var SqliteSchema = class _SqliteSchema {
  tables = /* @__PURE__ */ new Map();
  indexes = /* @__PURE__ */ new Map();
  triggers = /* @__PURE__ */ new Map();
  views = /* @__PURE__ */ new Set();
  /** A copy to replay a file on without changing this one. */
  clone() {
    const copy = new _SqliteSchema();
    for (const [k, t] of this.tables)
      copy.tables.set(k, { ...t, columns: t.columns.map((c) => ({ ...c })), checks: [...t.checks], foreignKeys: t.foreignKeys.map((fk) => ({ ...fk })), keys: [...t.keys] });
    for (const [k, i] of this.indexes) copy.indexes.set(k, { ...i });
    for (const [k, t] of this.triggers) copy.triggers.set(k, { ...t });
    for (const v of this.views) copy.views.add(v);
    return copy;
  }
  table(name) {
    return this.tables.get(sqliteKey(name));
  }
  /** Indexes on a table (explicit ones; PRIMARY KEY/UNIQUE constraints are in the table's keys). */
  indexesOf(table) {
    return [...this.indexes.values()].filter((i) => sqliteKey(i.table) === sqliteKey(table));
  }
  triggersOf(table) {
    return [...this.triggers.values()].filter((t) => sqliteKey(t.table) === sqliteKey(table));
  }
  /** Foreign keys of other tables that reference `table`. */
  referencing(table) {
    const out = [];
    for (const t of this.tables.values()) for (const fk of t.foreignKeys) if (sqliteKey(fk.table) === sqliteKey(table) && sqliteKey(t.name) !== sqliteKey(table)) out.push({ from: t.name, fk });
    return out;
  }
  /** Replay one statement. */
  apply(s) {
    const n = s.node;
    switch (n.type) {
      case "create_table_stmt": {
        const t = tableOf(n, s);
        if (t && !(n.ifNotExistsKw && this.tables.has(sqliteKey(t.name)))) this.tables.set(sqliteKey(t.name), t);
        break;
      }
      case "drop_table_stmt":
        for (const e of n.tables.items) this.dropTable(entityName(e));
        break;
      case "alter_table_stmt": {
        const name = entityName(n.table.type === "table_without_inheritance" ? n.table.table : n.table);
        for (const a of n.actions.items) this.alter(name, a, s);
        break;
      }
      case "create_index_stmt": {
        const name = entityName(n.name);
        if (!name || n.ifNotExistsKw && this.indexes.has(sqliteKey(name))) break;
        const table = entityName(n.table.type === "table_without_inheritance" ? n.table.table : n.table);
        const columns = n.columns.expr.type === "list_expr" ? n.columns.expr.items.map((c) => exprKey(c.expr, s)) : [];
        this.indexes.set(sqliteKey(name), { name, table, columns, unique: n.indexTypeKw?.name === "UNIQUE" });
        break;
      }
      case "drop_index_stmt":
        for (const e of n.indexes.items) this.indexes.delete(sqliteKey(entityName(e)));
        break;
      case "create_trigger_stmt":
        if (n.target.type === "trigger_target") this.triggers.set(sqliteKey(entityName(n.name)), { name: entityName(n.name), table: entityName(n.target.table) });
        break;
      case "drop_trigger_stmt":
        this.triggers.delete(sqliteKey(entityName(n.trigger)));
        break;
      case "create_view_stmt":
        this.views.add(sqliteKey(entityName(n.name)));
        break;
      case "drop_view_stmt":
        for (const e of n.views.items) this.views.delete(sqliteKey(entityName(e)));
        break;
      default:
        break;
    }
  }
  dropTable(name) {
    const key = sqliteKey(name);
    this.tables.delete(key);
    for (const [k, i] of this.indexes) if (sqliteKey(i.table) === key) this.indexes.delete(k);
    for (const [k, t] of this.triggers) if (sqliteKey(t.table) === key) this.triggers.delete(k);
  }
  alter(name, a, s) {
    const t = this.table(name);
    if (a.type === "alter_action_rename") {
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
    if (a.type === "alter_action_add_column") t.columns.push(columnOf(a.column, s, t));
    else if (a.type === "alter_action_drop_column") t.columns = t.columns.filter((c) => sqliteKey(c.name) !== sqliteKey(a.column.name));
    else if (a.type === "alter_action_rename_column") {
      const c = t.columns.find((x) => sqliteKey(x.name) === sqliteKey(a.oldName.name));
      if (c) c.name = a.newName.name;
    }
  }
};
function tableOf(n, s) {
  const name = entityName(n.name);
  const t = { name, columns: [], checks: [], foreignKeys: [], keys: [] };
  if (!n.columns) return n.clauses.some((c) => c.type === "as_clause") ? t : void 0;
  for (const item of n.columns.expr.items) {
    if (item.type === "column_definition") t.columns.push(columnOf(item, s, t));
    else {
      const c = item.type === "constraint" ? item.constraint : item;
      if (c.type === "constraint_check") t.checks.push(s.textOf(c.expr));
      else if (c.type === "constraint_foreign_key")
        t.foreignKeys.push(
          foreignKey(
            c.columns.expr.items.map((i) => i.name),
            c.references,
            s,
            c,
            true
          )
        );
      else if ((c.type === "constraint_primary_key" || c.type === "constraint_unique") && c.columns?.type === "paren_expr")
        t.keys.push(c.columns.expr.items.map((i) => exprKey(i.type === "index_specification" ? i.expr : i, s)));
    }
  }
  return t;
}
function columnOf(def, s, table) {
  const col = { name: def.name.name, type: def.dataType ? s.textOf(def.dataType) : "", notNull: false, hasDefault: false, primaryKey: false, unique: false };
  for (const item of def.constraints) {
    const c = item.type === "constraint" ? item.constraint : item;
    if (c.type === "constraint_not_null") col.notNull = true;
    else if (c.type === "constraint_default") col.hasDefault = true;
    else if (c.type === "constraint_primary_key") col.primaryKey = true;
    else if (c.type === "constraint_unique") col.unique = true;
    else if (c.type === "constraint_check") table.checks.push(s.textOf(c.expr));
    else if (c.type === "references_specification") table.foreignKeys.push(foreignKey([def.name.name], c, s, item, false));
  }
  return col;
}
function foreignKey(columns, ref, s, whole, tableLevel) {
  const onDelete = ref.options.find((o) => o.type === "referential_action" && o.eventKw.name === "DELETE");
  const action = onDelete?.type === "referential_action" ? [onDelete.actionKw].flat().map((k) => k.name).join(" ") : void 0;
  return { columns, table: entityName(ref.table), tableLevel, ...action ? { onDelete: action } : {}, text: s.textOf(whole) };
}
function exprKey(e, s) {
  if (e.type === "identifier") return sqliteKey(e.name);
  if (e.type === "sort_specification") return exprKey(e.expr, s);
  return s.textOf(e).replace(/\s+/g, " ");
}

// src/sqlite/ast.ts
function alteredTable(n) {
  return entityName(n.table.type === "table_without_inheritance" ? n.table.table : n.table);
}
function columnsAddedToExisting(n, ctx) {
  const table = alteredTable(n);
  if (ctx.createdHere.has(sqliteKey(table))) return [];
  return n.actions.items.flatMap((a) => a.type === "alter_action_add_column" ? [{ table, column: a.column }] : []);
}
function columnConstraints(def) {
  return def.constraints.map((c) => c.type === "constraint" ? c.constraint : c);
}
function defaultOf(def) {
  const d = columnConstraints(def).find((c) => c.type === "constraint_default");
  return d?.type === "constraint_default" ? d.expr : void 0;
}
function isNull(e) {
  if (!e) return false;
  if (e.type === "paren_expr") return isNull(e.expr);
  return e.type === "null_literal";
}
function isConstantDefault(e) {
  if (e.type === "paren_expr") return isConstantDefault(e.expr);
  if (e.type === "prefix_op_expr") return (e.operator === "-" || e.operator === "+") && e.expr.type === "number_literal";
  return ["number_literal", "string_literal", "null_literal", "boolean_literal", "blob_literal"].includes(e.type);
}
function pragmaValue(p) {
  const v = p.value;
  const text = "text" in v && typeof v.text === "string" ? v.text : "";
  return text.replace(/^['"]|['"]$/g, "");
}
function pragmaOn(value) {
  return ["on", "1", "true", "yes"].includes(value.toLowerCase());
}

// src/sqlite/context.ts
function versionAtLeast(version, wanted) {
  const a = version.split(".").map(Number);
  const b = wanted.split(".").map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] || 0;
    const y = b[i] || 0;
    if (x !== y) return x > y;
  }
  return true;
}

// src/lint/rule.ts
function defineRule(rule) {
  return rule;
}
function defineSqliteRule(rule) {
  return { meta: { ...rule.meta, dialect: "sqlite" }, createSqlite: (context) => rule.create(context) };
}
function defineDiagnostic(meta) {
  return { meta };
}
function reportMessage(meta, report) {
  if ("message" in report) return report.message;
  const template = meta.messages?.[report.messageId];
  if (template === void 0) throw new Error(`rule ${meta.id} has no message "${report.messageId}"`);
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name) => {
    const value = report.data?.[name];
    return value === void 0 ? whole : String(value);
  });
}

export {
  defineRule,
  defineSqliteRule,
  defineDiagnostic,
  reportMessage,
  sqliteKey,
  entityName,
  SqliteSchema,
  alteredTable,
  columnsAddedToExisting,
  columnConstraints,
  defaultOf,
  isNull,
  isConstantDefault,
  pragmaValue,
  pragmaOn,
  versionAtLeast
};
