// SERVICE.md §2 (query parameters, devices, events, configuration): exact wording, nothing changed.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  GetCognitoEventsCommand,
  GetIdentityPoolConfigurationCommand,
  ListDatasetsCommand,
  ListIdentityPoolUsageCommand,
  ListRecordsCommand,
  RegisterDeviceCommand,
  SetCognitoEventsCommand,
  SetIdentityPoolConfigurationCommand,
  SubscribeToDatasetCommand,
} from '@aws-sdk/client-cognito-sync';
import { serverBeforeAll } from '../helpers/local-server.js';
import { C, expectError, expectViolations, put, violation, where } from '../helpers/fixtures.js';
import { assertRawError, datasetPath, identityPath, raw } from '../helpers/raw-http.js';

const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:f';
const APP_ARN = 'arn:aws:sns:us-east-1:123456789012:app/GCM/my-app';
const ROLE = 'arn:aws:iam::123456789012:role/sync';

const t = serverBeforeAll();

describe('§2 query parameters', () => {
  test('"maxResults integer ≥ 1" on ListRecords, ListDatasets and ListIdentityPoolUsage', async () => {
    const w = where();
    await put(t.sync, w, { k: 'v' });
    const expected = [violation('maxResults', 0, C.minValue(1))];
    await expectViolations(t.sync.send(new ListRecordsCommand({ ...w, MaxResults: 0 })), expected);
    const { DatasetName: _, ...pi } = w;
    await expectViolations(t.sync.send(new ListDatasetsCommand({ ...pi, MaxResults: 0 })), expected);
    await expectViolations(t.sync.send(new ListIdentityPoolUsageCommand({ MaxResults: 0 })), expected);
  });

  test('"maxResults integer": a non-integer is a 400 InvalidParameterException naming maxResults', async () => {
    const w = where();
    const res = await raw(t.url, { method: 'GET', path: `${datasetPath(w.IdentityPoolId, w.IdentityId, w.DatasetName)}/records?maxResults=abc` });
    assertRawError(res, 400, 'InvalidParameterException', /maxResults/);
  });

  test('"lastSyncCount integer ≥ 0"', async () => {
    const w = where();
    await put(t.sync, w, { k: 'v' });
    await expectViolations(t.sync.send(new ListRecordsCommand({ ...w, LastSyncCount: -1 })), [
      violation('lastSyncCount', -1, C.minValue(0)),
    ]);
    const res = await raw(t.url, { method: 'GET', path: `${datasetPath(w.IdentityPoolId, w.IdentityId, w.DatasetName)}/records?lastSyncCount=1.5` });
    assertRawError(res, 400, 'InvalidParameterException', /lastSyncCount/);
  });

  test('"nextToken issued by this server for the same operation and inputs, else Invalid NextToken"', async () => {
    const w = where();
    await put(t.sync, w, { a: '1', b: '2' });
    await expectError(t.sync.send(new ListRecordsCommand({ ...w, NextToken: 'not-a-token' })), {
      name: 'InvalidParameterException',
      status: 400,
      message: 'Invalid NextToken',
    });
    const { DatasetName: _, ...pi } = w;
    await expectError(t.sync.send(new ListDatasetsCommand({ ...pi, NextToken: 'bogus' })), {
      name: 'InvalidParameterException',
      status: 400,
      message: 'Invalid NextToken',
    });
    await expectError(t.sync.send(new ListIdentityPoolUsageCommand({ NextToken: 'bogus' })), {
      name: 'InvalidParameterException',
      status: 400,
      message: 'Invalid NextToken',
    });
  });

  test('"a missing label is invalid": GET …/identities//datasets is a validation error naming identityId', async () => {
    const w = where();
    const res = await raw(t.url, { method: 'GET', path: `${identityPath(w.IdentityPoolId, '')}/datasets` });
    assertRawError(res, 400, 'InvalidParameterException', /at 'identityId' failed to satisfy constraint: Member must have length greater than or equal to 1/);
  });
});

describe('§2 devices', () => {
  test('"Platform APNS, APNS_SANDBOX, GCM, ADM / Token required": both violations in one message; nothing created', async () => {
    const w = where();
    await expectViolations(
      t.sync.send(new RegisterDeviceCommand({ IdentityPoolId: w.IdentityPoolId, IdentityId: w.IdentityId, Platform: 'WNS' as any } as any)),
      [
        violation('platform', 'WNS', C.enumOf(['APNS', 'APNS_SANDBOX', 'GCM', 'ADM'])),
        violation('token', null, C.notNull),
      ],
    );
    await expectViolations(
      t.sync.send(new RegisterDeviceCommand({ IdentityPoolId: w.IdentityPoolId, IdentityId: w.IdentityId, Token: 't' } as any)),
      [violation('platform', null, C.notNull)],
    );
    // Nothing created: RegisterDevice would have created the pool (§3.9).
    await expectError(t.sync.send(new GetCognitoEventsCommand({ IdentityPoolId: w.IdentityPoolId })), {
      name: 'ResourceNotFoundException',
      status: 404,
    });
  });

  test('"DeviceId (path) 1–256"', async () => {
    const w = where();
    await put(t.sync, w, { k: 'v' });
    const long = 'd'.repeat(257);
    await expectViolations(t.sync.send(new SubscribeToDatasetCommand({ ...w, DeviceId: long })), [
      violation('deviceId', long, C.maxLen(256)),
    ]);
  });
});

