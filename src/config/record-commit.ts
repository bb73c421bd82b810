// What happens on disk after a successful commit: the batch goes into the journal and the
// dataset's draft is removed (its edits are on the server now).
import type { CommitResult } from '../session/remote-dataset.js';
import type { DatasetState } from '../sync/index.js';
import type { DraftStore } from './drafts.js';
import { journalEntryFromCommit, type CommitContext, type Journal, type JournalEntry } from './journal.js';

/**
 * `sent` is the state handed to commitDataset. Returns the journal entry, or undefined when
 * nothing was written (every staged key had already reached the server).
 */
export function recordCommit(
  stores: { journal: Journal; drafts?: DraftStore },
  context: CommitContext,
  sent: DatasetState,
  result: Extract<CommitResult, { status: 'committed' }>,
  time: Date = new Date(),
): JournalEntry | undefined {
  stores.drafts?.clear({ connection: context.connection, identityPoolId: context.identityPoolId, identityId: context.identityId, datasetName: context.datasetName });
  if (result.written.length === 0) return undefined;
  const entry = journalEntryFromCommit(
    context,
    sent.staged,
    result.written,
    result.syncCounts,
    result.requestId,
    time,
  );
  stores.journal.append(entry);
  return entry;
}
