// Records: ListRecords paging (SERVICE.md §3.3) and UpdateRecords (§3.2, limits §4).
// A dataset's records are one RecordSet (record-set.ts), read through the store's cache:
// checks run against it in memory, a write stores the new set (record-sets.ts) in the
// same transaction as the dataset's counters, and a page is a slice of its bytes.
import { conflict, identityNotFound, invalidParameter, limitExceeded } from './errors.js';
import { epochSeconds } from './http-io.js';
import { encodeRecords, type EncodedRecords, type PatchText } from './record-wire.js';
import { RecordSet, type RecordPosition } from './record-set.js';
import { findSlot, type DatasetRow } from './store-datasets.js';
import { ensurePoolAndIdentity } from './store-identity.js';
import type { Store, StoreLimits } from './store.js';
import type { DatasetRef } from './tokens.js';
import type { WireRecord } from './wire.js';

export type { RecordPosition } from './record-set.js';


export interface RecordsPage {
  /** The slot when it was ever written (existing or deleted). */
  slot?: DatasetRow;
  exists: boolean;
  /** Wire JSON of this page's records, in order, joined by commas (empty when none). */
  records: Buffer;
  /** Number of records on this page. */
  count: number;
  datasetSyncCount: number;
  deletedAfterRequestedSyncCount: boolean;
  /** Set when more records follow this page. */
  next?: RecordPosition;
}

export function encodeRecord(record: WireRecord): Buffer {
  return Buffer.from(JSON.stringify(record), 'utf8');
}

export function decodeRecord(wire: Buffer): WireRecord {
  return JSON.parse(wire.toString('utf8')) as WireRecord;
}

/** One page of records with SyncCount > lastSyncCount, by SyncCount then Key (code units). */
export function listRecordsPage(store: Store, ref: DatasetRef, lastSyncCount: number, limit: number, after?: RecordPosition): RecordsPage {
  const slot = findSlot(store, ref);
  const counter = slot?.counter ?? 0;
  const deletedAt = slot?.deleted_at ?? null;
  const deletedAfter = lastSyncCount > 0 && deletedAt !== null && deletedAt >= lastSyncCount;
  if (lastSyncCount > counter) throw invalidParameter(`No such SyncCount: ${lastSyncCount} exists for this Dataset`);
  const floor = deletedAfter ? deletedAt! : lastSyncCount;
  const page: RecordsPage = {
    slot,
    exists: slot?.present === 1,
    records: Buffer.alloc(0),
    count: 0,
    datasetSyncCount: counter,
    deletedAfterRequestedSyncCount: deletedAfter,
  };
  if (!slot?.present) return page;
  const slice = store.records.get(slot.id).page(floor, after, limit);
  page.records = slice.records;
  page.count = slice.count;
  if (slice.next) page.next = slice.next;
  return page;
}

export interface PatchInput {
  op: 'replace' | 'remove';
  key: string;
  /** Required with replace (validated before), ignored with remove. */
  value?: string;
  /**
   * With replace, in place of `value`: the value as JSON string bytes, quotes included,
   * needing no escape (update-records-body.ts reads them so from a request).
   */
  valueJson?: Buffer;
  syncCount: number;
  deviceModifiedMs?: number;
}

/**
 * Applies a batch all or nothing, every record written at N = counter + 1: conflicts first
 * (first stale patch → 409), then limits on the resulting state, both checked in memory
 * against the dataset's current records before anything is written. Returns the written
 * records in patch order. `text` says what is known about the keys and values (record-wire.ts);
 * callers that know nothing leave it `any`.
 */
