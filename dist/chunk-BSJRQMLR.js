// migration-guard GitHub Action, bundled by scripts/build-action.mjs. Do not edit: run `npm run build:action`.
import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
const require = __mgCreateRequire(import.meta.url);
const __filename = __mgFileURLToPath(import.meta.url);
const __dirname = __mgDirname(__filename);
import {
  displayName,
  knownRelations,
  lockRank,
  newLocks,
  observe,
  queryPrepared,
  rewrites
} from "./chunk-ED3R6KV7.js";
import {
  finding
} from "./chunk-RZSGMBFC.js";
import {
  alterCommands,
  as,
  parseSql
} from "./chunk-L63O7JR3.js";

// src/verify/snapshot.ts
var SNAPSHOT_SQL = `
WITH ns AS (
  SELECT oid, nspname, CASE WHEN nspname = 'public' THEN '' ELSE nspname || '.' END AS q, nspacl, nspowner
  FROM pg_catalog.pg_namespace
  WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\\_toast%' AND nspname NOT LIKE 'pg\\_temp\\_%'
),
rel AS (
  SELECT c.oid, c.relkind, ns.q || c.relname AS qname, c.relispartition, c.relpersistence, c.relrowsecurity, c.relforcerowsecurity, c.reloptions, c.relpartbound,
    c.relacl, c.relowner, pg_catalog.pg_get_userbyid(c.relowner)::text AS owner
  FROM pg_catalog.pg_class c JOIN ns ON ns.oid = c.relnamespace
  WHERE c.oid >= 16384 AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = 'pg_catalog.pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')
),
fn AS (
  SELECT p.oid, p.prokind, ns.q || p.proname || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')' AS qname, p.proacl, p.proowner
  FROM pg_catalog.pg_proc p JOIN ns ON ns.oid = p.pronamespace
  WHERE p.oid >= 16384 AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = 'pg_catalog.pg_proc'::regclass AND e.objid = p.oid AND e.deptype = 'e')
),
typ AS (
  SELECT t.*, ns.q || t.typname AS qname
  FROM pg_catalog.pg_type t JOIN ns ON ns.oid = t.typnamespace
  WHERE t.oid >= 16384 AND (t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c' AND EXISTS (SELECT 1 FROM pg_catalog.pg_class c WHERE c.oid = t.typrelid AND c.relkind = 'c')))
    AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = 'pg_catalog.pg_type'::regclass AND e.objid = t.oid AND e.deptype = 'e')
),
-- Objects with explicit privileges (a NULL acl means the defaults: nothing to say),
-- with the kind of their default ACL (none for columns).
acl AS (
  SELECT CASE r.relkind WHEN 'S' THEN 'sequence' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'f' THEN 'foreign table' ELSE 'table' END AS what,
    r.qname AS name, r.relacl AS acl, (CASE r.relkind WHEN 'S' THEN 's' ELSE 'r' END)::"char" AS k, r.relowner AS owner
  FROM rel r WHERE r.relacl IS NOT NULL AND r.relkind IN ('r', 'p', 'f', 'v', 'm', 'S')
  UNION ALL
  SELECT 'column', r.qname || '.' || a.attname, a.attacl, NULL, r.relowner
  FROM rel r JOIN pg_catalog.pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped WHERE a.attacl IS NOT NULL
  UNION ALL
  SELECT 'schema', ns.nspname, ns.nspacl, 'n', ns.nspowner FROM ns WHERE ns.nspacl IS NOT NULL
  UNION ALL
  SELECT CASE f.prokind WHEN 'p' THEN 'procedure' ELSE 'function' END, f.qname, f.proacl, 'f', f.proowner FROM fn f WHERE f.proacl IS NOT NULL
  UNION ALL
  SELECT CASE WHEN t.typtype = 'd' THEN 'domain' ELSE 'type' END, t.qname, t.typacl, 'T', t.typowner FROM typ t WHERE t.typacl IS NOT NULL
)
SELECT 'schema' AS kind, nspname::text AS name, jsonb_build_object('owner', pg_catalog.pg_get_userbyid(nspowner)::text) AS detail FROM ns
  WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = 'pg_catalog.pg_namespace'::regclass AND e.objid = ns.oid AND e.deptype = 'e')
UNION ALL
SELECT CASE r.relkind WHEN 'p' THEN 'partitioned table' WHEN 'f' THEN 'foreign table' ELSE 'table' END, r.qname,
  jsonb_build_object('unlogged', r.relpersistence = 'u', 'partition key', pg_catalog.pg_get_partkeydef(r.oid),
    'partition bound', pg_catalog.pg_get_expr(r.relpartbound, r.oid), 'row level security', r.relrowsecurity,
    'forced row level security', r.relforcerowsecurity, 'options', r.reloptions, 'owner', r.owner)
  FROM rel r WHERE r.relkind IN ('r', 'p', 'f')
UNION ALL
SELECT 'column', r.qname || '.' || a.attname,
  jsonb_build_object('type', pg_catalog.format_type(a.atttypid, a.atttypmod), 'not null', a.attnotnull,
    'default', pg_catalog.pg_get_expr(d.adbin, d.adrelid),
    'identity', CASE a.attidentity WHEN 'a' THEN 'always' WHEN 'd' THEN 'by default' END,
    'generated', CASE a.attgenerated WHEN 's' THEN 'stored' WHEN 'v' THEN 'virtual' END,
    'collation', CASE WHEN a.attcollation <> t.typcollation THEN co.collname END,
    'position', row_number() OVER (PARTITION BY a.attrelid ORDER BY a.attnum))
  FROM rel r JOIN pg_catalog.pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
  JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
  LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
  LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation
  WHERE r.relkind IN ('r', 'p', 'f') AND NOT r.relispartition
UNION ALL
SELECT 'constraint', con.conname || ' on ' || r.qname,
  jsonb_build_object('definition', pg_catalog.pg_get_constraintdef(con.oid), 'validated', con.convalidated,
    'deferrable', con.condeferrable, 'initially deferred', con.condeferred)
  FROM pg_catalog.pg_constraint con JOIN rel r ON r.oid = con.conrelid WHERE con.contype <> 'n' AND con.conislocal
UNION ALL
SELECT 'index', r.qname, jsonb_build_object('definition', pg_catalog.pg_get_indexdef(r.oid), 'valid', i.indisvalid)
  FROM rel r JOIN pg_catalog.pg_index i ON i.indexrelid = r.oid WHERE NOT r.relispartition
UNION ALL
SELECT 'sequence', r.qname,
  jsonb_build_object('type', pg_catalog.format_type(s.seqtypid, NULL), 'start', s.seqstart, 'increment', s.seqincrement,
    'min', s.seqmin, 'max', s.seqmax, 'cache', s.seqcache, 'cycle', s.seqcycle,
    'owner', r.owner, 'owned by', (SELECT c2.relname || '.' || a.attname FROM pg_catalog.pg_depend dep JOIN pg_catalog.pg_class c2 ON c2.oid = dep.refobjid
       JOIN pg_catalog.pg_attribute a ON a.attrelid = dep.refobjid AND a.attnum = dep.refobjsubid
       WHERE dep.classid = 'pg_catalog.pg_class'::regclass AND dep.objid = r.oid AND dep.deptype IN ('a', 'i') AND dep.refobjsubid > 0 LIMIT 1))
  FROM rel r JOIN pg_catalog.pg_sequence s ON s.seqrelid = r.oid
UNION ALL
SELECT CASE r.relkind WHEN 'v' THEN 'view' ELSE 'materialized view' END, r.qname,
  jsonb_build_object('definition', pg_catalog.pg_get_viewdef(r.oid), 'owner', r.owner)
  FROM rel r WHERE r.relkind IN ('v', 'm')
UNION ALL
SELECT CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'function' END, p.qname,
  jsonb_build_object('definition', CASE WHEN p.prokind IN ('f', 'p', 'w') THEN pg_catalog.pg_get_functiondef(p.oid) END,
    'owner', pg_catalog.pg_get_userbyid(p.proowner)::text)
  FROM fn p
UNION ALL
SELECT 'trigger', tg.tgname || ' on ' || r.qname,
  jsonb_build_object('definition', pg_catalog.pg_get_triggerdef(tg.oid), 'enabled', tg.tgenabled::text)
  FROM pg_catalog.pg_trigger tg JOIN rel r ON r.oid = tg.tgrelid WHERE tg.oid >= 16384 AND NOT tg.tgisinternal AND tg.tgparentid = 0
UNION ALL
SELECT CASE t.typtype WHEN 'e' THEN 'enum' WHEN 'd' THEN 'domain' WHEN 'r' THEN 'range type' ELSE 'type' END, t.qname,
  jsonb_build_object('owner', pg_catalog.pg_get_userbyid(t.typowner)::text,
    'labels', CASE WHEN t.typtype = 'e' THEN (SELECT jsonb_agg(e.enumlabel ORDER BY e.enumsortorder) FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid) END,
    'base type', CASE WHEN t.typtype = 'd' THEN pg_catalog.format_type(t.typbasetype, t.typtypmod) END,
    'not null', CASE WHEN t.typtype = 'd' THEN t.typnotnull END,
    'default', t.typdefault,
    'constraints', CASE WHEN t.typtype = 'd' THEN (SELECT jsonb_agg(c.conname || ' ' || pg_catalog.pg_get_constraintdef(c.oid) ORDER BY c.conname) FROM pg_catalog.pg_constraint c WHERE c.contypid = t.oid) END,
    'attributes', CASE WHEN t.typtype = 'c' THEN (SELECT jsonb_agg(a.attname || ' ' || pg_catalog.format_type(a.atttypid, a.atttypmod) ORDER BY a.attnum) FROM pg_catalog.pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped) END)
  FROM typ t
UNION ALL
SELECT 'extension', x.extname, jsonb_build_object('version', x.extversion, 'schema', n.nspname)
  FROM pg_catalog.pg_extension x JOIN pg_catalog.pg_namespace n ON n.oid = x.extnamespace
UNION ALL
SELECT 'policy', pol.polname || ' on ' || r.qname,
  jsonb_build_object('command', pol.polcmd::text, 'permissive', pol.polpermissive,
    'roles', (SELECT jsonb_agg(CASE WHEN x = 0 THEN 'public' ELSE pg_catalog.pg_get_userbyid(x)::text END ORDER BY x) FROM unnest(pol.polroles) x),
    'using', pg_catalog.pg_get_expr(pol.polqual, pol.polrelid), 'with check', pg_catalog.pg_get_expr(pol.polwithcheck, pol.polrelid))
  FROM pg_catalog.pg_policy pol JOIN rel r ON r.oid = pol.polrelid
UNION ALL
SELECT 'comment on', o.type || ' ' || o.identity, jsonb_build_object('text', d.description)
  FROM pg_catalog.pg_description d, LATERAL pg_catalog.pg_identify_object(d.classoid, d.objoid, d.objsubid) o
  WHERE d.objoid >= 16384 AND d.classoid <> 'pg_catalog.pg_extension'::regclass
    AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = d.classoid AND e.objid = d.objoid AND e.deptype = 'e')
    AND (o.schema IS NULL OR o.schema NOT IN ('pg_catalog', 'information_schema'))
UNION ALL
-- Privileges beyond an object's defaults, one object per grantee and privilege, so a
-- down that forgets a REVOKE reads 'grant SELECT on table users to app: present after down\u2026';
-- and defaults taken away (REVOKE EXECUTE \u2026 FROM PUBLIC), which a down must give back.
SELECT 'grant', g.privilege_type || ' on ' || acl.what || ' ' || acl.name || ' to ' || CASE WHEN g.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.pg_get_userbyid(g.grantee)::text END,
  jsonb_build_object('with grant option', g.is_grantable)
  FROM acl, LATERAL (SELECT x.grantee, x.privilege_type, x.is_grantable FROM pg_catalog.aclexplode(acl.acl) x
    EXCEPT SELECT d.grantee, d.privilege_type, d.is_grantable FROM pg_catalog.aclexplode(pg_catalog.acldefault(acl.k, acl.owner)) d) g
UNION ALL
SELECT 'revoked default', g.privilege_type || ' on ' || acl.what || ' ' || acl.name || ' from ' || CASE WHEN g.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.pg_get_userbyid(g.grantee)::text END,
  '{}'::jsonb
  FROM acl, LATERAL (SELECT d.grantee, d.privilege_type FROM pg_catalog.aclexplode(pg_catalog.acldefault(acl.k, acl.owner)) d
    EXCEPT SELECT x.grantee, x.privilege_type FROM pg_catalog.aclexplode(acl.acl) x) g
  WHERE acl.k IS NOT NULL
UNION ALL
SELECT 'default privileges', 'for ' || pg_catalog.pg_get_userbyid(d.defaclrole)::text || coalesce(' in schema ' || n.nspname, '') || ' on ' ||
    CASE d.defaclobjtype WHEN 'r' THEN 'tables' WHEN 'S' THEN 'sequences' WHEN 'f' THEN 'functions' WHEN 'T' THEN 'types' WHEN 'n' THEN 'schemas' ELSE d.defaclobjtype::text END,
  jsonb_build_object('privileges', (SELECT jsonb_agg(x::text ORDER BY x::text) FROM unnest(d.defaclacl) x))
  FROM pg_catalog.pg_default_acl d LEFT JOIN pg_catalog.pg_namespace n ON n.oid = d.defaclnamespace
UNION ALL
-- Rules other than a view's own _RETURN (CREATE RULE \u2026 DO INSTEAD \u2026).
SELECT 'rule', rw.rulename || ' on ' || r.qname, jsonb_build_object('definition', pg_catalog.pg_get_ruledef(rw.oid), 'enabled', rw.ev_enabled::text)
  FROM pg_catalog.pg_rewrite rw JOIN rel r ON r.oid = rw.ev_class WHERE rw.rulename <> '_RETURN'
UNION ALL
SELECT 'publication', p.pubname,
  jsonb_build_object('all tables', p.puballtables, 'insert', p.pubinsert, 'update', p.pubupdate, 'delete', p.pubdelete,
    'truncate', p.pubtruncate, 'via partition root', p.pubviaroot, 'owner', pg_catalog.pg_get_userbyid(p.pubowner)::text)
  FROM pg_catalog.pg_publication p
  WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = 'pg_catalog.pg_publication'::regclass AND e.objid = p.oid AND e.deptype = 'e')
UNION ALL
-- Tables a publication lists (directly or by schema); the view names the published columns
-- and the row filter on PostgreSQL 15+. FOR ALL TABLES is said once, on the publication.
SELECT 'publication table', CASE WHEN pt.schemaname = 'public' THEN '' ELSE pt.schemaname || '.' END || pt.tablename || ' in ' || pt.pubname,
  pg_catalog.to_jsonb(pt) - 'pubname' - 'schemaname' - 'tablename'
  FROM pg_catalog.pg_publication_tables pt JOIN pg_catalog.pg_publication p ON p.pubname = pt.pubname WHERE NOT p.puballtables
UNION ALL
SELECT 'event trigger', ev.evtname,
  jsonb_build_object('event', ev.evtevent, 'function', ev.evtfoid::pg_catalog.regprocedure::text, 'enabled', ev.evtenabled::text,
    'tags', pg_catalog.to_jsonb(ev.evttags), 'owner', pg_catalog.pg_get_userbyid(ev.evtowner)::text)
  FROM pg_catalog.pg_event_trigger ev
  WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = 'pg_catalog.pg_event_trigger'::regclass AND e.objid = ev.oid AND e.deptype = 'e')
`;
var jitOff = /* @__PURE__ */ new WeakSet();
async function takeSnapshot(db2) {
  if (!jitOff.has(db2) && db2.capabilities.jit) {
    await db2.exec("SET jit = off");
    jitOff.add(db2);
  }
  const rows = await queryPrepared(db2, "migration_guard_snapshot", SNAPSHOT_SQL);
  const snap = /* @__PURE__ */ new Map();
  for (const r of rows) {
    const detail = typeof r.detail === "string" ? JSON.parse(r.detail) : r.detail;
    snap.set(`${r.kind} ${r.name}`, detail);
  }
  return snap;
}
function tableColumns(snap) {
  const tables = /* @__PURE__ */ new Map();
  for (const [key, detail] of snap) {
    if (!key.startsWith("column ")) continue;
    const full = key.slice("column ".length);
    const dot = full.lastIndexOf(".");
    const table = tableOfColumn(snap, full) ?? full.slice(0, dot);
    const list = tables.get(table) ?? [];
    list.push({ name: full.slice(table.length + 1), pos: Number(detail.position) });
    tables.set(table, list);
  }
  return new Map([...tables].map(([t, cols]) => [t, cols.sort((a, b) => a.pos - b.pos).map((c) => c.name)]));
}
function tableOfColumn(snap, full) {
  for (let i = full.indexOf("."); i > 0; i = full.indexOf(".", i + 1)) {
    const t = full.slice(0, i);
    if (snap.has(`table ${t}`) || snap.has(`partitioned table ${t}`) || snap.has(`foreign table ${t}`)) return t;
  }
  return void 0;
}
function show(value) {
  if (value === null || value === void 0) return "none";
  const s = typeof value === "string" ? value : JSON.stringify(value);
  const flat = s.replace(/\s+/g, " ").trim();
  return flat.length > 120 ? `${flat.slice(0, 117)}\u2026` : flat;
}
function showPair(a, b) {
  const sa = show(typeof a === "string" ? a : a);
  const sb = show(typeof b === "string" ? b : b);
  if (sa.length < 120 && sb.length < 120) return [sa, sb];
  const fa = typeof a === "string" ? a.replace(/\s+/g, " ") : JSON.stringify(a) ?? "none";
  const fb = typeof b === "string" ? b.replace(/\s+/g, " ") : JSON.stringify(b) ?? "none";
  let i = 0;
  while (i < fa.length && i < fb.length && fa[i] === fb[i]) i++;
  const from = Math.max(0, i - 30);
  const cut = (s) => `${from > 0 ? "\u2026" : ""}${s.slice(from, from + 80)}${s.length > from + 80 ? "\u2026" : ""}`;
  return [cut(fa), cut(fb)];
}
function diffSnapshots(before, after, labels) {
  const out = [];
  const keys = [.../* @__PURE__ */ new Set([...before.keys(), ...after.keys()])].sort();
  for (const key of keys) {
    const b = before.get(key);
    const a = after.get(key);
    if (!a) out.push({ line: `${key}: absent ${labels.after}, present ${labels.before}`, orderOnly: false, key });
    else if (!b) out.push({ line: `${key}: present ${labels.after}, absent ${labels.before}`, orderOnly: false, key });
    else {
      const attrs = [.../* @__PURE__ */ new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !(key.startsWith("column ") && k === "position"));
      for (const attr of attrs.sort()) {
        if (JSON.stringify(a[attr] ?? null) === JSON.stringify(b[attr] ?? null)) continue;
        const [va, vb] = showPair(a[attr], b[attr]);
        out.push({ line: `${key}: ${attr} ${va} ${labels.after}, ${vb} ${labels.before}`, orderOnly: false, key });
      }
    }
  }
  const colsBefore = tableColumns(before);
  const colsAfter = tableColumns(after);
  for (const [table, bcols] of colsBefore) {
    const acols = colsAfter.get(table);
    if (!acols) continue;
    const shared = new Set(bcols.filter((c) => acols.includes(c)));
    const bo = bcols.filter((c) => shared.has(c));
    const ao = acols.filter((c) => shared.has(c));
    if (bo.join("\0") !== ao.join("\0")) {
      out.push({ line: `table ${table}: column order ${ao.join(", ")} ${labels.after}, ${bo.join(", ")} ${labels.before}`, orderOnly: true, key: `table ${table}` });
    }
  }
  return out;
}
var MULTI_WORD_KINDS = ["publication table", "default privileges", "partitioned table", "materialized view", "revoked default", "foreign table", "event trigger", "comment on", "range type"];
var RELATION_KINDS = ["table", "partitioned table", "foreign table", "view", "materialized view"];
function splitKey(key) {
  const multi = MULTI_WORD_KINDS.find((k) => key.startsWith(`${k} `));
  const kind = multi ?? key.slice(0, Math.max(0, key.indexOf(" ")));
  return [kind, key.slice(kind.length + 1)];
}
function unqualified(name) {
  return name.replace(/"((?:[^"]|"")*)"/g, (_, s) => s.replace(/""/g, '"')).replace(/^public\./, "");
}
function ownerOf(key, ...snaps) {
  const has = (k) => snaps.some((s) => s.has(k));
  const detail = (k) => snaps.map((s) => s.get(k)).find((d) => d !== void 0);
  const relation = (name2) => RELATION_KINDS.map((k) => `${k} ${name2}`).find(has);
  const [kind, name] = splitKey(key);
  const onRelation = (n) => {
    const at2 = n.lastIndexOf(" on ");
    return at2 < 0 ? void 0 : relation(n.slice(at2 + 4));
  };
  const inSchema = (n) => {
    const plain = n.split("(")[0];
    const dot = plain.indexOf(".");
    return dot > 0 && has(`schema ${plain.slice(0, dot)}`) ? `schema ${plain.slice(0, dot)}` : void 0;
  };
  switch (kind) {
    case "column":
      for (let i = name.lastIndexOf("."); i > 0; i = name.lastIndexOf(".", i - 1)) {
        const r = relation(name.slice(0, i));
        if (r) return r;
      }
      return void 0;
    case "constraint":
    case "trigger":
    case "policy":
    case "rule":
      return onRelation(name);
    case "index": {
      const definition = detail(key)?.definition;
      const on = /\bON (?:ONLY )?(.+?) USING /.exec(typeof definition === "string" ? definition : "");
      return on ? relation(unqualified(on[1])) : void 0;
    }
    case "publication table": {
      const at2 = name.lastIndexOf(" in ");
      return at2 < 0 ? void 0 : relation(name.slice(0, at2));
    }
    case "grant":
    case "revoked default": {
      const g = /^[A-Z ]+ on (table|sequence|view|materialized view|foreign table|column|schema|function|procedure|domain|type) (.+) (?:to|from) [^ ]+$/.exec(name);
      if (!g) return void 0;
      const what = g[1] === "type" ? ["type", "enum", "range type"] : [g[1]];
      return what.map((w) => `${w} ${g[2]}`).find(has);
    }
    case "comment on": {
      const c = /^(table column|view column|materialized view column|foreign table column|table constraint|materialized view|foreign table|\S+) (.+)$/.exec(name);
      if (!c) return void 0;
      const identity = unqualified(c[2].replace(/ on public\./, " on "));
      if (c[1].endsWith(" column")) return has(`column ${identity}`) ? `column ${identity}` : void 0;
      if (c[1] === "table constraint") return has(`constraint ${identity}`) ? `constraint ${identity}` : void 0;
      if (RELATION_KINDS.includes(c[1])) return relation(identity);
      const kinds = c[1] === "type" ? ["type", "enum", "range type", "domain"] : [c[1]];
      return kinds.map((k) => `${k} ${identity}`).find(has);
    }
    case "sequence": {
      const owned = detail(key)?.["owned by"];
      const table = typeof owned === "string" ? relation(owned.slice(0, owned.lastIndexOf("."))) : void 0;
      return table ?? inSchema(name);
    }
    case "table":
    case "partitioned table":
    case "foreign table":
    case "view":
    case "materialized view":
    case "function":
    case "procedure":
    case "aggregate":
    case "enum":
    case "domain":
    case "range type":
    case "type":
      return inSchema(name);
    default:
      return void 0;
  }
}

