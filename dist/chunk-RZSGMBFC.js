// migration-guard GitHub Action, bundled by scripts/build-action.mjs. Do not edit: run `npm run build:action`.
import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
const require = __mgCreateRequire(import.meta.url);
const __filename = __mgFileURLToPath(import.meta.url);
const __dirname = __mgDirname(__filename);
import {
  alteredTable,
  columnConstraints as columnConstraints2,
  columnsAddedToExisting,
  defaultOf,
  defineDiagnostic,
  defineRule,
  defineSqliteRule,
  entityName,
  isConstantDefault,
  isNull,
  pragmaOn,
  pragmaValue,
  sqliteKey,
  versionAtLeast
} from "./chunk-PCFPHZTP.js";
import {
  alterCommands,
  alterCommandsOf,
  alterCommandsOn,
  as,
  bareName,
  columnConstraints,
  dmlTarget,
  droppedNames,
  isArrayType,
  nameOf,
  nodesOf,
  option,
  relationName,
  scanSync,
  str,
  typeMods,
  typeNameOf,
  walk
} from "./chunk-L63O7JR3.js";

// src/lint/created.ts
var cache = /* @__PURE__ */ new WeakMap();
function creations(statements, earlier) {
  let list = cache.get(statements);
  if (!list) {
    list = collect(statements, earlier?.creations ?? []);
    cache.set(statements, list);
  }
  return list;
}
function creationsByStatement(statements, earlier) {
  const out = /* @__PURE__ */ new Map();
  for (const c of creations(statements, earlier)) {
    if (c.index < 0) continue;
    const list = out.get(c.index);
    if (list) list.push(c);
    else out.set(c.index, [c]);
  }
  return out;
}
function createdObjects(statements, earlier) {
  return { creations: creations(statements, earlier).map((c) => ({ ...c, index: -1 })) };
}
function seedNames(created) {
  const out = { tables: [], indexes: [], objects: [] };
  if (!created) return out;
  const tables = new Set(created.creations.filter((c) => c.kind === "table").map((c) => c.key));
  for (const c of created.creations) {
    if (c.kind === "table") out.tables.push(c.key);
    else if (c.kind === "type" || c.kind === "view" || c.kind === "sequence") out.objects.push(c.key);
    else if (c.kind === "index" && c.on && tables.has(c.on)) out.indexes.push(c.key);
  }
  return out;
}
var lower = (s) => String(s ?? "").toLowerCase();
function collect(statements, earlier) {
  const out = [...earlier];
  const has2 = (kind, key) => out.some((c) => c.kind === kind && c.key === key);
  statements.forEach((st, index) => {
    if (st.embedded?.in === "function") return;
    const add = (kind, key, on) => {
      if (key) out.push({ index, kind, key: key.toLowerCase(), ...on ? { on } : {} });
    };
    const addColumns = (table, elts) => {
      for (const el of elts ?? []) {
        const col = as(el, "ColumnDef");
        if (col?.colname) {
          add("column", `${table}.${lower(col.colname)}`);
          for (const c of columnConstraints(col)) if (c.conname) add("constraint", `${table}.${lower(c.conname)}`);
        }
        const con = as(el, "Constraint");
        if (con?.conname) add("constraint", `${table}.${lower(con.conname)}`);
      }
    };
    switch (st.kind) {
      case "CreateStmt": {
        const table = bareName(st.node.relation?.relname);
        add("table", table);
        addColumns(table, st.node.tableElts);
        break;
      }
      case "CreateForeignTableStmt": {
        const table = bareName(st.node.base?.relation?.relname);
        add("table", table);
        addColumns(table, st.node.base?.tableElts);
        break;
      }
      case "CreateTableAsStmt": {
        const table = bareName(st.node.into?.rel?.relname);
        add("table", table);
        for (const c of st.node.into?.colNames ?? []) add("column", `${table}.${lower(str(c))}`);
        break;
      }
      case "SelectStmt":
        add("table", bareName(st.node.intoClause?.rel?.relname));
        break;
      case "ViewStmt":
        add("view", bareName(st.node.view?.relname));
        break;
      case "CreateSeqStmt":
        add("sequence", bareName(st.node.sequence?.relname));
        break;
      case "AlterTableStmt": {
        const table = bareName(st.node.relation?.relname);
        for (const cmd of alterCommands(st.node)) {
          if (cmd.subtype === "AT_AddColumn") addColumns(table, [cmd.def]);
          const con = as(cmd.def, "Constraint");
          const conname = con?.conname ?? (con?.contype === "CONSTR_PRIMARY" ? `${table}_pkey` : void 0);
          if (cmd.subtype === "AT_AddConstraint" && conname) add("constraint", `${table}.${lower(conname)}`);
        }
        break;
      }
      case "IndexStmt":
        add("index", st.node.idxname, bareName(st.node.relation?.relname));
        break;
      case "CreateSchemaStmt":
        add("schema", st.node.schemaname);
        break;
      case "CreateEnumStmt":
      case "CreateRangeStmt":
        add("type", bareName(nameOf(st.node.typeName)));
        break;
      case "CompositeTypeStmt":
        add("type", bareName(st.node.typevar?.relname));
        break;
      case "CreateDomainStmt":
        add("type", bareName(nameOf(st.node.domainname)));
        break;
      case "AlterEnumStmt":
        if (st.node.newVal && !st.node.oldVal) add("enum-value", `${bareName(nameOf(st.node.typeName))}.${st.node.newVal}`);
        break;
      case "CreatedbStmt":
        add("database", st.node.dbname);
        break;
      case "CreateFunctionStmt":
        add("function", bareName(nameOf(st.node.funcname)));
        break;
      case "CreateTrigStmt":
        add("trigger", st.node.trigname);
        break;
      case "CreatePolicyStmt":
        add("policy", st.node.policy_name);
        break;
      case "CreateExtensionStmt":
        add("extension", st.node.extname);
        break;
      case "RenameStmt": {
        const n = st.node;
        const table = bareName(n.relation?.relname);
        const relation = has2("table", table) ? "table" : has2("view", table) ? "view" : void 0;
        switch (n.renameType) {
          case "OBJECT_TABLE":
          case "OBJECT_VIEW":
          case "OBJECT_MATVIEW":
          case "OBJECT_FOREIGN_TABLE":
            if (relation) {
              add(relation, lower(n.newname));
              for (const c of out.filter((c2) => c2.kind === "column" && c2.key.startsWith(`${table}.`))) add("column", `${lower(n.newname)}.${c.key.slice(table.length + 1)}`);
            }
            break;
          case "OBJECT_INDEX": {
            const index2 = out.find((c) => c.kind === "index" && c.key === table);
            if (index2) add("index", lower(n.newname), index2.on);
            break;
          }
          case "OBJECT_SEQUENCE":
            if (has2("sequence", table)) add("sequence", lower(n.newname));
            break;
          case "OBJECT_COLUMN":
            if (has2("column", `${table}.${lower(n.subname)}`) || relation) add("column", `${table}.${lower(n.newname)}`);
            break;
          case "OBJECT_TABCONSTRAINT":
            if (has2("constraint", `${table}.${lower(n.subname)}`) || relation) add("constraint", `${table}.${lower(n.newname)}`);
            break;
          case "OBJECT_SCHEMA":
            if (has2("schema", lower(n.subname))) add("schema", lower(n.newname));
            break;
          case "OBJECT_TYPE":
          case "OBJECT_DOMAIN":
            if (has2("type", bareName(nameOf(as(n.object, "List")?.items)))) add("type", lower(n.newname));
            break;
        }
        break;
      }
    }
  });
  return out;
}
function createdBefore(ctx, kind, key) {
  const k = key.toLowerCase();
  return creations(ctx.statements, ctx.createdEarlier).some((c) => c.index < ctx.index && c.kind === kind && c.key === k);
}
function isNewTable(ctx, table) {
  if (!table) return false;
  const b = bareName(table);
  return ctx.createdTables.has(b) || createdBefore(ctx, "view", b);
}
function isNewColumn(ctx, table, column) {
  if (!table || !column) return false;
  return isNewTable(ctx, table) || createdBefore(ctx, "column", `${bareName(table)}.${column}`);
}
function isNewConstraint(ctx, table, constraint) {
  if (!table) return false;
  return isNewTable(ctx, table) || !!constraint && createdBefore(ctx, "constraint", `${bareName(table)}.${constraint}`);
}
function isNewSchema(ctx, schema) {
  return !!schema && createdBefore(ctx, "schema", schema);
}
function isNewType(ctx, type) {
  return !!type && createdBefore(ctx, "type", bareName(type));
}
function isNewEnumValue(ctx, type, value) {
  if (!type) return false;
  return isNewType(ctx, type) || value != null && creations(ctx.statements, ctx.createdEarlier).some((c) => c.index < ctx.index && c.kind === "enum-value" && c.key === `${bareName(type)}.${value}`.toLowerCase());
}
function isNewObject(ctx, kind, name) {
  return !!name && createdBefore(ctx, kind, bareName(name));
}
function isNewDatabase(ctx, db) {
  return !!db && createdBefore(ctx, "database", db);
}

// rules/adding-check-constraint.ts
var adding_check_constraint_default = defineRule({
  meta: {
    id: "adding-check-constraint",
    severity: "error",
    work: "scan",
    summary: "Adding a CHECK constraint to an existing table without NOT VALID",
    why: "ADD CONSTRAINT \u2026 CHECK takes ACCESS EXCLUSIVE and checks every existing row before it returns (checked on PostgreSQL 15 and 18): the table can be neither read nor written meanwhile. `ADD COLUMN \u2026 CHECK (\u2026)` scans too, even though the new column is empty. With NOT VALID the constraint applies to new rows at once and the old rows are checked by VALIDATE CONSTRAINT, which only takes SHARE UPDATE EXCLUSIVE (reads and writes continue). `ALTER DOMAIN \u2026 ADD CONSTRAINT \u2026 CHECK` scans every column of that domain in every table under a SHARE lock (writes blocked); there even VALIDATE CONSTRAINT takes SHARE (checked on PostgreSQL 15 and 18), so NOT VALID only lets you choose when the scan happens.",
    fix: "Add it NOT VALID, then validate it in a separate transaction:\n\n```sql\nALTER TABLE orders ADD CONSTRAINT orders_quantity_positive CHECK (quantity > 0) NOT VALID;\n-- next migration, or after COMMIT:\nALTER TABLE orders VALIDATE CONSTRAINT orders_quantity_positive;\n```\nFor a new column, add the column first, then its constraint the same way. For a domain: `ALTER DOMAIN positive_int ADD CONSTRAINT positive CHECK (VALUE > 0) NOT VALID;`, then `VALIDATE CONSTRAINT` at a quiet time.",
    examples: {
      bad: [
        "ALTER TABLE orders ADD CONSTRAINT orders_quantity_positive CHECK (quantity > 0);",
        "ALTER TABLE orders ADD CHECK (quantity > 0);",
        "ALTER TABLE orders ADD COLUMN currency text CHECK (currency IN ('EUR', 'USD'));",
        "ALTER DOMAIN positive_int ADD CONSTRAINT positive CHECK (VALUE > 0);"
      ],
      good: [
        "ALTER TABLE orders ADD CONSTRAINT orders_quantity_positive CHECK (quantity > 0) NOT VALID;",
        "ALTER TABLE orders VALIDATE CONSTRAINT orders_quantity_positive;",
        "CREATE TABLE orders (quantity int);\nALTER TABLE orders ADD CONSTRAINT orders_quantity_positive CHECK (quantity > 0);",
        "CREATE TABLE orders (quantity int CHECK (quantity > 0));",
        "ALTER DOMAIN positive_int ADD CONSTRAINT positive CHECK (VALUE > 0) NOT VALID;",
        "CREATE DOMAIN positive_int AS int;\nALTER DOMAIN positive_int ADD CONSTRAINT positive CHECK (VALUE > 0);"
      ]
    },
    squawk: ["constraint-missing-not-valid"]
  },
  create: ({ report }) => ({
    "*"(statement, ctx) {
      if (statement.kind === "AlterDomainStmt") {
        const con = as(statement.node.def, "Constraint");
        const domain = nameOf(statement.node.typeName);
        if (statement.node.subtype === "C" && con?.contype === "CONSTR_CHECK" && !con.skip_validation && !isNewType(ctx, domain)) {
          report({
            message: `CHECK constraint ${con.conname ? `"${con.conname}" ` : ""}is added to domain ${domain} without NOT VALID: every column of that domain in every table is scanned now, with writes to those tables blocked (SHARE lock).`
          });
        }
        return;
      }
      if (statement.kind !== "AlterTableStmt" || statement.node.objtype !== "OBJECT_TABLE" || ctx.isNew(statement.node.relation?.relname)) return;
      const table = relationName(statement.node.relation);
      for (const cmd of alterCommands(statement.node)) {
        const con = as(cmd.def, "Constraint");
        if (cmd.subtype === "AT_AddConstraint" && con?.contype === "CONSTR_CHECK" && !con.skip_validation) {
          report({
            message: `CHECK constraint ${con.conname ? `"${con.conname}" ` : ""}is added to ${table} without NOT VALID: every row is checked under ACCESS EXCLUSIVE (no reads or writes meanwhile).`
          });
        }
        if (cmd.subtype === "AT_AddColumn") {
          const col = as(cmd.def, "ColumnDef");
          if (columnConstraints(col).some((c) => c.contype === "CONSTR_CHECK")) {
            report({
              message: `Column "${col?.colname}" is added to ${table} with a CHECK constraint: Postgres checks every row under ACCESS EXCLUSIVE; add the column, then the constraint NOT VALID.`
            });
          }
        }
      }
    }
  })
});

// rules/adding-exclusion-constraint.ts
var adding_exclusion_constraint_default = defineRule({
  meta: {
    id: "adding-exclusion-constraint",
    severity: "error",
    work: "index-build",
    summary: "Adding an exclusion constraint to an existing table",
    why: "ADD CONSTRAINT \u2026 EXCLUDE builds its index (usually GiST) and checks every existing row while holding ACCESS EXCLUSIVE on the table (checked on PostgreSQL 15 and 18 in pg_locks): no reads and no writes for the whole build. Unlike UNIQUE and PRIMARY KEY, an exclusion constraint cannot be attached to an index built CONCURRENTLY, and it has no NOT VALID form, so there is no lock-free way to add one.",
    fix: "Add it while the table is small or during a maintenance window, with a lock timeout so it gives up instead of queueing everyone behind it:\n\n```sql\nSET lock_timeout = '5s';\nALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap\n  EXCLUDE USING gist (room_id WITH =, during WITH &&);\nRESET lock_timeout;\n```\nOr enforce the rule in the application (or a trigger) and add the constraint when the table is created.",
    examples: {
      bad: ["ALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap EXCLUDE USING gist (room_id WITH =, during WITH &&);"],
      good: [
        "CREATE TABLE bookings (room_id int, during tstzrange, EXCLUDE USING gist (room_id WITH =, during WITH &&));",
        "CREATE TABLE bookings (room_id int, during tstzrange);\nALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap EXCLUDE USING gist (room_id WITH =, during WITH &&);"
      ]
    },
    squawk: ["constraint-missing-not-valid"]
  },
  create: ({ report }) => ({
    AlterTableStmt(n, statement, ctx) {
      if (n.objtype !== "OBJECT_TABLE" || ctx.isNew(n.relation?.relname)) return;
      for (const cmd of alterCommands(n)) {
        const con = as(cmd.def, "Constraint");
        if (cmd.subtype !== "AT_AddConstraint" || con?.contype !== "CONSTR_EXCLUSION") continue;
        report({
          message: `Exclusion constraint ${con.conname ? `"${con.conname}" ` : ""}on ${relationName(n.relation)} builds its index and checks every row under ACCESS EXCLUSIVE; there is no concurrent way to add it.`
        });
      }
    }
  })
});

// src/lint/volatility.ts
var VOLATILE_FUNCTIONS = /* @__PURE__ */ new Set([
  // pg_catalog, provolatile = 'v'
  "clock_timestamp",
  "timeofday",
  "random",
  "random_normal",
  "setseed",
  "gen_random_uuid",
  "uuidv4",
  "uuidv7",
  "nextval",
  "currval",
  "lastval",
  "setval",
  "array_shuffle",
  "array_sample",
  "set_config",
  "txid_status",
  "lo_creat",
  "lo_create",
  "lo_import",
  "lo_from_bytea",
  // uuid-ossp (v3/v5 are IMMUTABLE)
  "uuid_generate_v1",
  "uuid_generate_v1mc",
  "uuid_generate_v4",
  // pgcrypto
  "gen_random_bytes",
  "gen_salt",
  // pg_uuidv7 and similar id generators
  "uuid_generate_v7",
  "uuid_v7"
]);
function functionsCreatedEarlier(ctx) {
  const out = /* @__PURE__ */ new Map();
  for (const st of ctx.statements.slice(0, ctx.index)) {
    if (st.embedded?.in === "function") continue;
    if (st.kind !== "CreateFunctionStmt" || st.node.is_procedure) continue;
    const name = str(st.node.funcname?.at(-1))?.toLowerCase();
    if (!name) continue;
    const v = str(option(st.node.options, "volatility"))?.toLowerCase();
    out.set(name, v === "immutable" || v === "stable" ? v : "volatile");
  }
  return out;
}
function volatileCallIn(expr, ctx) {
  const declared = functionsCreatedEarlier(ctx);
  for (const call of nodesOf(expr, "FuncCall")) {
    const name = str(call.funcname?.at(-1))?.toLowerCase();
    if (!name) continue;
    const v = declared.get(name) ?? (VOLATILE_FUNCTIONS.has(name) ? "volatile" : void 0);
    if (v === "volatile") return name;
  }
  return void 0;
}
function isNullLiteral(expr) {
  const e = as(expr, "TypeCast")?.arg ?? expr;
  return as(e, "A_Const")?.isnull === true;
}

// rules/adding-foreign-key.ts
var adding_foreign_key_default = defineRule({
  meta: {
    id: "adding-foreign-key",
    severity: "error",
    work: "scan",
    summary: "Adding a foreign key to an existing table without NOT VALID",
    why: "ADD CONSTRAINT \u2026 FOREIGN KEY takes SHARE ROW EXCLUSIVE on both the referencing and the referenced table and then checks every existing row of the referencing table (checked on PostgreSQL 15 and 18 in pg_locks and the scan counters): no INSERT, UPDATE or DELETE on either table until the check is done. This holds even when the referenced table was created in the same migration, because the scan is of the existing referencing table. With NOT VALID the constraint is enforced for new rows at once and the check of old rows is left to VALIDATE CONSTRAINT, which only takes SHARE UPDATE EXCLUSIVE on the referencing table (writes continue). `ADD COLUMN \u2026 REFERENCES` without a DEFAULT is not reported: the new column is all NULL, and Postgres skips the check (verified: no scan); with a DEFAULT it checks every row.",
    fix: "Add it NOT VALID, then validate it in a separate transaction:\n\n```sql\nALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey\n  FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;\n-- next migration, or after COMMIT:\nALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_fkey;\n```",
    examples: {
      bad: [
        "ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id);",
        "ALTER TABLE orders ADD FOREIGN KEY (customer_id) REFERENCES customers;",
        "CREATE TABLE customers (id bigint PRIMARY KEY);\nALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id);",
        "ALTER TABLE orders ADD COLUMN region_id int NOT NULL DEFAULT 1 REFERENCES regions (id);"
      ],
      good: [
        "ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;",
        "ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_fkey;",
        "ALTER TABLE orders ADD COLUMN customer_id bigint REFERENCES customers (id);",
        "CREATE TABLE orders (id bigint, customer_id bigint REFERENCES customers (id));",
        "CREATE TABLE orders (id bigint, customer_id bigint);\nALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id);"
      ]
    },
    squawk: ["adding-foreign-key-constraint"]
  },
  create: ({ report }) => ({
    AlterTableStmt(n, statement, ctx) {
      if (n.objtype !== "OBJECT_TABLE" || ctx.isNew(n.relation?.relname)) return;
      const table = relationName(n.relation);
      for (const cmd of alterCommands(n)) {
        const con = as(cmd.def, "Constraint");
        if (cmd.subtype === "AT_AddConstraint" && con?.contype === "CONSTR_FOREIGN" && !con.skip_validation) {
          const name = con.conname ? `Foreign key "${con.conname}"` : "A foreign key";
          report({
            message: `${name} on ${table} \u2192 ${relationName(con.pktable)} is added without NOT VALID: every row of ${table} is checked while writes to both tables are blocked.`
          });
        }
        if (cmd.subtype === "AT_AddColumn") {
          const col = as(cmd.def, "ColumnDef");
          const cons = columnConstraints(col);
          const fk = cons.find((c) => c.contype === "CONSTR_FOREIGN");
          const filled = cons.some((c) => c.contype === "CONSTR_DEFAULT" && !isNullLiteral(c.raw_expr) || c.contype === "CONSTR_GENERATED" || c.contype === "CONSTR_IDENTITY");
          if (fk && filled) {
            report({
              message: `Column "${col?.colname}" is added to ${table} with a DEFAULT and REFERENCES ${relationName(fk.pktable)}: Postgres checks the foreign key for every row while writes to both tables are blocked.`
            });
          }
        }
      }
    }
  })
});

// src/lint/added-constraints.ts
function constraintsAddedToExistingTable(statement, ctx, contype) {
  if (statement.kind !== "AlterTableStmt" || statement.node.objtype !== "OBJECT_TABLE" || ctx.isNew(statement.node.relation?.relname)) return [];
  const table = relationName(statement.node.relation) ?? "";
  const out = [];
  for (const cmd of alterCommands(statement.node)) {
    if (cmd.subtype === "AT_AddConstraint") {
      const con = as(cmd.def, "Constraint");
      if (con?.contype === contype) out.push({ table, constraint: con });
    } else if (cmd.subtype === "AT_AddColumn") {
      const col = as(cmd.def, "ColumnDef");
      const con = columnConstraints(col).find((c) => c.contype === contype);
      if (con) out.push({ table, constraint: con, column: col?.colname });
    }
  }
  return out;
}

// rules/adding-primary-key.ts
var adding_primary_key_default = defineRule({
  meta: {
    id: "adding-primary-key",
    severity: "error",
    work: "index-build",
    summary: "Adding a PRIMARY KEY that builds its index under ACCESS EXCLUSIVE",
    why: "ADD PRIMARY KEY (and ADD COLUMN \u2026 PRIMARY KEY) builds a unique index while holding ACCESS EXCLUSIVE on the table (checked on PostgreSQL 15 and 18 in pg_locks), and first makes the key columns NOT NULL, scanning the table if they are not already: no reads and no writes for the whole time. `PRIMARY KEY USING INDEX` attaches an index built earlier with CREATE UNIQUE INDEX CONCURRENTLY; it is quick if the columns are already NOT NULL (otherwise it still scans, see setting-not-null).",
    fix: "Make the columns NOT NULL without a long lock (see setting-not-null), build the index concurrently, then attach it:\n\n```sql\nCREATE UNIQUE INDEX CONCURRENTLY accounts_pkey ON accounts (id);\nALTER TABLE accounts ADD CONSTRAINT accounts_pkey PRIMARY KEY USING INDEX accounts_pkey;\n```",
    examples: {
      bad: [
        "ALTER TABLE accounts ADD PRIMARY KEY (id);",
        "ALTER TABLE accounts ADD CONSTRAINT accounts_pkey PRIMARY KEY (tenant_id, id);",
        "ALTER TABLE accounts ADD COLUMN id uuid PRIMARY KEY DEFAULT gen_random_uuid();"
      ],
      good: [
        "ALTER TABLE accounts ADD CONSTRAINT accounts_pkey PRIMARY KEY USING INDEX accounts_pkey;",
        "CREATE TABLE accounts (id bigint NOT NULL);\nALTER TABLE accounts ADD PRIMARY KEY (id);",
        "CREATE TABLE accounts (id bigint PRIMARY KEY);"
      ]
    },
    squawk: ["adding-serial-primary-key-field", "adding-primary-key-constraint"]
  },
  create: ({ report }) => ({
    "*"(statement, ctx) {
      for (const { table, constraint: con, column } of constraintsAddedToExistingTable(statement, ctx, "CONSTR_PRIMARY")) {
        if (column !== void 0) {
          report({ message: `Column "${column}" is added to ${table} as its PRIMARY KEY: the index is built under ACCESS EXCLUSIVE (no reads or writes meanwhile).` });
        } else if (!con.indexname) {
          report({
            message: `PRIMARY KEY ${con.conname ? `"${con.conname}" ` : ""}on ${table} (${(con.keys ?? []).map(str).join(", ")}) builds its index under ACCESS EXCLUSIVE: no reads or writes of ${table} until it is built.`
          });
        }
      }
    }
  })
});

// rules/adding-required-column.ts
var SERIAL_TYPES = /* @__PURE__ */ new Set(["serial", "bigserial", "smallserial", "serial2", "serial4", "serial8"]);
var adding_required_column_default = defineRule({
  meta: {
    id: "adding-required-column",
    severity: "error",
    summary: "Adding a NOT NULL column without a DEFAULT",
    why: 'On a table that already has rows, Postgres cannot fill the new column, so the ALTER fails (`column "x" of relation "t" contains null values`, checked on PostgreSQL 15) and the deploy breaks, although it passed on an empty development database. `DEFAULT NULL` and a new PRIMARY KEY column fail the same way. Old application code that inserts rows without the column also starts failing.',
    fix: "Add the column with a DEFAULT (constant defaults are instant on PG 11+), or add it nullable, backfill in batches, then set NOT NULL safely:\n\n```sql\nALTER TABLE users ADD COLUMN status text NOT NULL DEFAULT 'active';\n-- or\nALTER TABLE users ADD COLUMN status text;\n-- backfill in batches, then see setting-not-null\n```",
    examples: {
      bad: ["ALTER TABLE users ADD COLUMN status text NOT NULL;", "ALTER TABLE users ADD COLUMN status text NOT NULL DEFAULT NULL;", "ALTER TABLE users ADD COLUMN code int PRIMARY KEY;"],
      good: [
        "ALTER TABLE users ADD COLUMN status text NOT NULL DEFAULT 'active';",
        "ALTER TABLE users ADD COLUMN status text;",
        "CREATE TABLE users (id bigint); ALTER TABLE users ADD COLUMN status text NOT NULL;",
        "ALTER TABLE users ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY NOT NULL;",
        "ALTER TABLE users ADD COLUMN seq bigserial NOT NULL;"
      ]
    },
    squawk: ["adding-required-field"]
  },
  create: ({ report }) => ({
    AlterTableStmt(node, statement, ctx) {
      if (node.objtype !== "OBJECT_TABLE" || ctx.isNew(node.relation?.relname)) return;
      for (const cmd of alterCommands(node)) {
        if (cmd.subtype !== "AT_AddColumn") continue;
        const col = as(cmd.def, "ColumnDef");
        const cons = columnConstraints(col);
        const notNull = cons.some((c) => c.contype === "CONSTR_NOTNULL" || c.contype === "CONSTR_PRIMARY");
        const filled = SERIAL_TYPES.has(typeNameOf(col?.typeName)) || cons.some((c) => c.contype === "CONSTR_DEFAULT" && !isNullLiteral(c.raw_expr) || c.contype === "CONSTR_IDENTITY" || c.contype === "CONSTR_GENERATED");
        if (notNull && !filled) {
          report({
            message: `Column "${col?.colname}" is added to ${relationName(node.relation)} as NOT NULL without a DEFAULT: this fails once the table has rows.`
          });
        }
      }
    }
  })
});

// rules/adding-serial-column.ts
var SERIAL_TYPES2 = /* @__PURE__ */ new Set(["serial", "bigserial", "smallserial", "serial2", "serial4", "serial8"]);
var adding_serial_column_default = defineRule({
  meta: {
    id: "adding-serial-column",
    severity: "error",
    work: "rewrite",
    summary: "Adding a serial or identity column to an existing table",
    why: "`serial`, `bigserial` and `smallserial` are an integer column with DEFAULT nextval(\u2026), and nextval is volatile: every existing row must get its own number, so Postgres rewrites the whole table while holding ACCESS EXCLUSIVE. `GENERATED \u2026 AS IDENTITY` does the same. Checked on PostgreSQL 15 and 18: all of them give the table a new relfilenode. Setting the same DEFAULT nextval(\u2026) on an existing column does not rewrite (only new rows use it).",
    fix: "Add a plain nullable column, give it the sequence as a default for new rows, backfill old rows in batches, then make it NOT NULL without a long lock:\n\n```sql\nALTER TABLE events ADD COLUMN seq bigint;                                  -- instant\nCREATE SEQUENCE events_seq_seq OWNED BY events.seq;\nALTER TABLE events ALTER COLUMN seq SET DEFAULT nextval('events_seq_seq'); -- no rewrite\n-- backfill in batches, each its own transaction:\nUPDATE events SET seq = nextval('events_seq_seq')\n WHERE id IN (SELECT id FROM events WHERE seq IS NULL LIMIT 10000);\n-- then NOT NULL (see setting-not-null) and, if needed, a unique index CONCURRENTLY\n```",
    examples: {
      bad: ["ALTER TABLE events ADD COLUMN seq bigserial;", "ALTER TABLE events ADD COLUMN id serial PRIMARY KEY;", "ALTER TABLE events ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;"],
      good: [
        "ALTER TABLE events ADD COLUMN seq bigint;",
        "ALTER TABLE events ALTER COLUMN seq SET DEFAULT nextval('events_seq_seq');",
        "CREATE TABLE events (id bigserial PRIMARY KEY);",
        "CREATE TABLE events (name text); ALTER TABLE events ADD COLUMN id bigserial PRIMARY KEY;"
      ]
    },
    squawk: ["adding-field-with-default", "adding-serial-primary-key-field"]
  },
  create: ({ report }) => ({
    AlterTableStmt(n, statement, ctx) {
      if (n.objtype !== "OBJECT_TABLE" || ctx.isNew(n.relation?.relname)) return;
      for (const cmd of alterCommands(n)) {
        if (cmd.subtype !== "AT_AddColumn") continue;
        const col = as(cmd.def, "ColumnDef");
        const type = typeNameOf(col?.typeName);
        const identity = columnConstraints(col).some((c) => c.contype === "CONSTR_IDENTITY");
        if (!SERIAL_TYPES2.has(type) && !identity) continue;
        report({
          message: `Column "${col?.colname}" is added to ${relationName(n.relation)} as ${identity ? "an identity column" : type}: every existing row gets a sequence value, so Postgres rewrites the table under ACCESS EXCLUSIVE.`
        });
      }
    }
  })
});

// rules/adding-stored-generated-column.ts
var adding_stored_generated_column_default = defineRule({
  meta: {
    id: "adding-stored-generated-column",
    severity: "error",
    work: "rewrite",
    summary: "Adding a STORED generated column to an existing table",
    why: "A STORED generated column is computed and written for every existing row, so Postgres rewrites the whole table while holding ACCESS EXCLUSIVE (checked on PostgreSQL 15 and 18: the table gets a new relfilenode). Reads and writes wait for the whole rewrite. PostgreSQL 18 adds VIRTUAL generated columns (the default there when neither STORED nor VIRTUAL is written), which are computed on read and are added instantly.",
    fix: "On PostgreSQL 18, use a VIRTUAL generated column if it need not be indexed. Otherwise add a plain column, keep it up to date with a trigger, and backfill in batches:\n\n```sql\nALTER TABLE orders ADD COLUMN total_cents bigint;          -- instant\nCREATE FUNCTION orders_total_cents() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN NEW.total_cents := NEW.quantity * NEW.price_cents; RETURN NEW; END $$;\nCREATE TRIGGER orders_total_cents BEFORE INSERT OR UPDATE ON orders\n  FOR EACH ROW EXECUTE FUNCTION orders_total_cents();\n-- backfill in batches:\nUPDATE orders SET total_cents = quantity * price_cents\n WHERE id IN (SELECT id FROM orders WHERE total_cents IS NULL LIMIT 10000);\n-- or, on PostgreSQL 18:\nALTER TABLE orders ADD COLUMN total_cents bigint GENERATED ALWAYS AS (quantity * price_cents) VIRTUAL;\n```",
    examples: {
      bad: [
        "ALTER TABLE orders ADD COLUMN total_cents bigint GENERATED ALWAYS AS (quantity * price_cents) STORED;",
        "ALTER TABLE people ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('simple', name)) STORED, ADD COLUMN note text;"
      ],
      good: [
        "ALTER TABLE orders ADD COLUMN total_cents bigint GENERATED ALWAYS AS (quantity * price_cents) VIRTUAL;",
        "ALTER TABLE orders ADD COLUMN total_cents bigint;",
        "CREATE TABLE orders (quantity int, price_cents int);\nALTER TABLE orders ADD COLUMN total_cents bigint GENERATED ALWAYS AS (quantity * price_cents) STORED;",
        "CREATE TABLE orders (quantity int, price_cents int, total_cents bigint GENERATED ALWAYS AS (quantity * price_cents) STORED);"
      ]
    },
    squawk: ["adding-field-with-default"]
  },
  create: ({ report }) => ({
    AlterTableStmt(n, statement, ctx) {
      if (n.objtype !== "OBJECT_TABLE" || ctx.isNew(n.relation?.relname)) return;
      const cols = [];
      for (const cmd of alterCommands(n)) {
        if (cmd.subtype !== "AT_AddColumn") continue;
        const col = as(cmd.def, "ColumnDef");
        const gen = columnConstraints(col).find((c) => c.contype === "CONSTR_GENERATED");
        if (gen && gen.generated_kind !== "v") cols.push(`"${col?.colname}"`);
      }
      if (cols.length === 0) return;
      const what = cols.length === 1 ? `Column ${cols[0]} is added` : `${cols.length} columns (${cols.slice(0, 5).join(", ")}${cols.length > 5 ? ", \u2026" : ""}) are added`;
      report({
        message: `${what} to ${relationName(n.relation)} as STORED generated: Postgres computes them for every row, rewriting the table under ACCESS EXCLUSIVE.`
      });
    }
  })
});

// rules/adding-unique-constraint.ts
var adding_unique_constraint_default = defineRule({
  meta: {
    id: "adding-unique-constraint",
    severity: "error",
    work: "index-build",
    summary: "Adding a UNIQUE constraint that builds its index under ACCESS EXCLUSIVE",
    why: "ADD CONSTRAINT \u2026 UNIQUE (and ADD COLUMN \u2026 UNIQUE) builds a new unique index while holding ACCESS EXCLUSIVE on the table (checked on PostgreSQL 15 and 18 in pg_locks): no reads and no writes for the whole index build. Building the index first with CREATE UNIQUE INDEX CONCURRENTLY and then attaching it with `UNIQUE USING INDEX` only holds ACCESS EXCLUSIVE for a catalog update.",
    fix: "Build the index concurrently (outside a transaction block), then turn it into the constraint:\n\n```sql\nCREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);\nALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;\n```",
    examples: {
      bad: ["ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);", "ALTER TABLE users ADD UNIQUE (tenant_id, email);", "ALTER TABLE users ADD COLUMN handle text UNIQUE;"],
      good: [
        "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;",
        "CREATE TABLE users (email text);\nALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);",
        "CREATE TABLE users (email text UNIQUE);"
      ]
    },
    squawk: ["disallowed-unique-constraint"]
  },
  create: ({ report }) => ({
    "*"(statement, ctx) {
      for (const { table, constraint: con, column } of constraintsAddedToExistingTable(statement, ctx, "CONSTR_UNIQUE")) {
        if (column !== void 0) {
          report({ message: `Column "${column}" is added to ${table} as UNIQUE: its index is built under ACCESS EXCLUSIVE (no reads or writes meanwhile).` });
        } else if (!con.indexname) {
          report({
            message: `UNIQUE constraint ${con.conname ? `"${con.conname}" ` : ""}on ${table} (${(con.keys ?? []).map(str).join(", ")}) builds its index under ACCESS EXCLUSIVE: no reads or writes of ${table} until it is built.`
          });
        }
      }
    }
  })
});

