/**
 * Helpers for the records-editor journeys: datasets written and read back with a SEPARATE
 * SDK client (another device), and a rig opened straight on a dataset of the demo pool.
 */
import { ListRecordsCommand } from '@aws-sdk/client-cognito-sync';
import { openDataset } from '../../src/lib/sync.js';
import { DEMO_IDENTITIES, DEMO_POOL_ID } from '../../src/local/seed.js';
import { startAppRig, type AppRig, type AppRigOptions } from '../helpers/app-rig.js';
import type { TestServer } from '../helpers/local-server.js';
import { currentKey, listAt } from '../../src/ui/state/app-reducer.js';

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

/** Selects the row of `key` with the `/` filter (Enter keeps the filter and leaves the bar), then moves onto it. */
export async function selectKey(rig: AppRig, key: string): Promise<void> {
  const s = rig.state();
  if (listAt(s, currentKey(s)).filter.query !== '') await rig.press('\u001B'); // clear the last filter first
  await rig.press('/');
  await rig.type(key);
  await rig.press('\r');
  // The filter also matches values: walk to the row itself.
  const list = listAt(rig.state(), currentKey(rig.state()));
  const at = list.visible.findIndex((i) => list.rows[i].id === key);
  if (at < 0) throw new Error(`no row ${key}`);
  await rig.press('g');
  for (let i = 0; i < at; i++) await rig.press('j');
  await rig.waitForText(new RegExp(`›. ${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`));
}

/** Edits the value of `key` inline: select it, `e`, clear, type, Enter. */
export async function editValue(rig: AppRig, key: string, value: string): Promise<void> {
  await selectKey(rig, key);
  await rig.press('e');
  await rig.waitForText(`edit ${key}`);
  await rig.press('\u0015'); // Ctrl+U clears the field
  await rig.type(value);
  await rig.press('\r');
  await rig.waitForText(new RegExp(`›M ${key}`));
}

/** Edits `key` inline, commits it with c then y, and waits for the toast and for the rig to settle. */
export async function commitEdit(rig: AppRig, key: string, value: string): Promise<void> {
  await editValue(rig, key, value);
  await rig.press('c');
  await rig.waitForText('Review: 1 change');
  await rig.press('y');
  await rig.waitForText('committed 1 change');
  await rig.waitForIdle();
}

/** `:conn` from wherever the rig is: the connections screen, listed. */
export async function openConnections(rig: AppRig): Promise<void> {
  await rig.waitForIdle();
  await rig.press(':');
  await rig.type('conn');
  await rig.press('\r');
  await rig.waitForText('local server ·');
  await rig.waitForIdle();
}