describe('§2 events and configuration', () => {
  test('"Events ≤ 1 entry"; nothing stored', async () => {
    const w = where();
    await put(t.sync, w, { k: 'v' });
    const e = await expectError(
      t.sync.send(new SetCognitoEventsCommand({ IdentityPoolId: w.IdentityPoolId, Events: { SyncTrigger: LAMBDA, Other: LAMBDA } })),
      { name: 'InvalidParameterException', status: 400 },
    );
    assert.match(e.message, /^1 validation error detected: Value .* at 'events' failed to satisfy constraint: Member must have length less than or equal to 1$/);
    const got = await t.sync.send(new GetCognitoEventsCommand({ IdentityPoolId: w.IdentityPoolId }));
    assert.deepEqual(got.Events ?? {}, {});
  });

  test('"PushSync ApplicationArns arn:aws:sns:[-0-9a-z]+:\\d+:app/[A-Z_]+/[a-zA-Z0-9_.-]+; RoleArn 20–2048 arn:aws:iam::\\d+:role/.*"', async () => {
    const w = where();
    await put(t.sync, w, { k: 'v' });
    const badArn = 'arn:aws:sns:us-east-1:123456789012:app/gcm/my-app';
    const badRole = 'arn:aws:iam::acct:role/x';
    await expectViolations(
      t.sync.send(
        new SetIdentityPoolConfigurationCommand({
          IdentityPoolId: w.IdentityPoolId,
          PushSync: { ApplicationArns: [APP_ARN, badArn], RoleArn: badRole },
        }),
      ),
      [
        violation('pushSync.applicationArns.2.member', badArn, C.pattern('arn:aws:sns:[-0-9a-z]+:\\d+:app/[A-Z_]+/[a-zA-Z0-9_.-]+')),
        violation('pushSync.roleArn', badRole, C.pattern('arn:aws:iam::\\d+:role/.*')),
      ],
    );
    // AWS checks patterns as Java regular expressions, where `.` stops at a line break.
    const brokenRole = 'arn:aws:iam::123456789012:role/sync\nx';
    await expectViolations(
      t.sync.send(new SetIdentityPoolConfigurationCommand({ IdentityPoolId: w.IdentityPoolId, PushSync: { RoleArn: brokenRole } })),
      [violation('pushSync.roleArn', brokenRole, C.pattern('arn:aws:iam::\\d+:role/.*'))],
    );
    const longRole = `arn:aws:iam::1:role/${'r'.repeat(2030)}`;
    await expectViolations(
      t.sync.send(new SetIdentityPoolConfigurationCommand({ IdentityPoolId: w.IdentityPoolId, PushSync: { RoleArn: longRole } })),
      [violation('pushSync.roleArn', longRole, C.maxLen(2048))],
    );
    const got = await t.sync.send(new GetIdentityPoolConfigurationCommand({ IdentityPoolId: w.IdentityPoolId }));
    assert.equal(got.PushSync, undefined, 'nothing stored');
  });

  test('"CognitoStreams: RoleArn 20–2048 …; StreamName 1–128; StreamingStatus ENABLED/DISABLED"; nothing stored', async () => {
    const w = where();
    await put(t.sync, w, { k: 'v' });
    await expectViolations(
      t.sync.send(
        new SetIdentityPoolConfigurationCommand({
          IdentityPoolId: w.IdentityPoolId,
          PushSync: { ApplicationArns: [APP_ARN], RoleArn: ROLE },
          CognitoStreams: { StreamName: '', RoleArn: 'x', StreamingStatus: 'ON' as any },
        }),
      ),
      [
        violation('cognitoStreams.streamName', '', C.minLen(1)),
        violation('cognitoStreams.roleArn', 'x', C.minLen(20)),
        violation('cognitoStreams.roleArn', 'x', C.pattern('arn:aws:iam::\\d+:role/.*')),
        violation('cognitoStreams.streamingStatus', 'ON', C.enumOf(['ENABLED', 'DISABLED'])),
      ],
    );
    const longName = 's'.repeat(129);
    await expectViolations(
      t.sync.send(new SetIdentityPoolConfigurationCommand({ IdentityPoolId: w.IdentityPoolId, CognitoStreams: { StreamName: longName } })),
      [violation('cognitoStreams.streamName', longName, C.maxLen(128))],
    );
    const got = await t.sync.send(new GetIdentityPoolConfigurationCommand({ IdentityPoolId: w.IdentityPoolId }));
    assert.equal(got.PushSync, undefined, 'valid PushSync of a rejected call not stored');
    assert.equal(got.CognitoStreams, undefined, 'nothing stored');
  });
});