// src/verify/data.ts
var quoteIdent = (s) => `"${s.replace(/"/g, '""')}"`;
async function attempt(db2, inTransaction, fn) {
  if (inTransaction) await db2.exec("SAVEPOINT migration_guard_read");
  try {
    const r = await fn();
    if (inTransaction) await db2.exec("RELEASE SAVEPOINT migration_guard_read");
    return r;
  } catch {
    if (inTransaction) await db2.exec("ROLLBACK TO SAVEPOINT migration_guard_read");
    return void 0;
  }
}
async function fingerprint(db2, tables, options = {}) {
  const inTx = options.inTransaction ?? false;
  const out = /* @__PURE__ */ new Map();
  const entries = [...tables].filter(([, cols]) => cols.length > 0);
  if (!entries.length) return out;
  const parts = entries.map(([table, cols], i) => {
    const aggs = cols.flatMap((c) => [`count(${quoteIdent(c)})`, `pg_catalog.md5(pg_catalog.string_agg(${quoteIdent(c)}::text, E'\\x1f' ORDER BY ${quoteIdent(c)}::text))`]);
    return `SELECT ${i} AS i, pg_catalog.jsonb_build_array(count(*), ${aggs.join(", ")}) AS f FROM ${table}`;
  });
  let rows = await attempt(db2, inTx, async () => (await db2.query(parts.join("\nUNION ALL\n"))).rows);
  if (!rows) {
    rows = [];
    for (const part of parts) rows.push(...await attempt(db2, inTx, async () => (await db2.query(part)).rows) ?? []);
  }
  for (const r of rows) {
    const [table, cols] = entries[Number(r.i)];
    const f = typeof r.f === "string" ? JSON.parse(r.f) : r.f;
    const columns = /* @__PURE__ */ new Map();
    cols.forEach((c, k) => columns.set(c, { values: Number(f[1 + 2 * k]), hash: f[2 + 2 * k] ?? null }));
    out.set(table, { rows: Number(f[0]), columns });
  }
  return out;
}
function dataLoss(before, after) {
  const lost = [];
  for (const [qualified, b] of before) {
    const table = displayName(qualified);
    if (b.rows === 0) continue;
    const a = after.get(qualified);
    if (!a) {
      lost.push(`${table}: table gone, ${b.rows} rows lost`);
      continue;
    }
    if (a.rows < b.rows) lost.push(`${table}: ${b.rows - a.rows} of ${b.rows} rows lost`);
    for (const [col, bc] of b.columns) {
      if (bc.values === 0) continue;
      const ac = a.columns.get(col);
      if (!ac) lost.push(`${table}.${col}: column gone, ${bc.values} values lost`);
      else if (a.rows < b.rows)
        continue;
      else if (ac.values < bc.values) lost.push(`${table}.${col}: ${bc.values - ac.values} values lost`);
      else if (a.rows === b.rows && ac.hash !== bc.hash) lost.push(`${table}.${col}: values changed`);
    }
  }
  return lost;
}
async function userTableColumns(db2) {
  const rows = await queryPrepared(
    db2,
    "migration_guard_table_columns",
    `
    SELECT pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname) AS name,
      (SELECT coalesce(jsonb_agg(a.attname ORDER BY a.attnum), '[]'::jsonb) FROM pg_catalog.pg_attribute a
        WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS cols
    FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE c.oid >= 16384 AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'
      AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = 'pg_catalog.pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')`
  );
  return new Map(rows.map((r) => [r.name, typeof r.cols === "string" ? JSON.parse(r.cols) : r.cols]));
}

