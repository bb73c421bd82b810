// Plain data shared by the sync engine. Nothing here knows the SDK, React or I/O.

/**
 * One record as the server holds it. A record without `value` is a tombstone: the key
 * was removed, but its SyncCount is still needed to write the key again.
 */
export interface SyncRecord {
  readonly key: string;
  /** Absent = tombstone. `""` is a real value. */
  readonly value?: string;
  readonly syncCount: number;
  /** Server time of the last write (a Date, or epoch milliseconds). */
  readonly lastModifiedDate?: Date | number;
  readonly lastModifiedBy?: string;
  readonly deviceLastModifiedDate?: Date | number;
}

/** What the user wants done to one key. */
export type StagedOp = { readonly kind: 'replace'; readonly value: string } | { readonly kind: 'remove' };

/**
 * A staged operation and the server record it started from (undefined when the server
 * never had the key). The patch's SyncCount comes from that record, so a concurrent write
 * is caught by the server instead of being overwritten.
 */
export interface StagedEntry {
  readonly op: StagedOp;
  readonly base: SyncRecord | undefined;
}

/** How a key differs from the server. `readded` = a value staged over a tombstone. */
export type KeyState = 'unchanged' | 'modified' | 'added' | 'readded' | 'removed';

/** The server's view of a dataset, as last listed. */
export interface DatasetBase {
  /** Every record listed, tombstones included. */
  readonly records: ReadonlyMap<string, SyncRecord>;
  /** DatasetSyncCount of the listing that produced this base. */
  readonly syncCount: number;
  /** False when the dataset did not exist (yet, or any more) at that listing. */
  readonly exists: boolean;
}

/**
 * One RecordPatch, shaped like the SDK's `RecordPatch` so it can be sent as is
 * (plain data; this module does not import the SDK).
 */
export interface RecordPatchData {
  Op: 'replace' | 'remove';
  Key: string;
  /** Only with `replace`; a remove carries no Value. */
  Value?: string;
  SyncCount: number;
  DeviceLastModifiedDate: Date;
}

/** A clock, injected so tests can pin time. */
export type Clock = () => Date;
