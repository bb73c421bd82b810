// UpdateRecords must go out once even on a client configured to retry. The local server
// never fails with a 5xx, so a stub HTTP server stands in for a failing AWS here; the SDK
// and the HTTP traffic are real.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CognitoSyncClient, UpdateRecordsCommand } from '@aws-sdk/client-cognito-sync';
import { withoutRetries } from '../../src/session/send-once.js';
import { TEST_CREDENTIALS } from '../helpers/local-server.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

async function failingServer(status: number, type: string): Promise<{ server: Server; url: string; hits: () => number }> {
  let hits = 0;
  const server = createServer((req, res) => {
    hits++;
    req.resume();
    req.on('end', () => {
      res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-errortype': type, 'x-amzn-requestid': `req-${hits}` });
      res.end(JSON.stringify({ __type: type, message: 'boom' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits: () => hits };
}

const command = () =>
  new UpdateRecordsCommand({
    IdentityPoolId: 'us-east-1:aa',
    IdentityId: 'us-east-1:bb',
    DatasetName: 'd',
    SyncSessionToken: 't',
    RecordPatches: [{ Op: 'replace', Key: 'k', Value: 'v', SyncCount: 0 }],
  });

for (const [status, type] of [
  [500, 'InternalErrorException'],
  [429, 'TooManyRequestsException'],
] as const) {
  test(`a ${status} ${type} is not retried by withoutRetries, though the client would retry it`, async () => {
    const stub = await failingServer(status, type);
    const client = new CognitoSyncClient({ endpoint: stub.url, region: 'us-east-1', credentials: TEST_CREDENTIALS, maxAttempts: 3, retryMode: 'standard' });
    try {
      await assert.rejects(client.send(withoutRetries(command())), (e: Error) => e.name === type);
      assert.equal(stub.hits(), 1, 'one request with retries off');
      // The same client, without the wrapper, does retry: the check above can fail.
      await assert.rejects(client.send(command()), (e: Error) => e.name === type);
      assert.equal(stub.hits(), 1 + 3);
      // The override is per command: a later wrapped call is again a single request.
      await assert.rejects(client.send(withoutRetries(command())), (e: Error) => e.name === type);
      assert.equal(stub.hits(), 5);
    } finally {
      client.destroy();
      await new Promise((resolve) => stub.server.close(resolve));
    }
  });
}
