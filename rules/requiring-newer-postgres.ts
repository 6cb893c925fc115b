import type { Statement } from '../src/types';
import { defineRule } from '../src/lint/rule';
import { alterCommandsOf, as, str, walk } from '../src/sql/ast';
import type { NodeKind, pg } from '../src/sql/nodes';

/** A feature the grammar or catalog gained in a given major, found in the AST. */
interface Feature {
  since: number;
  what: string;
  /** Whether the statement uses it. */
  uses(statement: Statement): boolean;
}

/** What the features look for in a statement: node kinds, constraints, called functions. */
interface Facts {
  kinds: Set<string>;
  /** Table constraints, column constraints, ALTER TABLE … ADD. */
  constraints: pg.Constraint[];
  /** Names of the functions it calls (lower-cased, schema-less). */
  calls: Set<string>;
}

const factsCache = new WeakMap<Statement, Facts>();

/** The statement's facts, from one walk of its tree (cached: several features ask about the same statement). */
function facts(statement: Statement): Facts {
  const cached = factsCache.get(statement);
  if (cached) return cached;
  const out: Facts = { kinds: new Set([statement.kind]), constraints: [], calls: new Set() };
  walk(statement.node, (kind, body) => {
    out.kinds.add(kind);
    if (kind === 'Constraint') out.constraints.push(body);
    else if (kind === 'FuncCall') {
      const name = str((body as pg.FuncCall).funcname?.at(-1));
      if (name) out.calls.add(name.toLowerCase());
    }
  });
  for (const c of alterCommandsOf(statement)) {
    const con = as(c.def, 'Constraint');
    if (con) out.constraints.push(con);
  }
  factsCache.set(statement, out);
  return out;
}

const constraints = (statement: Statement) => facts(statement).constraints;
const calls = (statement: Statement) => facts(statement).calls;
const has = (statement: Statement, kind: NodeKind) => facts(statement).kinds.has(kind);

// What the parser (PostgreSQL 18's grammar) accepts but an older server refuses. Checked on
// the release notes of each major; only features that make the statement fail are listed.
const FEATURES: Feature[] = [
  { since: 18, what: 'VIRTUAL generated columns', uses: (s) => constraints(s).some((c) => c.contype === 'CONSTR_GENERATED' && c.generated_kind === 'v') },
  { since: 18, what: 'uuidv7() / uuidv4()', uses: (s) => ['uuidv7', 'uuidv4'].some((f) => calls(s).has(f)) },
  { since: 18, what: 'WITHOUT OVERLAPS temporal keys', uses: (s) => constraints(s).some((c) => c.without_overlaps) },
  { since: 18, what: 'NOT NULL constraints added NOT VALID', uses: (s) => constraints(s).some((c) => c.contype === 'CONSTR_NOTNULL' && c.skip_validation) },
  { since: 17, what: 'JSON_TABLE', uses: (s) => has(s, 'JsonTable') },
  { since: 17, what: 'JSON_QUERY / JSON_VALUE / JSON_EXISTS', uses: (s) => has(s, 'JsonFuncExpr') },
  { since: 17, what: 'MERGE … RETURNING', uses: (s) => s.kind === 'MergeStmt' && !!s.node.returningClause },
  { since: 16, what: 'any_value()', uses: (s) => calls(s).has('any_value') },
  { since: 15, what: 'MERGE', uses: (s) => s.kind === 'MergeStmt' },
  { since: 15, what: 'UNIQUE NULLS NOT DISTINCT', uses: (s) => (s.kind === 'IndexStmt' && !!s.node.nulls_not_distinct) || constraints(s).some((c) => c.nulls_not_distinct) },
  { since: 15, what: 'views WITH (security_invoker)', uses: (s) => s.kind === 'ViewStmt' && (s.node.options ?? []).some((o) => as(o, 'DefElem')?.defname === 'security_invoker') },
  { since: 14, what: 'CREATE OR REPLACE TRIGGER', uses: (s) => s.kind === 'CreateTrigStmt' && !!s.node.replace },
  { since: 14, what: 'DETACH PARTITION … CONCURRENTLY', uses: (s) => alterCommandsOf(s).some((c) => c.subtype === 'AT_DetachPartition' && as(c.def, 'PartitionCmd')?.concurrent) },
  { since: 12, what: 'generated columns (STORED)', uses: (s) => constraints(s).some((c) => c.contype === 'CONSTR_GENERATED' && c.generated_kind !== 'v') },
  { since: 12, what: 'REINDEX CONCURRENTLY', uses: (s) => s.kind === 'ReindexStmt' && (s.node.params ?? []).some((p) => as(p, 'DefElem')?.defname === 'concurrently') },
  {
    since: 11,
    what: 'covering indexes (INCLUDE)',
    uses: (s) => (s.kind === 'IndexStmt' && (s.node.indexIncludingParams ?? []).length > 0) || constraints(s).some((c) => (c.including ?? []).length > 0),
  },
  { since: 11, what: 'procedures (CREATE PROCEDURE, CALL)', uses: (s) => (s.kind === 'CreateFunctionStmt' && !!s.node.is_procedure) || s.kind === 'CallStmt' },
];

