// SERVICE.md §1.3–1.5: request decoding, response envelope and error format, checked on the wire.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DescribeDatasetCommand, SubscribeToDatasetCommand } from '@aws-sdk/client-cognito-sync';
import { serverBeforeAll } from '../helpers/local-server.js';
import { C, DATASET_PATTERN, expectError, listAll, listRecords, put, token, violation, where, type Where } from '../helpers/fixtures.js';
import { assertJsonEnvelope, assertRawError, datasetPath, header, identityPath, raw } from '../helpers/raw-http.js';

const t = serverBeforeAll();

/** A raw UpdateRecords with a fresh token; `body` overrides/extends the JSON. */
async function rawUpdate(w: Where, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const SyncSessionToken = await token(t.sync, w);
  return raw(t.url, {
    method: 'POST',
    path: datasetPath(w.IdentityPoolId, w.IdentityId, w.DatasetName),
    headers: { 'Content-Type': 'application/json', ...headers },
    body: { SyncSessionToken, ...body },
  });
}

describe('§1.3 decoding requests', () => {
  test('"%2F stays inside its label (DeviceId dev/1 arrives as dev%2F1)"', async () => {
    const w = where();
    await put(t.sync, w, { a: '1' });
    await expectError(t.sync.send(new SubscribeToDatasetCommand({ ...w, DeviceId: 'dev/1' })), {
      name: 'ResourceNotFoundException',
      status: 404,
      message: "Device 'dev/1' not found.",
    });
  });

  test('"`:` as `%3A`": a literal `:` and `%3A` name the same identity', async () => {
    const w = where();
    await put(t.sync, w, { a: '1' });
    const literal = `/identitypools/${w.IdentityPoolId}/identities/${w.IdentityId}/datasets/${w.DatasetName}`;
    const res = await raw(t.url, { method: 'GET', path: literal });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.Dataset.DatasetName, w.DatasetName);
    assert.equal(res.json.Dataset.IdentityId, w.IdentityId);
  });

  test('"Undecodable → 400 InvalidParameterException"', async () => {
    const w = where();
    const res = await raw(t.url, { method: 'GET', path: `${identityPath(w.IdentityPoolId, w.IdentityId)}/datasets/bad%E0%A4%ZZ` });
    assertRawError(res, 400, 'InvalidParameterException');
  });

  test('"An empty segment is an empty label": DescribeDataset with DatasetName "" → validation error, never ListDatasets', async () => {
    const w = where();
    await put(t.sync, w, { a: '1' });
    const e = await expectError(t.sync.send(new DescribeDatasetCommand({ ...w, DatasetName: '' })), {
      name: 'InvalidParameterException',
      status: 400,
    });
    // '' breaks the minimum length (and arguably the pattern too); the length violation must be there.
    assert.ok(
      e.message.includes(violation('datasetName', '', C.minLen(1))),
      `message names the empty datasetName: ${e.message}`,
    );
  });

  test('"No route → 404 UnknownOperationException `Unknown operation: <METHOD> <path>`"', async () => {
    const res = await raw(t.url, { method: 'GET', path: '/no-such-thing' });
    assertRawError(res, 404, 'UnknownOperationException', 'Unknown operation: GET /no-such-thing');
    const wrongMethod = await raw(t.url, { method: 'PUT', path: '/identitypools' });
    assertRawError(wrongMethod, 404, 'UnknownOperationException', 'Unknown operation: PUT /identitypools');
  });

  test('"Literal segments match case-sensitively"', async () => {
    const res = await raw(t.url, { method: 'GET', path: '/IdentityPools' });
    assertRawError(res, 404, 'UnknownOperationException', 'Unknown operation: GET /IdentityPools');
    const w = where();
    const res2 = await raw(t.url, { method: 'GET', path: `${identityPath(w.IdentityPoolId, w.IdentityId)}/Datasets` });
    assertRawError(res2, 404, 'UnknownOperationException');
  });

  test('"Query values: decodeURIComponent; any order; unknown names ignored"', async () => {
    const w = where();
    await put(t.sync, w, { a: '1', b: '2', c: '3' });
    const path = `${datasetPath(w.IdentityPoolId, w.IdentityId, w.DatasetName)}/records?bogus=x&maxResults=%32&lastSyncCount=0`;
    const res = await raw(t.url, { method: 'GET', path });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json.Records.map((r: { Key: string }) => r.Key), ['a', 'b']);
    assert.ok(res.json.NextToken);
  });

  test('"`+` stays `+`" when decoding (a `+` in a label is reported as `+`, not a space)', async () => {
    const w = where('a+b');
    const res = await raw(t.url, { method: 'GET', path: `${identityPath(w.IdentityPoolId, w.IdentityId)}/datasets/a+b` });
    assertRawError(res, 400, 'InvalidParameterException', `1 validation error detected: ${violation('datasetName', 'a+b', C.pattern(DATASET_PATTERN))}`);
  });

  test('"MUST accept any SigV4 signature and unsigned requests"; "Other targets … and x-amz-Client-Context-Encoding are ignored"', async () => {
    const w = where();
    const res = await rawUpdate(w, { RecordPatches: [{ Op: 'replace', Key: 'k', Value: 'v', SyncCount: 0 }] }, {
      Authorization: 'AWS4-HMAC-SHA256 Credential=AKIDBOGUS/20200101/us-east-1/cognito-sync/aws4_request, SignedHeaders=host, Signature=deadbeef',
      'X-Amz-Target': 'AWSCognitoSyncService.UpdateRecords',
      'x-amz-Client-Context-Encoding': 'base64',
    });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json.Records.map((r: { Key: string; SyncCount: number }) => [r.Key, r.SyncCount]), [['k', 1]]);
  });

  test('"Body: JSON whenever non-empty, whatever the Content-Type"', async () => {
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', undefined]) {
      const w = where();
      const res = await rawUpdate(w, { RecordPatches: [{ Op: 'replace', Key: 'k', Value: 'v', SyncCount: 0 }] },
        contentType ? { 'Content-Type': contentType } : {});
      assert.equal(res.status, 200, `${contentType}: ${res.text}`);
      assert.equal(res.json.Records[0].Value, 'v');
    }
  });

  for (const [label, body] of [
    ['unparsable JSON', '{"SyncSessionToken": "x", '],
    ['a non-object (array)', '[{"Op":"replace"}]'],
    ['a non-object (string)', '"hello"'],
    ['RecordPatches not a list', { RecordPatches: { Op: 'replace' } }],
    ['SyncCount as a string', { RecordPatches: [{ Op: 'replace', Key: 'k', Value: 'v', SyncCount: '0' }] }],
    ['Value as a number', { RecordPatches: [{ Op: 'replace', Key: 'k', Value: 5, SyncCount: 0 }] }],
    ['DeviceLastModifiedDate as a string', { RecordPatches: [{ Op: 'replace', Key: 'k', Value: 'v', SyncCount: 0, DeviceLastModifiedDate: '2024-01-02T03:04:05Z' }] }],
  ] as const) {
    test(`"Unparsable JSON, a non-object or a member of the wrong JSON type → 400 SerializationException": ${label}`, async () => {
      const w = where();
      await put(t.sync, w, { keep: '1' });
      const SyncSessionToken = await token(t.sync, w);
      const payload = typeof body === 'string' ? body.replace('"x"', JSON.stringify(SyncSessionToken)) : { SyncSessionToken, ...body };
      const res = await raw(t.url, {
        method: 'POST',
        path: datasetPath(w.IdentityPoolId, w.IdentityId, w.DatasetName),
        headers: { 'Content-Type': 'application/json' },
        body: payload,
      });
      assertRawError(res, 400, 'SerializationException');
      const { records } = await listAll(t.sync, w);
      assert.deepEqual(records.map((r) => [r.Key, r.SyncCount]), [['keep', 1]], 'nothing changed');
    });
  }

  test('"unknown members are ignored"', async () => {
    const w = where();
    const res = await rawUpdate(w, {
      SomethingNew: { nested: true },
      RecordPatches: [{ Op: 'replace', Key: 'k', Value: 'v', SyncCount: 0, Extra: 42 }],
    });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json.Records.map((r: { Key: string }) => r.Key), ['k']);
  });

  test('"Header names are case-insensitive" (X-AMZ-CLIENT-CONTEXT sets LastModifiedBy)', async () => {
    const w = where();
    const res = await rawUpdate(w, { RecordPatches: [{ Op: 'replace', Key: 'k', Value: 'v', SyncCount: 0 }] },
      { 'X-AMZ-CLIENT-CONTEXT': 'upper-case-device' });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.Records[0].LastModifiedBy, 'upper-case-device');
  });

  test('"Input timestamps … fractional (JS: 1704164645.678); keep milliseconds", and integers too', async () => {
    const w = where();
    const res = await rawUpdate(w, {
      RecordPatches: [
        { Op: 'replace', Key: 'frac', Value: 'v', SyncCount: 0, DeviceLastModifiedDate: 1704164645.678 },
        { Op: 'replace', Key: 'int', Value: 'v', SyncCount: 0, DeviceLastModifiedDate: 1704164645 },
      ],
    });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json.Records.map((r: { DeviceLastModifiedDate: number }) => r.DeviceLastModifiedDate), [1704164645.678, 1704164645]);
    const { records } = await listAll(t.sync, w);
    const byKey = new Map(records.map((r) => [r.Key, r.DeviceLastModifiedDate?.getTime()]));
    assert.deepEqual(Object.fromEntries(byKey), { frac: 1704164645678, int: 1704164645000 });
  });
});

