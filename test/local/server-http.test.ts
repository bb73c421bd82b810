import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import {
  DescribeDatasetCommand,
  ListRecordsCommand,
  UpdateRecordsCommand,
  type CognitoSyncClient,
} from '@aws-sdk/client-cognito-sync';
import { serverBeforeAll, startTestServer } from '../helpers/local-server.js';
import { raw, UUID_RE } from '../helpers/raw-http.js';

const P = 'us-east-1:00000000-0000-4000-8000-0000000000b1';
const I = 'us-east-1:00000000-0000-4000-8000-0000000000c1';
const enc = encodeURIComponent;
const datasetPath = (d: string, i = I) => `/identitypools/${enc(P)}/identities/${enc(i)}/datasets/${d}`;

const t = serverBeforeAll({ inMemory: true, maxBodyBytes: 64 * 1024 });

async function write(sync: CognitoSyncClient, dataset: string, patches: Array<{ Key: string; Value?: string; SyncCount: number }>, extra = {}) {
  const { SyncSessionToken } = await sync.send(new ListRecordsCommand({ IdentityPoolId: P, IdentityId: I, DatasetName: dataset }));
  return sync.send(
    new UpdateRecordsCommand({
      IdentityPoolId: P,
      IdentityId: I,
      DatasetName: dataset,
      SyncSessionToken,
      RecordPatches: patches.map((p) => ({ Op: p.Value === undefined ? 'remove' : 'replace', ...p })),
      ...extra,
    }),
  );
}

test('success and error responses carry the AWS headers and error body', async () => {
  const ok = await raw(t.url, { method: 'GET', path: '/identitypools' });
  assert.equal(ok.status, 200);
  assert.equal(ok.headers['content-type'], 'application/json');
  assert.match(String(ok.headers['x-amzn-requestid']), UUID_RE);
  assert.equal(ok.headers['x-amzn-errortype'], undefined);

  const missing = await raw(t.url, { method: 'GET', path: datasetPath('nope') });
  assert.equal(missing.status, 404);
  assert.equal(missing.headers['content-type'], 'application/json');
  assert.match(String(missing.headers['x-amzn-requestid']), UUID_RE);
  assert.equal(missing.headers['x-amzn-errortype'], 'ResourceNotFoundException');
  assert.deepEqual(missing.json, { __type: 'ResourceNotFoundException', message: "Dataset 'nope' not found." });

  const unknown = await raw(t.url, { method: 'PATCH', path: '/identitypools/x' });
  assert.deepEqual([unknown.status, unknown.json], [404, { __type: 'UnknownOperationException', message: 'Unknown operation: PATCH /identitypools/x' }]);
});

test('bodies: JSON whatever the content type; bad JSON, a non-object or a wrong member type → SerializationException', async () => {
  const created = await raw(t.url, {
    method: 'POST',
    path: `/identitypools/${enc(P)}/identity/${enc(I)}/device`,
    headers: { 'Content-Type': 'text/plain' },
    body: { Platform: 'GCM', Token: 'tok' },
  });
  assert.equal(created.status, 200);
  assert.match(created.json.DeviceId, UUID_RE);
  for (const body of ['{"Platform":', '[1,2]', '"text"', 'null', '{"Platform":5,"Token":"t"}']) {
    const res = await raw(t.url, { method: 'POST', path: `/identitypools/${enc(P)}/identity/${enc(I)}/device`, body });
    assert.equal(res.status, 400, body);
    assert.equal(res.json.__type, 'SerializationException', body);
    assert.equal(res.headers['x-amzn-errortype'], 'SerializationException');
  }
});

test('an oversized body is refused with 413 without taking the server down', async () => {
  const big = JSON.stringify({ SyncSessionToken: 't', RecordPatches: [{ Op: 'replace', Key: 'k', Value: 'v'.repeat(70 * 1024), SyncCount: 0 }] });
  const res = await raw(t.url, { method: 'POST', path: datasetPath('big'), body: big });
  assert.equal(res.status, 413);
  assert.equal(res.json.__type, 'RequestEntityTooLargeException');
  assert.match(res.json.message, /larger than the limit of 65536 bytes/);
  // Chunked, with no Content-Length: refused once the limit passes.
  const chunked = await new Promise<number>((resolve, reject) => {
    const url = new URL(t.url);
    const req = request({ host: url.hostname, port: url.port, method: 'POST', path: datasetPath('big') }, (r) => {
      r.resume();
      resolve(r.statusCode ?? 0);
    });
    req.on('error', reject);
    for (let i = 0; i < 20; i++) req.write('x'.repeat(8192));
    req.end();
  });
  assert.equal(chunked, 413);
  assert.equal((await raw(t.url, { method: 'GET', path: '/identitypools' })).status, 200, 'still serving');
});