// src/verify/cycle-state.ts
var DataKnowledge = class {
  /** Table → whether it has rows. */
  hasRows = /* @__PURE__ */ new Map();
  /** Tables that refused synthetic rows, with their column list when they did. */
  unseedable = /* @__PURE__ */ new Map();
  /** Fingerprints still valid, with the column list they were taken with. */
  fingerprints = /* @__PURE__ */ new Map();
  /** Forget what is known about these tables. */
  forget(tables) {
    for (const t of tables) {
      this.hasRows.delete(t);
      this.fingerprints.delete(t);
      this.unseedable.delete(t);
    }
  }
  /** Forget everything. */
  forgetAll() {
    this.hasRows.clear();
    this.fingerprints.clear();
    this.unseedable.clear();
  }
};
function modifyingLocks(locks, known) {
  const out = /* @__PURE__ */ new Set();
  for (const { oid, mode } of locks.values()) {
    if (lockRank(mode) < lockRank("RowExclusiveLock")) continue;
    const name = known.get(oid)?.name;
    if (name) out.add(name);
  }
  return out;
}
var CycleState = class {
  constructor(db2, options) {
    this.db = db2;
    this.options = options;
  }
  db;
  options;
  /** Ups applied so far, for rebuilding after a failed autocommit up. */
  applied = [];
  seedMemory = /* @__PURE__ */ new Map();
  /** Synthetic rows put in each table (by `regclass` text). */
  seededRows = /* @__PURE__ */ new Map();
  data = new DataKnowledge();
  /**
   * The schema the database is in now, when known: the previous cycle's snapshot B
   * (after its up), since everything after B was rolled back. Seeding adds rows only.
   */
  schema;
  /**
   * An earlier up altered a table: PL/pgSQL functions of this session may hold plans
   * for the old row type ("type of parameter N does not match that when preparing
   * the plan"), which a deploy's fresh session would not. DISCARD PLANS before the next.
   */
  plansStale = false;
  /**
   * The schema before each changed migration's up (its snapshot A), for every migration
   * with a down file: the whole-chain rollback (chain.ts) compares against them.
   */
  before = /* @__PURE__ */ new Map();
  /** verify itself failed on a migration: the database state is not trusted for the chain check. */
  internalError = false;
  /** Set once the chain cannot continue; later migrations are skipped with this reason. */
  stopped;
  /** The last stop was a changed up that failed and was rolled back whole: the database is still usable. */
  cleanFailure = false;
  /** Tables (as userTableColumns names them) created by migrations the change added: empty when the later ones deploy. */
  newTables = /* @__PURE__ */ new Set();
  /** The tables at the start of the previous cycle, and whether that migration was added by the change. */
  previous;
  baseline;
  /** Milliseconds spent per phase over the run (seed, snapshot, up, …), for the bench. */
  phases = /* @__PURE__ */ new Map();
  /** Time `fn` under `phase`. */
  async timed(phase, fn) {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      this.phases.set(phase, (this.phases.get(phase) ?? 0) + performance.now() - t0);
    }
  }
};