// rules/adding-volatile-default.ts
var adding_volatile_default_default = defineRule({
  meta: {
    id: "adding-volatile-default",
    severity: "error",
    work: "rewrite",
    summary: "Adding a column with a volatile DEFAULT (or any DEFAULT before PostgreSQL 11)",
    why: "Since PostgreSQL 11 a new column with a non-volatile DEFAULT is instant: the value is stored once in the catalog. A volatile DEFAULT (`random()`, `gen_random_uuid()`, `clock_timestamp()`, `nextval(\u2026)`, `uuid_generate_v4()`, or a function created VOLATILE) must be computed for every existing row, so Postgres rewrites the whole table while holding ACCESS EXCLUSIVE: no reads, no writes until it is done. Before PostgreSQL 11 every non-NULL DEFAULT rewrites. `now()` and `CURRENT_TIMESTAMP` are STABLE, not volatile: checked on PostgreSQL 15 and 18 (pg_class.relfilenode unchanged), they do not rewrite, and every existing row gets the time of the migration. A function whose definition is not in this file is assumed non-volatile.",
    fix: "Add the column without the volatile default, set the default for new rows (no rewrite), then backfill existing rows in batches:\n\n```sql\nALTER TABLE orders ADD COLUMN token uuid;                          -- instant\nALTER TABLE orders ALTER COLUMN token SET DEFAULT gen_random_uuid(); -- new rows only, no rewrite\n-- backfill in batches, each its own transaction:\nUPDATE orders SET token = gen_random_uuid()\n WHERE id IN (SELECT id FROM orders WHERE token IS NULL LIMIT 10000);\n```",
    examples: {
      bad: [
        "ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid();",
        "ALTER TABLE orders ADD COLUMN jitter float8 NOT NULL DEFAULT random() * 10;",
        "ALTER TABLE events ADD COLUMN seen_at timestamptz DEFAULT clock_timestamp();",
        "CREATE FUNCTION new_code() RETURNS text LANGUAGE plpgsql AS $$ BEGIN RETURN md5(random()::text); END $$;\nALTER TABLE orders ADD COLUMN code text DEFAULT new_code();"
      ],
      good: [
        "ALTER TABLE orders ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();",
        "ALTER TABLE orders ADD COLUMN created_at timestamptz DEFAULT CURRENT_TIMESTAMP;",
        "ALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT 'new';",
        "ALTER TABLE orders ADD COLUMN meta jsonb NOT NULL DEFAULT '{}'::jsonb;",
        "ALTER TABLE orders ADD COLUMN token uuid; ALTER TABLE orders ALTER COLUMN token SET DEFAULT gen_random_uuid();",
        "CREATE TABLE orders (id bigint); ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid();",
        "CREATE FUNCTION tenant() RETURNS text LANGUAGE sql STABLE AS $$ SELECT current_setting('app.tenant') $$;\nALTER TABLE orders ADD COLUMN tenant text DEFAULT tenant();"
      ]
    },
    squawk: ["adding-field-with-default"]
  },
  create: ({ report }) => ({
    AlterTableStmt(n, statement, ctx) {
      if (n.objtype !== "OBJECT_TABLE" || ctx.isNew(n.relation?.relname)) return;
      const table = relationName(n.relation);
      const volatileCols = [];
      const defaultCols = [];
      for (const cmd of alterCommands(n)) {
        if (cmd.subtype !== "AT_AddColumn") continue;
        const col = as(cmd.def, "ColumnDef");
        const def = columnConstraints(col).find((c) => c.contype === "CONSTR_DEFAULT");
        if (!def || isNullLiteral(def.raw_expr)) continue;
        const volatile = volatileCallIn(def.raw_expr, ctx);
        if (volatile) volatileCols.push(`"${col?.colname}" (${volatile}())`);
        else if (ctx.pgVersion < 11) defaultCols.push(`"${col?.colname}"`);
      }
      if (volatileCols.length > 0) {
        report({
          message: `${plural(volatileCols, "Column")} added to ${table} with a volatile DEFAULT: Postgres rewrites the whole table under ACCESS EXCLUSIVE to fill existing rows.`
        });
      } else if (defaultCols.length > 0) {
        report({
          message: `${plural(defaultCols, "Column")} added to ${table} with a DEFAULT: before PostgreSQL 11 (target: ${ctx.pgVersion}) this rewrites the whole table under ACCESS EXCLUSIVE.`
        });
      }
    }
  })
});
function plural(items, noun) {
  return items.length === 1 ? `${noun} ${items[0]} is` : `${noun}s ${items.join(", ")} are`;
}

// rules/attaching-partition-without-check.ts
var attaching_partition_without_check_default = defineRule({
  meta: {
    id: "attaching-partition-without-check",
    severity: "warning",
    work: "scan",
    summary: "Attaching a partition without a CHECK constraint that proves its bound",
    why: "ALTER TABLE \u2026 ATTACH PARTITION scans the whole table being attached to prove every row fits the partition bound, holding ACCESS EXCLUSIVE on it and SHARE UPDATE EXCLUSIVE on the parent (checked in pg_locks on PostgreSQL 15 and 18); if the parent has a DEFAULT partition, that one is scanned too, under ACCESS EXCLUSIVE, to prove none of its rows belong to the new bound. Postgres skips the first scan when a validated CHECK constraint on the table already implies the bound. Reported when the table existed before this migration and the migration adds no validated CHECK on it first.",
    fix: "Prove the bound with a CHECK added NOT VALID and validated (that scan does not block writes), attach, then drop the CHECK:\n\n```sql\nALTER TABLE events_2025 ADD CONSTRAINT events_2025_bound\n  CHECK (created_at IS NOT NULL AND created_at >= '2025-01-01' AND created_at < '2026-01-01') NOT VALID;\nALTER TABLE events_2025 VALIDATE CONSTRAINT events_2025_bound;\nALTER TABLE events ATTACH PARTITION events_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');\nALTER TABLE events_2025 DROP CONSTRAINT events_2025_bound;\n```\n\nWith a DEFAULT partition, the same CHECK (`NOT (created_at >= \u2026 AND created_at < \u2026)`) on the default partition skips its scan.",
    examples: {
      bad: ["ALTER TABLE events ATTACH PARTITION events_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');"],
      good: [
        "ALTER TABLE events_2025 ADD CONSTRAINT b CHECK (created_at >= '2025-01-01' AND created_at < '2026-01-01') NOT VALID;\nALTER TABLE events_2025 VALIDATE CONSTRAINT b;\nALTER TABLE events ATTACH PARTITION events_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');",
        "CREATE TABLE events_2025 (LIKE events);\nALTER TABLE events ATTACH PARTITION events_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');"
      ]
    },
    messages: {
      scan: "ATTACH PARTITION {{child}} scans all of {{child}} under ACCESS EXCLUSIVE to prove its bound ({{parent}} also takes SHARE UPDATE EXCLUSIVE, and a DEFAULT partition of {{parent}} is scanned too): no validated CHECK on {{child}} proves it first"
    }
  },
  create: ({ report, statements }) => {
    const provedBefore = (table, index) => {
      const checks = /* @__PURE__ */ new Map();
      for (const cmd of alterCommandsOn(statements, table, 0, index)) {
        const c = as(cmd.def, "Constraint");
        if (cmd.subtype === "AT_AddConstraint" && c?.contype === "CONSTR_CHECK") checks.set(c.conname ?? `#${checks.size}`, !c.skip_validation);
        else if (cmd.subtype === "AT_ValidateConstraint" && cmd.name && checks.has(cmd.name)) checks.set(cmd.name, true);
      }
      return [...checks.values()].some(Boolean);
    };
    return {
      AlterTableStmt(n, _statement, ctx) {
        const parent = relationName(n.relation) ?? "?";
        for (const cmd of alterCommands(n)) {
          if (cmd.subtype !== "AT_AttachPartition") continue;
          const child = relationName(as(cmd.def, "PartitionCmd")?.name);
          if (!child || ctx.isNew(child) || provedBefore(child, ctx.index)) continue;
          report({ messageId: "scan", data: { child, parent } });
        }
      }
    };
  }
});

// rules/breaking-replica-identity.ts
var breaking_replica_identity_default = defineRule({
  meta: {
    id: "breaking-replica-identity",
    severity: "warning",
    work: "lock",
    summary: "Leaving a possibly replicated table without a replica identity",
    why: "Logical replication (a publication, Debezium and other change-data-capture tools, managed upgrades and migrations between clusters) needs a replica identity to send UPDATE and DELETE. With `REPLICA IDENTITY NOTHING`, or with the default identity after the primary key is dropped, every UPDATE and DELETE on a published table fails with `cannot update table \u2026 because it does not have a replica identity and publishes updates` (checked on PostgreSQL 15 and 18): the application breaks on writes, not the migration. Reported unless the same migration gives the table a new primary key or an explicit identity; a down dropping the primary key its up added is not reported.",
    fix: "Keep a primary key (add the new one before dropping the old, in the same transaction), or point the identity at a unique index on NOT NULL columns first:\n\n```sql\nCREATE UNIQUE INDEX CONCURRENTLY orders_uuid_key ON orders (uuid);\nALTER TABLE orders ALTER COLUMN uuid SET NOT NULL;\nALTER TABLE orders REPLICA IDENTITY USING INDEX orders_uuid_key;\n```\n\n`REPLICA IDENTITY FULL` also works, at the cost of logging whole old rows.",
    examples: {
      bad: ["ALTER TABLE orders REPLICA IDENTITY NOTHING;", "ALTER TABLE orders DROP CONSTRAINT orders_pkey;"],
      good: [
        "ALTER TABLE orders DROP CONSTRAINT orders_pkey;\nALTER TABLE orders ADD PRIMARY KEY (uuid);",
        "ALTER TABLE orders REPLICA IDENTITY FULL;",
        "CREATE TABLE t (id int PRIMARY KEY);\nALTER TABLE t DROP CONSTRAINT t_pkey;"
      ]
    },
    messages: {
      nothing: "REPLICA IDENTITY NOTHING on {{table}}: if it is published (logical replication, change data capture), every UPDATE and DELETE on it fails from now on",
      dropPk: "Dropping {{constraint}}, the primary key of {{table}}, leaves it without a replica identity: if it is published, every UPDATE and DELETE on it fails until a new one exists"
    }
  },
  create: ({ report, statements }) => ({
    AlterTableStmt(n, _statement, ctx) {
      const table = relationName(n.relation);
      if (!table || ctx.isNew(table)) return;
      const replaced = () => alterCommandsOn(statements, table, ctx.index).some(
        (c) => c.subtype === "AT_AddConstraint" && as(c.def, "Constraint")?.contype === "CONSTR_PRIMARY" || c.subtype === "AT_AddColumn" && columnConstraints(as(c.def, "ColumnDef")).some((k) => k.contype === "CONSTR_PRIMARY") || c.subtype === "AT_AddIndexConstraint" && as(c.def, "IndexStmt")?.primary || c.subtype === "AT_ReplicaIdentity" && ["f", "i"].includes(as(c.def, "ReplicaIdentityStmt")?.identity_type ?? "")
      );
      for (const cmd of alterCommands(n)) {
        if (cmd.subtype === "AT_ReplicaIdentity" && as(cmd.def, "ReplicaIdentityStmt")?.identity_type === "n" && !replaced()) report({ messageId: "nothing", data: { table } });
        if (cmd.subtype === "AT_DropConstraint" && cmd.name === `${table.split(".").pop()}_pkey` && !isNewConstraint(ctx, table, cmd.name) && !replaced())
          report({ messageId: "dropPk", data: { table, constraint: cmd.name } });
      }
    }
  })
});

// rules/chain-rollback-failing.ts
var chain_rollback_failing_default = defineDiagnostic({
  id: "chain-rollback-failing",
  severity: "error",
  stage: "verify",
  summary: "Rolling the changed migrations back as a chain fails or leaves a different schema",
  why: "Rolling a deploy back runs the downs of its migrations newest first (`migrate down N`), each on the schema the previous down left. After the up \u2192 down \u2192 up cycle of each migration, verify reverts the changed migrations that way and compares the schema after each down with the schema before that migration's up. Each down can pass on its own and still fail in the chain: a down meets rows that were put into tables created after its up, or one down removes what an older down expects to find. This finding is raised only when the migration's own cycle did not already report the same failure (then its down-failing or down-not-restoring-schema finding says that the chain stops there too).\n\nThe opposite also happens and is not this finding: some projects write downs that are offset by one (each down undoes the next migration's up), so every single-step cycle fails while the whole chain works. Their down-failing findings then say that reverting the whole chain works and that only a rollback of that one migration fails.\n\nThe chain is the trailing run of changed migrations (with `--base`, the ones the pull request adds; without it, all of them): a rollback of the deploy stops at the migrations already in production. A migration without a down file ends the chain without a finding (`missing-down` covers it); an empty down file is a step that does nothing.",
  fix: "Make each down the exact reverse of its own up, so any number of them can be run newest first:\n\n```sql\n-- 0002 up\nALTER TABLE users ADD COLUMN plan text;\n-- 0002 down (undoes 0002, not 0003)\nALTER TABLE users DROP COLUMN plan;\n```\n\nWhen a down fails only because of rows, make it tolerate them (drop the constraint before deleting the column it checks, add columns back nullable).",
  examples: { bad: [], good: [] }
});

// src/lint/types-compat.ts
function columnType(typeName) {
  return { name: typeNameOf(typeName), mods: typeMods(typeName), array: isArrayType(typeName) };
}
var PRECISION_TYPES = /* @__PURE__ */ new Set(["timestamp", "timestamptz", "time"]);
function widens(from, to) {
  if (to === void 0) return true;
  return from !== void 0 && to >= from;
}
function classifyTypeChange(from, to, pgVersion) {
  const same = from.name === to.name && from.array === to.array && from.mods.join(",") === to.mods.join(",");
  if (same) return "metadata";
  if (from.array || to.array) return "rewrite";
  const f = from.name;
  const t = to.name;
  if ((f === "varchar" || f === "text") && (t === "text" || t === "varchar" && to.mods.length === 0)) return "metadata";
  if (f === "varchar" && t === "varchar") return widens(from.mods[0], to.mods[0]) ? "metadata" : "rewrite";
  if (f === "text" && t === "bpchar" && to.mods.length === 0) return "metadata";
  if (f === "numeric" && t === "numeric") {
    if (to.mods.length === 0) return "metadata";
    if (from.mods.length === 0) return "rewrite";
    const sameScale = (from.mods[1] ?? 0) === (to.mods[1] ?? 0);
    return sameScale && to.mods[0] >= from.mods[0] ? "metadata" : "rewrite";
  }
  if (f === "varbit" && t === "varbit") return widens(from.mods[0], to.mods[0]) ? "metadata" : "rewrite";
  if (PRECISION_TYPES.has(f) && f === t) return widens(from.mods[0] ?? 6, to.mods[0]) ? "metadata" : "rewrite";
  if (f === "interval" && t === "interval" && to.mods.length === 0) return "metadata";
  if (f === "cidr" && t === "inet") return "metadata";
  if (f === "int4" && t === "oid" || t === "int4" && f === "oid" || f.startsWith("reg") && t === "oid") return "metadata";
  if (f === "timestamp" && t === "timestamptz" || f === "timestamptz" && t === "timestamp") {
    if (pgVersion < 12) return "rewrite";
    return widens(from.mods[0] ?? 6, to.mods[0]) ? "metadata-if-utc" : "rewrite";
  }
  return "rewrite";
}
function mayBeWidening(to) {
  if (to.array) return false;
  return ["text", "varchar", "numeric", "varbit", "inet"].includes(to.name);
}
var DISPLAY_NAMES = { int2: "smallint", int4: "integer", int8: "bigint", float4: "real", float8: "double precision", bool: "boolean", bpchar: "char", varbit: "bit varying" };
function formatType(t) {
  const mods = t.mods.length && t.name !== "interval" ? `(${t.mods.join(",")})` : "";
  return `${DISPLAY_NAMES[t.name] ?? t.name}${mods}${t.array ? "[]" : ""}`;
}
function columnTypeBefore(ctx, table, column) {
  const tbl = bareName(table);
  const col = column.toLowerCase();
  let known;
  for (const st of ctx.statements.slice(0, ctx.index)) {
    if (st.embedded?.in === "function") continue;
    if (st.kind === "CreateStmt" && bareName(st.node.relation?.relname) === tbl) {
      known = void 0;
      for (const el of st.node.tableElts ?? []) {
        const def = as(el, "ColumnDef");
        if (def?.colname?.toLowerCase() === col) known = columnType(def.typeName);
      }
    } else if (st.kind === "AlterTableStmt" && bareName(st.node.relation?.relname) === tbl) {
      for (const cmd of alterCommands(st.node)) {
        const def = as(cmd.def, "ColumnDef");
        if (cmd.subtype === "AT_AddColumn" && def?.colname?.toLowerCase() === col) known = columnType(def.typeName);
        if (cmd.subtype === "AT_AlterColumnType" && cmd.name?.toLowerCase() === col && def?.typeName) known = columnType(def.typeName);
        if (cmd.subtype === "AT_DropColumn" && cmd.name?.toLowerCase() === col) known = void 0;
      }
    }
  }
  return known;
}
function timeZoneIsUtcBefore(ctx) {
  let utc = false;
  for (const st of ctx.statements.slice(0, ctx.index)) {
    if (st.embedded?.in === "function") continue;
    if (st.kind !== "VariableSetStmt") continue;
    if (st.node.kind === "VAR_RESET_ALL") utc = false;
    if (String(st.node.name ?? "").toLowerCase() !== "timezone") continue;
    const v = as(st.node.args?.[0], "A_Const")?.sval?.sval;
    utc = st.node.kind === "VAR_SET_VALUE" && /^(utc|etc\/utc|gmt|etc\/gmt|z|zulu|universal|etc\/universal)$/i.test(String(v ?? ""));
  }
  return utc;
}
function isTrivialUsing(expr, column) {
  if (!expr) return true;
  let e = expr;
  for (let cast = as(e, "TypeCast"); cast; cast = as(e, "TypeCast")) e = cast.arg;
  const fields = as(e, "ColumnRef")?.fields ?? [];
  return fields.length > 0 && str(fields[fields.length - 1])?.toLowerCase() === column.toLowerCase();
}

// rules/changing-column-type.ts
var changing_column_type_default = defineRule({
  meta: {
    id: "changing-column-type",
    severity: "error",
    work: "rewrite",
    summary: "Changing a column type in a way that rewrites the table",
    why: "ALTER COLUMN \u2026 TYPE takes ACCESS EXCLUSIVE and, unless the old and new types are binary-compatible, rewrites every row and rebuilds every index on the table: reads and writes wait for all of it. Checked on PostgreSQL 15 and 18 by comparing pg_class.relfilenode: widening varchar(n) to varchar(m \u2265 n), varchar \u2194 text, varchar(n) \u2192 varchar, numeric(p,s) \u2192 numeric(q \u2265 p,s) or numeric, timestamp(p) \u2192 timestamp(q \u2265 p), varbit(n) \u2192 varbit(m \u2265 n) and cidr \u2192 inet do not rewrite (the lock is still taken, briefly); int \u2192 bigint, smallint \u2192 int, any narrowing, text \u2192 varchar(n), numeric \u2192 numeric(p,s), char(n) \u2192 anything, json \u2194 jsonb, uuid \u2192 text and every array type change do. timestamp \u2194 timestamptz skips the rewrite only when the session TimeZone is UTC (PostgreSQL 12+), so a change to timestamptz after `SET timezone = 'UTC'` in the same file is not reported. When the column's current type is defined outside this migration, a change to text, varchar, numeric, varbit or inet without a USING expression is taken to be such a widening and is not reported; other targets are reported.",
    fix: "Add a new column, keep it in sync with a trigger, backfill in batches, then swap in a short transaction:\n\n```sql\nALTER TABLE orders ADD COLUMN id_new bigint;\nCREATE FUNCTION orders_id_new() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN NEW.id_new := NEW.id; RETURN NEW; END $$;\nCREATE TRIGGER orders_id_new BEFORE INSERT OR UPDATE ON orders\n  FOR EACH ROW EXECUTE FUNCTION orders_id_new();\n-- backfill in batches:\nUPDATE orders SET id_new = id WHERE id IN (SELECT id FROM orders WHERE id_new IS NULL LIMIT 10000);\n-- build indexes on id_new CONCURRENTLY, then in one short transaction\n-- (also move constraints: PRIMARY KEY USING INDEX, foreign keys NOT VALID):\nBEGIN;\nALTER TABLE orders RENAME COLUMN id TO id_old;\nALTER TABLE orders RENAME COLUMN id_new TO id;\nCOMMIT;\n```\nFor varchar limits, widen instead (`TYPE varchar(320)` from a shorter varchar, or `TYPE text`), or replace the limit with a `CHECK (char_length(col) <= n) NOT VALID` constraint.",
    examples: {
      bad: [
        "ALTER TABLE orders ALTER COLUMN id TYPE bigint;",
        "ALTER TABLE orders ALTER COLUMN payload SET DATA TYPE jsonb USING payload::jsonb;",
        "ALTER TABLE users ALTER COLUMN email TYPE varchar(255);\nALTER TABLE users ALTER COLUMN email TYPE varchar(100);",
        "ALTER TABLE users ADD COLUMN nick text; ALTER TABLE users ALTER COLUMN nick TYPE varchar(20);",
        "ALTER TABLE orders ALTER COLUMN tags TYPE text USING array_to_string(tags, ',');",
        "ALTER TABLE events ALTER COLUMN at TYPE timestamptz;"
      ],
      good: [
        "ALTER TABLE users ALTER COLUMN email TYPE varchar(320);",
        "ALTER TABLE users ALTER COLUMN email TYPE text;",
        "ALTER TABLE users ADD COLUMN nick varchar(20); ALTER TABLE users ALTER COLUMN nick TYPE varchar(40);",
        "ALTER TABLE users ADD COLUMN nick varchar(20); ALTER TABLE users ALTER COLUMN nick TYPE text USING nick::text;",
        "ALTER TABLE prices ADD COLUMN amount numeric(10,2); ALTER TABLE prices ALTER COLUMN amount TYPE numeric(14,2);",
        "ALTER TABLE hosts ADD COLUMN net cidr; ALTER TABLE hosts ALTER COLUMN net TYPE inet;",
        "SET timezone = 'UTC';\nALTER TABLE events ADD COLUMN at timestamp; ALTER TABLE events ALTER COLUMN at TYPE timestamptz;",
        "SET timezone = 'UTC';\nALTER TABLE events ALTER COLUMN created_at TYPE timestamptz;",
        "CREATE TABLE orders (id int); ALTER TABLE orders ALTER COLUMN id TYPE bigint;"
      ]
    },
    squawk: ["changing-column-type"]
  },
  create: ({ report }) => ({
    AlterTableStmt(n, statement, ctx) {
      if (n.objtype !== "OBJECT_TABLE" || ctx.isNew(n.relation?.relname)) return;
      const table = relationName(n.relation) ?? "";
      const changes = [];
      let utcOnly = true;
      for (const cmd of alterCommands(n)) {
        if (cmd.subtype !== "AT_AlterColumnType") continue;
        const def = as(cmd.def, "ColumnDef");
        if (!def?.typeName || !cmd.name) continue;
        const to = columnType(def.typeName);
        const trivial = isTrivialUsing(def.raw_default, cmd.name);
        const from = columnTypeBefore(ctx, table, cmd.name);
        const where2 = `${table}.${cmd.name}`;
        if (!from) {
          if (trivial && mayBeWidening(to)) continue;
          if (trivial && !to.array && (to.name === "timestamptz" || to.name === "timestamp") && ctx.pgVersion >= 12 && timeZoneIsUtcBefore(ctx)) continue;
          if (!["timestamptz", "timestamp"].includes(to.name)) utcOnly = false;
          changes.push({ where: where2, to: formatType(to), using: !trivial });
          continue;
        }
        const change = trivial ? classifyTypeChange(from, to, ctx.pgVersion) : "rewrite";
        if (change === "metadata" || change === "metadata-if-utc" && timeZoneIsUtcBefore(ctx)) continue;
        if (change !== "metadata-if-utc") utcOnly = false;
        changes.push({ where: where2, from: formatType(from), to: formatType(to), using: !trivial });
      }
      if (changes.length === 0) return;
      const known = changes.every((c) => c.from);
      const utcHint = utcOnly && ctx.pgVersion >= 12 ? known ? " (it would not if the session TimeZone were UTC: add `SET LOCAL timezone = 'UTC'` before it)" : " (timestamp \u2194 timestamptz skips the rewrite when the session TimeZone is UTC: add `SET LOCAL timezone = 'UTC'` before it)" : "";
      const using = (c) => c.using ? " with a USING expression" : "";
      const what = changes.length === 1 ? `Column ${changes[0].where} changes type ${changes[0].from ? `from ${changes[0].from} ` : ""}to ${changes[0].to}${using(changes[0])}` : `Columns ${changes.map((c) => `${c.where} (${c.from ?? "?"} \u2192 ${c.to}${using(c)})`).join(", ")} change type`;
      report({
        message: `${what}: ${known ? "" : "unless the old type is binary-compatible, "}Postgres rewrites ${table} and rebuilds its indexes under ACCESS EXCLUSIVE${utcHint}.`
      });
    }
  })
});

// rules/concurrently-in-transaction.ts
function concurrentOperation(st) {
  switch (st.kind) {
    case "IndexStmt":
      return st.node.concurrent ? "CREATE INDEX CONCURRENTLY" : void 0;
    case "DropStmt":
      return st.node.concurrent && st.node.removeType === "OBJECT_INDEX" ? "DROP INDEX CONCURRENTLY" : void 0;
    case "ReindexStmt":
      return (st.node.params ?? []).some((p) => as(p, "DefElem")?.defname === "concurrently") ? "REINDEX CONCURRENTLY" : void 0;
    case "AlterTableStmt":
      return alterCommands(st.node).some((c) => c.subtype === "AT_DetachPartition" && as(c.def, "PartitionCmd")?.concurrent) ? "ALTER TABLE \u2026 DETACH PARTITION \u2026 CONCURRENTLY" : void 0;
    default:
      return void 0;
  }
}
function where(st, ctx) {
  if (st.embedded?.in === "do") return 'inside a DO block: Postgres refuses it there ("cannot be executed from a function"), even outside a transaction. The migration fails here.';
  if (st.embedded?.in === "function") return 'inside a function or procedure body: creating it succeeds, but every call fails ("cannot be executed from a function").';
  if (ctx.implicitTransactionBlock && !ctx.explicitTransactionStart && !ctx.frameworkTransaction) {
    return 'in a file the migration tool sends as one multi-statement query: Postgres runs all of it as one implicit transaction block and refuses it there ("cannot run inside a transaction block"), even after a COMMIT. Put it alone in its own migration file.';
  }
  if (!ctx.inTransaction) return void 0;
  if (ctx.explicitTransactionStart)
    return `inside the transaction opened at line ${ctx.explicitTransactionStart.range.line}: Postgres refuses it ("cannot run inside a transaction block"). The migration fails here.`;
  return 'in a file the migration framework runs in a transaction: Postgres refuses it ("cannot run inside a transaction block"). The migration fails here.';
}
var concurrently_in_transaction_default = defineRule({
  meta: {
    id: "concurrently-in-transaction",
    severity: "error",
    lintsFunctionBodies: true,
    summary: "A CONCURRENTLY operation inside a transaction, DO block or function",
    why: "CREATE INDEX CONCURRENTLY, DROP INDEX CONCURRENTLY, REINDEX \u2026 CONCURRENTLY and ALTER TABLE \u2026 DETACH PARTITION \u2026 CONCURRENTLY work in several transactions of their own, so Postgres refuses them inside a transaction block (`ERROR: CREATE INDEX CONCURRENTLY cannot run inside a transaction block`) and inside any function, procedure or DO block (`cannot be executed from a function`), even when dynamic SQL (EXECUTE) runs them. The migration fails at this statement. Most frameworks wrap every migration file in a transaction unless told not to, so a file that looks fine in psql fails under the framework. Tools that send the whole file as one query (golang-migrate, Prisma) hit the same error as soon as the file has a second statement: Postgres runs a multi-statement query as one implicit transaction block. (REFRESH MATERIALIZED VIEW CONCURRENTLY is allowed in a transaction and is not flagged.)",
    fix: "Run the statement outside any transaction, in a migration of its own, and tell the framework not to wrap that file:\n\n```sql\n-- golang-migrate: no BEGIN/COMMIT in the file, and one statement per file (multi-statement files run as one implicit transaction)\n-- goose:           -- +goose NO TRANSACTION\n-- dbmate:          -- migrate:up transaction:false\n-- Flyway:          executeInTransaction=false in the script config (V3__idx.sql.conf)\n-- sqitch:          leave out BEGIN/COMMIT in the deploy script\n-- node-pg-migrate: exports.up = (pgm) => { pgm.noTransaction(); ... }\nDROP INDEX CONCURRENTLY IF EXISTS users_email_idx;  -- INVALID leftover of a failed build\nCREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON users (email);\n```",
    examples: {
      bad: [
        "BEGIN;\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);\nCOMMIT;",
        "BEGIN;\nDROP INDEX CONCURRENTLY users_email_idx;\nCOMMIT;",
        "START TRANSACTION;\nREINDEX INDEX CONCURRENTLY users_email_idx;\nCOMMIT;",
        "BEGIN;\nALTER TABLE events DETACH PARTITION events_2023 CONCURRENTLY;\nCOMMIT;",
        "DO $$\nBEGIN\n  EXECUTE 'CREATE INDEX CONCURRENTLY users_email_idx ON users (email)';\nEND $$;",
        "CREATE PROCEDURE add_index() LANGUAGE plpgsql AS $$\nBEGIN\n  CREATE INDEX CONCURRENTLY users_email_idx ON users (email);\nEND $$;"
      ],
      good: [
        "CREATE INDEX CONCURRENTLY users_email_idx ON users (email);",
        "BEGIN;\nCREATE INDEX users_email_idx ON users (email);\nCOMMIT;",
        "BEGIN;\nREFRESH MATERIALIZED VIEW CONCURRENTLY monthly_totals;\nCOMMIT;",
        "BEGIN;\nALTER TABLE users ADD COLUMN email text;\nCOMMIT;\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);",
        "ALTER TABLE events DETACH PARTITION events_2023 CONCURRENTLY;"
      ]
    },
    squawk: ["ban-concurrent-index-creation-in-transaction"]
  },
  create: ({ report }) => ({
    "*"(statement, ctx) {
      const op = concurrentOperation(statement);
      if (!op) return;
      const place = where(statement, ctx);
      if (place) report({ message: `${op} ${place}` });
    }
  })
});

// rules/creating-index-non-concurrently.ts
var creating_index_non_concurrently_default = defineRule({
  meta: {
    id: "creating-index-non-concurrently",
    severity: "error",
    work: "index-build",
    summary: "Creating an index on an existing table without CONCURRENTLY",
    why: "CREATE INDEX takes a SHARE lock on the table for the whole build (checked on PostgreSQL 15 and 18 in pg_locks): reads go on, but every INSERT, UPDATE and DELETE waits until the index is built, which on a large table takes minutes. CREATE INDEX CONCURRENTLY takes SHARE UPDATE EXCLUSIVE instead, so writes continue. Indexes on tables created earlier in the same migration are not reported: the table is empty and no one else can see it yet. Nor is `CREATE INDEX \u2026 ON ONLY parent`, the first step of indexing a partitioned table, which builds nothing.",
    fix: 'Build it concurrently, outside a transaction block (most frameworks need a per-migration "no transaction" marker):\n\n```sql\n-- a failed build leaves an INVALID index, which IF NOT EXISTS keeps:\nDROP INDEX CONCURRENTLY IF EXISTS orders_customer_id_idx;\nCREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_id_idx ON orders (customer_id);\n```\nA partitioned table cannot be indexed concurrently as a whole: `CREATE INDEX \u2026 ON ONLY parent`, then `CREATE INDEX CONCURRENTLY` on each partition and `ALTER INDEX parent_idx ATTACH PARTITION part_idx`.',
    examples: {
      bad: ["CREATE INDEX orders_customer_id_idx ON orders (customer_id);", "CREATE UNIQUE INDEX IF NOT EXISTS users_email_key ON public.users (lower(email));"],
      good: [
        "CREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id);",
        "CREATE INDEX measurements_at_idx ON ONLY measurements (at);",
        "CREATE TABLE orders (id bigint, customer_id bigint);\nCREATE INDEX orders_customer_id_idx ON orders (customer_id);",
        "CREATE MATERIALIZED VIEW totals AS SELECT 1 AS id;\nCREATE UNIQUE INDEX totals_id ON totals (id);"
      ]
    },
    squawk: ["require-concurrent-index-creation"]
  },
  create: ({ report }) => ({
    IndexStmt(n, statement, ctx) {
      if (n.concurrent || ctx.isNew(n.relation?.relname)) return;
      if (n.relation && n.relation.inh !== true) return;
      const index = n.idxname ? `Index "${n.idxname}"` : "An index";
      report({
        message: `${index} is created on ${relationName(n.relation)} without CONCURRENTLY: writes to ${relationName(n.relation)} are blocked (SHARE lock) until the build finishes.`
      });
    }
  })
});

// rules/deleting-applied-migration.ts
var deleting_applied_migration_default = defineDiagnostic({
  id: "deleting-applied-migration",
  severity: "error",
  stage: "history",
  summary: "Deleting or renaming a migration that the base branch already has",
  why: "Databases that already applied the migration keep its changes, while new databases never get them, so the schema now depends on when a database was created. Many tools also refuse to run when a migration recorded as applied is missing (goose, Flyway validate, sqitch, popx), and a renamed migration looks like a new one: it is applied a second time and usually fails on objects that already exist. Reported with `--base <ref>`; a rename is recognised when a new migration has the deleted one's exact SQL.",
  fix: "Restore the migration file exactly as it is on the base branch. To undo what it did, add a new migration:\n\n```sql\n-- 000032_drop_legacy_flags.up.sql\nDROP TABLE IF EXISTS legacy_flags;\n```\nTo squash old migrations, do it deliberately in one release, together with the tool's own baseline mechanism.",
  examples: { bad: [], good: [] }
});

