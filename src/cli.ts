// The command line: argv → config → run() → render → exit code. Thin on
// purpose: everything it decides (flags, colour, where output goes) is I/O; the
// work is in run.ts and the renderers. Exit codes (DESIGN.md): 0 nothing at or
// above --fail-on, 1 findings at or above it, 2 could not run.

import { realpathSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rules as registry } from '../rules/index';
import { FAIL_ON, LAYOUTS, applyOverrides, levelOf, type Config, type ConfigOverrides } from './config';
import { checkDatabase, checkDatabaseUrl, checkFramework, checkInt, checkPgVersion, checkDialect, checkSqliteVersion, loadConfig } from './config-file';
import { closeMatches, didYouMean } from './did-you-mean';
import { DatabaseUnavailableError, UsageError } from './errors';
import { FRAMEWORK_NAMES } from './frameworks/types';
import { readSourceText } from './migrations/decode';
import { FORMATS, render, type Format } from './report/index';
import { catalogue, renderCatalogueJson, renderCatalogueText, renderExplainText } from './report/rules';
import { exitCodeFor, run, type Command } from './run';
import type { FailOn, LayoutName } from './types';
import { VERSION } from './version';

const COMMANDS = ['lint', 'verify', 'check', 'plan', 'stats', 'rules', 'explain'] as const;
type CliCommand = (typeof COMMANDS)[number];

interface FlagSpec {
  /** Placeholder shown in help; absent for boolean flags. */
  value?: string;
  short?: string;
  /** Commands the flag applies to. */
  for: readonly CliCommand[];
  help: string;
}

const RUN: readonly CliCommand[] = ['lint', 'verify', 'check'];
const VERIFY: readonly CliCommand[] = ['verify', 'check'];
/** `plan` reads migrations like lint (no verify, no fail-on: it is a review, not a gate). */
const PLAN: readonly CliCommand[] = ['plan'];

const FLAGS: Record<string, FlagSpec> = {
  format: { value: 'FORMAT', short: 'f', for: [...RUN, ...PLAN, 'rules'], help: `output format: ${FORMATS.join('|')} (rules, plan: text|json)` },
  output: { value: 'FILE', short: 'o', for: [...RUN, ...PLAN, 'stats'], help: 'write the report to FILE instead of stdout' },
  config: { value: 'FILE', short: 'c', for: [...RUN, ...PLAN, 'rules', 'explain'], help: 'config file (default: .migration-guard.yml found from the cwd up)' },
  'pg-version': { value: 'N', for: [...RUN, ...PLAN], help: 'target PostgreSQL major version (default 15)' },
  dialect: { value: 'NAME', for: [...RUN, ...PLAN], help: "postgres|sqlite: the database the migrations are for (default postgres; sqlite when an Alembic project's URL is sqlite:)" },
  'sqlite-version': { value: 'X.Y', for: [...RUN, ...PLAN], help: 'with --dialect sqlite: the oldest SQLite the migrations run on (default: the one verify runs)' },
  'fail-on': { value: 'LEVEL', for: RUN, help: 'exit 1 on findings at or above: error|warning|info|never (default error)' },
  base: { value: 'GIT_REF', for: [...RUN, ...PLAN], help: 'only migrations added or changed since GIT_REF' },
  layout: { value: 'NAME', for: [...RUN, ...PLAN], help: `migration layout: auto|${LAYOUTS.join('|')}` },
  'assume-in-transaction': { for: [...RUN, ...PLAN], help: 'treat every file as run inside a transaction' },
  framework: { value: 'NAME', for: [...RUN, ...PLAN], help: `run the framework's own migrate/rollback and check the SQL it sends: ${FRAMEWORK_NAMES.join('|')}` },
  'sql-log': { value: 'FILE', for: [...RUN, ...PLAN], help: 'with --framework ecto: lint this `mix ecto.migrate --log-migrations-sql` output (- for stdin) instead of running anything' },
  stats: { value: 'FILE', for: [...RUN, ...PLAN], help: 'production table sizes (from `migration-guard stats`): sizes, estimates and size-based severities' },
  color: { for: COMMANDS, help: 'force coloured output (also FORCE_COLOR=1)' },
  'no-color': { for: COMMANDS, help: 'never colour output' },
  quiet: { short: 'q', for: [...RUN, ...PLAN, 'stats'], help: 'no progress lines on stderr' },
  database: {
    value: 'KIND',
    for: RUN,
    help: 'auto|pglite|local|container|url (default auto: url if given, else a local server of the stated --pg-version, else pglite; with --framework, lint too: local, else container)',
  },
  'database-url': { value: 'URL', for: [...RUN, 'stats'], help: 'existing server for --database url (a scratch database is created and dropped); for stats: the server to read' },
  sample: { value: 'SECONDS', for: ['stats'], help: 'stats: measure write/scan rates over SECONDS (default: since the last stats reset)' },
  'postgres-image': { value: 'IMAGE', for: RUN, help: 'image for --database container' },
  'seed-rows': { value: 'N', for: VERIFY, help: 'synthetic rows per existing table for the data checks (default 100)' },
  'statement-timeout': { value: 'MS', for: VERIFY, help: 'per-statement timeout in milliseconds (default 60000)' },
  'allow-host-access': { for: VERIFY, help: 'let local/url run SQL that acts on the server host (COPY … PROGRAM, pg_read_file, …)' },
  help: { short: 'h', for: COMMANDS, help: 'show this help' },
  version: { short: 'V', for: COMMANDS, help: 'print the version' },
};

