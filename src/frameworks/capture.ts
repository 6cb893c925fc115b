// Runs a framework's own migrate and rollback commands against a scratch
// database on the throwaway server, through the capture proxy, and turns what
// they sent into Migrations: the framework's version id, its source file, the
// SQL of its up and (when verify walks back) its down, each statement on the
// source line it comes from. What the commands could not do is a finding,
// never a quiet pass.

import { randomBytes } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startCaptureProxy, type CaptureProxy } from '../capture/proxy';
import { migrationSql, transactionNumbers, type MigrationSql } from '../capture/migration-sql';
import { isFrameworkNoise } from '../capture/noise';
import { segment, type Direction, type Segment } from '../capture/segment';
import { capturedStatements, type CapturedStatement } from '../capture/statements';
import { UsageError } from '../errors';
import type { Database } from '../verify/databases/types';
import type { Finding, Migration } from '../types';
import { commandEnv, outputTail, runCommand, type CommandDatabase, type CommandResult } from './command';
import { finding } from '../report/finding';
import type { RuleId } from '../../rules/index';
import { withoutNoOpAlters } from './no-op-alters';
import { functionLine, locateStatements } from './source-lines';
import type { Framework, Project } from './types';
import { clip } from '../report/clip';

export interface FrameworkOptions {
  framework: Framework;
  project: Project;
  /** How the project's folder is shown (relative to the cwd). */
  shown: string;
  /** Commands that replace the preset's. */
  migrate?: string;
  rollback?: string;
  /**
   * One migration forward (`alembic upgrade +1`): when set, each changed migration's down is
   * captured again right after its own up (up one, back one, up one), so SQL a framework
   * generates from the live schema (Alembic's batch mode reflects the table) is the SQL that
   * runs in that state, whatever a later migration's down left behind.
   */
  step?: string;
  /** Where the commands run (default: the project's folder). */
  cwd?: string;
  env?: Readonly<Record<string, string>>;
  timeoutMs: number;
  /** Walk back through the changed migrations (verify): their downs are captured too. */
  rollBack: boolean;
  /** Source files (absolute) changed since --base, and those added; undefined: every migration is changed. */
  changedFiles?: { changed: Set<string>; added: Set<string> };
  log: (line: string) => void;
}

/** What one framework run produced. */
export interface FrameworkCapture {
  migrations: Migration[];
  findings: Finding[];
  /** Each command with its exit and time (BENCHMARKS: framework start-up vs the rest). */
  commands: { command: string; exitCode: number | null; ms: number; statements: number }[];
}

/** Run the framework on `db`'s server and capture its migrations. */
export async function captureFramework(db: Database, o: FrameworkOptions): Promise<FrameworkCapture> {
  if (!db.url) throw new UsageError(`--framework ${o.framework.name} needs a Postgres server (--database local, container or url); ${db.kind} has no connection for another process`);
  const server = new URL(db.url);
  const database = `mg_framework_${randomBytes(4).toString('hex')}`;
  await db.exec(`CREATE DATABASE ${database}`);
  const proxy = await startCaptureProxy({ host: server.hostname, port: Number(server.port || 5432) });
  try {
    const target: CommandDatabase = {
      host: proxy.host,
      port: proxy.port,
      user: decodeURIComponent(server.username || 'postgres'),
      database,
      ...(server.password ? { password: decodeURIComponent(server.password) } : {}),
    };
    const capture = await new FrameworkRun(o, proxy, commandEnv(process.env, target, o.env)).run();
    const { migrations, removed } = await withoutNoOpAlters(db.url, capture.migrations);
    if (removed) o.log(`${o.shown}: left out ${removed} ALTER statement${removed === 1 ? '' : 's'} that change nothing in the catalog (${o.framework.name} re-emits unchanged column properties)`);
    return { ...capture, migrations };
  } finally {
    await proxy.close();
    await db.exec(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => {});
  }
}