// rules/detaching-partition-non-concurrently.ts
var detaching_partition_non_concurrently_default = defineRule({
  meta: {
    id: "detaching-partition-non-concurrently",
    severity: "warning",
    work: "lock",
    summary: "Detaching a partition without CONCURRENTLY",
    why: "ALTER TABLE \u2026 DETACH PARTITION takes ACCESS EXCLUSIVE on the partitioned table and the partition (checked on PostgreSQL 15 and 18 in pg_locks). The detach itself is quick, but it must wait for every query running on any partition, and meanwhile every new query on the whole partitioned table queues behind it. DETACH PARTITION \u2026 CONCURRENTLY (PostgreSQL 14+) takes only SHARE UPDATE EXCLUSIVE on the parent. Partitions and tables created in the same migration are not reported.",
    fix: "On PostgreSQL 14+, detach concurrently, outside a transaction block:\n\n```sql\nALTER TABLE measurements DETACH PARTITION measurements_2023 CONCURRENTLY;\n-- if it is interrupted:\nALTER TABLE measurements DETACH PARTITION measurements_2023 FINALIZE;\n```\nBefore 14 there is no concurrent form: run it with `SET lock_timeout = '3s'` and retry.",
    examples: {
      bad: ["ALTER TABLE measurements DETACH PARTITION measurements_2023;"],
      good: [
        "ALTER TABLE measurements DETACH PARTITION measurements_2023 CONCURRENTLY;",
        "ALTER TABLE measurements DETACH PARTITION measurements_2023 FINALIZE;",
        "CREATE TABLE measurements_2023 PARTITION OF measurements FOR VALUES FROM (2023) TO (2024);\nALTER TABLE measurements DETACH PARTITION measurements_2023;"
      ]
    },
    squawk: ["require-concurrent-partition-detach"]
  },
  create: ({ report }) => ({
    AlterTableStmt(n, statement, ctx) {
      if (ctx.isNew(n.relation?.relname)) return;
      for (const cmd of alterCommands(n)) {
        if (cmd.subtype !== "AT_DetachPartition") continue;
        const part = as(cmd.def, "PartitionCmd");
        if (part?.concurrent || ctx.isNew(part?.name?.relname)) continue;
        const parent = relationName(n.relation);
        report({
          message: `DETACH PARTITION ${relationName(part?.name)} from ${parent} without CONCURRENTLY takes ACCESS EXCLUSIVE on ${parent}: it waits for every running query on it and blocks all new ones meanwhile${ctx.pgVersion < 14 ? ` (no concurrent form before PostgreSQL 14; target: ${ctx.pgVersion})` : ""}.`
        });
      }
    }
  })
});

// rules/disabling-triggers.ts
var DISABLING = /* @__PURE__ */ new Set(["AT_DisableTrig", "AT_DisableTrigAll", "AT_DisableTrigUser"]);
function enables(enable, disable) {
  if (enable.subtype === "AT_EnableTrigAll") return true;
  if (enable.subtype === "AT_EnableTrigUser") return disable.subtype !== "AT_DisableTrigAll";
  const named = enable.subtype === "AT_EnableTrig" || enable.subtype === "AT_EnableAlwaysTrig" || enable.subtype === "AT_EnableReplicaTrig";
  return named && disable.subtype === "AT_DisableTrig" && enable.name === disable.name;
}
var disabling_triggers_default = defineRule({
  meta: {
    id: "disabling-triggers",
    severity: "warning",
    work: "lock",
    summary: "Disabling triggers and leaving them disabled",
    why: "`ALTER TABLE t DISABLE TRIGGER ALL` also disables the internal triggers that enforce foreign keys: from then on, deletes on the parent and inserts into the child are not checked, and the orphans stay when the triggers come back (re-enabling checks nothing; checked on PostgreSQL 15 and 18). `DISABLE TRIGGER USER` or a named trigger silently stops the application's audit, cache or denormalization triggers. Either way the statement takes SHARE ROW EXCLUSIVE on the table (blocks writes; checked in pg_locks), and a migration that does not enable them again leaves production running without them. Reported when the same file does not re-enable them.",
    fix: "Do not disable triggers in a migration. For a bulk backfill that must skip a trigger, batch the backfill and let the trigger run, or give the trigger a guard (`WHEN (current_setting('app.backfill', true) IS DISTINCT FROM 'on')`) and `SET LOCAL app.backfill = 'on'` in the backfill's transaction. If you must, enable them again in the same transaction and check the foreign keys yourself:\n\n```sql\nBEGIN;\nALTER TABLE orders DISABLE TRIGGER orders_audit;\n-- \u2026 backfill \u2026\nALTER TABLE orders ENABLE TRIGGER orders_audit;\nCOMMIT;\n```",
    examples: {
      bad: ["ALTER TABLE orders DISABLE TRIGGER ALL;", "ALTER TABLE orders DISABLE TRIGGER orders_audit;\nUPDATE orders SET total = 0 WHERE total IS NULL;"],
      good: [
        "BEGIN;\nALTER TABLE orders DISABLE TRIGGER orders_audit;\nUPDATE orders SET total = 0 WHERE total IS NULL;\nALTER TABLE orders ENABLE TRIGGER orders_audit;\nCOMMIT;",
        "CREATE TABLE t (id int);\nALTER TABLE t DISABLE TRIGGER ALL;"
      ]
    },
    messages: {
      all: "DISABLE TRIGGER ALL on {{table}} turns off its foreign-key checks too, and this migration never enables them again: rows that break the foreign keys get in unchecked",
      some: "DISABLE TRIGGER {{which}} on {{table}}, never enabled again in this migration: production runs without them"
    }
  },
  create: ({ report, statements }) => ({
    AlterTableStmt(n, statement, ctx) {
      const table = relationName(n.relation);
      if (!table || ctx.isNew(table)) return;
      for (const cmd of alterCommands(n)) {
        if (!DISABLING.has(cmd.subtype ?? "")) continue;
        if (alterCommandsOn(statements, table, ctx.index + 1).some((c) => enables(c, cmd))) continue;
        if (cmd.subtype === "AT_DisableTrigAll") report({ messageId: "all", data: { table } });
        else report({ messageId: "some", data: { table, which: cmd.subtype === "AT_DisableTrigUser" ? "USER" : cmd.name ?? "" } });
      }
    }
  })
});

// rules/down-failing.ts
var down_failing_default = defineDiagnostic({
  id: "down-failing",
  severity: "error",
  stage: "verify",
  summary: "The down migration fails right after its up",
  why: "A rollback is only useful if it runs. verify applies the up, then immediately the down, in the same throwaway database; the down failed there, so a rollback in production would fail too, usually in the middle of an incident. Typical causes: dropping objects in the wrong order (a table before the view that uses it), a typo in a name, undoing something the up never did.",
  fix: "Write the down as the exact reverse of the up, in reverse order, and use the names the up created:\n\n```sql\n-- up\nCREATE TABLE widgets (id int);\nCREATE VIEW widget_ids AS SELECT id FROM widgets;\n-- down\nDROP VIEW widget_ids;\nDROP TABLE widgets;\n```",
  examples: { bad: [], good: [] }
});

// rules/down-not-restoring-schema.ts
var down_not_restoring_schema_default = defineDiagnostic({
  id: "down-not-restoring-schema",
  severity: "error",
  stage: "verify",
  summary: "The down migration does not restore the schema the up started from",
  why: "verify snapshots the catalogs (tables, columns with type, nullability, default, identity, generation and collation, constraints, indexes, sequences, views, functions, triggers, enum labels, domains, extensions, comments, RLS policies) before the up and after the down, and lists every difference. A down that leaves an index, a type or a default behind, or restores a column with another type, means that after a rollback the database is not the one the previous release expects; the next up may fail or behave differently. A change of column order alone is listed but not raised.",
  fix: "Undo every change of the up in the down, including the easily forgotten ones: indexes, enum types, defaults, constraints, comments, and the exact previous column type.\n\n```sql\n-- up\nCREATE INDEX users_email_idx ON users (email);\nALTER TABLE users ALTER COLUMN legacy TYPE bigint;\n-- down\nALTER TABLE users ALTER COLUMN legacy TYPE integer;\nDROP INDEX users_email_idx;\n```",
  examples: { bad: [], good: [] }
});

// rules/down-without-up.ts
var down_without_up_default = defineDiagnostic({
  id: "down-without-up",
  severity: "error",
  stage: "engine",
  // raised while reading the folder, on every run (not only with --base)
  summary: "A down migration has no up migration",
  why: "A down file only makes sense next to the up it undoes. Without one, the tool does something surprising: golang-migrate pairs files by version, and a version whose up file is missing is recorded as applied with nothing run (a rollback later runs the down against a schema that never had its up); Diesel refuses to run any migration at all while its folder holds a migration folder without `up.sql` (`UnknownMigrationFormat`). It usually means the up was renamed, deleted, or given a different version than its down.",
  fix: "Give the up and the down the same version and name:\n\n```text\n000007_add_orders.up.sql\n000007_add_orders.down.sql\n```\nFor Diesel, `migrations/<version>_<name>/` needs `up.sql` (and optionally `down.sql`). If the down is left over from a deleted migration, delete it too.",
  examples: { bad: [], good: [] }
});

// rules/dropping-column.ts
var dropping_column_default = defineRule({
  meta: {
    id: "dropping-column",
    severity: "error",
    summary: "Dropping a column that running code may still read or write",
    why: 'During a deploy the old application version keeps running against the new schema: every query that names the column (`SELECT col`, `INSERT \u2026 (col)`, an ORM that selects all mapped fields) fails with `column "col" does not exist` until the new version is fully rolled out, and a rollback of the application cannot bring the column back. The values are gone for good: a down migration can re-add the column but not its data. The statement itself is quick (a catalog change; the space is reclaimed later), but it takes an ACCESS EXCLUSIVE lock on the table. A column added earlier in the same migration is not flagged.',
    fix: "Expand/contract: first ship application code that no longer reads or writes the column (for ORMs, remove or ignore the field), deploy it everywhere, then drop the column in a later migration, and say so with an ignore comment:\n\n```sql\n-- release 1: application stops using users.legacy_name (no migration)\n-- release 2, once no running code references it:\nSET lock_timeout = '2s';\n-- migration-guard-ignore dropping-column: code stopped using it in release 1\nALTER TABLE users DROP COLUMN legacy_name;\nRESET lock_timeout;\n```\n\nKeep a copy first if the data may ever be needed: `CREATE TABLE users_legacy_name AS SELECT id, legacy_name FROM users;`",
    examples: {
      bad: ["ALTER TABLE users DROP COLUMN legacy_name;", "ALTER TABLE IF EXISTS app.users DROP COLUMN IF EXISTS legacy_name CASCADE;"],
      good: [
        "ALTER TABLE users ADD COLUMN nickname text;",
        "CREATE TABLE drafts (id bigint, body text); ALTER TABLE drafts DROP COLUMN body;",
        "ALTER TABLE users ADD COLUMN tmp text; UPDATE users SET tmp = name WHERE id < 10; ALTER TABLE users DROP COLUMN tmp;"
      ]
    },
    squawk: ["ban-drop-column"],
    messages: {
      dropped: 'Column "{{column}}" is dropped from {{table}}: running application code that still reads or writes it fails, and its data is lost for good. Stop using the column in the application first, deploy, then drop it.'
    }
  },
  create: ({ report }) => ({
    AlterTableStmt(node, statement, ctx) {
      if (node.objtype !== "OBJECT_TABLE") return;
      const table = relationName(node.relation);
      for (const cmd of alterCommands(node)) {
        if (cmd.subtype !== "AT_DropColumn" || isNewColumn(ctx, table, cmd.name)) continue;
        report({ messageId: "dropped", data: { column: cmd.name ?? "", table: table ?? "" } });
      }
    }
  })
});

// rules/dropping-constraint.ts
var KIND_BY_SUFFIX = [
  [/_pkey$/i, "CONSTR_PRIMARY", "primary key"],
  [/_fkey$/i, "CONSTR_FOREIGN", "foreign key"],
  [/_key$/i, "CONSTR_UNIQUE", "unique constraint"],
  [/_check$/i, "CONSTR_CHECK", "check constraint"],
  [/_excl$/i, "CONSTR_EXCLUSION", "exclusion constraint"]
];
function replacedLater(ctx, table, name) {
  const contype = KIND_BY_SUFFIX.find(([re]) => re.test(name))?.[1];
  return ctx.statements.slice(ctx.index).some(
    (s) => s.kind === "AlterTableStmt" && bareName(relationName(s.node.relation)) === bareName(table) && alterCommands(s.node).some((c) => {
      const con = c.subtype === "AT_AddConstraint" ? as(c.def, "Constraint") : void 0;
      return !!con && (String(con.conname ?? "").toLowerCase() === name.toLowerCase() || !!contype && con.contype === contype);
    })
  );
}
function consequence(name) {
  const kind = KIND_BY_SUFFIX.find(([re]) => re.test(name))?.[2];
  if (kind === "primary key" || kind === "unique constraint") return `duplicates can be written from now on, its index is dropped with it, and INSERT \u2026 ON CONFLICT on these columns starts failing`;
  if (kind === "foreign key") return "rows pointing at missing parents (orphans) can be written from now on";
  if (kind) return `rows that violate the ${kind} can be written from now on`;
  return "rows that violate it can be written from now on; if it is a primary key or unique constraint its index goes too, and ON CONFLICT on it stops working";
}
var dropping_constraint_default = defineRule({
  meta: {
    id: "dropping-constraint",
    severity: "warning",
    summary: "Dropping a constraint that data or code relies on",
    why: "A constraint is a promise the application and other queries rely on. Once it is gone, invalid rows (duplicates, orphans, out-of-range values) can be written and cannot be removed by a rollback. Postgres also uses constraints directly: dropping a primary key or unique constraint drops its index, so `INSERT \u2026 ON CONFLICT (col)` starts failing with `there is no unique or exclusion constraint matching the ON CONFLICT specification`, lookups by that key lose their index, and a table in a logical-replication publication without a primary key rejects UPDATE and DELETE (`does not have a replica identity`). Re-adding the constraint later needs a full validation scan and fails if bad rows slipped in meanwhile. The drop takes an ACCESS EXCLUSIVE lock. Not flagged: constraints added earlier in the same migration or belonging to a table created in it, and replacements: a constraint added back later in the same migration under the same name, or of the same kind as the dropped one's default-name suffix says (`_pkey`, `_fkey`, `_key`, `_check`, `_excl`) on the same table.",
    fix: "Replace rather than remove: add the new constraint first (NOT VALID, then VALIDATE), then drop the old one. For a primary or unique key, build the replacement index concurrently and attach it:\n\n```sql\n-- replace a CHECK\nALTER TABLE orders ADD CONSTRAINT orders_total_nonneg_v2 CHECK (total >= 0 AND total < 1e9) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT orders_total_nonneg_v2;\nALTER TABLE orders DROP CONSTRAINT orders_total_nonneg;\n\n-- replace a unique key\nCREATE UNIQUE INDEX CONCURRENTLY users_email_lower_key ON users (lower(email));\nALTER TABLE users DROP CONSTRAINT users_email_key;\n```\n\nIf the constraint must really go, check first that no `ON CONFLICT` clause and no replication publication depends on it.",
    examples: {
      bad: [
        "ALTER TABLE orders DROP CONSTRAINT orders_total_check;",
        "ALTER TABLE users DROP CONSTRAINT IF EXISTS users_email_key;",
        "ALTER TABLE items DROP CONSTRAINT items_order_id_fkey; ALTER TABLE items ADD CONSTRAINT items_total_check CHECK (total > 0);"
      ],
      good: [
        "ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID; ALTER TABLE orders DROP CONSTRAINT orders_total_check;",
        "CREATE TABLE carts (id bigint CONSTRAINT carts_pk PRIMARY KEY); ALTER TABLE carts DROP CONSTRAINT carts_pk;",
        "ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;",
        "ALTER TABLE items DROP CONSTRAINT items_order_id_fkey; ALTER TABLE items ADD CONSTRAINT items_order_id_fkey FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE NOT VALID;",
        "ALTER TABLE buckets DROP CONSTRAINT buckets_pkey, ADD PRIMARY KEY (user_id, action);"
      ]
    },
    squawk: ["ban-drop-constraint"]
  },
  create: ({ report }) => ({
    AlterTableStmt(node, statement, ctx) {
      const table = relationName(node.relation);
      for (const cmd of alterCommands(node)) {
        if (cmd.subtype !== "AT_DropConstraint" || !cmd.name || isNewConstraint(ctx, table, cmd.name) || replacedLater(ctx, table, cmd.name)) continue;
        const cascade = cmd.behavior === "DROP_CASCADE" ? " CASCADE also drops the foreign keys of other tables that reference it." : "";
        report({
          message: `Constraint "${cmd.name}" is dropped from ${table} and not replaced in this migration: ${consequence(cmd.name)}.${cascade}`
        });
      }
    }
  })
});

// rules/dropping-database.ts
var dropping_database_default = defineRule({
  meta: {
    id: "dropping-database",
    severity: "error",
    summary: "Dropping a database",
    why: "DROP DATABASE deletes every object and row in it, cannot run inside a transaction (so it cannot be rolled back) and fails while anyone is connected, unless `WITH (FORCE)` (PG 13+) disconnects them. A schema migration should never do this; it usually means a development script slipped into the migration folder.",
    fix: "Remove the statement from the migration. Drop databases by hand (or in provisioning code), after a backup:\n\n```sql\n-- outside of migrations, by an operator, after pg_dump:\nDROP DATABASE IF EXISTS legacy_app;\n```",
    examples: {
      bad: ["DROP DATABASE legacy_app;", "DROP DATABASE IF EXISTS legacy_app WITH (FORCE);"],
      good: ["CREATE DATABASE scratch; DROP DATABASE scratch;", "DROP SCHEMA IF EXISTS scratch;"]
    },
    squawk: ["ban-drop-database"]
  },
  create: ({ report }) => ({
    DropdbStmt(node, statement, ctx) {
      if (isNewDatabase(ctx, node.dbname)) return;
      report({ message: `Database ${node.dbname} is dropped: every object and row in it is deleted, and DROP DATABASE cannot be rolled back.` });
    }
  })
});

// rules/dropping-index-non-concurrently.ts
var dropping_index_non_concurrently_default = defineRule({
  meta: {
    id: "dropping-index-non-concurrently",
    severity: "warning",
    work: "lock",
    summary: "Dropping an index without CONCURRENTLY",
    why: "DROP INDEX takes ACCESS EXCLUSIVE on the table the index belongs to (checked on PostgreSQL 15 and 18 in pg_locks). The drop itself is quick, but it must first wait for every running query on the table, and while it waits every new query, reads included, queues behind it. DROP INDEX CONCURRENTLY waits for those queries without blocking new ones. Indexes created earlier in the same migration are not reported.",
    fix: "Drop it concurrently, one index per statement, outside a transaction block:\n\n```sql\nDROP INDEX CONCURRENTLY IF EXISTS orders_customer_id_idx;\n```\nAn index that backs a PRIMARY KEY or UNIQUE constraint must be dropped with its constraint (`ALTER TABLE \u2026 DROP CONSTRAINT`), which cannot be done concurrently.",
    examples: {
      bad: ["DROP INDEX orders_customer_id_idx;", "DROP INDEX IF EXISTS public.a_idx, public.b_idx;"],
      good: [
        "DROP INDEX CONCURRENTLY orders_customer_id_idx;",
        "CREATE INDEX CONCURRENTLY orders_tmp_idx ON orders (id);\nDROP INDEX orders_tmp_idx;",
        "CREATE TABLE t (id int); CREATE INDEX t_id ON t (id); DROP INDEX t_id;",
        "DROP TABLE orders;"
      ]
    },
    squawk: ["require-concurrent-index-deletion"]
  },
  create: ({ report }) => ({
    DropStmt(n, statement, ctx) {
      if (n.removeType !== "OBJECT_INDEX" || n.concurrent) return;
      const names = (n.objects ?? []).map((o) => nameOf(as(o, "List")?.items)).filter((name) => name && !ctx.isNew(name));
      if (names.length === 0) return;
      report({
        message: `DROP INDEX ${names.join(", ")} without CONCURRENTLY takes ACCESS EXCLUSIVE on the indexed table: it waits for running queries and blocks all new ones meanwhile.`
      });
    }
  })
});

// rules/dropping-not-null.ts
var dropping_not_null_default = defineRule({
  meta: {
    id: "dropping-not-null",
    severity: "warning",
    summary: "Dropping NOT NULL from an existing column",
    why: "The change itself is a quick catalog update (under an ACCESS EXCLUSIVE lock), but it breaks a promise readers depend on: application code, reports and other services that assume the column always has a value start seeing NULLs (null dereferences, `NOT IN` subqueries that silently return nothing, aggregates that skip rows). It is also a one-way door: once NULLs are written, setting NOT NULL again fails until every one is backfilled, so the down migration usually cannot run. A column added or created in the same migration is not flagged.",
    fix: "Make sure every reader handles NULL first, then drop the constraint in its own migration. If the goal is only to stop writing the column, keep NOT NULL and give it a DEFAULT instead:\n\n```sql\n-- keep the guarantee, stop requiring writers to send a value\nALTER TABLE users ALTER COLUMN locale SET DEFAULT 'en';\n\n-- or, once all readers handle NULL:\nSET lock_timeout = '2s';\n-- migration-guard-ignore dropping-not-null: readers handle NULL since release 42\nALTER TABLE users ALTER COLUMN locale DROP NOT NULL;\nRESET lock_timeout;\n```",
    examples: {
      bad: ["ALTER TABLE users ALTER COLUMN locale DROP NOT NULL;", "ALTER TABLE app.users ALTER locale DROP NOT NULL, ALTER email DROP NOT NULL;"],
      good: [
        "ALTER TABLE users ALTER COLUMN locale SET DEFAULT 'en';",
        "CREATE TABLE prefs (id bigint NOT NULL, theme text NOT NULL); ALTER TABLE prefs ALTER COLUMN theme DROP NOT NULL;",
        "ALTER TABLE users ADD COLUMN theme text NOT NULL DEFAULT 'light'; ALTER TABLE users ALTER COLUMN theme DROP NOT NULL;"
      ]
    },
    squawk: ["ban-drop-not-null"]
  },
  create: ({ report }) => ({
    AlterTableStmt(node, statement, ctx) {
      const table = relationName(node.relation);
      for (const cmd of alterCommands(node)) {
        if (cmd.subtype !== "AT_DropNotNull" || isNewColumn(ctx, table, cmd.name)) continue;
        report({
          message: `NOT NULL is dropped from ${table}.${cmd.name}: code that assumes a value breaks on the first NULL, and the down migration cannot restore NOT NULL once NULLs exist.`
        });
      }
    }
  })
});

// rules/dropping-object.ts
var KINDS = {
  OBJECT_VIEW: "view",
  OBJECT_FUNCTION: "function",
  OBJECT_PROCEDURE: "procedure",
  OBJECT_ROUTINE: "routine",
  OBJECT_TYPE: "type",
  OBJECT_DOMAIN: "domain",
  OBJECT_SEQUENCE: "sequence",
  OBJECT_TRIGGER: "trigger",
  OBJECT_POLICY: "policy",
  OBJECT_EXTENSION: "extension"
};
var CREATION = {
  view: "view",
  function: "function",
  procedure: "function",
  routine: "function",
  type: "type",
  domain: "type",
  sequence: "sequence",
  trigger: "trigger",
  policy: "policy",
  extension: "extension"
};
function droppedName(o) {
  const withArgs = as(o, "ObjectWithArgs");
  if (withArgs) return nameOf(withArgs.objname).split(".").pop();
  const list = as(o, "List");
  if (list) return str(list.items?.at(-1)) ?? "";
  const type = as(o, "TypeName");
  if (type) return nameOf(type.names).split(".").pop();
  return str(o) ?? "";
}
function creates(s) {
  const last = (names) => nameOf(names).split(".").pop();
  switch (s.kind) {
    case "ViewStmt":
      return ["view", s.node.view?.relname ?? ""];
    case "CreateFunctionStmt":
      return [s.node.is_procedure ? "procedure" : "function", last(s.node.funcname)];
    case "CreateEnumStmt":
    case "CreateRangeStmt":
      return ["type", last(s.node.typeName)];
    case "CompositeTypeStmt":
      return ["type", s.node.typevar?.relname ?? ""];
    case "CreateDomainStmt":
      return ["domain", last(s.node.domainname)];
    case "CreateSeqStmt":
      return ["sequence", s.node.sequence?.relname ?? ""];
    case "CreateTrigStmt":
      return ["trigger", s.node.trigname ?? ""];
    case "CreatePolicyStmt":
      return ["policy", s.node.policy_name ?? ""];
    case "CreateExtensionStmt":
      return ["extension", s.node.extname ?? ""];
    default:
      return void 0;
  }
}
var dropping_object_default = defineRule({
  meta: {
    id: "dropping-object",
    severity: "warning",
    summary: "Dropping a view, function, type, trigger, policy or default that running code may still use",
    why: "During a deploy the previous release keeps running against the new schema, and a rollback runs it again: a view it selects from, a function it calls, a type it casts to, a sequence it reads (`nextval`) or an extension it relies on is gone, and every such query fails. A dropped trigger or policy fails silently instead: audit rows stop, or row level security lets different rows through. A dropped column DEFAULT makes the old release's inserts, which omit the column, store NULL (or fail on NOT NULL). Drops that the same migration re-creates (the usual replace pattern) and objects it created are not reported.",
    fix: "Expand/contract: ship code that no longer uses the object, then drop it in a later migration (say so with an ignore comment). To change an object in place, replace it instead of dropping it:\n\n```sql\nCREATE OR REPLACE VIEW active_users AS SELECT id, email FROM users WHERE deleted_at IS NULL;\nCREATE OR REPLACE FUNCTION order_total(bigint) RETURNS numeric LANGUAGE sql AS $$ SELECT 0::numeric $$;\n-- release 2, once no running code uses it:\n-- migration-guard-ignore dropping-object: unused since release 1\nDROP FUNCTION legacy_total(bigint);\n```",
    examples: {
      bad: ["DROP VIEW active_users;", "DROP FUNCTION IF EXISTS legacy_total(bigint);", "DROP TRIGGER orders_audit ON orders;", "ALTER TABLE orders ALTER COLUMN status DROP DEFAULT;"],
      good: [
        "DROP FUNCTION IF EXISTS order_total(bigint);\nCREATE FUNCTION order_total(bigint) RETURNS numeric LANGUAGE sql AS $$ SELECT 0::numeric $$;",
        "DROP TRIGGER orders_audit ON orders;\nCREATE TRIGGER orders_audit AFTER UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION audit();",
        "CREATE VIEW tmp_v AS SELECT 1;\nDROP VIEW tmp_v;",
        "ALTER TABLE orders ALTER COLUMN status DROP DEFAULT;\nALTER TABLE orders ALTER COLUMN status SET DEFAULT 'new';"
      ]
    },
    messages: {
      dropped: "{{Kind}} {{name}} is dropped and not re-created: the previous release (during the deploy, or after a rollback) {{effect}}",
      dropDefault: "The DEFAULT of {{table}}.{{column}} is dropped: the previous release's inserts that omit {{column}} now store NULL (or fail if it is NOT NULL)"
    }
  },
  create: ({ report, statements }) => ({
    DropStmt(n, _statement, ctx) {
      const kind = KINDS[n.removeType ?? ""];
      if (!kind) return;
      const later = statements.slice(ctx.index + 1).map(creates);
      for (const o of n.objects ?? []) {
        const name = droppedName(o);
        if (!name || ctx.isNew(name) || isNewObject(ctx, CREATION[kind] ?? "type", name)) continue;
        if (later.some((c) => c && (c[0] === kind || kind === "routine" && (c[0] === "function" || c[0] === "procedure")) && c[1] === name)) continue;
        const effect = kind === "trigger" || kind === "policy" ? `relies on it, and nothing says it is gone: ${kind === "trigger" ? "what it did stops silently" : "the rows it filtered change silently"}` : "fails on every query that uses it";
        report({ messageId: "dropped", data: { Kind: kind[0].toUpperCase() + kind.slice(1), name, effect } });
      }
    },
    AlterTableStmt(n, _statement, ctx) {
      const table = relationName(n.relation);
      if (!table || ctx.isNew(table)) return;
      const later = alterCommandsOn(statements, table, ctx.index + 1);
      for (const cmd of alterCommands(n)) {
        if (cmd.subtype !== "AT_ColumnDefault" || cmd.def || !cmd.name) continue;
        const setAgain = later.some((c) => c.subtype === "AT_ColumnDefault" && c.name === cmd.name && c.def);
        if (!setAgain) report({ messageId: "dropDefault", data: { table, column: cmd.name } });
      }
    }
  })
});

// rules/dropping-schema.ts
var dropping_schema_default = defineRule({
  meta: {
    id: "dropping-schema",
    severity: "error",
    summary: "Dropping a schema",
    why: "DROP SCHEMA \u2026 CASCADE removes every table, view, function, type and sequence in the schema at once: all their data is lost and all code using them breaks. Without CASCADE it fails as soon as the schema holds anything, which in a deploy usually means a broken migration. A schema created earlier in the same migration is not flagged.",
    fix: "Move or drop the objects you really mean to remove one by one (each gets its own review: dropping-table, dropping-column), then drop the emptied schema without CASCADE so Postgres refuses if anything is left:\n\n```sql\n-- earlier releases: stop using the tables in reporting, then drop them one by one\nDROP SCHEMA reporting;  -- RESTRICT (the default) fails if anything remains\n```",
    examples: {
      bad: ["DROP SCHEMA reporting CASCADE;", "DROP SCHEMA IF EXISTS reporting;"],
      good: ["CREATE SCHEMA scratch; DROP SCHEMA scratch CASCADE;", "CREATE SCHEMA IF NOT EXISTS reporting;"]
    },
    squawk: ["ban-drop-schema"]
  },
  create: ({ report }) => ({
    DropStmt(node, statement, ctx) {
      if (node.removeType !== "OBJECT_SCHEMA") return;
      const cascade = node.behavior === "DROP_CASCADE";
      for (const name of droppedNames(node)) {
        if (isNewSchema(ctx, name)) continue;
        report({
          message: cascade ? `Schema ${name} is dropped with CASCADE: every table, view, function and type in it is dropped too, with all their data.` : `Schema ${name} is dropped: code that uses it breaks, and the migration fails if the schema still holds any object.`
        });
      }
    }
  })
});

// rules/dropping-table.ts
var KINDS2 = { OBJECT_TABLE: "Table", OBJECT_MATVIEW: "Materialized view", OBJECT_FOREIGN_TABLE: "Foreign table" };
var dropping_table_default = defineRule({
  meta: {
    id: "dropping-table",
    severity: "error",
    summary: "Dropping a table that running code may still use",
    why: 'The old application version keeps running during the deploy; every query on the table fails with `relation "t" does not exist`, and an application rollback cannot bring it back. Its rows are gone for good: a down migration can recreate the table but not its data. DROP TABLE takes an ACCESS EXCLUSIVE lock, so it also waits behind (and then blocks) every open transaction that touched the table; with CASCADE it silently drops dependent views and foreign keys of other tables too. A table created earlier in the same migration is not flagged.',
    fix: "Expand/contract: stop using the table in the application, deploy, then drop it in a later migration (optionally rename it first and keep it for a release, so a mistake is a rename away from being undone):\n\n```sql\n-- release 1: application stops using old_events (no migration)\n-- release 2:\nALTER TABLE old_events RENAME TO old_events_deprecated;  -- anything still using it fails loudly, and is reversible\n-- release 3, after a quiet period:\nSET lock_timeout = '2s';\n-- migration-guard-ignore dropping-table: unused since release 1\nDROP TABLE old_events_deprecated;\nRESET lock_timeout;\n```",
    examples: {
      bad: ["DROP TABLE old_events;", "DROP TABLE IF EXISTS audit.old_events, sessions CASCADE;", "DROP MATERIALIZED VIEW monthly_totals;"],
      good: [
        "CREATE TABLE scratch (id bigint); DROP TABLE scratch;",
        "CREATE TABLE staging (id bigint); ALTER TABLE staging RENAME TO staging_tmp; DROP TABLE staging_tmp;",
        "DROP VIEW active_users;",
        "CREATE TEMP TABLE t AS SELECT 1 AS x; DROP TABLE t;"
      ]
    },
    squawk: ["ban-drop-table"]
  },
  create: ({ report }) => ({
    DropStmt(node, statement, ctx) {
      const kind = KINDS2[node.removeType ?? ""];
      if (!kind) return;
      for (const name of droppedNames(node)) {
        if (isNewTable(ctx, name)) continue;
        const cascade = node.behavior === "DROP_CASCADE" ? " CASCADE also drops every view and foreign key that depends on it." : "";
        report({ message: `${kind} ${name} is dropped: running code that still uses it fails, and its rows are lost for good.${cascade}` });
      }
    }
  })
});

// rules/duplicate-migration-version.ts
var duplicate_migration_version_default = defineDiagnostic({
  id: "duplicate-migration-version",
  severity: "error",
  stage: "history",
  summary: "Two migrations share the same version",
  why: 'Migration tools identify a migration by its version (the number or timestamp in its name; for Flyway the dotted version, `V1_2` equals `V1.2`). Two migrations with one version are typically two branches that picked the same number: golang-migrate and goose refuse to start ("duplicate migration version"), Flyway fails validation, and tools that do start record only one of them, so the other never runs. Checked on every run, no base ref needed; leading zeros do not make versions different.',
  fix: "Give the newer migration a fresh version that sorts after every existing one (regenerate its timestamp or take the next number), e.g. rename `000012_add_status.up.sql` to `000031_add_status.up.sql` together with its down.",
  examples: { bad: [], good: [] }
});

// rules/editing-applied-migration.ts
var editing_applied_migration_default = defineDiagnostic({
  id: "editing-applied-migration",
  severity: "error",
  stage: "history",
  summary: "Editing a migration that the base branch already has",
  why: "Migration tools record which migrations ran and never run one twice. Once a migration is on the base branch it has most likely been applied somewhere (staging, production, colleagues' databases); editing it changes nothing there, so the environments silently drift apart, and only fresh databases get the new SQL. Tools that checksum migrations (Flyway, sqitch, Prisma) refuse to run at all once a checksum no longer matches. migration-guard reports this only with `--base <ref>`, comparing the up SQL (and transaction mode) with the same migration on that ref; an edited down alone is not reported, since it is not applied on deploy.",
  fix: "Revert the edit and express the change as a new migration:\n\n```sql\n-- instead of editing 000012_create_orders.up.sql, add 000031_orders_add_status.up.sql:\nALTER TABLE orders ADD COLUMN status text;\n```",
  examples: { bad: [], good: [] }
});

