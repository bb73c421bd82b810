// Restoring a draft into a dataset the editor has just listed: the saved edits are staged
// again through the pure engine, then classified against the server's CURRENT records, so
// a key someone changed since the draft was saved comes back as a conflict for the dialog
// instead of silently overwriting their write.
import { analyzeConflicts, withStaged, type ConflictSet, type DatasetState } from '../sync/index.js';
import { stagedFromOps, type LoadedDraft } from './draft-format.js';

export interface RestoredDraft {
  /** The dataset with the draft staged (one undo step), `same` keys dropped, clean keys rebased. */
  state: DatasetState;
  /** Keys changed on the server since the draft; empty when none. */
  conflicts: ConflictSet;
  /** Staged again as they were. */
  clean: readonly string[];
  /** The server already holds what the draft wanted: nothing left to do for them. */
  same: readonly string[];
}

/**
 * `current` is the freshly listed dataset; anything it has staged is replaced by the draft
 * (the editor asks before restoring, so there is nothing staged yet).
 */
export function restoreDraft(draft: Pick<LoadedDraft, 'ops'>, current: DatasetState): RestoredDraft {
  const staged = withStaged(current, stagedFromOps(draft.ops));
  const analysis = analyzeConflicts(staged);
  return { state: analysis.state, conflicts: analysis.conflicts, clean: analysis.clean, same: analysis.same };
}
