// migration-guard GitHub Action, bundled by scripts/build-action.mjs. Do not edit: run `npm run build:action`.
import { createRequire as __mgCreateRequire } from 'node:module';
import { fileURLToPath as __mgFileURLToPath } from 'node:url';
import { dirname as __mgDirname } from 'node:path';
const require = __mgCreateRequire(import.meta.url);
const __filename = __mgFileURLToPath(import.meta.url);
const __dirname = __mgDirname(__filename);
import {
  LOCK_RANK
} from "./chunk-RZSGMBFC.js";

// src/verify/prepared.ts
var prepared = /* @__PURE__ */ new WeakMap();
async function queryPrepared(db, name, sql, args = [], types = []) {
  let names = prepared.get(db);
  if (!names) prepared.set(db, names = /* @__PURE__ */ new Set());
  const plain = async () => (await db.query(sql.replace(/\$(\d+)/g, (_, i) => `(${args[Number(i) - 1]})`))).rows;
  if (!names.has(name)) {
    try {
      await db.exec(`PREPARE ${name}${types.length ? `(${types.join(", ")})` : ""} AS ${sql}`);
      names.add(name);
    } catch (err) {
      if (err.code === "42P05")
        names.add(name);
      else return plain();
    }
  }
  try {
    return (await db.query(`EXECUTE ${name}${args.length ? `(${args.join(", ")})` : ""}`)).rows;
  } catch (err) {
    if (err.code !== "26000") throw err;
    names.delete(name);
    return plain();
  }
}

// src/verify/trace.ts
function displayName(qualified) {
  return qualified.startsWith("public.") ? qualified.slice("public.".length) : qualified;
}
async function knownRelations(db) {
  const rows = await queryPrepared(
    db,
    "migration_guard_relations",
    `
    SELECT c.oid::int8 AS oid, pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname) AS name, c.relkind::text AS kind, i.indrelid::int8 AS tbl,
           pg_catalog.pg_relation_filenode(c.oid)::int8 AS filenode
    FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_catalog.pg_index i ON i.indexrelid = c.oid
    WHERE c.oid >= 16384 AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'
      AND c.relkind IN ('r', 'p', 'm', 'i', 'I', 'S', 'v', 'f')`
  );
  const out = /* @__PURE__ */ new Map();
  for (const r of rows) {
    out.set(Number(r.oid), {
      oid: Number(r.oid),
      name: r.name,
      kind: r.kind,
      table: r.tbl === null ? void 0 : Number(r.tbl),
      filenode: r.filenode === null ? null : Number(r.filenode)
    });
  }
  return out;
}
async function observe(db, known) {
  const oids = [...known.values()].filter((r) => r.filenode !== null).map((r) => r.oid);
  const rows = await queryPrepared(
    db,
    "migration_guard_observe",
    `
    SELECT 'l' AS k, l.relation::int8 AS oid, l.mode AS v FROM pg_catalog.pg_locks l
      WHERE l.pid = pg_catalog.pg_backend_pid() AND l.locktype = 'relation' AND l.granted AND l.relation >= 16384
    UNION ALL
    SELECT 'f', c.oid::int8, pg_catalog.pg_relation_filenode(c.oid)::text FROM pg_catalog.pg_class c
      WHERE c.oid = ANY($1)`,
    [`'{${oids.join(",")}}'::oid[]`],
    ["oid[]"]
  );
  const obs = { locks: /* @__PURE__ */ new Map(), filenodes: /* @__PURE__ */ new Map() };
  for (const r of rows) {
    if (r.k === "l") obs.locks.set(`${Number(r.oid)}:${r.v}`, { oid: Number(r.oid), mode: String(r.v) });
    else obs.filenodes.set(Number(r.oid), r.v === null ? null : Number(r.v));
  }
  return obs;
}
function newLocks(before, after, known) {
  const out = [];
  for (const [key, { oid, mode }] of after.locks) {
    if (before.locks.has(key)) continue;
    const rel = known.get(oid);
    if (!rel) continue;
    out.push({ relation: displayName(rel.name), mode, rank: lockRank(mode) });
  }
  return out.sort((a, b) => a.relation.localeCompare(b.relation) || b.rank - a.rank).map(({ relation, mode }) => ({ relation, mode }));
}
function lockRank(mode) {
  return LOCK_RANK[mode.replace(/Lock$/, "")] ?? 0;
}
function rewrites(before, after, known) {
  const changed = /* @__PURE__ */ new Set();
  for (const [oid, node] of after.filenodes) {
    const prev = before.filenodes.get(oid);
    const rel = known.get(oid);
    if (!rel || !["r", "m", "i"].includes(rel.kind)) continue;
    if (prev !== void 0 && prev !== null && node !== null && prev !== node) changed.add(oid);
  }
  const out = [];
  for (const oid of changed) {
    const rel = known.get(oid);
    if (rel.kind === "i" && rel.table !== void 0 && changed.has(rel.table)) continue;
    out.push(rel.kind === "i" ? `index ${displayName(rel.name)}` : displayName(rel.name));
  }
  return out.sort();
}

export {
  queryPrepared,
  displayName,
  knownRelations,
  observe,
  newLocks,
  lockRank,
  rewrites
};
