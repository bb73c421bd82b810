// Records: ListRecords paging (SERVICE.md §3.3) and UpdateRecords (§3.2, limits §4).
import { conflict, identityNotFound, invalidParameter, limitExceeded } from './errors.js';
import { findSlot, mergedDatasetNames, type DatasetRow } from './store-datasets.js';
import { ensurePoolAndIdentity } from './store-identity.js';
import { keyOrder, type Store } from './store.js';
import type { DatasetRef } from './tokens.js';

export interface RecordRow {
  key: string;
  /** null = tombstone */
  value: string | null;
  sync_count: number;
  modified_ms: number;
  modified_by: string;
  device_modified_ms: number | null;
}

const RECORD_COLUMNS = 'key, value, sync_count, modified_ms, modified_by, device_modified_ms';

/** Where the next page starts: after (SyncCount, Key). */
export type RecordPosition = [number, string];

export interface RecordsPage {
  /** The slot when it was ever written (existing or deleted). */
  slot?: DatasetRow;
  exists: boolean;
  records: RecordRow[];
  datasetSyncCount: number;
  deletedAfterRequestedSyncCount: boolean;
  mergedDatasetNames: string[];
  /** Set when more records follow this page. */
  next?: RecordPosition;
}

/** One page of records with SyncCount > lastSyncCount, by SyncCount then Key (code units). */
export function listRecordsPage(store: Store, ref: DatasetRef, lastSyncCount: number, limit: number, after?: RecordPosition): RecordsPage {
  const slot = findSlot(store, ref);
  const counter = slot?.counter ?? 0;
  const deletedAt = slot?.deleted_at ?? null;
  const deletedAfter = lastSyncCount > 0 && deletedAt !== null && deletedAt >= lastSyncCount;
  if (lastSyncCount > counter) throw invalidParameter(`No such SyncCount: ${lastSyncCount} exists for this Dataset`);
  const floor = deletedAfter ? deletedAt! : lastSyncCount;
  const merged = mergedDatasetNames(store, ref);
  const page: RecordsPage = {
    slot,
    exists: slot?.present === 1,
    records: [],
    datasetSyncCount: counter,
    deletedAfterRequestedSyncCount: deletedAfter,
    mergedDatasetNames: merged,
  };
  if (!slot?.present) return page;
  // One row more than the page tells whether another page follows.
  const rows = (
    after
      ? store
          .sql(
            `SELECT ${RECORD_COLUMNS} FROM records WHERE dataset_id = ? AND sync_count > ? AND (sync_count, key_order) > (?, ?) ORDER BY sync_count, key_order LIMIT ?`,
          )
          .all(slot.id, floor, after[0], keyOrder(after[1]), limit + 1)
      : store
          .sql(`SELECT ${RECORD_COLUMNS} FROM records WHERE dataset_id = ? AND sync_count > ? ORDER BY sync_count, key_order LIMIT ?`)
          .all(slot.id, floor, limit + 1)
  ) as RecordRow[];
  if (rows.length > limit) {
    rows.length = limit;
    const last = rows[limit - 1];
    page.next = [last.sync_count, last.key];
  }
  page.records = rows;
  return page;
}

export interface PatchInput {
  op: 'replace' | 'remove';
  key: string;
  /** Required with replace (validated before), ignored with remove. */
  value?: string;
  syncCount: number;
  deviceModifiedMs?: number;
}

/**
 * Applies a batch all or nothing: conflicts first (first stale patch → 409), then limits
 * on the resulting state, then every record written at N = counter + 1.
 */
