// Faults in the commit path (cogsync/sync over src/session): a fault-injecting proxy sits
// between a real SDK client and the real local server. For each fault: the error is
// clear (code, message, hint), the staged edits are kept, the server holds the batch
// whole or not at all (read with a direct client), and the retry succeeds once the fault
// clears, with exactly one write in all.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { CognitoSyncClient, ListRecordsCommand, UpdateRecordsCommand } from '@aws-sdk/client-cognito-sync';
import { CommitError, openDataset, type SyncDataset } from '../../src/lib/sync.js';
import { FAULTS, FaultProxy, only, type FaultSpec } from '../helpers/fault-proxy.js';
import { startTestServer, TEST_CREDENTIALS, type TestServer } from '../helpers/local-server.js';

const P = `us-east-1:${randomUUID()}`;
const I = `us-east-1:${randomUUID()}`;
const TIMEOUT_MS = 400;
const ORIGINAL = { keep: 'k', change: 'old', drop: 'x' };
const DESIRED = { keep: 'k', change: 'new', add: '+' };

let server: TestServer;
let proxy: FaultProxy;
const clients: CognitoSyncClient[] = [];

before(async () => {
  server = await startTestServer({ inMemory: true });
  proxy = await FaultProxy.start(server.url);
});
after(async () => {
  for (const c of clients) c.destroy();
  await proxy.stop();
  await server.close();
});

/** A client through the proxy, as a script would build one (timeouts that throw). */
function proxiedClient(maxAttempts = 1): CognitoSyncClient {
  const client = new CognitoSyncClient({
    endpoint: proxy.url,
    region: 'us-east-1',
    credentials: TEST_CREDENTIALS,
    maxAttempts,
    requestHandler: { requestTimeout: TIMEOUT_MS, throwOnRequestTimeout: true },
  });
  clients.push(client);
  return client;
}

const where = (dataset: string) => ({ IdentityPoolId: P, IdentityId: I, DatasetName: dataset });

/** Records (live only) and the dataset count, read directly from the server. */
async function onServer(dataset: string): Promise<{ records: Record<string, string>; count: number }> {
  const page = await server.sync.send(new ListRecordsCommand(where(dataset)));
  const records = Object.fromEntries((page.Records ?? []).filter((r) => r.Value !== undefined).map((r) => [r.Key!, r.Value!]));
  return { records, count: page.DatasetSyncCount ?? 0 };
}

/** A dataset holding ORIGINAL (count 1), opened through the proxy with DESIRED staged. */
async function stagedDataset(dataset: string, client: CognitoSyncClient): Promise<SyncDataset> {
  const token = (await server.sync.send(new ListRecordsCommand(where(dataset)))).SyncSessionToken;
  await server.sync.send(
    new UpdateRecordsCommand({
      ...where(dataset),
      SyncSessionToken: token,
      RecordPatches: Object.entries(ORIGINAL).map(([Key, Value]) => ({ Op: 'replace', Key, Value, SyncCount: 0 })),
    }),
  );
  const ds = await openDataset({ client, identityPoolId: P, identityId: I, datasetName: dataset });
  ds.put('change', 'new').put('add', '+').remove('drop');
  return ds;
}

interface Case {
  name: string;
  /** Turns the fault on (a proxy fault, or stopping the proxy). */
  inject: () => void | Promise<void>;
  clear: () => void | Promise<void>;
  code: string;
  message: RegExp;
  hint?: RegExp;
  /** Whether the server got (and wrote) the batch although the client saw an error. */
  written: boolean;
}

const fault = (spec: FaultSpec) => () => proxy.inject(spec);
const clearFault = () => proxy.clear();
const LOST_ANSWER = /^the batch may have been written before the answer was lost: commit again/;

const CASES: Case[] = [
  {
    name: 'connection refused (the proxy stopped listening)',
    inject: () => proxy.stop(),
    clear: () => proxy.start(),
    code: 'EndpointUnreachable',
    message: /^(cannot reach the endpoint \(ECONNREFUSED\)|the connection to the endpoint was cut)/,
    written: false,
  },
  {
    name: 'connection reset before the server saw UpdateRecords',
    inject: fault({ fault: FAULTS.resetBeforeForward(), match: only('UpdateRecords') }),
    clear: clearFault,
    code: 'EndpointUnreachable',
    message: /^the connection to the endpoint was cut before the answer arrived \(ECONNRESET\)/,
    hint: LOST_ANSWER,
    written: false,
  },
  {
    name: 'connection reset mid-response (the server wrote the batch)',
    inject: fault({ fault: FAULTS.resetMidResponse(), match: only('UpdateRecords') }),
    clear: clearFault,
    code: 'EndpointUnreachable',
    message: /^the connection to the endpoint was cut before the answer arrived \(ECONNRESET\)/,
    hint: LOST_ANSWER,
    written: true,
  },
  {
    name: '500 InternalErrorException',
    inject: fault({ fault: FAULTS.internalError(), match: only('UpdateRecords') }),
    clear: clearFault,
    code: 'InternalErrorException',
    message: /^injected: internal error$/,
    written: false,
  },
  {
    name: '429 TooManyRequestsException',
    inject: fault({ fault: FAULTS.throttled(), match: only('UpdateRecords') }),
    clear: clearFault,
    code: 'TooManyRequestsException',
    message: /^injected: Rate exceeded$/,
    hint: /^AWS is throttling requests: wait a moment and try again$/,
    written: false,
  },
  {
    name: 'an answer slower than the client timeout (the server wrote the batch)',
    inject: fault({ fault: FAULTS.slow(5_000), match: only('UpdateRecords') }),
    clear: clearFault,
    code: 'EndpointUnreachable',
    message: /^no answer from the endpoint in time \(timed out\)/,
    hint: LOST_ANSWER,
    written: true,
  },
  {
    name: 'a request held longer than the client timeout before the server sees it',
    inject: fault({ fault: FAULTS.slow(5_000, 'before-forward'), match: only('UpdateRecords') }),
    clear: clearFault,
    code: 'EndpointUnreachable',
    message: /^no answer from the endpoint in time \(timed out\)/,
    hint: LOST_ANSWER,
    written: false,
  },
  {
    name: 'expired credentials (ExpiredTokenException from the proxy)',
    inject: fault({ fault: FAULTS.expiredToken() }),
    clear: clearFault,
    code: 'ExpiredTokenException',
    message: /^The security token included in the request is expired$/,
    hint: /^the credentials have expired: refresh them/,
    written: false,
  },
];