const SHORT = new Map(Object.entries(FLAGS).flatMap(([name, s]) => (s.short ? [[s.short, name] as const] : [])));

export interface ParsedArgs {
  command?: CliCommand;
  positionals: string[];
  flags: Record<string, string | boolean>;
}

/** Strict argv parsing: unknown flags, missing values and flags foreign to the command are UsageErrors. */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const flags: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  let command: CliCommand | undefined;
  let onlyPositionals = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (onlyPositionals || arg === '-' || !arg.startsWith('-')) {
      if (!command && !onlyPositionals) {
        if (!(COMMANDS as readonly string[]).includes(arg)) {
          throw new UsageError(`unknown command "${arg}"${didYouMean(arg, COMMANDS)}; commands: ${COMMANDS.join(', ')}`);
        }
        command = arg as CliCommand;
      } else positionals.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPositionals = true;
      continue;
    }
    let name: string;
    let inline: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
      inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
    } else {
      const long = SHORT.get(arg.slice(1, 2));
      if (!long || (arg.length > 2 && !FLAGS[long].value)) throw new UsageError(`unknown option ${arg}`);
      name = long;
      inline = arg.length > 2 ? arg.slice(2) : undefined;
    }
    const spec = FLAGS[name];
    if (!spec) throw new UsageError(`unknown option --${name}${didYouMean(name, Object.keys(FLAGS)).replace('"', '"--')}`);
    if (spec.value) {
      const value = inline ?? argv[++i];
      if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new UsageError(`--${name} needs a value (${spec.value})`);
      flags[name] = value;
    } else {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      flags[name] = true;
    }
  }
  if (command) {
    for (const name of Object.keys(flags)) {
      if (!FLAGS[name].for.includes(command)) {
        const where = FLAGS[name].for.filter((c) => c !== 'explain' && c !== 'rules');
        throw new UsageError(`--${name} does not apply to "${command}"${where.length ? ` (only to ${where.join(', ')})` : ''}`);
      }
    }
  }
  return { command, positionals, flags };
}

