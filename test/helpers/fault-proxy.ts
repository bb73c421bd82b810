// A fault-injecting HTTP proxy for tests, on 127.0.0.1 port 0, in front of the local
// server. Point a client at `proxy.url`; by default every request is forwarded unchanged.
// A fault applies to the requests its `match` selects (all by default), `times` times
// (every time by default), then the proxy forwards again; `clear()` switches it off.
//
//   refused        the proxy stops listening: connection refused (`proxy.stop()` / `start()`)
//   reset          the connection is reset, before forwarding (the server never sees the
//                  request) or mid-response (the server handled it; the client gets the
//                  headers and part of the body, then a TCP reset)
//   status         an AWS-shaped error answered by the proxy, the server never sees the
//                  request: 500 InternalErrorException, 429 TooManyRequestsException,
//                  400 ExpiredTokenException…
//   slow           the response is held `delayMs` (longer than the client's timeout), before
//                  forwarding or after the server answered
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { randomUUID } from 'node:crypto';

export type Phase = 'before-forward' | 'after-response';

export type Fault =
  | { kind: 'reset'; phase: Phase }
  | { kind: 'status'; status: number; type: string; message: string }
  | { kind: 'slow'; delayMs: number; phase: Phase };

/** Which requests a fault hits: method + operation as the route reads. */
export interface SeenRequest {
  method: string;
  path: string;
  /** `UpdateRecords`, `ListRecords`, an Identity target, or `other`. */
  operation: string;
  /** What the proxy did. */
  outcome: 'forwarded' | Fault['kind'];
}

export interface FaultSpec {
  fault: Fault;
  /** Requests it applies to; default all. */
  match?: (request: { method: string; path: string; operation: string }) => boolean;
  /** How many matching requests it hits before switching itself off; default every one. */
  times?: number;
}

export const FAULTS = {
  internalError: (): Fault => ({ kind: 'status', status: 500, type: 'InternalErrorException', message: 'injected: internal error' }),
  throttled: (): Fault => ({ kind: 'status', status: 429, type: 'TooManyRequestsException', message: 'injected: Rate exceeded' }),
  expiredToken: (): Fault => ({ kind: 'status', status: 400, type: 'ExpiredTokenException', message: 'The security token included in the request is expired' }),
  resetMidResponse: (): Fault => ({ kind: 'reset', phase: 'after-response' }),
  resetBeforeForward: (): Fault => ({ kind: 'reset', phase: 'before-forward' }),
  slow: (delayMs: number, phase: Phase = 'after-response'): Fault => ({ kind: 'slow', delayMs, phase }),
};

/** The operation a request names, good enough to aim faults (SERVICE.md §1.2). */
export function operationOf(method: string, path: string, target: string | undefined): string {
  if (method === 'POST' && path === '/' && target) return target.replace(/^AWSCognitoIdentityService\./, '');
  if (/\/datasets\/[^/]*\/records$/.test(path) && method === 'GET') return 'ListRecords';
  if (/\/datasets\/[^/]*$/.test(path)) return method === 'POST' ? 'UpdateRecords' : method === 'DELETE' ? 'DeleteDataset' : 'DescribeDataset';
  if (/\/datasets$/.test(path)) return 'ListDatasets';
  return 'other';
}

export const only = (...operations: string[]) => (r: { operation: string }) => operations.includes(r.operation);

export class FaultProxy {
  readonly seen: SeenRequest[] = [];
  /** Called for every request before anything else (e.g. to move a server's injected clock). */
  onRequest?: (request: { method: string; path: string; operation: string }) => void;
  #server: Server;
  #sockets = new Set<Socket>();
  #port = 0;
  #spec: FaultSpec | undefined;
  #hits = 0;
  #timers = new Set<NodeJS.Timeout>();

  private constructor(private readonly upstream: URL) {
    this.#server = this.#newServer();
  }