/** Syntax or functions newer than the target Postgres (pgVersion): the statement fails there, though a newer verify server accepts it. */
export default defineRule({
  meta: {
    id: 'requiring-newer-postgres',
    severity: 'error',
    summary: 'Syntax or a function newer than the target PostgreSQL version',
    why: "migration-guard parses with PostgreSQL 18's grammar and verify's embedded database is PostgreSQL 18, so a migration using a newer feature parses and applies in CI, then fails on the production server of the target version (`pgVersion` / `--pg-version`). Examples: VIRTUAL generated columns and uuidv7() need 18, JSON_TABLE 17, MERGE and UNIQUE NULLS NOT DISTINCT 15, CREATE OR REPLACE TRIGGER 14, generated columns 12, covering indexes (INCLUDE) 11. The table of features is in the rule's source.",
    fix: 'Write it the way the target version supports, or raise `pgVersion` once production runs the newer major:\n\n```sql\n-- VIRTUAL needs 18; on 12–17 store the value:\nALTER TABLE orders ADD COLUMN total_cents bigint GENERATED ALWAYS AS (quantity * unit_cents) STORED;\n-- uuidv7() needs 18; gen_random_uuid() (v4) is core since 13:\nALTER TABLE events ALTER COLUMN id SET DEFAULT gen_random_uuid();\n```\nSTORED generated columns rewrite the table when added to an existing one: add them to new tables, or backfill a plain column instead.',
    examples: {
      bad: [
        'ALTER TABLE orders ADD COLUMN total bigint GENERATED ALWAYS AS (qty * price) VIRTUAL;',
        'ALTER TABLE events ALTER COLUMN id SET DEFAULT uuidv7();',
        "SELECT * FROM JSON_TABLE('[1]'::jsonb, '$[*]' COLUMNS (v int PATH '$')) AS jt;",
        'MERGE INTO stock s USING incoming i ON s.sku = i.sku WHEN MATCHED THEN UPDATE SET qty = s.qty + i.qty;',
        'CREATE UNIQUE INDEX users_email_key ON users (email) NULLS NOT DISTINCT;',
      ],
      good: [
        'CREATE OR REPLACE TRIGGER t_audit AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION audit();',
        'CREATE TABLE totals (qty int, price int, total int GENERATED ALWAYS AS (qty * price) STORED);',
        'CREATE INDEX CONCURRENTLY orders_user_idx ON orders (user_id) INCLUDE (total);',
        'ALTER TABLE events ALTER COLUMN id SET DEFAULT gen_random_uuid();',
      ],
    },
    exampleContext: { pgVersion: 14 },
  },
  create: ({ report }) => ({
    '*'(statement, ctx) {
      for (const f of FEATURES) {
        if (ctx.pgVersion >= f.since || !f.uses(statement)) continue;
        report({
          message: `Uses ${f.what}, new in PostgreSQL ${f.since}; the target is PostgreSQL ${ctx.pgVersion} (pgVersion), where this statement fails. A newer verify server (PGlite is 18) accepts it, so verify alone does not catch it.`,
        });
      }
    },
  }),
});
