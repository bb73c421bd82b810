// The public shapes of `cogsync/sync` and their conversion from the engine's types.
import type { RequestCounts } from '../session/remote-dataset.js';
import { isLive, toMillis, type ConflictItem, type ConflictKind, type KeyState, type LimitIssue, type Resolution as EngineResolution, type SyncRecord } from '../sync/index.js';

/** A record as the server holds it. */
export interface DatasetRecord {
  key: string;
  /** Undefined for a tombstone. `""` is a real value. */
  value?: string;
  /** True when the key was removed (the server keeps its SyncCount). */
  tombstone: boolean;
  syncCount: number;
  lastModifiedDate?: Date;
  lastModifiedBy?: string;
  deviceLastModifiedDate?: Date;
}

/** One staged change, as `ds.staged` lists it. */
export interface StagedChange {
  key: string;
  /** `modified`, `added`, `readded` (over a tombstone) or `removed`. */
  state: Exclude<KeyState, 'unchanged'>;
  /** The value to write; undefined for a removal. */
  value?: string;
  /** SyncCount the patch will carry (the base record's, 0 for a new key). */
  baseSyncCount: number;
}

/** One conflicted key: the record it started from, my change, and the server's record now. */
export interface Conflict {
  key: string;
  kind: ConflictKind;
  base?: DatasetRecord;
  /** My value, or undefined for my removal. */
  mine?: string;
  /** The server's current record; undefined when the key (or the dataset) is gone. */
  theirs?: DatasetRecord;
  /** The pick so far, if any. */
  resolution?: Resolution;
}

/** How to settle a conflict: my change, the server's record, or a new value. */
export type Resolution = 'mine' | 'theirs' | { value: string };

export type CommitOutcome =
  /** Written. `records` are the records the server returned (new SyncCounts). */
  | { status: 'committed'; records: DatasetRecord[]; warnings: LimitIssue[]; requests: RequestCounts }
  /** Nothing was sent: resolve every conflict (`resolve`, `resolveAll`), then commit again. */
  | { status: 'conflict'; conflicts: Conflict[]; requests: RequestCounts }
  /** The server moved on, but no key needs a choice: the edits were rebased; commit again. */
  | { status: 'rebased'; requests: RequestCounts }
  /** A limit or a name is broken; nothing was sent. */
  | { status: 'invalid'; issues: LimitIssue[]; requests: RequestCounts }
  /**
   * The dataset was deleted on the server. Call `recreate()` then `commit()` to write the
   * dataset back as you see it, or `reload()` to drop your view and start from the server.
   */
  | { status: 'dataset-deleted'; existsNow: boolean; requests: RequestCounts };

export function toResolution(resolution: Resolution): EngineResolution {
  if (resolution === 'mine' || resolution === 'theirs') return { kind: resolution } as const;
  if (typeof resolution === 'object' && resolution !== null && typeof resolution.value === 'string') {
    return { kind: 'custom', value: resolution.value } as const;
  }
  throw new TypeError(`resolution must be 'mine', 'theirs' or { value: string }, got ${JSON.stringify(resolution)}`);
}

function toDate(date: Date | number | undefined): Date | undefined {
  const ms = toMillis(date);
  return ms === undefined ? undefined : new Date(ms);
}

export function toPublicRecord(r: SyncRecord): DatasetRecord {
  const out: DatasetRecord = { key: r.key, tombstone: !isLive(r), syncCount: r.syncCount };
  if (r.value !== undefined) out.value = r.value;
  const modified = toDate(r.lastModifiedDate);
  if (modified) out.lastModifiedDate = modified;
  if (r.lastModifiedBy !== undefined) out.lastModifiedBy = r.lastModifiedBy;
  const device = toDate(r.deviceLastModifiedDate);
  if (device) out.deviceLastModifiedDate = device;
  return out;
}

export function toPublicConflict(item: ConflictItem, resolution: EngineResolution | undefined): Conflict {
  const out: Conflict = { key: item.key, kind: item.kind };
  if (item.base) out.base = toPublicRecord(item.base);
  if (item.mine.kind === 'replace') out.mine = item.mine.value;
  if (item.theirs) out.theirs = toPublicRecord(item.theirs);
  if (resolution) out.resolution = resolution.kind === 'custom' ? { value: resolution.value } : resolution.kind;
  return out;
}
