// Whether a Docker engine answers, asked the way the docker CLI finds it:
// DOCKER_HOST when set (and only it), else the usual sockets. The Action uses
// it to pick `container` or fall back to the embedded PGlite before starting.

import { request } from 'node:http';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface EngineProbe {
  /** An engine answered `GET /_ping`, or we cannot tell (Windows named pipes): let the provider try. */
  ok: boolean;
  /** Where we looked. */
  where: string;
  reason?: string;
}

type Endpoint = { socketPath: string } | { host: string; port: number };

/** The endpoints to try, in order, for an environment (pure). */
export function dockerEndpoints(env: Record<string, string | undefined>, home = safeHome(), platform = process.platform): { label: string; endpoint?: Endpoint }[] {
  const host = env.DOCKER_HOST;
  // Windows engines listen on a named pipe we do not probe: testcontainers tries, and a failure falls back later.
  if (!host && platform === 'win32') return [{ label: 'npipe:////./pipe/docker_engine' }];
  if (host) {
    if (host.startsWith('unix://')) return [{ label: host, endpoint: { socketPath: host.slice('unix://'.length) } }];
    if (host.startsWith('tcp://') || host.startsWith('http://')) {
      const u = new URL(host.replace(/^tcp:/, 'http:'));
      return [{ label: host, endpoint: { host: u.hostname, port: Number(u.port) || 2375 } }];
    }
    return [{ label: host }]; // npipe://, ssh://: cannot probe here
  }
  const sockets = ['/var/run/docker.sock'];
  if (env.XDG_RUNTIME_DIR) sockets.push(join(env.XDG_RUNTIME_DIR, 'docker.sock'));
  if (home) sockets.push(join(home, '.docker/run/docker.sock'), join(home, '.docker/desktop/docker.sock'), join(home, '.colima/default/docker.sock'));
  return sockets.map((s) => ({ label: `unix://${s}`, endpoint: { socketPath: s } }));
}

/** Pings the engine; resolves within `timeoutMs` per endpoint. */
export async function probeDocker(env: Record<string, string | undefined> = process.env, timeoutMs = 3000): Promise<EngineProbe> {
  const candidates = dockerEndpoints(env);
  const tried: string[] = [];
  for (const c of candidates) {
    if (!c.endpoint) return { ok: true, where: c.label }; // let testcontainers try what we cannot probe
    if ('socketPath' in c.endpoint && !existsSync(c.endpoint.socketPath)) {
      tried.push(`${c.label} (no socket)`);
      continue;
    }
    const answer = await ping(c.endpoint, timeoutMs);
    if (answer === true) return { ok: true, where: c.label };
    tried.push(`${c.label} (${answer})`);
  }
  return { ok: false, where: tried.join(', '), reason: `no Docker engine answered at ${tried.join(', ') || 'the usual sockets'}` };
}

function ping(endpoint: Endpoint, timeoutMs: number): Promise<true | string> {
  return new Promise((resolve) => {
    const req = request({ ...endpoint, method: 'GET', path: '/_ping', timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode === 200 ? true : `HTTP ${res.statusCode}`);
    });
    req.on('error', (err) => resolve((err as NodeJS.ErrnoException).code ?? err.message));
    req.on('timeout', () => {
      req.destroy();
      resolve('timeout');
    });
    req.end();
  });
}

function safeHome(): string {
  try {
    return homedir();
  } catch {
    return '';
  }
}
