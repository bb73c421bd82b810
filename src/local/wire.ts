// Store rows → the model's output shapes. Timestamps become epoch seconds (up to 3
// decimals); absent optional members are left out (SERVICE.md §1.4).
import { epochSeconds } from './http-io.js';
import type { DatasetRow, IdentityUsage, PoolUsage } from './store-datasets.js';
import type { IdentityDescriptionRow, PoolRow } from './store-identity.js';

/** A Record as the API returns it (built in this member order, omitted when absent). */
export interface WireRecord {
  Key: string;
  Value?: string;
  SyncCount?: number;
  LastModifiedDate?: number;
  LastModifiedBy?: string;
  DeviceLastModifiedDate?: number;
}

export function wireDataset(row: DatasetRow): Record<string, unknown> {
  const dataset: Record<string, unknown> = { IdentityId: row.identity_id, DatasetName: row.name };
  if (row.created_ms !== null) dataset.CreationDate = epochSeconds(row.created_ms);
  if (row.modified_ms !== null) dataset.LastModifiedDate = epochSeconds(row.modified_ms);
  if (row.modified_by !== null) dataset.LastModifiedBy = row.modified_by;
  dataset.DataStorage = row.data_storage;
  dataset.NumRecords = row.num_records;
  return dataset;
}

export function wireIdentityUsage(usage: IdentityUsage): Record<string, unknown> {
  return {
    IdentityId: usage.identityId,
    IdentityPoolId: usage.poolId,
    LastModifiedDate: epochSeconds(usage.lastModifiedMs),
    DatasetCount: usage.datasetCount,
    DataStorage: usage.dataStorage,
  };
}

export function wirePoolUsage(usage: PoolUsage): Record<string, unknown> {
  return {
    IdentityPoolId: usage.poolId,
    SyncSessionsCount: usage.syncSessionsCount,
    DataStorage: usage.dataStorage,
    LastModifiedDate: epochSeconds(usage.lastModifiedMs),
  };
}

/** Cognito Identity's IdentityPool: the stored CreateIdentityPool input plus its id. */
export function wireIdentityPool(row: PoolRow): Record<string, unknown> {
  return {
    IdentityPoolId: row.id,
    IdentityPoolName: row.name,
    AllowUnauthenticatedIdentities: row.allow_unauthenticated === 1,
    ...(JSON.parse(row.definition) as Record<string, unknown>),
  };
}

export function wireIdentityDescription(row: IdentityDescriptionRow): Record<string, unknown> {
  return {
    IdentityId: row.id,
    Logins: JSON.parse(row.providers) as string[],
    CreationDate: epochSeconds(row.created_ms),
    LastModifiedDate: epochSeconds(row.modified_ms),
  };
}