/** Config overrides from the run flags (validated; bad values are UsageErrors naming the flag). */
export function overridesFromFlags(flags: ParsedArgs['flags']): ConfigOverrides {
  const str = (name: string) => (typeof flags[name] === 'string' ? flags[name] : undefined);
  const bad =
    (name: string) =>
    (message: string): never => {
      throw new UsageError(`--${name}: ${message}`);
    };
  const o: ConfigOverrides = {};
  if (str('pg-version') !== undefined) o.pgVersion = checkPgVersion(str('pg-version'), bad('pg-version'));
  if (str('dialect') !== undefined) o.dialect = checkDialect(str('dialect'), bad('dialect'));
  if (str('sqlite-version') !== undefined) o.sqliteVersion = checkSqliteVersion(str('sqlite-version'), bad('sqlite-version'));
  const failOn = str('fail-on');
  if (failOn !== undefined) {
    if (!FAIL_ON.includes(failOn as FailOn)) bad('fail-on')(`expected one of ${FAIL_ON.join(', ')}, got "${failOn}"`);
    o.failOn = failOn as FailOn;
  }
  const layout = str('layout');
  if (layout !== undefined) {
    if (layout !== 'auto' && !LAYOUTS.includes(layout as LayoutName)) bad('layout')(`expected auto or one of ${LAYOUTS.join(', ')}, got "${layout}"${didYouMean(layout, [...LAYOUTS])}`);
    o.layout = layout as LayoutName | 'auto';
  }
  if (flags['assume-in-transaction']) o.assumeInTransaction = true;
  const framework = str('framework');
  const sqlLog = str('sql-log');
  if (framework !== undefined || sqlLog !== undefined) {
    o.framework = framework !== undefined ? checkFramework(framework, (m) => bad('framework')(m)) : {};
    if (sqlLog !== undefined) o.framework.sqlLog = sqlLog;
  }
  const verify: NonNullable<ConfigOverrides['verify']> = {};
  if (str('database') !== undefined) verify.database = checkDatabase(str('database'), bad('database'));
  if (str('database-url') !== undefined) verify.databaseUrl = checkDatabaseUrl(str('database-url'), bad('database-url'));
  if (str('postgres-image') !== undefined) verify.postgresImage = str('postgres-image');
  if (str('seed-rows') !== undefined) verify.seedRows = checkInt(str('seed-rows'), 0, 1_000_000, bad('seed-rows'));
  if (str('statement-timeout') !== undefined) verify.statementTimeout = checkInt(str('statement-timeout'), 1, 86_400_000, bad('statement-timeout'));
  if (flags['allow-host-access']) verify.allowHostAccess = true;
  if (Object.keys(verify).length) o.verify = verify;
  const stats = str('stats');
  if (stats !== undefined) {
    if (!stats.trim()) bad('stats')('expected the path of a stats file');
    o.stats = { file: stats };
  }
  return o;
}

/** The --help text. */
export function helpText(): string {
  const flagLines = (names: string[]) =>
    names.map((n) => {
      const s = FLAGS[n];
      const left = `${s.short ? `-${s.short}, ` : '    '}--${n}${s.value ? ` ${s.value}` : ''}`;
      return `  ${left.padEnd(30)} ${s.help}`;
    });
  return [
    `migration-guard ${VERSION}: is this PostgreSQL migration safe to merge?`,
    '',
    'Usage:',
    '  migration-guard lint   [paths…]   static rules only (files or migration folders)',
    '  migration-guard verify [dir]      up → down → up in an ephemeral Postgres',
    '  migration-guard check  [dir]      both (what the GitHub Action runs)',
    '  migration-guard plan   [dir]      the deploy plan: locks, sizes and estimates per statement (--stats FILE)',
    '  migration-guard stats --database-url URL   read-only: table sizes and activity of production, as a stats file',
    '  migration-guard rules             the rule catalogue',
    '  migration-guard explain <rule>    one rule: why it matters and the safe fix',
    '',
    'Options:',
    ...flagLines([
      'format',
      'output',
      'config',
      'pg-version',
      'dialect',
      'sqlite-version',
      'fail-on',
      'base',
      'layout',
      'framework',
      'sql-log',
      'assume-in-transaction',
      'stats',
      'color',
      'no-color',
      'quiet',
    ]),
    '',
    'Verify options:',
    ...flagLines(['database', 'database-url', 'postgres-image', 'seed-rows', 'statement-timeout', 'allow-host-access']),
    '',
    'Stats options:',
    ...flagLines(['sample']),
    '',
    ...flagLines(['help', 'version']),
    '',
    'Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 could not run.',
    'Flags override .migration-guard.yml. Docs: README.md',
    '',
  ].join('\n');
}