// rules/enabling-rls-without-policy.ts
var enabling_rls_without_policy_default = defineRule({
  meta: {
    id: "enabling-rls-without-policy",
    severity: "warning",
    work: "lock",
    summary: "Enabling row level security without a policy",
    why: "With row level security enabled and no policy, Postgres applies default deny: every role except the table's owner and superusers (and roles with BYPASSRLS) sees zero rows and cannot write any (checked on PostgreSQL 15 and 18). An application that connects as a non-owner role gets empty results, not an error, the moment the migration commits. FORCE ROW LEVEL SECURITY extends the same deny to the owner. The ALTER also takes ACCESS EXCLUSIVE on the table. Reported when the migration creates no policy for the table.",
    fix: "Create the policies in the same migration, before or right after enabling it:\n\n```sql\nCREATE POLICY tenant_isolation ON orders\n  USING (tenant_id = current_setting('app.tenant_id')::bigint);\nALTER TABLE orders ENABLE ROW LEVEL SECURITY;\n```",
    examples: {
      bad: ["ALTER TABLE orders ENABLE ROW LEVEL SECURITY;", "ALTER TABLE orders FORCE ROW LEVEL SECURITY;"],
      good: [
        "ALTER TABLE orders ENABLE ROW LEVEL SECURITY;\nCREATE POLICY by_tenant ON orders USING (tenant_id = current_setting('app.tenant')::int);",
        "ALTER TABLE orders DISABLE ROW LEVEL SECURITY;"
      ]
    },
    messages: { noPolicy: "{{what}} ROW LEVEL SECURITY on {{table}} with no CREATE POLICY for it in this migration: every role but the owner{{owner}} sees zero rows" }
  },
  create: ({ report, statements }) => ({
    AlterTableStmt(n) {
      const table = relationName(n.relation);
      if (!table) return;
      for (const cmd of alterCommands(n)) {
        if (cmd.subtype !== "AT_EnableRowSecurity" && cmd.subtype !== "AT_ForceRowSecurity") continue;
        const policy = statements.some((s) => s.kind === "CreatePolicyStmt" && relationName(s.node.table) === table);
        if (policy) continue;
        const force = cmd.subtype === "AT_ForceRowSecurity";
        report({ messageId: "noPolicy", data: { what: force ? "FORCE" : "ENABLE", table, owner: force ? " (and, forced, the owner too)" : "" } });
      }
    }
  })
});

// rules/failing-with-existing-rows.ts
var failing_with_existing_rows_default = defineDiagnostic({
  id: "failing-with-existing-rows",
  severity: "error",
  stage: "verify",
  summary: "The up migration fails once the existing tables hold rows",
  why: "Before each migration verify fills every empty table with synthetic rows (`--seed-rows`, default 100) that respect types, NOT NULLs, uniques, simple checks and foreign keys. This up succeeded on empty tables but failed with those rows present, which is what production will do: a NOT NULL column added without a DEFAULT, a UNIQUE or CHECK constraint the existing rows violate, a cast that some values cannot take, an UPDATE that breaks a constraint.",
  fix: "Make the change safe for existing rows: give a new NOT NULL column a DEFAULT (constant defaults are instant since PG 11), or add it nullable, backfill, then set NOT NULL; clean or backfill data before adding a constraint; use an explicit `USING` expression for type changes.\n\n```sql\nALTER TABLE users ADD COLUMN plan text NOT NULL DEFAULT 'free';\n```",
  examples: { bad: [], good: [] }
});

// rules/foreign-key-without-index.ts
var foreign_key_without_index_default = defineRule({
  meta: {
    id: "foreign-key-without-index",
    severity: "warning",
    work: "scan",
    summary: "A foreign key whose columns have no index",
    why: "Postgres indexes the referenced side of a foreign key (its primary key or unique constraint), never the referencing side. Without an index on the referencing columns, every DELETE of a parent row, and every UPDATE of its key, scans the whole child table to check for references (checked on PostgreSQL 15 and 18: the child's seq_scan count goes up by one per parent row deleted), holding the parent's row locks while it does; ON DELETE CASCADE does the same scan to find the rows to delete. Joins from parent to children scan too. Reported for tables the migration creates, whose indexes it shows in full (for an older table lint cannot see the indexes earlier migrations built).",
    fix: "Index the referencing columns (as the leading columns of an index), in the same migration for a new table:\n\n```sql\nCREATE TABLE orders (\n  id bigint PRIMARY KEY,\n  customer_id bigint NOT NULL REFERENCES customers (id)\n);\nCREATE INDEX orders_customer_id_idx ON orders (customer_id);\n```\n\nFor a table that already holds rows, build it with `CREATE INDEX CONCURRENTLY` in its own migration.",
    examples: {
      bad: [
        "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers (id));",
        "CREATE TABLE lines (order_id bigint, product_id bigint, FOREIGN KEY (order_id, product_id) REFERENCES order_products (order_id, product_id));\nCREATE INDEX lines_product_id_idx ON lines (product_id);"
      ],
      good: [
        "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers (id));\nCREATE INDEX orders_customer_id_idx ON orders (customer_id);",
        "CREATE TABLE lines (order_id bigint REFERENCES orders (id), n int, PRIMARY KEY (order_id, n));",
        "CREATE TABLE profiles (user_id bigint PRIMARY KEY REFERENCES users (id));",
        "ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id);"
      ]
    },
    messages: { unindexed: "Foreign key {{table}} ({{columns}}) \u2192 {{parent}} has no index on {{table}} ({{columns}}): every delete or key update on {{parent}} scans {{table}}" }
  },
  create: ({ report, statements }) => ({
    end() {
      const indexed = /* @__PURE__ */ new Map();
      const addIndex = (table, columns) => indexed.set(table, [...indexed.get(table) ?? [], columns]);
      const fks = [];
      const created = /* @__PURE__ */ new Set();
      for (const s of statements) {
        if (s.embedded) continue;
        if (s.kind === "CreateStmt") {
          const table = relationName(s.node.relation) ?? "";
          created.add(table);
          for (const el of s.node.tableElts ?? []) {
            const col = as(el, "ColumnDef");
            const cons = col ? columnConstraints(col).map((c) => [c, [col.colname ?? ""]]) : [[as(el, "Constraint"), void 0]];
            for (const [c, own] of cons) if (c) collect2(table, c, own, s.range);
          }
        } else if (s.kind === "AlterTableStmt") {
          const table = relationName(s.node.relation) ?? "";
          for (const cmd of alterCommands(s.node)) if (cmd.subtype === "AT_AddConstraint") collect2(table, as(cmd.def, "Constraint"), void 0, s.range);
        } else if (s.kind === "IndexStmt") {
          const table = relationName(s.node.relation) ?? "";
          addIndex(
            table,
            nodesOf(s.node.indexParams, "IndexElem").map((e) => e.name ?? "<expression>")
          );
        }
      }
      function collect2(table, c, own, range) {
        if (!c) return;
        const columns = [...own ?? (c.contype === "CONSTR_FOREIGN" ? c.fk_attrs : c.keys)?.map((k) => str(k) ?? "") ?? []].filter(Boolean);
        if (c.contype === "CONSTR_PRIMARY" || c.contype === "CONSTR_UNIQUE") addIndex(table, columns);
        else if (c.contype === "CONSTR_FOREIGN") fks.push({ table, columns, parent: relationName(c.pktable) ?? "?", range });
      }
      for (const fk of fks) {
        if (!created.has(fk.table)) continue;
        const want = fk.columns;
        const covered = (indexed.get(fk.table) ?? []).some((cols) => cols.length >= want.length && want.every((c) => cols.slice(0, want.length).includes(c)));
        if (!covered) report({ messageId: "unindexed", data: { table: fk.table, columns: fk.columns.join(", "), parent: fk.parent }, range: fk.range });
      }
    }
  })
});

// rules/framework-command-failed.ts
var framework_command_failed_default = defineDiagnostic({
  id: "framework-command-failed",
  severity: "error",
  stage: "verify",
  summary: "The framework's own migrate or rollback command failed on the throwaway database",
  why: "With --framework, migration-guard runs the team's own command (alembic upgrade head, manage.py migrate, rails db:migrate, knex migrate:latest, \u2026) against an empty throwaway Postgres, exactly as a deploy would, and captures the SQL it sends. When that command fails, the deploy fails the same way: the message is the framework's own output and, when Postgres refused a statement, Postgres's error and the statement. The migrations the command applied before it failed are still linted; those after it could not be captured.",
  fix: "Run the same command locally against an empty database (DATABASE_URL) and fix what it reports. If the command needs settings only CI has, pass them with `framework.env` in .migration-guard.yml; if the preset command is not the one the team uses, set `framework.migrate` / `framework.rollback`.",
  examples: { bad: [], good: [] }
});

// rules/framework-shared-transaction.ts
var framework_shared_transaction_default = defineDiagnostic({
  id: "framework-shared-transaction",
  severity: "warning",
  stage: "verify",
  summary: "The framework ran several migrations in one transaction: the first one's locks are held until the last commits",
  why: "Alembic (without transaction_per_migration) and node-pg-migrate (without --single-transaction=false / --no-check-order\u2026 per run) apply every pending migration inside ONE transaction. Each lock a migration takes is held until that transaction commits, so an ACCESS EXCLUSIVE lock taken by the first migration of a deploy blocks every reader and writer of that table while all the later migrations run, their index builds and backfills included. migration-guard sees this in the transaction status Postgres reports while the framework runs.",
  fix: "Commit per migration: Alembic `context.configure(..., transaction_per_migration=True)` in env.py; node-pg-migrate `--single-transaction false` (each migration in its own transaction). Or deploy the risky migration on its own.",
  examples: { bad: [], good: [] }
});

// rules/framework-unsegmented-sql.ts
var framework_unsegmented_sql_default = defineDiagnostic({
  id: "framework-unsegmented-sql",
  severity: "warning",
  stage: "verify",
  summary: "The framework sent SQL that migration-guard could not attribute to a migration",
  why: "migration-guard cuts what a framework sends into migrations by the framework's writes to its version table (alembic_version, django_migrations, schema_migrations, knex_migrations, migrations, SequelizeMeta, pgmigrations). Schema changes sent after the last write (a post-migrate hook, a seed step in the same command, a migration that failed before being recorded) or a recorded migration whose source file cannot be found are named here rather than dropped: they were not linted or verified.",
  fix: "If the statements come from a hook or seed that runs with migrate, run it outside the migrate command (or accept it). If a migration's source was not found, check that its file is inside the folder passed to migration-guard (framework.cwd may point elsewhere).",
  examples: { bad: [], good: [] }
});

// rules/history-not-replaying.ts
var history_not_replaying_default = defineDiagnostic({
  id: "history-not-replaying",
  severity: "warning",
  stage: "verify",
  summary: "Unchanged history does not replay on the throwaway database: verified without it",
  why: "To verify a pull request's migrations, verify first applies the unchanged ones before them. Real histories often assume what the platform provides: roles (`anon`, `authenticated`), extensions, schemas, template placeholders filled at deploy time. When one of them fails here, the failure is not the pull request's doing, so it is a warning, not an error: verify goes on with the migrations after it on a database without its changes, and a changed migration that then fails on an object only that history would have created is reported here too (its own statements were not proved), not as `up-failing`. A changed migration that fails for any other reason is still `up-failing`.",
  fix: 'Give verify what the history assumes, in `.migration-guard.yml` (or the Action\'s `verify-setup` / `template-vars` inputs):\n\n```yaml\nverify:\n  setup: |\n    CREATE SCHEMA auth;\n    CREATE ROLE anon NOLOGIN;\n    CREATE EXTENSION IF NOT EXISTS pgcrypto;\n  templateVars:\n    Namespace: auth   # {{ index .Options "Namespace" }}\n```',
  examples: { bad: [], good: [] }
});

// src/lint/locks.ts
var LOCK_RANK = {
  AccessShare: 1,
  RowShare: 2,
  RowExclusive: 3,
  ShareUpdateExclusive: 4,
  Share: 5,
  ShareRowExclusive: 6,
  Exclusive: 7,
  AccessExclusive: 8
};
var MODE_BY_RANK = Object.fromEntries(Object.entries(LOCK_RANK).map(([k, v]) => [v, k]));
function lockModeSql(mode) {
  return mode.replace(/([a-z])([A-Z])/g, "$1 $2").toUpperCase();
}
function blocksWrites(mode) {
  return LOCK_RANK[mode] >= LOCK_RANK.Share;
}
var ALTER_MODE = {
  AT_ValidateConstraint: "ShareUpdateExclusive",
  AT_SetStatistics: "ShareUpdateExclusive",
  AT_SetOptions: "ShareUpdateExclusive",
  AT_ResetOptions: "ShareUpdateExclusive",
  AT_ClusterOn: "ShareUpdateExclusive",
  AT_DropCluster: "ShareUpdateExclusive",
  AT_SetRelOptions: "ShareUpdateExclusive",
  // fillfactor, autovacuum_*, toast_tuple_target… (observed)
  AT_ResetRelOptions: "ShareUpdateExclusive",
  AT_AttachPartition: "ShareUpdateExclusive",
  // on the parent; the attached table gets ACCESS EXCLUSIVE
  AT_DetachPartitionFinalize: "ShareUpdateExclusive",
  AT_EnableTrig: "ShareRowExclusive",
  AT_EnableAlwaysTrig: "ShareRowExclusive",
  AT_EnableReplicaTrig: "ShareRowExclusive",
  AT_DisableTrig: "ShareRowExclusive",
  AT_EnableTrigAll: "ShareRowExclusive",
  AT_DisableTrigAll: "ShareRowExclusive",
  AT_EnableTrigUser: "ShareRowExclusive",
  AT_DisableTrigUser: "ShareRowExclusive"
};
function max(a, b) {
  return a && LOCK_RANK[a] >= LOCK_RANK[b] ? a : b;
}
var dotted = (items) => nameOf(items);
function referenced(constraints2) {
  return constraints2.filter((c) => c?.contype === "CONSTR_FOREIGN").map((c) => relationName(c.pktable)).filter((n) => !!n);
}
function tableLocks(statement) {
  const out = /* @__PURE__ */ new Map();
  const add = (relation, mode, kind = "table") => {
    if (!relation) return;
    const prev = out.get(relation);
    out.set(relation, { relation, mode: max(prev?.mode, mode), kind: prev?.kind ?? kind });
  };
  const { kind: statementKind, node: n } = statement;
  switch (statementKind) {
    case "AlterTableStmt": {
      const kind = n.objtype === "OBJECT_VIEW" ? "view" : n.objtype === "OBJECT_INDEX" ? "index" : "table";
      if (kind === "index") break;
      const name = relationName(n.relation);
      let mode;
      for (const c of alterCommands(n)) {
        let m = ALTER_MODE[c.subtype ?? ""] ?? "AccessExclusive";
        const con = as(c.def, "Constraint");
        if (c.subtype === "AT_AddConstraint" && con?.contype === "CONSTR_FOREIGN") m = "ShareRowExclusive";
        if (c.subtype === "AT_DetachPartition" && as(c.def, "PartitionCmd")?.concurrent) m = "ShareUpdateExclusive";
        if (c.subtype === "AT_AttachPartition") add(relationName(as(c.def, "PartitionCmd")?.name), "AccessExclusive");
        if (c.subtype === "AT_DetachPartition") add(relationName(as(c.def, "PartitionCmd")?.name), m);
        const fks = con ? referenced([con]) : referenced(columnConstraints(as(c.def, "ColumnDef")));
        for (const t of fks) add(t, "ShareRowExclusive");
        mode = max(mode, m);
      }
      if (mode) add(name, mode, kind);
      break;
    }
    case "IndexStmt":
      add(relationName(n.relation), n.concurrent ? "ShareUpdateExclusive" : "Share");
      break;
    case "DropStmt": {
      const names = (n.objects ?? []).map((o) => dotted(as(o, "List")?.items)).filter(Boolean);
      switch (n.removeType) {
        case "OBJECT_TABLE":
        case "OBJECT_MATVIEW":
        case "OBJECT_FOREIGN_TABLE":
          for (const t of names) add(t, "AccessExclusive");
          break;
        case "OBJECT_VIEW":
          for (const t of names) add(t, "AccessExclusive", "view");
          break;
        case "OBJECT_INDEX":
          for (const t of names) add(t, n.concurrent ? "ShareUpdateExclusive" : "AccessExclusive", "index");
          break;
        case "OBJECT_TRIGGER":
        case "OBJECT_RULE":
        case "OBJECT_POLICY":
          for (const o of n.objects ?? []) add(dotted((as(o, "List")?.items ?? []).slice(0, -1)), "AccessExclusive");
          break;
      }
      break;
    }
    case "TruncateStmt":
      for (const r of n.relations ?? []) add(relationName(as(r, "RangeVar")), "AccessExclusive");
      break;
    case "LockStmt": {
      const mode = MODE_BY_RANK[n.mode ?? 8] ?? "AccessExclusive";
      for (const r of n.relations ?? []) add(relationName(as(r, "RangeVar")), mode);
      break;
    }
    case "RenameStmt": {
      if (!n.relation) break;
      if (n.renameType === "OBJECT_INDEX") break;
      const view = n.renameType === "OBJECT_VIEW" || n.renameType === "OBJECT_MATVIEW" || n.relationType === "OBJECT_VIEW";
      add(relationName(n.relation), "AccessExclusive", view && n.renameType !== "OBJECT_MATVIEW" && n.relationType !== "OBJECT_MATVIEW" ? "view" : "table");
      break;
    }
    case "ClusterStmt":
      add(relationName(n.relation), "AccessExclusive");
      break;
    case "VacuumStmt": {
      const full = (n.options ?? []).some((o) => as(o, "DefElem")?.defname === "full");
      if (!n.is_vacuumcmd) break;
      for (const r of n.rels ?? []) add(relationName(as(r, "VacuumRelation")?.relation), full ? "AccessExclusive" : "ShareUpdateExclusive");
      break;
    }
    case "RefreshMatViewStmt":
      add(relationName(n.relation), n.concurrent ? "Exclusive" : "AccessExclusive");
      break;
    case "CreateTrigStmt":
      add(relationName(n.relation), "ShareRowExclusive");
      break;
    case "CreatePolicyStmt":
    case "AlterPolicyStmt":
      add(relationName(n.table), "AccessExclusive");
      break;
    case "RuleStmt":
      add(relationName(n.relation), "AccessExclusive");
      break;
    case "CreateStmt": {
      const constraints2 = [];
      for (const el of n.tableElts ?? []) {
        const con = as(el, "Constraint");
        if (con) constraints2.push(con);
        constraints2.push(...columnConstraints(as(el, "ColumnDef")));
      }
      for (const t of referenced(constraints2)) add(t, "ShareRowExclusive");
      if (n.partbound) for (const p of n.inhRelations ?? []) add(relationName(as(p, "RangeVar")), "AccessExclusive");
      else for (const p of n.inhRelations ?? []) add(relationName(as(p, "RangeVar")), "ShareUpdateExclusive");
      break;
    }
    case "ViewStmt":
      if (n.replace) add(relationName(n.view), "AccessExclusive", "view");
      break;
    case "ReindexStmt": {
      const concurrent = (n.params ?? []).some((p) => as(p, "DefElem")?.defname === "concurrently");
      if (n.kind === "REINDEX_OBJECT_TABLE") add(relationName(n.relation), concurrent ? "ShareUpdateExclusive" : "Share");
      if (n.kind === "REINDEX_OBJECT_INDEX") add(relationName(n.relation), concurrent ? "ShareUpdateExclusive" : "AccessExclusive", "index");
      break;
    }
  }
  return [...out.values()];
}
function accessExclusiveTables(statement) {
  return tableLocks(statement).filter((l) => l.mode === "AccessExclusive" && l.kind === "table").map((l) => l.relation);
}
function strongLocksOnExisting(statement, isNew) {
  return tableLocks(statement).filter((l) => blocksWrites(l.mode) && !isNew(l.relation));
}
function describeLocks(locks) {
  return locks.map((l) => `${lockModeSql(l.mode)} on ${l.kind === "index" ? `the table of index ${l.relation}` : l.relation}`).join(", ");
}

// src/lint/holds.ts
var HARMLESS = /* @__PURE__ */ new Set([
  "TransactionStmt",
  "VariableSetStmt",
  "VariableShowStmt",
  "CommentStmt",
  "GrantStmt",
  "GrantRoleStmt",
  "AlterDefaultPrivilegesStmt",
  "DoStmt",
  // its inner statements are checked one by one
  "CreateFunctionStmt",
  "CreateSchemaStmt",
  "CreateEnumStmt",
  "CreateDomainStmt",
  "CompositeTypeStmt",
  "CreateSeqStmt",
  "AlterSeqStmt",
  "ViewStmt",
  "SelectStmt",
  "NotifyStmt"
]);
var DML = /* @__PURE__ */ new Set(["InsertStmt", "UpdateStmt", "DeleteStmt", "MergeStmt"]);
function extendsHold(st, ctx, held) {
  if (HARMLESS.has(st.kind)) return void 0;
  if (DML.has(st.kind)) {
    const t = dmlTarget(st)?.relname;
    return t && !ctx.isNew(t) ? `it changes rows of ${t}` : void 0;
  }
  if (st.kind === "IndexStmt") {
    const t = st.node.relation?.relname;
    return t && !ctx.isNew(t) ? `it builds an index on ${t}` : void 0;
  }
  const others = tableLocks(st).filter((l) => l.kind !== "index" && !ctx.isNew(l.relation) && !held.has(bareName(l.relation)));
  if (others.length) return `it waits for a lock on ${others.map((l) => l.relation).join(", ")}`;
  return void 0;
}
var droppedAt = /* @__PURE__ */ new WeakMap();
function withoutDropped(ctx, held) {
  let lines = droppedAt.get(ctx.statements);
  if (!lines) {
    lines = new Set(ctx.statements.filter((s) => s.kind === "DropStmt").map((s) => s.range.line));
    droppedAt.set(ctx.statements, lines);
  }
  const drops = lines;
  const lineOf = (v) => typeof v === "number" ? v : v.line;
  if (![...held.values()].some((v) => drops.has(lineOf(v)))) return held;
  return new Map([...held].filter(([, v]) => !drops.has(lineOf(v))));
}

// rules/holding-access-exclusive-lock.ts
var holding_access_exclusive_lock_default = defineRule({
  meta: {
    id: "holding-access-exclusive-lock",
    severity: "warning",
    work: "lock",
    summary: "Work continues in a transaction that holds an ACCESS EXCLUSIVE lock",
    why: "A lock is held until the transaction ends, not until the statement that took it ends. After ALTER TABLE (or DROP, TRUNCATE, RENAME, LOCK \u2026) took ACCESS EXCLUSIVE on an existing table, every read and write of that table waits until COMMIT. A backfill UPDATE, an index build or a wait for a lock on a second table in the same transaction stretches a millisecond lock into minutes of downtime, and locking several busy tables in one transaction invites deadlocks with the application. Tables created in the same migration are not counted; outside a transaction each statement releases its locks at once.",
    fix: "Keep the ACCESS EXCLUSIVE step alone and short: commit right after it, then backfill in batches and build indexes concurrently in later steps (or migrations):\n\n```sql\nBEGIN;\nSET LOCAL lock_timeout = '2s';\nALTER TABLE users ADD COLUMN status text;\nCOMMIT;\n-- separate transaction(s), in batches:\nUPDATE users SET status = 'active' WHERE id BETWEEN 1 AND 10000 AND status IS NULL;\n-- outside any transaction:\nCREATE INDEX CONCURRENTLY users_status_idx ON users (status);\n```",
    examples: {
      bad: [
        "BEGIN;\nALTER TABLE users ADD COLUMN status text;\nUPDATE users SET status = 'active';\nCOMMIT;",
        "BEGIN;\nALTER TABLE orders ADD COLUMN note text;\nALTER TABLE invoices ADD COLUMN note text;\nCOMMIT;",
        "BEGIN;\nALTER TABLE users RENAME COLUMN name TO full_name;\nCREATE INDEX users_full_name_idx ON users (full_name);\nCOMMIT;",
        "DO $$\nBEGIN\n  ALTER TABLE users ADD COLUMN status text;\n  UPDATE users SET status = 'active';\nEND $$;"
      ],
      good: [
        "ALTER TABLE users ADD COLUMN status text;\nUPDATE users SET status = 'active';",
        "BEGIN;\nALTER TABLE users ADD COLUMN a int;\nALTER TABLE users ADD COLUMN b int;\nCOMMIT;",
        "BEGIN;\nALTER TABLE users ADD COLUMN a int;\nCOMMENT ON COLUMN users.a IS 'x';\nCOMMIT;\nUPDATE users SET a = 1;",
        "BEGIN;\nCREATE TABLE notes (id bigint);\nALTER TABLE notes ADD COLUMN body text;\nCREATE INDEX notes_body_idx ON notes (body);\nINSERT INTO notes VALUES (1);\nCOMMIT;",
        "BEGIN;\nDROP TABLE old_events;\nDROP TABLE old_sessions;\nCOMMIT;"
      ]
    }
  },
  create: ({ report }) => ({
    "*"(statement, ctx) {
      if (!ctx.inTransaction || !ctx.runsDuringMigration || ctx.accessExclusiveHeld.size === 0) return;
      const held = withoutDropped(ctx, ctx.accessExclusiveHeld);
      if (held.size === 0) return;
      const why = extendsHold(statement, ctx, held);
      if (!why) return;
      const first = Math.min(...held.values());
      if (!ctx.once(`holding-access-exclusive-lock:${first}`)) return;
      const list = [...held].map(([t, line]) => `${t} (line ${line})`).join(", ");
      report({
        message: `The ACCESS EXCLUSIVE lock on ${list} is still held while this statement runs (${why}): every query on ${held.size > 1 ? "those tables" : "that table"} waits until the transaction commits.`
      });
    }
  })
});

// rules/holding-write-blocking-lock.ts
var holding_write_blocking_lock_default = defineRule({
  meta: {
    id: "holding-write-blocking-lock",
    severity: "warning",
    work: "lock",
    summary: "Work continues in a transaction that holds a lock blocking writes",
    why: "CREATE INDEX (SHARE), ADD FOREIGN KEY and CREATE TRIGGER (SHARE ROW EXCLUSIVE) and LOCK \u2026 IN SHARE/EXCLUSIVE MODE take locks that let reads through but make every INSERT, UPDATE and DELETE on the table wait (checked in pg_locks on PostgreSQL 15 and 18), and the lock is held until the transaction ends. Each further statement in the same transaction (a backfill, another index build, a wait for a lock on a second table) keeps the table read-only that much longer. holding-access-exclusive-lock covers ACCESS EXCLUSIVE, which blocks reads too; tables created in the same migration are not counted.",
    fix: "Commit right after the statement that takes the lock, and do the rest in its own transaction, or build indexes concurrently outside any transaction:\n\n```sql\nBEGIN;\nSET LOCAL lock_timeout = '2s';\nALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;\nCOMMIT;\nALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk;\nCREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id);\n```",
    examples: {
      bad: [
        "BEGIN;\nCREATE INDEX orders_status_idx ON orders (status);\nUPDATE orders SET status = 'new' WHERE status IS NULL;\nCOMMIT;",
        "BEGIN;\nCREATE INDEX orders_a_idx ON orders (a);\nCREATE INDEX invoices_a_idx ON invoices (a);\nCOMMIT;"
      ],
      good: [
        "BEGIN;\nCREATE INDEX orders_a_idx ON orders (a);\nCOMMENT ON INDEX orders_a_idx IS 'by a';\nCOMMIT;",
        "CREATE INDEX orders_a_idx ON orders (a);\nUPDATE orders SET a = 1 WHERE a IS NULL;"
      ]
    },
    messages: { held: "The {{locks}} taken earlier in this transaction {{are}} still held while this statement runs ({{why}}): writes to {{tables}} wait until the transaction commits" }
  },
  create: ({ report }) => ({
    "*"(statement, ctx) {
      if (!ctx.inTransaction || !ctx.runsDuringMigration || ctx.writeBlockingHeld.size === 0) return;
      const held = new Map([...withoutDropped(ctx, ctx.writeBlockingHeld)].filter(([t]) => !ctx.accessExclusiveHeld.has(t)));
      if (held.size === 0) return;
      const why = extendsHold(statement, ctx, held);
      if (!why) return;
      const first = Math.min(...[...held.values()].map((h) => h.line));
      if (!ctx.once(`holding-write-blocking-lock:${first}`)) return;
      const locks = [...held].map(([t, h]) => `${lockModeSql(h.mode)} lock on ${t} (line ${h.line})`);
      report({ messageId: "held", data: { locks: locks.join(", "), are: locks.length > 1 ? "are" : "is", why, tables: [...held.keys()].join(", ") } });
    }
  })
});

