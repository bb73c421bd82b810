// Commits what is staged on a SyncDataset as one batch, with a conflict policy: `fail`
// reports the keys someone else changed and writes nothing; `mine` writes ours at the
// server's current SyncCount; `theirs` keeps the server's record. A rebase (the server
// moved on without touching our keys) is retried; so is a race, a few times.
import { SyncValidationError, type Conflict, type DatasetRecord, type LimitIssue, type SyncDataset } from '../../lib/sync.js';
import { CommandError, ExitCode } from '../errors.js';

export const CONFLICT_POLICIES = ['fail', 'mine', 'theirs'] as const;
export type ConflictPolicy = (typeof CONFLICT_POLICIES)[number];

export type CommitReport =
  | { status: 'committed'; records: DatasetRecord[]; warnings: LimitIssue[]; kept: string[] }
  | { status: 'conflict'; conflicts: Conflict[] }
  | { status: 'dataset-deleted'; existsNow: boolean }
  | { status: 'nothing'; kept: string[] };

const MAX_ROUNDS = 4;

export interface CommitOptions {
  /**
   * What `mine` writes over a dataset deleted meanwhile: `dataset` (default) every key
   * that was live, as the editor's re-create does (import and copy: the target as planned);
   * `staged` only the staged changes over the server's fresh state (set and rm: the keys
   * named on the command line, so `rm` brings nothing back).
   */
  recreate?: 'dataset' | 'staged';
}

export async function commitStaged(ds: SyncDataset, policy: ConflictPolicy, options: CommitOptions = {}): Promise<CommitReport> {
  // Keys whose change `theirs` dropped because another device wrote them meanwhile.
  const kept = new Set<string>();
  const keptKeys = () => [...kept].filter((key) => !ds.staged.some((c) => c.key === key)).sort();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (ds.staged.length === 0 && ds.conflicts.length === 0) return { status: 'nothing', kept: keptKeys() };
    const sent = ds.staged;
    const outcome = await ds.commit();
    switch (outcome.status) {
      case 'committed':
        if (outcome.records.length === 0 && kept.size > 0) return { status: 'nothing', kept: keptKeys() };
        return { status: 'committed', records: outcome.records, warnings: outcome.warnings, kept: keptKeys() };
      case 'rebased':
        continue;
      case 'conflict':
        if (policy === 'fail') return { status: 'conflict', conflicts: outcome.conflicts };
        if (policy === 'theirs') for (const c of outcome.conflicts) kept.add(c.key);
        ds.resolveAll(policy);
        continue;
      case 'invalid':
        throw new SyncValidationError(outcome.issues);
      case 'dataset-deleted':
        // Writing ours back over a deleted dataset is what `mine` means; otherwise say so.
        if (policy !== 'mine') return { status: 'dataset-deleted', existsNow: outcome.existsNow };
        if (options.recreate === 'staged') {
          await ds.reload();
          // A removal of a key the fresh listing does not hold stages nothing.
          for (const change of sent) {
            if (change.state === 'removed') ds.remove(change.key);
            else ds.put(change.key, change.value ?? '');
          }
        } else {
          ds.recreate();
        }
        continue;
    }
  }
  throw new CommandError('the dataset kept changing on the server while committing; stopped after 4 attempts. Try again.', ExitCode.Conflict);
}
