import type { LintContext } from '../src/lint/context';
import type { Statement } from '../src/types';
import { defineRule } from '../src/lint/rule';
import { alterCommands, as, bareName, droppedNames, nameOf, relationName } from '../src/sql/ast';

const DROP_KINDS: Record<string, string> = {
  OBJECT_TABLE: 'TABLE',
  OBJECT_INDEX: 'INDEX',
  OBJECT_VIEW: 'VIEW',
  OBJECT_MATVIEW: 'MATERIALIZED VIEW',
  OBJECT_SEQUENCE: 'SEQUENCE',
  OBJECT_SCHEMA: 'SCHEMA',
  OBJECT_TYPE: 'TYPE',
  OBJECT_DOMAIN: 'DOMAIN',
  OBJECT_EXTENSION: 'EXTENSION',
  OBJECT_FUNCTION: 'FUNCTION',
  OBJECT_PROCEDURE: 'PROCEDURE',
  OBJECT_TRIGGER: 'TRIGGER',
  OBJECT_FOREIGN_TABLE: 'FOREIGN TABLE',
  OBJECT_POLICY: 'POLICY',
  OBJECT_RULE: 'RULE',
};

const topLevelCounts = new WeakMap<readonly Statement[], number>();

/** Top-level statements of the file other than BEGIN/COMMIT, counted once per file (per statement it was O(n²): minutes on 100k statements). */
function topLevelCount(statements: readonly Statement[]): number {
  let n = topLevelCounts.get(statements);
  if (n === undefined) {
    n = statements.filter((s) => !s.embedded && s.kind !== 'TransactionStmt').length;
    topLevelCounts.set(statements, n);
  }
  return n;
}

/** Whether an earlier statement of the file ran `DROP INDEX [CONCURRENTLY] IF EXISTS name`. */
function droppedIndexBefore(ctx: LintContext, name: string): boolean {
  return ctx.statements
    .slice(0, ctx.index)
    .some((s) => s.kind === 'DropStmt' && s.node.removeType === 'OBJECT_INDEX' && s.node.missing_ok && droppedNames(s.node).some((n) => bareName(n) === bareName(name)));
}

/** Whether an earlier statement ran `ALTER TABLE table DROP CONSTRAINT IF EXISTS name`. */
function droppedConstraintBefore(ctx: LintContext, table: string | undefined, name: string): boolean {
  return ctx.statements
    .slice(0, ctx.index)
    .some(
      (s) =>
        s.kind === 'AlterTableStmt' &&
        bareName(relationName(s.node.relation)) === bareName(table) &&
        alterCommands(s.node).some((c) => c.subtype === 'AT_DropConstraint' && c.missing_ok && String(c.name).toLowerCase() === name.toLowerCase()),
    );
}

