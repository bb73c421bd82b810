// The local Cognito Sync-compatible server: one node:http listener for Cognito Sync
// (rest-json), the Cognito Identity subset (JSON 1.1, `POST /` + X-Amz-Target) and
// cogsync's /_cogsync/ routes, over a SQLite store (SERVICE.md).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { ApiError, asIdentityServiceError } from './errors.js';
import { clientErrorResponse, DEFAULT_MAX_BODY_BYTES, parseJsonObject, RawJson, readBody, regionFromAuthorization, sendError, sendJson } from './http-io.js';
import { requireSignature, type SigV4Key } from './request-auth.js';
import { matchSyncRoute, parseQuery, splitTarget, unknownOperation } from './router.js';
import { ADMIN_PREFIX, ADMIN_ROUTES } from './routes-admin.js';
import { IDENTITY_HANDLERS } from './routes-identity.js';
import { SYNC_POOL_HANDLERS } from './routes-pool.js';
import { SYNC_DATA_HANDLERS, type SyncHandler } from './routes-sync.js';
import { seedDemo } from './seed.js';
import { Store, type StoreLimits } from './store.js';
import { readUpdateRecordsBody } from './update-records-body.js';

export interface LocalServerOptions {
  /** Interface to bind; 127.0.0.1 unless the user asks for another. */
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** SQLite file; ignored when inMemory. */
  dbPath?: string;
  inMemory?: boolean;
  /** Seed data set to create when the database is new. */
  seed?: 'demo';
  /** Sync session token lifetime in seconds (default 900). */
  tokenTtlSeconds?: number;
  /** Account id used for LastModifiedBy when no device is named (default 123456789012). */
  accountId?: string;
  /** Clock, for tests (epoch milliseconds). */
  now?: () => number;
  /** Quotas of SERVICE.md §4 (defaults 20 datasets, 1,024 records, 1,048,576 bytes). */
  limits?: Partial<StoreLimits>;
  /** Memory for decoded datasets kept between requests (default 64 MiB; record-cache.ts). */
  recordCacheBytes?: number;
  /** Request bodies above this many bytes are refused with 413 (default 12 MiB). */
  maxBodyBytes?: number;
  /** Called with unexpected failures (answered as 500 InternalErrorException). */
  onInternalError?: (error: unknown) => void;
  /**
   * `--auth sigv4`: every request but GetId and the health probe must be SigV4-signed with
   * this key (any region), else NotAuthorizedException. Without it any signature is accepted.
   */
  auth?: SigV4Key;
}

export interface LocalServer {
  /** http://HOST:PORT with the real port. */
  url: string;
  host: string;
  port: number;
  /** The store behind the server, for in-process use (seeding, tests). */
  store: Store;
  close(): Promise<void>;
}

const SYNC_HANDLERS: Record<string, SyncHandler> = { ...SYNC_DATA_HANDLERS, ...SYNC_POOL_HANDLERS };
const IDENTITY_TARGET_PREFIX = 'AWSCognitoIdentityService.';
const IDENTITY_CONTENT_TYPE = 'application/x-amz-json-1.1';

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Whether the request is UpdateRecords; a path the router refuses is not (it refuses it again later). */
function isUpdateRecords(method: string, rawPath: string): boolean {
  if (method !== 'POST') return false;
  try {
    return matchSyncRoute(method, rawPath).operation === 'UpdateRecords';
  } catch {
    return false;
  }
}

function internalError(error: unknown, onInternalError?: (error: unknown) => void): ApiError {
  onInternalError?.(error);
  const detail = error instanceof Error ? error.message : String(error);
  return new ApiError('InternalErrorException', 500, `Internal error in the cogsync local server: ${detail}`);
}

