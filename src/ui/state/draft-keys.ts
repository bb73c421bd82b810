/**
 * Between the editor's state and the drafts on disk: which dataset a records location is,
 * and which datasets' staged edits changed between two states (those get saved).
 */
import type { DraftAddress } from '../../config/draft-format.js';
import type { RecordsState } from './records.js';

/**
 * `records|<connection>|<pool>|<identity>|<dataset>` → its draft address. Pool, identity and
 * dataset names never hold `|` (their patterns exclude it); a connection name may, so it
 * is everything before them.
 */
export function draftAddressOfKey(recordsKey: string): DraftAddress | undefined {
  const parts = recordsKey.split('|');
  if (parts[0] !== 'records' || parts.length < 5) return undefined;
  const [identityPoolId, identityId, datasetName] = parts.slice(-3);
  return { connection: parts.slice(1, -3).join('|'), identityPoolId, identityId, datasetName };
}

/**
 * Datasets whose staged edits differ between two snapshots of `state.records`. A dataset
 * that had nothing staged and still has nothing is left out, so listing a dataset (which
 * builds a fresh, empty staged map) never touches a draft waiting to be restored.
 */
export function changedDrafts(
  before: Readonly<Record<string, RecordsState>>,
  after: Readonly<Record<string, RecordsState>>,
): string[] {
  const keys: string[] = [];
  for (const [key, next] of Object.entries(after)) {
    const prev = before[key]?.dataset.staged;
    const staged = next.dataset.staged;
    if (prev === staged) continue;
    if ((prev?.size ?? 0) === 0 && staged.size === 0) continue;
    keys.push(key);
  }
  return keys;
}