export interface CliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdoutIsTTY: boolean;
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Run the CLI; resolves to the exit code. Never throws. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (err) {
    if (err instanceof UsageError || err instanceof DatabaseUnavailableError) {
      io.stderr(`migration-guard: ${err.message}\n`);
      if (err instanceof UsageError && /^(unknown (option|command)|--[a-z-]+ (needs|takes|does not))/.test(err.message)) io.stderr('Run migration-guard --help for usage.\n');
    } else {
      io.stderr(`migration-guard: internal error: ${(err as Error)?.stack ?? String(err)}\n`);
    }
    return 2;
  }
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv);
  if (args.flags.version) {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  if (args.flags.help) {
    io.stdout(helpText());
    return 0;
  }
  if (!args.command) {
    io.stderr(helpText());
    return 2;
  }
  const forced = !!io.env.FORCE_COLOR && io.env.FORCE_COLOR !== '0' && io.env.FORCE_COLOR !== 'false';
  const color = args.flags['no-color'] ? false : args.flags.color || forced ? true : io.stdoutIsTTY && !args.flags.output && !io.env.NO_COLOR;
  const config = () => loadConfig({ cwd: io.cwd, file: args.flags.config as string | undefined });

  switch (args.command) {
    case 'rules': {
      if (args.positionals.length) throw new UsageError(`"rules" takes no arguments (got ${args.positionals.join(' ')}); for one rule use: migration-guard explain <rule>`);
      const format = (args.flags.format as string | undefined) ?? 'text';
      if (format !== 'text' && format !== 'json') throw new UsageError(`--format: "rules" prints text or json, got "${format}"`);
      const cfg = config();
      const entries = catalogue(registry, (r) => levelOf(cfg, r));
      io.stdout(format === 'json' ? renderCatalogueJson(entries) : renderCatalogueText(entries, { color }));
      return 0;
    }
    case 'explain': {
      if (args.positionals.length !== 1) throw new UsageError('usage: migration-guard explain <rule> (see migration-guard rules)');
      const id = args.positionals[0];
      const rule = registry.find((r) => r.meta.id === id);
      if (!rule) {
        const close = closeMatches(
          id,
          registry.map((r) => r.meta.id),
        );
        throw new UsageError(`unknown rule "${id}"${close.length ? `; did you mean: ${close.join(', ')}?` : ''} (migration-guard rules lists them all)`);
      }
      io.stdout(renderExplainText(rule, levelOf(config(), rule), { color }));
      return 0;
    }
    case 'stats':
      return statsCommand(args, io);
    case 'plan':
      return planCommand(args, io, color, config);
    default:
      return runCommand(args.command, args, io, color, config);
  }
}

/** `stats`: read-only sizes and activity of a production database, written as a stats file. */
async function statsCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  if (args.positionals.length) throw new UsageError(`"stats" takes no arguments (got ${args.positionals.join(' ')}); give the server with --database-url URL`);
  const url = args.flags['database-url'] as string | undefined;
  if (!url) throw new UsageError('"stats" needs --database-url URL (a production server or replica; the session is read-only)');
  checkDatabaseUrl(url, (m) => {
    throw new UsageError(`--database-url: ${m}`);
  });
  const sample =
    args.flags.sample === undefined
      ? 0
      : checkInt(args.flags.sample, 1, 3600, (m) => {
          throw new UsageError(`--sample: ${m}`);
        });
  const { collectStats } = await import('./stats/collect');
  const quiet = !!args.flags.quiet;
  const stats = await collectStats(url, { sampleSeconds: sample, log: quiet ? undefined : (m) => io.stderr(`${m}\n`) });
  const text = JSON.stringify(stats, null, 2) + '\n';
  writeOutput(args, io, text, () => `wrote stats of ${stats.tables.length} tables to ${args.flags.output}`);
  return 0;
}

