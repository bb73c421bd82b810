/**
 * Helpers for the records-editor journeys: datasets written and read back with a SEPARATE
 * SDK client (another device), and a rig opened straight on a dataset of the demo pool.
 */
import { ListRecordsCommand } from '@aws-sdk/client-cognito-sync';
import { openDataset } from '../../src/lib/sync.js';
import { DEMO_IDENTITIES, DEMO_POOL_ID } from '../../src/local/seed.js';
import { startAppRig, type AppRig, type AppRigOptions } from '../helpers/app-rig.js';
import type { TestServer } from '../helpers/local-server.js';

/** Carol has no datasets in the demo seed: each test writes its own. */
export const IDENTITY = DEMO_IDENTITIES.carol;
export const POOL = DEMO_POOL_ID;

/** Writes `values` (null removes) as another device would, in one UpdateRecords. */
export async function writeAsOtherDevice(server: TestServer, dataset: string, values: Record<string, string | null>): Promise<void> {
  const ds = await openDataset({ client: server.newSyncClient(), identityPoolId: POOL, identityId: IDENTITY, datasetName: dataset, deviceId: 'other-device' });
  for (const [key, value] of Object.entries(values)) {
    if (value === null) ds.remove(key);
    else ds.put(key, value);
  }
  const result = await ds.commit();
  if (result.status !== 'committed') throw new Error(`seed of ${dataset} failed: ${result.status}`);
}

/** The dataset as the server has it now, read by a separate client: key → value (null = tombstone). */
export async function serverRecords(server: TestServer, dataset: string): Promise<Record<string, string | null>> {
  const out = await server.newSyncClient().send(new ListRecordsCommand({ IdentityPoolId: POOL, IdentityId: IDENTITY, DatasetName: dataset, MaxResults: 1024 }));
  return Object.fromEntries((out.Records ?? []).map((r) => [r.Key ?? '', r.Value ?? null]));
}

export async function rigOn(server: TestServer, dataset: string, options: AppRigOptions = {}): Promise<AppRig> {
  const rig = await startAppRig({ server, rows: 30, deepLink: { pool: POOL, identity: IDENTITY, dataset }, ...options });
  await rig.waitForIdle();
  return rig;
}

/** Selects the row of `key` with the `/` filter (Enter keeps the filter and leaves the bar). */
export async function selectKey(rig: AppRig, key: string): Promise<void> {
  await rig.press('/');
  await rig.type(key);
  await rig.press('\r');
  await rig.waitForText(new RegExp(`›. ${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`));
}
