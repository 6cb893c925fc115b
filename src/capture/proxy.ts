// A PostgreSQL wire-protocol proxy in our own process, in front of the throwaway
// server: a framework's migrate command connects to it, every byte is forwarded
// unchanged, and a copy of each message is decoded to record what the client ran
// (simple Query; Parse/Bind/Execute with named statements, portals and bind
// parameters) and how the server answered (CommandComplete, ErrorResponse,
// ReadyForQuery with the transaction status). TLS is refused (`N`) so the
// stream stays readable; the server is on loopback anyway.

import { createConnection, createServer, type Server, type Socket } from 'node:net';

/** One statement (or multi-statement simple query) a client ran, and how it ended. */
export interface CapturedQuery {
  /** Which client connection sent it (1, 2, … in order of connecting). */
  connection: number;
  /** Global order across connections. */
  seq: number;
  sql: string;
  /** Bind parameters as text (binary ones as `\x` hex); absent for simple Query. */
  params?: (string | null)[];
  protocol: 'simple' | 'extended';
  /** Transaction status before it ran: `I` idle, `T` in a transaction block, `E` in a failed one. */
  txBefore: 'I' | 'T' | 'E';
  /** Transaction status after it ran (from the next ReadyForQuery). */
  txAfter?: 'I' | 'T' | 'E';
  /** Postgres's error, when it failed. */
  error?: { code: string; message: string };
  /** CommandComplete tags, e.g. `INSERT 0 1` (several for a multi-statement query). */
  tags: string[];
  startedAt: number;
  ms?: number;
}

/** A running proxy: where clients connect, and what they ran so far. */
export interface CaptureProxy {
  readonly host: string;
  readonly port: number;
  /** Everything captured since start (or since the last `take()`), in order. */
  readonly queries: CapturedQuery[];
  /** Returns and clears what was captured so far. */
  take(): CapturedQuery[];
  close(): Promise<void>;
}

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;

