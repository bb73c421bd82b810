// A runnable example of the `cogsync/sync` library (shown in the README).
//   npx cogsync serve --seed demo &          # or any Cognito Sync endpoint
//   COGSYNC_ENDPOINT=http://127.0.0.1:4567 npx tsx examples/library.ts
import { CognitoSyncClient } from '@aws-sdk/client-cognito-sync';
import { openDataset } from '../src/lib/sync.js'; // in your project: from 'cogsync/sync'

const client = new CognitoSyncClient({
  endpoint: process.env.COGSYNC_ENDPOINT ?? 'http://127.0.0.1:4567',
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, // the local server accepts any
});

const ds = await openDataset({
  client,
  identityPoolId: 'us-east-1:de300000-0000-4000-8000-000000000001',
  identityId: 'us-east-1:de300000-0000-4000-8000-000000000b0b',
  datasetName: 'example',
});
console.log(`sync count ${ds.syncCount}, ${ds.records.filter((r) => !r.tombstone).length} live records`);

ds.put('theme', 'dark');
ds.put('visits', String(Number(ds.get('visits') ?? '0') + 1));
ds.remove('obsolete'); // never written: a no-op, so it is not staged
console.log('staged:', ds.staged.map((c) => `${c.state} ${c.key}`).join(', '));

let outcome = await ds.commit(); // one ListRecords refresh + ONE UpdateRecords
while (outcome.status === 'conflict' || outcome.status === 'rebased') {
  // Someone else changed these keys since we listed: keep our values, on the server's SyncCounts.
  if (outcome.status === 'conflict') for (const c of outcome.conflicts) ds.resolve(c.key, 'mine');
  outcome = await ds.commit();
}
if (outcome.status !== 'committed') throw new Error(`not committed: ${outcome.status}`);
console.log(`committed ${outcome.records.length} records at sync count ${ds.syncCount}`);
client.destroy();
