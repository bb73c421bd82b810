// Error mapping and the connection check against real errors from the real local server.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CreateIdentityPoolCommand } from '@aws-sdk/client-cognito-identity';
import { DescribeDatasetCommand, ListRecordsCommand, UpdateRecordsCommand } from '@aws-sdk/client-cognito-sync';
import { ClientFactory, type AwsClients } from '../../src/aws/clients.js';
import { checkConnection } from '../../src/aws/connection-check.js';
import { CogsyncError, formatError, toCogsyncError } from '../../src/aws/errors.js';
import { listAllRecords } from '../../src/aws/paging.js';
import { RequestLog } from '../../src/aws/request-log.js';
import { startTestServer, type TestServer } from '../helpers/local-server.js';
import { cleanEnv, withAwsEnv, writeAwsFiles } from './env.js';

let server: TestServer;
let factory: ClientFactory;
let log: RequestLog;
let clients: AwsClients;

const W = {
  IdentityPoolId: 'us-east-1:0a0b0c0d-0000-4000-8000-000000000001',
  IdentityId: 'us-east-1:0a0b0c0d-0000-4000-8000-000000000002',
  DatasetName: 'errors',
};

async function caught(promise: Promise<unknown>): Promise<CogsyncError> {
  try {
    await promise;
  } catch (error) {
    return toCogsyncError(error);
  }
  assert.fail('expected the call to fail');
}

before(async () => {
  server = await startTestServer({ inMemory: true });
  log = new RequestLog();
  factory = new ClientFactory({ log, env: cleanEnv() });
  clients = factory.get({ name: 'local', kind: 'local', endpointUrl: server.url }, { maxAttempts: 1 });
});

after(async () => {
  factory?.destroy();
  await server?.close();
});

test('a stale SyncCount: ResourceConflictException 409 with request id and operation', async () => {
  const first = await listAllRecords(clients.sync, W);
  await clients.sync.send(new UpdateRecordsCommand({ ...W, SyncSessionToken: first.syncSessionToken, RecordPatches: [{ Op: 'replace', Key: 'score', Value: '1', SyncCount: 0 }] }));
  const second = await listAllRecords(clients.sync, W);
  const e = await caught(
    clients.sync.send(new UpdateRecordsCommand({ ...W, SyncSessionToken: second.syncSessionToken, RecordPatches: [{ Op: 'replace', Key: 'score', Value: '2', SyncCount: 0 }] })),
  );
  assert.equal(e.code, 'ResourceConflictException');
  assert.equal(e.httpStatus, 409);
  assert.equal(e.operation, 'UpdateRecords', 'named by the middleware, not the caller');
  assert.match(e.requestId ?? '', /^[0-9a-f-]{36}$/);
  assert.equal(e.retryable, false);
  assert.equal(e.message, 'Current SyncCount for: score is: 1 not: 0');
  assert.equal(formatError(e), `✗ ResourceConflictException · UpdateRecords · req ${e.requestId?.slice(0, 8)}… : Current SyncCount for: score is: 1 not: 0`);
  const entry = log.entries().at(-1);
  assert.equal(entry?.errorCode, 'ResourceConflictException');
  assert.equal(entry?.requestId, e.requestId);
  assert.equal(entry?.httpStatus, 409);
});

test('validation: InvalidParameterException 400 with the server\'s message', async () => {
  const e = await caught(clients.sync.send(new ListRecordsCommand({ ...W, DatasetName: 'bad name!' })));
  assert.equal(e.code, 'InvalidParameterException');
  assert.equal(e.httpStatus, 400);
  assert.equal(e.operation, 'ListRecords');
  assert.match(e.message, /validation error detected: Value 'bad name!' at 'datasetName'/);
  assert.ok(e.requestId);
});

test('a missing dataset: ResourceNotFoundException 404', async () => {
  const e = await caught(clients.sync.send(new DescribeDatasetCommand({ ...W, DatasetName: 'nope' })));
  assert.equal(e.code, 'ResourceNotFoundException');
  assert.equal(e.httpStatus, 404);
  assert.equal(e.message, "Dataset 'nope' not found.");
});

test('checkConnection on the local server: account "local", pools seen once one exists', async () => {
  const fresh = await startTestServer({ inMemory: true });
  try {
    const c = factory.get({ name: 'fresh', kind: 'local', endpointUrl: fresh.url });
    const empty = await checkConnection(c);
    assert.equal(empty.accountId, 'local');
    assert.equal(empty.kind, 'local');
    assert.equal(empty.endpoint, fresh.url);
    assert.equal(empty.hasIdentityPools, false);
    await c.identity.send(new CreateIdentityPoolCommand({ IdentityPoolName: 'p', AllowUnauthenticatedIdentities: true }));
    assert.equal((await checkConnection(c)).hasIdentityPools, true);
  } finally {
    await fresh.close();
  }
});

test('an AWS-kind connection with a profile from a temp credentials file talks to the server', async () => {
  const files = writeAwsFiles(
    '[profile withid]\nregion = eu-west-1\n[profile noid]\nregion = us-east-1\n',
    '[withid]\naws_access_key_id = AKIDWITHID\naws_secret_access_key = withid-secret-value\naws_account_id = 111122223333\n' +
      '[noid]\naws_access_key_id = AKIDNOID\naws_secret_access_key = noid-secret-value\n',
  );
  try {
    await withAwsEnv({ AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile }, async () => {
      const own = new ClientFactory({ log: new RequestLog() });
      try {
        const withId = own.get({ name: 'w', kind: 'aws', profile: 'withid', endpointUrl: server.url });
        const checked = await checkConnection(withId);
        assert.equal(checked.region, 'eu-west-1');
        assert.equal(checked.profile, 'withid');
        assert.equal(checked.accountId, '111122223333');
        const noId = own.get({ name: 'n', kind: 'aws', profile: 'noid', endpointUrl: server.url });
        assert.equal((await checkConnection(noId)).accountId, 'unknown');
      } finally {
        own.destroy();
      }
    });
  } finally {
    files.cleanup();
  }
});

test('no credentials anywhere: NoCredentials with a hint, before any request is sent', async () => {
  await withAwsEnv({ AWS_REGION: 'us-east-1' }, async () => {
    const own = new ClientFactory({ log: new RequestLog() });
    try {
      const c = own.get({ name: 'nocreds', kind: 'aws', endpointUrl: server.url });
      await assert.rejects(checkConnection(c), (e: unknown) => {
        assert.ok(e instanceof CogsyncError);
        assert.equal(e.code, 'NoCredentials');
        assert.match(e.hint ?? '', /AWS_ACCESS_KEY_ID/);
        return true;
      });
    } finally {
      own.destroy();
    }
  });
});