/** The project files a run-level finding points at (the command's own entry point), first found wins. */
const ANCHORS = ['alembic.ini', 'manage.py', 'bin/rails', 'Gemfile', 'knexfile.js', 'knexfile.ts', 'knexfile.cjs', 'knexfile.mjs', '.sequelizerc', 'mix.exs', 'package.json'];

/** One framework run: its commands, what each sent (from the proxy, or a SQLite trace), and the migrations cut from it. */
export class FrameworkRun {
  private readonly findings: Finding[] = [];
  /** Where findings about the run as a whole point: the project's entry file, else its folder. */
  private readonly anchor: string;
  private readonly commands: FrameworkCapture['commands'] = [];
  /** The migrations the first migrate applied, in order. */
  private order: string[] = [];
  private readonly fw: Framework;
  private readonly cwd: string;

  constructor(
    private readonly o: FrameworkOptions,
    private readonly proxy: Pick<CaptureProxy, 'take'>,
    private readonly env: NodeJS.ProcessEnv,
  ) {
    this.fw = o.framework;
    this.cwd = o.cwd ? resolve(o.project.dir, o.cwd) : o.project.dir;
    const entry = ANCHORS.find((f) => o.project.files.includes(f));
    this.anchor = entry ? join(o.shown, entry) : o.shown;
  }

  async run(): Promise<FrameworkCapture> {
    const { fw, o } = this;
    const migrateCommand = o.migrate ?? fw.migrate(o.project);
    const up = await this.command(migrateCommand, 'up');
    if (up.result.exitCode === 127 && !up.statements.length) {
      throw new UsageError(
        `${o.shown}: the ${fw.name} command \`${migrateCommand}\` could not start (exit 127):\n${outputTail(up.result, 6)}\nInstall the framework where migration-guard runs, or set framework.migrate${fw.name === 'ecto' ? ', or lint the output of a run with --sql-log FILE' : ''}.`,
      );
    }
    if (up.result.timedOut || up.result.exitCode !== 0) this.failed(up.result, 'migrate', up.leftoverError);
    const order = up.segments.filter((s) => s.direction === 'up').map((s) => s.id);
    this.order = order;
    const ups = new Map(up.segments.filter((s) => s.direction === 'up').map((s) => [s.id, s] as const));
    this.unsegmented(up.leftover, 'migrate');
    const sources = new Map(order.map((id) => [id, fw.sourceOf(id, o.project)] as const));
    const changed = (id: string) => {
      if (!o.changedFiles) return true;
      const file = sources.get(id);
      return !!file && o.changedFiles.changed.has(real(join(o.project.dir, file)));
    };
    if (!order.length && up.result.exitCode === 0) o.log(`${o.shown}: ${fw.name} applied no migration`);

    // Walk back through the changed tail, newest first: each rollback is one migration's down.
    const downs = new Map<string, { segment: Segment; blocks: Map<CapturedStatement, number> }>();
    const downErrors = new Map<string, string>();
    if (o.rollBack && up.result.exitCode === 0) {
      const firstChanged = order.findIndex(changed);
      const applied = [...order];
      while (firstChanged >= 0 && applied.length > firstChanged) {
        const top = applied.at(-1)!;
        const command = o.rollback ?? fw.rollback(o.project, applied);
        const back = await this.command(command, 'down');
        const mine = back.segments.find((s) => s.id === top && s.direction === 'down');
        if (back.result.timedOut || back.result.exitCode !== 0 || !mine) {
          const refused = back.statements.find((st) => st.error && st.error.code !== 'skipped');
          const pg = refused ? ` Postgres: ${refused.error!.message} (in \`${oneLine(refused.sql)}\`).` : '';
          const why =
            back.result.exitCode === 0 && !mine
              ? `\`${command}\` ran but did not record ${top} as reverted${back.segments.length ? ` (it reverted ${back.segments.map((s) => s.id).join(', ')})` : ''}`
              : `\`${command}\` failed${back.result.timedOut ? ` (killed after ${o.timeoutMs / 1000} s)` : ` (exit ${back.result.exitCode})`}.${pg}\n${outputTail(back.result)}`;
          downErrors.set(top, why);
          const older = applied.slice(firstChanged, -1);
          if (older.length) o.log(`${o.shown}: the downs of ${older.join(', ')} were not captured: rolling back ${top} failed first`);
          break;
        }
        this.unsegmented(back.leftover, 'rollback');
        downs.set(top, { segment: mine, blocks: back.blocks });
        applied.pop();
      }
      if (downs.size && !downErrors.size && o.step) await this.downsRightAfterUps(order.slice(firstChanged), o.step, downs);
      else if (downs.size && !downErrors.size) {
        const again = await this.command(migrateCommand, 'up');
        if (again.result.timedOut || again.result.exitCode !== 0) this.failed(again.result, 're-apply after rollback', again.leftoverError);
      }
    }

    const built = order.map((id) => this.migration(id, ups.get(id)!, downs.get(id), downErrors.get(id), sources.get(id), changed(id), up.blocks));
    this.sharedTransactions(built);
    return { migrations: built.map((b) => b.migration), findings: this.findings, commands: this.commands };
  }

