// Some frameworks re-emit column properties that do not change: Knex's
// `.alter()` sends DROP DEFAULT, DROP NOT NULL and TYPE for every altered
// column, whatever it was. Linted as written they are false alarms (a DROP NOT
// NULL on a nullable column, a TYPE change to the same type). Compared with
// the catalog — the captured SQL replayed on a scratch database, each ALTER
// checked against the column as it is just before — the no-ops are left out.

import pg from 'pg';
import { capturedSource, type PlacedStatement } from '../capture/migration-sql';
import { parseSql } from '../sql/parse';
import type { Migration, SqlSource } from '../types';
import { alterCommands, as, nodeOf, str } from '../sql/ast';
import type { pg as pg_ } from '../sql/nodes';

interface Step {
  migration: Migration;
  which: 'up' | 'down';
}

/** The migrations with ALTER TABLE statements that change nothing removed (ups in order, then the captured downs newest first). */
export async function withoutNoOpAlters(serverUrl: string, migrations: Migration[]): Promise<{ migrations: Migration[]; removed: number }> {
  const steps: Step[] = [
    ...migrations.map((m) => ({ migration: m, which: 'up' as const })),
    ...[...migrations]
      .reverse()
      .filter((m) => m.down)
      .map((m) => ({ migration: m, which: 'down' as const })),
  ];
  const scratch = `mg_noop_${process.pid}_${Date.now() % 1e6}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${scratch}`);
  const url = new URL(serverUrl);
  url.pathname = `/${scratch}`;
  const client = new pg.Client({ connectionString: url.toString() });
  /** The statements kept of each source that lost some (each at its source line). */
  const kept = new Map<SqlSource, PlacedStatement[]>();
  let removed = 0;
  try {
    await client.connect();
    for (const step of steps) {
      const source = step.which === 'up' ? step.migration.up : step.migration.down!;
      const statements = parseSql(source).statements.filter((s) => !s.embedded);
      const dropped = droppedColumns(statements.map((s) => nodeOf(s, 'AlterTableStmt')).filter((n): n is pg_.AlterTableStmt => !!n));
      const left: PlacedStatement[] = [];
      for (const s of statements) {
        const noOp = s.kind === 'AlterTableStmt' && (await changesNothing(client, s.node, dropped));
        if (noOp) removed++;
        else left.push({ sql: s.sql, line: s.range.line });
        // A failure is verify's to report; the catalog just stays as it was (an aborted block is closed).
        await client.query(s.sql).catch(() => client.query('ROLLBACK').catch(() => {}));
      }
      if (left.length < statements.length) kept.set(source, left);
    }
  } finally {
    await client.end().catch(() => {});
    await admin.query(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`).catch(() => {});
    await admin.end().catch(() => {});
  }
  if (!removed) return { migrations, removed };
  const strip = (source: SqlSource): SqlSource => {
    const left = kept.get(source);
    return left ? { ...capturedSource(source.file, left), firstLine: source.firstLine } : source;
  };
  return { migrations: migrations.map((m) => ({ ...m, up: strip(m.up), ...(m.down ? { down: strip(m.down) } : {}) })), removed };
}

/** `table.column` of every column the statements drop (Django sends DROP NOT NULL before dropping a column). */
function droppedColumns(nodes: readonly pg_.AlterTableStmt[]): Set<string> {
  const out = new Set<string>();
  for (const n of nodes) {
    for (const c of alterCommands(n)) if (c.subtype === 'AT_DropColumn' && n.relation?.relname) out.add(`${n.relation.relname}.${c.name}`);
  }
  return out;
}

/** Every subcommand of the ALTER TABLE is a DROP DEFAULT, DROP NOT NULL or TYPE that leaves its column as it is (or a DROP NOT NULL of a column the migration drops). */
async function changesNothing(client: pg.Client, node: pg_.AlterTableStmt, dropped: Set<string>): Promise<boolean> {
  const cmds = alterCommands(node);
  if (!cmds.length || !node.relation?.relname) return false;
  const table = node.relation.schemaname ? `${quote(node.relation.schemaname)}.${quote(node.relation.relname)}` : quote(node.relation.relname);
  for (const cmd of cmds) {
    const column = cmd?.name;
    if (!column) return false;
    if (cmd.subtype === 'AT_DropNotNull' && dropped.has(`${node.relation.relname}.${column}`)) continue;
    const found = await client
      .query<{ notnull: boolean; hasdef: boolean; type: string }>(
        'SELECT attnotnull AS notnull, atthasdef AS hasdef, format_type(atttypid, atttypmod) AS type FROM pg_attribute WHERE attrelid = to_regclass($1) AND attname = $2 AND NOT attisdropped',
        [table, column],
      )
      .catch(() => ({ rows: [] }));
    const col = found.rows[0];
    if (!col) return false;
    if (cmd.subtype === 'AT_DropNotNull' && !col.notnull) continue;
    if (cmd.subtype === 'AT_ColumnDefault' && !cmd.def && !col.hasdef) continue;
    if (cmd.subtype === 'AT_AlterColumnType' && (await sameType(client, col.type, as(cmd.def, 'ColumnDef')))) continue;
    return false;
  }
  return true;
}

/** Whether the ALTER's target type (without USING) is the column's type already. */
async function sameType(client: pg.Client, current: string, def: pg_.ColumnDef | undefined): Promise<boolean> {
  const names = (def?.typeName?.names ?? []).map((n) => str(n) ?? '');
  if (!def?.typeName || !names.length || def.collClause) return false;
  const mods = (def.typeName.typmods ?? []).map((m) => as(m, 'A_Const')?.ival?.ival ?? '').join(',');
  const spelled = `${names.map(quote).join('.')}${mods ? `(${mods})` : ''}${def.typeName.arrayBounds ? '[]' : ''}`;
  const r = await client.query<{ type: string }>(`SELECT format_type($1::regtype, NULL) AS type`, [spelled]).catch(() => ({ rows: [] as { type: string }[] }));
  const target = r.rows[0]?.type;
  if (!target) return false;
  return current === target || (current.replace(/\(.*\)/, '') === target && !mods);
}

function quote(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}
