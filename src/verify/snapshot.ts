// Catalog → normalized schema snapshot, and the readable difference between two.
// One query per snapshot (a UNION ALL of every object class) keeps the four
// snapshots of each cycle cheap. Objects are keyed `kind name` (`index users_email_idx`,
// `column users.email`) with a flat record of attributes, so a difference is one
// line per object and attribute. Objects owned by extensions and system schemas
// are left out: they are the extension's business, not the migration's.
//
// Column position: a column dropped and re-added gets a new attnum at the end of
// the table. Raw attnums are therefore not compared; the *order of the live columns
// both snapshots share* is, and a change of that order is reported as an
// order-only difference (it changes `SELECT *` and INSERT without a column list,
// but not what the schema can hold), which does not by itself make a migration
// irreversible.
//
// Beyond the shape of tables: owners, privileges beyond each object's defaults (as
// `grant …` / `revoked default …` objects), default privileges, rules, publications
// (and the tables they list), event triggers, row security flags, storage options.
//
// Partitions: their columns, inherited constraints, attached indexes and cloned
// triggers are their parent's and are described once, on the parent; a
// partition itself (name, bound) is an object of its own.

import type { Database } from './databases/types';
import { queryPrepared } from './prepared';

/** One schema object's attributes, as JSON values. */
export type ObjectDetail = Record<string, unknown>;

/** `kind name` → attributes. */
export type Snapshot = Map<string, ObjectDetail>;

/** One difference between two snapshots. */
export interface SchemaDifference {
  /** Readable, one line: `index users_email_idx: present after down, absent before up`. */
  line: string;
  /** Only the order of shared columns differs (see the header). */
  orderOnly: boolean;
  /** The object it is about, `kind name` (for a column order: `table name`). */
  key: string;
}

