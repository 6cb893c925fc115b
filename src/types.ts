// The core types every stage shares. Names follow ../shared/DESIGN.md; the JSON
// report is the serialized `Report`, so fields here are a public contract.

import type { StatementKind, StatementNode, StatementNodeOf } from './sql/nodes';
import type { FrameworkName } from './frameworks/names';

export type { StatementNode } from './sql/nodes';

export type Severity = 'error' | 'warning' | 'info';
/** A configured level: a severity, or `off` to disable a rule. */
export type Level = Severity | 'off';
/** `--fail-on` threshold. */
export type FailOn = Severity | 'never';

export const SEVERITY_RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

export type LayoutName = 'golang-migrate' | 'dbmate' | 'goose' | 'diesel' | 'flyway' | 'sqitch' | 'prisma' | 'node-pg-migrate' | 'plain' | 'temporal-sql-tool' | FrameworkName;

/** SQL text and where it lives; a section of a larger file keeps the file's true line numbers. */
export interface SqlSource {
  /** Path as shown to the user (relative to the cwd when possible). */
  file: string;
  text: string;
  /** 1-based line in `file` where `text` starts. */
  firstLine: number;
  /**
   * SQL a framework sent, captured while it ran (`file` is the migration's source, not SQL):
   * the source line each line of `text` is reported at, instead of counting from firstLine.
   */
  lineMap?: number[];
}

/** One versioned change as the migration framework sees it. */
export interface Migration {
  /** The layout's stem, e.g. `000002_orders`, `V2__orders`. */
  id: string;
  version: string;
  name: string;
  layout: LayoutName;
  up: SqlSource;
  down?: SqlSource;
  /** Whether the framework wraps each file in a transaction. */
  transactional: boolean;
  /**
   * Whether the framework wraps the down in a transaction, when that differs from
   * `transactional` (dbmate's `-- migrate:down transaction:false`). Absent: as `transactional`.
   */
  downTransactional?: boolean;
  /**
   * The framework sends each file (or section) to Postgres as ONE multi-statement
   * simple query (golang-migrate, dbmate, Prisma, Diesel, …) rather than statement
   * by statement. Postgres then runs a file of several statements as one implicit
   * transaction block, so e.g. CREATE INDEX CONCURRENTLY fails there even when the
   * framework opens no transaction. Absent means statement by statement.
   */
  sentAsOneQuery?: boolean;
  /** Added or modified since `--base` (true when no base was given). */
  changed: boolean;
  /** SQL a framework sent on SQLite: `traced` live from its connections, or `offline` from its offline mode (`alembic upgrade --sql`). */
  sqlFrom?: 'traced' | 'offline';
  /** New since `--base` (not merely edited): with deployTogether, what it creates is empty when the change's later migrations run. */
  added?: boolean;
  /**
   * Further files the framework applies, in order, right after `up` as part of the
   * same version (temporal-sql-tool manifests list several). Lint and verify them too.
   */
  extraUp?: SqlSource[];
  /**
   * Why migration-guard cannot run this migration at all (a goose migration written in
   * Go): it is reported as `unverifiable-migration`, never linted or run, and a later
   * failure in verify names it as a likely cause.
   */
  notRunnable?: string;
  /**
   * When one folder holds several independent migration sets (sqitch projects,
   * temporal schemas, subfolders), the set's path relative to the folder; versions
   * and order are compared within a project only.
   */
  project?: string;
}