test('path labels are decoded after splitting: dev%2F1 is the device "dev/1"', async () => {
  const res = await raw(t.url, { method: 'POST', path: `${datasetPath('d')}/subscriptions/dev%2F1` });
  assert.deepEqual([res.status, res.json.message], [404, "Device 'dev/1' not found."]);
  const bad = await raw(t.url, { method: 'GET', path: `${datasetPath('d')}%E0%A4` });
  assert.equal(bad.json.__type, 'InvalidParameterException');
});

test('timestamps are epoch seconds with at most 3 decimals, never strings', async () => {
  await write(t.sync, 'times', [{ Key: 'k', Value: 'v', SyncCount: 0, DeviceLastModifiedDate: new Date(1704164645678) } as never]);
  const res = await raw(t.url, { method: 'GET', path: `${datasetPath('times')}/records` });
  const record = res.json.Records[0];
  for (const field of ['LastModifiedDate', 'DeviceLastModifiedDate']) {
    assert.equal(typeof record[field], 'number');
    assert.match(String(record[field]), /^\d{10}(\.\d{1,3})?$/);
  }
  assert.equal(record.DeviceLastModifiedDate, 1704164645.678);
  const dataset = await raw(t.url, { method: 'GET', path: datasetPath('times') });
  assert.match(String(dataset.json.Dataset.CreationDate), /^\d{10}(\.\d{1,3})?$/);
});

test('raw JSON of records: tombstones carry no Value member, "" does', async () => {
  await write(t.sync, 'shape', [{ Key: 'empty', Value: '', SyncCount: 0 }, { Key: 'gone', SyncCount: 0 }]);
  const res = await raw(t.url, { method: 'GET', path: `${datasetPath('shape')}/records` });
  const byKey = Object.fromEntries(res.json.Records.map((r: { Key: string }) => [r.Key, r]));
  assert.equal(byKey.empty.Value, '');
  assert.ok(!('Value' in byKey.gone));
  assert.ok(!('DeviceLastModifiedDate' in byKey.gone));
  assert.ok(!('NextToken' in res.json));
  assert.ok(!('MergedDatasetNames' in res.json));
});

test('SDK: ClientContext header and DeviceId set LastModifiedBy; the dataset follows the last write', async () => {
  const context = Buffer.from(JSON.stringify({ client: { installation_id: 'install-9' } })).toString('base64');
  const byContext = await write(t.sync, 'who', [{ Key: 'a', Value: '1', SyncCount: 0 }], { ClientContext: context });
  assert.equal(byContext.Records?.[0].LastModifiedBy, 'install-9');
  const byDevice = await write(t.sync, 'who', [{ Key: 'a', Value: '2', SyncCount: 1 }], { ClientContext: context, DeviceId: 'device-7' });
  assert.equal(byDevice.Records?.[0].LastModifiedBy, 'device-7');
  const dataset = await t.sync.send(new DescribeDatasetCommand({ IdentityPoolId: P, IdentityId: I, DatasetName: 'who' }));
  assert.equal(dataset.Dataset?.LastModifiedBy, 'device-7');
  assert.ok(dataset.Dataset?.CreationDate instanceof Date);
});

test('SDK paging: every page carries the same SyncSessionToken and the pages add up', async () => {
  const patches = Array.from({ length: 25 }, (_, i) => ({ Key: `k${String(i).padStart(2, '0')}`, Value: `${i}`, SyncCount: 0 }));
  await write(t.sync, 'pages', patches);
  const seen: string[] = [];
  const tokens = new Set<string>();
  let NextToken: string | undefined;
  do {
    const page = await t.sync.send(new ListRecordsCommand({ IdentityPoolId: P, IdentityId: I, DatasetName: 'pages', MaxResults: 7, NextToken }));
    assert.ok((page.Count ?? 0) <= 7);
    seen.push(...(page.Records ?? []).map((r) => r.Key!));
    tokens.add(page.SyncSessionToken!);
    NextToken = page.NextToken;
  } while (NextToken);
  assert.deepEqual(seen, patches.map((p) => p.Key));
  assert.equal(tokens.size, 1);
});

