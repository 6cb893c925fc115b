// A local HTTP server answering the GitHub REST endpoints the Action calls,
// with an in-memory pull request, recorded requests and injectable failures.
// Tests point GITHUB_API_URL at it and run the real entry point.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MockComment {
  id: number;
  body: string;
  user: { login: string; type: string };
  html_url: string;
}

export interface MockReviewComment {
  id: number;
  body: string;
  path: string;
  line: number;
  user: { login: string; type: string };
}

export interface RecordedRequest {
  method: string;
  path: string;
  body: any;
  authorization?: string;
}

export interface Failure {
  method: string;
  path: RegExp;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** How many times to fail before answering normally (Infinity = always). */
  times: number;
}

/** State of the fake repository `owner/repo`, pull request #`pr`. */
export class MockGitHub {
  readonly requests: RecordedRequest[] = [];
  comments: MockComment[] = [];
  reviewComments: MockReviewComment[] = [];
  reviews: any[] = [];
  /** `GET /pulls/N/files` answer. */
  files: { filename: string; status: string; patch?: string }[] = [];
  failures: Failure[] = [];
  /** Called when a comment is about to be created (to simulate a concurrent run). */
  beforeCreate?: () => void;
  /** The login of the token's comments (GITHUB_TOKEN → github-actions[bot]). */
  botLogin = 'github-actions[bot]';
  /** Page size for list endpoints (small to exercise pagination). */
  pageSize = 100;
  private nextId = 1000;
  private server?: Server;
  url = '';

  /** Starts listening on a free local port. */
  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => this.server?.close(() => r()) ?? r());
  }

  /** Fail the next `times` matching requests with `status`. */
  fail(method: string, path: RegExp, status: number, times = 1, headers?: Record<string, string>, body?: unknown): void {
    this.failures.push({ method, path, status, times, headers, body });
  }

  /** A comment written by someone else (or by us, for set-up). */
  addComment(body: string, login: string, type = 'Bot'): MockComment {
    const c = { id: this.nextId++, body, user: { login, type }, html_url: '' };
    c.html_url = `https://github.com/owner/repo/pull/7#issuecomment-${c.id}`;
    this.comments.push(c);
    return c;
  }

  /** Requests that changed state (POST/PATCH/PUT/DELETE). */
  writes(): RecordedRequest[] {
    return this.requests.filter((r) => r.method !== 'GET');
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.url);
    const method = req.method ?? 'GET';
    const body = raw ? JSON.parse(raw) : undefined;
    this.requests.push({ method, path: url.pathname + url.search, body, authorization: req.headers.authorization });
    const send = (status: number, data: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(data === undefined ? '' : JSON.stringify(data));
    };
    const failure = this.failures.find((f) => f.times > 0 && f.method === method && f.path.test(url.pathname));
    if (failure) {
      failure.times--;
      return send(failure.status, failure.body ?? { message: `injected ${failure.status}` }, failure.headers);
    }
    const list = <T>(items: T[]) => {
      const page = Number(url.searchParams.get('page') ?? '1');
      const size = Math.min(this.pageSize, Number(url.searchParams.get('per_page') ?? '30'));
      const slice = items.slice((page - 1) * size, page * size);
      const headers: Record<string, string> = {};
      if (page * size < items.length) {
        const next = new URL(url);
        next.searchParams.set('page', String(page + 1));
        headers.link = `<${next.href}>; rel="next"`;
      }
      send(200, slice, headers);
    };
    let m: RegExpExecArray | null;
    const p = url.pathname;
    if (method === 'GET' && p === '/user') return send(403, { message: 'Resource not accessible by integration' });
    if ((m = /^\/repos\/owner\/repo\/issues\/7\/comments$/.exec(p))) {
      if (method === 'GET') return list(this.comments);
      if (method === 'POST') {
        this.beforeCreate?.();
        return send(201, this.addComment(body.body, this.botLogin));
      }
    }
    if ((m = /^\/repos\/owner\/repo\/issues\/comments\/(\d+)$/.exec(p)) && method === 'PATCH') {
      const c = this.comments.find((x) => x.id === Number(m![1]));
      if (!c) return send(404, { message: 'Not Found' });
      if (c.user.login !== this.botLogin) return send(403, { message: 'not your comment' });
      c.body = body.body;
      return send(200, c);
    }
    if ((m = /^\/repos\/owner\/repo\/issues\/comments\/(\d+)$/.exec(p)) && method === 'DELETE') {
      const c = this.comments.find((x) => x.id === Number(m![1]));
      if (!c) return send(404, { message: 'Not Found' });
      if (c.user.login !== this.botLogin) return send(403, { message: 'not your comment' });
      this.comments = this.comments.filter((x) => x !== c);
      return send(204, undefined);
    }
    if (p === '/repos/owner/repo/pulls/7/files' && method === 'GET') return list(this.files);
    if (p === '/repos/owner/repo/pulls/7/comments') {
      if (method === 'GET') return list(this.reviewComments);
      if (method === 'POST') {
        const c = { id: this.nextId++, body: body.body, path: body.path, line: body.line, user: { login: this.botLogin, type: 'Bot' } };
        this.reviewComments.push(c);
        return send(201, c);
      }
    }
    if (p === '/repos/owner/repo/pulls/7/reviews' && method === 'POST') {
      this.reviews.push(body);
      for (const d of body.comments ?? []) {
        this.reviewComments.push({ id: this.nextId++, body: d.body, path: d.path, line: d.line, user: { login: this.botLogin, type: 'Bot' } });
      }
      return send(200, { id: this.nextId++ });
    }
    send(404, { message: `mock: no route for ${method} ${p}` });
  }
}
