// A tiny reference model of the Cognito Sync data semantics (SERVICE.md §3.2, §3.3, §3.5, §4),
// written from the spec and independent of src/, so the property test can compare the real
// server against it response by response. Timestamps and tokens are out of scope here.

export interface ModelRecord {
  key: string;
  /** Absent for a tombstone. */
  value?: string;
  syncCount: number;
  lastModifiedBy: string;
  /** Epoch milliseconds as sent by the device, when it sent one. */
  deviceLastModified?: number;
}

export interface ModelPatch {
  op: 'replace' | 'remove';
  key: string;
  value?: string;
  syncCount: number;
  deviceLastModified?: number;
}

export interface ModelDataset {
  datasetName: string;
  identityId: string;
  numRecords: number;
  dataStorage: number;
  lastModifiedBy: string;
}

export interface ModelListing {
  datasetExists: boolean;
  deletedAfterRequestedSyncCount: boolean;
  datasetSyncCount: number;
  /** The dataset's LastModifiedBy; only when it exists. */
  lastModifiedBy?: string;
  records: ModelRecord[];
}

export interface ModelError {
  name: string;
  status: number;
  message: string;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: ModelError };

export interface ModelLimits {
  datasetsPerIdentity: number;
  recordsPerDataset: number;
  bytesPerDataset: number;
}

export const DEFAULT_LIMITS: ModelLimits = { datasetsPerIdentity: 20, recordsPerDataset: 1024, bytesPerDataset: 1_048_576 };

interface Slot {
  counter: number;
  deletedAt?: number;
  exists: boolean;
  lastModifiedBy: string;
  records: Map<string, ModelRecord>;
}

const fail = (name: string, status: number, message: string): { ok: false; error: ModelError } => ({
  ok: false,
  error: { name, status, message },
});

const utf8Bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

/** Live records only: tombstones count neither as records nor as bytes (§4). */
function measure(records: Iterable<ModelRecord>): { count: number; bytes: number } {
  let count = 0;
  let bytes = 0;
  for (const r of records) {
    if (r.value === undefined) continue;
    count++;
    bytes += utf8Bytes(r.key) + utf8Bytes(r.value);
  }
  return { count, bytes };
}