  /** Starts a proxy to `upstreamUrl` (http://127.0.0.1:PORT). */
  static async start(upstreamUrl: string): Promise<FaultProxy> {
    const proxy = new FaultProxy(new URL(upstreamUrl));
    await proxy.start();
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  /** Injects `spec.fault` from now on (replacing any other). */
  inject(spec: FaultSpec | Fault): void {
    this.#spec = 'fault' in spec ? spec : { fault: spec };
    this.#hits = 0;
  }

  /** Switches the fault off: everything is forwarded again. */
  clear(): void {
    this.#spec = undefined;
  }

  /** How many requests the current fault has hit. */
  get hits(): number {
    return this.#hits;
  }

  /** Listens again, on the same port as before (connection refused ends). */
  async start(): Promise<void> {
    if (this.#server.listening) return;
    this.#server = this.#newServer();
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(this.#port, '127.0.0.1', () => {
        this.#server.off('error', reject);
        this.#port = (this.#server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  /** Stops listening and drops every open connection: clients get connection refused. */
  async stop(): Promise<void> {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    if (!this.#server.listening) return;
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    for (const socket of this.#sockets) socket.destroy();
    this.#sockets.clear();
    await closed;
  }

  #newServer(): Server {
    const server = createServer((req, res) => void this.#handle(req, res));
    // Keep-alive sockets would otherwise outlive stop() and keep working.
    server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
    return server;
  }

  #faultFor(method: string, path: string, operation: string): Fault | undefined {
    const spec = this.#spec;
    if (!spec) return undefined;
    if (spec.match && !spec.match({ method, path, operation })) return undefined;
    this.#hits++;
    if (spec.times !== undefined && this.#hits >= spec.times) this.#spec = undefined;
    return spec.fault;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').split('?')[0];
    const target = req.headers['x-amz-target'];
    const operation = operationOf(method, path, Array.isArray(target) ? target[0] : target);
    this.onRequest?.({ method, path, operation });
    const body = await readAll(req);
    const fault = this.#faultFor(method, path, operation);
    this.seen.push({ method, path, operation, outcome: fault?.kind ?? 'forwarded' });

    if (fault?.kind === 'status') {
      const payload = JSON.stringify({ __type: fault.type, message: fault.message });
      res.writeHead(fault.status, {
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(payload),
        'x-amzn-RequestId': randomUUID(),
        'x-amzn-ErrorType': fault.type,
      });
      res.end(payload);
      return;
    }
    if (fault?.kind === 'reset' && fault.phase === 'before-forward') {
      req.socket.resetAndDestroy();
      return;
    }
    if (fault?.kind === 'slow' && fault.phase === 'before-forward') await this.#delay(fault.delayMs);
    if (req.socket.destroyed) return;

    let upstream: { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer };
    try {
      upstream = await forward(this.upstream, req, body);
    } catch {
      // The server is gone: as a gateway would, close without an answer.
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'slow' && fault.phase === 'after-response') await this.#delay(fault.delayMs);
    if (req.socket.destroyed) return;

    if (fault?.kind === 'reset') {
      // Headers and half the body, then a TCP reset: the client cannot tell whether it was written.
      const { 'content-length': _length, 'transfer-encoding': _te, ...headers } = upstream.headers;
      res.writeHead(upstream.status, { ...headers, 'Content-Length': upstream.body.length });
      res.write(upstream.body.subarray(0, Math.floor(upstream.body.length / 2)), () => req.socket.resetAndDestroy());
      return;
    }
    const { 'transfer-encoding': _te, connection: _c, ...headers } = upstream.headers;
    res.writeHead(upstream.status, headers);
    res.end(upstream.body);
  }

  #delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        resolve();
      }, ms);
      this.#timers.add(timer);
    });
  }
}

function readAll(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function forward(
  upstream: URL,
  req: IncomingMessage,
  body: Buffer,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    // The Host header is kept: it is signed (SigV4), and the server ignores it otherwise.
    const out = httpRequest(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    out.on('error', reject);
    out.end(body);
  });
}