for (const [n, c] of CASES.entries()) {
  test(`commit under a fault: ${c.name}`, { timeout: 30_000 }, async () => {
    const dataset = `fault-${n}`;
    const ds = await stagedDataset(dataset, proxiedClient());
    const staged = ds.staged;
    const before = await onServer(dataset);
    assert.deepEqual(before, { records: ORIGINAL, count: 1 });

    await c.inject();
    const started = Date.now();
    let thrown: unknown;
    try {
      await ds.commit();
    } catch (error) {
      thrown = error;
    } finally {
      await c.clear();
    }
    assert.ok(Date.now() - started < 10_000, `the failure came in bounded time (${Date.now() - started} ms)`);
    assert.ok(thrown instanceof CommitError, `a CommitError, got ${String(thrown)}`);
    assert.equal(thrown.code, c.code);
    assert.match(thrown.message, c.message);
    if (c.hint) assert.match(thrown.hint ?? '(no hint)', c.hint);
    assert.deepEqual(ds.staged, staged, 'the staged edits are kept');

    const during = await onServer(dataset);
    assert.deepEqual(during, c.written ? { records: DESIRED, count: 2 } : before, 'the batch is on the server whole or not at all');

    const retried = await ds.commit();
    assert.equal(retried.status, 'committed');
    assert.deepEqual(ds.staged, []);
    // Exactly one write in all: a batch that already reached the server is recognised, not resent.
    assert.deepEqual(await onServer(dataset), { records: DESIRED, count: 2 });
    if (c.written) assert.equal(retried.status === 'committed' && retried.requests.updates, 0, 'nothing resent');
  });
}

test('SDK retries never resend UpdateRecords: a retrying client gets one 500 on the write, one try only', async () => {
  const ds = await stagedDataset('retrying', proxiedClient(3));
  const seenBefore = proxy.seen.length;
  proxy.inject({ fault: FAULTS.internalError(), match: only('UpdateRecords'), times: 1 });
  await assert.rejects(ds.commit(), (e: unknown) => e instanceof CommitError && e.code === 'InternalErrorException' && e.retryable);
  const updates = proxy.seen.slice(seenBefore).filter((r) => r.operation === 'UpdateRecords');
  assert.deepEqual(updates.map((r) => r.outcome), ['status'], 'one UpdateRecords, not retried');
  assert.equal((await ds.commit()).status, 'committed');
  assert.deepEqual((await onServer('retrying')).records, DESIRED);
});

test('a ListRecords that fails once is retried by the SDK (reads are safe to retry) and the commit goes through', async () => {
  const ds = await stagedDataset('read-retry', proxiedClient(3));
  proxy.inject({ fault: FAULTS.internalError(), match: only('ListRecords'), times: 1 });
  const outcome = await ds.commit();
  assert.equal(outcome.status, 'committed');
  assert.equal(proxy.hits, 1);
  assert.deepEqual(await onServer('read-retry'), { records: DESIRED, count: 2 });
});

test('credentials that fail to load (an expired SSO session) stop the commit before anything is sent; a refresh lets it through', async () => {
  let expired = true;
  const client = new CognitoSyncClient({
    endpoint: proxy.url,
    region: 'us-east-1',
    maxAttempts: 1,
    credentials: async () => {
      if (expired) {
        throw Object.assign(new Error('The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.'), {
          name: 'CredentialsProviderError',
        });
      }
      // Temporary credentials close to expiry: the SDK asks the provider again on every call.
      return { ...TEST_CREDENTIALS, expiration: new Date(Date.now() + 60_000) };
    },
  });
  clients.push(client);
  expired = false;
  const ds = await stagedDataset('sso', client);
  const staged = ds.staged;
  expired = true;
  const seenBefore = proxy.seen.length;
  await assert.rejects(ds.commit(), (e: unknown) => e instanceof CommitError && e.code === 'SsoSessionExpired' && e.hint === 'run: aws sso login');
  assert.equal(proxy.seen.length, seenBefore, 'no request went out unsigned');
  assert.deepEqual(ds.staged, staged);
  assert.deepEqual((await onServer('sso')).records, ORIGINAL);
  expired = false;
  assert.equal((await ds.commit()).status, 'committed');
  assert.deepEqual((await onServer('sso')).records, DESIRED);
});
