// Records: ListRecords paging (SERVICE.md §3.3) and UpdateRecords (§3.2, limits §4).
// A record is stored as its wire JSON bytes (see schema.ts), so pages are returned as
// those bytes and never decoded here.
import { conflict, identityNotFound, invalidParameter, limitExceeded } from './errors.js';
import { epochSeconds } from './http-io.js';
import { findSlot, type DatasetRow } from './store-datasets.js';
import { ensurePoolAndIdentity } from './store-identity.js';
import { keyOrder, type Store } from './store.js';
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
  syncCount: number;
  deviceModifiedMs?: number;
}

/**
 * Applies a batch all or nothing: conflicts first (first stale patch → 409), then limits
 * on the resulting state, then every record written at N = counter + 1. Returns the
 * written records in patch order.
 */
export function updateRecords(store: Store, ref: DatasetRef, patches: PatchInput[], modifiedBy: string): WrittenRecords {
  return store.transaction(() => {
    const owner = store.sql('SELECT pool_id FROM identities WHERE id = ?').pluck().get(ref.identityId) as string | undefined;
    if (owner !== undefined && owner !== ref.poolId) throw identityNotFound(ref.identityId);
    const slot = findSlot(store, ref);
    const live = slot?.present === 1;

    // Current SyncCount and stored size of each patched key (a deleted dataset has none).
    const orders = patches.map((p) => keyOrder(p.key));
    const current = new Map<string, [number, number]>();
    if (live) {
      const lookup = store.sql('SELECT sync_count, size FROM records WHERE dataset_id = ? AND key_order = ?').raw();
      patches.forEach((patch, i) => {
        const row = lookup.get(slot!.id, orders[i]) as [number, number] | undefined;
        if (row) current.set(patch.key, row);
      });
    }
    for (const patch of patches) {
      const serverCount = current.get(patch.key)?.[0] ?? 0;
      if (patch.syncCount !== serverCount) {
        throw conflict(`Current SyncCount for: ${patch.key} is: ${serverCount} not: ${patch.syncCount}`);
      }
    }
    if (patches.length === 0) return { records: [], joined: Buffer.alloc(0) };

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
    // One prepared upsert per record: measured as fast as a single INSERT … SELECT over
    // json_each (the B-tree work dominates, not the calls), and simpler.
    const upsert = store.sql(
      `INSERT INTO records (dataset_id, key_order, sync_count, size, wire) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (dataset_id, key_order) DO UPDATE SET sync_count = excluded.sync_count, size = excluded.size, wire = excluded.wire`,
    );
    // Members in the model's order; the part every record of the call shares is built once.
    const shared = `,"SyncCount":${syncCount},"LastModifiedDate":${epochSeconds(now)},"LastModifiedBy":${JSON.stringify(modifiedBy)}`;
    const json = patches.map((patch) => {
      const value = patch.op === 'replace' ? `,"Value":${JSON.stringify(patch.value ?? '')}` : '';
      const device = patch.deviceModifiedMs === undefined ? '' : `,"DeviceLastModifiedDate":${epochSeconds(patch.deviceModifiedMs)}`;
      return `{"Key":${JSON.stringify(patch.key)}${value}${shared}${device}}`;
    });
    const batch = encodeJoined(json);
    batch.records.forEach((wire, i) => upsert.run(datasetId, orders[i], syncCount, sizes[i], wire));
    store.sql('UPDATE identities SET data_modified_ms = ? WHERE id = ?').run(now, ref.identityId);
    store.sql('UPDATE pools SET data_modified_ms = ? WHERE id = ?').run(now, ref.poolId);
    return { records: batch.records, joined: batch.joined };
  });
}

/**
 * UTF-8 of `parts` joined by commas, in one buffer, plus a view of each part. One encode
 * into one allocation: encoding each small record on its own costs several times more.
 */
export function encodeJoined(parts: string[]): { joined: Buffer; records: Buffer[] } {
  let capacity = Math.max(0, parts.length - 1);
  for (const part of parts) capacity += part.length * 3;
  const buffer = Buffer.allocUnsafe(capacity);
  const records: Buffer[] = [];
  let offset = 0;
  parts.forEach((part, i) => {
    if (i > 0) buffer[offset++] = 0x2c; // ','
    const written = buffer.write(part, offset, 'utf8');
    records.push(buffer.subarray(offset, offset + written));
    offset += written;
  });
  return { joined: buffer.subarray(0, offset), records };
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