export function updateRecords(store: Store, ref: DatasetRef, patches: PatchInput[], modifiedBy: string): RecordRow[] {
  return store.transaction(() => {
    const owner = store.sql('SELECT pool_id FROM identities WHERE id = ?').pluck().get(ref.identityId) as string | undefined;
    if (owner !== undefined && owner !== ref.poolId) throw identityNotFound(ref.identityId);
    const slot = findSlot(store, ref);
    const live = slot?.present === 1;

    // Current SyncCount and stored size of each patched key, in one statement.
    const current = new Map<string, [number, number]>();
    if (live && patches.length > 0) {
      const rows = store
        .sql('SELECT r.key, r.sync_count, r.size FROM json_each(?) AS j JOIN records AS r ON r.dataset_id = ? AND r.key = j.value')
        .raw()
        .all(JSON.stringify(patches.map((p) => p.key)), slot!.id) as Array<[string, number, number]>;
      for (const [key, count, size] of rows) current.set(key, [count, size]);
    }
    for (const patch of patches) {
      const serverCount = current.get(patch.key)?.[0] ?? 0;
      if (patch.syncCount !== serverCount) {
        throw conflict(`Current SyncCount for: ${patch.key} is: ${serverCount} not: ${patch.syncCount}`);
      }
    }
    if (patches.length === 0) return [];

    const sizes = patches.map((p) => (p.op === 'replace' ? Buffer.byteLength(p.key, 'utf8') + Buffer.byteLength(p.value ?? '', 'utf8') : 0));
    let numRecords = live ? slot!.num_records : 0;
    let dataStorage = live ? slot!.data_storage : 0;
    patches.forEach((patch, i) => {
      const oldSize = current.get(patch.key)?.[1] ?? 0;
      numRecords += (sizes[i] > 0 ? 1 : 0) - (oldSize > 0 ? 1 : 0);
      dataStorage += sizes[i] - oldSize;
    });
    checkLimits(store, ref, live, numRecords, dataStorage);

    ensurePoolAndIdentity(store, ref.poolId, ref.identityId);
    const now = store.now();
    const syncCount = (slot?.counter ?? 0) + 1;
    let datasetId: number;
    if (slot) {
      datasetId = slot.id;
      store
        .sql(
          `UPDATE datasets SET counter = ?, created_ms = CASE WHEN present = 1 THEN created_ms ELSE ? END, present = 1,
           modified_ms = ?, modified_by = ?, num_records = ?, data_storage = ? WHERE id = ?`,
        )
        .run(syncCount, now, now, modifiedBy, numRecords, dataStorage, slot.id);
    } else {
      datasetId = Number(
        store
          .sql(
            `INSERT INTO datasets (pool_id, identity_id, name, counter, present, created_ms, modified_ms, modified_by, num_records, data_storage)
             VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?)`,
          )
          .run(ref.poolId, ref.identityId, ref.datasetName, syncCount, now, now, modifiedBy, numRecords, dataStorage).lastInsertRowid,
      );
    }
    const upsert = store.sql(
      `INSERT INTO records (dataset_id, key, key_order, value, sync_count, modified_ms, modified_by, device_modified_ms, size)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (dataset_id, key) DO UPDATE SET value = excluded.value, sync_count = excluded.sync_count,
         modified_ms = excluded.modified_ms, modified_by = excluded.modified_by,
         device_modified_ms = excluded.device_modified_ms, size = excluded.size`,
    );
    const written: RecordRow[] = patches.map((patch, i) => {
      const value = patch.op === 'replace' ? (patch.value ?? '') : null;
      const device = patch.deviceModifiedMs ?? null;
      upsert.run(datasetId, patch.key, keyOrder(patch.key), value, syncCount, now, modifiedBy, device, sizes[i]);
      return { key: patch.key, value, sync_count: syncCount, modified_ms: now, modified_by: modifiedBy, device_modified_ms: device };
    });
    store.sql('UPDATE identities SET data_modified_ms = ? WHERE id = ?').run(now, ref.identityId);
    store.sql('UPDATE pools SET data_modified_ms = ? WHERE id = ?').run(now, ref.poolId);
    return written;
  });
}

function checkLimits(store: Store, ref: DatasetRef, live: boolean, numRecords: number, dataStorage: number): void {
  const { datasetsPerIdentity, recordsPerDataset, bytesPerDataset } = store.limits;
  if (!live) {
    const existing = store
      .sql('SELECT COUNT(*) FROM datasets WHERE pool_id = ? AND identity_id = ? AND present = 1')
      .pluck()
      .get(ref.poolId, ref.identityId) as number;
    if (existing + 1 > datasetsPerIdentity) {
      throw limitExceeded(`Too many datasets for identity ${ref.identityId}: the limit is ${datasetsPerIdentity}`);
    }
  }
  if (numRecords > recordsPerDataset) {
    throw limitExceeded(`Too many records in dataset ${ref.datasetName}: ${numRecords} exceeds the limit of ${recordsPerDataset}`);
  }
  if (dataStorage > bytesPerDataset) {
    throw limitExceeded(`Dataset ${ref.datasetName} is too large: ${dataStorage} bytes exceeds the limit of ${bytesPerDataset}`);
  }
}
