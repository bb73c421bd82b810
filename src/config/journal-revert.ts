// Reverting a journal entry: the inverse of each change, as staged edits for the pure
// engine, so it goes through the usual review → one-batch commit (never a direct write).
import { opMatchesRecord, stageEdits, type DatasetState, type StageEdit, type StagedOp, type SyncRecord } from '../sync/index.js';
import type { JournalEntry } from './journal.js';

export interface InversePlan {
  /** Edits that put every key back as it was before the entry. */
  edits: StageEdit[];
  /** Keys written again after the entry (their SyncCount moved on): reverting also undoes those later writes. */
  changedSince: string[];
  /** Keys already as they were before the entry: nothing to stage. */
  alreadyReverted: string[];
}

/**
 * The inverse of an entry against the server's current records: an old value is written
 * back; a key the entry added (or wrote over a tombstone) is removed.
 */
export function inversePatches(entry: JournalEntry, currentRecords: ReadonlyMap<string, SyncRecord>): InversePlan {
  const edits: StageEdit[] = [];
  const changedSince: string[] = [];
  const alreadyReverted: string[] = [];
  for (const change of entry.changes) {
    const op: StagedOp = change.before?.value === undefined ? { kind: 'remove' } : { kind: 'replace', value: change.before.value };
    const current = currentRecords.get(change.key);
    if (opMatchesRecord(op, current)) {
      alreadyReverted.push(change.key);
      continue;
    }
    if ((current?.syncCount ?? 0) !== change.after.syncCount) changedSince.push(change.key);
    edits.push({ key: change.key, op });
  }
  return { edits, changedSince, alreadyReverted };
}

/** Stages the inverse of an entry as ONE undo step. */
export function stageInverse(entry: JournalEntry, state: DatasetState): { state: DatasetState; plan: InversePlan } {
  const plan = inversePatches(entry, state.base.records);
  return { state: stageEdits(state, plan.edits), plan };
}