/** Start a proxy on 127.0.0.1 (a free port) forwarding to `upstream`. */
export async function startCaptureProxy(upstream: { host: string; port: number }): Promise<CaptureProxy> {
  const queries: CapturedQuery[] = [];
  let connections = 0;
  let seq = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const id = ++connections;
    sockets.add(client);
    const session = new Session(id, queries, () => ++seq);
    let server: Socket | undefined;
    let startup = Buffer.alloc(0);
    let started = false;
    const connectUpstream = (first: Buffer) => {
      server = createConnection(upstream);
      sockets.add(server);
      server.write(first);
      server.on('data', (chunk) => {
        client.write(chunk);
        session.fromServer(chunk);
      });
      server.on('close', () => client.destroy());
      server.on('error', () => client.destroy());
    };
    client.on('data', (chunk) => {
      if (started) {
        server!.write(chunk);
        session.fromClient(chunk);
        return;
      }
      startup = Buffer.concat([startup, chunk]);
      // Untyped startup-phase packets: length, then a code.
      while (!started && startup.length >= 8) {
        const len = startup.readInt32BE(0);
        if (startup.length < len) return;
        const code = startup.readInt32BE(4);
        const packet = startup.subarray(0, len);
        startup = startup.subarray(len);
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
          client.write('N'); // no TLS to the throwaway server: the stream must stay readable
          continue;
        }
        if (code === CANCEL_REQUEST) {
          const cancel = createConnection(upstream, () => cancel.end(packet));
          cancel.on('error', () => {});
          client.end();
          return;
        }
        started = true;
        connectUpstream(Buffer.concat([packet, startup]));
        session.fromClient(startup);
        startup = Buffer.alloc(0);
      }
    });
    client.on('close', () => {
      server?.end();
      sockets.delete(client);
    });
    client.on('error', () => server?.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    host: '127.0.0.1',
    port,
    queries,
    take: () => queries.splice(0, queries.length),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A client message awaiting the server's answer, in protocol order. */
type Pending = { kind: 'query'; captured: CapturedQuery } | { kind: 'execute'; captured: CapturedQuery } | { kind: 'parse' | 'bind' | 'close' | 'describe' | 'sync' };

/** Decodes one connection's two byte streams. */
class Session {
  private clientBuf: Buffer = Buffer.alloc(0);
  private serverBuf: Buffer = Buffer.alloc(0);
  private readonly statements = new Map<string, string>();
  private readonly portals = new Map<string, { sql: string; params: (string | null)[] }>();
  private readonly pending: Pending[] = [];
  private tx: 'I' | 'T' | 'E' = 'I';

  constructor(
    private readonly id: number,
    private readonly out: CapturedQuery[],
    private readonly nextSeq: () => number,
  ) {}

  fromClient(chunk: Buffer): void {
    this.clientBuf = eachMessage(Buffer.concat([this.clientBuf, chunk]), (type, body) => this.clientMessage(type, body));
  }

  fromServer(chunk: Buffer): void {
    this.serverBuf = eachMessage(Buffer.concat([this.serverBuf, chunk]), (type, body) => this.serverMessage(type, body));
  }

  private record(sql: string, protocol: 'simple' | 'extended', params?: (string | null)[]): CapturedQuery {
    const q: CapturedQuery = { connection: this.id, seq: this.nextSeq(), sql, protocol, txBefore: this.tx, tags: [], startedAt: Date.now(), ...(params ? { params } : {}) };
    this.out.push(q);
    return q;
  }

  private clientMessage(type: string, body: Buffer): void {
    switch (type) {
      case 'Q': {
        this.pending.push({ kind: 'query', captured: this.record(cstring(body, 0).value, 'simple') });
        break;
      }
      case 'P': {
        const name = cstring(body, 0);
        const sql = cstring(body, name.next);
        this.statements.set(name.value, sql.value);
        this.pending.push({ kind: 'parse' });
        break;
      }
      case 'B': {
        const portal = cstring(body, 0);
        const stmt = cstring(body, portal.next);
        let at = stmt.next;
        const nFormats = body.readInt16BE(at);
        at += 2;
        const formats: number[] = [];
        for (let i = 0; i < nFormats; i++, at += 2) formats.push(body.readInt16BE(at));
        const nParams = body.readInt16BE(at);
        at += 2;
        const params: (string | null)[] = [];
        for (let i = 0; i < nParams; i++) {
          const len = body.readInt32BE(at);
          at += 4;
          if (len < 0) {
            params.push(null);
            continue;
          }
          const bytes = body.subarray(at, at + len);
          at += len;
          const format = formats.length === 1 ? formats[0] : (formats[i] ?? 0);
          params.push(format === 1 ? `\\x${bytes.toString('hex')}` : bytes.toString('utf8'));
        }
        this.portals.set(portal.value, { sql: this.statements.get(stmt.value) ?? '', params });
        this.pending.push({ kind: 'bind' });
        break;
      }
      case 'E': {
        const portal = this.portals.get(cstring(body, 0).value);
        this.pending.push({ kind: 'execute', captured: this.record(portal?.sql ?? '', 'extended', portal?.params ?? []) });
        break;
      }
      case 'C':
        this.pending.push({ kind: 'close' });
        break;
      case 'D':
        this.pending.push({ kind: 'describe' });
        break;
      case 'S':
        this.pending.push({ kind: 'sync' });
        break;
      default:
        break; // Flush, Terminate, password and COPY data need no bookkeeping
    }
  }

  private serverMessage(type: string, body: Buffer): void {
    const head = this.pending[0];
    switch (type) {
      case '1':
      case '2':
      case '3':
        this.pending.shift();
        break;
      case 'n':
      case 'T':
        if (head?.kind === 'describe') this.pending.shift();
        break;
      case 'C':
      case 'I':
      case 's': {
        if (head?.kind === 'execute') {
          if (type === 'C') head.captured.tags.push(cstring(body, 0).value);
          this.finish(head.captured);
          this.pending.shift();
        } else if (head?.kind === 'query' && type === 'C') head.captured.tags.push(cstring(body, 0).value);
        break;
      }
      case 'E': {
        const error = errorFields(body);
        if (head?.kind === 'query') {
          head.captured.error = error;
          break;
        }
        // The failing message is the head (a Parse or Bind fails for the Execute after it);
        // the server ignores the rest up to Sync.
        let blamed = false;
        while (this.pending.length && this.pending[0].kind !== 'sync' && this.pending[0].kind !== 'query') {
          const p = this.pending.shift()!;
          if (p.kind !== 'execute') continue;
          p.captured.error = blamed ? { code: 'skipped', message: 'not run: an earlier message in the same pipeline failed' } : error;
          this.finish(p.captured);
          blamed = true;
        }
        break;
      }
      case 'Z': {
        const status = String.fromCharCode(body[0] ?? 73) as 'I' | 'T' | 'E';
        // ReadyForQuery answers one Sync or one simple Query.
        while (this.pending.length) {
          const p = this.pending.shift()!;
          if (p.kind === 'query') {
            this.finish(p.captured);
            p.captured.txAfter = status;
            break;
          }
          if (p.kind === 'sync') break;
        }
        for (let i = this.out.length - 1; i >= 0; i--) {
          const q = this.out[i];
          if (q.connection !== this.id) continue;
          if (q.txAfter) break;
          q.txAfter = status;
        }
        this.tx = status;
        break;
      }
      default:
        break;
    }
  }

  private finish(q: CapturedQuery): void {
    if (q.ms === undefined) q.ms = Date.now() - q.startedAt;
  }
}

/** Calls `each` for every complete typed message in `buf`; returns the incomplete rest. */
function eachMessage(buf: Buffer, each: (type: string, body: Buffer) => void): Buffer {
  let at = 0;
  while (buf.length - at >= 5) {
    const len = buf.readInt32BE(at + 1);
    if (buf.length - at < len + 1) break;
    each(String.fromCharCode(buf[at]), buf.subarray(at + 5, at + 1 + len));
    at += len + 1;
  }
  return at === 0 ? buf : Buffer.from(buf.subarray(at));
}

function cstring(buf: Buffer, from: number): { value: string; next: number } {
  const end = buf.indexOf(0, from);
  const stop = end < 0 ? buf.length : end;
  return { value: buf.toString('utf8', from, stop), next: stop + 1 };
}

function errorFields(body: Buffer): { code: string; message: string } {
  let code = '';
  let message = '';
  let at = 0;
  while (at < body.length && body[at] !== 0) {
    const field = String.fromCharCode(body[at]);
    const v = cstring(body, at + 1);
    if (field === 'C') code = v.value;
    else if (field === 'M') message = v.value;
    at = v.next;
  }
  return { code, message };
}