const SNAPSHOT_SQL = `
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
-- down that forgets a REVOKE reads 'grant SELECT on table users to app: present after down…';
-- and defaults taken away (REVOKE EXECUTE … FROM PUBLIC), which a down must give back.
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
-- Rules other than a view's own _RETURN (CREATE RULE … DO INSTEAD …).
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

/** Sessions where JIT is already off (see takeSnapshot). */
const jitOff = new WeakSet<Database>();

/** Read the schema of the current database from its catalogs. */
export async function takeSnapshot(db: Database): Promise<Snapshot> {
  // The planner's row estimates for catalog functions (pg_publication_tables: 1000 rows
  // per publication) push this small query past jit_above_cost on servers built with
  // LLVM, and compiling it took 4-5 s per snapshot (PostgreSQL 15 under load).
  if (!jitOff.has(db) && db.capabilities.jit) {
    await db.exec('SET jit = off');
    jitOff.add(db);
  }
  const rows = await queryPrepared<{ kind: string; name: string; detail: ObjectDetail | string }>(db, 'migration_guard_snapshot', SNAPSHOT_SQL);
  const snap: Snapshot = new Map();
  for (const r of rows) {
    const detail = typeof r.detail === 'string' ? (JSON.parse(r.detail) as ObjectDetail) : r.detail;
    snap.set(`${r.kind} ${r.name}`, detail);
  }
  return snap;
}

/** The user tables (and their columns, in order) a snapshot holds: `users` → [`id`, `email`]. */
export function tableColumns(snap: Snapshot): Map<string, string[]> {
  const tables = new Map<string, { name: string; pos: number }[]>();
  for (const [key, detail] of snap) {
    if (!key.startsWith('column ')) continue;
    const full = key.slice('column '.length);
    const dot = full.lastIndexOf('.');
    // Column names may contain dots; table keys are known, so match the longest table prefix.
    const table = tableOfColumn(snap, full) ?? full.slice(0, dot);
    const list = tables.get(table) ?? [];
    list.push({ name: full.slice(table.length + 1), pos: Number(detail.position) });
    tables.set(table, list);
  }
  return new Map([...tables].map(([t, cols]) => [t, cols.sort((a, b) => a.pos - b.pos).map((c) => c.name)]));
}

function tableOfColumn(snap: Snapshot, full: string): string | undefined {
  for (let i = full.indexOf('.'); i > 0; i = full.indexOf('.', i + 1)) {
    const t = full.slice(0, i);
    if (snap.has(`table ${t}`) || snap.has(`partitioned table ${t}`) || snap.has(`foreign table ${t}`)) return t;
  }
  return undefined;
}

function show(value: unknown): string {
  if (value === null || value === undefined) return 'none';
  const s = typeof value === 'string' ? value : JSON.stringify(value);
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `${flat.slice(0, 117)}…` : flat;
}

/** Where two long texts first differ, shown around that point so the line stays readable. */
function showPair(a: unknown, b: unknown): [string, string] {
  const sa = show(typeof a === 'string' ? a : a);
  const sb = show(typeof b === 'string' ? b : b);
  if (sa.length < 120 && sb.length < 120) return [sa, sb];
  const fa = typeof a === 'string' ? a.replace(/\s+/g, ' ') : (JSON.stringify(a) ?? 'none');
  const fb = typeof b === 'string' ? b.replace(/\s+/g, ' ') : (JSON.stringify(b) ?? 'none');
  let i = 0;
  while (i < fa.length && i < fb.length && fa[i] === fb[i]) i++;
  const from = Math.max(0, i - 30);
  const cut = (s: string) => `${from > 0 ? '…' : ''}${s.slice(from, from + 80)}${s.length > from + 80 ? '…' : ''}`;
  return [cut(fa), cut(fb)];
}

/**
 * Differences of `after` against `before`, one readable line each. The labels
 * name the two moments, e.g. `after down` / `before up`.
 */
export function diffSnapshots(before: Snapshot, after: Snapshot, labels: { before: string; after: string }): SchemaDifference[] {
  const out: SchemaDifference[] = [];
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort();
  for (const key of keys) {
    const b = before.get(key);
    const a = after.get(key);
    if (!a) out.push({ line: `${key}: absent ${labels.after}, present ${labels.before}`, orderOnly: false, key });
    else if (!b) out.push({ line: `${key}: present ${labels.after}, absent ${labels.before}`, orderOnly: false, key });
    else {
      const attrs = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !(key.startsWith('column ') && k === 'position'));
      for (const attr of attrs.sort()) {
        if (JSON.stringify(a[attr] ?? null) === JSON.stringify(b[attr] ?? null)) continue;
        const [va, vb] = showPair(a[attr], b[attr]);
        out.push({ line: `${key}: ${attr} ${va} ${labels.after}, ${vb} ${labels.before}`, orderOnly: false, key });
      }
    }
  }
  // Column order among the live columns both snapshots share.
  const colsBefore = tableColumns(before);
  const colsAfter = tableColumns(after);
  for (const [table, bcols] of colsBefore) {
    const acols = colsAfter.get(table);
    if (!acols) continue;
    const shared = new Set(bcols.filter((c) => acols.includes(c)));
    const bo = bcols.filter((c) => shared.has(c));
    const ao = acols.filter((c) => shared.has(c));
    if (bo.join('\u0000') !== ao.join('\u0000')) {
      out.push({ line: `table ${table}: column order ${ao.join(', ')} ${labels.after}, ${bo.join(', ')} ${labels.before}`, orderOnly: true, key: `table ${table}` });
    }
  }
  return out;
}

/** Kinds of snapshot keys that are more than one word, longest first. */
const MULTI_WORD_KINDS = ['publication table', 'default privileges', 'partitioned table', 'materialized view', 'revoked default', 'foreign table', 'event trigger', 'comment on', 'range type'];
const RELATION_KINDS = ['table', 'partitioned table', 'foreign table', 'view', 'materialized view'];

/** A key's kind and name: `constraint users_pkey on users` → [`constraint`, `users_pkey on users`]. */
function splitKey(key: string): [string, string] {
  const multi = MULTI_WORD_KINDS.find((k) => key.startsWith(`${k} `));
  const kind = multi ?? key.slice(0, Math.max(0, key.indexOf(' ')));
  return [kind, key.slice(kind.length + 1)];
}

/** A name as Postgres prints it qualified (`public.users`, `"My T"`) → as snapshot keys hold it (`users`, `My T`). */
function unqualified(name: string): string {
  return name.replace(/"((?:[^"]|"")*)"/g, (_, s: string) => s.replace(/""/g, '"')).replace(/^public\./, '');
}

/**
 * The object a key's object belongs to and is dropped with (`index users_email_idx` →
 * `table users`, `column users.email` → `table users`, `table s.t` → `schema s`), looked
 * up in the given snapshots; undefined when it stands on its own or cannot be told.
 * Lets the chain tell a difference a down undid from one swept away with its table.
 */
export function ownerOf(key: string, ...snaps: Snapshot[]): string | undefined {
  const has = (k: string) => snaps.some((s) => s.has(k));
  const detail = (k: string) => snaps.map((s) => s.get(k)).find((d) => d !== undefined);
  const relation = (name: string) => RELATION_KINDS.map((k) => `${k} ${name}`).find(has);
  const [kind, name] = splitKey(key);
  const onRelation = (n: string) => {
    const at = n.lastIndexOf(' on ');
    return at < 0 ? undefined : relation(n.slice(at + 4));
  };
  const inSchema = (n: string) => {
    const plain = n.split('(')[0];
    const dot = plain.indexOf('.');
    return dot > 0 && has(`schema ${plain.slice(0, dot)}`) ? `schema ${plain.slice(0, dot)}` : undefined;
  };
  switch (kind) {
    case 'column':
      for (let i = name.lastIndexOf('.'); i > 0; i = name.lastIndexOf('.', i - 1)) {
        const r = relation(name.slice(0, i));
        if (r) return r;
      }
      return undefined;
    case 'constraint':
    case 'trigger':
    case 'policy':
    case 'rule':
      return onRelation(name);
    case 'index': {
      const definition = detail(key)?.definition;
      const on = /\bON (?:ONLY )?(.+?) USING /.exec(typeof definition === 'string' ? definition : '');
      return on ? relation(unqualified(on[1])) : undefined;
    }
    case 'publication table': {
      const at = name.lastIndexOf(' in ');
      return at < 0 ? undefined : relation(name.slice(0, at));
    }
    case 'grant':
    case 'revoked default': {
      const g = /^[A-Z ]+ on (table|sequence|view|materialized view|foreign table|column|schema|function|procedure|domain|type) (.+) (?:to|from) [^ ]+$/.exec(name);
      if (!g) return undefined;
      const what = g[1] === 'type' ? ['type', 'enum', 'range type'] : [g[1]];
      return what.map((w) => `${w} ${g[2]}`).find(has);
    }
    case 'comment on': {
      // pg_identify_object's type and identity: `table column public.users.email`, `table constraint users_pkey on public.users`.
      const c = /^(table column|view column|materialized view column|foreign table column|table constraint|materialized view|foreign table|\S+) (.+)$/.exec(name);
      if (!c) return undefined;
      const identity = unqualified(c[2].replace(/ on public\./, ' on '));
      if (c[1].endsWith(' column')) return has(`column ${identity}`) ? `column ${identity}` : undefined;
      if (c[1] === 'table constraint') return has(`constraint ${identity}`) ? `constraint ${identity}` : undefined;
      if (RELATION_KINDS.includes(c[1])) return relation(identity);
      const kinds = c[1] === 'type' ? ['type', 'enum', 'range type', 'domain'] : [c[1]];
      return kinds.map((k) => `${k} ${identity}`).find(has);
    }
    case 'sequence': {
      const owned = detail(key)?.['owned by'];
      const table = typeof owned === 'string' ? relation(owned.slice(0, owned.lastIndexOf('.'))) : undefined;
      return table ?? inSchema(name);
    }
    case 'table':
    case 'partitioned table':
    case 'foreign table':
    case 'view':
    case 'materialized view':
    case 'function':
    case 'procedure':
    case 'aggregate':
    case 'enum':
    case 'domain':
    case 'range type':
    case 'type':
      return inSchema(name);
    default:
      return undefined;
  }
}
