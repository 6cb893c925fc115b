// Runs one framework command as untrusted code: in the project's folder, with
// the throwaway database in DATABASE_URL and libpq's PG* variables, without
// the Action's token or any other secret of ours in its environment, and
// killed (with everything it started) when it runs past its time.

import { spawn } from 'node:child_process';

/** Where the command's database is (the capture proxy). */
export interface CommandDatabase {
  host: string;
  port: number;
  user: string;
  password?: string;
  database: string;
}

export interface CommandResult {
  command: string;
  exitCode: number | null;
  timedOut: boolean;
  /** stdout and stderr interleaved, the last 64 KB. */
  output: string;
  ms: number;
}

/** Names never passed to framework commands: the Action's token and inputs, and anything that looks like a secret. */
const WITHHELD = /^(INPUT_|ACTIONS_|GITHUB_TOKEN$|GH_TOKEN$|RUNNER_TOKEN$|DATABASE_URL$|PG[A-Z]+$)|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|PRIVATE_KEY|API_KEY|ACCESS_KEY/i;

/** `base` without our token, inputs, secrets and the caller's own database settings. */
export function scrubbedEnv(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(base)) if (v !== undefined && !WITHHELD.test(k)) env[k] = v;
  return env;
}

/** The environment a framework command gets. */
export function commandEnv(base: NodeJS.ProcessEnv, db: CommandDatabase, extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env = scrubbedEnv(base);
  const auth = db.password ? `${encodeURIComponent(db.user)}:${encodeURIComponent(db.password)}` : encodeURIComponent(db.user);
  Object.assign(env, {
    DATABASE_URL: `postgresql://${auth}@${db.host}:${db.port}/${db.database}`,
    PGHOST: db.host,
    PGPORT: String(db.port),
    PGUSER: db.user,
    PGDATABASE: db.database,
    PGSSLMODE: 'disable',
    ...(db.password ? { PGPASSWORD: db.password } : {}),
    ...extra,
  });
  return env;
}

const KEEP_BYTES = 64 * 1024;

/** Run `command` through sh in `cwd`; never rejects (a failure is in the result). */
export function runCommand(command: string, cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<CommandResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    let output = '';
    const keep = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.length > KEEP_BYTES * 2) output = output.slice(-KEEP_BYTES);
    };
    const child = spawn('sh', ['-c', command], { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL'); // the whole group: npx, node, python…
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    const done = (exitCode: number | null) => {
      clearTimeout(timer);
      resolve({ command, exitCode, timedOut, output: output.slice(-KEEP_BYTES), ms: Date.now() - started });
    };
    child.on('error', (err) => {
      output += String(err.message);
      done(null);
    });
    child.on('close', (code) => done(code));
  });
}

/** The last lines of a command's output, for a finding's message. */
export function outputTail(result: CommandResult, lines = 12): string {
  const all = result.output.trimEnd().split(/\r?\n/);
  return all.slice(-lines).join('\n');
}