/** `plan`: lint's reading of the pending migrations with the deploy plan (locks, sizes, estimates). */
async function planCommand(args: ParsedArgs, io: CliIo, color: boolean, loadCfg: () => Config): Promise<number> {
  const format = (args.flags.format as string | undefined) ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format: "plan" prints text or json, got "${format}"`);
  const config = applyOverrides(loadCfg(), overridesFromFlags(args.flags));
  const quiet = !!args.flags.quiet;
  const report = await run({ command: 'plan', paths: args.positionals, cwd: io.cwd, config, base: args.flags.base as string | undefined, progress: quiet ? undefined : (m) => io.stderr(`${m}\n`) });
  const { renderPlanJson, renderPlanText } = await import('./report/plan');
  writeOutput(
    args,
    io,
    format === 'json' ? renderPlanJson(report) : renderPlanText(report, { color }),
    () => `wrote the plan of ${report.stats?.migrations.length ?? 0} migrations to ${args.flags.output}`,
  );
  return 0;
}

/** The text to --output FILE (with a line on stderr) or to stdout. */
function writeOutput(args: ParsedArgs, io: CliIo, text: string, wrote: () => string): void {
  const output = args.flags.output as string | undefined;
  if (!output) {
    io.stdout(text);
    return;
  }
  try {
    writeFileSync(resolve(io.cwd, output), text);
  } catch (err) {
    throw new UsageError(`cannot write --output ${output}: ${(err as Error).message}`);
  }
  if (!args.flags.quiet) io.stderr(`${wrote()}\n`);
}

async function runCommand(command: Command, args: ParsedArgs, io: CliIo, color: boolean, loadCfg: () => Config): Promise<number> {
  const format = (args.flags.format as string | undefined) ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format: expected one of ${FORMATS.join(', ')}, got "${format}"${didYouMean(format, FORMATS)}`);
  if (command !== 'lint' && args.positionals.length > 1) throw new UsageError(`"${command}" takes one migrations folder, got ${args.positionals.length} paths`);
  const overrides = overridesFromFlags(args.flags);
  const config = applyOverrides(loadCfg(), overrides);
  const quiet = !!args.flags.quiet;
  const report = await run({
    command,
    paths: args.positionals,
    cwd: io.cwd,
    config,
    base: args.flags.base as string | undefined,
    progress: quiet ? undefined : (m) => io.stderr(`${m}\n`),
  });
  // Decoded as the linter read it; a FIFO or folder is never opened (it would block or throw).
  const source = (file: string) => readSourceText(resolve(io.cwd, file));
  const text = render(format as Format, report, { color, source, rules: registry, failOn: config.failOn });
  const { errors, warnings, infos } = report.summary;
  writeOutput(args, io, text, () => `wrote ${format} report to ${args.flags.output}: ${errors} errors, ${warnings} warnings, ${infos} infos`);
  return exitCodeFor(report, config.failOn);
}

/** The real process's streams and environment. */
export function processIo(): CliIo {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: !!process.stdout.isTTY,
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
  };
}

/** Run the CLI on this process's argv and exit with its code once output is flushed. */
export async function runMain(): Promise<void> {
  const code = await main(process.argv.slice(2));
  // Exit explicitly (a verify database may leave handles open), after stdout drains.
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

// Started directly (`node --import tsx src/cli.ts`, `node build/cli.js`)? The bin
// imports runMain instead; a bundle that merely includes this module (the Action) never runs it.
function startedDirectly(): boolean {
  const self = fileURLToPath(import.meta.url);
  if (!/^cli\.[cm]?[jt]s$/.test(basename(self)) || !process.argv[1]) return false;
  try {
    return realpathSync(process.argv[1]) === realpathSync(self);
  } catch {
    return false;
  }
}

if (startedDirectly()) void runMain();