/** Code-unit order, which is what JS string comparison does. */
const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export class SyncModel {
  /** identity → dataset name → slot */
  private readonly slots = new Map<string, Map<string, Slot>>();

  constructor(private readonly limits: ModelLimits = DEFAULT_LIMITS) {}

  private slot(identityId: string, datasetName: string): Slot {
    let datasets = this.slots.get(identityId);
    if (!datasets) this.slots.set(identityId, (datasets = new Map()));
    let slot = datasets.get(datasetName);
    if (!slot) datasets.set(datasetName, (slot = { counter: 0, exists: false, lastModifiedBy: '', records: new Map() }));
    return slot;
  }

  private existingCount(identityId: string): number {
    return [...(this.slots.get(identityId)?.values() ?? [])].filter((s) => s.exists).length;
  }

  private summary(identityId: string, datasetName: string, slot: Slot): ModelDataset {
    const { count, bytes } = measure(slot.records.values());
    return { datasetName, identityId, numRecords: count, dataStorage: bytes, lastModifiedBy: slot.lastModifiedBy };
  }

  /** The SyncCount a patch must carry for `key` to pass the conflict check. */
  currentCount(identityId: string, datasetName: string, key: string): number {
    return this.slots.get(identityId)?.get(datasetName)?.records.get(key)?.syncCount ?? 0;
  }

  datasetCounter(identityId: string, datasetName: string): number {
    return this.slots.get(identityId)?.get(datasetName)?.counter ?? 0;
  }

  /** §3.2 from step 2 on (validation and the token are the caller's business). */
  update(identityId: string, datasetName: string, patches: ModelPatch[], by: string): Outcome<ModelRecord[]> {
    const slot = this.slot(identityId, datasetName);
    for (const p of patches) {
      const current = slot.records.get(p.key)?.syncCount ?? 0;
      if (p.syncCount !== current) {
        return fail('ResourceConflictException', 409, `Current SyncCount for: ${p.key} is: ${current} not: ${p.syncCount}`);
      }
    }
    if (patches.length === 0) return { ok: true, value: [] };

    const n = slot.counter + 1;
    const written: ModelRecord[] = patches.map((p) => ({
      key: p.key,
      ...(p.op === 'replace' ? { value: p.value ?? '' } : {}),
      syncCount: n,
      lastModifiedBy: by,
      ...(p.deviceLastModified !== undefined ? { deviceLastModified: p.deviceLastModified } : {}),
    }));
    const next = new Map(slot.records);
    for (const r of written) next.set(r.key, r);

    if (!slot.exists && this.existingCount(identityId) + 1 > this.limits.datasetsPerIdentity) {
      return fail(
        'LimitExceededException',
        400,
        `Too many datasets for identity ${identityId}: the limit is ${this.limits.datasetsPerIdentity}`,
      );
    }
    const { count, bytes } = measure(next.values());
    if (count > this.limits.recordsPerDataset) {
      return fail(
        'LimitExceededException',
        400,
        `Too many records in dataset ${datasetName}: ${count} exceeds the limit of ${this.limits.recordsPerDataset}`,
      );
    }
    if (bytes > this.limits.bytesPerDataset) {
      return fail(
        'LimitExceededException',
        400,
        `Dataset ${datasetName} is too large: ${bytes} bytes exceeds the limit of ${this.limits.bytesPerDataset}`,
      );
    }

    slot.records = next;
    slot.exists = true;
    slot.counter = n;
    slot.lastModifiedBy = by;
    return { ok: true, value: written };
  }

  /** §3.3, all pages joined. */
  list(identityId: string, datasetName: string, lastSyncCount: number): Outcome<ModelListing> {
    const slot = this.slots.get(identityId)?.get(datasetName);
    const counter = slot?.counter ?? 0;
    const deletedAt = slot?.deletedAt;
    let from = lastSyncCount;
    let deletedAfter = false;
    if (lastSyncCount > 0 && deletedAt !== undefined && deletedAt >= lastSyncCount) {
      deletedAfter = true;
      from = deletedAt;
    }
    if (lastSyncCount > counter) {
      return fail('InvalidParameterException', 400, `No such SyncCount: ${lastSyncCount} exists for this Dataset`);
    }
    if (!slot?.exists) {
      return {
        ok: true,
        value: { datasetExists: false, deletedAfterRequestedSyncCount: deletedAfter, datasetSyncCount: counter, records: [] },
      };
    }
    const records = [...slot.records.values()]
      .filter((r) => r.syncCount > from)
      .sort((a, b) => a.syncCount - b.syncCount || byCodeUnits(a.key, b.key));
    return {
      ok: true,
      value: {
        datasetExists: true,
        deletedAfterRequestedSyncCount: deletedAfter,
        datasetSyncCount: counter,
        lastModifiedBy: slot.lastModifiedBy,
        records,
      },
    };
  }

  describe(identityId: string, datasetName: string): Outcome<ModelDataset> {
    const slot = this.slots.get(identityId)?.get(datasetName);
    if (!slot?.exists) return fail('ResourceNotFoundException', 404, `Dataset '${datasetName}' not found.`);
    return { ok: true, value: this.summary(identityId, datasetName, slot) };
  }

  /** §3.5: drops every record, keeps the counter, remembers where the deletion happened. */
  delete(identityId: string, datasetName: string): Outcome<ModelDataset> {
    const described = this.describe(identityId, datasetName);
    if (!described.ok) return described;
    const slot = this.slot(identityId, datasetName);
    slot.exists = false;
    slot.records = new Map();
    slot.deletedAt = slot.counter;
    slot.lastModifiedBy = '';
    return described;
  }

  listDatasets(identityId: string): ModelDataset[] {
    return [...(this.slots.get(identityId)?.entries() ?? [])]
      .filter(([, slot]) => slot.exists)
      .sort(([a], [b]) => byCodeUnits(a, b))
      .map(([name, slot]) => this.summary(identityId, name, slot));
  }
}