  /** From the first changed migration on: up one, back one (that down replaces the walk's), up one again. */
  private async downsRightAfterUps(ids: readonly string[], step: string, downs: Map<string, { segment: Segment; blocks: Map<CapturedStatement, number> }>): Promise<void> {
    const applied = this.order.slice(0, this.order.length - ids.length);
    for (const id of ids) {
      const forward = await this.command(step, 'up');
      if (forward.result.exitCode !== 0 || !forward.segments.some((s) => s.id === id)) return this.failed(forward.result, `apply ${id} again`, forward.leftoverError);
      applied.push(id);
      const back = await this.command(this.o.rollback ?? this.fw.rollback(this.o.project, applied), 'down');
      const mine = back.segments.find((s) => s.id === id && s.direction === 'down');
      // The walk's capture stays when this one fails: the rollback walk already reported how.
      if (back.result.exitCode === 0 && mine) downs.set(id, { segment: mine, blocks: back.blocks });
      const again = await this.command(step, 'up');
      // verify replays the up after the down and reports it at its line (up-not-reapplicable).
      if (again.result.exitCode !== 0) return this.o.log(`${this.o.shown}: ${id} does not apply again after its rollback; the downs after it were captured by the rollback walk`);
    }
  }

  /** Run one command through the proxy and segment what it sent. */
  private async command(command: string, running: Direction) {
    this.o.log(`${this.o.shown}: ${command}`);
    this.proxy.take();
    const result = await runCommand(command, this.cwd, this.env, this.o.timeoutMs);
    const statements = capturedStatements(this.proxy.take());
    this.commands.push({ command, exitCode: result.exitCode, ms: result.ms, statements: statements.length });
    const { segments, leftover } = segment(statements, this.fw.versionTable, running);
    const leftoverError = leftover.find((s) => s.error && s.error.code !== 'skipped');
    return { result, statements, segments, leftover, leftoverError, blocks: transactionNumbers(statements) };
  }