/** 1-based, inclusive start and exclusive-or-inclusive end as editors show it (endColumn is the last character's column + 1). */
export interface Range {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** One parsed SQL statement with its exact place in the file; narrowing `kind` types `node`. */
export type Statement = StatementNode & StatementBase;

/** A statement of one kind. */
export type StatementOf<K extends StatementKind> = StatementNodeOf<K> & StatementBase;

/** What every statement has, whatever its kind. */
export interface StatementBase {
  /** The statement's SQL text, without leading comments and the trailing semicolon. */
  sql: string;
  file: string;
  range: Range;
  /** Set when the statement was found inside a PL/pgSQL body (DO block or function). */
  embedded?: { in: 'do' | 'function'; dynamic: boolean };
  /** Comments directly above the statement (for suppressions), raw text. */
  leadingComments?: string[];
}

/** A non-statement item found while splitting a file: a syntax error, a psql meta-command, a placeholder. */
export interface ParseProblem {
  kind: 'syntax-error' | 'meta-command' | 'placeholder' | 'unreadable' | 'skipped';
  message: string;
  file: string;
  range: Range;
}

export interface ParsedSql {
  statements: Statement[];
  problems: ParseProblem[];
}

export interface Finding {
  rule: string;
  severity: Severity;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  help: string;
  /** The migration id, when the file belongs to a discovered migration. */
  migration?: string;
  /** For SQL captured from a framework: the statement the finding is about, as the framework sent it. */
  statement?: string;
  /** With --stats: the production size of the table the finding is about, and how long its blocking part takes. */
  size?: FindingSize;
}

/** What a --stats file tells about the table a finding is about. */
export interface FindingSize {
  /** Schema-qualified name from the stats file, or the name as written when the file does not have it. */
  table: string;
  /** False: the table is not in the stats file ("unknown size", never "small"). */
  known: boolean;
  rows?: number | null;
  /** Heap + indexes + TOAST. */
  bytes?: number;
  /** The work the statement does on it while locked. */
  work?: Work;
  /** The strongest lock the statement takes on it (`ACCESS EXCLUSIVE`). */
  lock?: string;
  estimate?: DurationEstimate;
  /** Inserts + updates + deletes per second over the stats file's window. */
  writesPerSec?: number;
  /** writesPerSec is at or above stats.thresholds.busyWritesPerSec: writers queue behind the lock while it waits. */
  busy?: boolean;
  /** Set when stats.thresholds changed the severity: the rule's own severity. */
  severityFrom?: Severity;
  /** Why the severity changed. */
  because?: string;
}

/** A duration range (ms) and what it rests on. */
export interface DurationEstimate {
  ms: number;
  lowMs: number;
  highMs: number;
  /** `model`: the measured cost model; `calibrated`: scaled by verify's timing of the statement on seeded rows. */
  basis: 'model' | 'calibrated';
  factor?: number;
}

/**
 * Work a statement does while it holds its lock (costed in src/stats/cost-model.ts):
 * `rewrite` every row written anew and every index rebuilt; `scan` every row read to
 * validate a constraint; `index-build` one index built (heap read + sort);
 * `index-build-concurrently` the same with two heap reads, writes allowed; `update-all`
 * every row updated in place; `lock` only the catalog changes: the lock is the cost.
 */
export type Work = 'rewrite' | 'scan' | 'index-build' | 'index-build-concurrently' | 'update-all' | 'lock';

export interface StatementTrace {
  line: number;
  sql: string;
  ms: number;
  locks: { relation: string; mode: string }[];
  rewrites: string[];
  /** What could not be observed for this statement (e.g. run outside a transaction). */
  notObserved?: string;
  /** Set on the statement that failed: Postgres's message. */
  error?: string;
  /** The file the statement is in, when not the migration's up file (an `extraUp` file). */
  file?: string;
}

export interface StepOutcome {
  ok: boolean;
  error: string | null;
  ms: number;
  /** Line (in its file) of the statement that failed, when known. */
  line?: number;
  /** The file of the statement that failed, when not the step's main file (an `extraUp` file). */
  file?: string;
}

export interface DataCheck {
  rowsSeeded: number;
  failsWithData: boolean;
  error: string | null;
  /** e.g. `users.legacy: 100 values lost`. */
  lost: string[];
  /** Tables that could not be seeded, with why. */
  unseeded?: string[];
  /**
   * The failure with rows came from verify's own synthetic values, not from the migration: a
   * statement parses text (`x::int`, `::jsonb`, a function splitting version strings) that real
   * rows hold in a format `seed-1` lacks. Not a finding; the data check could not decide.
   */
  inconclusive?: string;
}

export interface MigrationVerification {
  id: string;
  file: string;
  hasDown: boolean;
  up: StepOutcome;
  down?: StepOutcome;
  reup?: StepOutcome;
  reversible: boolean;
  reapplicable: boolean;
  schemaDiff: string[];
  dataCheck: DataCheck;
  statements: StatementTrace[];
  /** Set when the migration was not cycled, with why (an earlier migration failed). */
  skipped?: string;
  /** Not changed since --base: applied to reach the right state, reported only because it failed. */
  appliedOnly?: boolean;
  /** verify itself failed while checking this migration (a bug, not a verdict); later ones are skipped. */
  internalError?: string;
  /** Earlier migrations of its set that verify could not run (Migration.notRunnable): the database lacks their changes. */
  notRunBefore?: string[];
}

/**
 * The whole-chain rollback: the trailing changed migrations reverted newest first
 * (what `migrate down` of the deploy runs), each down's result compared with the
 * schema before that migration's up.
 */
export interface ChainVerification {
  /** Every down ran and the schema after the last one equals the schema before the oldest up. */
  ok: boolean;
  /** Migrations in the chain. */
  size: number;
  /** Downs that ran (empty ones count) before the chain ended. */
  reverted: number;
  /** Where it broke: the down that failed, the migration without a down, or where the schema left over first went astray. */
  brokeAt?: string;
  /** Postgres's message when a down failed; or why the chain stopped. */
  error?: string;
  /** File and line of the failing down statement. */
  file?: string;
  line?: number;
  /** The chain stopped at a migration with no down file (not a failure of a down). */
  noDown?: boolean;
  /** When the schema is not restored: the differences after the last down, one readable line each (when a down failed: those it ran on). */
  schemaDiff?: string[];
  /** A down failed on a schema that already differed from the one its up left: the migration whose down started that difference. */
  astrayFrom?: string;
  /** Downs the chain ran without leaving anything wrong, although they fail or leave differences on their own right after their up: they rely on the downs of later migrations. */
  dependsOnLater?: string[];
  /**
   * Differences a down left that disappear later in the chain only because an older down
   * drops whole what holds them (a leftover index gone with its table): the chain gets
   * there, but a rollback that stops before that older down keeps them. Their migrations
   * are not in dependsOnLater.
   */
  masked?: ChainMaskedDifference[];
}

/** Differences one down left that an older down's drop swept away. */
export interface ChainMaskedDifference {
  /** The migration whose down left them. */
  migration: string;
  /** The older migration whose down dropped what holds them. */
  by: string;
  /** What that down dropped, as a snapshot key: `table users`. */
  owner: string;
  /** The objects that differed, as snapshot keys: `index users_created_at_idx`. */
  objects: string[];
}

export interface Verification {
  /** `targetVersion`: the Postgres major the rules and the user target (pgVersion); a different server major is said on the verdict. */
  database: { kind: string; serverVersion: string; targetVersion?: number };
  migrations: MigrationVerification[];
  /** The whole-chain rollback of the changed migrations; absent when none has a down file. */
  chain?: ChainVerification;
  ms?: number;
}

export interface MigrationSummary {
  id: string;
  layout: LayoutName;
  up: string;
  down?: string;
  transactional: boolean;
  changed: boolean;
  /** Framework migrations on SQLite: where their SQL came from (Migration.sqlFrom). */
  sqlFrom?: 'traced' | 'offline';
}

/** One statement of the deploy plan: what it locks and for how long it works. */
export interface PlannedStatement {
  file: string;
  line: number;
  sql: string;
  /** The table it acts on (as in the stats file when known). */
  table?: string;
  known?: boolean;
  rows?: number | null;
  /** The strongest lock it takes on an existing relation (`ACCESS EXCLUSIVE`). */
  lock?: string;
  work?: Work;
  /** Absent when the table's size is unknown and the work depends on it. */
  estimate?: DurationEstimate;
  /** Locks are released at the end of the statement (autocommit) or of its transaction. */
  heldUntil: 'statement' | 'transaction';
}

/** How long the deploy holds one lock mode on one table. */
export interface LockBudget {
  table: string;
  /** SQL spelling: `ACCESS EXCLUSIVE`. */
  mode: string;
  /** Whether the mode blocks writes (SHARE and stronger). */
  blocksWrites: boolean;
  ms: number;
  lowMs: number;
  highMs: number;
  /** Some statement under the lock works on a table of unknown size: the time is a lower bound. */
  atLeast?: boolean;
  writesPerSec?: number;
}

/** The deploy of one migration, statement by statement, and its lock budget. */
export interface MigrationPlan {
  id: string;
  file: string;
  statements: PlannedStatement[];
  budget: LockBudget[];
  total: { ms: number; lowMs: number; highMs: number; atLeast?: boolean };
}

/** What --stats added to the run (JSON `stats`). */
export interface StatsSummary {
  /** The stats file, as given; null when `plan` ran without one. */
  file: string | null;
  collectedAt: string | null;
  serverVersion: string | null;
  thresholds: StatsThresholds;
  migrations: MigrationPlan[];
}

/** stats.thresholds: severities of size-sensitive findings by the table's size and the estimate. */
export interface StatsThresholds {
  /** Below this many rows a scan, rewrite or index build is info. */
  infoBelowRows: number;
  /** Above this many rows it is an error, whatever the rule's severity. */
  errorAboveRows: number;
  /** An estimated blocking part above this many seconds is an error. */
  errorAboveSeconds: number;
  /** Writes per second from which a lock-only finding is at least a warning (the lock queue stalls writers). */
  busyWritesPerSec: number;
}

export interface Report {
  version: 1;
  tool: { name: 'migration-guard'; version: string };
  /** Set when the run was not PostgreSQL's: `sqlite` (its parser, rules and verify ran). */
  dialect?: 'sqlite';
  migrations: MigrationSummary[];
  findings: Finding[];
  verification?: Verification;
  /** Present with --stats (and in `plan`). */
  stats?: StatsSummary;
  summary: { errors: number; warnings: number; infos: number };
}
