import { CognitoSyncClient } from '@aws-sdk/client-cognito-sync';
import { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { startLocalServer, type LocalServer, type LocalServerOptions } from '../../src/local/server.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export const TEST_CREDENTIALS = { accessKeyId: 'AKIDTESTCOGSYNC', secretAccessKey: 'test-secret-not-real' };

export interface TestServer {
  server: LocalServer;
  url: string;
  /** A Cognito Sync client on this server; SDK retries off so every call is one request. */
  sync: CognitoSyncClient;
  identity: CognitoIdentityClient;
  /** Another Cognito Sync client (a second device). */
  newSyncClient(): CognitoSyncClient;
  /** Folder holding the database (when not in memory). */
  dir: string;
  dbPath: string;
  close(): Promise<void>;
}

export function syncClientFor(url: string, region = 'us-east-1'): CognitoSyncClient {
  return new CognitoSyncClient({ endpoint: url, region, credentials: TEST_CREDENTIALS, maxAttempts: 1 });
}

export function identityClientFor(url: string, region = 'us-east-1'): CognitoIdentityClient {
  return new CognitoIdentityClient({ endpoint: url, region, credentials: TEST_CREDENTIALS, maxAttempts: 1 });
}

/**
 * Starts the real local server on 127.0.0.1, port 0, with a database in a temp folder
 * (or in memory), and real SDK clients pointed at it.
 */
export async function startTestServer(options: Partial<LocalServerOptions> & { keepDir?: string } = {}): Promise<TestServer> {
  const dir = options.keepDir ?? mkdtempSync(join(tmpdir(), 'cogsync-server-'));
  const dbPath = options.dbPath ?? join(dir, 'test.db');
  const server = await startLocalServer({ host: '127.0.0.1', port: 0, dbPath, ...options });
  const clients: Array<{ destroy(): void }> = [];
  const track = <T extends { destroy(): void }>(c: T): T => (clients.push(c), c);
  const sync = track(syncClientFor(server.url));
  const identity = track(identityClientFor(server.url));
  return {
    server,
    url: server.url,
    sync,
    identity,
    newSyncClient: () => track(syncClientFor(server.url)),
    dir,
    dbPath,
    async close() {
      for (const c of clients) c.destroy();
      await server.close();
      if (!options.keepDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * For a test file: a function that starts a fresh in-memory demo-seeded server per call, every one closed after the
 * file's tests.
 */
export function demoServersClosedAfter(): () => Promise<TestServer> {
  const servers: TestServer[] = [];
  after(async () => {
    for (const s of servers) await s.close().catch(() => undefined);
  });
  return async () => {
    const server = await startTestServer({ seed: 'demo', inMemory: true });
    servers.push(server);
    return server;
  };
}

/** One server for all tests of a file or describe block: before() starts it into the returned object, after() closes it. */
export function serverBeforeAll(options: Partial<LocalServerOptions> & { keepDir?: string } = {}): TestServer {
  const shared = {} as TestServer;
  before(async () => {
    Object.assign(shared, await startTestServer(options));
  });
  // A server that never started (before() failed) has nothing to close.
  after(() => (shared as Partial<TestServer>).close?.());
  return shared;
}
