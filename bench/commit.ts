// Commit bench: 1,024 staged patches committed on loopback against the real local server,
// with the real SDK. Counts the requests a commit makes (ListRecords pages + UpdateRecords)
// and times it. Run alone: `npx tsx bench/commit.ts`.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { runIfMain } from './stats.js';
import { CognitoSyncClient } from '@aws-sdk/client-cognito-sync';
import { startLocalServer } from '../src/local/server.js';
import { openDataset } from '../src/lib/sync.js';
import type { BenchRow } from './types.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const RECORDS = 1024;
const VALUE = 'v'.repeat(200);

export async function benchCommit(): Promise<BenchRow[]> {
  const server = await startLocalServer({ host: '127.0.0.1', port: 0, inMemory: true });
  const client = new CognitoSyncClient({
    endpoint: server.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'BENCHCOGSYNC', secretAccessKey: 'bench-not-a-secret' },
    maxAttempts: 1,
  });
  const rows: BenchRow[] = [];
  try {
    const address = { identityPoolId: `us-east-1:${randomUUID()}`, identityId: `us-east-1:${randomUUID()}`, datasetName: 'bench' };
    const ds = await openDataset({ client, ...address });

    for (let i = 0; i < RECORDS; i++) ds.put(`key-${String(i).padStart(4, '0')}`, VALUE);
    let started = performance.now();
    const created = await ds.commit();
    const createdMs = performance.now() - started;
    if (created.status !== 'committed' || created.records.length !== RECORDS) throw new Error(`first commit: ${created.status}`);
    const createdRequests = created.requests.listPages + created.requests.updates;
    rows.push(
      { name: `commit ${RECORDS} new records: requests`, value: createdRequests, unit: 'requests', goal: '= 2 (1 ListRecords page + 1 UpdateRecords)', ok: createdRequests === 2 && created.requests.updates === 1 },
      { name: `commit ${RECORDS} new records: time`, value: createdMs, unit: 'ms', goal: '≤ 1000 ms', ok: createdMs <= 1000 },
    );

    for (let i = 0; i < RECORDS; i++) ds.put(`key-${String(i).padStart(4, '0')}`, `${VALUE}-2`);
    started = performance.now();
    const changed = await ds.commit();
    const changedMs = performance.now() - started;
    if (changed.status !== 'committed' || changed.records.length !== RECORDS) throw new Error(`second commit: ${changed.status}`);
    const changedRequests = changed.requests.listPages + changed.requests.updates;
    rows.push(
      { name: `commit ${RECORDS} changed records: requests`, value: changedRequests, unit: 'requests', goal: '= 2', ok: changedRequests === 2 && changed.requests.updates === 1 },
      { name: `commit ${RECORDS} changed records: time`, value: changedMs, unit: 'ms', goal: '≤ 1000 ms', ok: changedMs <= 1000 },
    );

    started = performance.now();
    const reopened = await openDataset({ client, ...address });
    const openMs = performance.now() - started;
    if (reopened.records.length !== RECORDS) throw new Error(`reopen listed ${reopened.records.length} records`);
    rows.push({ name: `open a ${RECORDS}-record dataset: time`, value: openMs, unit: 'ms' });
  } finally {
    client.destroy();
    await server.close();
  }
  return rows;
}

await runIfMain(import.meta.url, benchCommit);
