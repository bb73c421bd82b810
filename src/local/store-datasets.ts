// Dataset slots (SERVICE.md §3.1, §3.5) and the usage figures built from them (§3.7).
import { datasetNotFound, identityNotFound } from './errors.js';
import { findIdentity, requirePool } from './store-identity.js';
import type { Store } from './store.js';
import type { DatasetRef } from './tokens.js';

export interface DatasetRow {
  id: number;
  pool_id: string;
  identity_id: string;
  name: string;
  counter: number;
  deleted_at: number | null;
  present: number;
  created_ms: number | null;
  modified_ms: number | null;
  modified_by: string | null;
  num_records: number;
  data_storage: number;
  merged_from: string | null;
}

/** The slot of (P, I, D), existing or deleted; undefined when never written. */
export function findSlot(store: Store, ref: DatasetRef): DatasetRow | undefined {
  return store
    .sql('SELECT * FROM datasets WHERE pool_id = ? AND identity_id = ? AND name = ?')
    .get(ref.poolId, ref.identityId, ref.datasetName) as DatasetRow | undefined;
}

export function requireDataset(store: Store, ref: DatasetRef): DatasetRow {
  const row = findSlot(store, ref);
  if (!row || !row.present) throw datasetNotFound(ref.datasetName);
  return row;
}

/** Names of existing datasets merged into this identity from `datasetName` (§3.6). */
export function mergedDatasetNames(store: Store, ref: DatasetRef): string[] {
  return store
    .sql('SELECT name FROM datasets WHERE pool_id = ? AND identity_id = ? AND merged_from = ? AND present = 1 ORDER BY name')
    .pluck()
    .all(ref.poolId, ref.identityId, ref.datasetName) as string[];
}

/** A page of existing datasets by name, after `afterName`. */
export function listDatasets(store: Store, poolId: string, identityId: string, limit: number, afterName = ''): DatasetRow[] {
  return store
    .sql('SELECT * FROM datasets WHERE pool_id = ? AND identity_id = ? AND present = 1 AND name > ? ORDER BY name LIMIT ?')
    .all(poolId, identityId, afterName, limit) as DatasetRow[];
}

/** DeleteDataset: records and subscriptions go, the counter stays, `deletedAt = counter`. */
export function deleteDataset(store: Store, ref: DatasetRef): DatasetRow {
  return store.transaction(() => {
    const row = requireDataset(store, ref);
    const now = store.now();
    store.records.delete(row.id);
    store.sql('DELETE FROM subscriptions WHERE identity_id = ? AND dataset_name = ?').run(ref.identityId, ref.datasetName);
    store
      .sql(
        'UPDATE datasets SET present = 0, deleted_at = counter, num_records = 0, data_storage = 0, merged_from = NULL, created_ms = NULL WHERE id = ?',
      )
      .run(row.id);
    store.sql('UPDATE identities SET data_modified_ms = ? WHERE id = ?').run(now, ref.identityId);
    store.sql('UPDATE pools SET data_modified_ms = ? WHERE id = ?').run(now, ref.poolId);
    return row;
  });
}

export interface IdentityUsage {
  identityId: string;
  poolId: string;
  datasetCount: number;
  dataStorage: number;
  lastModifiedMs: number;
}

export function describeIdentityUsage(store: Store, poolId: string, identityId: string): IdentityUsage {
  requirePool(store, poolId);
  const identity = findIdentity(store, poolId, identityId);
  if (!identity) throw identityNotFound(identityId);
  const totals = store
    .sql('SELECT COUNT(*) AS n, COALESCE(SUM(data_storage), 0) AS bytes FROM datasets WHERE pool_id = ? AND identity_id = ? AND present = 1')
    .get(poolId, identityId) as { n: number; bytes: number };
  return {
    identityId,
    poolId,
    datasetCount: totals.n,
    dataStorage: totals.bytes,
    lastModifiedMs: identity.data_modified_ms ?? identity.created_ms,
  };
}

export interface PoolUsage {
  poolId: string;
  syncSessionsCount: number;
  dataStorage: number;
  lastModifiedMs: number;
}

const POOL_USAGE_SQL = `SELECT p.id AS poolId, p.sync_sessions AS syncSessionsCount,
  COALESCE(p.data_modified_ms, p.created_ms) AS lastModifiedMs,
  (SELECT COALESCE(SUM(d.data_storage), 0) FROM datasets d WHERE d.pool_id = p.id AND d.present = 1) AS dataStorage
  FROM pools p`;

export function describePoolUsage(store: Store, poolId: string): PoolUsage {
  requirePool(store, poolId);
  return store.sql(`${POOL_USAGE_SQL} WHERE p.id = ?`).get(poolId) as PoolUsage;
}

export function listPoolUsage(store: Store, limit: number, afterId = ''): PoolUsage[] {
  return store.sql(`${POOL_USAGE_SQL} WHERE p.id > ? ORDER BY p.id LIMIT ?`).all(afterId, limit) as PoolUsage[];
}
