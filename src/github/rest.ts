// A small GitHub REST client over fetch (Node 20+), with retries. Plain fetch
// keeps the bundle small and has no transport of its own to misbehave; the
// retry policy below is the part that matters (5xx, 429, secondary rate limits).

export interface ClientOptions {
  token: string;
  /** `GITHUB_API_URL`, e.g. https://api.github.com or https://ghe.example.com/api/v3. */
  apiUrl: string;
  /** Retries after the first attempt (default 4). */
  retries?: number;
  /** First backoff delay; doubles each retry (default 1000 ms). */
  retryDelayMs?: number;
  /** Upper bound on any single wait, including Retry-After (default 60 s). */
  maxRetryDelayMs?: number;
  /** Per-request timeout (default 30 s). */
  timeoutMs?: number;
  /** Called before each retry with why (for a debug log). */
  onRetry?: (info: { method: string; path: string; attempt: number; delayMs: number; reason: string }) => void;
  userAgent?: string;
}

/** A GitHub API call that failed for good (after retries, or not retryable). */
export class GitHubApiError extends Error {
  override name = 'GitHubApiError';
  constructor(
    readonly method: string,
    readonly path: string,
    /** HTTP status; 0 when no response arrived (network error, timeout). */
    readonly status: number,
    readonly apiMessage: string,
  ) {
    super(`GitHub API ${method} ${path} failed: ${status || 'no response'}${apiMessage ? ` ${apiMessage}` : ''}`);
  }

  /** The token may not do this (fork PR, read-only token, missing permission, resource hidden). */
  get isPermission(): boolean {
    return this.status === 401 || this.status === 403 || this.status === 404;
  }
}

export interface ApiResponse<T> {
  status: number;
  data: T;
  headers: Headers;
}

/**
 * How long to wait before retrying a response, or undefined when it must not be
 * retried. Pure, so the policy is tested directly: 5xx and 429 are transient;
 * a 403 is retried only when GitHub marks it as a rate limit.
 */
export function retryDelay(status: number, headers: { get(name: string): string | null }, body: string, attempt: number, baseMs: number, maxMs: number, now: number = Date.now()): number | undefined {
  const backoff = Math.min(maxMs, baseMs * 2 ** attempt);
  const retryAfter = headers.get('retry-after');
  const fromRetryAfter = (): number | undefined => {
    if (!retryAfter) return undefined;
    const secs = Number(retryAfter);
    const ms = Number.isFinite(secs) ? secs * 1000 : Date.parse(retryAfter) - now;
    return Number.isFinite(ms) ? Math.min(maxMs, Math.max(baseMs, ms)) : undefined;
  };
  if (status === 0 || (status >= 500 && status <= 599)) return fromRetryAfter() ?? backoff;
  if (status === 429) return fromRetryAfter() ?? backoff;
  if (status === 403) {
    const after = fromRetryAfter();
    if (after !== undefined) return after;
    if (/secondary rate limit|abuse detection/i.test(body)) return backoff;
    if (headers.get('x-ratelimit-remaining') === '0') {
      const reset = Number(headers.get('x-ratelimit-reset')) * 1000;
      return Number.isFinite(reset) && reset > now ? Math.min(maxMs, reset - now + baseMs) : backoff;
    }
  }
  return undefined;
}

/** The `rel="next"` URL of a Link header, if any. */
export function nextLink(link: string | null): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (m) return m[1];
  }
  return undefined;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Minimal GitHub REST client: JSON in, JSON out, retries, pagination. */
export class GitHubClient {
  private readonly apiUrl: string;

  constructor(private readonly options: ClientOptions) {
    this.apiUrl = options.apiUrl.replace(/\/+$/, '');
  }

  /** One API call; `path` is relative to the API root (`/repos/o/r/...`) or an absolute URL from a Link header. */
  async request<T = unknown>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
    const { retries = 4, retryDelayMs = 1000, maxRetryDelayMs = 60_000, timeoutMs = 30_000 } = this.options;
    const url = /^https?:\/\//.test(path) ? path : `${this.apiUrl}${path}`;
    for (let attempt = 0; ; attempt++) {
      let status = 0;
      let text = '';
      let headers = new Headers();
      try {
        const res = await fetch(url, {
          method,
          headers: {
            accept: 'application/vnd.github+json',
            authorization: `Bearer ${this.options.token}`,
            'x-github-api-version': '2022-11-28',
            'user-agent': this.options.userAgent ?? 'migration-guard',
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(timeoutMs),
        });
        status = res.status;
        headers = res.headers;
        text = await res.text();
        if (status >= 200 && status < 300) {
          return { status, headers, data: (text ? JSON.parse(text) : undefined) as T };
        }
      } catch (err) {
        if (status) throw new GitHubApiError(method, path, status, `unreadable response: ${(err as Error).message}`);
        text = (err as Error).message; // network error or timeout: status stays 0
      }
      const delay = attempt < retries ? retryDelay(status, headers, text, attempt, retryDelayMs, maxRetryDelayMs) : undefined;
      if (delay === undefined) throw new GitHubApiError(method, path, status, apiMessage(text));
      this.options.onRetry?.({ method, path, attempt: attempt + 1, delayMs: delay, reason: `${status || 'network error'} ${apiMessage(text)}`.trim() });
      await sleep(delay);
    }
  }

  /** Every item of a paginated list endpoint (follows Link rel=next; stops after `maxPages`). */
  async paginate<T>(path: string, maxPages = 50): Promise<T[]> {
    const items: T[] = [];
    let next: string | undefined = `${path}${path.includes('?') ? '&' : '?'}per_page=100`;
    for (let page = 0; next && page < maxPages; page++) {
      const res: ApiResponse<T[]> = await this.request<T[]>('GET', next);
      items.push(...(res.data ?? []));
      next = nextLink(res.headers.get('link'));
      // The token goes with every request: follow pages on the API's own origin only.
      if (next && new URL(next, this.apiUrl).origin !== new URL(this.apiUrl).origin) next = undefined;
    }
    return items;
  }
}

function apiMessage(text: string): string {
  try {
    const parsed = JSON.parse(text) as { message?: unknown };
    if (typeof parsed?.message === 'string') return parsed.message;
  } catch {
    // not JSON: fall through to the raw text
  }
  return text.slice(0, 200);
}
