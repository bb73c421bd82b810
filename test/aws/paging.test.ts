// Paging against the real local server through the factory's clients (real SDK, HTTP).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CreateIdentityPoolCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { UpdateRecordsCommand } from '@aws-sdk/client-cognito-sync';
import { ClientFactory, type AwsClients } from '../../src/aws/clients.js';
import { CogsyncError } from '../../src/aws/errors.js';
import {
  datasetPages,
  identityPages,
  identityPoolPages,
  listAllDatasets,
  listAllIdentities,
  listAllIdentityPoolUsage,
  listAllIdentityPools,
  listAllRecords,
  recordPages,
} from '../../src/aws/paging.js';
import { RequestLog } from '../../src/aws/request-log.js';
import { startTestServer, type TestServer } from '../helpers/local-server.js';
import { cleanEnv } from './env.js';

let server: TestServer;
let factory: ClientFactory;
let log: RequestLog;
let clients: AwsClients;
let pool: string;
let identities: string[];

async function createPool(name: string): Promise<string> {
  const out = await clients.identity.send(new CreateIdentityPoolCommand({ IdentityPoolName: name, AllowUnauthenticatedIdentities: true }));
  assert.ok(out.IdentityPoolId);
  return out.IdentityPoolId;
}

async function write(IdentityId: string, DatasetName: string, entries: Array<[string, string]>, base = 0): Promise<void> {
  const { syncSessionToken } = await listAllRecords(clients.sync, { IdentityPoolId: pool, IdentityId, DatasetName });
  await clients.sync.send(
    new UpdateRecordsCommand({
      IdentityPoolId: pool,
      IdentityId,
      DatasetName,
      SyncSessionToken: syncSessionToken,
      RecordPatches: entries.map(([Key, Value]) => ({ Op: 'replace', Key, Value, SyncCount: base })),
    }),
  );
}

before(async () => {
  server = await startTestServer({ inMemory: true });
  log = new RequestLog();
  factory = new ClientFactory({ log, env: cleanEnv() });
  clients = factory.get({ name: 'local', kind: 'local', endpointUrl: server.url }, { maxAttempts: 1 });
  pool = await createPool('paging');
  for (let i = 0; i < 4; i++) await createPool(`extra-${i}`);
  identities = [];
  for (let i = 0; i < 5; i++) {
    const out = await clients.identity.send(new GetIdCommand({ IdentityPoolId: pool }));
    assert.ok(out.IdentityId);
    identities.push(out.IdentityId);
  }
});

after(async () => {
  factory?.destroy();
  await server?.close();
});

test('ListIdentityPools and ListIdentities are followed to the end across pages', async () => {
  const pools = await listAllIdentityPools(clients.identity, { pageSize: 2 });
  assert.equal(pools.length, 5);
  assert.equal(new Set(pools.map((p) => p.IdentityPoolId)).size, 5);
  const ids = await listAllIdentities(clients.identity, { IdentityPoolId: pool }, { pageSize: 2 });
  assert.deepEqual(ids.map((i) => i.IdentityId).sort(), [...identities].sort());
  const pages = [];
  for await (const page of identityPages(clients.identity, { IdentityPoolId: pool }, { pageSize: 2 })) pages.push(page);
  assert.deepEqual(pages.map((p) => [p.items.length, p.hasMore, p.pageNumber]), [[2, true, 1], [2, true, 2], [1, false, 3]]);
});

test('the lazy iterator makes one call per page pulled; stopping early makes no more calls', async () => {
  log.clear();
  const iterator = identityPoolPages(clients.identity, { pageSize: 2 });
  const first = await iterator.next();
  assert.equal(first.done, false);
  assert.equal(first.value?.hasMore, true);
  assert.equal(log.entries().length, 1);
  await iterator.return(undefined);
  assert.equal(log.entries().length, 1, 'no call after the consumer stopped');
  // resume from the first page's token: the remaining pools, none repeated
  const rest = await listAllIdentityPools(clients.identity, { pageSize: 2, startToken: first.value?.nextToken });
  assert.equal(rest.length, 3);
  assert.ok(!rest.some((p) => first.value?.items.some((q) => q.IdentityPoolId === p.IdentityPoolId)));
});