// src/lint/identifiers.ts
var MAX_IDENTIFIER_BYTES = 63;
var IDENT = 258;
var UIDENT = 259;
function identifierText(token) {
  if (token.startsWith('"')) return token.slice(1, -1).replace(/""/g, '"');
  if (/^u&"/i.test(token)) {
    return token.slice(3, -1).replace(/""/g, '"').replace(
      /\\\+([0-9a-fA-F]{6})|\\([0-9a-fA-F]{4})|\\\\/g,
      (m, six, four) => m === "\\\\" ? "\\" : String.fromCodePoint(parseInt(six ?? four ?? "", 16))
    );
  }
  return token.replace(/[A-Z]+/g, (s) => s.toLowerCase());
}
function clipToBytes(name, max2 = MAX_IDENTIFIER_BYTES) {
  let bytes = 0;
  let out = "";
  for (const ch of name) {
    const len = Buffer.byteLength(ch, "utf8");
    if (bytes + len > max2) break;
    bytes += len;
    out += ch;
  }
  return out;
}
var CANDIDATE = /[A-Za-z0-9_$\u0080-\uffff]+|"(?:[^"]|"")*"/g;
function mayHoldLongIdentifier(sql) {
  if (sql.length <= MAX_IDENTIFIER_BYTES / 4) return false;
  for (const m of sql.matchAll(CANDIDATE)) {
    if (m[0].length > MAX_IDENTIFIER_BYTES / 4 && Buffer.byteLength(m[0], "utf8") > MAX_IDENTIFIER_BYTES) return true;
  }
  return false;
}
function longIdentifiers(statement) {
  const sql = statement.sql;
  if (!mayHoldLongIdentifier(sql)) return [];
  let tokens;
  try {
    tokens = scanSync(sql).tokens;
  } catch {
    return [];
  }
  const bytes = Buffer.from(sql, "utf8");
  const out = [];
  for (const t of tokens) {
    if (t.tokenType !== IDENT && t.tokenType !== UIDENT) continue;
    const text = bytes.subarray(t.start, t.end).toString("utf8");
    const name = identifierText(text);
    const size = Buffer.byteLength(name, "utf8");
    if (size <= MAX_IDENTIFIER_BYTES) continue;
    const startIndex = bytes.subarray(0, t.start).toString("utf8").length;
    out.push({ name, bytes: size, truncated: clipToBytes(name), range: rangeIn(statement, startIndex, startIndex + text.length) });
  }
  return out;
}
function rangeIn(statement, start, end) {
  if (statement.embedded) return statement.range;
  const at = (index) => {
    const before = statement.sql.slice(0, index);
    const lines = before.split(/\r\n|\r|\n/);
    const line = statement.range.line + lines.length - 1;
    const column = lines.length === 1 ? statement.range.column + index : lines[lines.length - 1].length + 1;
    return { line, column };
  };
  const s = at(start);
  const e = at(end);
  return { line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
}

// rules/identifier-too-long.ts
var identifier_too_long_default = defineRule({
  meta: {
    id: "identifier-too-long",
    severity: "warning",
    summary: "Identifier longer than 63 bytes (Postgres truncates it)",
    why: "Postgres keeps at most 63 bytes of an identifier (NAMEDATALEN - 1) and cuts the rest off with only a NOTICE, which migration tools rarely show. The limit is in bytes, not characters: a name in a non-Latin script hits it at 31 or 21 characters, and the cut falls on a character boundary. The object then exists under a name nobody wrote: code, ORMs and schema-diff tools that look for the full name (in `information_schema`, `pg_indexes`, a `WHERE indexname = '\u2026'` string) do not find it, and two long names that share their first 63 bytes collide: the second CREATE fails with \"already exists\", or, with IF NOT EXISTS, is silently skipped. Every identifier written in the statement is checked (tables, columns, indexes, constraints, references), each distinct one once per file.",
    fix: "Choose a name of at most 63 bytes (count bytes: `SELECT octet_length('name')`), and name generated objects explicitly when their default name would be long:\n\n```sql\n-- instead of an index name that Postgres would cut off\nCREATE INDEX CONCURRENTLY IF NOT EXISTS orders_cust_created_idx\n  ON orders (customer_id, created_at);\n```",
    examples: {
      bad: [
        `CREATE TABLE ${"customer_".repeat(7)}events (id bigint);`,
        `ALTER TABLE orders ADD COLUMN "${"\xE9".repeat(32)}" text;`,
        `CREATE INDEX idx_orders_on_customer_id_and_created_at_and_status_and_region_and_total ON orders (customer_id);`,
        `ALTER TABLE orders ADD CONSTRAINT orders_customer_id_created_at_status_region_total_currency_check CHECK (total >= 0);`
      ],
      good: [
        `CREATE TABLE ${"c".repeat(63)} (id bigint);`,
        `ALTER TABLE orders ADD COLUMN "${"\xE9".repeat(31)}" text;`,
        `COMMENT ON TABLE orders IS '${"a very long comment ".repeat(10)}';`,
        `CREATE INDEX orders_cust_created_idx ON orders (customer_id, created_at);`
      ]
    },
    squawk: ["identifier-too-long"]
  },
  create: ({ report }) => ({
    "*"(statement, ctx) {
      const found = longIdentifiers(statement);
      if (found.length === 0) return;
      const seen = /* @__PURE__ */ new Set();
      for (let i = 0; i < ctx.index; i++) {
        const earlier = ctx.statements[i];
        for (const id of longIdentifiers(earlier)) seen.add(id.name);
      }
      for (const id of found) {
        if (seen.has(id.name)) continue;
        seen.add(id.name);
        const chars = [...id.name].length;
        const size = chars === id.bytes ? `${id.bytes} bytes` : `${id.bytes} bytes (${chars} characters)`;
        report({
          message: `Identifier "${id.name}" is ${size}, over Postgres's ${MAX_IDENTIFIER_BYTES}-byte limit: it is cut to "${id.truncated}" (${Buffer.byteLength(id.truncated, "utf8")} bytes) with only a NOTICE.`,
          range: id.range
        });
      }
    }
  })
});

// rules/internal-error.ts
var internal_error_default = defineDiagnostic({
  id: "internal-error",
  severity: "error",
  stage: "engine",
  summary: "migration-guard itself failed on this statement",
  why: "A rule threw an exception on this statement (a bug in migration-guard, usually an AST shape it did not expect). The other rules still ran on this statement and every rule ran on the others, but this one rule could not decide, so a hazard may be missed here. It is reported as an error so it is not silently lost.",
  fix: "Report it on the migration-guard issue tracker with the statement and the message. To unblock the pull request meanwhile, review the statement by hand and silence the finding on it:\n\n```sql\n-- migration-guard-ignore internal-error: reviewed by hand\nALTER TABLE orders ADD COLUMN note text;\n```",
  examples: { bad: [], good: [] }
});

// rules/invalid-migration-file.ts
var invalid_migration_file_default = defineDiagnostic({
  id: "invalid-migration-file",
  severity: "error",
  stage: "engine",
  summary: "The migration tool would refuse this file",
  why: "Some tools parse their own markers before any SQL reaches Postgres, and stop the deploy on a file they cannot read. goose, for example, rejects a file without a `-- +goose Up` line, SQL before it, a second `-- +goose Up`, `-- +goose Down` before `Up`, a `StatementBegin` never closed by `StatementEnd`, and any comment line holding `+goose` that is not exactly one of its annotations (`Up`, `Down`, `StatementBegin`, `StatementEnd`, `NO TRANSACTION`, `ENVSUB ON`, `ENVSUB OFF`, in any case) or that is indented. The statements of such a file are still linted as the section markers suggest, but the file will not deploy.",
  fix: "Write the markers the way the tool reads them, each alone on its own line at the start of the line:\n\n```sql\n-- +goose Up\n-- +goose StatementBegin\nCREATE FUNCTION touch() RETURNS trigger AS $$ BEGIN NEW.updated_at = now(); RETURN NEW; END $$ LANGUAGE plpgsql;\n-- +goose StatementEnd\n\n-- +goose Down\nDROP FUNCTION touch();\n```",
  examples: { bad: [], good: [] }
});

// rules/leaking-session-setting.ts
var SESSION_SETTINGS = /* @__PURE__ */ new Set([
  "lock_timeout",
  "statement_timeout",
  "idle_in_transaction_session_timeout",
  "search_path",
  "role",
  "session_authorization",
  "synchronous_commit",
  "session_replication_role"
]);
var leaking_session_setting_default = defineRule({
  meta: {
    id: "leaking-session-setting",
    severity: "warning",
    summary: "A session setting changed with plain SET and never reset",
    why: "Plain `SET` (and `SET SESSION`) lasts for the connection, not the migration: even inside a transaction it survives the COMMIT (only SET LOCAL ends with the transaction; checked on PostgreSQL 15 and 18). Migration tools run many migrations on one connection, so `SET statement_timeout = 0` or `SET search_path = staging` leaks into every later migration of the run, and `SET session_replication_role = replica` disables every trigger and foreign-key check after it. Reported for lock_timeout, statement_timeout, idle_in_transaction_session_timeout, search_path, role, session_authorization, synchronous_commit and session_replication_role when the file neither resets them nor sets them back.",
    fix: "Inside a transaction use SET LOCAL, which ends with it; outside one, RESET the setting at the end of the migration:\n\n```sql\nBEGIN;\nSET LOCAL lock_timeout = '2s';\nALTER TABLE users ADD COLUMN bio text;\nCOMMIT;\n-- or, without a transaction:\nSET lock_timeout = '2s';\nCREATE INDEX CONCURRENTLY users_bio_idx ON users (bio);\nRESET lock_timeout;\n```",
    examples: {
      bad: ["SET statement_timeout = 0;\nUPDATE users SET plan = 'free' WHERE plan IS NULL;", "BEGIN;\nSET search_path = staging;\nCREATE TABLE t (id int);\nCOMMIT;"],
      good: [
        "BEGIN;\nSET LOCAL lock_timeout = '2s';\nALTER TABLE users ADD COLUMN bio text;\nCOMMIT;",
        "SET lock_timeout = '2s';\nCREATE INDEX CONCURRENTLY users_bio_idx ON users (bio);\nRESET lock_timeout;",
        "SET search_path = staging;\nCREATE TABLE t (id int);\nRESET ALL;"
      ]
    },
    messages: { leaks: "SET {{name}} lasts for the whole connection (past COMMIT), and this migration never resets it: every later migration on the connection runs with it" }
  },
  create: ({ report, statements }) => ({
    VariableSetStmt(n, statement, ctx) {
      if (n.kind !== "VAR_SET_VALUE" || n.is_local || statement.embedded) return;
      const name = (n.name ?? "").toLowerCase();
      if (!SESSION_SETTINGS.has(name)) return;
      const reset = statements.slice(ctx.index + 1).some(
        (s) => s.kind === "VariableSetStmt" && !s.embedded && (s.node.kind === "VAR_RESET_ALL" || (s.node.kind === "VAR_RESET" || s.node.kind === "VAR_SET_DEFAULT") && (s.node.name ?? "").toLowerCase() === name)
      );
      if (!reset) report({ messageId: "leaks", data: { name } });
    }
  })
});

// rules/locking-table-explicitly.ts
var MODE_NAMES = ["", "ACCESS SHARE", "ROW SHARE", "ROW EXCLUSIVE", "SHARE UPDATE EXCLUSIVE", "SHARE", "SHARE ROW EXCLUSIVE", "EXCLUSIVE", "ACCESS EXCLUSIVE"];
var BLOCKS_WRITES = 5;
var locking_table_explicitly_default = defineRule({
  meta: {
    id: "locking-table-explicitly",
    severity: "warning",
    work: "lock",
    summary: "Locking a table explicitly in a mode that blocks writes",
    why: "LOCK TABLE without a mode takes ACCESS EXCLUSIVE (verified in pg_locks on PostgreSQL 15 and 18), which blocks every read and write of the table; SHARE and stronger modes block writes. The lock is held until the transaction ends, so everything else the migration does inside that transaction extends the outage, and while LOCK TABLE waits for running queries, every new query on the table queues behind it. Modes weaker than SHARE (ACCESS SHARE \u2026 SHARE UPDATE EXCLUSIVE) do not block writes and are not reported, nor are tables created in the same migration.",
    fix: "Usually the statements that follow take the locks they need by themselves: drop the LOCK TABLE. If you need it (e.g. to serialize with a backfill), take the weakest mode that works, keep the transaction short and bound the wait:\n\n```sql\nBEGIN;\nSET LOCAL lock_timeout = '3s';\nLOCK TABLE orders IN SHARE UPDATE EXCLUSIVE MODE;  -- blocks other DDL and VACUUM, not reads or writes\n-- \u2026 short work \u2026\nCOMMIT;\n```",
    examples: {
      bad: ["BEGIN; LOCK TABLE orders; COMMIT;", "LOCK TABLE orders, customers IN SHARE MODE;", "LOCK orders IN ACCESS EXCLUSIVE MODE NOWAIT;"],
      good: ["LOCK TABLE orders IN SHARE UPDATE EXCLUSIVE MODE;", "LOCK TABLE orders IN ACCESS SHARE MODE;", "CREATE TABLE orders (id int); LOCK TABLE orders IN ACCESS EXCLUSIVE MODE;"]
    }
  },
  create: ({ report }) => ({
    LockStmt(n, statement, ctx) {
      const mode = typeof n.mode === "number" ? n.mode : 8;
      if (mode < BLOCKS_WRITES) return;
      const tables = (n.relations ?? []).map((r) => relationName(as(r, "RangeVar"))).filter((t) => !!t && !ctx.isNew(t));
      if (tables.length === 0) return;
      report({
        message: `LOCK TABLE ${tables.join(", ")} takes ${MODE_NAMES[mode] ?? "a strong lock"}: ${mode === 8 ? "all reads and writes" : "all writes"} wait until the transaction ends.`
      });
    }
  })
});

// rules/locking-table-outside-transaction.ts
var locking_table_outside_transaction_default = defineRule({
  meta: {
    id: "locking-table-outside-transaction",
    severity: "error",
    summary: "LOCK TABLE outside a transaction block",
    why: "Postgres refuses LOCK TABLE outside a transaction block (`LOCK TABLE can only be used in transaction blocks`, checked on PostgreSQL 15 and 18): a lock taken in autocommit would end with the statement, so the command is an error. In a migration the tool runs without a transaction (goose `NO TRANSACTION`, dbmate `transaction:false`, a file with CREATE INDEX CONCURRENTLY), the migration fails at that line.",
    fix: "Put the LOCK TABLE and the work it protects in one explicit transaction, or drop it (the following statements take the locks they need):\n\n```sql\nBEGIN;\nSET LOCAL lock_timeout = '3s';\nLOCK TABLE orders IN SHARE ROW EXCLUSIVE MODE;\n-- \u2026 the work that needs the lock \u2026\nCOMMIT;\n```",
    examples: {
      bad: ["LOCK TABLE orders IN SHARE MODE;", "SELECT 1;\nLOCK orders;"],
      good: ["BEGIN;\nLOCK TABLE orders IN SHARE MODE;\nCOMMIT;"]
    },
    messages: { outside: 'LOCK TABLE {{tables}} outside a transaction block fails ("LOCK TABLE can only be used in transaction blocks"): this migration runs without one here' }
  },
  create: ({ report }) => ({
    LockStmt(n, statement, ctx) {
      if (ctx.inTransaction || ctx.implicitTransactionBlock || statement.embedded) return;
      const tables = (n.relations ?? []).map((r) => relationName(as(r, "RangeVar")) ?? "?");
      report({ messageId: "outside", data: { tables: tables.join(", ") } });
    }
  })
});

// rules/losing-data-on-rollback.ts
var losing_data_on_rollback_default = defineDiagnostic({
  id: "losing-data-on-rollback",
  severity: "warning",
  stage: "verify",
  summary: "Rolling the migration back loses data that existed before it",
  why: "verify fingerprints every seeded table (row count; per column the non-null count and a hash of the values) before the up and after the down. A column dropped by the up and re-added by the down comes back empty; a type narrowed and widened again truncates values; a table dropped and recreated is empty. The schema may be restored, but the data the previous release relies on is gone, so the rollback is not the safety net it looks like.",
  fix: "Do destructive changes in a later, separate migration once the new code no longer needs the old data (expand/contract), or copy the data aside and back in the down:\n\n```sql\n-- release 1: stop using users.note, keep the column\n-- release 2 (no rollback needed any more):\nALTER TABLE users DROP COLUMN note;\n```",
  examples: { bad: [], good: [] }
});

// rules/missing-down.ts
var missing_down_default = defineDiagnostic({
  id: "missing-down",
  severity: "warning",
  stage: "history",
  summary: "A migration has no down migration while the others in its folder do",
  why: "When a set of migrations uses downs (golang-migrate `.down.sql`, goose `-- +goose Down`, dbmate `-- migrate:down`, Diesel `down.sql`, sqitch `revert/`, Flyway undo scripts, node-pg-migrate `-- Down Migration`), a rollback walks back through every one of them; one without a down stops the rollback there or leaves its changes behind, and the up \u2192 down \u2192 up proof cannot run for it. Never raised for up-only layouts (Prisma, plain, temporal) or for a set where no migration has a down (an up-only team, like harbor or kratos's Flyway-style users); an empty down counts as a deliberate choice and is not reported.",
  fix: "Add the down that undoes the up, e.g. for goose:\n\n```sql\n-- +goose Up\nALTER TABLE users ADD COLUMN nickname text;\n-- +goose Down\nALTER TABLE users DROP COLUMN nickname;\n```\nIf the change truly cannot be undone (data was dropped), write a down that fails loudly with a message, or disable the rule for the file.",
  examples: { bad: [], good: [] }
});

// rules/missing-lock-timeout.ts
var missing_lock_timeout_default = defineRule({
  meta: {
    id: "missing-lock-timeout",
    severity: "warning",
    work: "lock",
    summary: "A strong lock on an existing table with no lock_timeout",
    why: "ALTER TABLE, CREATE INDEX (without CONCURRENTLY), ADD FOREIGN KEY, CREATE TRIGGER, DROP INDEX and similar statements need a SHARE, SHARE ROW EXCLUSIVE or ACCESS EXCLUSIVE lock. If any transaction is using the table (a long report, an idle-in-transaction session), the statement waits, and while it waits in the lock queue every new query on the table queues behind it: a one-millisecond ALTER turns into an outage that lasts as long as the slowest open transaction. Without lock_timeout it waits forever. Reported once per file, at the first such statement.",
    fix: "Set a short lock_timeout before the first such statement, and retry the migration when it times out:\n\n```sql\nSET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN bio text;\nRESET lock_timeout;\n```\n\nInside a transaction `SET LOCAL lock_timeout = '2s';` limits it to that transaction (SET LOCAL outside a transaction does nothing). Many teams set it for the migration role instead: `ALTER ROLE migrator SET lock_timeout = '2s';`.",
    examples: {
      bad: [
        "ALTER TABLE users ADD COLUMN bio text;",
        "CREATE INDEX users_email_idx ON users (email);",
        "SET LOCAL lock_timeout = '2s';\nALTER TABLE users ADD COLUMN bio text;",
        "SET lock_timeout = '2s';\nRESET lock_timeout;\nALTER TABLE users ADD COLUMN bio text;",
        "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;"
      ],
      good: [
        "SET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN bio text;",
        "BEGIN;\nSET LOCAL lock_timeout = '2s';\nALTER TABLE users ADD COLUMN bio text;\nCOMMIT;",
        "SELECT set_config('lock_timeout', '2s', false);\nALTER TABLE users ADD COLUMN bio text;",
        "CREATE TABLE notes (id bigint PRIMARY KEY, body text);\nCREATE INDEX notes_body_idx ON notes (body);",
        "CREATE INDEX CONCURRENTLY users_email_idx ON users (email);"
      ]
    },
    squawk: ["require-timeout-settings", "require-lock-timeout"]
    // squawk 2.x reports require-lock-timeout
  },
  create: ({ report }) => ({
    "*"(statement, ctx) {
      if (ctx.lockTimeoutSet || !ctx.runsDuringMigration) return;
      const locks = strongLocksOnExisting(statement, ctx.isNew);
      if (locks.length === 0 || !ctx.once("missing-lock-timeout")) return;
      report({
        message: `This statement takes ${describeLocks(locks)} with no lock_timeout set: if the table is busy it waits in the lock queue, and every query on it waits behind. Reported once per file.`
      });
    }
  })
});

// rules/missing-statement-timeout.ts
var DML2 = /* @__PURE__ */ new Set(["UpdateStmt", "DeleteStmt", "MergeStmt"]);
var missing_statement_timeout_default = defineRule({
  meta: {
    id: "missing-statement-timeout",
    severity: "warning",
    defaultOff: true,
    summary: "A locking or long-running statement with no statement_timeout",
    why: "A statement that holds a strong lock (ALTER TABLE that rewrites or scans, CREATE INDEX without CONCURRENTLY) or touches many rows (UPDATE/DELETE backfills) can run far longer on production data than in development, blocking the table or the deploy the whole time. statement_timeout bounds it, so a slow migration fails and is rolled back instead of stalling production. Off by default: a timeout that is too short also fails migrations that would have been fine; turn it on where migrations must stay short. Reported once per file.",
    fix: "Set a statement_timeout that fits the deploy window before the first such statement:\n\n```sql\nSET statement_timeout = '5min';\nSET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN bio text;\nRESET statement_timeout;\nRESET lock_timeout;\n```\n\nInside a transaction `SET LOCAL statement_timeout = '5min';` limits it to that transaction.",
    examples: {
      bad: ["ALTER TABLE users ADD COLUMN bio text;", "UPDATE users SET status = 'active' WHERE status IS NULL;"],
      good: [
        "SET statement_timeout = '5min';\nALTER TABLE users ADD COLUMN bio text;",
        "BEGIN;\nSET LOCAL statement_timeout = '5min';\nUPDATE users SET status = 'active';\nCOMMIT;",
        "CREATE TABLE notes (id bigint PRIMARY KEY, body text);\nCREATE INDEX notes_body_idx ON notes (body);\nUPDATE notes SET body = NULL;"
      ]
    },
    squawk: ["require-timeout-settings", "require-statement-timeout"]
    // squawk 2.x reports require-statement-timeout
  },
  create: ({ report }) => ({
    "*"(statement, ctx) {
      if (ctx.statementTimeoutSet || !ctx.runsDuringMigration) return;
      const locks = strongLocksOnExisting(statement, ctx.isNew);
      const target = DML2.has(statement.kind) ? dmlTarget(statement)?.relname : void 0;
      const dml = target && !ctx.isNew(bareName(target));
      if (locks.length === 0 && !dml || !ctx.once("missing-statement-timeout")) return;
      const what = locks.length ? `takes ${describeLocks(locks)}` : `changes rows of ${target}`;
      report({ message: `This statement ${what} with no statement_timeout set: on a large table it can run far longer than in development. Reported once per file.` });
    }
  })
});

// src/lint/data-changes.ts
var DML_KINDS = /* @__PURE__ */ new Set(["InsertStmt", "UpdateStmt", "DeleteStmt", "MergeStmt"]);
function writtenTable(statement) {
  if (DML_KINDS.has(statement.kind)) return relationName(dmlTarget(statement));
  if (statement.kind === "CopyStmt" && statement.node.is_from) return relationName(statement.node.relation);
  return void 0;
}
function isDataChange(statement) {
  return writtenTable(statement) !== void 0;
}
function isLiteralInsert(statement) {
  if (statement.kind !== "InsertStmt") return false;
  const select = as(statement.node.selectStmt, "SelectStmt");
  return !!select?.valuesLists && !select.fromClause;
}
function commandName(statement) {
  switch (statement.kind) {
    case "UpdateStmt":
      return "UPDATE";
    case "DeleteStmt":
      return "DELETE";
    case "MergeStmt":
      return "MERGE";
    case "CopyStmt":
      return "COPY";
    case "InsertStmt":
      return isLiteralInsert(statement) ? "INSERT" : "INSERT \u2026 SELECT";
    default:
      return statement.kind.replace(/Stmt$/, "").toUpperCase();
  }
}
function columnName(node) {
  const fields = as(node, "ColumnRef")?.fields;
  return fields ? str(fields[fields.length - 1]) : void 0;
}
function wholeTableReason(statement, ctx) {
  if (statement.kind !== "UpdateStmt" && statement.kind !== "DeleteStmt") return void 0;
  if (!statement.node.whereClause) return "it has no WHERE clause";
  const table = relationName(statement.node.relation);
  const targets = statement.kind === "UpdateStmt" ? statement.node.targetList ?? [] : [];
  const assigned = new Set(targets.map((t) => as(t, "ResTarget")?.name).filter((n) => !!n));
  const reason = (e) => {
    if (as(e, "A_Const")?.boolval?.boolval === true) return "its WHERE is always true";
    const op = as(e, "A_Expr");
    if (op?.kind === "AEXPR_OP" && str(op.name?.[0]) === "=" && as(op.lexpr, "A_Const") && as(op.rexpr, "A_Const")) {
      if (JSON.stringify(stripLocations(op.lexpr)) === JSON.stringify(stripLocations(op.rexpr))) return "its WHERE is always true";
    }
    const nt = as(e, "NullTest");
    if (nt?.nulltesttype === "IS_NULL") {
      const col = columnName(nt.arg);
      if (col && assigned.has(col)) return `its WHERE "${col} IS NULL" matches every row not yet backfilled, which on the first run is all of them`;
      if (col && isNewColumn(ctx, table, col)) return `"${col}" was added in this migration, so "${col} IS NULL" matches every row`;
    }
    const b = as(e, "BoolExpr");
    if (b?.boolop === "OR_EXPR")
      for (const a of b.args ?? []) {
        const r = reason(a);
        if (r) return r;
      }
    if (b?.boolop === "AND_EXPR") {
      const rs = (b.args ?? []).map(reason);
      if (rs.length > 0 && rs.every(Boolean)) return rs[0];
    }
    return void 0;
  };
  return reason(statement.node.whereClause);
}
function stripLocations(node) {
  if (Array.isArray(node)) return node.map(stripLocations);
  if (!node || typeof node !== "object") return node;
  return Object.fromEntries(
    Object.entries(node).filter(([k]) => k !== "location").map(([k, v]) => [k, stripLocations(v)])
  );
}
function earlierInTransaction(ctx) {
  if (!ctx.inTransaction) return [];
  const out = [];
  for (let i = ctx.index - 1; i >= 0; i--) {
    const st = ctx.statements[i];
    if (st.kind === "TransactionStmt") {
      const k = st.node.kind;
      if (k === "TRANS_STMT_BEGIN" || k === "TRANS_STMT_START" || k === "TRANS_STMT_COMMIT" || k === "TRANS_STMT_ROLLBACK") break;
      continue;
    }
    out.push(st);
  }
  return out;
}

// rules/mixing-schema-and-data-changes.ts
var mixing_schema_and_data_changes_default = defineRule({
  meta: {
    id: "mixing-schema-and-data-changes",
    severity: "warning",
    summary: "Schema change and data change on existing tables in one transaction",
    why: 'Locks are held until the transaction ends. When a data change (UPDATE, DELETE, MERGE, INSERT \u2026 SELECT, COPY) runs after a schema change that took an ACCESS EXCLUSIVE lock on an existing table, that table stays locked, for reads too, for as long as the data change takes: a backfill right after `ADD COLUMN` turns an instant change into an outage. In the other order, a schema change after writing rows of the same table fails outright with `cannot ALTER TABLE "t" because it has pending trigger events` whenever the table has deferred constraint triggers (Django, for one, creates every foreign key DEFERRABLE INITIALLY DEFERRED), and upgrading the row locks to ACCESS EXCLUSIVE invites deadlocks with the application. Decided per transaction (explicit BEGIN, or the framework\'s transaction); outside a transaction each statement commits on its own and is not flagged. Tables created in the same migration are exempt, and an `INSERT \u2026 VALUES` after a schema change is not flagged (it writes a fixed, small number of rows).',
    fix: "Put the data change in its own migration (or its own transaction), after the schema change has committed, and batch it:\n\n```sql\n-- migration 1\nALTER TABLE users ADD COLUMN region text;\n\n-- migration 2 (separate transaction; see unbatched-data-change for batching)\nUPDATE users SET region = country\nWHERE id IN (SELECT id FROM users WHERE region IS NULL ORDER BY id LIMIT 5000);\n```",
    examples: {
      bad: [
        "BEGIN; ALTER TABLE users ADD COLUMN region text; UPDATE users SET region = country WHERE id < 1000; COMMIT;",
        "BEGIN; ALTER TABLE orders ALTER COLUMN note TYPE text; DELETE FROM sessions WHERE expired; COMMIT;",
        "BEGIN; INSERT INTO orders (id, user_id) VALUES (1, 2); ALTER TABLE orders ADD COLUMN note text; COMMIT;",
        "BEGIN; ALTER TABLE users RENAME COLUMN nm TO name; INSERT INTO users_archive SELECT * FROM users WHERE deleted; COMMIT;",
        "BEGIN; ALTER TABLE users ADD COLUMN region text; UPDATE users SET region = country WHERE id < 1000; UPDATE users SET tier = 1 WHERE id < 1000; COMMIT;"
      ],
      good: [
        "ALTER TABLE users ADD COLUMN region text; UPDATE users SET region = country WHERE id < 1000;",
        "BEGIN; ALTER TABLE users ADD COLUMN region text; COMMIT; BEGIN; UPDATE users SET region = country WHERE id < 1000; COMMIT;",
        "BEGIN; CREATE TABLE plans (id bigint, name text); INSERT INTO plans SELECT id, name FROM legacy_plans WHERE active; ALTER TABLE plans ADD COLUMN price numeric; COMMIT;",
        "BEGIN; ALTER TABLE users ADD COLUMN region text; INSERT INTO regions (code) VALUES ('eu'), ('us'); COMMIT;",
        "BEGIN; LOCK TABLE counters IN ACCESS EXCLUSIVE MODE; UPDATE counters SET n = n + 1 WHERE id = 1; COMMIT;"
      ]
    }
  },
  create: ({ report }) => ({
    "*"(statement, ctx) {
      if (!ctx.inTransaction) return;
      if (isDataChange(statement)) {
        if (isLiteralInsert(statement)) return;
        const target = writtenTable(statement);
        if (target && isNewTable(ctx, target) && statement.kind !== "InsertStmt") return;
        const held = [...ctx.accessExclusiveHeld].filter(([, line]) => !ctx.statements.some((s) => s.range.line === line && s.kind === "LockStmt"));
        if (held.length === 0) return;
        const firstLock = Math.min(...held.map(([, line]) => line));
        if (earlierInTransaction(ctx).some((s) => s.range.line >= firstLock && isDataChange(s) && !isLiteralInsert(s))) return;
        const shown = held.slice(0, 3).map(([t, line]) => `${t} (line ${line})`);
        const more = held.length > 3 ? ` and ${held.length - 3} more` : "";
        report({
          message: `${commandName(statement)} on ${target} runs in the same transaction as schema changes that hold ACCESS EXCLUSIVE on ${shown.join(", ")}${more}: every query on those tables waits until this data change, and everything after it, commits. Run data changes in their own transaction after the schema change.`
        });
        return;
      }
      const locked = accessExclusiveTables(statement);
      const earlier = locked.length > 0 ? earlierInTransaction(ctx) : [];
      for (const table of locked) {
        if (isNewTable(ctx, table)) continue;
        const same = (s) => bareName(writtenTable(s)) === bareName(table);
        const writerAt = earlier.findIndex((s) => isDataChange(s) && same(s));
        if (writerAt < 0) continue;
        const writer = earlier[writerAt];
        if (earlier.slice(0, writerAt).some((s) => accessExclusiveTables(s).some((t) => bareName(t) === bareName(table)))) continue;
        report({
          message: `This schema change of ${table} comes after the ${commandName(writer)} of its rows at line ${writer.range.line}, in the same transaction: it fails with "cannot ALTER TABLE because it has pending trigger events" if the table has deferred constraints, and upgrading to ACCESS EXCLUSIVE risks deadlocks. Commit the data change first.`
        });
      }
    }
  })
});

// rules/out-of-order-migration.ts
var out_of_order_migration_default = defineDiagnostic({
  id: "out-of-order-migration",
  severity: "error",
  stage: "history",
  summary: "A new migration sorts before migrations the base branch already has",
  why: "This usually happens when a branch was created before another migration was merged: its timestamp or number is now older than the newest applied migration. Databases that are already past that point handle it badly: golang-migrate only applies versions above the current one and silently skips it; goose, Flyway and node-pg-migrate refuse to migrate until an out-of-order option is set; dbmate and Diesel apply it, but after the newer ones, in an order nobody tested. Reported with `--base <ref>`, comparing positions within each migration set.",
  fix: "Rename the migration so it sorts after the newest one on the base branch (regenerate its timestamp, e.g. `goose create`, `dbmate new`, `migrate create -seq`), or move its entry to the end of sqitch.plan. Then re-check it against the schema the newer migrations produce.",
  examples: { bad: [], good: [] }
});

// src/lint/column-types.ts
function builtinName(typeName) {
  const names = (typeName?.names ?? []).map((n) => str(n) ?? "");
  if (names.length === 1) return names[0];
  if (names.length === 2 && names[0] === "pg_catalog") return names[1];
  return void 0;
}
function fromDef(table, def, via, column = def?.colname) {
  if (!def?.typeName || !column) return void 0;
  return { table, column, via, builtin: builtinName(def.typeName), mods: typeMods(def.typeName), array: isArrayType(def.typeName), def };
}
function columnTypes(statement) {
  const out = [];
  if (statement.kind === "CreateStmt") {
    const table = relationName(statement.node.relation) ?? "";
    for (const el of statement.node.tableElts ?? []) out.push(fromDef(table, as(el, "ColumnDef"), "create-table"));
  } else if (statement.kind === "AlterTableStmt" && (statement.node.objtype === "OBJECT_TABLE" || statement.node.objtype === "OBJECT_FOREIGN_TABLE")) {
    const table = relationName(statement.node.relation) ?? "";
    for (const cmd of alterCommands(statement.node)) {
      if (cmd.subtype === "AT_AddColumn") out.push(fromDef(table, as(cmd.def, "ColumnDef"), "add-column"));
      if (cmd.subtype === "AT_AlterColumnType") out.push(fromDef(table, as(cmd.def, "ColumnDef"), "alter-type", cmd.name));
    }
  }
  return out.filter((c) => !!c);
}
var SERIAL_TYPES3 = {
  smallserial: "int2",
  serial2: "int2",
  serial: "int4",
  serial4: "int4",
  bigserial: "int8",
  serial8: "int8"
};
function smallIntegerBits(c) {
  const t = c.builtin ? SERIAL_TYPES3[c.builtin] ?? c.builtin : void 0;
  if (t === "int2") return 16;
  if (t === "int4") return 32;
  return void 0;
}
function isKeyLike(c) {
  if (c.builtin && SERIAL_TYPES3[c.builtin]) return true;
  return columnConstraints(c.def).some((k) => k.contype === "CONSTR_IDENTITY" || k.contype === "CONSTR_PRIMARY" || k.contype === "CONSTR_FOREIGN");
}
function columnLabel(c) {
  return `${c.table}.${c.column}`;
}

// rules/prefer-bigint.ts
var LIMIT = { 16: "32,767", 32: "2,147,483,647" };
var prefer_bigint_default = defineRule({
  meta: {
    id: "prefer-bigint",
    severity: "info",
    summary: "Prefer bigint over integer and smallint",
    why: "A 32-bit integer stops at 2,147,483,647 (smallint at 32,767). Ids from a sequence, counters and foreign keys that copy them get there sooner than expected, and then every INSERT fails. Widening the column later is the expensive kind of change: ALTER COLUMN \u2026 TYPE bigint rewrites the whole table and every index on it under an ACCESS EXCLUSIVE lock, and every column that references it must change too. bigint costs 4 more bytes per value, often nothing at all once alignment padding is counted. Flagged in CREATE TABLE, ADD COLUMN and ALTER COLUMN \u2026 TYPE; the message says when the column is a key or sequence-fed, where overflow is most likely.",
    fix: "Use bigint (and bigint identity for generated ids):\n\n```sql\nCREATE TABLE orders (\n  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,\n  customer_id bigint NOT NULL REFERENCES customers (id),\n  quantity bigint NOT NULL\n);\n```",
    examples: {
      bad: [
        "CREATE TABLE orders (id serial PRIMARY KEY);",
        "CREATE TABLE orders (id bigint, customer_id integer REFERENCES customers (id));",
        "ALTER TABLE orders ADD COLUMN quantity smallint;",
        "ALTER TABLE orders ALTER COLUMN quantity TYPE int4;",
        "CREATE TABLE counters (hits int GENERATED ALWAYS AS IDENTITY);"
      ],
      good: [
        "CREATE TABLE orders (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, total numeric(12, 2));",
        "ALTER TABLE orders ADD COLUMN quantity bigint;",
        "CREATE TABLE orders (id bigserial PRIMARY KEY);",
        "CREATE TABLE t (x app.int4);"
      ]
    },
    squawk: ["prefer-big-int", "prefer-bigint-over-int", "prefer-bigint-over-smallint"]
  },
  create: ({ report }) => ({
    "*"(statement) {
      for (const c of columnTypes(statement)) {
        const bits = smallIntegerBits(c);
        if (!bits) continue;
        const key = isKeyLike(c) ? " As a key or sequence-generated id its values keep growing until inserts fail." : "";
        report({
          message: `Column ${columnLabel(c)} is a ${bits}-bit integer (max ${LIMIT[bits]}).${key} Widening it later rewrites the table under an ACCESS EXCLUSIVE lock. Use bigint.`
        });
      }
    }
  })
});

// rules/prefer-identity.ts
var prefer_identity_default = defineRule({
  meta: {
    id: "prefer-identity",
    severity: "info",
    summary: "Prefer GENERATED \u2026 AS IDENTITY over serial",
    why: 'serial is not a type but a shorthand for "integer, plus a separate sequence, plus a DEFAULT nextval()". The sequence is a separate object: roles that may INSERT also need USAGE on it, `CREATE TABLE \u2026 (LIKE \u2026 INCLUDING DEFAULTS)` copies the default so the copy shares the original\'s sequence, and nothing stops code from inserting explicit ids that the sequence later collides with. An identity column (SQL standard, PG 10+) ties the sequence to the column: permissions follow the table, `GENERATED ALWAYS` rejects hand-written ids unless `OVERRIDING SYSTEM VALUE`, and it is reset and dropped with the column.',
    fix: "Declare an identity column (bigint, see prefer-bigint):\n\n```sql\nCREATE TABLE orders (\n  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY\n);\n-- BY DEFAULT instead of ALWAYS if imports must supply their own ids\n```",
    examples: {
      bad: ["CREATE TABLE orders (id bigserial PRIMARY KEY);", "CREATE TABLE tags (id serial, name text);", "ALTER TABLE events ADD COLUMN seq smallserial;"],
      good: [
        "CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);",
        "CREATE TABLE orders (id bigint PRIMARY KEY DEFAULT nextval('orders_id_seq'));",
        "CREATE TABLE serials (serial text);"
      ]
    },
    squawk: ["prefer-identity"]
  },
  create: ({ report }) => ({
    "*"(statement) {
      for (const c of columnTypes(statement)) {
        if (!c.builtin || !SERIAL_TYPES3[c.builtin] || c.array) continue;
        const base = SERIAL_TYPES3[c.builtin] === "int2" ? "smallint" : SERIAL_TYPES3[c.builtin] === "int4" ? "integer" : "bigint";
        report({
          message: `Column ${columnLabel(c)} is ${c.builtin}: ${base === "integer" ? "an" : "a"} ${base} with a separately owned sequence. Use ${base === "bigint" ? "bigint" : "bigint (see prefer-bigint)"} GENERATED ALWAYS AS IDENTITY instead.`
        });
      }
    }
  })
});

// rules/prefer-jsonb.ts
var prefer_jsonb_default = defineRule({
  meta: {
    id: "prefer-jsonb",
    severity: "info",
    summary: "Prefer jsonb over json",
    why: "`json` stores the input text verbatim and reparses it on every access. It has no equality operator, so `SELECT DISTINCT`, `GROUP BY`, `UNION` and unique constraints on it fail (`could not identify an equality operator for type json`), and it cannot be GIN-indexed or queried with containment (`@>`) operators. `jsonb` stores a parsed binary form that supports all of these. Keep `json` only when the exact text (key order, duplicate keys, whitespace) must be preserved. Converting later rewrites the table under an ACCESS EXCLUSIVE lock.",
    fix: "Use jsonb:\n\n```sql\nCREATE TABLE events (\n  payload jsonb NOT NULL\n);\nCREATE INDEX CONCURRENTLY IF NOT EXISTS events_payload ON events USING gin (payload);\n```",
    examples: {
      bad: ["CREATE TABLE events (payload json NOT NULL);", "ALTER TABLE events ADD COLUMN meta pg_catalog.json;", "ALTER TABLE events ALTER COLUMN payload TYPE json USING payload::json;"],
      good: ["CREATE TABLE events (payload jsonb NOT NULL);", "ALTER TABLE events ALTER COLUMN payload TYPE jsonb USING payload::jsonb;", "CREATE TABLE t (x app.json);"]
    }
  },
  create: ({ report }) => ({
    "*"(statement) {
      for (const c of columnTypes(statement)) {
        if (c.builtin !== "json") continue;
        report({
          message: `Column ${columnLabel(c)} is json: stored as text, reparsed on every access, with no equality operator (DISTINCT, GROUP BY and unique constraints fail) and no GIN index. Use jsonb.`
        });
      }
    }
  })
});

// rules/prefer-robust-statements.ts
var DROP_KINDS = {
  OBJECT_TABLE: "TABLE",
  OBJECT_INDEX: "INDEX",
  OBJECT_VIEW: "VIEW",
  OBJECT_MATVIEW: "MATERIALIZED VIEW",
  OBJECT_SEQUENCE: "SEQUENCE",
  OBJECT_SCHEMA: "SCHEMA",
  OBJECT_TYPE: "TYPE",
  OBJECT_DOMAIN: "DOMAIN",
  OBJECT_EXTENSION: "EXTENSION",
  OBJECT_FUNCTION: "FUNCTION",
  OBJECT_PROCEDURE: "PROCEDURE",
  OBJECT_TRIGGER: "TRIGGER",
  OBJECT_FOREIGN_TABLE: "FOREIGN TABLE",
  OBJECT_POLICY: "POLICY",
  OBJECT_RULE: "RULE"
};
var topLevelCounts = /* @__PURE__ */ new WeakMap();
function topLevelCount(statements) {
  let n = topLevelCounts.get(statements);
  if (n === void 0) {
    n = statements.filter((s) => !s.embedded && s.kind !== "TransactionStmt").length;
    topLevelCounts.set(statements, n);
  }
  return n;
}
function droppedIndexBefore(ctx, name) {
  return ctx.statements.slice(0, ctx.index).some((s) => s.kind === "DropStmt" && s.node.removeType === "OBJECT_INDEX" && s.node.missing_ok && droppedNames(s.node).some((n) => bareName(n) === bareName(name)));
}
function droppedConstraintBefore(ctx, table, name) {
  return ctx.statements.slice(0, ctx.index).some(
    (s) => s.kind === "AlterTableStmt" && bareName(relationName(s.node.relation)) === bareName(table) && alterCommands(s.node).some((c) => c.subtype === "AT_DropConstraint" && c.missing_ok && String(c.name).toLowerCase() === name.toLowerCase())
  );
}
function problems(statement, ctx) {
  switch (statement.kind) {
    case "CreateStmt":
      if (statement.node.if_not_exists || statement.node.relation?.relpersistence === "t") return [];
      return [`CREATE TABLE ${relationName(statement.node.relation)} has no IF NOT EXISTS: if a later statement fails, rerunning the migration stops here with "already exists".`];
    case "CreateTableAsStmt":
      if (statement.node.if_not_exists || statement.node.into?.rel?.relpersistence === "t") return [];
      return [
        `CREATE ${statement.node.objtype === "OBJECT_MATVIEW" ? "MATERIALIZED VIEW" : "TABLE"} ${relationName(statement.node.into?.rel)} has no IF NOT EXISTS: a rerun after a partial failure stops here.`
      ];
    case "IndexStmt": {
      const on = relationName(statement.node.relation);
      if (!statement.node.idxname) return [`This index on ${on} has no name: a rerun after a partial failure silently builds a second, identical index. Name it and add IF NOT EXISTS.`];
      if (!statement.node.if_not_exists) return [`CREATE INDEX ${statement.node.idxname} has no IF NOT EXISTS: a rerun after a partial failure stops here with "already exists".`];
      if (statement.node.concurrent && !droppedIndexBefore(ctx, statement.node.idxname)) {
        return [
          `CREATE INDEX CONCURRENTLY IF NOT EXISTS ${statement.node.idxname}: if a build fails it leaves an INVALID index behind, and the rerun then skips it ("already exists") and keeps the invalid index. Run DROP INDEX CONCURRENTLY IF EXISTS ${statement.node.idxname} first.`
        ];
      }
      return [];
    }
    case "CreateSchemaStmt":
      return statement.node.if_not_exists ? [] : [`CREATE SCHEMA ${statement.node.schemaname} has no IF NOT EXISTS: a rerun after a partial failure stops here.`];
    case "CreateSeqStmt":
      return statement.node.if_not_exists ? [] : [`CREATE SEQUENCE ${relationName(statement.node.sequence)} has no IF NOT EXISTS: a rerun after a partial failure stops here.`];
    case "CreateExtensionStmt":
      return statement.node.if_not_exists ? [] : [`CREATE EXTENSION ${statement.node.extname} has no IF NOT EXISTS: a rerun after a partial failure stops here.`];
    case "ViewStmt":
      return statement.node.replace ? [] : [`CREATE VIEW ${relationName(statement.node.view)} has no OR REPLACE: a rerun after a partial failure stops here.`];
    case "CreateFunctionStmt":
      return statement.node.replace ? [] : [`CREATE ${statement.node.is_procedure ? "PROCEDURE" : "FUNCTION"} ${nameOf(statement.node.funcname)} has no OR REPLACE: a rerun after a partial failure stops here.`];
    case "CreateTrigStmt":
      if (statement.node.replace || ctx.pgVersion < 14 || statement.node.isconstraint) return [];
      return [`CREATE TRIGGER ${statement.node.trigname} has no OR REPLACE: a rerun after a partial failure stops here.`];
    case "DropStmt": {
      const kind = DROP_KINDS[statement.node.removeType ?? ""];
      if (!kind || statement.node.missing_ok) return [];
      return [`DROP ${kind} ${droppedNames(statement.node).join(", ") || ""} has no IF EXISTS: a rerun after a partial failure stops here with "does not exist".`.replace(/ +has/, " has")];
    }
    case "DropdbStmt":
      return statement.node.missing_ok ? [] : [`DROP DATABASE ${statement.node.dbname} has no IF EXISTS: a rerun stops here.`];
    case "AlterTableStmt": {
      const table = relationName(statement.node.relation);
      const out = [];
      for (const cmd of alterCommands(statement.node)) {
        if (cmd.subtype === "AT_AddColumn" && !cmd.missing_ok) {
          out.push(`ADD COLUMN ${as(cmd.def, "ColumnDef")?.colname} on ${table} has no IF NOT EXISTS: a rerun after a partial failure stops here with "already exists".`);
        } else if (cmd.subtype === "AT_DropColumn" && !cmd.missing_ok) {
          out.push(`DROP COLUMN ${cmd.name} on ${table} has no IF EXISTS: a rerun after a partial failure stops here with "does not exist".`);
        } else if (cmd.subtype === "AT_DropConstraint" && !cmd.missing_ok) {
          out.push(`DROP CONSTRAINT ${cmd.name} on ${table} has no IF EXISTS: a rerun after a partial failure stops here with "does not exist".`);
        } else if (cmd.subtype === "AT_AddConstraint") {
          const name = as(cmd.def, "Constraint")?.conname;
          if (!name) out.push(`An unnamed constraint is added to ${table}: a rerun after a partial failure adds it twice or fails. Name it, and drop it IF EXISTS first.`);
          else if (!droppedConstraintBefore(ctx, table, name)) {
            out.push(`ADD CONSTRAINT ${name} on ${table} cannot say IF NOT EXISTS: a rerun after a partial failure stops here. Run ALTER TABLE ${table} DROP CONSTRAINT IF EXISTS ${name} first.`);
          }
        }
      }
      return out;
    }
    default:
      return [];
  }
}
var prefer_robust_statements_default = defineRule({
  meta: {
    id: "prefer-robust-statements",
    severity: "info",
    summary: "DDL outside a transaction that cannot be rerun after a partial failure",
    why: 'A migration that runs outside a transaction (the framework does not wrap it, or it must not be wrapped because of CREATE INDEX CONCURRENTLY) can fail half way, leaving the first statements applied. The fix is then to rerun it, which stops at the first statement that already ran ("relation already exists", "column does not exist") unless every statement is guarded. Inside a transaction a failure rolls everything back, so those statements are not flagged; a file of a single statement is atomic and not flagged either. This follows squawk\'s prefer-robust-stmts (same transaction logic; its statements plus schemas, sequences, extensions, views, functions and, on PG 14+, triggers), and adds what Postgres really does with concurrent indexes: a failed CREATE INDEX CONCURRENTLY is not atomic, it leaves an INVALID index behind, and `CREATE INDEX CONCURRENTLY IF NOT EXISTS` then skips the rerun and silently keeps the unusable index, so the robust form is DROP INDEX CONCURRENTLY IF EXISTS followed by the CREATE. An unnamed index is flagged too: a rerun builds a duplicate.',
    fix: "Wrap the migration in a transaction if it can run in one; otherwise guard each statement:\n\n```sql\nCREATE TABLE IF NOT EXISTS invoices (id bigint PRIMARY KEY);\nALTER TABLE users ADD COLUMN IF NOT EXISTS plan text;\nALTER TABLE users DROP COLUMN IF EXISTS legacy_plan;\nALTER TABLE users DROP CONSTRAINT IF EXISTS users_plan_check;\nALTER TABLE users ADD CONSTRAINT users_plan_check CHECK (plan <> '') NOT VALID;\n-- a failed concurrent build leaves an INVALID index: drop it before retrying\nDROP INDEX CONCURRENTLY IF EXISTS users_plan_idx;\nCREATE INDEX CONCURRENTLY IF NOT EXISTS users_plan_idx ON users (plan);\n```",
    examples: {
      bad: [
        "CREATE TABLE invoices (id bigint); CREATE INDEX CONCURRENTLY IF NOT EXISTS invoices_id ON invoices (id);",
        "ALTER TABLE users ADD COLUMN plan text; CREATE INDEX CONCURRENTLY IF NOT EXISTS users_plan ON users (plan);",
        "CREATE INDEX CONCURRENTLY users_email ON users (email);",
        "CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email ON users (email);",
        "DROP INDEX CONCURRENTLY users_email_old; CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email ON users (email);",
        "ALTER TABLE users ADD CONSTRAINT plan_check CHECK (plan <> ''); SELECT 1;",
        "DROP TABLE IF EXISTS a; DROP TYPE mood;",
        "CREATE INDEX IF NOT EXISTS a_x ON a (x); CREATE INDEX ON a (y);"
      ],
      good: [
        "BEGIN; CREATE TABLE invoices (id bigint); ALTER TABLE invoices ADD COLUMN total numeric; COMMIT;",
        "CREATE TABLE invoices (id bigint);",
        "DROP INDEX CONCURRENTLY IF EXISTS users_email; CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email ON users (email);",
        "ALTER TABLE users ADD COLUMN IF NOT EXISTS plan text; ALTER TABLE users DROP CONSTRAINT IF EXISTS plan_check; ALTER TABLE users ADD CONSTRAINT plan_check CHECK (plan <> '') NOT VALID;",
        "CREATE TEMP TABLE t (x int); DROP TABLE IF EXISTS t; CREATE OR REPLACE VIEW v AS SELECT 1;"
      ]
    },
    squawk: ["prefer-robust-stmts"]
  },
  create: ({ report }) => ({
    "*"(statement, ctx) {
      if (statement.embedded) return;
      const concurrent = (statement.kind === "IndexStmt" || statement.kind === "DropStmt") && !!statement.node.concurrent;
      const createsConcurrently = concurrent && statement.kind === "IndexStmt";
      if (ctx.inTransaction && !concurrent) return;
      const topLevel = topLevelCount(ctx.statements);
      if (topLevel <= 1 && !createsConcurrently) return;
      for (const message of problems(statement, ctx)) report({ message });
    }
  })
});

// rules/prefer-text.ts
var prefer_text_default = defineRule({
  meta: {
    id: "prefer-text",
    severity: "info",
    summary: "Prefer text with a CHECK constraint over varchar(n)",
    why: "In Postgres varchar(n) is text with a length check built into the type: it is not faster or smaller. The limit is the problem: changing it is a column type change, which takes an ACCESS EXCLUSIVE lock, fails outright while any view uses the column (`cannot alter type of a column used by a view or rule`, so views must be dropped and recreated in the same migration), and when shrinking rescans or rewrites the table. A CHECK constraint on a text column expresses the same limit and can be replaced online: add the new one NOT VALID, VALIDATE it (no blocking lock), drop the old one. varchar without a length is the same as text and is not flagged.",
    fix: "Use text and put the limit in a named CHECK:\n\n```sql\nCREATE TABLE users (\n  email text NOT NULL CONSTRAINT users_email_length CHECK (char_length(email) <= 320)\n);\n\n-- changing the limit later, without blocking:\nALTER TABLE users ADD CONSTRAINT users_email_length_v2 CHECK (char_length(email) <= 512) NOT VALID;\nALTER TABLE users VALIDATE CONSTRAINT users_email_length_v2;\nALTER TABLE users DROP CONSTRAINT users_email_length;\n```",
    examples: {
      bad: ["CREATE TABLE users (email varchar(320) NOT NULL);", "ALTER TABLE users ADD COLUMN nickname character varying(40);", "ALTER TABLE users ALTER COLUMN email TYPE varchar(512);"],
      good: ["CREATE TABLE users (email text NOT NULL CHECK (char_length(email) <= 320));", "ALTER TABLE users ADD COLUMN nickname varchar;", "CREATE TABLE codes (code char(2));"]
    },
    squawk: ["prefer-text-field"]
  },
  create: ({ report }) => ({
    "*"(statement) {
      for (const c of columnTypes(statement)) {
        if (c.builtin !== "varchar" || c.mods.length === 0) continue;
        report({
          message: `Column ${columnLabel(c)} is varchar(${c.mods[0]}): changing that limit later locks the table and fails while a view uses the column. Use text with CHECK (char_length(${c.column}) <= ${c.mods[0]}).`
        });
      }
    }
  })
});

// rules/prefer-timestamptz.ts
var prefer_timestamptz_default = defineRule({
  meta: {
    id: "prefer-timestamptz",
    severity: "info",
    summary: "Prefer timestamptz over timestamp without time zone",
    why: "`timestamp` (without time zone) stores a wall-clock reading, not an instant: an offset in the input is silently dropped (`'2024-01-01 10:00+02'::timestamp` is 10:00, the +02 is lost), values written by servers or clients in different time zones cannot be compared, and local times are ambiguous around DST changes. `timestamptz` stores an instant (as UTC) in the same 8 bytes and converts to the session's time zone on output. Converting later rewrites the table under an ACCESS EXCLUSIVE lock (PG 12+ skips the rewrite only if the session TimeZone is UTC).",
    fix: "Use timestamptz:\n\n```sql\nCREATE TABLE events (\n  occurred_at timestamptz NOT NULL DEFAULT now()\n);\n\n-- an existing column, on PG 12+ without a rewrite when the stored values are UTC:\nSET timezone = 'UTC';\nALTER TABLE events ALTER COLUMN occurred_at TYPE timestamptz;\n```",
    examples: {
      bad: ["CREATE TABLE events (occurred_at timestamp NOT NULL);", "ALTER TABLE events ADD COLUMN seen_at timestamp(3) without time zone;", "CREATE TABLE audit (at timestamp[]);"],
      good: ["CREATE TABLE events (occurred_at timestamptz NOT NULL);", "ALTER TABLE events ADD COLUMN seen_at timestamp with time zone;", "CREATE TABLE events (on_date date, at_time time);"]
    },
    squawk: ["prefer-timestamptz", "prefer-timestamp-tz"]
  },
  create: ({ report }) => ({
    "*"(statement) {
      for (const c of columnTypes(statement)) {
        if (c.builtin !== "timestamp") continue;
        report({
          message: `Column ${columnLabel(c)} is timestamp without time zone: it stores a wall-clock time and silently drops any UTC offset it is given. Use timestamptz.`
        });
      }
    }
  })
});

// rules/refreshing-materialized-view-non-concurrently.ts
var refreshing_materialized_view_non_concurrently_default = defineRule({
  meta: {
    id: "refreshing-materialized-view-non-concurrently",
    severity: "warning",
    work: "rewrite",
    summary: "Refreshing a materialized view without CONCURRENTLY",
    why: "REFRESH MATERIALIZED VIEW re-runs the view's query and replaces its contents while holding ACCESS EXCLUSIVE on the view (checked on PostgreSQL 15 and 18 in pg_locks): every query that reads the view waits for the whole refresh. `WITH NO DATA` empties it, and reads then fail until the next refresh. REFRESH \u2026 CONCURRENTLY takes EXCLUSIVE instead, which lets reads continue. Views created in the same migration are not reported.",
    fix: "Give the view a unique index (required once), then refresh concurrently outside a transaction block:\n\n```sql\nCREATE UNIQUE INDEX CONCURRENTLY order_totals_day ON order_totals (day);\nREFRESH MATERIALIZED VIEW CONCURRENTLY order_totals;\n```",
    examples: {
      bad: ["REFRESH MATERIALIZED VIEW order_totals;", "REFRESH MATERIALIZED VIEW reporting.order_totals WITH NO DATA;"],
      good: ["REFRESH MATERIALIZED VIEW CONCURRENTLY order_totals;", "CREATE MATERIALIZED VIEW order_totals AS SELECT 1 AS day WITH NO DATA;\nREFRESH MATERIALIZED VIEW order_totals;"]
    }
  },
  create: ({ report }) => ({
    RefreshMatViewStmt(n, statement, ctx) {
      if (n.concurrent) return;
      const view = relationName(n.relation);
      if (!view || ctx.isNew(view)) return;
      report({
        message: n.skipData ? `REFRESH MATERIALIZED VIEW ${view} WITH NO DATA empties the view under ACCESS EXCLUSIVE; reads fail until it is refreshed again.` : `REFRESH MATERIALIZED VIEW ${view} without CONCURRENTLY blocks every read of ${view} until the refresh finishes.`
      });
    }
  })
});

// rules/reindexing-non-concurrently.ts
var reindexing_non_concurrently_default = defineRule({
  meta: {
    id: "reindexing-non-concurrently",
    severity: "error",
    work: "index-build",
    summary: "REINDEX without CONCURRENTLY",
    why: "REINDEX rebuilds the index from scratch holding SHARE on the table and ACCESS EXCLUSIVE on the index (checked on PostgreSQL 15 and 18 in pg_locks): every write to the table waits, and so does every query the planner wants to answer with that index, for the whole rebuild. REINDEX \u2026 CONCURRENTLY (PostgreSQL 12+) builds a new copy beside the old one and swaps them, taking only SHARE UPDATE EXCLUSIVE. Objects created earlier in the same migration are not reported.",
    fix: "Rebuild concurrently, outside a transaction block:\n\n```sql\nREINDEX INDEX CONCURRENTLY orders_customer_id_idx;\n-- or every index of a table:\nREINDEX TABLE CONCURRENTLY orders;\n```\nBefore PostgreSQL 12: `CREATE INDEX CONCURRENTLY new_idx \u2026; DROP INDEX CONCURRENTLY old_idx; ALTER INDEX new_idx RENAME TO old_idx;`.",
    examples: {
      bad: ["REINDEX INDEX orders_customer_id_idx;", "REINDEX TABLE orders;", "REINDEX (VERBOSE) TABLE orders;"],
      good: [
        "REINDEX INDEX CONCURRENTLY orders_customer_id_idx;",
        "REINDEX (VERBOSE, CONCURRENTLY) TABLE orders;",
        "CREATE TABLE orders (id int); CREATE INDEX orders_id ON orders (id); REINDEX TABLE orders; REINDEX INDEX orders_id;"
      ]
    },
    squawk: ["require-concurrent-reindex"]
  },
  create: ({ report }) => ({
    ReindexStmt(n, statement, ctx) {
      if (option(n.params, "concurrently")) return;
      const target = relationName(n.relation) ?? n.name;
      if (target && ctx.isNew(target)) return;
      const what = String(n.kind ?? "").replace("REINDEX_OBJECT_", "").toLowerCase();
      report({
        message: `REINDEX ${what}${target ? ` ${target}` : ""} without CONCURRENTLY blocks writes to the table and reads that use the index until the rebuild finishes${ctx.pgVersion < 12 ? ` (REINDEX CONCURRENTLY needs PostgreSQL 12, target: ${ctx.pgVersion}: build a new index CONCURRENTLY and swap)` : ""}.`
      });
    }
  })
});

// rules/rejecting-existing-rows.ts
var rejecting_existing_rows_default = defineDiagnostic({
  id: "rejecting-existing-rows",
  severity: "warning",
  stage: "verify",
  summary: "The up fails on the values in the existing rows (constraint, NOT NULL, cast)",
  why: "verify fills every existing table with synthetic rows before the up. This up failed because of what those rows hold: a foreign key, CHECK or unique index added (or validated) over them, SET NOT NULL on a column they leave NULL, or a cast/parse of their text (`invalid input syntax`). Synthetic values are not your data, so this is not proof that the deploy fails; it is proof that the step checks or converts every existing row (usually while the table is locked), and that any real row like these fails the migration. Failures that do not depend on the values (a NOT NULL column added without a default) are failing-with-existing-rows instead.",
  fix: "Find the violating rows before deploying and fix them, or add the constraint without checking old rows and validate it separately (which also avoids the long lock):\n\n```sql\nALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n-- fix or delete orphans, then:\nALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;\n```",
  examples: { bad: [], good: [] }
});

// rules/renaming-column.ts
var renaming_column_default = defineRule({
  meta: {
    id: "renaming-column",
    severity: "error",
    summary: "Renaming a column that running code uses",
    why: 'The rename is instant, which is the problem: the moment it commits, every running application instance that still uses the old name fails (`column "old" does not exist`), and there is no deploy order that avoids it: old code breaks if the migration runs first, new code breaks if it is deployed first. Views, indexes and constraints follow the rename automatically (they reference the column by number), but function bodies, application SQL, ORMs, reports and downstream consumers do not. A column created in the same migration is not flagged.',
    fix: "Expand/contract: add the new column, keep both in sync while old and new code run side by side, backfill, switch readers, then drop the old column in a later release:\n\n```sql\n-- migration 1 (expand)\nALTER TABLE users ADD COLUMN full_name text;\nCREATE FUNCTION users_sync_full_name() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  IF TG_OP = 'INSERT' OR NEW.name IS DISTINCT FROM OLD.name THEN NEW.full_name := NEW.name;\n  ELSE NEW.name := NEW.full_name; END IF;\n  RETURN NEW;\nEND $$;\nCREATE TRIGGER users_sync_full_name BEFORE INSERT OR UPDATE ON users\n  FOR EACH ROW EXECUTE FUNCTION users_sync_full_name();\n-- backfill in batches:\nUPDATE users SET full_name = name WHERE id BETWEEN 1 AND 10000 AND full_name IS NULL;\n\n-- release: application reads and writes full_name\n\n-- migration 2 (contract), once no code uses name:\nDROP TRIGGER users_sync_full_name ON users;\nDROP FUNCTION users_sync_full_name();\nALTER TABLE users DROP COLUMN name;\n```",
    examples: {
      bad: ["ALTER TABLE users RENAME COLUMN name TO full_name;", "ALTER TABLE app.users RENAME name TO full_name;"],
      good: [
        "ALTER TABLE users ADD COLUMN full_name text;",
        "CREATE TABLE people (id bigint, nm text); ALTER TABLE people RENAME COLUMN nm TO name;",
        "ALTER TABLE users ADD COLUMN nick text; ALTER TABLE users RENAME COLUMN nick TO nickname;",
        "ALTER TABLE users RENAME TO users_old; ALTER INDEX users_pkey RENAME TO users_old_pkey;"
      ]
    },
    squawk: ["renaming-column"],
    messages: {
      renamed: 'Column {{table}}.{{from}} is renamed to "{{to}}": every running instance of the application that still uses "{{from}}" fails as soon as this commits. Add "{{to}}" alongside it and keep both in sync instead.'
    }
  },
  create: ({ report }) => ({
    RenameStmt(node, _statement, ctx) {
      if (node.renameType !== "OBJECT_COLUMN") return;
      const table = relationName(node.relation);
      if (isNewColumn(ctx, table, node.subname)) return;
      report({ messageId: "renamed", data: { table: table ?? "", from: node.subname ?? "", to: node.newname ?? "" } });
    }
  })
});

// rules/renaming-enum-value.ts
var renaming_enum_value_default = defineRule({
  meta: {
    id: "renaming-enum-value",
    severity: "error",
    summary: "Renaming an enum value that running code writes or compares",
    why: "Postgres stores enum values by internal id, so existing rows show the new label immediately; but every query, ORM mapping or function body that spells the old label breaks at once: writes fail with `invalid input value for enum mood: \"old\"` and comparisons like `WHERE status = 'old'` raise the same error. There is no deploy order in which old and new application code both work. Values added, and types created, earlier in the same migration are not flagged.",
    fix: "Expand/contract: add the new label, teach the application to accept both, move the rows over in batches, and stop writing the old label. Postgres cannot drop an enum value, so the old label stays (unused) unless you later rebuild the type:\n\n```sql\n-- migration 1 (ADD VALUE must commit before the new label can be used)\nALTER TYPE order_status ADD VALUE IF NOT EXISTS 'cancelled' AFTER 'canceled';\n\n-- release: application accepts both labels, writes 'cancelled'\n\n-- migration 2, in batches:\nUPDATE orders SET status = 'cancelled' WHERE status = 'canceled' AND id BETWEEN 1 AND 10000;\n```",
    examples: {
      bad: ["ALTER TYPE order_status RENAME VALUE 'canceled' TO 'cancelled';", "ALTER TYPE app.mood RENAME VALUE 'ok' TO 'fine';"],
      good: [
        "ALTER TYPE order_status ADD VALUE 'cancelled';",
        "CREATE TYPE mood AS ENUM ('ok', 'sad'); ALTER TYPE mood RENAME VALUE 'ok' TO 'fine';",
        "ALTER TYPE order_status ADD VALUE 'shiped'; ALTER TYPE order_status RENAME VALUE 'shiped' TO 'shipped';",
        "ALTER TYPE order_status RENAME TO order_state;"
      ]
    }
  },
  create: ({ report }) => ({
    AlterEnumStmt(n, _statement, ctx) {
      if (n.oldVal == null) return;
      const type = nameOf(n.typeName);
      if (isNewEnumValue(ctx, type, n.oldVal)) return;
      report({
        message: `Enum ${type} value '${n.oldVal}' is renamed to '${n.newVal}': code that writes or compares '${n.oldVal}' fails with "invalid input value for enum" as soon as this commits.`
      });
    }
  })
});

// rules/renaming-object.ts
var KINDS3 = {
  OBJECT_VIEW: "view",
  OBJECT_MATVIEW: "materialized view",
  OBJECT_FUNCTION: "function",
  OBJECT_PROCEDURE: "procedure",
  OBJECT_TYPE: "type",
  OBJECT_DOMAIN: "domain",
  OBJECT_SEQUENCE: "sequence",
  OBJECT_SCHEMA: "schema",
  OBJECT_TABLE: "table",
  OBJECT_FOREIGN_TABLE: "foreign table"
};
function objectName(relation, object, subname) {
  if (relation) return relationName(relation) ?? "";
  const withArgs = as(object, "ObjectWithArgs");
  if (withArgs) return nameOf(withArgs.objname);
  const list = as(object, "List");
  if (list) return nameOf(list.items);
  return (as(object, "String")?.sval ?? subname) || "";
}
var renaming_object_default = defineRule({
  meta: {
    id: "renaming-object",
    severity: "warning",
    work: "lock",
    summary: "Renaming a view, function, type, sequence or schema, or moving an object to another schema",
    why: "Code addresses database objects by name. While the deploy rolls out, and after a rollback, the previous release still uses the old name: the view it selects from, the function it calls, the type it casts to or the schema it qualifies with no longer exists under that name, and every such query fails. `ALTER \u2026 SET SCHEMA` is a rename of the qualified name. Objects created in the same migration are not reported.",
    fix: "Expand/contract: create the new object beside the old one (a view or function can simply exist under both names for a release), switch the code, then drop the old name in a later migration:\n\n```sql\n-- release 1\nCREATE VIEW customer_totals AS SELECT * FROM client_totals;\n-- release 2, once no running code uses client_totals:\n-- migration-guard-ignore dropping-object: replaced by customer_totals in release 1\nDROP VIEW client_totals;\n```",
    examples: {
      bad: ["ALTER VIEW client_totals RENAME TO customer_totals;", "ALTER FUNCTION total(bigint) RENAME TO order_total;", "ALTER TABLE orders SET SCHEMA archive;"],
      good: ["CREATE VIEW v AS SELECT 1;\nALTER VIEW v RENAME TO w;", "CREATE VIEW customer_totals AS SELECT * FROM client_totals;"]
    },
    messages: {
      renamed: "{{Kind}} {{name}} is renamed to {{to}}: the previous release (during the deploy, or after a rollback) still uses {{name}} and fails",
      moved: "{{name}} moves to schema {{to}}: the previous release still uses the old qualified name and fails"
    }
  },
  create: ({ report }) => ({
    RenameStmt(n, _statement, ctx) {
      const kind = KINDS3[n.renameType ?? ""];
      if (!kind || kind === "table" || kind === "foreign table") return;
      const name = objectName(n.relation, n.object, n.subname);
      if (!name || ctx.isNew(name) || (kind === "schema" ? isNewSchema(ctx, name) : isNewObject(ctx, kind === "function" || kind === "procedure" ? "function" : "type", name))) return;
      report({ messageId: "renamed", data: { Kind: kind[0].toUpperCase() + kind.slice(1), name, to: n.newname ?? "?" } });
    },
    AlterObjectSchemaStmt(n, _statement, ctx) {
      const name = objectName(n.relation, n.object);
      if (!name || ctx.isNew(name)) return;
      report({ messageId: "moved", data: { name, to: n.newschema ?? "?" } });
    }
  })
});

// rules/renaming-table.ts
var KINDS4 = { OBJECT_TABLE: "Table", OBJECT_VIEW: "View", OBJECT_MATVIEW: "Materialized view", OBJECT_FOREIGN_TABLE: "Foreign table" };
var renaming_table_default = defineRule({
  meta: {
    id: "renaming-table",
    severity: "error",
    summary: "Renaming a table that running code uses",
    why: 'The rename is instant once it has its ACCESS EXCLUSIVE lock, and from that moment every running application instance that still uses the old name fails (`relation "old" does not exist`); no deploy order avoids it. Views, foreign keys and triggers follow the rename (they point at the table, not its name), but application SQL, ORMs, functions with SQL in their bodies and downstream consumers do not. A table created in the same migration is not flagged.',
    fix: "Rename and leave a view with the old name behind, in the same transaction; a simple `SELECT *` view is automatically updatable, so old code keeps reading and writing through it. Drop the view once no code uses the old name:\n\n```sql\nBEGIN;\nALTER TABLE customers RENAME TO accounts;\nCREATE VIEW customers AS SELECT * FROM accounts;\nCOMMIT;\n\n-- a later release, when nothing uses customers any more:\nDROP VIEW customers;\n```",
    examples: {
      bad: ["ALTER TABLE customers RENAME TO accounts;", "ALTER TABLE IF EXISTS billing.customers RENAME TO accounts;", "ALTER VIEW active_customers RENAME TO active_accounts;"],
      good: [
        "CREATE TABLE staging (id bigint); ALTER TABLE staging RENAME TO accounts;",
        "ALTER TABLE customers RENAME COLUMN name TO full_name;",
        "ALTER INDEX customers_pkey RENAME TO customers_pk;"
      ]
    },
    squawk: ["renaming-table"]
  },
  create: ({ report }) => ({
    RenameStmt(n, _statement, ctx) {
      const kind = KINDS4[n.renameType ?? ""];
      if (!kind) return;
      const table = relationName(n.relation);
      if (!table || isNewTable(ctx, table)) return;
      report({
        message: `${kind} ${table} is renamed to "${n.newname}": every running instance of the application that still uses "${n.relation?.relname}" fails as soon as this commits. Leave a view named ${n.relation?.relname} behind until no code uses the old name.`
      });
    }
  })
});

// rules/requiring-newer-postgres.ts
var factsCache = /* @__PURE__ */ new WeakMap();
function facts(statement) {
  const cached = factsCache.get(statement);
  if (cached) return cached;
  const out = { kinds: /* @__PURE__ */ new Set([statement.kind]), constraints: [], calls: /* @__PURE__ */ new Set() };
  walk(statement.node, (kind, body) => {
    out.kinds.add(kind);
    if (kind === "Constraint") out.constraints.push(body);
    else if (kind === "FuncCall") {
      const name = str(body.funcname?.at(-1));
      if (name) out.calls.add(name.toLowerCase());
    }
  });
  for (const c of alterCommandsOf(statement)) {
    const con = as(c.def, "Constraint");
    if (con) out.constraints.push(con);
  }
  factsCache.set(statement, out);
  return out;
}
var constraints = (statement) => facts(statement).constraints;
var calls = (statement) => facts(statement).calls;
var has = (statement, kind) => facts(statement).kinds.has(kind);
var FEATURES = [
  { since: 18, what: "VIRTUAL generated columns", uses: (s) => constraints(s).some((c) => c.contype === "CONSTR_GENERATED" && c.generated_kind === "v") },
  { since: 18, what: "uuidv7() / uuidv4()", uses: (s) => ["uuidv7", "uuidv4"].some((f) => calls(s).has(f)) },
  { since: 18, what: "WITHOUT OVERLAPS temporal keys", uses: (s) => constraints(s).some((c) => c.without_overlaps) },
  { since: 18, what: "NOT NULL constraints added NOT VALID", uses: (s) => constraints(s).some((c) => c.contype === "CONSTR_NOTNULL" && c.skip_validation) },
  { since: 17, what: "JSON_TABLE", uses: (s) => has(s, "JsonTable") },
  { since: 17, what: "JSON_QUERY / JSON_VALUE / JSON_EXISTS", uses: (s) => has(s, "JsonFuncExpr") },
  { since: 17, what: "MERGE \u2026 RETURNING", uses: (s) => s.kind === "MergeStmt" && !!s.node.returningClause },
  { since: 16, what: "any_value()", uses: (s) => calls(s).has("any_value") },
  { since: 15, what: "MERGE", uses: (s) => s.kind === "MergeStmt" },
  { since: 15, what: "UNIQUE NULLS NOT DISTINCT", uses: (s) => s.kind === "IndexStmt" && !!s.node.nulls_not_distinct || constraints(s).some((c) => c.nulls_not_distinct) },
  { since: 15, what: "views WITH (security_invoker)", uses: (s) => s.kind === "ViewStmt" && (s.node.options ?? []).some((o) => as(o, "DefElem")?.defname === "security_invoker") },
  { since: 14, what: "CREATE OR REPLACE TRIGGER", uses: (s) => s.kind === "CreateTrigStmt" && !!s.node.replace },
  { since: 14, what: "DETACH PARTITION \u2026 CONCURRENTLY", uses: (s) => alterCommandsOf(s).some((c) => c.subtype === "AT_DetachPartition" && as(c.def, "PartitionCmd")?.concurrent) },
  { since: 12, what: "generated columns (STORED)", uses: (s) => constraints(s).some((c) => c.contype === "CONSTR_GENERATED" && c.generated_kind !== "v") },
  { since: 12, what: "REINDEX CONCURRENTLY", uses: (s) => s.kind === "ReindexStmt" && (s.node.params ?? []).some((p) => as(p, "DefElem")?.defname === "concurrently") },
  {
    since: 11,
    what: "covering indexes (INCLUDE)",
    uses: (s) => s.kind === "IndexStmt" && (s.node.indexIncludingParams ?? []).length > 0 || constraints(s).some((c) => (c.including ?? []).length > 0)
  },
  { since: 11, what: "procedures (CREATE PROCEDURE, CALL)", uses: (s) => s.kind === "CreateFunctionStmt" && !!s.node.is_procedure || s.kind === "CallStmt" }
];
var requiring_newer_postgres_default = defineRule({
  meta: {
    id: "requiring-newer-postgres",
    severity: "error",
    summary: "Syntax or a function newer than the target PostgreSQL version",
    why: "migration-guard parses with PostgreSQL 18's grammar and verify's embedded database is PostgreSQL 18, so a migration using a newer feature parses and applies in CI, then fails on the production server of the target version (`pgVersion` / `--pg-version`). Examples: VIRTUAL generated columns and uuidv7() need 18, JSON_TABLE 17, MERGE and UNIQUE NULLS NOT DISTINCT 15, CREATE OR REPLACE TRIGGER 14, generated columns 12, covering indexes (INCLUDE) 11. The table of features is in the rule's source.",
    fix: "Write it the way the target version supports, or raise `pgVersion` once production runs the newer major:\n\n```sql\n-- VIRTUAL needs 18; on 12\u201317 store the value:\nALTER TABLE orders ADD COLUMN total_cents bigint GENERATED ALWAYS AS (quantity * unit_cents) STORED;\n-- uuidv7() needs 18; gen_random_uuid() (v4) is core since 13:\nALTER TABLE events ALTER COLUMN id SET DEFAULT gen_random_uuid();\n```\nSTORED generated columns rewrite the table when added to an existing one: add them to new tables, or backfill a plain column instead.",
    examples: {
      bad: [
        "ALTER TABLE orders ADD COLUMN total bigint GENERATED ALWAYS AS (qty * price) VIRTUAL;",
        "ALTER TABLE events ALTER COLUMN id SET DEFAULT uuidv7();",
        "SELECT * FROM JSON_TABLE('[1]'::jsonb, '$[*]' COLUMNS (v int PATH '$')) AS jt;",
        "MERGE INTO stock s USING incoming i ON s.sku = i.sku WHEN MATCHED THEN UPDATE SET qty = s.qty + i.qty;",
        "CREATE UNIQUE INDEX users_email_key ON users (email) NULLS NOT DISTINCT;"
      ],
      good: [
        "CREATE OR REPLACE TRIGGER t_audit AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION audit();",
        "CREATE TABLE totals (qty int, price int, total int GENERATED ALWAYS AS (qty * price) STORED);",
        "CREATE INDEX CONCURRENTLY orders_user_idx ON orders (user_id) INCLUDE (total);",
        "ALTER TABLE events ALTER COLUMN id SET DEFAULT gen_random_uuid();"
      ]
    },
    exampleContext: { pgVersion: 14 }
  },
  create: ({ report }) => ({
    "*"(statement, ctx) {
      for (const f of FEATURES) {
        if (ctx.pgVersion >= f.since || !f.uses(statement)) continue;
        report({
          message: `Uses ${f.what}, new in PostgreSQL ${f.since}; the target is PostgreSQL ${ctx.pgVersion} (pgVersion), where this statement fails. A newer verify server (PGlite is 18) accepts it, so verify alone does not catch it.`
        });
      }
    }
  })
});

// rules/rewriting-table.ts
var rewriting_table_default = defineDiagnostic({
  id: "rewriting-table",
  severity: "warning",
  work: "rewrite",
  stage: "verify",
  summary: "A statement rewrites an existing table",
  why: "verify records each table's file (relfilenode) before and after every statement of the up. A changed file means Postgres copied every row into a new file, holding ACCESS EXCLUSIVE on the table for the whole copy: on a large table reads and writes stop for minutes. This is observed, not guessed, so it also catches rewrites hidden in DO blocks or functions. Typical causes: a column type change that is not binary-compatible (int \u2192 bigint), a volatile default, SET LOGGED/UNLOGGED, VACUUM FULL, CLUSTER.",
  fix: "Avoid the rewrite: for a type change, add a new column, backfill in batches, switch over, then drop the old one; for defaults, use a constant default (instant on PG 11+).\n\n```sql\nALTER TABLE payments ADD COLUMN amount_big bigint;\n-- backfill in batches, keep in sync with a trigger, then swap the columns\n```",
  examples: { bad: [], good: [] }
});

// rules/running-cluster.ts
var running_cluster_default = defineRule({
  meta: {
    id: "running-cluster",
    severity: "error",
    work: "rewrite",
    summary: "Running CLUSTER in a migration",
    why: "CLUSTER rewrites the whole table and all its indexes in index order while holding ACCESS EXCLUSIVE (checked on PostgreSQL 15 and 18: new relfilenodes for the table and its indexes, ACCESS EXCLUSIVE in pg_locks): no reads or writes until it finishes. Without a table name it re-clusters every previously clustered table. The order is not maintained for new rows, so it would have to be repeated anyway.",
    fix: "Leave physical reordering to an operator, outside the deploy, with an online tool:\n\n```sql\n-- shell: pg_repack --table=orders --order-by=created_at mydb\n-- or, in a maintenance window with a bounded wait:\nSET lock_timeout = '5s';\nCLUSTER orders USING orders_created_at_idx;\nRESET lock_timeout;\n```",
    examples: {
      bad: ["CLUSTER orders USING orders_created_at_idx;", "CLUSTER orders;", "CLUSTER;"],
      good: ["CREATE TABLE orders (id int); CREATE INDEX orders_id ON orders (id); CLUSTER orders USING orders_id;", "ALTER TABLE orders CLUSTER ON orders_created_at_idx;"]
    }
  },
  create: ({ report }) => ({
    ClusterStmt(n, statement, ctx) {
      const table = relationName(n.relation);
      if (table && ctx.isNew(table)) return;
      report({
        message: table ? `CLUSTER rewrites ${table} and its indexes under ACCESS EXCLUSIVE: no reads or writes until it finishes.` : "CLUSTER without a table rewrites every previously clustered table under ACCESS EXCLUSIVE."
      });
    }
  })
});

// rules/running-vacuum-full.ts
var running_vacuum_full_default = defineRule({
  meta: {
    id: "running-vacuum-full",
    severity: "error",
    work: "rewrite",
    summary: "Running VACUUM FULL in a migration",
    why: "VACUUM FULL writes a complete new copy of each table and its indexes while holding ACCESS EXCLUSIVE: the table can be neither read nor written until it finishes, and it needs free disk space for the copy. Without a table list it does this to every table in the database. It cannot run inside a transaction block either, so it breaks transactional migrations.",
    fix: "Do not reclaim space in a migration. Plain VACUUM (no FULL) runs alongside reads and writes; to shrink a bloated table online, use an extension such as pg_repack or pg_squeeze, run by an operator outside the deploy:\n\n```sql\nVACUUM (ANALYZE) orders;   -- online, does not return space to the OS\n-- shell: pg_repack --table=orders mydb\n```",
    examples: {
      bad: ["VACUUM FULL orders;", "VACUUM (FULL, ANALYZE);", "VACUUM (FULL true, VERBOSE) orders, customers;"],
      good: ["VACUUM orders;", "VACUUM (ANALYZE) orders;", "VACUUM (FULL false) orders;", "CREATE TABLE scratch (id int); VACUUM FULL scratch;"]
    }
  },
  create: ({ report }) => ({
    VacuumStmt(n, statement, ctx) {
      if (n.is_vacuumcmd === false) return;
      const full = option(n.options, "full");
      if (!full) return;
      const value = full === true ? "true" : String(as(full, "String")?.sval ?? as(full, "Boolean")?.boolval ?? as(full, "Integer")?.ival ?? "true").toLowerCase();
      if (["false", "off", "0", "no"].includes(value)) return;
      const tables = (n.rels ?? []).map((r) => relationName(as(r, "VacuumRelation")?.relation)).filter(Boolean);
      if (tables.length > 0 && tables.every((t) => ctx.isNew(t))) return;
      report({
        message: tables.length ? `VACUUM FULL rewrites ${tables.filter((t) => !ctx.isNew(t)).join(", ")} under ACCESS EXCLUSIVE: no reads or writes until it finishes.` : "VACUUM FULL without a table list rewrites every table in the database under ACCESS EXCLUSIVE, one after another."
      });
    }
  })
});

// src/lint/not-null.ts
function notNullColumnOf(con) {
  if (con?.contype === "CONSTR_NOTNULL") return str(con.keys?.[0])?.toLowerCase();
  if (con?.contype !== "CONSTR_CHECK") return void 0;
  const test = as(con.raw_expr, "NullTest");
  if (test?.nulltesttype !== "IS_NOT_NULL") return void 0;
  const fields = as(test.arg, "ColumnRef")?.fields ?? [];
  return str(fields[fields.length - 1])?.toLowerCase();
}
function notNullProvenBefore(ctx, table, column) {
  const tbl = bareName(table);
  const col = column.toLowerCase();
  if (ctx.notNullChecks.has(`${tbl}.${col}`)) return true;
  const pending = /* @__PURE__ */ new Set();
  for (const st of ctx.statements.slice(0, ctx.index)) {
    if (st.embedded?.in === "function") continue;
    if (st.kind !== "AlterTableStmt" || bareName(st.node.relation?.relname) !== tbl) continue;
    for (const cmd of alterCommands(st.node)) {
      const con = as(cmd.def, "Constraint");
      if (cmd.subtype === "AT_AddConstraint" && con?.conname && notNullColumnOf(con) === col) pending.add(con.conname.toLowerCase());
      if (cmd.subtype === "AT_ValidateConstraint" && pending.has(String(cmd.name).toLowerCase())) return true;
    }
  }
  return false;
}
function helperCheckDroppedAfter(ctx, table, column) {
  const tbl = bareName(table);
  const col = column.toLowerCase();
  for (const st of ctx.statements.slice(ctx.index + 1)) {
    if (st.embedded?.in === "function") continue;
    if (st.kind !== "AlterTableStmt" || bareName(st.node.relation?.relname) !== tbl) continue;
    for (const cmd of alterCommands(st.node)) {
      const name = String(cmd.name ?? "").toLowerCase();
      if (cmd.subtype === "AT_DropConstraint" && name.includes(col) && !/(fkey|pkey|key|idx|index|uniq|unique|excl|fk|pk)$/.test(name)) return true;
    }
  }
  return false;
}

// rules/setting-not-null.ts
var setting_not_null_default = defineRule({
  meta: {
    id: "setting-not-null",
    severity: "error",
    work: "scan",
    summary: "Setting NOT NULL on an existing column scans the table under ACCESS EXCLUSIVE",
    why: "ALTER COLUMN \u2026 SET NOT NULL (and PostgreSQL 18's `ADD CONSTRAINT \u2026 NOT NULL col` without NOT VALID) reads every row to prove there is no NULL, holding ACCESS EXCLUSIVE the whole time: all reads and writes of the table wait. Since PostgreSQL 12 the scan is skipped when a validated `CHECK (col IS NOT NULL)` already proves it (checked on PostgreSQL 15: 0.2 ms with the check versus a full scan without). Not reported when this file adds and validates such a check first, or drops that helper check right after (the check was validated by an earlier migration).",
    fix: "Prove it with a CHECK constraint added NOT VALID (instant) and validated separately (SHARE UPDATE EXCLUSIVE: reads and writes go on), then SET NOT NULL skips the scan (PostgreSQL 12+):\n\n```sql\nALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;\n-- next migration (or after COMMIT):\nALTER TABLE users VALIDATE CONSTRAINT users_email_not_null;\n-- then:\nALTER TABLE users ALTER COLUMN email SET NOT NULL;   -- no scan\nALTER TABLE users DROP CONSTRAINT users_email_not_null;\n```\nOn PostgreSQL 18: `ALTER TABLE users ADD CONSTRAINT users_email_nn NOT NULL email NOT VALID;` then `ALTER TABLE users VALIDATE CONSTRAINT users_email_nn;`.",
    examples: {
      bad: [
        "ALTER TABLE users ALTER COLUMN email SET NOT NULL;",
        "ALTER TABLE users ADD CONSTRAINT users_email_nn NOT NULL email;",
        "ALTER TABLE users ADD CONSTRAINT users_email_check CHECK (email IS NOT NULL) NOT VALID;\nALTER TABLE users ALTER COLUMN email SET NOT NULL;",
        "ALTER TABLE orders ALTER COLUMN user_id SET NOT NULL;\nALTER TABLE orders DROP CONSTRAINT orders_user_id_fkey;"
      ],
      good: [
        "ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;\nALTER TABLE users VALIDATE CONSTRAINT users_email_not_null;\nALTER TABLE users ALTER COLUMN email SET NOT NULL;",
        "ALTER TABLE users ALTER COLUMN email SET NOT NULL;\nALTER TABLE users DROP CONSTRAINT users_email_not_null;",
        "ALTER TABLE versions ALTER COLUMN tar_sha256 SET NOT NULL;\nALTER TABLE versions DROP CONSTRAINT IF EXISTS versions_tar_sha256_present;",
        "ALTER TABLE users ADD CONSTRAINT users_email_nn NOT NULL email NOT VALID;",
        "CREATE TABLE users (email text); ALTER TABLE users ALTER COLUMN email SET NOT NULL;",
        "ALTER TABLE users ALTER COLUMN email DROP NOT NULL;"
      ]
    },
    squawk: ["adding-not-nullable-field"]
  },
  create: ({ report }) => ({
    AlterTableStmt(n, statement, ctx) {
      if (n.objtype !== "OBJECT_TABLE" || ctx.isNew(n.relation?.relname)) return;
      const table = relationName(n.relation) ?? "";
      const cols = [];
      for (const cmd of alterCommands(n)) {
        const con = as(cmd.def, "Constraint");
        const column = cmd.subtype === "AT_SetNotNull" ? String(cmd.name ?? "") : cmd.subtype === "AT_AddConstraint" && con?.contype === "CONSTR_NOTNULL" && !con.skip_validation ? notNullColumnOf(con) : void 0;
        if (!column) continue;
        if (ctx.pgVersion >= 12 && (notNullProvenBefore(ctx, table, column) || helperCheckDroppedAfter(ctx, table, column))) continue;
        cols.push(column);
      }
      if (cols.length === 0) return;
      report({
        message: `Making ${cols.map((c) => `${table}.${c}`).join(", ")} NOT NULL scans all of ${table} under ACCESS EXCLUSIVE (no reads or writes meanwhile)${ctx.pgVersion >= 12 ? `; validate a CHECK (${cols[0]} IS NOT NULL) first to skip the scan` : ""}.`
      });
    }
  })
});

// rules/setting-table-logged.ts
var setting_table_logged_default = defineRule({
  meta: {
    id: "setting-table-logged",
    severity: "error",
    work: "rewrite",
    summary: "Switching a table between LOGGED and UNLOGGED",
    why: "ALTER TABLE \u2026 SET LOGGED and SET UNLOGGED write a complete new copy of the table and its indexes while holding ACCESS EXCLUSIVE (checked on PostgreSQL 15 and 18: new relfilenode): no reads or writes until it finishes. SET LOGGED also writes the whole table to the WAL, which can swamp replicas. Tables created in the same migration are not reported.",
    fix: "Decide persistence when the table is created, or copy into a new table of the desired kind and swap names in a short transaction:\n\n```sql\nCREATE TABLE events_logged (LIKE events INCLUDING ALL);\n-- copy in batches, then:\nBEGIN;\nALTER TABLE events RENAME TO events_unlogged_old;\nALTER TABLE events_logged RENAME TO events;\nCOMMIT;\n```",
    examples: {
      bad: ["ALTER TABLE events SET LOGGED;", "ALTER TABLE events SET UNLOGGED;"],
      good: ["CREATE UNLOGGED TABLE staging (id int); ALTER TABLE staging SET LOGGED;", "ALTER TABLE events SET (fillfactor = 90);"]
    }
  },
  create: ({ report }) => ({
    AlterTableStmt(n, statement, ctx) {
      if (ctx.isNew(n.relation?.relname)) return;
      for (const cmd of alterCommands(n)) {
        if (cmd.subtype !== "AT_SetLogged" && cmd.subtype !== "AT_SetUnLogged") continue;
        const table = relationName(n.relation);
        report({
          message: `SET ${cmd.subtype === "AT_SetLogged" ? "LOGGED" : "UNLOGGED"} rewrites ${table} and its indexes under ACCESS EXCLUSIVE: no reads or writes until it finishes.`
        });
      }
    }
  })
});

// rules/skipped-statement.ts
var skipped_statement_default = defineDiagnostic({
  id: "skipped-statement",
  severity: "info",
  stage: "engine",
  summary: "Part of the file is not plain SQL and was skipped or substituted",
  why: "Some migration files are scripts for psql (`\\set`, `\\i other.sql`, `\\connect`, COPY \u2026 FROM stdin data) or templates filled in at deploy time (`${schema}`, `{{ .Namespace }}`, `{{ index .Options \"Namespace\" }}`, psql variables like `:'schema'` after `\\set schema \u2026`). The Postgres parser does not know these, so migration-guard skips meta-command lines, and replaces each placeholder by a neutral identifier of the same length so the statement is still linted with its true positions. A statement that still does not parse after substitution is skipped with this finding instead of a syntax error. The same finding says when a PL/pgSQL body could not be read, so its inner statements were not linted. Nothing here is wrong in itself: it says what was not checked.",
  fix: "Nothing to fix. To have everything checked, keep psql meta-commands out of migration files and use plain SQL; a file included with `\\i` is not followed, so lint it on its own (`migration-guard lint path/to/file.sql`). Turn the finding off for a project that templates every file with `rules: { skipped-statement: off }` in .migration-guard.yml.",
  examples: { bad: [], good: [] }
});

// rules/sqlite-adding-required-column.ts
var sqlite_adding_required_column_default = defineSqliteRule({
  meta: {
    id: "sqlite-adding-required-column",
    severity: "error",
    summary: "SQLite: adding a NOT NULL column without a DEFAULT",
    why: "SQLite checks ADD COLUMN against the rows already in the table: on an empty development database `ALTER TABLE t ADD COLUMN c \u2026 NOT NULL` succeeds, on any table with a row it fails with `Cannot add a NOT NULL column with default value NULL` (checked on SQLite 3.53). The migration works only on empty tables.",
    fix: "Give the column a constant DEFAULT, or add it nullable, backfill it, and rebuild the table with NOT NULL (SQLite cannot add NOT NULL to an existing column):\n\n```sql\nALTER TABLE users ADD COLUMN status TEXT NOT NULL DEFAULT 'active';\n```",
    examples: {
      bad: ["ALTER TABLE users ADD COLUMN status TEXT NOT NULL;", "ALTER TABLE users ADD COLUMN status TEXT NOT NULL DEFAULT NULL;"],
      good: [
        "ALTER TABLE users ADD COLUMN status TEXT NOT NULL DEFAULT 'active';",
        "ALTER TABLE users ADD COLUMN status TEXT;",
        "CREATE TABLE accounts (id INTEGER PRIMARY KEY); ALTER TABLE accounts ADD COLUMN status TEXT NOT NULL;"
      ]
    },
    messages: { required: 'ADD COLUMN {{column}} NOT NULL without a DEFAULT: SQLite refuses it on {{table}} as soon as the table has a row ("Cannot add a NOT NULL column with default value NULL")' }
  },
  create: ({ report }) => ({
    alter_table_stmt(node, statement, ctx) {
      for (const { table, column } of columnsAddedToExisting(node, ctx)) {
        const notNull = columnConstraints2(column).some((c) => c.type === "constraint_not_null");
        const d = defaultOf(column);
        if (notNull && (!d || isNull(d))) report({ messageId: "required", data: { column: column.name.name, table }, range: statement.rangeOf(column) });
      }
    }
  })
});

// rules/sqlite-integrity-failed.ts
var sqlite_integrity_failed_default = defineDiagnostic({
  id: "sqlite-integrity-failed",
  severity: "error",
  stage: "verify",
  dialect: "sqlite",
  summary: "SQLite: the database fails its integrity or foreign-key check after the migration",
  why: "verify runs `PRAGMA integrity_check` and `PRAGMA foreign_key_check` after the up, the down and the second up. A foreign-key violation means the migration left child rows pointing at parents that are gone (a rebuild with foreign keys off that dropped or renumbered rows, or rows copied into a table without their parents); SQLite does not check existing rows when foreign keys are turned back on, so the orphans stay until a later write trips over them. An integrity_check failure means the file's structure is damaged (a `writable_schema` edit, an index that no longer matches its table).",
  fix: "Run `PRAGMA foreign_key_check` inside the migration before COMMIT (after a rebuild with foreign keys off) and fix or delete the rows it lists; copy parents before children. Never edit sqlite_schema by hand; rebuild the table instead.",
  examples: { bad: [], good: [] }
});

// rules/sqlite-non-constant-default.ts
var sqlite_non_constant_default_default = defineSqliteRule({
  meta: {
    id: "sqlite-non-constant-default",
    severity: "error",
    summary: "SQLite: ADD COLUMN with a non-constant DEFAULT",
    why: "SQLite fills an added column of existing rows from its DEFAULT without evaluating anything, so ADD COLUMN accepts only a literal or a signed number. `DEFAULT CURRENT_TIMESTAMP`, `DEFAULT (datetime('now'))` and even `DEFAULT (1+2)` succeed on an empty table and fail on a table with rows with `Cannot add a column with non-constant default` (checked on SQLite 3.53). CREATE TABLE accepts them: the hazard is ADD COLUMN only.",
    fix: "Add the column with a constant (or no) DEFAULT and backfill it; or rebuild the table with the default in its CREATE TABLE:\n\n```sql\nALTER TABLE users ADD COLUMN created_at TEXT;\nUPDATE users SET created_at = CURRENT_TIMESTAMP WHERE created_at IS NULL;\n```",
    examples: {
      bad: [
        "ALTER TABLE users ADD COLUMN created_at TEXT DEFAULT CURRENT_TIMESTAMP;",
        "ALTER TABLE users ADD COLUMN created_at TEXT DEFAULT (datetime('now'));",
        "ALTER TABLE users ADD COLUMN n INTEGER DEFAULT (1 + 2);"
      ],
      good: [
        "ALTER TABLE users ADD COLUMN created_at TEXT DEFAULT '1970-01-01';",
        "ALTER TABLE users ADD COLUMN n INTEGER DEFAULT (-1);",
        "CREATE TABLE events (id INTEGER PRIMARY KEY, at TEXT DEFAULT CURRENT_TIMESTAMP);"
      ]
    },
    messages: {
      nonConstant: 'ADD COLUMN {{column}} DEFAULT {{expr}}: SQLite accepts only a constant default here, and fails ("Cannot add a column with non-constant default") as soon as {{table}} has a row'
    }
  },
  create: ({ report }) => ({
    alter_table_stmt(node, statement, ctx) {
      for (const { table, column } of columnsAddedToExisting(node, ctx)) {
        const d = defaultOf(column);
        if (d && !isConstantDefault(d)) report({ messageId: "nonConstant", data: { column: column.name.name, expr: statement.textOf(d), table }, range: statement.rangeOf(d) });
      }
    }
  })
});

// rules/sqlite-rebuild-loses-objects.ts
var sqlite_rebuild_loses_objects_default = defineSqliteRule({
  meta: {
    id: "sqlite-rebuild-loses-objects",
    severity: "error",
    summary: "SQLite: a table rebuild that loses indexes, triggers, CHECKs or foreign keys",
    why: "SQLite changes a column's type, NOT NULL or constraints only by rebuilding the table: create a new one, copy the rows, drop the old, rename the new (Alembic's batch mode does the same). DROP TABLE takes the old table's indexes and triggers with it, and the new CREATE TABLE has only the CHECKs and foreign keys written into it. Whatever the rebuild does not re-create is silently gone: queries turn into full scans, uniqueness and integrity stop being enforced. Compared with the table as the earlier migrations of the folder left it.",
    fix: "After the rename, re-create every index and trigger of the old table, and copy its CHECK and FOREIGN KEY clauses into the new CREATE TABLE (read them with `SELECT sql FROM sqlite_schema WHERE tbl_name = 'users'`). Alembic batch mode re-creates what it reflects; name your constraints (a naming convention in MetaData) so reflection keeps them, and pass `table_args`/`reflect_args` for what it cannot see.",
    examples: {
      bad: [
        "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);\nCREATE UNIQUE INDEX users_email ON users (email);\nCREATE TABLE users_new (id INTEGER PRIMARY KEY, email TEXT NOT NULL);\nINSERT INTO users_new SELECT id, email FROM users;\nDROP TABLE users;\nALTER TABLE users_new RENAME TO users;",
        "CREATE TABLE orders (id INTEGER PRIMARY KEY, total INT CHECK (total >= 0));\nCREATE TABLE orders_new (id INTEGER PRIMARY KEY, total INT NOT NULL);\nINSERT INTO orders_new SELECT * FROM orders;\nDROP TABLE orders;\nALTER TABLE orders_new RENAME TO orders;"
      ],
      good: [
        "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);\nCREATE UNIQUE INDEX users_email ON users (email);\nCREATE TABLE users_new (id INTEGER PRIMARY KEY, email TEXT NOT NULL);\nINSERT INTO users_new SELECT id, email FROM users;\nDROP TABLE users;\nALTER TABLE users_new RENAME TO users;\nCREATE UNIQUE INDEX users_email ON users (email);",
        "DROP TABLE sessions;"
      ]
    },
    messages: { lost: "This rebuild of {{table}} loses {{lost}}: the old table had it, the new one does not" }
  },
  create: ({ report }) => {
    const dropped = /* @__PURE__ */ new Map();
    const renamedAway = /* @__PURE__ */ new Map();
    const rebuilt = /* @__PURE__ */ new Map();
    const snapshot = (schema, name) => {
      const table = schema.table(name);
      return table && { table, indexes: schema.indexesOf(name), triggers: schema.triggersOf(name) };
    };
    return {
      drop_table_stmt(node, statement, ctx) {
        for (const e of node.tables.items) {
          const name = entityName(e);
          const original = renamedAway.get(sqliteKey(name));
          if (original !== void 0) {
            const before2 = dropped.get(sqliteKey(original));
            if (before2 && ctx.schema.table(original)) rebuilt.set(sqliteKey(original), { before: before2, range: statement.range });
            continue;
          }
          const before = snapshot(ctx.schema, name);
          if (before) dropped.set(sqliteKey(name), before);
        }
      },
      alter_table_stmt(node, statement, ctx) {
        const from = alteredTable(node);
        for (const a of node.actions.items) {
          if (a.type !== "alter_action_rename") continue;
          const to = entityName(a.newName);
          const before = dropped.get(sqliteKey(to));
          if (before) rebuilt.set(sqliteKey(to), { before, range: statement.range });
          else {
            const old = snapshot(ctx.schema, from);
            if (old) {
              dropped.set(sqliteKey(from), old);
              renamedAway.set(sqliteKey(to), from);
            }
          }
        }
      },
      end(ctx) {
        for (const [key, { before, range }] of rebuilt) {
          const after = ctx.schema.table(key);
          if (!after) continue;
          const lost = lostObjects(before, after, ctx.schema);
          if (lost.length) report({ messageId: "lost", data: { table: after.name, lost: lost.join("; ") }, range });
        }
      }
    };
  }
});
function lostObjects(before, after, schema) {
  const lost = [];
  const indexes = schema.indexesOf(after.name);
  const sig = (i) => `${i.unique ? "u" : ""}:${i.columns.join(",")}`;
  const keys = [...after.keys, ...after.columns.filter((c) => c.unique || c.primaryKey).map((c) => [sqliteKey(c.name)])];
  const kept = /* @__PURE__ */ new Set([...indexes.map(sig), ...keys.map((k) => sig({ columns: k, unique: true }))]);
  for (const i of before.indexes) if (!kept.has(sig(i)) && !(!i.unique && kept.has(sig({ ...i, unique: true })))) lost.push(`${i.unique ? "unique " : ""}index ${i.name} (${i.columns.join(", ")})`);
  const triggers = new Set(schema.triggersOf(after.name).map((t) => sqliteKey(t.name)));
  for (const t of before.triggers) if (!triggers.has(sqliteKey(t.name))) lost.push(`trigger ${t.name}`);
  const norm = (s) => s.replace(/\s+/g, "").toLowerCase();
  const checks = new Set(after.checks.map(norm));
  for (const c of before.table.checks) if (!checks.has(norm(c))) lost.push(`CHECK ${c}`);
  const fkKey = (fk) => `${fk.columns.map(sqliteKey).join(",")}>${sqliteKey(fk.table)}`;
  const fks = new Set(after.foreignKeys.map(fkKey));
  for (const fk of before.table.foreignKeys) if (!fks.has(fkKey(fk))) lost.push(`foreign key ${fk.text}`);
  return lost;
}

// rules/sqlite-rebuild-with-foreign-keys.ts
var DESTRUCTIVE = /* @__PURE__ */ new Set(["CASCADE", "SET NULL", "SET DEFAULT"]);
var sqlite_rebuild_with_foreign_keys_default = defineSqliteRule({
  meta: {
    id: "sqlite-rebuild-with-foreign-keys",
    severity: "error",
    summary: "SQLite: a table rebuild while foreign keys are enforced",
    why: "With `PRAGMA foreign_keys = ON`, DROP TABLE first deletes the table's rows: child rows with ON DELETE CASCADE are deleted, SET NULL ones lose their parent, and the rest make the DROP fail (checked on SQLite 3.53: a rebuild of a parent table emptied its CASCADE child). The pragma cannot be changed inside a transaction (it is silently ignored), so turning it off inside the migration's transaction does nothing. Renaming the parent away first (`ALTER TABLE users RENAME TO users_old`) rewrites the children's foreign keys to point at `users_old` (SQLite 3.26+), which the rebuild then drops.",
    fix: "Run the rebuild with foreign keys off, set outside any transaction, and check them before turning them back on:\n\n```sql\nPRAGMA foreign_keys = OFF;\nBEGIN;\nCREATE TABLE users_new (\u2026);\nINSERT INTO users_new SELECT \u2026 FROM users;\nDROP TABLE users;\nALTER TABLE users_new RENAME TO users;\nPRAGMA foreign_key_check;\nCOMMIT;\nPRAGMA foreign_keys = ON;\n```\n\nAlembic: batch mode on SQLite needs `PRAGMA foreign_keys=OFF` issued by env.py before `context.begin_transaction()`. Create the new table under a temporary name and rename it; never rename the old table away.",
    examples: {
      bad: [
        "PRAGMA foreign_keys = ON;\nCREATE TABLE users (id INTEGER PRIMARY KEY);\nCREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INT REFERENCES users (id) ON DELETE CASCADE);\nCREATE TABLE users_new (id INTEGER PRIMARY KEY, name TEXT);\nINSERT INTO users_new (id) SELECT id FROM users;\nDROP TABLE users;\nALTER TABLE users_new RENAME TO users;",
        "BEGIN;\nPRAGMA foreign_keys = OFF;\nDROP TABLE t_old;\nCOMMIT;"
      ],
      good: [
        "PRAGMA foreign_keys = OFF;\nCREATE TABLE users (id INTEGER PRIMARY KEY);\nCREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INT REFERENCES users (id) ON DELETE CASCADE);\nCREATE TABLE users_new (id INTEGER PRIMARY KEY, name TEXT);\nINSERT INTO users_new (id) SELECT id FROM users;\nDROP TABLE users;\nALTER TABLE users_new RENAME TO users;\nPRAGMA foreign_keys = ON;",
        "CREATE TABLE tags (id INTEGER PRIMARY KEY);\nDROP TABLE tags;"
      ]
    },
    messages: {
      drop: "DROP TABLE {{table}} with foreign keys {{state}}: {{children}} reference it; SQLite deletes its rows first, so {{effect}}",
      inTransaction: "PRAGMA foreign_keys inside a transaction is ignored by SQLite: foreign keys stay as they were for the rest of this migration",
      renameAway: "Renaming {{table}} away rewrites the foreign keys of {{children}} to point at {{to}} (SQLite 3.26+): when the rebuild drops {{to}}, they reference a table that no longer exists"
    }
  },
  create: ({ report, options }) => {
    const renamedAway = /* @__PURE__ */ new Map();
    return {
      pragma_stmt(node, statement, ctx) {
        if (node.pragma.type !== "pragma_assignment" || sqliteKey(entityName(node.pragma.name)) !== "foreign_keys") return;
        if (ctx.inTransaction && !pragmaOn(pragmaValue(node.pragma))) report({ messageId: "inTransaction" });
      },
      drop_table_stmt(node, statement, ctx) {
        for (const e of node.tables.items) {
          const table = entityName(e);
          const refs = ctx.schema.referencing(table);
          if (!refs.length) continue;
          const away = renamedAway.get(sqliteKey(table));
          if (away) {
            report({ messageId: "renameAway", data: { table: away.table, to: table, children: [...new Set(refs.map((r) => r.from))].join(", ") }, range: away.range });
            continue;
          }
          if (ctx.foreignKeys === "off") continue;
          const destructive = refs.filter((r) => DESTRUCTIVE.has(r.fk.onDelete ?? ""));
          if (ctx.foreignKeys === "unknown" && !destructive.length) continue;
          const state = ctx.foreignKeys === "on" ? "ON" : "possibly ON (this migration does not turn them off)";
          const effect = destructive.length ? `${destructive.map((r) => `${r.from} (ON DELETE ${r.fk.onDelete})`).join(", ")} lose${destructive.length === 1 ? "s" : ""} rows or parents` : 'the DROP fails with "FOREIGN KEY constraint failed"';
          report({ messageId: "drop", data: { table, state, children: [...new Set(refs.map((r) => r.from))].join(", "), effect }, range: statement.rangeOf(e) });
        }
      },
      alter_table_stmt(node, statement, ctx) {
        if (!versionAtLeast(options.sqliteVersion, "3.26.0")) return;
        const table = alteredTable(node);
        for (const a of node.actions.items) {
          if (a.type !== "alter_action_rename") continue;
          if (ctx.schema.referencing(table).length) renamedAway.set(sqliteKey(entityName(a.newName)), { table, range: statement.range });
        }
      }
    };
  }
});

// rules/sqlite-unsafe-pragma.ts
var UNSAFE = {
  synchronous: { values: ["off", "0"], risk: "a crash or power loss during or after the migration can corrupt the database file" },
  journal_mode: { values: ["off", "memory"], risk: "a failure mid-transaction leaves the file half-written: ROLLBACK can no longer restore it, and a crash can corrupt it" },
  writable_schema: { values: ["on", "1", "true", "yes"], risk: "statements may edit sqlite_schema directly; one mistake makes the database unreadable" },
  ignore_check_constraints: { values: ["on", "1", "true", "yes"], risk: "CHECK constraints stop being enforced for the rest of the connection: rows that violate them get in" }
};
var sqlite_unsafe_pragma_default = defineSqliteRule({
  meta: {
    id: "sqlite-unsafe-pragma",
    severity: "warning",
    summary: "SQLite: a PRAGMA that turns off durability or integrity checks",
    why: "`PRAGMA synchronous = OFF` and `journal_mode = OFF | MEMORY` make a crash during the migration able to corrupt the database file; `writable_schema = ON` lets statements edit the schema table by hand; `ignore_check_constraints = ON` lets rows violating CHECKs in. Speed-ups from a bulk-load guide do not belong in a migration that runs against the only copy of production data.",
    fix: "Leave the defaults (synchronous FULL or NORMAL, a rollback or WAL journal). For a long backfill, batch it in transactions instead; take a backup (`VACUUM INTO` or `.backup`) before risky migrations.",
    examples: {
      bad: ["PRAGMA synchronous = OFF;", "PRAGMA journal_mode = OFF;", "PRAGMA writable_schema = ON;"],
      good: ["PRAGMA journal_mode = WAL;", "PRAGMA synchronous = NORMAL;", "PRAGMA foreign_keys = ON;"]
    },
    messages: { unsafe: "PRAGMA {{name}} = {{value}}: {{risk}}" }
  },
  create: ({ report }) => ({
    pragma_stmt(node) {
      if (node.pragma.type !== "pragma_assignment") return;
      const name = sqliteKey(entityName(node.pragma.name));
      const value = pragmaValue(node.pragma);
      const unsafe = UNSAFE[name];
      if (unsafe?.values.includes(value.toLowerCase())) report({ messageId: "unsafe", data: { name, value, risk: unsafe.risk } });
    }
  })
});

// rules/sqlite-unsupported-alter.ts
var sqlite_unsupported_alter_default = defineSqliteRule({
  meta: {
    id: "sqlite-unsupported-alter",
    severity: "error",
    summary: "SQLite: an ALTER TABLE the target SQLite cannot run",
    why: "SQLite's ALTER TABLE knows RENAME TO, RENAME COLUMN (since 3.25.0), ADD COLUMN, DROP COLUMN (since 3.35.0) and, since 3.53.0, SET/DROP NOT NULL, ADD CHECK and DROP CONSTRAINT. Everything else (a type change, SET DEFAULT, ADD UNIQUE or FOREIGN KEY) does not exist in any version, and the forms have limits: DROP COLUMN fails on a PRIMARY KEY, UNIQUE or indexed column, or one a table-level FOREIGN KEY or CHECK names; ADD COLUMN refuses PRIMARY KEY and UNIQUE, and a REFERENCES column with a non-NULL default while foreign keys are enforced. The migration fails where it runs, often only on the production SQLite, older than the developer's.",
    fix: 'Rebuild the table (https://www.sqlite.org/lang_altertable.html#otheralter): with foreign_keys off and outside a transaction, create the new table, copy the rows, drop the old table, rename the new one, and re-create its indexes and triggers; or drop the index or constraint that holds the column first. Alembic: `with op.batch_alter_table("users") as batch: batch.drop_column("legacy")`. Set `sqliteVersion` to the oldest SQLite the migrations run on.',
    examples: {
      bad: [
        "ALTER TABLE users DROP COLUMN legacy;",
        "ALTER TABLE users RENAME COLUMN name TO full_name;",
        "ALTER TABLE users ALTER COLUMN name TYPE TEXT;",
        "ALTER TABLE users ALTER COLUMN name SET NOT NULL;",
        "CREATE TABLE t (id INTEGER PRIMARY KEY, email TEXT); CREATE INDEX t_email ON t (email); ALTER TABLE t DROP COLUMN email;",
        "ALTER TABLE users ADD COLUMN code TEXT UNIQUE;"
      ],
      good: ["ALTER TABLE users ADD COLUMN nickname TEXT;", "ALTER TABLE users RENAME TO members;", "CREATE TABLE t (id INTEGER PRIMARY KEY, note TEXT); ALTER TABLE t ADD COLUMN extra TEXT;"]
    },
    exampleContext: { sqliteVersion: "3.24.0" },
    messages: {
      tooOld: "{{form}} needs SQLite {{needs}}; the target is {{version}} (sqliteVersion), where this fails with a syntax error",
      dropKey: "SQLite refuses to drop {{table}}.{{column}}: it is {{why}}",
      addKey: 'SQLite cannot ADD a {{what}} column ({{table}}.{{column}}): "Cannot add a {{what}} column"',
      addReference: 'ADD COLUMN {{column}} REFERENCES \u2026 with a non-NULL DEFAULT: SQLite refuses it while foreign keys are enforced ("Cannot add a REFERENCES column with non-NULL default value")'
    }
  },
  create: ({ report, options }) => ({
    alter_table_stmt(node, statement, ctx) {
      const table = alteredTable(node);
      const model = ctx.schema.table(table);
      for (const a of node.actions.items) {
        const range = statement.rangeOf(a);
        if (a.type === "alter_action_rename_column" && !versionAtLeast(options.sqliteVersion, "3.25.0"))
          report({ messageId: "tooOld", data: { form: "RENAME COLUMN", needs: "3.25.0", version: options.sqliteVersion }, range });
        else if (a.type === "alter_action_drop_column") {
          if (!versionAtLeast(options.sqliteVersion, "3.35.0")) {
            report({ messageId: "tooOld", data: { form: "DROP COLUMN", needs: "3.35.0", version: options.sqliteVersion }, range });
            continue;
          }
          const column = sqliteKey(a.column.name);
          const col = model?.columns.find((c) => sqliteKey(c.name) === column);
          const index = ctx.schema.indexesOf(table).find((i) => i.columns.includes(column));
          const why = col?.primaryKey ? "its PRIMARY KEY" : col?.unique || model?.keys.some((k) => k.includes(column)) ? "UNIQUE (or part of a table constraint)" : index ? `indexed by ${index.name} (drop the index first)` : model?.foreignKeys.some((fk) => fk.tableLevel && fk.columns.some((c) => sqliteKey(c) === column)) ? "named by a table-level FOREIGN KEY" : void 0;
          if (why) report({ messageId: "dropKey", data: { table, column: a.column.name, why }, range });
        } else if (a.type === "alter_action_add_column") {
          const cons = columnConstraints2(a.column);
          const key = cons.find((c) => c.type === "constraint_primary_key" || c.type === "constraint_unique");
          if (key) report({ messageId: "addKey", data: { what: key.type === "constraint_unique" ? "UNIQUE" : "PRIMARY KEY", table, column: a.column.name.name }, range });
          const d = defaultOf(a.column);
          if (cons.some((c) => c.type === "references_specification") && d && !isNull(d) && ctx.foreignKeys !== "off")
            report({ messageId: "addReference", data: { column: a.column.name.name }, range });
        }
      }
    }
  })
});

// rules/syntax-error.ts
var syntax_error_default = defineDiagnostic({
  id: "syntax-error",
  severity: "error",
  stage: "engine",
  summary: "A statement Postgres cannot parse",
  why: "The statement is rejected by the real Postgres parser (libpg_query, the PostgreSQL 18 grammar), so the migration fails at this line when it is applied and nothing after it runs. The statement cannot be checked for hazards either; the statements before and after it still are. An unterminated quote, quoted identifier, dollar quote or block comment swallows the rest of the file: the finding says which lines could not be linted. An error inside a LANGUAGE sql function body is reported too, because Postgres checks those bodies when the function is created.",
  fix: "Fix the SQL at the reported line and column (the message is Postgres' own), then run the migration against a scratch database (`migration-guard verify`). If the file is a template or uses psql meta-commands, keep the placeholders in the `${name}` or `{{ \u2026 }}` form and the meta-commands on their own lines so they can be recognised and skipped.",
  examples: { bad: [], good: [] },
  squawk: ["syntax-error"]
});

// rules/transaction-nesting.ts
var OPENS = /* @__PURE__ */ new Set(["TRANS_STMT_BEGIN", "TRANS_STMT_START"]);
var CLOSES = /* @__PURE__ */ new Set(["TRANS_STMT_COMMIT", "TRANS_STMT_ROLLBACK"]);
var transaction_nesting_default = defineRule({
  meta: {
    id: "transaction-nesting",
    severity: "warning",
    summary: "BEGIN inside a transaction, or BEGIN/COMMIT in a file the framework already wraps",
    why: "Postgres does not nest transactions. A second BEGIN is ignored with `WARNING: there is already a transaction in progress`, and the first COMMIT then ends the one and only transaction: everything after it runs in autocommit, one statement at a time, so a later failure leaves the migration half applied. The same happens when the migration framework already runs the file in a transaction (goose, dbmate, Flyway, node-pg-migrate, Diesel by default): the file's COMMIT commits the framework's transaction early, the rest is no longer atomic, and the framework's own COMMIT finds no transaction. SAVEPOINT is the way to nest.",
    fix: "Leave transaction control to the framework: remove BEGIN/COMMIT from the file. When a statement must run outside a transaction (CREATE INDEX CONCURRENTLY, ALTER TYPE \u2026 ADD VALUE on old versions), put it in its own migration and use the framework's switch (`-- +goose NO TRANSACTION`, `-- migrate:up transaction:false`, Flyway `executeInTransaction=false`) instead of a COMMIT in the middle. To nest, use savepoints:\n\n```sql\nSAVEPOINT before_backfill;\nUPDATE users SET status = 'active' WHERE status IS NULL;\nRELEASE SAVEPOINT before_backfill;\n```",
    examples: {
      bad: ["BEGIN;\nALTER TABLE users ADD COLUMN status text;\nBEGIN;\nUPDATE users SET status = 'active';\nCOMMIT;\nCOMMIT;", "START TRANSACTION;\nBEGIN;\nCOMMIT;"],
      good: [
        "BEGIN;\nALTER TABLE users ADD COLUMN status text;\nCOMMIT;",
        "BEGIN;\nALTER TABLE users ADD COLUMN status text;\nCOMMIT;\nBEGIN;\nALTER TABLE orders ADD COLUMN note text;\nCOMMIT;",
        "BEGIN;\nSAVEPOINT a;\nALTER TABLE users ADD COLUMN status text;\nRELEASE SAVEPOINT a;\nCOMMIT;"
      ]
    },
    squawk: ["transaction-nesting"]
  },
  create: ({ report }) => ({
    TransactionStmt(node, statement, ctx) {
      if (statement.embedded) return;
      const kind = node.kind ?? "";
      if (OPENS.has(kind) && ctx.inTransaction) {
        if (ctx.explicitTransactionStart) {
          report({
            message: `BEGIN inside the transaction opened at line ${ctx.explicitTransactionStart.range.line}: Postgres ignores it ("there is already a transaction in progress"), and the next COMMIT ends the outer transaction too.`
          });
        } else if (ctx.frameworkTransaction && ctx.once("transaction-nesting:framework")) {
          report({
            message: "BEGIN in a file the migration framework already runs in a transaction: Postgres ignores it, and a COMMIT in the file commits the framework's transaction early, so the statements after it are no longer atomic."
          });
        }
        return;
      }
      if (CLOSES.has(kind) && ctx.frameworkTransaction && !ctx.explicitTransactionStart && ctx.inTransaction && ctx.once("transaction-nesting:framework")) {
        report({
          message: `${kind === "TRANS_STMT_COMMIT" ? "COMMIT" : "ROLLBACK"} in a file the migration framework already runs in a transaction: it ends the framework's transaction early, the statements after it run one by one outside any transaction, and the framework's own COMMIT finds none.`
        });
      }
    }
  })
});

// rules/truncating-table.ts
var truncating_table_default = defineRule({
  meta: {
    id: "truncating-table",
    severity: "error",
    work: "lock",
    summary: "Truncating a table",
    why: "TRUNCATE deletes every row at once and no down migration can bring them back. It takes an ACCESS EXCLUSIVE lock (blocking even reads) and is not MVCC-safe: concurrent transactions that started earlier see the table as empty once it commits. With CASCADE it also empties every table that references it by foreign key, recursively, which is easy to miss in review; RESTART IDENTITY resets sequences so new ids may collide with ids kept elsewhere. A table created earlier in the same migration is not flagged.",
    fix: "If the rows really must go, delete them in batches (which keeps other sessions working, fires triggers and respects foreign keys), or drop the table once nothing uses it. Never rely on CASCADE to find the dependent tables for you; list them:\n\n```sql\n-- repeat until it deletes 0 rows, one transaction per batch\nDELETE FROM sessions\nWHERE id IN (SELECT id FROM sessions ORDER BY id LIMIT 5000);\n```",
    examples: {
      bad: ["TRUNCATE sessions;", "TRUNCATE TABLE ONLY public.orders, order_items RESTART IDENTITY CASCADE;"],
      good: ["CREATE TABLE import_buffer (line text); TRUNCATE import_buffer;", "DELETE FROM sessions WHERE id IN (SELECT id FROM sessions ORDER BY id LIMIT 5000);"]
    },
    squawk: ["ban-truncate-cascade"]
  },
  create: ({ report }) => ({
    TruncateStmt(node, _statement, ctx) {
      const tables = (node.relations ?? []).map((r) => relationName(as(r, "RangeVar"))).filter((t) => !!t);
      const existing = tables.filter((t) => !isNewTable(ctx, t));
      if (existing.length === 0) return;
      const cascade = node.behavior === "DROP_CASCADE" ? ` CASCADE also empties every table that references ${existing.length > 1 ? "them" : "it"} by foreign key, recursively.` : "";
      report({
        message: `TRUNCATE deletes every row of ${existing.join(", ")} under an ACCESS EXCLUSIVE lock; the data cannot be restored by a rollback migration.${cascade}`
      });
    }
  })
});

// rules/unbatched-data-change.ts
var unbatched_data_change_default = defineRule({
  meta: {
    id: "unbatched-data-change",
    severity: "warning",
    work: "update-all",
    summary: "Updating or deleting every row of an existing table in one statement",
    why: "One statement over a whole large table is one long transaction: it row-locks every row it touches until it commits (concurrent writes to those rows wait, and may deadlock), writes a new version of every row (the table and its indexes can double in size, and the WAL burst makes replicas lag), and if it fails or is cancelled after an hour all the work is rolled back. In a migration it usually also runs inside the migration's transaction, so every lock the migration took is held for just as long. The rule fires only when the statement obviously touches every row: no WHERE, a WHERE that is always true (`true`, `1 = 1`), or `col IS NULL` where the statement sets `col` or `col` was added in this migration (the backfill shape). Any other WHERE may be selective and is trusted. Tables created in the same migration are not flagged (they are empty or filled by this migration).",
    fix: "Backfill in small batches, each in its own transaction, outside the schema migration (a script, a job, or a procedure that commits between batches), so locks are short and progress is kept:\n\n```sql\n-- run repeatedly (e.g. from a job) until it updates 0 rows\nUPDATE users SET status = 'active'\nWHERE id IN (\n  SELECT id FROM users WHERE status IS NULL\n  ORDER BY id LIMIT 5000\n  FOR UPDATE SKIP LOCKED\n);\n\n-- or, on PG 11+, a procedure that commits per batch (run with CALL, outside a transaction)\nCREATE PROCEDURE backfill_user_status() LANGUAGE plpgsql AS $$\nDECLARE n int;\nBEGIN\n  LOOP\n    UPDATE users SET status = 'active'\n    WHERE id IN (SELECT id FROM users WHERE status IS NULL ORDER BY id LIMIT 5000);\n    GET DIAGNOSTICS n = ROW_COUNT;\n    EXIT WHEN n = 0;\n    COMMIT;\n  END LOOP;\nEND $$;\n```",
    examples: {
      bad: [
        "UPDATE users SET status = 'active';",
        "DELETE FROM sessions;",
        "UPDATE users SET status = 'active' WHERE status IS NULL;",
        "DELETE FROM audit_log WHERE true;",
        "UPDATE users SET tier = 'free' WHERE 1 = 1;",
        "ALTER TABLE users ADD COLUMN region text; UPDATE users SET region = country WHERE region IS NULL OR region = '';",
        "ALTER TABLE users ADD COLUMN plan text; UPDATE users SET tier = 'x' WHERE plan IS NULL;"
      ],
      good: [
        "UPDATE users SET status = 'active' WHERE id IN (SELECT id FROM users WHERE status IS NULL ORDER BY id LIMIT 5000);",
        "UPDATE users SET status = 'active' WHERE status IS NULL AND id BETWEEN 1 AND 10000;",
        "DELETE FROM sessions WHERE expires_at < now() - interval '30 days';",
        "DELETE FROM sessions WHERE user_id IS NULL;",
        "CREATE TABLE flags (id bigint, on_ boolean); INSERT INTO flags VALUES (1, true); UPDATE flags SET on_ = false;",
        "INSERT INTO settings (key, value) VALUES ('theme', 'dark');"
      ]
    }
  },
  create: ({ report }) => ({
    "*"(statement, ctx) {
      const reason = wholeTableReason(statement, ctx);
      if (!reason) return;
      const table = relationName(dmlTarget(statement));
      if (!table || isNewTable(ctx, table)) return;
      const verb = statement.kind === "DeleteStmt" ? "deletes" : "rewrites";
      report({
        message: `This ${commandName(statement)} ${verb} every row of ${table} in one transaction: ${reason}. Every row stays locked until it commits, and the table bloats. Change it in batches of a few thousand rows, each committed on its own.`
      });
    }
  })
});

// rules/uncommitted-transaction.ts
var uncommitted_transaction_default = defineRule({
  meta: {
    id: "uncommitted-transaction",
    severity: "error",
    summary: "A transaction opened with BEGIN is never committed",
    why: "The file opens a transaction and ends without COMMIT or ROLLBACK. What happens next depends on the tool: psql and most drivers roll the open transaction back when the session ends, so every change of the migration silently disappears while the framework records it as applied; a pooled connection may instead be handed to the application still inside the transaction, holding every lock the migration took until something commits or kills it.",
    fix: "End the transaction in the same file:\n\n```sql\nBEGIN;\nALTER TABLE users ADD COLUMN status text;\nCOMMIT;\n```\n\nor remove BEGIN and let the framework run the file in its transaction.",
    examples: {
      bad: ["BEGIN;\nALTER TABLE users ADD COLUMN status text;", "BEGIN;\nCOMMIT;\nSTART TRANSACTION;\nUPDATE users SET status = 'active';"],
      good: [
        "BEGIN;\nALTER TABLE users ADD COLUMN status text;\nCOMMIT;",
        "BEGIN;\nALTER TABLE users ADD COLUMN status text;\nROLLBACK;",
        "BEGIN;\nALTER TABLE users ADD COLUMN status text;\nEND;",
        "ALTER TABLE users ADD COLUMN status text;"
      ]
    },
    squawk: ["ban-uncommitted-transaction"]
  },
  create: ({ report }) => ({
    end(ctx) {
      const begin = ctx.explicitTransactionStart;
      if (!begin || ctx.frameworkTransaction) return;
      report({
        message: `The transaction opened at line ${begin.range.line} is never committed: when the session ends Postgres rolls back every change made since, or the connection stays in an open transaction holding its locks.`,
        range: begin.range
      });
    }
  })
});

// rules/unreadable-file.ts
var unreadable_file_default = defineDiagnostic({
  id: "unreadable-file",
  severity: "error",
  stage: "engine",
  summary: "A migration file could not be read",
  why: "The file exists in the migrations folder (or is named by its tool's plan or manifest) but could not be opened or decoded: a permission problem, a broken symlink, a folder where a file was expected, a sqitch plan entry without its deploy script, or an invalid temporal manifest. Its migration is skipped and cannot be checked; every other migration still is. The framework will fail on the same file at deploy time.",
  fix: "Make the file readable (permissions, restore the symlink target, add the missing script named in the message), or remove the entry that refers to it.",
  examples: { bad: [], good: [] }
});

// rules/unused-suppression.ts
var unused_suppression_default = defineDiagnostic({
  id: "unused-suppression",
  severity: "warning",
  stage: "engine",
  summary: "An ignore comment that silences nothing",
  why: "A `-- migration-guard-ignore rule-id` comment applies to the statement right after it (however many lines it spans, including statements inside a DO block or function body); `-- migration-guard-ignore-file [rule-id \u2026]` applies to the whole file. When the rule no longer reports anything there (the statement moved, was fixed, or the id is misspelt), the comment silences nothing today but will hide a real problem later, and readers believe a hazard was reviewed that is not there. Ids the configuration turns off are not reported, and `-- squawk-ignore` comments are never reported (squawk may still be run, and it has rules this tool does not).",
  fix: "Remove the comment, fix the rule id (`migration-guard rules` lists them), or move the comment to the line directly above the statement it is meant for:\n\n```sql\n-- migration-guard-ignore dropping-table: unused since v2\nDROP TABLE old_events;\n```",
  examples: { bad: [], good: [] }
});

// rules/unverifiable-migration.ts
var unverifiable_migration_default = defineDiagnostic({
  id: "unverifiable-migration",
  severity: "warning",
  stage: "verify",
  summary: "A migration migration-guard cannot lint or run (e.g. a goose migration written in Go)",
  why: "goose applies migrations written in Go (`goose.AddMigration` in `<version>_<name>.go`) in the same version order as its SQL files. migration-guard reads SQL: it cannot lint such a migration, and verify cannot apply it, so the throwaway database lacks whatever it does. Rather than skip it in silence (and let the next migration's failure look like that migration's fault), the migration is named: verify goes on with the later migrations, and a failure among them says that this migration did not run before it.",
  fix: "Review the Go migration by hand. If a later migration fails in verify because of it (a table or column it creates), either move that schema change into SQL, or give verify the objects it creates with `verify.setup` SQL, so the migrations after it can be proved.",
  examples: { bad: [], good: [] }
});

// rules/up-failing.ts
var up_failing_default = defineDiagnostic({
  id: "up-failing",
  severity: "error",
  stage: "verify",
  summary: "The up migration fails on a database migrated up to it",
  why: "verify applies every migration in order to a throwaway Postgres (PGlite by default, or the server `--database` names). This up failed there, with the tables empty, so it fails in every environment: a statement names a missing object, a type does not match, the SQL only works on a different Postgres version, or a statement ran past `--statement-timeout`. Nothing after it can be verified, so later migrations are reported as skipped.",
  fix: "Run the migration against a fresh database migrated to the previous version and fix the statement Postgres names (the finding is on its line). If the failure is a statement timeout, make the statement cheaper or split it. Example: a column added to a table that a later migration creates:\n\n```sql\n-- fails: orders does not exist yet\nALTER TABLE orders ADD COLUMN note text;\n-- fix: move it after the migration that creates orders, or create the table first\n```",
  examples: { bad: [], good: [] }
});

// rules/up-not-reapplicable.ts
var up_not_reapplicable_default = defineDiagnostic({
  id: "up-not-reapplicable",
  severity: "error",
  stage: "verify",
  summary: "The up migration cannot be applied again after its down",
  why: "Deploys get rolled back and rolled forward again. verify runs up, down, then up a second time and compares the schema with the one the first up made. A second up that fails (an object the down left behind already exists) or produces a different schema means a roll-forward after a rollback will break.",
  fix: "Make the down remove everything the up creates (so the second up starts from the same place), or make the up tolerant where that is intended:\n\n```sql\n-- up\nCREATE TYPE mood AS ENUM ('happy', 'sad');\nALTER TABLE users ADD COLUMN mood mood;\n-- down: drop the type too, not only the column\nALTER TABLE users DROP COLUMN mood;\nDROP TYPE mood;\n```",
  examples: { bad: [], good: [] }
});

// rules/using-char-type.ts
var using_char_type_default = defineRule({
  meta: {
    id: "using-char-type",
    severity: "info",
    summary: "char(n) / character(n) pads values with spaces",
    why: "`char(n)` (also `character(n)`, bare `char` = `char(1)`, and `bpchar`) pads every value with spaces to n characters. The padding is \"insignificant\" in some places and not in others: `'ab'::char(5) = 'ab '` is true, `length()` ignores it, the cast to text and `||` strip it, but `LIKE 'ab'` does not match it, `octet_length()` counts it and client code receives it. It saves no space and is not faster than text or varchar in Postgres, and values longer than n are rejected. Only the quoted `\"char\"`, Postgres's internal one-byte type, is a different type and is not flagged (squawk's ban-char-field flags it too).",
    fix: "Use text (with a CHECK for a fixed length, if the length is a rule of the data):\n\n```sql\nCREATE TABLE countries (\n  code text NOT NULL CHECK (char_length(code) = 2)\n);\n```",
    examples: {
      bad: ["CREATE TABLE countries (code char(2));", "ALTER TABLE accounts ADD COLUMN flag character;", "CREATE TABLE t (code bpchar);", "ALTER TABLE t ALTER COLUMN code TYPE character(3);"],
      good: ["CREATE TABLE countries (code text CHECK (char_length(code) = 2));", 'CREATE TABLE t (kind "char" NOT NULL);', "CREATE TABLE t (name varchar(20));"]
    },
    squawk: ["ban-char-field"]
  },
  create: ({ report }) => ({
    "*"(statement) {
      for (const c of columnTypes(statement)) {
        if (c.builtin !== "bpchar") continue;
        const n = c.mods[0];
        report({
          message: `Column ${columnLabel(c)} is ${n ? `char(${n})` : "bpchar"}: values are padded with spaces, which some comparisons ignore and others do not. Use text${n ? ` (with CHECK (char_length(${c.column}) = ${n}) if the length is fixed)` : ""}.`
        });
      }
    }
  })
});

// rules/using-new-enum-value.ts
var using_new_enum_value_default = defineRule({
  meta: {
    id: "using-new-enum-value",
    severity: "error",
    summary: "Using an enum value in the transaction that added it",
    why: 'A value added by `ALTER TYPE \u2026 ADD VALUE` cannot be used until the transaction that added it commits: a later statement of the same transaction that stores or compares it fails with `unsafe use of new value "\u2026" of enum type \u2026` (PostgreSQL 12 and later; checked on 15 and 18). Migration tools that wrap each file in a transaction make the common "add the value, then backfill with it" file fail, and only where the statement really reads the value. Before PostgreSQL 12, ADD VALUE cannot run inside a transaction block at all. Since PostgreSQL 17 a type created in the same transaction is the exception (its new values are usable at once; checked: 15 refuses it, 18 allows it).',
    fix: "Add the value in its own migration (or commit before using it), and use it in the next one:\n\n```sql\n-- migration 1\nALTER TYPE order_status ADD VALUE IF NOT EXISTS 'refunded';\n-- migration 2\nUPDATE orders SET status = 'refunded' WHERE refunded_at IS NOT NULL;\n```",
    examples: {
      bad: [
        "BEGIN;\nALTER TYPE order_status ADD VALUE 'refunded';\nUPDATE orders SET status = 'refunded' WHERE refunded_at IS NOT NULL;\nCOMMIT;",
        "BEGIN;\nALTER TYPE order_status ADD VALUE 'archived';\nALTER TABLE orders ALTER COLUMN status SET DEFAULT 'archived';\nCOMMIT;"
      ],
      good: [
        "ALTER TYPE order_status ADD VALUE 'refunded';\nUPDATE orders SET status = 'refunded' WHERE refunded_at IS NOT NULL;",
        "BEGIN;\nALTER TYPE order_status ADD VALUE 'refunded';\nCOMMIT;\nUPDATE orders SET status = 'refunded' WHERE refunded_at IS NOT NULL;"
      ]
    },
    messages: {
      used: `'{{value}}' was added to {{type}} earlier in this transaction (line {{line}}): using it before COMMIT fails ("unsafe use of new value")`,
      oldServer: "ALTER TYPE \u2026 ADD VALUE inside a transaction block fails before PostgreSQL 12 (the target is {{version}})"
    }
  },
  create: ({ report }) => {
    let added = /* @__PURE__ */ new Map();
    let transaction;
    const enter = (ctx) => {
      const current = ctx.explicitTransactionStart ?? (ctx.inTransaction || ctx.implicitTransactionBlock ? "file" : void 0);
      if (current !== transaction) {
        added = /* @__PURE__ */ new Map();
        transaction = current;
      }
      return current;
    };
    return {
      AlterEnumStmt(n, statement, ctx) {
        if (!n.newVal || !enter(ctx) || ctx.pgVersion >= 17 && ctx.isNew(nameOf(n.typeName))) return;
        if (ctx.pgVersion < 12) report({ messageId: "oldServer", data: { version: ctx.pgVersion } });
        added.set(n.newVal, { type: nameOf(n.typeName), line: statement.range.line });
      },
      "*"(statement, ctx) {
        if (!enter(ctx) || added.size === 0 || statement.kind === "AlterEnumStmt") return;
        const used = /* @__PURE__ */ new Set();
        walk(statement.node, (kind, body) => {
          const value = kind === "A_Const" ? body.sval?.sval : void 0;
          if (value !== void 0 && added.has(value)) used.add(value);
        });
        for (const value of used) {
          const { type, line } = added.get(value);
          report({ messageId: "used", data: { value, type, line } });
        }
      }
    };
  }
});

// rules/validating-in-same-transaction.ts
var validating_in_same_transaction_default = defineRule({
  meta: {
    id: "validating-in-same-transaction",
    severity: "error",
    work: "scan",
    summary: "Validating a constraint in the same transaction that added it NOT VALID",
    why: "NOT VALID exists so that the long check of existing rows runs under VALIDATE CONSTRAINT's weak SHARE UPDATE EXCLUSIVE lock. But locks are held until the transaction ends: if the VALIDATE runs in the transaction that did the ADD \u2026 NOT VALID, the ADD's lock (ACCESS EXCLUSIVE for a CHECK, SHARE ROW EXCLUSIVE on both tables for a foreign key) is still held during the whole scan, which is exactly as bad as adding the constraint without NOT VALID.",
    fix: "Commit between the two, or validate in the next migration:\n\n```sql\nALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey\n  FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;\nCOMMIT;  -- or end this migration here\nALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_fkey;\n```",
    examples: {
      bad: [
        "BEGIN;\nALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_fkey;\nCOMMIT;",
        "BEGIN;\nALTER TABLE orders ADD CONSTRAINT orders_quantity_positive CHECK (quantity > 0) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT orders_quantity_positive;\nCOMMIT;"
      ],
      good: [
        "BEGIN;\nALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;\nCOMMIT;\nALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_fkey;",
        "ALTER TABLE orders ADD CONSTRAINT orders_quantity_positive CHECK (quantity > 0) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT orders_quantity_positive;",
        "ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_fkey;"
      ]
    },
    squawk: ["constraint-missing-not-valid"]
  },
  create: ({ report }) => ({
    AlterTableStmt(n, statement, ctx) {
      if (!ctx.inTransaction) return;
      const table = relationName(n.relation) ?? "";
      for (const cmd of alterCommands(n)) {
        if (cmd.subtype !== "AT_ValidateConstraint" || !cmd.name) continue;
        if (!ctx.notValidInTransaction.has(`${bareName(table)}.${String(cmd.name).toLowerCase()}`)) continue;
        const added = ctx.statements.slice(0, ctx.index).findLast(
          (s) => s.kind === "AlterTableStmt" && bareName(s.node.relation?.relname) === bareName(table) && alterCommands(s.node).some((c) => as(c.def, "Constraint")?.conname?.toLowerCase() === String(cmd.name).toLowerCase())
        );
        report({
          message: `Constraint "${cmd.name}" on ${table} is validated in the same transaction that added it NOT VALID${added ? ` (line ${added.range.line})` : ""}: the ADD's lock is held during the whole validation scan. Commit in between.`
        });
      }
    }
  })
});

// rules/index.ts
var rules = [
  adding_check_constraint_default,
  adding_exclusion_constraint_default,
  adding_foreign_key_default,
  adding_primary_key_default,
  adding_required_column_default,
  adding_serial_column_default,
  adding_stored_generated_column_default,
  adding_unique_constraint_default,
  adding_volatile_default_default,
  attaching_partition_without_check_default,
  breaking_replica_identity_default,
  chain_rollback_failing_default,
  changing_column_type_default,
  concurrently_in_transaction_default,
  creating_index_non_concurrently_default,
  deleting_applied_migration_default,
  detaching_partition_non_concurrently_default,
  disabling_triggers_default,
  down_failing_default,
  down_not_restoring_schema_default,
  down_without_up_default,
  dropping_column_default,
  dropping_constraint_default,
  dropping_database_default,
  dropping_index_non_concurrently_default,
  dropping_not_null_default,
  dropping_object_default,
  dropping_schema_default,
  dropping_table_default,
  duplicate_migration_version_default,
  editing_applied_migration_default,
  enabling_rls_without_policy_default,
  failing_with_existing_rows_default,
  foreign_key_without_index_default,
  framework_command_failed_default,
  framework_shared_transaction_default,
  framework_unsegmented_sql_default,
  history_not_replaying_default,
  holding_access_exclusive_lock_default,
  holding_write_blocking_lock_default,
  identifier_too_long_default,
  internal_error_default,
  invalid_migration_file_default,
  leaking_session_setting_default,
  locking_table_explicitly_default,
  locking_table_outside_transaction_default,
  losing_data_on_rollback_default,
  missing_down_default,
  missing_lock_timeout_default,
  missing_statement_timeout_default,
  mixing_schema_and_data_changes_default,
  out_of_order_migration_default,
  prefer_bigint_default,
  prefer_identity_default,
  prefer_jsonb_default,
  prefer_robust_statements_default,
  prefer_text_default,
  prefer_timestamptz_default,
  refreshing_materialized_view_non_concurrently_default,
  reindexing_non_concurrently_default,
  rejecting_existing_rows_default,
  renaming_column_default,
  renaming_enum_value_default,
  renaming_object_default,
  renaming_table_default,
  requiring_newer_postgres_default,
  rewriting_table_default,
  running_cluster_default,
  running_vacuum_full_default,
  setting_not_null_default,
  setting_table_logged_default,
  skipped_statement_default,
  sqlite_adding_required_column_default,
  sqlite_integrity_failed_default,
  sqlite_non_constant_default_default,
  sqlite_rebuild_loses_objects_default,
  sqlite_rebuild_with_foreign_keys_default,
  sqlite_unsafe_pragma_default,
  sqlite_unsupported_alter_default,
  syntax_error_default,
  transaction_nesting_default,
  truncating_table_default,
  unbatched_data_change_default,
  uncommitted_transaction_default,
  unreadable_file_default,
  unused_suppression_default,
  unverifiable_migration_default,
  up_failing_default,
  up_not_reapplicable_default,
  using_char_type_default,
  using_new_enum_value_default,
  validating_in_same_transaction_default
];

// src/report/finding.ts
var metaById = new Map(rules.map((r) => [r.meta.id, r.meta]));
function finding(id, at, message) {
  const meta = metaById.get(id);
  const line = at.line ?? 1;
  const column = at.column ?? 1;
  return {
    rule: id,
    severity: meta.severity,
    file: at.file,
    line,
    column,
    endLine: at.endLine ?? line,
    endColumn: at.endColumn ?? column,
    message,
    help: meta.fix,
    ...at.migration ? { migration: at.migration } : {},
    ...at.statement ? { statement: at.statement } : {}
  };
}

export {
  creationsByStatement,
  createdObjects,
  seedNames,
  LOCK_RANK,
  lockModeSql,
  blocksWrites,
  tableLocks,
  rules,
  finding
};