describe('§1.4 responses', () => {
  test('"Every response, errors included, MUST carry Content-Type: application/json and x-amzn-RequestId: <uuid>"', async () => {
    const w = where();
    await put(t.sync, w, { a: '1' });
    const base = datasetPath(w.IdentityPoolId, w.IdentityId, w.DatasetName);
    const responses = [
      await raw(t.url, { method: 'GET', path: base }),
      await raw(t.url, { method: 'GET', path: `${base}/records` }),
      await raw(t.url, { method: 'GET', path: `${base}/nope/nope` }),
      await raw(t.url, { method: 'GET', path: `${identityPath(w.IdentityPoolId, w.IdentityId)}/datasets/bad!name` }),
      await raw(t.url, { method: 'POST', path: base, body: { SyncSessionToken: 'bad', RecordPatches: [] } }),
      await raw(t.url, { method: 'POST', path: base, body: '{' }),
    ];
    const ids = new Set<string>();
    for (const res of responses) {
      assertJsonEnvelope(res);
      ids.add(header(res, 'x-amzn-requestid')!);
    }
    assert.equal(ids.size, responses.length, 'a new request id per response');
  });

  test('"Output members at the top level; never the old RPC envelope"', async () => {
    const w = where();
    await put(t.sync, w, { a: '1' });
    const res = await raw(t.url, { method: 'GET', path: `${datasetPath(w.IdentityPoolId, w.IdentityId, w.DatasetName)}/records` });
    assert.equal(res.json.Output, undefined);
    assert.ok(Array.isArray(res.json.Records));
  });

  test('"Output timestamps MUST be epoch-second numbers, up to 3 decimals, never strings"', async () => {
    const w = where();
    await put(t.sync, w, { a: '1' });
    const base = datasetPath(w.IdentityPoolId, w.IdentityId, w.DatasetName);
    const ds = (await raw(t.url, { method: 'GET', path: base })).json.Dataset;
    const rec = (await raw(t.url, { method: 'GET', path: `${base}/records` })).json.Records[0];
    const usage = (await raw(t.url, { method: 'GET', path: identityPath(w.IdentityPoolId, w.IdentityId) })).json.IdentityUsage;
    const stamps = { dsCreated: ds.CreationDate, dsModified: ds.LastModifiedDate, recModified: rec.LastModifiedDate, usage: usage.LastModifiedDate };
    for (const [name, v] of Object.entries(stamps)) {
      assert.equal(typeof v, 'number', `${name} is a number: ${JSON.stringify(v)}`);
      assert.ok(Math.abs(v * 1000 - Math.round(v * 1000)) < 1e-6, `${name} has at most 3 decimals: ${v}`);
      assert.ok(Math.abs(v - Date.now() / 1000) < 3600, `${name} is epoch seconds (not ms): ${v}`);
    }
  });

  test('"empty outputs are `{}`" (SubscribeToDataset, UnsubscribeFromDataset, SetCognitoEvents)', async () => {
    const w = where();
    const reg = await raw(t.url, {
      method: 'POST',
      path: `/identitypools/${encodeURIComponent(w.IdentityPoolId)}/identity/${encodeURIComponent(w.IdentityId)}/device`,
      body: { Platform: 'GCM', Token: 'tok' },
    });
    assert.equal(reg.status, 200, reg.text);
    const sub = `${datasetPath(w.IdentityPoolId, w.IdentityId, w.DatasetName)}/subscriptions/${encodeURIComponent(reg.json.DeviceId)}`;
    for (const res of [
      await raw(t.url, { method: 'POST', path: sub }),
      await raw(t.url, { method: 'DELETE', path: sub }),
      await raw(t.url, { method: 'POST', path: `/identitypools/${encodeURIComponent(w.IdentityPoolId)}/events`, body: { Events: {} } }),
    ]) {
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.json, {});
    }
  });

  test('"Absent optional members are omitted": MergedDatasetNames, LastModifiedBy and NextToken absent for a never-written dataset', async () => {
    const w = where();
    const res = await raw(t.url, { method: 'GET', path: `${datasetPath(w.IdentityPoolId, w.IdentityId, w.DatasetName)}/records` });
    assert.equal(res.status, 200, res.text);
    for (const member of ['MergedDatasetNames', 'LastModifiedBy', 'NextToken']) {
      assert.equal(member in res.json, false, `${member} omitted: ${res.text}`);
    }
  });
});

