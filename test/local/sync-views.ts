// Comparable views of server responses and model results: the same plain shape on both sides,
// timestamps and tokens left out, long values shown as a length + hash so a failing diff stays readable.
import { createHash } from 'node:crypto';
import type { Dataset, _Record } from '@aws-sdk/client-cognito-sync';
import type { ModelDataset, ModelError, ModelRecord, Outcome } from './sync-model.js';

export interface RecordView {
  key: string;
  /** null = tombstone. */
  value: string | null;
  syncCount: number;
  lastModifiedBy: string;
  deviceLastModified: number | null;
}

export interface DatasetView {
  datasetName: string;
  identityId: string;
  numRecords: number;
  dataStorage: number;
  lastModifiedBy: string;
}

export type OutcomeView<T> = { ok: T } | { error: ModelError };

export function showValue(value: string): string {
  if (value.length <= 64) return value;
  return `<${value.length} chars ${createHash('sha1').update(value).digest('hex').slice(0, 10)}>`;
}

export function serverRecordView(r: _Record): RecordView {
  return {
    key: r.Key ?? '<missing Key>',
    value: r.Value === undefined || r.Value === null ? null : showValue(r.Value),
    syncCount: r.SyncCount ?? -1,
    lastModifiedBy: r.LastModifiedBy ?? '<missing LastModifiedBy>',
    deviceLastModified: r.DeviceLastModifiedDate ? r.DeviceLastModifiedDate.getTime() : null,
  };
}

export function modelRecordView(r: ModelRecord): RecordView {
  return {
    key: r.key,
    value: r.value === undefined ? null : showValue(r.value),
    syncCount: r.syncCount,
    lastModifiedBy: r.lastModifiedBy,
    deviceLastModified: r.deviceLastModified ?? null,
  };
}

export function serverDatasetView(d: Dataset | undefined): DatasetView {
  return {
    datasetName: d?.DatasetName ?? '<missing DatasetName>',
    identityId: d?.IdentityId ?? '<missing IdentityId>',
    numRecords: d?.NumRecords ?? -1,
    dataStorage: d?.DataStorage ?? -1,
    lastModifiedBy: d?.LastModifiedBy ?? '<missing LastModifiedBy>',
  };
}

export function modelDatasetView(d: ModelDataset): DatasetView {
  return { ...d };
}

export function modelOutcomeView<T, V>(outcome: Outcome<T>, view: (value: T) => V): OutcomeView<V> {
  return outcome.ok ? { ok: view(outcome.value) } : { error: outcome.error };
}

/** A service error as name + HTTP status + message; anything else (a network failure, a bug) is rethrown. */
export function serviceError(error: unknown): ModelError {
  if (error instanceof Error && '$metadata' in error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode ?? -1;
    return { name: error.name, status, message: error.message };
  }
  throw error;
}

/** Runs a call and turns a service error into a value, so a result can be compared whatever it is. */
export async function attempt<T>(call: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: ModelError }> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    return { ok: false, error: serviceError(error) };
  }
}
