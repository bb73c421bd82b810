// SERVICE.md §3.9: configuration, events, bulk publish, devices and subscriptions.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BulkPublishCommand,
  GetBulkPublishDetailsCommand,
  GetCognitoEventsCommand,
  GetIdentityPoolConfigurationCommand,
  RegisterDeviceCommand,
  SetCognitoEventsCommand,
  SetIdentityPoolConfigurationCommand,
  SubscribeToDatasetCommand,
  UnsubscribeFromDatasetCommand,
} from '@aws-sdk/client-cognito-sync';
import { DescribeIdentityCommand, DescribeIdentityPoolCommand } from '@aws-sdk/client-cognito-identity';
import { UUID_RE } from '../helpers/raw-http.js';
import { serverBeforeAll } from '../helpers/local-server.js';
import { expectError, put, testClock, where } from '../helpers/fixtures.js';

const ROLE = 'arn:aws:iam::123456789012:role/sync';
const APP = 'arn:aws:sns:us-east-1:123456789012:app/GCM/my-app';
const LAMBDA_A = 'arn:aws:lambda:us-east-1:123456789012:function:a';
const LAMBDA_B = 'arn:aws:lambda:us-east-1:123456789012:function:b';
const STREAMS_ON = { StreamName: 's1', RoleArn: ROLE, StreamingStatus: 'ENABLED' as const };

const clock = testClock();
const t = serverBeforeAll({ now: clock.now });

/** A pool that exists (implicitly, through a write). */
async function knownPool(): Promise<string> {
  const w = where();
  await put(t.sync, w, { k: 'v' });
  return w.IdentityPoolId;
}

