// Test helpers that ask the Docker engine directly (its HTTP API on the unix
// socket), independent of testcontainers, whether anything was left behind.

import http from 'node:http';

function socketPath(): string {
  const h = process.env.DOCKER_HOST;
  return h?.startsWith('unix://') ? h.slice(7) : '/var/run/docker.sock';
}

function request(method: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath: socketPath(), method, path, timeout: 3_000 }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('docker API timeout')));
    req.end();
  });
}

/** Whether a Docker engine answers on the local socket. */
export async function dockerAnswers(): Promise<boolean> {
  try {
    return (await request('GET', '/_ping')).body === 'OK';
  } catch {
    return false;
  }
}

/** Ids of containers (running or not) carrying label=value. */
export async function containersWithLabel(label: string, value: string): Promise<string[]> {
  const filters = encodeURIComponent(JSON.stringify({ label: [`${label}=${value}`] }));
  const res = await request('GET', `/containers/json?all=1&filters=${filters}`);
  return (JSON.parse(res.body) as { Id: string }[]).map((c) => c.Id);
}

/** Kills a container (simulates a database dying mid-run). */
export async function killContainer(id: string): Promise<void> {
  await request('POST', `/containers/${id}/kill`);
}