test('Cognito Identity: JSON 1.1 content type, client errors are 400, ValidationException, unknown target', async () => {
  const target = (op: string) => ({ 'X-Amz-Target': `AWSCognitoIdentityService.${op}`, 'Content-Type': 'application/x-amz-json-1.1' });
  const notFound = await raw(t.url, { method: 'POST', path: '/', headers: target('DescribeIdentityPool'), body: { IdentityPoolId: 'us-east-1:0000' } });
  assert.deepEqual([notFound.status, notFound.json], [400, { __type: 'ResourceNotFoundException', message: "IdentityPool 'us-east-1:0000' not found." }]);
  assert.equal(notFound.headers['content-type'], 'application/x-amz-json-1.1');
  assert.equal(notFound.headers['x-amzn-errortype'], 'ResourceNotFoundException');
  const invalid = await raw(t.url, { method: 'POST', path: '/', headers: target('ListIdentityPools'), body: { MaxResults: 61 } });
  assert.deepEqual(invalid.json, {
    __type: 'ValidationException',
    message: "1 validation error detected: Value '61' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 60",
  });
  const unknown = await raw(t.url, { method: 'POST', path: '/', headers: target('MergeDeveloperIdentities'), body: {} });
  assert.deepEqual([unknown.status, unknown.json.__type], [400, 'UnknownOperationException']);
  const badJson = await raw(t.url, { method: 'POST', path: '/', headers: target('GetId'), body: '{' });
  assert.deepEqual([badJson.status, badJson.json.__type], [400, 'SerializationException']);
  // Other targets (old Android SDKs) are ignored: POST / is then no Sync route.
  const other = await raw(t.url, { method: 'POST', path: '/', headers: { 'X-Amz-Target': 'AWSCognitoSyncService.ListDatasets' }, body: {} });
  assert.deepEqual([other.status, other.json.__type], [404, 'UnknownOperationException']);
});

test('admin: merge-identities over HTTP, validation, health', async () => {
  const pool = await raw(t.url, {
    method: 'POST',
    path: '/',
    headers: { 'X-Amz-Target': 'AWSCognitoIdentityService.CreateIdentityPool' },
    body: { IdentityPoolName: 'merge pool', AllowUnauthenticatedIdentities: true },
  });
  const poolId: string = pool.json.IdentityPoolId;
  const getId = async () =>
    (await raw(t.url, { method: 'POST', path: '/', headers: { 'X-Amz-Target': 'AWSCognitoIdentityService.GetId' }, body: { IdentityPoolId: poolId } })).json
      .IdentityId as string;
  const [source, destination] = [await getId(), await getId()];
  const { SyncSessionToken } = await t.sync.send(new ListRecordsCommand({ IdentityPoolId: poolId, IdentityId: source, DatasetName: 'save' }));
  await t.sync.send(
    new UpdateRecordsCommand({ IdentityPoolId: poolId, IdentityId: source, DatasetName: 'save', SyncSessionToken, RecordPatches: [{ Op: 'replace', Key: 'k', Value: 'v', SyncCount: 0 }] }),
  );
  const merged = await raw(t.url, {
    method: 'POST',
    path: '/_cogsync/merge-identities',
    body: { IdentityPoolId: poolId, SourceIdentityId: source, DestinationIdentityId: destination },
  });
  assert.equal(merged.status, 200);
  assert.deepEqual(merged.json.MergedDatasetNames, [`save.${source}`]);
  const listed = await t.sync.send(new ListRecordsCommand({ IdentityPoolId: poolId, IdentityId: destination, DatasetName: 'save' }));
  assert.deepEqual([listed.DatasetExists, listed.MergedDatasetNames], [false, [`save.${source}`]]);
  const invalid = await raw(t.url, { method: 'POST', path: '/_cogsync/merge-identities', body: { IdentityPoolId: poolId } });
  assert.equal(invalid.json.__type, 'InvalidParameterException');
  assert.match(invalid.json.message, /^2 validation errors detected: Value null at 'sourceIdentityId'/);
  assert.deepEqual((await raw(t.url, { method: 'GET', path: '/_cogsync/health' })).json, { status: 'ok', service: 'cogsync-local' });
  assert.equal((await raw(t.url, { method: 'GET', path: '/_cogsync/nothing' })).status, 404);
});

test('an unexpected failure is a 500 InternalErrorException, reported to onInternalError', async () => {
  const errors: unknown[] = [];
  const s = await startTestServer({ inMemory: true, onInternalError: (e) => errors.push(e) });
  try {
    s.server.store.db.close(); // every statement now fails
    const res = await raw(s.url, { method: 'GET', path: '/identitypools' });
    assert.equal(res.status, 500);
    assert.equal(res.json.__type, 'InternalErrorException');
    assert.equal(res.headers['x-amzn-errortype'], 'InternalErrorException');
    assert.equal(errors.length, 1);
  } finally {
    await s.close();
  }
});