// src/verify/seed.ts
var TABLES_SQL = `
WITH t AS (
  SELECT c.oid, pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname) AS name
  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE c.oid >= 16384 AND c.relkind IN ('r', 'p') AND NOT c.relispartition
    AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'
    AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = 'pg_catalog.pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')
    AND ($1::text[] IS NULL OR pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname) = ANY($1::text[]))
),
uniq AS (
  SELECT DISTINCT ix.indrelid, k.attnum
  FROM pg_catalog.pg_index ix CROSS JOIN LATERAL unnest(ix.indkey::int2[]) AS k(attnum)
  WHERE ix.indisunique AND ix.indrelid >= 16384
)
SELECT 't' AS k, t.oid::int8 AS oid, 0 AS n, jsonb_build_object('name', t.name) AS d FROM t
UNION ALL
SELECT 'c', t.oid::int8, a.attnum, jsonb_build_object(
    'name', a.attname, 'type', pg_catalog.format_type(a.atttypid, a.atttypmod),
    'base', bt.typname, 'category', bt.typcategory::text,
    'elem', et.typname, 'elemCategory', et.typcategory::text, 'elemType', pg_catalog.format_type(et.oid, NULL), 'elemIsEnum', et.typtype = 'e',
    'isEnum', bt.typtype = 'e', 'typmod', CASE WHEN ty.typtype = 'd' THEN ty.typtypmod ELSE a.atttypmod END,
    'notNull', a.attnotnull OR (ty.typtype = 'd' AND ty.typnotnull),
    'defaultExpr', pg_catalog.pg_get_expr(d.adbin, d.adrelid),
    'identity', a.attidentity <> '', 'generated', a.attgenerated <> '',
    'unique', u.attnum IS NOT NULL)
  FROM t JOIN pg_catalog.pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped
  JOIN pg_catalog.pg_type ty ON ty.oid = a.atttypid
  JOIN pg_catalog.pg_type bt ON bt.oid = (CASE WHEN ty.typtype = 'd' THEN ty.typbasetype ELSE ty.oid END)
  LEFT JOIN pg_catalog.pg_type et ON et.oid = bt.typelem AND bt.typcategory = 'A'
  LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
  LEFT JOIN uniq u ON u.indrelid = a.attrelid AND u.attnum = a.attnum
UNION ALL
SELECT 'f', t.oid::int8, 0, jsonb_build_object('parent', con.confrelid::int8, 'parentName', (SELECT pg_catalog.quote_ident(pn.nspname) || '.' || pg_catalog.quote_ident(pc.relname) FROM pg_catalog.pg_class pc JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace WHERE pc.oid = con.confrelid),
    'columns', (SELECT jsonb_agg(a.attname ORDER BY k.i) FROM unnest(con.conkey) WITH ORDINALITY k(n, i) JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n),
    'parentColumns', (SELECT jsonb_agg(a.attname ORDER BY k.i) FROM unnest(con.confkey) WITH ORDINALITY k(n, i) JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n))
  FROM t JOIN pg_catalog.pg_constraint con ON con.conrelid = t.oid AND con.contype = 'f'
UNION ALL
SELECT 'k', t.oid::int8, 0, jsonb_build_object('def', pg_catalog.pg_get_constraintdef(con.oid))
  FROM t JOIN pg_catalog.pg_constraint con ON con.conrelid = t.oid AND con.contype = 'c'
UNION ALL
SELECT 'n', t.oid::int8, 0, jsonb_build_object('name', ic.relname,
    'columns', (SELECT jsonb_agg(a.attname) FROM pg_catalog.pg_attribute a WHERE a.attrelid = t.oid AND a.attnum = ANY(ix.indkey::int2[])))
  FROM t JOIN pg_catalog.pg_index ix ON ix.indrelid = t.oid AND ix.indisunique JOIN pg_catalog.pg_class ic ON ic.oid = ix.indexrelid
UNION ALL
SELECT 'n', t.oid::int8, 0, jsonb_build_object('name', con.conname,
    'columns', (SELECT jsonb_agg(a.attname) FROM pg_catalog.pg_attribute a WHERE a.attrelid = t.oid AND a.attnum = ANY(con.conkey)))
  FROM t JOIN pg_catalog.pg_constraint con ON con.conrelid = t.oid AND con.contype IN ('c', 'x')
`;
function parseJson(v) {
  return typeof v === "string" ? JSON.parse(v) : v;
}
var quoteIdent2 = (s) => `"${s.replace(/"/g, '""')}"`;
var quoteLiteral = (s) => `'${s.replace(/'/g, "''")}'`;
async function readTables(db2, known = /* @__PURE__ */ new Map(), only) {
  const arg = only ? `ARRAY[${only.map(quoteLiteral).join(", ")}]::text[]` : "NULL::text[]";
  const rows = await queryPrepared(db2, "migration_guard_seed_tables", TABLES_SQL, [arg], ["text[]"]);
  const byOid = /* @__PURE__ */ new Map();
  const cols = [];
  for (const r of rows) {
    const oid = Number(r.oid);
    const d = parseJson(r.d);
    if (r.k === "t") byOid.set(oid, { oid, name: String(d.name), columns: [], fks: [], checks: [], constraintColumns: /* @__PURE__ */ new Map(), rows: 0 });
    else if (r.k === "n") byOid.get(oid)?.constraintColumns.set(String(d.name), d.columns ?? []);
    else if (r.k === "c") cols.push({ oid, n: Number(r.n), c: d });
    else if (r.k === "f") byOid.get(oid)?.fks.push(d);
    else if (r.k === "k") byOid.get(oid)?.checks.push(String(d.def));
  }
  for (const t of [...byOid.values()]) {
    for (const fk of t.fks) {
      if (byOid.has(fk.parent)) continue;
      const name = fk.parentName ?? String(fk.parent);
      byOid.set(fk.parent, { oid: fk.parent, name, columns: [], fks: [], checks: [], constraintColumns: /* @__PURE__ */ new Map(), rows: 0, stub: true });
    }
  }
  cols.sort((a, b) => a.oid - b.oid || a.n - b.n);
  for (const { oid, c } of cols) {
    const t = byOid.get(oid);
    if (t) t.columns.push({ ...c, allowed: allowedValues(c.name, t.checks) });
  }
  const tables = [...byOid.values()];
  const unknown = tables.filter((t) => !known.has(t.name));
  for (const t of tables) t.rows = known.get(t.name) ? 1 : 0;
  if (unknown.length) {
    const counts = await db2.query(unknown.map((t) => `SELECT ${t.oid}::int8 AS oid, EXISTS (SELECT 1 FROM ${t.name}) AS n`).join("\nUNION ALL\n"));
    const has = new Map(counts.rows.map((r) => [Number(r.oid), r.n === true || r.n === "t"]));
    for (const t of unknown) t.rows = has.get(t.oid) ? 1 : 0;
  }
  return tables;
}
function allowedValues(column, checks) {
  const col = `(?:"${column.replace(/"/g, '""').replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"|${column.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")})`;
  for (const def of checks) {
    const any = new RegExp(`\\(+${col}\\)?(?:::[\\w ]+)?\\s*=\\s*ANY\\s*\\(\\(?ARRAY\\[(.*?)\\]`, "i").exec(def);
    const list = any?.[1];
    if (list) {
      const lits = [...list.matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1].replace(/''/g, "'"));
      if (lits.length) return lits;
    }
    const eq = new RegExp(`^CHECK \\(+${col}(?:::[\\w ]+)?\\s*=\\s*'((?:[^']|'')*)'`, "i").exec(def);
    if (eq) return [eq[1].replace(/''/g, "'")];
  }
  return null;
}
function charLength(c) {
  if (["varchar", "bpchar"].includes(c.base) && c.typmod > 4) return c.typmod - 4;
  return void 0;
}
function scalarValue(base, category, type, typmod, isEnum, salt, style) {
  if (isEnum) return `(pg_catalog.enum_range(NULL::${type}))[1 + (g - 1) % pg_catalog.array_length(pg_catalog.enum_range(NULL::${type}), 1)]`;
  switch (base) {
    case "bool":
      return "(g % 2 = 0)";
    case "int2":
    case "int4":
    case "int8":
    case "float4":
    case "float8":
    case "oid":
      return `g::${type}`;
    case "numeric": {
      if (typmod > 4) {
        const p = typmod - 4 >> 16 & 65535;
        const s = typmod - 4 & 65535;
        const digits = p - s;
        return digits <= 0 ? `0::${type}` : `(g % ${10 ** Math.min(digits, 9)})::${type}`;
      }
      return `g::${type}`;
    }
    case "money":
      return `g::numeric::money`;
    case "uuid":
      return `pg_catalog.md5('${salt}' || g)::uuid`;
    case "json":
    case "jsonb":
      return `pg_catalog.jsonb_build_object('seed', g)::${type}`;
    case "date":
      return `(current_date - g % 7)`;
    case "timestamp":
    case "timestamptz":
      return `(now() - g * interval '1 second')::${type}`;
    case "time":
    case "timetz":
      return `(time '00:00' + g * interval '1 second')::${type}`;
    case "interval":
      return `(g * interval '1 minute')`;
    case "bytea":
      return `pg_catalog.convert_to('seed-' || g, 'UTF8')`;
    case "inet":
    case "cidr":
      return `('10.0.' || (g / 256) || '.' || (g % 256))::${type}`;
    case "macaddr":
      return `('08:00:2b:00:' || pg_catalog.lpad(pg_catalog.to_hex(g / 256), 2, '0') || ':' || pg_catalog.lpad(pg_catalog.to_hex(g % 256), 2, '0'))::macaddr`;
    case "tsvector":
      return `pg_catalog.to_tsvector('simple', 'seed' || g)`;
    case "xml":
      return `('<seed>' || g || '</seed>')::xml`;
    case "bit":
      return `g::${type}`;
    case "varbit":
      return `g::bit(32)::varbit`;
    case "point":
      return `point(g, g)`;
  }
  if (category === "S") {
    const len = charLength({ base, typmod });
    const text = style === "version" ? `(g || '.0.0')` : `('seed-' || g)`;
    return len ? `pg_catalog.left(${text}, ${len})::${type}` : `${text}::${type}`;
  }
  if (category === "N") return `g::${type}`;
  return void 0;
}
function columnValue(c, salt, style) {
  if (c.allowed) return `(ARRAY[${c.allowed.map(quoteLiteral).join(", ")}])[1 + (g - 1) % ${c.allowed.length}]::${c.type}`;
  if (c.category === "A") {
    if (!c.elem) return `'{}'::${c.type}`;
    const inner = scalarValue(c.elem, c.elemCategory ?? "", c.elemType ?? c.elem, -1, c.elemIsEnum, salt, style);
    return inner ? `ARRAY[${inner}]::${c.type}` : `'{}'::${c.type}`;
  }
  const v = scalarValue(c.base, c.category, c.type, c.typmod, c.isEnum, salt, style);
  if (v === void 0) return `('seed' || g)::${c.type}`;
  return c.base === c.type.split("(")[0] ? v : `(${v})::${c.type}`;
}
function defaultVaries(expr) {
  return /\(/.test(expr) && !/^'.*'::[\w ."]+$/.test(expr);
}
function planInsert(t, n, nullOptional, byOid, style = "plain", omit = /* @__PURE__ */ new Set()) {
  const cols = [];
  const values = [];
  const joins = [];
  const fkOf = /* @__PURE__ */ new Map();
  t.fks.forEach((fk, i) => fk.columns.forEach((col, j) => fkOf.set(col, { fk, index: j, alias: `p${i}` })));
  const selfValue = /* @__PURE__ */ new Map();
  for (const c of t.columns) {
    if (c.identity || c.generated || fkOf.has(c.name) && !fkOf.get(c.name).fk.guessed) continue;
    if (c.defaultExpr !== null && (!c.unique || defaultVaries(c.defaultExpr))) continue;
    const v = columnValue(c, `${t.oid}-`, style);
    if (v !== void 0) selfValue.set(c.name, v);
  }
  const usedFks = /* @__PURE__ */ new Set();
  for (const c of t.columns) {
    if (c.identity || c.generated) continue;
    const entry = fkOf.get(c.name);
    const fk = entry?.fk.guessed && !byOid.get(entry.fk.parent)?.rows ? void 0 : entry;
    if (fk) {
      const fkIndex = t.fks.indexOf(fk.fk);
      if (fk.fk.parent === t.oid) {
        if (!c.notNull) continue;
        const own = selfValue.get(fk.fk.parentColumns[fk.index]);
        if (!own) return `column ${c.name} must reference the table itself and its key has no value we can choose`;
        cols.push(quoteIdent2(c.name));
        values.push(own);
        continue;
      }
      const parent = byOid.get(fk.fk.parent);
      if (!parent || parent.rows === 0) {
        if (c.notNull) return `column ${c.name} references ${parent?.name ?? "a table"} which has no rows`;
        continue;
      }
      if (nullOptional && !c.notNull) continue;
      if (!usedFks.has(fkIndex)) {
        usedFks.add(fkIndex);
        const pcols = fk.fk.parentColumns.map(quoteIdent2);
        joins.push(
          `LEFT JOIN (SELECT ${pcols.map((p, k) => `${p} AS k${k}`).join(", ")}, row_number() OVER () AS rn FROM ${parent.name} WHERE ${pcols.map((p) => `${p} IS NOT NULL`).join(" AND ")}) ${fk.alias} ON ${fk.alias}.rn = 1 + (g - 1) % (SELECT GREATEST(1, count(*)) FROM ${parent.name})`
        );
      }
      cols.push(quoteIdent2(c.name));
      values.push(`${fk.alias}.k${fk.index}`);
      continue;
    }
    const v = selfValue.get(c.name);
    if (v === void 0) {
      if (c.defaultExpr !== null || !c.notNull) continue;
      return `no value for column ${c.name} of type ${c.type}`;
    }
    if (nullOptional && !c.notNull && !c.unique) continue;
    if (omit.has(c.name) && !c.notNull) continue;
    cols.push(quoteIdent2(c.name));
    values.push(v);
  }
  const target = cols.length ? `${t.name} (${cols.join(", ")})` : t.name;
  const select = cols.length ? `SELECT ${values.join(", ")}` : "SELECT";
  if (!cols.length) return { sql: `INSERT INTO ${t.name} SELECT FROM pg_catalog.generate_series(1, ${n}) g` };
  return { sql: `INSERT INTO ${target} ${select} FROM pg_catalog.generate_series(1, ${n}) AS s(g) ${joins.join(" ")}` };
}
function bareTable(name) {
  const last = name.match(/(?:"(?:[^"]|"")*"|[^.])+$/)?.[0] ?? name;
  return last.replace(/^"|"$/g, "").replace(/""/g, '"').toLowerCase();
}
function idStem(column) {
  return /^(.+)_id$/i.exec(column)?.[1]?.toLowerCase();
}
function parentNames(x) {
  return [`${x}s`, x, `${x}es`, ...x.endsWith("y") ? [`${x.slice(0, -1)}ies`] : []];
}
async function guessableParents(db2, tables, known) {
  const have = new Set(tables.map((t) => t.name));
  const stems = tables.filter((t) => !t.stub).flatMap((t) => t.columns.map((c) => idStem(c.name)));
  const wanted = new Set(stems.flatMap((stem) => stem ? parentNames(stem) : []));
  if (!wanted.size) return [];
  const { rows } = await db2.query(
    `SELECT pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname) AS name FROM pg_catalog.pg_class c
       JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND lower(c.relname) = ANY(ARRAY[${[...wanted].map(quoteLiteral).join(", ")}]::text[])`
  );
  const names = rows.map((r) => r.name).filter((n) => !have.has(n));
  if (!names.length) return [];
  return (await readTables(db2, known, names)).filter((t) => !have.has(t.name)).map((t) => ({ ...t, stub: true }));
}
function guessForeignKeys(tables) {
  const byName = /* @__PURE__ */ new Map();
  for (const t of tables) byName.set(bareTable(t.name), [...byName.get(bareTable(t.name)) ?? [], t]);
  for (const t of tables) {
    if (t.stub) continue;
    const constrained = new Set(t.fks.flatMap((fk) => fk.columns));
    for (const c of t.columns) {
      const stem = idStem(c.name);
      if (!stem || constrained.has(c.name) || c.identity || c.generated) continue;
      const parent = parentNames(stem).flatMap((n) => byName.get(n) ?? []).find((p) => p !== t && p.columns.some((k) => k.name === "id" && k.unique && (k.base === c.base || k.category === "N" && c.category === "N")));
      if (parent) t.fks.push({ columns: [c.name], parent: parent.oid, parentColumns: ["id"], guessed: true });
    }
  }
}
function parentsFirst(tables) {
  const byOid = new Map(tables.map((t) => [t.oid, t]));
  const done = /* @__PURE__ */ new Set();
  const visiting = /* @__PURE__ */ new Set();
  const out = [];
  const visit = (t) => {
    if (done.has(t.oid) || visiting.has(t.oid)) return;
    visiting.add(t.oid);
    for (const fk of t.fks) {
      const p = byOid.get(fk.parent);
      if (p && p !== t) visit(p);
    }
    visiting.delete(t.oid);
    done.add(t.oid);
    out.push(t);
  };
  tables.forEach(visit);
  return out;
}
function shapeKey(t, byOid) {
  return JSON.stringify([t.name, t.columns, t.fks.map((fk) => [fk, byOid.get(fk.parent)?.rows ? 1 : 0]), t.checks]);
}
function culpritColumns(t, err) {
  const e = err;
  if (e.column) return [e.column];
  return e.constraint ? t.constraintColumns.get(e.constraint) ?? [] : [];
}
function errorText(err) {
  const e = err;
  return (e.message ?? String(err)).split("\n")[0];
}
async function seedEmptyTables(db2, rows, memory = /* @__PURE__ */ new Map(), known = /* @__PURE__ */ new Map(), only) {
  const tables = await readTables(db2, known, only);
  if (only) tables.push(...await guessableParents(db2, tables, known));
  guessForeignKeys(tables);
  const byOid = new Map(tables.map((t) => [t.oid, t]));
  const result = { seeded: /* @__PURE__ */ new Map(), unseeded: /* @__PURE__ */ new Map(), rows: /* @__PURE__ */ new Map() };
  if (rows > 0) {
    for (const t of parentsFirst(tables)) {
      if (t.rows > 0 || t.stub) continue;
      const key = shapeKey(t, byOid);
      const known2 = memory.get(key);
      if (known2) {
        result.unseeded.set(t.name, known2);
        continue;
      }
      let reason = "";
      const omit = /* @__PURE__ */ new Set();
      const attempts = [
        [rows, false, "plain"],
        [rows, false, "plain"],
        [rows, false, "plain"],
        [rows, true, "plain"],
        [rows, false, "version"],
        [1, false, "plain"],
        [1, true, "plain"]
      ];
      for (const [i, [n, nullOptional, style]] of attempts.entries()) {
        if (i > 0 && i < 3 && !reason.startsWith("\0")) continue;
        reason = reason.replace(/^\u0000/, "");
        const plan = planInsert(t, n, nullOptional, byOid, style, omit);
        if (typeof plan === "string") {
          reason = plan;
          break;
        }
        try {
          await db2.exec(plan.sql);
          t.rows = n;
          result.seeded.set(t.name, n);
          reason = "";
          break;
        } catch (err) {
          reason = errorText(err);
          const culprits = culpritColumns(t, err).filter((c) => !omit.has(c) && !t.columns.find((x) => x.name === c)?.notNull);
          if (i < 2 && culprits.length) {
            culprits.forEach((c) => omit.add(c));
            reason = `\0${reason}`;
          }
        }
      }
      reason = reason.replace(/^\u0000/, "");
      if (reason) {
        memory.set(key, reason);
        result.unseeded.set(t.name, reason);
      }
    }
  }
  for (const t of tables) if (!t.stub) result.rows.set(t.name, t.rows);
  return result;
}
async function truncateAll(db2) {
  const tables = await readTables(db2);
  const names = tables.filter((t) => t.rows > 0).map((t) => t.name);
  if (names.length) await db2.exec(`TRUNCATE ${names.join(", ")} CASCADE`);
}

// src/verify/statements.ts
function executableStatements(source) {
  const parsed = parseSql(source);
  if (parsed.problems.length) {
    const p = parsed.problems[0];
    const whole = {
      file: source.file,
      line: source.firstLine,
      sql: source.text,
      kind: "Unparsed",
      nonTransactional: null,
      commitBeforeUse: false,
      transactionControl: false,
      inTransactionSql: source.text
    };
    return { units: source.text.trim() ? [whole] : [], problem: `line ${p.range.line}: ${p.message}` };
  }
  const units = [];
  let lastRange = "";
  for (const s of parsed.statements) {
    if (s.embedded) continue;
    const rangeKey = `${s.range.line}:${s.range.column}:${s.range.endLine}:${s.range.endColumn}`;
    if (rangeKey === lastRange) continue;
    lastRange = rangeKey;
    const nonTx = nonTransactionalReason(s);
    units.push({
      file: source.file,
      line: s.range.line,
      sql: s.sql,
      kind: s.kind,
      nonTransactional: nonTx,
      commitBeforeUse: s.kind === "AlterEnumStmt" && !s.node?.oldVal,
      transactionControl: s.kind === "TransactionStmt",
      inTransactionSql: nonTx === null ? s.sql : inTransactionForm(s)
    });
  }
  return { units };
}
function hasOption(options, name) {
  return (options ?? []).some((o) => as(o, "DefElem")?.defname === name);
}
function nonTransactionalReason(s) {
  const { kind, node: n } = s;
  switch (kind) {
    case "IndexStmt":
      return n.concurrent ? "CREATE INDEX CONCURRENTLY" : null;
    case "DropStmt":
      return n.concurrent ? "DROP INDEX CONCURRENTLY" : null;
    case "ReindexStmt":
      return hasOption(n.params, "concurrently") ? "REINDEX CONCURRENTLY" : null;
    case "VacuumStmt":
      return n.is_vacuumcmd ? "VACUUM" : null;
    case "AlterTableStmt":
      return alterCommands(n).some((c) => as(c.def, "PartitionCmd")?.concurrent) ? "DETACH PARTITION CONCURRENTLY" : null;
    case "CreatedbStmt":
      return "CREATE DATABASE";
    case "DropdbStmt":
      return "DROP DATABASE";
    case "AlterSystemStmt":
      return "ALTER SYSTEM";
    case "CreateTableSpaceStmt":
      return "CREATE TABLESPACE";
    case "DropTableSpaceStmt":
      return "DROP TABLESPACE";
    case "CreateSubscriptionStmt":
      return "CREATE SUBSCRIPTION";
    case "DropSubscriptionStmt":
      return "DROP SUBSCRIPTION";
    case "ClusterStmt":
      return n.relation ? null : "CLUSTER without a table";
    default:
      return null;
  }
}
function inTransactionForm(s) {
  if (s.kind === "VacuumStmt") return null;
  if (["IndexStmt", "DropStmt", "ReindexStmt", "AlterTableStmt"].includes(s.kind)) {
    return s.sql.replace(/\bconcurrently\b/i, "");
  }
  return s.sql;
}
function needsAutocommit(units) {
  return units.some((u) => u.nonTransactional !== null || u.commitBeforeUse);
}
function runsInOneTransaction(transactional, sentAsOneQuery, units) {
  return transactional || !!sentAsOneQuery && units.length > 1;
}

// src/verify/executor.ts
var MAX_SQL = 2e3;
function errorInfo(err) {
  const e = err;
  const message = (e.message ?? String(err)).trim();
  return { message: e.detail ? `${message} (${e.detail})` : message, code: e.code };
}
async function setTimeoutMs(db2, ms) {
  if (db2.setStatementTimeout) await db2.setStatementTimeout(ms);
  else await db2.exec(`SET statement_timeout = ${Math.max(0, Math.floor(ms))}`);
}
async function execTimed(db2, sql, timeoutMs) {
  const t0 = performance.now();
  try {
    await db2.exec(sql);
  } catch (err) {
    const info = errorInfo(err);
    if (info.code === "57014" && /timeout/i.test(info.message)) info.message = `did not finish within the statement timeout (${timeoutMs} ms): ${info.message}`;
    return { ms: performance.now() - t0, error: info };
  }
  const ms = performance.now() - t0;
  if (timeoutMs > 0 && ms > timeoutMs) return { ms, error: { message: `did not finish within the statement timeout (${timeoutMs} ms)`, code: "57014" } };
  return { ms };
}
function traceOf(u, ms) {
  const sql = u.sql.length > MAX_SQL ? `${u.sql.slice(0, MAX_SQL)}\u2026` : u.sql;
  const t = { line: u.line, sql, ms: Math.round(ms * 100) / 100, locks: [], rewrites: [] };
  if (u.extra) t.file = u.file;
  return t;
}
async function runInTransaction(db2, units, timeoutMs, known, asWritten = false) {
  const traces = [];
  let total = 0;
  let prev = known ? await observe(db2, known) : void 0;
  for (const u of units) {
    if (u.transactionControl) {
      if (known) traces.push({ ...traceOf(u, 0), notObserved: "transaction control: not sent, verify runs the migration in its own transaction" });
      continue;
    }
    if (u.inTransactionSql === null && !asWritten) {
      if (known) traces.push({ ...traceOf(u, 0), notObserved: `${u.nonTransactional}: skipped inside the verification transaction (no schema effect)` });
      continue;
    }
    const r = await execTimed(db2, asWritten ? u.sql : u.inTransactionSql, timeoutMs);
    total += r.ms;
    const t = traceOf(u, r.ms);
    if (u.nonTransactional && !asWritten) t.notObserved = `${u.nonTransactional} cannot run in a transaction: verify ran it without CONCURRENTLY, so its locks are not the ones production takes`;
    if (r.error) {
      t.error = r.error.message;
      if (known) traces.push(t);
      return { ok: false, error: r.error.message, line: u.line, file: u.extra ? u.file : void 0, code: r.error.code, ms: total, traces };
    }
    if (known && prev) {
      const now = await observe(db2, known);
      if (!u.nonTransactional) t.locks = newLocks(prev, now, known);
      t.rewrites = rewrites(prev, now, known);
      prev = now;
      traces.push(t);
    }
  }
  return { ok: true, error: null, ms: total, traces };
}
async function runAutocommit(db2, units, timeoutMs, known) {
  const traces = [];
  let total = 0;
  let prev = await observe(db2, known);
  for (const u of units) {
    if (u.transactionControl) {
      traces.push({ ...traceOf(u, 0), notObserved: "transaction control: not sent, verify runs each statement on its own" });
      continue;
    }
    const t = traceOf(u, 0);
    let r;
    if (u.nonTransactional) {
      r = await execTimed(db2, u.sql, timeoutMs);
      t.notObserved = `locks: ${u.nonTransactional} runs outside a transaction and releases its locks before pg_locks can be read`;
    } else {
      await db2.exec("BEGIN");
      r = await execTimed(db2, u.sql, timeoutMs);
    }
    total += r.ms;
    t.ms = Math.round(r.ms * 100) / 100;
    if (r.error) {
      if (!u.nonTransactional) await rollbackQuietly(db2);
      t.error = r.error.message;
      traces.push(t);
      return { ok: false, error: r.error.message, line: u.line, file: u.extra ? u.file : void 0, code: r.error.code, ms: total, traces };
    }
    const now = await observe(db2, known);
    if (!u.nonTransactional) {
      t.locks = newLocks(prev, now, known);
      await db2.exec("COMMIT");
    }
    t.rewrites = rewrites(prev, now, known);
    prev = { locks: /* @__PURE__ */ new Map(), filenodes: now.filenodes };
    traces.push(t);
  }
  return { ok: true, error: null, ms: total, traces };
}
function stoppedByTimeout(db2, r) {
  return r.code === "57014" && db2.capabilities.timeoutStopsDatabase;
}
function outcome(r) {
  const o = { ok: r.ok, error: r.error, ms: Math.round(r.ms * 100) / 100 };
  if (!r.ok && r.line !== void 0) o.line = r.line;
  if (!r.ok && r.file !== void 0) o.file = r.file;
  return o;
}
async function rollbackQuietly(db2, to) {
  try {
    await db2.exec(to ? `ROLLBACK TO SAVEPOINT ${to}` : "ROLLBACK");
  } catch {
  }
}

// src/verify/reset.ts
var qi = (s) => `"${s.replace(/"/g, '""')}"`;
async function captureBaseline(db2) {
  const { rows } = await db2.query(`
    SELECT 's' AS k, nspname AS name FROM pg_catalog.pg_namespace
      WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\\_toast%' AND nspname NOT LIKE 'pg\\_temp\\_%'
    UNION ALL SELECT 'e', extname FROM pg_catalog.pg_extension
    UNION ALL SELECT 'r', rolname FROM pg_catalog.pg_roles`);
  const of = (k) => rows.filter((r) => r.k === k).map((r) => r.name);
  const access = await db2.query(`
    SELECT n.nspname AS name, pg_catalog.pg_get_userbyid(n.nspowner)::text AS owner,
      CASE WHEN g.grantee = 0 THEN NULL ELSE pg_catalog.pg_get_userbyid(g.grantee)::text END AS grantee, g.privilege_type AS privilege, g.is_grantable AS grantable
    FROM pg_catalog.pg_namespace n LEFT JOIN LATERAL pg_catalog.aclexplode(n.nspacl) g ON g.grantee <> n.nspowner
    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'`);
  const schemaAccess = /* @__PURE__ */ new Map();
  for (const r of access.rows) {
    const a = schemaAccess.get(r.name) ?? { owner: r.owner, grants: [] };
    if (r.privilege) a.grants.push(`GRANT ${r.privilege} ON SCHEMA ${qi(r.name)} TO ${r.grantee === null ? "PUBLIC" : qi(r.grantee)}${r.grantable ? " WITH GRANT OPTION" : ""}`);
    schemaAccess.set(r.name, a);
  }
  return { schemas: of("s"), extensions: of("e"), roles: of("r"), schemaAccess };
}
async function resetDatabase(db2, baseline) {
  await db2.exec("ROLLBACK").catch(() => {
  });
  const now = await captureBaseline(db2);
  const sql = [];
  for (const e of now.extensions) if (!baseline.extensions.includes(e)) sql.push(`DROP EXTENSION IF EXISTS ${qi(e)} CASCADE`);
  for (const s of now.schemas) sql.push(`DROP SCHEMA IF EXISTS ${qi(s)} CASCADE`);
  for (const s of baseline.schemas) sql.push(`CREATE SCHEMA IF NOT EXISTS ${qi(s)}`);
  const access = [];
  for (const s of baseline.schemas) {
    const a = baseline.schemaAccess?.get(s);
    if (a) access.push(`ALTER SCHEMA ${qi(s)} OWNER TO ${qi(a.owner)}`, ...a.grants);
    else if (s === "public") access.push("GRANT USAGE ON SCHEMA public TO PUBLIC");
  }
  for (const r of now.roles) if (!baseline.roles.includes(r)) sql.push(`DROP OWNED BY ${qi(r)} CASCADE`, `DROP ROLE IF EXISTS ${qi(r)}`);
  for (const stmt of sql) await db2.exec(stmt);
  for (const stmt of access) await db2.exec(stmt).catch(() => {
  });
}

// src/verify/cycle.ts
function unitsOf(m, which) {
  const sources = which === "up" ? [m.up, ...m.extraUp ?? []] : m.down ? [m.down] : [];
  const units = [];
  let problem;
  for (const [i, src] of sources.entries()) {
    const r = executableStatements(src);
    units.push(...r.units.map((u) => i > 0 ? { ...u, extra: true } : u));
    if (r.problem) problem ??= sources.length > 1 ? `${src.file}: ${r.problem}` : r.problem;
  }
  return { units, problem };
}
function hasDown(m) {
  return !!m.down && m.down.text.replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, "").trim().length > 0;
}
function summaryWord(v) {
  if (!v.up.ok) return "up failed";
  if (!v.hasDown) return "applied (no down)";
  if (v.down && !v.down.ok) return "down failed";
  return [v.reversible ? "reversible" : "not reversible", v.reapplicable ? "reapplicable" : "not reapplicable"].join(", ");
}
function emptyVerification(m) {
  return {
    id: m.id,
    file: m.up.file,
    hasDown: hasDown(m),
    up: { ok: false, error: null, ms: 0 },
    reversible: false,
    reapplicable: false,
    schemaDiff: [],
    dataCheck: { rowsSeeded: 0, failsWithData: false, error: null, lost: [] },
    statements: []
  };
}
function skippedVerification(m, reason) {
  const v = emptyVerification(m);
  v.up = { ok: false, error: `not run: ${reason}`, ms: 0 };
  v.skipped = reason;
  return v;
}
async function rebuild(state) {
  const { db: db2, options } = state;
  if (!state.baseline) return false;
  state.options.log?.("verify: rebuilding the database after a migration failed outside a transaction");
  state.data.forgetAll();
  state.schema = void 0;
  await resetDatabase(db2, state.baseline);
  for (const m of state.applied) {
    const { units } = unitsOf(m, "up");
    const asOne = upInOneTransaction(m, units);
    if (!asOne && needsAutocommit(units)) {
      if (!(await runAutocommit(db2, units, options.statementTimeoutMs, /* @__PURE__ */ new Map())).ok) return false;
      continue;
    }
    await db2.exec("BEGIN");
    const r = await runInTransaction(db2, units, options.statementTimeoutMs, void 0, asOne);
    if (!r.ok) {
      await rollbackQuietly(db2);
      options.log?.(`verify: could not replay ${m.id} while rebuilding: ${r.error}`);
      return false;
    }
    await db2.exec("COMMIT");
  }
  return true;
}
async function discardStalePlans(state) {
  if (!state.plansStale) return;
  await state.db.exec("DISCARD PLANS");
  state.plansStale = false;
}
async function applyOnly(state, m) {
  const { db: db2, options } = state;
  const { units } = unitsOf(m, "up");
  await discardStalePlans(state);
  if (units.some((u) => u.kind === "AlterTableStmt")) state.plansStale = true;
  const asOne = upInOneTransaction(m, units);
  const auto = !asOne && needsAutocommit(units);
  await setTimeoutMs(db2, options.statementTimeoutMs);
  let r;
  if (auto) {
    r = await runAutocommit(db2, units, options.statementTimeoutMs, /* @__PURE__ */ new Map());
  } else {
    await db2.exec("BEGIN");
    r = await runInTransaction(db2, units, options.statementTimeoutMs, void 0, asOne);
    if (r.ok) await db2.exec("COMMIT");
    else if (!stoppedByTimeout(db2, r)) {
      await rollbackQuietly(db2);
      await db2.exec("BEGIN");
      await truncateAll(db2);
      const retry = await runInTransaction(db2, units, options.statementTimeoutMs, void 0, asOne);
      if (retry.ok) {
        await db2.exec("COMMIT");
        r = retry;
      } else await rollbackQuietly(db2);
    }
  }
  state.data.forgetAll();
  state.schema = void 0;
  if (r.ok) {
    state.applied.push(m);
    return void 0;
  }
  const v = emptyVerification(m);
  v.appliedOnly = true;
  v.up = outcome(r);
  const rebuilt = auto ? await rebuild(state).catch(() => false) : true;
  if (stoppedByTimeout(db2, r) || !rebuilt) state.stopped = `migration ${m.id} failed: ${r.error}`;
  return v;
}
function upInOneTransaction(m, units) {
  return runsInOneTransaction(m.transactional, m.sentAsOneQuery, units);
}
function downInOneTransaction(m, units) {
  return runsInOneTransaction(m.downTransactional ?? m.transactional, m.sentAsOneQuery, units);
}
async function cycleMigration(state, m) {
  const v = emptyVerification(m);
  const up = unitsOf(m, "up");
  const down = unitsOf(m, "down");
  state.baseline ??= await captureBaseline(db(state));
  await discardStalePlans(state);
  const before = await prepareData(state, m, v);
  const applied = await applyUp(state, m, v, up, before);
  if (!applied) return v;
  if (await cycleDownAndUpAgain(state, m, v, up, down, before, applied.touched)) {
    state.stopped = `the database was stopped after migration ${m.id} ran past the statement timeout`;
    return v;
  }
  if (v.dataCheck.failsWithData === false && before.unseeded.size) {
    const touched = new Set(applied.run.traces.flatMap((t) => t.locks.map((l) => l.relation)));
    const relevant = [...before.unseeded].filter(([t]) => touched.has(displayName(t)));
    if (relevant.length) v.dataCheck.unseeded = relevant.map(([t, why]) => `${displayName(t)}: ${why}`);
  }
  return v;
}
var db = (state) => state.db;
async function prepareData(state, m, v) {
  const { db: db2, options } = state;
  const know = state.data;
  const colsA = await state.timed("data", () => userTableColumns(db2));
  const shape = (t) => (colsA.get(t) ?? []).join("\0");
  if (options.deployTogether && state.previous?.added && m.added) {
    for (const t of colsA.keys()) if (!state.previous.tables.has(t)) state.newTables.add(t);
  }
  state.previous = { tables: new Set(colsA.keys()), added: !!m.added };
  const unknown = [...colsA.keys()].filter((t) => !know.hasRows.get(t) && know.unseedable.get(t)?.shape !== shape(t) && !state.newTables.has(t));
  let unseeded = /* @__PURE__ */ new Map();
  if (unknown.length && options.seedRows > 0) {
    const assumed = new Map([...colsA.keys()].filter((t) => !unknown.includes(t)).map((t) => [t, know.hasRows.get(t) ?? false]));
    const seed = await state.timed("seed", () => seedEmptyTables(db2, options.seedRows, state.seedMemory, assumed, unknown));
    for (const [t, n] of seed.rows) know.hasRows.set(t, n > 0);
    for (const [t, n] of seed.seeded) {
      state.seededRows.set(t, n);
      know.unseedable.delete(t);
      know.fingerprints.delete(t);
    }
    for (const [t, why] of seed.unseeded) know.unseedable.set(t, { shape: shape(t), reason: why });
    unseeded = seed.unseeded;
  }
  for (const [t, u] of know.unseedable) if (colsA.has(t) && !know.hasRows.get(t)) unseeded.set(t, u.reason);
  const filled = new Map([...colsA].filter(([t]) => know.hasRows.get(t)));
  const rowsPresent = [...filled.keys()].reduce((sum, t) => sum + (state.seededRows.get(t) ?? 1), 0);
  v.dataCheck.rowsSeeded = rowsPresent;
  const a = v.hasDown || m.down ? state.schema ?? await state.timed("snapshot", () => takeSnapshot(db2)) : void 0;
  if (a && m.down) state.before.set(m, a);
  state.schema = void 0;
  const stale = new Map([...filled].filter(([t]) => know.fingerprints.get(t)?.shape !== shape(t)));
  if (stale.size && v.hasDown) {
    const fresh = await state.timed("data", () => fingerprint(db2, stale));
    for (const [t, fp] of fresh) know.fingerprints.set(t, { shape: shape(t), fp });
  }
  const fingerprints = new Map([...filled.keys()].flatMap((t) => know.fingerprints.has(t) ? [[t, know.fingerprints.get(t).fp]] : []));
  const known = await state.timed("trace", () => knownRelations(db2));
  await setTimeoutMs(db2, options.statementTimeoutMs);
  return { columns: colsA, filled, rowsPresent, unseeded, ...a ? { schema: a } : {}, fingerprints, known };
}
async function applyUp(state, m, v, up, before) {
  const { db: db2 } = state;
  const timeout = state.options.statementTimeoutMs;
  const { known } = before;
  const upAsOne = upInOneTransaction(m, up.units);
  const auto = !upAsOne && needsAutocommit(up.units);
  let upRun;
  if (auto) {
    upRun = await state.timed("up", () => runAutocommit(db2, up.units, timeout, known));
  } else {
    await db2.exec("BEGIN");
    upRun = await state.timed("up", () => runInTransaction(db2, up.units, timeout, known, upAsOne));
  }
  v.statements = upRun.traces;
  if (up.problem) v.statements.unshift({ line: m.up.firstLine, sql: "", ms: 0, locks: [], rewrites: [], notObserved: `could not split into statements (${up.problem}); ran as one` });
  if (!upRun.ok) {
    if (stoppedByTimeout(db2, upRun)) {
      v.up = outcome(upRun);
      state.stopped = `the database was stopped after migration ${m.id} ran past the statement timeout`;
      return void 0;
    }
    if (auto) {
      if (!await rebuild(state)) {
        v.up = outcome(upRun);
        state.stopped = `migration ${m.id} failed outside a transaction and the database could not be rebuilt`;
        return void 0;
      }
    } else await rollbackQuietly(db2);
    let retry;
    if (before.rowsPresent > 0) {
      if (auto) {
        retry = await runAutocommit(db2, up.units, timeout, known);
        if (!retry.ok) await rebuild(state);
        else await db2.exec("BEGIN");
      } else {
        await db2.exec("BEGIN");
        await truncateAll(db2);
        retry = await runInTransaction(db2, up.units, timeout, void 0, upAsOne);
        if (!retry.ok) await rollbackQuietly(db2);
        else state.data.forgetAll();
      }
    }
    if (!retry?.ok) {
      v.up = outcome(retry ?? upRun);
      state.stopped = `migration ${m.id} failed`;
      state.cleanFailure = true;
      return void 0;
    }
    v.up = outcome(retry);
    v.dataCheck.failsWithData = true;
    v.dataCheck.error = upRun.line !== void 0 ? `line ${upRun.line}: ${upRun.error}` : upRun.error;
    if (upRun.code === "22P02") v.dataCheck.inconclusive = `verify's synthetic text values do not parse the way this statement reads the column (${upRun.error}); real rows may`;
  } else {
    v.up = outcome(upRun);
    if (auto) await db2.exec("BEGIN");
  }
  state.applied.push(m);
  if (up.units.some((u) => u.kind === "AlterTableStmt")) state.plansStale = true;
  const touched = auto || v.dataCheck.failsWithData ? new Set(before.columns.keys()) : modifyingLocks((await observe(db2, known)).locks, known);
  state.data.forget(touched);
  return { run: upRun, touched };
}
async function cycleDownAndUpAgain(state, m, v, up, down, before, touchedByUp) {
  const { db: db2 } = state;
  const timeout = state.options.statementTimeoutMs;
  const { known } = before;
  await db2.exec("SAVEPOINT migration_guard_cycle");
  let stopped = false;
  try {
    if (!v.hasDown) return false;
    const b = await state.timed("snapshot", () => takeSnapshot(db2));
    state.schema = b;
    const downRun = await state.timed("down", () => runInTransaction(db2, down.units, timeout, void 0, downInOneTransaction(m, down.units)));
    v.down = outcome(downRun);
    stopped ||= stoppedByTimeout(db2, downRun);
    if (!downRun.ok) {
      await rollbackQuietly(db2, "migration_guard_cycle");
      return stopped;
    }
    const c = await state.timed("snapshot", () => takeSnapshot(db2));
    const reverse = diffSnapshots(before.schema, c, { before: "before up", after: "after down" });
    v.reversible = !reverse.some((d) => !d.orderOnly);
    const diffs = [...reverse];
    if (!v.dataCheck.failsWithData && before.fingerprints.size) {
      const held = await state.timed("data", () => observe(db2, known));
      const touched = /* @__PURE__ */ new Set([...touchedByUp, ...modifyingLocks(held.locks, known)]);
      const colsC = await state.timed("data", () => userTableColumns(db2));
      const present = new Map([...before.filled].filter(([t]) => touched.has(t) && colsC.has(t)).map(([t, cols]) => [t, cols.filter((c2) => colsC.get(t).includes(c2))]));
      const fpC = await state.timed("data", () => fingerprint(db2, present, { inTransaction: true }));
      const comparable = new Map([...before.fingerprints].filter(([t]) => touched.has(t) && (!colsC.has(t) || fpC.has(t))));
      v.dataCheck.lost = dataLoss(comparable, fpC);
    }
    const reupRun = await state.timed("reup", () => runInTransaction(db2, up.units, timeout, void 0, upInOneTransaction(m, up.units)));
    v.reup = outcome(reupRun);
    stopped ||= stoppedByTimeout(db2, reupRun);
    if (!reupRun.ok) {
      await rollbackQuietly(db2, "migration_guard_cycle");
    } else {
      const d = await state.timed("snapshot", () => takeSnapshot(db2));
      const again = diffSnapshots(b, d, { before: "after the first up", after: "after the second up" });
      v.reapplicable = !again.some((x) => !x.orderOnly);
      diffs.push(...again);
    }
    v.schemaDiff = diffs.map((x) => x.orderOnly ? `${x.line} (order only)` : x.line);
    return stopped;
  } finally {
    if (!stopped) {
      await rollbackQuietly(db2, "migration_guard_cycle");
      await db2.exec("COMMIT");
    }
  }
}

// src/verify/findings.ts
function at(file, line, rule, message, migration) {
  return finding(rule, { file, line, migration }, message);
}
function historyCause(v, notReplayed) {
  const names = namesIn(v.up.error ?? "");
  return names.length ? notReplayed.find((x) => !x.notRunnable && names.some((n) => mentionsName(sourcesOf(x), n))) : void 0;
}
function namesIn(error) {
  return [...error.matchAll(/"([^"]+)"/g)].flatMap((m) => [m[1], m[1].split(".").pop()]);
}
function sourcesOf(m) {
  return [m.up, ...m.extraUp ?? []].map((s) => s.text).join("\n");
}
function mentionsName(sql, name) {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[^\\w$])"?${escaped}"?($|[^\\w$])`, "i").test(sql);
}
function listed(lines, max = 5) {
  const shown = lines.slice(0, max).join("; ");
  return lines.length > max ? `${shown}; and ${lines.length - max} more` : shown;
}
function rejectsRows(sql, error) {
  if (/invalid input syntax/i.test(error)) return true;
  if (/contains null values/i.test(error)) return /set\s+not\s+null/i.test(sql) && !/add\s+(column\s+)?[\s\S]*not\s+null/i.test(sql.replace(/set\s+not\s+null/gi, ""));
  const adds = /^\s*(alter\s+table\b[\s\S]*\b(add|validate)\b|create\s+unique\s+index\b)/i.test(sql);
  return adds && /violates foreign key constraint|is violated by some row|could not create unique index|violates check constraint/i.test(error);
}
function statementTouching(statements, table) {
  return statements.find((s) => s.rewrites.includes(table) || s.locks.some((l) => l.relation === table));
}
function migrationFindings(v, m, byId = /* @__PURE__ */ new Map()) {
  if (v.skipped) return [];
  const out = [];
  if (v.internalError) {
    out.push(
      at(
        m?.up.file ?? v.file,
        m?.up.firstLine ?? 1,
        "internal-error",
        `migration-guard's verify failed on this migration (a bug, not a verdict on the migration): ${v.internalError}. Later migrations of this set were not verified.`,
        v.id
      )
    );
    return out;
  }
  const upFile = m?.up.file ?? v.file;
  const upLine = m?.up.firstLine ?? 1;
  const downFile = m?.down?.file ?? v.file;
  const downLine = m?.down?.firstLine ?? 1;
  if (!v.up.ok) {
    const missing = (v.notRunBefore ?? []).map((id) => byId.get(id)).filter((x) => !!x);
    const goCode = missing.filter((x) => x.notRunnable).map((x) => x.id);
    const notReplayed = missing.filter((x) => !x.notRunnable);
    const notRun = goCode.length ? ` Verify could not run ${goCode.join(", ")} before it (not SQL: see unverifiable-migration): the failure may come from what ${goCode.length > 1 ? "they do" : "it does"}, not from this migration.` : "";
    if (v.appliedOnly) {
      out.push(
        at(
          v.up.file ?? upFile,
          v.up.line ?? upLine,
          "history-not-replaying",
          `Could not verify with the full history: this unchanged migration does not replay on the throwaway database (${v.up.error}). The changed migrations after it were verified on a database without its changes.${notRun}`,
          v.id
        )
      );
      return out;
    }
    const cause = historyCause(v, notReplayed);
    if (cause) {
      out.push(
        at(
          v.up.file ?? upFile,
          v.up.line ?? upLine,
          "history-not-replaying",
          `Could not verify: it fails with ${v.up.error}, and ${cause.id}, an unchanged migration that does not replay here, is where that comes from. Its own statements were not proved.`,
          v.id
        )
      );
      return out;
    }
    const history = notReplayed.length ? ` Migrations before it did not run here (${notReplayed.map((x) => x.id).join(", ")}); the error names nothing they create.` : "";
    const error = (v.up.error ?? "").replace(/[^.!?]$/, "$&.");
    out.push(
      at(
        v.up.file ?? upFile,
        v.up.line ?? upLine,
        "up-failing",
        `The up migration fails on the schema the earlier migrations leave: ${notRun || history ? error : v.up.error}${notRun}${history}`,
        v.id
      )
    );
    return out;
  }
  if (v.dataCheck.failsWithData && !v.dataCheck.inconclusive) {
    const line = Number(/^line (\d+):/.exec(v.dataCheck.error ?? "")?.[1] ?? upLine);
    const error = (v.dataCheck.error ?? "").replace(/^line \d+: /, "");
    const failing = v.statements.find((s) => s.error);
    if (rejectsRows(failing?.sql ?? "", error)) {
      out.push(
        at(
          failing?.file ?? upFile,
          line,
          "rejecting-existing-rows",
          `The up fails on the ${v.dataCheck.rowsSeeded} synthetic rows verify put in the existing tables, because of what they hold: ${error}. Real rows may pass; check them before deploying.`,
          v.id
        )
      );
    } else {
      out.push(
        at(
          failing?.file ?? upFile,
          line,
          "failing-with-existing-rows",
          `The up migration applies to empty tables but fails once they hold rows (${v.dataCheck.rowsSeeded} synthetic rows): ${error}`,
          v.id
        )
      );
    }
  }
  for (const s of v.statements) {
    if (/^\s*truncate\b/i.test(s.sql)) continue;
    const rewritten = s.rewrites.filter((r) => !r.startsWith("index "));
    for (const table of rewritten) {
      const lock = s.locks.find((l) => l.relation === table && l.mode === "AccessExclusiveLock");
      out.push(
        at(
          s.file ?? upFile,
          s.line,
          "rewriting-table",
          `This statement rewrote the existing table ${table}${lock ? " under ACCESS EXCLUSIVE" : ""}: every row was copied while the table was locked.`,
          v.id
        )
      );
    }
  }
  if (v.down && !v.down.ok) {
    out.push(at(downFile, v.down.line ?? downLine, "down-failing", `The down migration fails right after the up: ${v.down.error}`, v.id));
    return out;
  }
  if (v.down?.ok) {
    const schemaLines = v.schemaDiff.filter((l) => !l.endsWith("(order only)"));
    const reverse = schemaLines.filter((l) => l.includes("after down"));
    if (!v.reversible) out.push(at(downFile, downLine, "down-not-restoring-schema", `After up then down the schema differs from before the up: ${listed(reverse)}`, v.id));
    if (v.dataCheck.lost.length) {
      const table = v.dataCheck.lost[0].split(":")[0].replace(/\.[^.]*$/, "");
      const s = statementTouching(v.statements, table) ?? statementTouching(v.statements, table.split(".").pop());
      out.push(at(s?.file ?? upFile, s?.line ?? upLine, "losing-data-on-rollback", `Up then down loses data that existed before the up: ${listed(v.dataCheck.lost)}`, v.id));
    }
    if (!v.reapplicable) {
      if (v.reup && !v.reup.ok) out.push(at(v.reup.file ?? upFile, v.reup.line ?? upLine, "up-not-reapplicable", `The up fails when applied again after its down: ${v.reup.error}`, v.id));
      else {
        const again = schemaLines.filter((l) => l.includes("after the second up"));
        out.push(at(upFile, upLine, "up-not-reapplicable", `Up, down, up again gives a different schema than the first up: ${listed(again)}`, v.id));
      }
    }
  }
  return out;
}
function chainFindings(chain, verified, perMigration, migrations) {
  const out = [];
  const singleStep = (id) => perMigration.filter((f) => f.migration === id && (f.rule === "down-failing" || f.rule === "down-not-restoring-schema"));
  const add = (f, sentence) => {
    f.message = `${f.message.replace(/\.?\s*$/, ".")} ${sentence}`;
  };
  const whole = `the whole chain of ${chain.size} changed migrations (newest first)`;
  for (const id of chain.dependsOnLater ?? []) {
    for (const f of singleStep(id)) {
      const alone = f.rule === "down-failing" ? "fails" : "leaves differences";
      add(
        f,
        chain.ok ? `Reverting ${whole} does work: this down relies on the downs of the migrations after it, so it ${alone} only when this migration is rolled back on its own.` : `In ${whole} this down does its part: it relies on the downs of the migrations after it, so it ${alone} only when rolled back on its own.`
      );
    }
  }
  for (const x of chain.masked ?? []) {
    const these = x.objects.length === 1 ? x.objects[0] : listed(x.objects, 3);
    for (const f of singleStep(x.migration)) {
      add(f, `Reverting ${whole} gets past this only because the down of ${x.by} drops ${x.owner}, which takes ${these} with it: a rollback that stops before ${x.by} keeps the difference.`);
    }
  }
  if (chain.ok || chain.noDown || !chain.brokeAt) return out;
  const v = verified.find((x) => x.id === chain.brokeAt);
  const m = migrations.find((x) => x.id === chain.brokeAt);
  if (chain.error !== void 0) {
    const already2 = v?.down && !v.down.ok ? singleStep(chain.brokeAt).find((f) => f.rule === "down-failing") : void 0;
    if (already2) {
      add(already2, `Reverting ${whole} stops here too.`);
      return out;
    }
    const ran = `${chain.reverted} later down${chain.reverted === 1 ? "" : "s"} ran`;
    const cause = chain.astrayFrom ? ` The schema it ran on already differed from the one its up left, from the down of ${chain.astrayFrom} on (likely the cause): ${listed(chain.schemaDiff ?? [], 3)}.` : /contains null values|violates|could not create unique index/i.test(chain.error) ? " It meets rows written after its up (verify fills the tables before each later migration, as production writes between deploys): a rollback after real writes fails the same way unless the down handles them." : "";
    out.push(
      at(
        chain.file ?? m?.down?.file ?? v?.file ?? "",
        chain.line ?? m?.down?.firstLine ?? 1,
        "chain-rollback-failing",
        `Rolling back the ${chain.size} changed migrations newest first (migrate down) fails at this down after ${ran}, although it runs right after its own up: ${chain.error}.${cause}`,
        chain.brokeAt
      )
    );
    return out;
  }
  const lines = chain.schemaDiff ?? [];
  const already = v?.down?.ok && !v.reversible ? singleStep(chain.brokeAt).find((f) => f.rule === "down-not-restoring-schema") : void 0;
  if (already) {
    add(already, `Reverting ${whole} does not restore the schema either, from this down on: ${listed(lines, 3)}.`);
    return out;
  }
  out.push(
    at(
      m?.down?.file ?? v?.file ?? "",
      m?.down?.firstLine ?? 1,
      "chain-rollback-failing",
      `Rolling back the ${chain.size} changed migrations newest first (migrate down) runs every down, but the schema differs from before the first up, from this down on: ${listed(lines)}`,
      chain.brokeAt
    )
  );
  return out;
}
function verificationFindings(verification, migrations) {
  const byId = new Map(migrations.map((m) => [m.id, m]));
  const perMigration = verification.migrations.flatMap((v) => migrationFindings(v, byId.get(v.id), byId));
  if (!verification.chain) return perMigration;
  return [...perMigration, ...chainFindings(verification.chain, verification.migrations, perMigration, migrations)];
}

export {
  takeSnapshot,
  tableColumns,
  diffSnapshots,
  ownerOf,
  dataLoss,
  setTimeoutMs,
  runInTransaction,
  outcome,
  CycleState,
  unitsOf,
  hasDown,
  summaryWord,
  emptyVerification,
  skippedVerification,
  discardStalePlans,
  applyOnly,
  downInOneTransaction,
  cycleMigration,
  historyCause,
  verificationFindings
};
