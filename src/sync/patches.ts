// Turning the staged overlay into the one RecordPatches batch of a commit.
import { compareKeys, countOf } from './records.js';
import type { Clock, RecordPatchData, StagedEntry, SyncRecord } from './types.js';

/**
 * The RecordPatches for every staged key, sorted by key. SyncCount is the count of the base
 * record the operation started from (0 when the server never had the key, the tombstone's
 * count when re-adding a removed key). A remove carries no Value. Every patch gets the same
 * DeviceLastModifiedDate: the clock's "now".
 */
export function buildPatches(staged: ReadonlyMap<string, StagedEntry>, clock: Clock = () => new Date()): RecordPatchData[] {
  const now = clock();
  const patches: RecordPatchData[] = [];
  for (const key of [...staged.keys()].sort(compareKeys)) {
    const entry = staged.get(key)!;
    const patch: RecordPatchData =
      entry.op.kind === 'replace'
        ? { Op: 'replace', Key: key, Value: entry.op.value, SyncCount: countOf(entry.base), DeviceLastModifiedDate: now }
        : { Op: 'remove', Key: key, SyncCount: countOf(entry.base), DeviceLastModifiedDate: now };
    patches.push(patch);
  }
  return patches;
}

/**
 * What to do with the DatasetSyncCount after a successful UpdateRecords: advance to
 * `listed + 1` only when every returned record carries exactly that count. Anything else
 * (a sync trigger rewrote records, another writer slipped in) means the base must be listed
 * again. An empty reply changes nothing.
 */
export function nextSyncCount(listedCount: number, written: readonly SyncRecord[]): { syncCount: number; relist: boolean } {
  if (written.length === 0) return { syncCount: listedCount, relist: false };
  const expected = listedCount + 1;
  const consistent = written.every((r) => r.syncCount === expected);
  return consistent ? { syncCount: expected, relist: false } : { syncCount: listedCount, relist: true };
}

/** A parsed stale-SyncCount message of UpdateRecords. */
export interface SyncCountConflictMessage {
  key: string;
  serverCount: number;
  sentCount: number;
}

const CONFLICT_MESSAGE = /^Current SyncCount for: (.+) is: (\d+) not: (\d+)$/s;

/**
 * Parses `Current SyncCount for: <key> is: <server> not: <sent>` (409, or the 400 some SDKs
 * decode it as). Returns undefined for any other text.
 */
export function parseSyncCountConflict(message: string | undefined): SyncCountConflictMessage | undefined {
  const match = message === undefined ? null : CONFLICT_MESSAGE.exec(message);
  if (!match) return undefined;
  return { key: match[1]!, serverCount: Number(match[2]), sentCount: Number(match[3]) };
}
