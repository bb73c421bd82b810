// The nine "remaining" operations of SERVICE.md §3.9: configuration and events are stored,
// nothing is ever pushed, streamed or invoked.
import { randomUUID } from 'node:crypto';
import { ApiError, deviceNotFound, invalidParameter } from './errors.js';
import { ensurePoolAndIdentity, requirePool, type PoolRow } from './store-identity.js';
import type { Store } from './store.js';

export interface PushSync {
  ApplicationArns?: string[];
  RoleArn?: string;
}

export interface CognitoStreams {
  StreamName?: string;
  RoleArn?: string;
  StreamingStatus?: string;
}

export interface PoolConfiguration {
  IdentityPoolId: string;
  PushSync?: PushSync;
  CognitoStreams?: CognitoStreams;
}

function configurationOf(pool: PoolRow): PoolConfiguration {
  const config: PoolConfiguration = { IdentityPoolId: pool.id };
  if (pool.push_sync !== null) config.PushSync = JSON.parse(pool.push_sync) as PushSync;
  if (pool.cognito_streams !== null) config.CognitoStreams = JSON.parse(pool.cognito_streams) as CognitoStreams;
  return config;
}

export function getConfiguration(store: Store, poolId: string): PoolConfiguration {
  return configurationOf(requirePool(store, poolId));
}

/** Replaces each given member; members not given keep their stored value. */
export function setConfiguration(store: Store, poolId: string, update: { PushSync?: PushSync; CognitoStreams?: CognitoStreams }): PoolConfiguration {
  return store.transaction(() => {
    requirePool(store, poolId);
    if (update.PushSync !== undefined) store.sql('UPDATE pools SET push_sync = ? WHERE id = ?').run(JSON.stringify(update.PushSync), poolId);
    if (update.CognitoStreams !== undefined) {
      store.sql('UPDATE pools SET cognito_streams = ? WHERE id = ?').run(JSON.stringify(update.CognitoStreams), poolId);
    }
    return configurationOf(requirePool(store, poolId));
  });
}

export function getEvents(store: Store, poolId: string): Record<string, string> {
  return JSON.parse(requirePool(store, poolId).events) as Record<string, string>;
}

/** Merges the given events; an empty value removes its key. */
export function setEvents(store: Store, poolId: string, events: Record<string, string>): void {
  store.transaction(() => {
    // A Map, so any event name (even `__proto__`) is just a key.
    const stored = new Map(Object.entries(JSON.parse(requirePool(store, poolId).events) as Record<string, string>));
    for (const [type, arn] of Object.entries(events)) {
      if (arn === '') stored.delete(type);
      else stored.set(type, arn);
    }
    store.sql('UPDATE pools SET events = ? WHERE id = ?').run(JSON.stringify(Object.fromEntries(stored)), poolId);
  });
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function bulkPublish(store: Store, poolId: string): void {
  store.transaction(() => {
    const pool = requirePool(store, poolId);
    const streams = pool.cognito_streams === null ? undefined : (JSON.parse(pool.cognito_streams) as CognitoStreams);
    if (streams?.StreamingStatus !== 'ENABLED') throw invalidParameter('Cognito Streams is not enabled for this identity pool');
    const now = store.now();
    if (pool.bulk_status === 'SUCCEEDED' && pool.bulk_complete_ms !== null && now - pool.bulk_complete_ms < DAY_MS) {
      throw new ApiError('AlreadyStreamedException', 400, `Bulk publish already succeeded for identity pool ${poolId} in the last 24 hours`);
    }
    store
      .sql("UPDATE pools SET bulk_status = 'SUCCEEDED', bulk_start_ms = ?, bulk_complete_ms = ?, bulk_failure = NULL WHERE id = ?")
      .run(now, now, poolId);
  });
}

export interface BulkPublishDetails {
  status: string;
  startMs?: number;
  completeMs?: number;
  failure?: string;
}

export function getBulkPublishDetails(store: Store, poolId: string): BulkPublishDetails {
  const pool = requirePool(store, poolId);
  if (pool.bulk_status === null) return { status: 'NOT_STARTED' };
  return {
    status: pool.bulk_status,
    startMs: pool.bulk_start_ms ?? undefined,
    completeMs: pool.bulk_complete_ms ?? undefined,
    failure: pool.bulk_failure ?? undefined,
  };
}

/** RegisterDevice: creates an unknown identity; the DeviceId is stable per (identity, platform, token). */
export function registerDevice(store: Store, poolId: string, identityId: string, platform: string, token: string): string {
  return store.transaction(() => {
    ensurePoolAndIdentity(store, poolId, identityId);
    const existing = store
      .sql('SELECT id FROM devices WHERE identity_id = ? AND platform = ? AND token = ?')
      .pluck()
      .get(identityId, platform, token) as string | undefined;
    if (existing) return existing;
    const id = randomUUID();
    store.sql('INSERT INTO devices (id, identity_id, platform, token, created_ms) VALUES (?, ?, ?, ?, ?)').run(id, identityId, platform, token, store.now());
    return id;
  });
}

/** `{V}` must come from RegisterDevice for this identity (of this pool), else 404. */
function requireDevice(store: Store, poolId: string, identityId: string, deviceId: string): void {
  const found = store
    .sql('SELECT 1 FROM devices AS d JOIN identities AS i ON i.id = d.identity_id WHERE d.id = ? AND d.identity_id = ? AND i.pool_id = ?')
    .pluck()
    .get(deviceId, identityId, poolId);
  if (!found) throw deviceNotFound(deviceId);
}

export function subscribe(store: Store, poolId: string, identityId: string, datasetName: string, deviceId: string): void {
  store.transaction(() => {
    requireDevice(store, poolId, identityId, deviceId);
    store.sql('INSERT OR IGNORE INTO subscriptions (identity_id, dataset_name, device_id) VALUES (?, ?, ?)').run(identityId, datasetName, deviceId);
  });
}

export function unsubscribe(store: Store, poolId: string, identityId: string, datasetName: string, deviceId: string): void {
  store.transaction(() => {
    requireDevice(store, poolId, identityId, deviceId);
    store.sql('DELETE FROM subscriptions WHERE identity_id = ? AND dataset_name = ? AND device_id = ?').run(identityId, datasetName, deviceId);
  });
}

/** Devices subscribed to a dataset (for tests and the editor). */
export function subscribedDevices(store: Store, identityId: string, datasetName: string): string[] {
  return store
    .sql('SELECT device_id FROM subscriptions WHERE identity_id = ? AND dataset_name = ? ORDER BY device_id')
    .pluck()
    .all(identityId, datasetName) as string[];
}
