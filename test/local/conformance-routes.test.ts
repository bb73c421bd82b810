// SERVICE.md §1.2: every one of the 17 Cognito Sync operations is reachable through the real SDK
// and answers 200 with its output shape. Black box: written from the spec, not from the server.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as Sync from '@aws-sdk/client-cognito-sync';
import { serverBeforeAll } from '../helpers/local-server.js';
import { put, token, where, type Where } from '../helpers/fixtures.js';

const ROLE = 'arn:aws:iam::123456789012:role/cognito-streams';
const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:sync-trigger';

describe('§1.2 routes: all 17 operations reachable via the SDK with HTTP 200', () => {
  const t = serverBeforeAll();
  let w: Where;
  const ok = (out: { $metadata: { httpStatusCode?: number } }) => assert.equal(out.$metadata.httpStatusCode, 200);

  before(async () => {
    w = where('routes');
    await put(t.sync, w, { a: '1' });
  });

  test('ListIdentityPoolUsage: GET /identitypools', async () => {
    const out = await t.sync.send(new Sync.ListIdentityPoolUsageCommand({}));
    ok(out);
    assert.ok(out.IdentityPoolUsages?.some((u) => u.IdentityPoolId === w.IdentityPoolId));
    assert.equal(typeof out.Count, 'number');
    assert.equal(typeof out.MaxResults, 'number');
  });

  test('DescribeIdentityPoolUsage: GET /identitypools/{P}', async () => {
    const out = await t.sync.send(new Sync.DescribeIdentityPoolUsageCommand({ IdentityPoolId: w.IdentityPoolId }));
    ok(out);
    assert.equal(out.IdentityPoolUsage?.IdentityPoolId, w.IdentityPoolId);
  });

  test('DescribeIdentityUsage: GET /identitypools/{P}/identities/{I}', async () => {
    const { DatasetName: _, ...pi } = w;
    const out = await t.sync.send(new Sync.DescribeIdentityUsageCommand(pi));
    ok(out);
    assert.equal(out.IdentityUsage?.IdentityId, w.IdentityId);
    assert.equal(out.IdentityUsage?.DatasetCount, 1);
  });

  test('ListDatasets: GET …/datasets', async () => {
    const { DatasetName: _, ...pi } = w;
    const out = await t.sync.send(new Sync.ListDatasetsCommand(pi));
    ok(out);
    assert.deepEqual(out.Datasets?.map((d) => d.DatasetName), ['routes']);
    assert.equal(out.Count, 1);
  });

  test('DescribeDataset: GET …/datasets/{D}', async () => {
    const out = await t.sync.send(new Sync.DescribeDatasetCommand(w));
    ok(out);
    assert.equal(out.Dataset?.DatasetName, 'routes');
    assert.equal(out.Dataset?.NumRecords, 1);
  });

  test('ListRecords: GET …/datasets/{D}/records', async () => {
    const out = await t.sync.send(new Sync.ListRecordsCommand(w));
    ok(out);
    assert.deepEqual(out.Records?.map((r) => [r.Key, r.Value]), [['a', '1']]);
    assert.ok(out.SyncSessionToken);
  });

  test('UpdateRecords: POST …/datasets/{D}', async () => {
    const out = await t.sync.send(
      new Sync.UpdateRecordsCommand({
        ...w,
        SyncSessionToken: await token(t.sync, w),
        RecordPatches: [{ Op: 'replace', Key: 'b', Value: '2', SyncCount: 0 }],
      }),
    );
    ok(out);
    assert.deepEqual(out.Records?.map((r) => [r.Key, r.Value, r.SyncCount]), [['b', '2', 2]]);
  });

  test('RegisterDevice: POST /identitypools/{P}/identity/{I}/device (singular), then Subscribe and Unsubscribe', async () => {
    const reg = await t.sync.send(
      new Sync.RegisterDeviceCommand({ IdentityPoolId: w.IdentityPoolId, IdentityId: w.IdentityId, Platform: 'GCM', Token: 'push-token-1' }),
    );
    ok(reg);
    assert.ok(reg.DeviceId);
    const sub = await t.sync.send(new Sync.SubscribeToDatasetCommand({ ...w, DeviceId: reg.DeviceId }));
    ok(sub);
    const unsub = await t.sync.send(new Sync.UnsubscribeFromDatasetCommand({ ...w, DeviceId: reg.DeviceId }));
    ok(unsub);
  });

  test('SetCognitoEvents / GetCognitoEvents: POST and GET /identitypools/{P}/events', async () => {
    ok(await t.sync.send(new Sync.SetCognitoEventsCommand({ IdentityPoolId: w.IdentityPoolId, Events: { SyncTrigger: LAMBDA } })));
    const out = await t.sync.send(new Sync.GetCognitoEventsCommand({ IdentityPoolId: w.IdentityPoolId }));
    ok(out);
    assert.deepEqual(out.Events, { SyncTrigger: LAMBDA });
  });

  test('Set/GetIdentityPoolConfiguration: POST and GET /identitypools/{P}/configuration', async () => {
    const streams = { StreamName: 'stream-1', RoleArn: ROLE, StreamingStatus: 'ENABLED' as const };
    const set = await t.sync.send(
      new Sync.SetIdentityPoolConfigurationCommand({ IdentityPoolId: w.IdentityPoolId, CognitoStreams: streams }),
    );
    ok(set);
    assert.equal(set.IdentityPoolId, w.IdentityPoolId);
    assert.deepEqual(set.CognitoStreams, streams);
    const get = await t.sync.send(new Sync.GetIdentityPoolConfigurationCommand({ IdentityPoolId: w.IdentityPoolId }));
    ok(get);
    assert.deepEqual(get.CognitoStreams, streams);
  });

  test('BulkPublish: POST /identitypools/{P}/bulkpublish and GetBulkPublishDetails: POST …/getBulkPublishDetails', async () => {
    const pub = await t.sync.send(new Sync.BulkPublishCommand({ IdentityPoolId: w.IdentityPoolId }));
    ok(pub);
    assert.equal(pub.IdentityPoolId, w.IdentityPoolId);
    const details = await t.sync.send(new Sync.GetBulkPublishDetailsCommand({ IdentityPoolId: w.IdentityPoolId }));
    ok(details);
    assert.equal(details.BulkPublishStatus, 'SUCCEEDED');
  });

  test('DeleteDataset: DELETE …/datasets/{D}', async () => {
    const out = await t.sync.send(new Sync.DeleteDatasetCommand(w));
    ok(out);
    assert.equal(out.Dataset?.DatasetName, 'routes');
  });
});
