// Small record helpers. The one rule that matters: "" ≠ tombstone ≠ absent.
import type { StagedOp, SyncRecord } from './types.js';

/** A record without a value: removed, but its SyncCount is kept by the server. */
export function isTombstone(record: SyncRecord | undefined): boolean {
  return record !== undefined && record.value === undefined;
}

/** A record that holds a value (`""` included). */
export function isLive(record: SyncRecord | undefined): record is SyncRecord & { value: string } {
  return record !== undefined && record.value !== undefined;
}

/** The SyncCount a patch for this key must carry: the record's, or 0 when the server never had the key. */
export function countOf(record: SyncRecord | undefined): number {
  return record?.syncCount ?? 0;
}

/**
 * Whether applying `op` to `record` would leave the key's content as it is: replacing a
 * live value with the same string, or removing a key that is not live (a tombstone or a
 * key the server never had). A replace over a tombstone or an absent key always changes
 * something, even with `""`.
 */
export function opMatchesRecord(op: StagedOp, record: SyncRecord | undefined): boolean {
  if (op.kind === 'remove') return !isLive(record);
  return isLive(record) && record.value === op.value;
}

/** Two ops with the same effect. */
export function sameOp(a: StagedOp, b: StagedOp): boolean {
  if (a.kind !== b.kind) return false;
  return a.kind === 'remove' || a.value === (b as { value: string }).value;
}

/** Orders keys by UTF-16 code units, as the server does. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Number of UTF-8 bytes of a string (what the dataset size limit counts). */
export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Epoch milliseconds of a date field, whichever form it came in. */
export function toMillis(date: Date | number | undefined): number | undefined {
  if (date === undefined) return undefined;
  return typeof date === 'number' ? date : date.getTime();
}
