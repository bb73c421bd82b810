// The README's library example must run as shown, against the real local server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ListRecordsCommand } from '@aws-sdk/client-cognito-sync';
import { startTestServer } from '../helpers/local-server.js';

const run = promisify(execFile);

test('examples/library.ts commits its batch on a seeded server and prints the new sync count', async () => {
  const srv = await startTestServer({ inMemory: true, seed: 'demo' });
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'examples/library.ts'], {
      env: { ...process.env, COGSYNC_ENDPOINT: srv.url },
    });
    assert.match(stdout, /sync count 0, 0 live records/);
    assert.match(stdout, /staged: added theme, added visits/);
    assert.match(stdout, /committed 2 records at sync count 1/);
    const listed = await srv.sync.send(
      new ListRecordsCommand({
        IdentityPoolId: 'us-east-1:de300000-0000-4000-8000-000000000001',
        IdentityId: 'us-east-1:de300000-0000-4000-8000-000000000b0b',
        DatasetName: 'example',
      }),
    );
    assert.deepEqual(
      listed.Records?.map((r) => [r.Key, r.Value, r.SyncCount]),
      [['theme', 'dark', 1], ['visits', '1', 1]],
    );
  } finally {
    await srv.close();
  }
});