export function createRequestHandler(
  store: Store,
  options: Pick<LocalServerOptions, 'maxBodyBytes' | 'onInternalError' | 'auth' | 'now'> = {},
) {
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const now = options.now ?? Date.now;

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const { rawPath, rawQuery } = splitTarget(req.url ?? '/');
    const target = headerValue(req, 'x-amz-target');
    const isIdentity = method === 'POST' && rawPath === '/' && target !== undefined && target.startsWith(IDENTITY_TARGET_PREFIX);
    const contentType = isIdentity ? IDENTITY_CONTENT_TYPE : undefined;
    try {
      const raw = await readBody(req, maxBody);
      if (options.auth) {
        const identityOperation = isIdentity ? target.slice(IDENTITY_TARGET_PREFIX.length) : undefined;
        requireSignature({ method, rawPath, rawQuery, headers: req.headers, body: raw }, { identityOperation }, options.auth, now());
      }
      // UpdateRecords' usual body is read straight from its bytes; when that reader declines,
      // the body is parsed here like any other, so errors come in the same order.
      const updateBody = !isIdentity && isUpdateRecords(method, rawPath) ? readUpdateRecordsBody(raw) : undefined;
      const body = updateBody ? {} : parseJsonObject(raw);
      let output: object;
      if (isIdentity) {
        const operation = target.slice(IDENTITY_TARGET_PREFIX.length);
        const handler = Object.hasOwn(IDENTITY_HANDLERS, operation) ? IDENTITY_HANDLERS[operation] : undefined;
        if (!handler) throw new ApiError('UnknownOperationException', 400, `Unknown operation: ${target}`);
        const region = regionFromAuthorization(headerValue(req, 'authorization')) ?? 'us-east-1';
        output = handler(store, body, { region });
      } else if (rawPath.startsWith(ADMIN_PREFIX)) {
        const handler = ADMIN_ROUTES[`${method} ${rawPath}`];
        if (!handler) throw unknownOperation(method, rawPath);
        output = handler(store, body);
      } else {
        const { operation, labels } = matchSyncRoute(method, rawPath);
        const query = parseQuery(rawQuery);
        output = SYNC_HANDLERS[operation](store, { operation, labels, query, body, rawBody: raw, updateBody, headers: req.headers });
      }
      sendJson(res, 200, output instanceof RawJson ? output.chunks : JSON.stringify(output), { contentType });
    } catch (err) {
      let error = err instanceof ApiError ? err : internalError(err, options.onInternalError);
      if (isIdentity) error = asIdentityServiceError(error);
      if (!res.headersSent) sendError(res, error, { contentType });
      else res.destroy();
    }
  };
}

/**
 * node's own answer to a request its parser refuses is a bare `400 Bad Request` (431, 408)
 * without a body; this one is a JSON error like every other (§1.4). As node does, it is
 * written only when no response to this connection has started, then the socket closes.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (error.code !== 'ECONNRESET' && socket.writable && !inFlight?.headersSent) socket.write(clientErrorResponse(error.code));
  socket.destroy();
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

export function formatUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

export async function startLocalServer(options: LocalServerOptions): Promise<LocalServer> {
  const path = options.inMemory ? ':memory:' : options.dbPath;
  if (!path) throw new Error('startLocalServer needs dbPath or inMemory');
  const store = new Store({
    path,
    accountId: options.accountId,
    tokenTtlSeconds: options.tokenTtlSeconds,
    now: options.now,
    limits: options.limits,
    cacheBytes: options.recordCacheBytes,
  });
  try {
    if (options.seed === 'demo' && store.isNew) seedDemo(store);
    const handle = createRequestHandler(store, options);
    const server = createServer((req, res) => void handle(req, res));
    server.on('clientError', answerClientError);
    await listen(server, options.port, options.host);
    const port = (server.address() as AddressInfo).port;
    let closing: Promise<void> | undefined;
    return {
      url: formatUrl(options.host, port),
      host: options.host,
      port,
      store,
      close() {
        closing ??= new Promise<void>((resolve) => {
          server.close(() => {
            store.close();
            // Also once the WAL's descriptor is let go (a sync may still be running).
            void (store.walFlusher?.idle() ?? Promise.resolve()).then(resolve);
          });
          server.closeAllConnections();
        });
        return closing;
      },
    };
  } catch (err) {
    store.close();
    throw err;
  }
}