describe('§3.9 remaining operations', () => {
  test('"Unknown pool → 404" for configuration, events and bulk publish', async () => {
    const IdentityPoolId = where().IdentityPoolId;
    const nf = { name: 'ResourceNotFoundException', status: 404, message: `IdentityPool '${IdentityPoolId}' not found.` };
    await expectError(t.sync.send(new GetIdentityPoolConfigurationCommand({ IdentityPoolId })), nf);
    await expectError(t.sync.send(new SetIdentityPoolConfigurationCommand({ IdentityPoolId, CognitoStreams: STREAMS_ON })), nf);
    await expectError(t.sync.send(new GetCognitoEventsCommand({ IdentityPoolId })), nf);
    await expectError(t.sync.send(new SetCognitoEventsCommand({ IdentityPoolId, Events: { SyncTrigger: LAMBDA_A } })), nf);
    await expectError(t.sync.send(new BulkPublishCommand({ IdentityPoolId })), nf);
    await expectError(t.sync.send(new GetBulkPublishDetailsCommand({ IdentityPoolId })), nf);
  });

  test('"Set replaces each given member. Both return IdentityPoolId + the stored PushSync / CognitoStreams."', async () => {
    const IdentityPoolId = await knownPool();
    const initial = await t.sync.send(new GetIdentityPoolConfigurationCommand({ IdentityPoolId }));
    assert.equal(initial.IdentityPoolId, IdentityPoolId);
    const push = { ApplicationArns: [APP], RoleArn: ROLE };
    const set1 = await t.sync.send(new SetIdentityPoolConfigurationCommand({ IdentityPoolId, PushSync: push }));
    assert.deepEqual([set1.IdentityPoolId, set1.PushSync], [IdentityPoolId, push]);
    const set2 = await t.sync.send(new SetIdentityPoolConfigurationCommand({ IdentityPoolId, CognitoStreams: STREAMS_ON }));
    assert.deepEqual([set2.PushSync, set2.CognitoStreams], [push, STREAMS_ON], 'PushSync kept when not given');
    const off = { StreamName: 's2', RoleArn: ROLE, StreamingStatus: 'DISABLED' as const };
    await t.sync.send(new SetIdentityPoolConfigurationCommand({ IdentityPoolId, CognitoStreams: off }));
    const got = await t.sync.send(new GetIdentityPoolConfigurationCommand({ IdentityPoolId }));
    assert.deepEqual([got.IdentityPoolId, got.PushSync, got.CognitoStreams], [IdentityPoolId, push, off]);
  });

  test('"Set merges the given keys; an empty value removes its key; replies {}. Get → {Events:{…}}"', async () => {
    const IdentityPoolId = await knownPool();
    assert.deepEqual((await t.sync.send(new GetCognitoEventsCommand({ IdentityPoolId }))).Events ?? {}, {});
    await t.sync.send(new SetCognitoEventsCommand({ IdentityPoolId, Events: { SyncTrigger: LAMBDA_A } }));
    await t.sync.send(new SetCognitoEventsCommand({ IdentityPoolId, Events: { OtherEvent: LAMBDA_B } }));
    assert.deepEqual((await t.sync.send(new GetCognitoEventsCommand({ IdentityPoolId }))).Events, { SyncTrigger: LAMBDA_A, OtherEvent: LAMBDA_B });
    await t.sync.send(new SetCognitoEventsCommand({ IdentityPoolId, Events: { SyncTrigger: '' } }));
    assert.deepEqual((await t.sync.send(new GetCognitoEventsCommand({ IdentityPoolId }))).Events, { OtherEvent: LAMBDA_B });
  });

  test('"BulkPublish needs CognitoStreams ENABLED, else 400 … Cognito Streams is not enabled for this identity pool"', async () => {
    const IdentityPoolId = await knownPool();
    const notEnabled = { name: 'InvalidParameterException', status: 400, message: 'Cognito Streams is not enabled for this identity pool' };
    await expectError(t.sync.send(new BulkPublishCommand({ IdentityPoolId })), notEnabled);
    await t.sync.send(new SetIdentityPoolConfigurationCommand({ IdentityPoolId, CognitoStreams: { ...STREAMS_ON, StreamingStatus: 'DISABLED' } }));
    await expectError(t.sync.send(new BulkPublishCommand({ IdentityPoolId })), notEnabled);
    const details = await t.sync.send(new GetBulkPublishDetailsCommand({ IdentityPoolId }));
    assert.equal(details.BulkPublishStatus, 'NOT_STARTED', 'a refused publish does not start one');
  });

  test('"GetBulkPublishDetails NOT_STARTED until a BulkPublish"; then "SUCCEEDED at once (start = complete = now)"', async () => {
    const IdentityPoolId = await knownPool();
    const before = await t.sync.send(new GetBulkPublishDetailsCommand({ IdentityPoolId }));
    assert.deepEqual(
      [before.IdentityPoolId, before.BulkPublishStatus, before.BulkPublishStartTime, before.BulkPublishCompleteTime],
      [IdentityPoolId, 'NOT_STARTED', undefined, undefined],
    );
    await t.sync.send(new SetIdentityPoolConfigurationCommand({ IdentityPoolId, CognitoStreams: STREAMS_ON }));
    clock.advance(1234);
    const at = clock.ms;
    const pub = await t.sync.send(new BulkPublishCommand({ IdentityPoolId }));
    assert.equal(pub.IdentityPoolId, IdentityPoolId);
    clock.advance(1000);
    const after = await t.sync.send(new GetBulkPublishDetailsCommand({ IdentityPoolId }));
    assert.deepEqual(
      [after.BulkPublishStatus, after.BulkPublishStartTime?.getTime(), after.BulkPublishCompleteTime?.getTime()],
      ['SUCCEEDED', at, at],
    );
  });

  test('"a success < 24 h ago → AlreadyStreamedException"; after 24 h it publishes again', async () => {
    const IdentityPoolId = await knownPool();
    await t.sync.send(new SetIdentityPoolConfigurationCommand({ IdentityPoolId, CognitoStreams: STREAMS_ON }));
    await t.sync.send(new BulkPublishCommand({ IdentityPoolId }));
    clock.advance(24 * 3600 * 1000 - 1000);
    await expectError(t.sync.send(new BulkPublishCommand({ IdentityPoolId })), { name: 'AlreadyStreamedException', status: 400 });
    clock.advance(2000);
    const again = clock.ms;
    await t.sync.send(new BulkPublishCommand({ IdentityPoolId }));
    const details = await t.sync.send(new GetBulkPublishDetailsCommand({ IdentityPoolId }));
    assert.equal(details.BulkPublishStartTime?.getTime(), again);
  });

  test('"RegisterDevice creates an unknown identity (§3.1); DeviceId = a UUID stable per (identity, Platform, Token)"', async () => {
    const w = where();
    const reg = (Platform: 'GCM' | 'APNS', Token: string, IdentityId = w.IdentityId) =>
      t.sync.send(new RegisterDeviceCommand({ IdentityPoolId: w.IdentityPoolId, IdentityId, Platform, Token })).then((o) => o.DeviceId!);
    const id = await reg('GCM', 'token-a');
    assert.match(id, UUID_RE);
    assert.equal(await reg('GCM', 'token-a'), id, 'stable');
    const others = [await reg('GCM', 'token-b'), await reg('APNS', 'token-a'), await reg('GCM', 'token-a', where().IdentityId)];
    assert.equal(new Set([id, ...others]).size, 4, 'differs when identity, Platform or Token differ');
    const ident = await t.identity.send(new DescribeIdentityCommand({ IdentityId: w.IdentityId }));
    assert.equal(ident.IdentityId, w.IdentityId);
    const pool = await t.identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: w.IdentityPoolId }));
    assert.equal(pool.IdentityPoolName, `implicit-${w.IdentityPoolId.split(':')[1]}`);
  });

  test('"{V} must come from RegisterDevice for this identity, else 404 Device \'<V>\' not found."; "the dataset need not exist"; "unsubscribe is idempotent"', async () => {
    const w = where('not-written-yet');
    const { DeviceId } = await t.sync.send(
      new RegisterDeviceCommand({ IdentityPoolId: w.IdentityPoolId, IdentityId: w.IdentityId, Platform: 'ADM', Token: 't' }),
    );
    const sub = await t.sync.send(new SubscribeToDatasetCommand({ ...w, DeviceId }));
    assert.equal(sub.$metadata.httpStatusCode, 200);
    await t.sync.send(new UnsubscribeFromDatasetCommand({ ...w, DeviceId }));
    await t.sync.send(new UnsubscribeFromDatasetCommand({ ...w, DeviceId }));
    const stranger = { ...where('not-written-yet', w.IdentityPoolId) };
    await put(t.sync, stranger, { k: 'v' });
    await expectError(t.sync.send(new SubscribeToDatasetCommand({ ...stranger, DeviceId })), {
      name: 'ResourceNotFoundException',
      status: 404,
      message: `Device '${DeviceId}' not found.`,
    });
    const unknown = '00000000-0000-4000-8000-000000000000';
    await expectError(t.sync.send(new UnsubscribeFromDatasetCommand({ ...w, DeviceId: unknown })), {
      name: 'ResourceNotFoundException',
      status: 404,
      message: `Device '${unknown}' not found.`,
    });
  });
});
