// `container`: a throwaway Postgres container through testcontainers
// (GenericContainer: ready in ~2 s here vs ~3.6 s for PostgreSqlContainer's
// health-check wait). Labelled with a per-run id so anything left behind — a
// failed start, a process killed before stop — can be found and removed.

import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { DatabaseUnavailableError } from '../../errors';
import { registerCleanup } from './cleanup';
import { openServerSession } from './server-session';
import type { Database, StartOptions } from './types';

/** The image used when none is given (the Action's and CLI's default). */
export const DEFAULT_POSTGRES_IMAGE = 'postgres:17-alpine';

/** Label on every container this provider starts: value = the run id. */
export const RUN_LABEL = 'dev.migration-guard.run';

/** A running container database: its id and the run label value. */
export interface ContainerDatabase extends Database {
  readonly containerId: string;
  readonly runId: string;
  readonly image: string;
}

/**
 * testcontainers' defaults that fail or misbehave without a registry, set only when the user left them unset:
 * - TESTCONTAINERS_RYUK_DISABLED=true: Ryuk (the reaper container) must be pulled from Docker Hub; without a
 *   registry start() fails. We remove our containers ourselves (stop(), signals, exit; label RUN_LABEL).
 * - TESTCONTAINERS_HOST_OVERRIDE=localhost (only for a local engine): inside a container (/.dockerenv) testcontainers
 *   otherwise looks for the bridge gateway and tries to run alpine:3.14 to read `ip route`, a pull that fails
 *   offline and logs errors before falling back to localhost anyway.
 */
export function applyTestcontainersDefaults(env: NodeJS.ProcessEnv = process.env): void {
  env.TESTCONTAINERS_RYUK_DISABLED ??= 'true';
  const host = env.DOCKER_HOST;
  if (!host || host.startsWith('unix://') || host.startsWith('npipe://')) env.TESTCONTAINERS_HOST_OVERRIDE ??= 'localhost';
}

/** Starts a throwaway Postgres container and returns its session. */
export async function startContainer(options: StartOptions = {}): Promise<ContainerDatabase> {
  const log = options.log ?? (() => {});
  // No image named: the target major's official image (postgres:15-alpine for --pg-version 15).
  const image = options.postgresImage || (options.pgMajor ? `postgres:${options.pgMajor}-alpine` : DEFAULT_POSTGRES_IMAGE);
  const runId = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  applyTestcontainersDefaults();
  // loaded on demand: testcontainers is a large import the other providers never need
  const { GenericContainer, Wait } = await import('testcontainers');

  // Assigned once the container is up; the cleanups below are registered before and read them then.
  // eslint-disable-next-line prefer-const
  let containerId: string | undefined;
  // eslint-disable-next-line prefer-const
  let stopContainer: (() => Promise<void>) | undefined;
  const removeSync = () => removeContainersSync(runId, containerId);
  const stopAll = async () => {
    if (stopContainer) await stopContainer();
    else removeSync();
  };
  const unregister = registerCleanup(`container ${image} (run ${runId})`, stopAll, removeSync);

  let started;
  const t0 = Date.now();
  try {
    started = await new GenericContainer(image)
      .withEnvironment({ POSTGRES_USER: 'postgres', POSTGRES_PASSWORD: password, POSTGRES_DB: 'postgres' })
      .withCommand(['postgres', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'])
      .withExposedPorts(5432)
      .withLabels({ [RUN_LABEL]: runId })
      // the official image (and the local stand-in) logs this twice: once for its init-time server, then for real
      .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
      .withStartupTimeout(120_000)
      .start();
  } catch (err) {
    removeSync(); // a start that failed half-way may have left a container
    unregister();
    throw new DatabaseUnavailableError(describeStartError(image, err as Error));
  }
  const container = started;
  containerId = container.getId();
  stopContainer = async () => {
    await container.stop({ remove: true, removeVolumes: true }).catch(() => removeSync());
  };
  const host = container.getHost();
  const port = container.getMappedPort(5432);
  log(`container: ${image} (${containerId.slice(0, 12)}) on ${host}:${port}, ready in ${Date.now() - t0} ms`);

  const teardown = async () => {
    await stopAll();
    unregister();
  };
  try {
    const session = await openServerSession({
      kind: 'container',
      connection: { host, port, user: 'postgres', password, database: 'postgres' },
      url: `postgresql://postgres:${password}@${host}:${port}/postgres`,
      teardown,
      statementTimeoutMs: options.statementTimeoutMs,
    });
    const db: ContainerDatabase = Object.assign(session, { containerId, runId, image });
    return db;
  } catch (err) {
    await teardown().catch(() => {});
    throw err;
  }
}

/** A readable reason for a failed container start. */
function describeStartError(image: string, err: Error): string {
  const msg = err.message ?? String(err);
  if (/Could not find a working container runtime strategy/i.test(msg)) {
    return 'container: no container engine answers (is Docker running? testcontainers: "Could not find a working container runtime strategy"). Start Docker or use --database pglite.';
  }
  if (/pull|registry|manifest|not found|no such host/i.test(msg)) {
    return `container: image "${image}" is not available locally and could not be pulled (${msg.split('\n')[0]}). Pull or build it first (scripts/setup-docker.sh builds a local stand-in), or pass --postgres-image.`;
  }
  return `container: could not start ${image}: ${msg.split('\n')[0]}`;
}

/**
 * Removes this run's containers without the event loop (process 'exit', second Ctrl-C): a short
 * synchronous child process talks to the Docker API directly, so no docker CLI is needed.
 */
export function removeContainersSync(runId: string, containerId?: string): void {
  const script = `
const http = require('node:http');
const [runId, id, label] = process.argv.slice(1);
const h = process.env.DOCKER_HOST || 'unix:///var/run/docker.sock';
const base = h.startsWith('unix://') ? { socketPath: h.slice(7) }
  : h.startsWith('tcp://') ? { host: new URL('http://' + h.slice(6)).hostname, port: Number(new URL('http://' + h.slice(6)).port) || 2375 }
  : { socketPath: '/var/run/docker.sock' };
const req = (method, path) => new Promise((resolve) => {
  const r = http.request({ ...base, method, path, timeout: 5000 }, (res) => {
    let body = ''; res.on('data', (c) => (body += c)); res.on('end', () => resolve(body));
  });
  r.on('error', () => resolve('')); r.on('timeout', () => { r.destroy(); resolve(''); }); r.end();
});
(async () => {
  const ids = new Set(id ? [id] : []);
  const filters = encodeURIComponent(JSON.stringify({ label: [label + '=' + runId] }));
  try { for (const c of JSON.parse(await req('GET', '/containers/json?all=1&filters=' + filters))) ids.add(c.Id); } catch {}
  for (const c of ids) await req('DELETE', '/containers/' + c + '?force=true&v=true');
})();`;
  spawnSync(process.execPath, ['-e', script, runId, containerId ?? '', RUN_LABEL], { stdio: 'ignore', timeout: 15_000 });
}