describe('§1.5 errors', () => {
  test('"The server MUST send both [x-amzn-ErrorType and __type], with the bare shape name", with the right statuses', async () => {
    const w = where();
    await put(t.sync, w, { k: 'v' });
    const base = datasetPath(w.IdentityPoolId, w.IdentityId, w.DatasetName);
    const SyncSessionToken = await token(t.sync, w);
    const conflict = await raw(t.url, {
      method: 'POST',
      path: base,
      body: { SyncSessionToken, RecordPatches: [{ Op: 'replace', Key: 'k', Value: 'x', SyncCount: 0 }] },
    });
    assertRawError(conflict, 409, 'ResourceConflictException', 'Current SyncCount for: k is: 1 not: 0');
    const notFound = await raw(t.url, { method: 'GET', path: `${identityPath(w.IdentityPoolId, w.IdentityId)}/datasets/other` });
    assertRawError(notFound, 404, 'ResourceNotFoundException', "Dataset 'other' not found.");
    const invalid = await raw(t.url, { method: 'GET', path: `${base}/records?lastSyncCount=99` });
    assertRawError(invalid, 400, 'InvalidParameterException', 'No such SyncCount: 99 exists for this Dataset');
  });

  test('an oversized body gets a JSON error (not a dropped connection) and the server keeps serving', async () => {
    const w = where();
    const huge = Buffer.alloc(12 * 1024 * 1024, 'a');
    const res = await raw(t.url, { method: 'POST', path: datasetPath(w.IdentityPoolId, w.IdentityId, w.DatasetName), body: huge });
    assert.ok(res.status === 400 || res.status === 413, `4xx for 12 MB of garbage, got ${res.status}`);
    assertJsonEnvelope(res);
    assert.equal(header(res, 'x-amzn-errortype'), res.json.__type);
    const after = await listRecords(t.sync, w);
    assert.equal(after.DatasetExists, false);
  });
});
