// Records: ListRecords paging (SERVICE.md §3.3) and UpdateRecords (§3.2, limits §4).
// A record is stored as its wire JSON bytes (see schema.ts), so pages are returned as
// those bytes and never decoded here.
import { conflict, identityNotFound, invalidParameter, limitExceeded } from './errors.js';
import { epochSeconds } from './http-io.js';
import { encodeRecords, type PatchText } from './record-wire.js';
import { findSlot, type DatasetRow } from './store-datasets.js';
import { ensurePoolAndIdentity } from './store-identity.js';
import { keyOrder, type Store, type StoreLimits } from './store.js';
import type { DatasetRef } from './tokens.js';
import type { WireRecord } from './wire.js';

/** What UpdateRecords wrote, as wire JSON: each record, and all of them comma-joined. */
export interface WrittenRecords {
  records: Buffer[];
  joined: Buffer;
}

/** Where the next page starts: after (SyncCount, Key). */
export type RecordPosition = [number, string];

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

function keyOf(order: Buffer): string {
  return Buffer.from(order).swap16().toString('utf16le');
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
  // The page's records come back as one comma-joined buffer built inside SQLite (reading
  // them row by row costs about three times as much). A subquery with ORDER BY and LIMIT is
  // never flattened into an aggregate, so group_concat sees its rows in order (an ORDER BY
  // inside group_concat would re-sort ~1 MB; tests pin the order). A cheap index-only query finds
  // where the page ends and whether another follows. After a cursor, the row-value
  // comparison seeks straight to it; a cursor at or below the floor (the dataset was
  // deleted and re-created between pages) simply starts above the floor.
  const seek = after !== undefined && after[0] > floor;
  const where = seek ? 'dataset_id = ? AND (sync_count, key_order) > (?, ?)' : 'dataset_id = ? AND sync_count > ?';
  const args = seek ? [slot.id, after[0], keyOrder(after[1])] : [slot.id, floor];
  const joined = store
    .sql(
      `SELECT CAST(group_concat(wire, ',') AS BLOB) AS body, count(*) AS n FROM
       (SELECT wire FROM records WHERE ${where} ORDER BY sync_count, key_order LIMIT ?)`,
    )
    .get(...args, limit) as { body: Buffer | null; n: number };
  page.records = joined.body ?? Buffer.alloc(0);
  page.count = joined.n;
  if (joined.n === limit) {
    const ends = store
      .sql(`SELECT sync_count, key_order FROM records WHERE ${where} ORDER BY sync_count, key_order LIMIT 2 OFFSET ?`)
      .raw()
      .all(...args, limit - 1) as Array<[number, Buffer]>;
    if (ends.length === 2) page.next = [ends[0][0], keyOf(ends[0][1])];
  }
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
 * Applies a batch all or nothing, every record written at N = counter + 1, and answers as
 * if it checked conflicts first (first stale patch → 409), then limits on the resulting
 * state. Into a live dataset the checks happen while and after writing, inside the one
 * transaction, so a refused batch leaves nothing behind. Returns the written records in
 * patch order. `text` says what is known about the keys and values (record-wire.ts);
 * callers that know nothing leave it `any`.
 */
export function updateRecords(store: Store, ref: DatasetRef, patches: PatchInput[], modifiedBy: string, text: PatchText = 'any'): WrittenRecords {
  return store.transaction(() => {
    const owner = store.sql('SELECT pool_id FROM identities WHERE id = ?').pluck().get(ref.identityId) as string | undefined;
    if (owner !== undefined && owner !== ref.poolId) throw identityNotFound(ref.identityId);
    const slot = findSlot(store, ref);
    const live = slot?.present === 1;
    // A deleted or never-written dataset has no records: every count is 0.
    if (!live) {
      const stale = patches.find((patch) => patch.syncCount !== 0);
      if (stale) throw staleCount(stale, 0);
    }
    if (patches.length === 0) return { records: [], joined: Buffer.alloc(0) };

    const sizes = patches.map((p) => (p.op === 'replace' ? Buffer.byteLength(p.key, 'utf8') + valueBytes(p) : 0));
    // Without old records, the batch alone is the resulting state.
    let totals = { numRecords: sizes.filter((size) => size > 0).length, dataStorage: sizes.reduce((a, b) => a + b, 0) };
    if (!live) {
      checkDatasetCount(store, ref);
      checkSize(ref, totals, store.limits);
    }

    ensurePoolAndIdentity(store, ref.poolId, ref.identityId);
    const now = store.now();
    const syncCount = (slot?.counter ?? 0) + 1;
    const datasetId = slot ? slot.id : insertSlot(store, ref);
    const orders = patches.map((p) => keyOrder(p.key));
    // Members in the model's order; the part every record of the call shares is built once.
    const shared = `,"SyncCount":${syncCount},"LastModifiedDate":${epochSeconds(now)},"LastModifiedBy":${JSON.stringify(modifiedBy)}`;
    const batch = encodeRecords(
      patches.map((p) => ({
        key: p.key,
        value: p.op === 'replace' && p.valueJson === undefined ? (p.value ?? '') : undefined,
        valueJson: p.op === 'replace' ? p.valueJson : undefined,
        deviceTail: p.deviceModifiedMs === undefined ? '' : `,"DeviceLastModifiedDate":${epochSeconds(p.deviceModifiedMs)}`,
      })),
      shared,
      text,
    );
    if (live) writeChecked(store, datasetId, patches, orders, sizes, syncCount, batch.records);
    else writeFresh(store, datasetId, orders, sizes, syncCount, batch.records);

    // A live dataset's totals are counted after the writes, in one pass inside SQLite
    // (~0.2 ms for 1,024 records, where reading each patched record's old size first took
    // ~1 ms). A throw here rolls the writes back.
    if (live) {
      totals = store
        .sql('SELECT count(*) FILTER (WHERE size > 0) AS numRecords, coalesce(sum(size), 0) AS dataStorage FROM records WHERE dataset_id = ?')
        .get(datasetId) as typeof totals;
      checkSize(ref, totals, store.limits);
    }
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

/** UTF-8 bytes of a replace's value (JSON bytes without escapes are its UTF-8 plus two quotes). */
function valueBytes(patch: PatchInput): number {
  return patch.valueJson !== undefined ? patch.valueJson.length - 2 : Buffer.byteLength(patch.value ?? '', 'utf8');
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

/**
 * Writes into a live dataset, each write conditional on the count the patch was based on:
 * an update only of a record still at that count, an insert only of an absent key (count
 * 0; written records never have 0). The conflict check and the write are one B-tree
 * visit, not a lookup and then an upsert. Patches are applied in order, so the first one
 * that changes nothing is the first stale patch; its key is untouched by the earlier ones
 * (keys are unique in a batch), so its count read now is the count before the call.
 */
function writeChecked(
  store: Store,
  datasetId: number,
  patches: PatchInput[],
  orders: Buffer[],
  sizes: number[],
  syncCount: number,
  wires: Buffer[],
): void {
  const update = store.sql('UPDATE records SET sync_count = ?, size = ?, wire = ? WHERE dataset_id = ? AND key_order = ? AND sync_count = ?');
  const insert = store.sql(
    'INSERT INTO records (dataset_id, key_order, sync_count, size, wire) VALUES (?, ?, ?, ?, ?) ON CONFLICT (dataset_id, key_order) DO NOTHING',
  );
  for (let i = 0; i < patches.length; i++) {
    const expected = patches[i].syncCount;
    const changed =
      expected === 0
        ? insert.run(datasetId, orders[i], syncCount, sizes[i], wires[i]).changes
        : update.run(syncCount, sizes[i], wires[i], datasetId, orders[i], expected).changes;
    if (changed !== 1) {
      const current = store.sql('SELECT sync_count FROM records WHERE dataset_id = ? AND key_order = ?').pluck().get(datasetId, orders[i]) as
        | number
        | undefined;
      throw staleCount(patches[i], current ?? 0);
    }
  }
}

/** Writes into a dataset that has no records (conflicts were ruled out before). */
function writeFresh(store: Store, datasetId: number, orders: Buffer[], sizes: number[], syncCount: number, wires: Buffer[]): void {
  const upsert = store.sql(
    `INSERT INTO records (dataset_id, key_order, sync_count, size, wire) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (dataset_id, key_order) DO UPDATE SET sync_count = excluded.sync_count, size = excluded.size, wire = excluded.wire`,
  );
  for (let i = 0; i < orders.length; i++) upsert.run(datasetId, orders[i], syncCount, sizes[i], wires[i]);
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