/** What is wrong with the statement's re-runnability, one message per problem. */
function problems(statement: Statement, ctx: LintContext): string[] {
  switch (statement.kind) {
    case 'CreateStmt':
      if (statement.node.if_not_exists || statement.node.relation?.relpersistence === 't') return [];
      return [`CREATE TABLE ${relationName(statement.node.relation)} has no IF NOT EXISTS: if a later statement fails, rerunning the migration stops here with "already exists".`];
    case 'CreateTableAsStmt':
      if (statement.node.if_not_exists || statement.node.into?.rel?.relpersistence === 't') return [];
      return [
        `CREATE ${statement.node.objtype === 'OBJECT_MATVIEW' ? 'MATERIALIZED VIEW' : 'TABLE'} ${relationName(statement.node.into?.rel)} has no IF NOT EXISTS: a rerun after a partial failure stops here.`,
      ];
    case 'IndexStmt': {
      const on = relationName(statement.node.relation);
      if (!statement.node.idxname) return [`This index on ${on} has no name: a rerun after a partial failure silently builds a second, identical index. Name it and add IF NOT EXISTS.`];
      if (!statement.node.if_not_exists) return [`CREATE INDEX ${statement.node.idxname} has no IF NOT EXISTS: a rerun after a partial failure stops here with "already exists".`];
      if (statement.node.concurrent && !droppedIndexBefore(ctx, statement.node.idxname)) {
        return [
          `CREATE INDEX CONCURRENTLY IF NOT EXISTS ${statement.node.idxname}: if a build fails it leaves an INVALID index behind, and the rerun then skips it ("already exists") and keeps the invalid index. Run DROP INDEX CONCURRENTLY IF EXISTS ${statement.node.idxname} first.`,
        ];
      }
      return [];
    }
    case 'CreateSchemaStmt':
      return statement.node.if_not_exists ? [] : [`CREATE SCHEMA ${statement.node.schemaname} has no IF NOT EXISTS: a rerun after a partial failure stops here.`];
    case 'CreateSeqStmt':
      return statement.node.if_not_exists ? [] : [`CREATE SEQUENCE ${relationName(statement.node.sequence)} has no IF NOT EXISTS: a rerun after a partial failure stops here.`];
    case 'CreateExtensionStmt':
      return statement.node.if_not_exists ? [] : [`CREATE EXTENSION ${statement.node.extname} has no IF NOT EXISTS: a rerun after a partial failure stops here.`];
    case 'ViewStmt':
      return statement.node.replace ? [] : [`CREATE VIEW ${relationName(statement.node.view)} has no OR REPLACE: a rerun after a partial failure stops here.`];
    case 'CreateFunctionStmt':
      return statement.node.replace
        ? []
        : [`CREATE ${statement.node.is_procedure ? 'PROCEDURE' : 'FUNCTION'} ${nameOf(statement.node.funcname)} has no OR REPLACE: a rerun after a partial failure stops here.`];
    case 'CreateTrigStmt':
      // CREATE OR REPLACE TRIGGER exists from PG 14.
      if (statement.node.replace || ctx.pgVersion < 14 || statement.node.isconstraint) return [];
      return [`CREATE TRIGGER ${statement.node.trigname} has no OR REPLACE: a rerun after a partial failure stops here.`];
    case 'DropStmt': {
      const kind = DROP_KINDS[statement.node.removeType ?? ''];
      if (!kind || statement.node.missing_ok) return [];
      return [`DROP ${kind} ${droppedNames(statement.node).join(', ') || ''} has no IF EXISTS: a rerun after a partial failure stops here with "does not exist".`.replace(/ +has/, ' has')];
    }
    case 'DropdbStmt':
      return statement.node.missing_ok ? [] : [`DROP DATABASE ${statement.node.dbname} has no IF EXISTS: a rerun stops here.`];
    case 'AlterTableStmt': {
      const table = relationName(statement.node.relation);
      const out: string[] = [];
      for (const cmd of alterCommands(statement.node)) {
        if (cmd.subtype === 'AT_AddColumn' && !cmd.missing_ok) {
          out.push(`ADD COLUMN ${as(cmd.def, 'ColumnDef')?.colname} on ${table} has no IF NOT EXISTS: a rerun after a partial failure stops here with "already exists".`);
        } else if (cmd.subtype === 'AT_DropColumn' && !cmd.missing_ok) {
          out.push(`DROP COLUMN ${cmd.name} on ${table} has no IF EXISTS: a rerun after a partial failure stops here with "does not exist".`);
        } else if (cmd.subtype === 'AT_DropConstraint' && !cmd.missing_ok) {
          out.push(`DROP CONSTRAINT ${cmd.name} on ${table} has no IF EXISTS: a rerun after a partial failure stops here with "does not exist".`);
        } else if (cmd.subtype === 'AT_AddConstraint') {
          const name = as(cmd.def, 'Constraint')?.conname;
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

/** DDL that cannot be rerun after a partial failure of a migration that runs outside a transaction. */
export default defineRule({
  meta: {
    id: 'prefer-robust-statements',
    severity: 'info',
    summary: 'DDL outside a transaction that cannot be rerun after a partial failure',
    why: 'A migration that runs outside a transaction (the framework does not wrap it, or it must not be wrapped because of CREATE INDEX CONCURRENTLY) can fail half way, leaving the first statements applied. The fix is then to rerun it, which stops at the first statement that already ran ("relation already exists", "column does not exist") unless every statement is guarded. Inside a transaction a failure rolls everything back, so those statements are not flagged; a file of a single statement is atomic and not flagged either. This follows squawk\'s prefer-robust-stmts (same transaction logic; its statements plus schemas, sequences, extensions, views, functions and, on PG 14+, triggers), and adds what Postgres really does with concurrent indexes: a failed CREATE INDEX CONCURRENTLY is not atomic, it leaves an INVALID index behind, and `CREATE INDEX CONCURRENTLY IF NOT EXISTS` then skips the rerun and silently keeps the unusable index, so the robust form is DROP INDEX CONCURRENTLY IF EXISTS followed by the CREATE. An unnamed index is flagged too: a rerun builds a duplicate.',
    fix: "Wrap the migration in a transaction if it can run in one; otherwise guard each statement:\n\n```sql\nCREATE TABLE IF NOT EXISTS invoices (id bigint PRIMARY KEY);\nALTER TABLE users ADD COLUMN IF NOT EXISTS plan text;\nALTER TABLE users DROP COLUMN IF EXISTS legacy_plan;\nALTER TABLE users DROP CONSTRAINT IF EXISTS users_plan_check;\nALTER TABLE users ADD CONSTRAINT users_plan_check CHECK (plan <> '') NOT VALID;\n-- a failed concurrent build leaves an INVALID index: drop it before retrying\nDROP INDEX CONCURRENTLY IF EXISTS users_plan_idx;\nCREATE INDEX CONCURRENTLY IF NOT EXISTS users_plan_idx ON users (plan);\n```",
    examples: {
      bad: [
        'CREATE TABLE invoices (id bigint); CREATE INDEX CONCURRENTLY IF NOT EXISTS invoices_id ON invoices (id);',
        'ALTER TABLE users ADD COLUMN plan text; CREATE INDEX CONCURRENTLY IF NOT EXISTS users_plan ON users (plan);',
        'CREATE INDEX CONCURRENTLY users_email ON users (email);',
        'CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email ON users (email);',
        'DROP INDEX CONCURRENTLY users_email_old; CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email ON users (email);',
        "ALTER TABLE users ADD CONSTRAINT plan_check CHECK (plan <> ''); SELECT 1;",
        'DROP TABLE IF EXISTS a; DROP TYPE mood;',
        'CREATE INDEX IF NOT EXISTS a_x ON a (x); CREATE INDEX ON a (y);',
      ],
      good: [
        'BEGIN; CREATE TABLE invoices (id bigint); ALTER TABLE invoices ADD COLUMN total numeric; COMMIT;',
        'CREATE TABLE invoices (id bigint);',
        'DROP INDEX CONCURRENTLY IF EXISTS users_email; CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email ON users (email);',
        "ALTER TABLE users ADD COLUMN IF NOT EXISTS plan text; ALTER TABLE users DROP CONSTRAINT IF EXISTS plan_check; ALTER TABLE users ADD CONSTRAINT plan_check CHECK (plan <> '') NOT VALID;",
        'CREATE TEMP TABLE t (x int); DROP TABLE IF EXISTS t; CREATE OR REPLACE VIEW v AS SELECT 1;',
      ],
    },
    squawk: ['prefer-robust-stmts'],
  },
  create: ({ report }) => ({
    '*'(statement, ctx) {
      if (statement.embedded) return; // a DO block is one atomic statement; function bodies run later
      const concurrent = (statement.kind === 'IndexStmt' || statement.kind === 'DropStmt') && !!statement.node.concurrent;
      // CREATE INDEX CONCURRENTLY is the one statement that is not atomic on its own.
      const createsConcurrently = concurrent && statement.kind === 'IndexStmt';
      if (ctx.inTransaction && !concurrent) return;
      const topLevel = topLevelCount(ctx.statements);
      if (topLevel <= 1 && !createsConcurrently) return;
      for (const message of problems(statement, ctx)) report({ message });
    },
  }),
});
