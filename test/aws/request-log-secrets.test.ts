// Proves no credential reaches the request log, its JSONL file, the debug lines or the
// error lines, while the same credentials demonstrably signed the requests.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateIdentityPoolCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { DescribeDatasetCommand, UpdateRecordsCommand } from '@aws-sdk/client-cognito-sync';
import { ClientFactory } from '../../src/aws/clients.js';
import { formatError } from '../../src/aws/errors.js';
import { listAllRecords } from '../../src/aws/paging.js';
import { RequestLog } from '../../src/aws/request-log.js';
import { startTestServer, type TestServer } from '../helpers/local-server.js';
import { withAwsEnv } from './env.js';

const ACCESS_KEY_ID = 'AKIDSECRETTEST00001';
const SECRET_ACCESS_KEY = 'secret-key-ZZZ-must-never-be-logged';
const SESSION_TOKEN = 'session-token-YYY-must-never-be-logged';
const LOGIN_TOKEN = 'login-token-XXX-must-never-be-logged';
const SECRETS = [ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN, LOGIN_TOKEN];

type Next = (args: { request: unknown }) => Promise<unknown>;
interface Stack {
  middlewareStack: { add(mw: (next: Next, context: { commandName?: string }) => Next, options: { step: 'deserialize'; name: string }): void };
}

/** Records the signing headers of every request the client sends (the deserialize step wraps the signed request). */
function captureAuthorization(client: unknown, into: string[]): void {
  (client as Stack).middlewareStack.add(
    (next, context) => async (args) => {
      const headers = (args.request as { headers: Record<string, string> }).headers;
      into.push(`${context.commandName} ${headers.authorization ?? ''} ${headers['x-amz-security-token'] ?? ''}`);
      return next(args);
    },
    { step: 'deserialize', name: 'testCaptureAuthorization' },
  );
}

let server: TestServer;
let dir: string;

before(async () => {
  server = await startTestServer({ inMemory: true });
  dir = mkdtempSync(join(tmpdir(), 'cogsync-secrets-'));
});

after(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('static credentials, session token and Logins never appear in log entries, file, debug or errors', async () => {
  const logFile = join(dir, 'requests.jsonl');
  const log = new RequestLog();
  const debugLines: string[] = [];
  log.setFileSink(logFile);
  log.setDebug(true, (line) => debugLines.push(line));
  const errorLines: string[] = [];
  const sentAuthorization: string[] = [];

  await withAwsEnv(
    { AWS_ACCESS_KEY_ID: ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET_ACCESS_KEY, AWS_SESSION_TOKEN: SESSION_TOKEN, AWS_REGION: 'us-east-1' },
    async () => {
      const factory = new ClientFactory({ log });
      try {
        // kind 'aws' so the credentials come through the real provider chain (env)
        const c = factory.get({ name: 'secret-test', kind: 'aws', endpointUrl: server.url }, { maxAttempts: 1 });
        for (const client of [c.sync, c.identity]) captureAuthorization(client, sentAuthorization);
        const pool = await c.identity.send(new CreateIdentityPoolCommand({ IdentityPoolName: 'secrets', AllowUnauthenticatedIdentities: true }));
        const id = await c.identity.send(new GetIdCommand({ IdentityPoolId: pool.IdentityPoolId, Logins: { 'accounts.google.com': LOGIN_TOKEN } }));
        const w = { IdentityPoolId: pool.IdentityPoolId!, IdentityId: id.IdentityId!, DatasetName: 'd' };
        const listing = await listAllRecords(c.sync, w);
        await c.sync.send(new UpdateRecordsCommand({ ...w, SyncSessionToken: listing.syncSessionToken, RecordPatches: [{ Op: 'replace', Key: 'k', Value: 'v', SyncCount: 0 }] }));
        // two failures: a conflict and a missing dataset
        await c.sync
          .send(new UpdateRecordsCommand({ ...w, SyncSessionToken: listing.syncSessionToken, RecordPatches: [{ Op: 'replace', Key: 'k', Value: 'w', SyncCount: 0 }] }))
          .catch((e: unknown) => errorLines.push(formatError(e)));
        await c.sync.send(new DescribeDatasetCommand({ ...w, DatasetName: 'missing' })).catch((e: unknown) => errorLines.push(formatError(e)));
      } finally {
        factory.destroy();
        log.setFileSink(undefined);
      }
    },
  );

  // the test is meaningful only if the secrets were really in play
  // (GetId is the one unsigned operation, as on AWS)
  const signed = sentAuthorization.filter((h) => !h.startsWith('GetIdCommand '));
  assert.equal(sentAuthorization.length, 6, `requests captured: ${sentAuthorization.length}`);
  assert.equal(signed.length, 5);
  assert.ok(signed.every((h) => h.includes(ACCESS_KEY_ID) && h.includes(SESSION_TOKEN)), 'requests were signed with the test keys');
  assert.equal(errorLines.length, 2);

  const entries = log.entries();
  assert.deepEqual(
    entries.map((e) => `${e.operation}:${e.state}`),
    ['CreateIdentityPool:ok', 'GetId:ok', 'ListRecords:ok', 'UpdateRecords:ok', 'UpdateRecords:error', 'DescribeDataset:error'],
  );
  const fileText = readFileSync(logFile, 'utf8');
  assert.equal(fileText.trim().split('\n').length, 6);
  const everything = [JSON.stringify(entries), fileText, debugLines.join('\n'), errorLines.join('\n')].join('\n');
  for (const secret of SECRETS) assert.ok(!everything.includes(secret), `secret leaked: ${secret.slice(0, 12)}…`);
  assert.doesNotMatch(everything, /authorization|AWS4-HMAC-SHA256/i);
  // GetId's Logins is hidden; SyncSessionToken is shortened, never whole
  assert.deepEqual((entries[1].params as { Logins: unknown }).Logins, '***');
  const token = (entries[3].params as { SyncSessionToken: string }).SyncSessionToken;
  assert.match(token, /…\(\d+ chars\)$/);
});