test('ListDatasets pages through every dataset of an identity', async () => {
  const id = identities[0];
  for (const name of ['a', 'b', 'c', 'd', 'e']) await write(id, name, [['k', name]]);
  const all = await listAllDatasets(clients.sync, { IdentityPoolId: pool, IdentityId: id }, { pageSize: 2 });
  assert.deepEqual(all.map((d) => d.DatasetName).sort(), ['a', 'b', 'c', 'd', 'e']);
  let pages = 0;
  for await (const page of datasetPages(clients.sync, { IdentityPoolId: pool, IdentityId: id }, { pageSize: 2 })) {
    pages++;
    assert.equal(page.hasMore, page.nextToken !== undefined);
  }
  assert.equal(pages, 3);
});

test('ListRecords: all pages, last page\'s DatasetSyncCount and token, lastSyncCount filter', async () => {
  const id = identities[1];
  const entries = Array.from({ length: 30 }, (_, i): [string, string] => [`key${String(i).padStart(2, '0')}`, `v${i}`]);
  await write(id, 'big', entries); // count 1
  await write(id, 'big', [['extra', 'x']]); // count 2
  const q = { IdentityPoolId: pool, IdentityId: id, DatasetName: 'big' };
  log.clear();
  const listing = await listAllRecords(clients.sync, q, { pageSize: 7 });
  assert.equal(listing.records.length, 31);
  assert.equal(listing.pages, 5);
  assert.equal(log.entries().length, 5, 'one ListRecords call per page');
  assert.equal(listing.datasetSyncCount, 2);
  assert.equal(listing.datasetExists, true);
  assert.equal(listing.datasetDeletedAfterRequestedSyncCount, false);
  assert.ok(listing.syncSessionToken);
  assert.equal(new Set(listing.records.map((r) => r.Key)).size, 31);
  // the request log saw the counts
  assert.equal(log.entries().at(-1)?.datasetSyncCount, 2);
  assert.deepEqual(log.entries()[0].recordSyncCounts, [1]);
  assert.deepEqual(log.entries().at(-1)?.recordSyncCounts, [1, 2]);

  // the last page's token works for a write
  await clients.sync.send(
    new UpdateRecordsCommand({ ...q, SyncSessionToken: listing.syncSessionToken, RecordPatches: [{ Op: 'remove', Key: 'extra', SyncCount: 2 }] }),
  );
  const since = await listAllRecords(clients.sync, { ...q, LastSyncCount: 2 }, { pageSize: 7 });
  assert.deepEqual(since.records.map((r) => [r.Key, r.Value, r.SyncCount]), [['extra', undefined, 3]]);
  assert.equal(since.datasetSyncCount, 3);

  const pages = [];
  for await (const page of recordPages(clients.sync, q, { pageSize: 30 })) pages.push(page);
  assert.deepEqual(pages.map((p) => [p.items.length, p.hasMore]), [[30, true], [1, false]]);
  assert.equal(pages[1].raw.DatasetSyncCount, 3);
});

test('a dataset that does not exist lists as empty with DatasetExists false', async () => {
  const listing = await listAllRecords(clients.sync, { IdentityPoolId: pool, IdentityId: identities[2], DatasetName: 'never' });
  assert.deepEqual(listing.records, []);
  assert.equal(listing.datasetExists, false);
  assert.equal(listing.datasetSyncCount, 0);
  assert.equal(listing.pages, 1);
});

test('ListIdentityPoolUsage is collected to the end', async () => {
  const usage = await listAllIdentityPoolUsage(clients.sync, { pageSize: 1 });
  assert.ok(usage.some((u) => u.IdentityPoolId === pool), 'the pool with data is listed');
  assert.equal(new Set(usage.map((u) => u.IdentityPoolId)).size, usage.length, 'no duplicates across pages');
});

test('bad paging input fails before any call', async () => {
  log.clear();
  await assert.rejects(listAllIdentityPools(clients.identity, { pageSize: 0 }), /page size/);
  await assert.rejects(listAllRecords(clients.sync, { IdentityPoolId: pool, IdentityId: identities[0], DatasetName: 'a', LastSyncCount: -1 }), /lastSyncCount/);
  assert.equal(log.entries().length, 0);
});

test('a bad NextToken from the caller is the server\'s InvalidParameterException, with operation', async () => {
  await assert.rejects(listAllDatasets(clients.sync, { IdentityPoolId: pool, IdentityId: identities[0] }, { startToken: 'bogus' }), (e: unknown) => {
    assert.ok(e instanceof CogsyncError);
    assert.equal(e.code, 'InvalidParameterException');
    assert.equal(e.operation, 'ListDatasets');
    assert.equal(e.httpStatus, 400);
    assert.match(e.requestId ?? '', /^[0-9a-f-]{36}$/);
    return true;
  });
});