export function updateRecords(store: Store, ref: DatasetRef, patches: PatchInput[], modifiedBy: string, text: PatchText = 'any'): EncodedRecords {
  return store.transaction(() => {
    const owner = store.sql('SELECT pool_id FROM identities WHERE id = ?').pluck().get(ref.identityId) as string | undefined;
    if (owner !== undefined && owner !== ref.poolId) throw identityNotFound(ref.identityId);
    const slot = findSlot(store, ref);
    const live = slot?.present === 1;
    // A deleted or never-written dataset has no records: every count is 0.
    const current = live ? store.records.get(slot.id) : RecordSet.EMPTY;
    const keys = patches.map((p) => p.key);
    const positions = current.positionsOf(keys);
    // Patches in order, so the first stale one is reported (keys are unique in a batch).
    for (let i = 0; i < patches.length; i++) {
      const count = current.countAt(positions[i]);
      if (patches[i].syncCount !== count) throw staleCount(patches[i], count);
    }
    if (patches.length === 0) return encodeRecords([], '', text);

    // The totals after the call: the current ones, less the records replaced, plus the batch.
    // An ASCII key or value is as many UTF-8 bytes as characters.
    const byteLength = text === 'ascii' ? (s: string) => s.length : (s: string) => Buffer.byteLength(s, 'utf8');
    const sizes: number[] = new Array(patches.length);
    const totals = { numRecords: current.numRecords, dataStorage: current.dataStorage };
    for (let i = 0; i < patches.length; i++) {
      const p = patches[i];
      sizes[i] = recordSize(p, byteLength);
      const old = current.sizeAt(positions[i]);
      if (old > 0) totals.numRecords--;
      if (sizes[i] > 0) totals.numRecords++;
      totals.dataStorage += sizes[i] - old;
    }
    if (!live) checkDatasetCount(store, ref);
    checkSize(ref, totals, store.limits);

    ensurePoolAndIdentity(store, ref.poolId, ref.identityId);
    const now = store.now();
    const syncCount = (slot?.counter ?? 0) + 1;
    const datasetId = slot ? slot.id : insertSlot(store, ref);
    // Members in the model's order; the part every record of the call shares is built once.
    const shared = `,"SyncCount":${syncCount},"LastModifiedDate":${epochSeconds(now)},"LastModifiedBy":${JSON.stringify(modifiedBy)}`;
    const batch = encodeRecords(patches, shared, text);
    store.records.write(datasetId, current, { keys, syncCount, sizes, joined: batch.joined, ends: batch.ends }, positions);
    store
      .sql(
        `UPDATE datasets SET counter = ?, created_ms = CASE WHEN present = 1 THEN created_ms ELSE ? END, present = 1,
         modified_ms = ?, modified_by = ?, num_records = ?, data_storage = ? WHERE id = ?`,
      )
      .run(syncCount, now, now, modifiedBy, totals.numRecords, totals.dataStorage, datasetId);
    store.sql('UPDATE identities SET data_modified_ms = ? WHERE id = ?').run(now, ref.identityId);
    store.sql('UPDATE pools SET data_modified_ms = ? WHERE id = ?').run(now, ref.poolId);
    return batch;
  });
}

/** UTF-8 bytes of key and value (JSON bytes without escapes are the value's UTF-8 plus two quotes); 0 for a tombstone. */
function recordSize(patch: PatchInput, byteLength: (text: string) => number): number {
  if (patch.op !== 'replace') return 0;
  return byteLength(patch.key) + (patch.valueJson !== undefined ? patch.valueJson.length - 2 : byteLength(patch.value ?? ''));
}

function staleCount(patch: PatchInput, serverCount: number): Error {
  return conflict(`Current SyncCount for: ${patch.key} is: ${serverCount} not: ${patch.syncCount}`);
}

/** A new slot for `ref`; its counter and totals are set once the records are written. */
function insertSlot(store: Store, ref: DatasetRef): number {
  return Number(
    store.sql('INSERT INTO datasets (pool_id, identity_id, name) VALUES (?, ?, ?)').run(ref.poolId, ref.identityId, ref.datasetName).lastInsertRowid,
  );
}

/** A dataset coming into existence must fit in the identity's quota. */
function checkDatasetCount(store: Store, ref: DatasetRef): void {
  const { datasetsPerIdentity } = store.limits;
  const existing = store
    .sql('SELECT COUNT(*) FROM datasets WHERE pool_id = ? AND identity_id = ? AND present = 1')
    .pluck()
    .get(ref.poolId, ref.identityId) as number;
  if (existing + 1 > datasetsPerIdentity) {
    throw limitExceeded(`Too many datasets for identity ${ref.identityId}: the limit is ${datasetsPerIdentity}`);
  }
}

/** The dataset's live records and their bytes after the call must fit its quotas. */
function checkSize(ref: DatasetRef, { numRecords, dataStorage }: { numRecords: number; dataStorage: number }, limits: StoreLimits): void {
  const { recordsPerDataset, bytesPerDataset } = limits;
  if (numRecords > recordsPerDataset) {
    throw limitExceeded(`Too many records in dataset ${ref.datasetName}: ${numRecords} exceeds the limit of ${recordsPerDataset}`);
  }
  if (dataStorage > bytesPerDataset) {
    throw limitExceeded(`Dataset ${ref.datasetName} is too large: ${dataStorage} bytes exceeds the limit of ${bytesPerDataset}`);
  }
}