  private migration(
    id: string,
    up: Segment,
    down: { segment: Segment; blocks: Map<CapturedStatement, number> } | undefined,
    downError: string | undefined,
    file: string | undefined,
    isChanged: boolean,
    blocks: Map<CapturedStatement, number>,
  ): { migration: Migration; transaction?: number } {
    const { fw, o } = this;
    const shownFile = file ? join(o.shown, file) : join(o.shown, `${id} (source not found)`);
    const text = file ? o.project.read(file) : '';
    const sqlOf = (seg: Segment, dir: Direction, inBlocks: Map<CapturedStatement, number>): MigrationSql =>
      migrationSql(seg, fw.versionTable, shownFile, (sql) => locateStatements(text, sql, dir === 'up' ? fw.upFunction : fw.downFunction, dir === 'up' ? fw.downFunction : fw.upFunction), inBlocks);
    const upSql = sqlOf(up, 'up', blocks);
    const downSql = down ? sqlOf(down.segment, 'down', down.blocks) : undefined;
    const abs = file ? real(join(o.project.dir, file)) : '';
    const m: Migration = {
      id,
      version: id,
      name: id,
      layout: fw.name,
      up: upSql.source,
      ...(downSql ? { down: downSql.source } : {}),
      transactional: upSql.transactional,
      ...(downSql && downSql.transactional !== upSql.transactional ? { downTransactional: downSql.transactional } : {}),
      changed: isChanged,
      ...(o.changedFiles ? { added: o.changedFiles.added.has(abs) } : {}),
    };
    if (isChanged && !file)
      this.findings.push(
        this.finding('framework-unsegmented-sql', shownFile, 1, `${fw.name} applied ${id}, but no source file of the project declares it: its findings point at the project folder`, id),
      );
    if (isChanged && downError) this.findings.push(this.finding('missing-down', shownFile, functionLine(text, fw.downFunction), `${fw.name} cannot roll back ${id}: ${downError}`, id));
    return { migration: m, ...(upSql.transaction !== undefined ? { transaction: upSql.transaction } : {}) };
  }

  /** A migrate or rollback command that failed: the framework's own words, on the migration it was running. */
  private failed(result: CommandResult, what: string, error: CapturedStatement | undefined): void {
    const pg = error ? ` Postgres: ${error.error!.message} (in \`${oneLine(error.sql)}\`).` : '';
    const how = result.timedOut ? `was killed after ${this.o.timeoutMs / 1000} s` : `failed (exit ${result.exitCode})`;
    this.findings.push(this.finding('framework-command-failed', this.anchor, 1, `${what}: \`${result.command}\` ${how}.${pg}\n${outputTail(result)}`));
  }

  /** Statements after the last version-table write that are not the framework's own. */
  private unsegmented(leftover: CapturedStatement[], what: string): void {
    const own = leftover.filter((s) => !isFrameworkNoise(s, this.fw.versionTable) && s.kind !== 'TransactionStmt');
    if (!own.length) return;
    this.findings.push(
      this.finding(
        'framework-unsegmented-sql',
        this.anchor,
        1,
        `${what} sent ${own.length} statement${own.length === 1 ? '' : 's'} that no ${this.fw.versionTable.table} write assigns to a migration (not linted or verified): ${own
          .slice(0, 3)
          .map((s) => `\`${oneLine(s.sql)}\``)
          .join(', ')}${own.length > 3 ? ', …' : ''}`,
      ),
    );
  }

  /** Several migrations in one transaction block: the locks of the first are held until the last commits. */
  private sharedTransactions(built: { migration: Migration; transaction?: number }[]): void {
    const byBlock = new Map<number, Migration[]>();
    for (const { migration, transaction } of built) if (transaction !== undefined) byBlock.set(transaction, [...(byBlock.get(transaction) ?? []), migration]);
    for (const shared of byBlock.values()) {
      if (shared.length < 2 || !shared.some((m) => m.changed)) continue;
      const first = shared[0];
      this.findings.push(
        this.finding(
          'framework-shared-transaction',
          first.up.file,
          first.up.firstLine,
          `${this.fw.name} ran ${shared.length} migrations in one transaction (${shared.map((m) => m.id).join(', ')}): every lock the first takes is held until the last commits`,
          first.id,
        ),
      );
    }
  }

  private finding(rule: RuleId, file: string, line: number, message: string, migration?: string): Finding {
    return finding(rule, { file, line, migration }, message);
  }
}

/** A statement on one line, cut for a message. */
function oneLine(sql: string): string {
  return clip(sql.replace(/\s+/g, ' ').trim(), 100);
}

function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}
