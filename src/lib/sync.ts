/**
 * `cogsync/sync`: edit one Amazon Cognito Sync dataset safely from a script.
 *
 * ```ts
 * import { openDataset } from 'cogsync/sync';
 * const ds = await openDataset({ client, identityPoolId, identityId, datasetName });
 * ds.put('score', '120'); ds.remove('old');
 * const r = await ds.commit();
 * if (r.status === 'conflict') {
 *   for (const c of r.conflicts) ds.resolve(c.key, 'mine');   // or 'theirs', or { value }
 *   await ds.commit();
 * }
 * ```
 *
 * Every commit is ONE UpdateRecords (retries off for that call) preceded by a ListRecords
 * from the last seen count; a key someone else changed is never overwritten without a
 * resolution. Staged edits survive every error.
 *
 * @module
 */
import type { CognitoSyncClient } from '@aws-sdk/client-cognito-sync';
import {
  assertNoErrors,
  canRedo,
  canUndo,
  checkDatasetAddress,
  checkKey,
  checkValue,
  compareKeys,
  datasetRows,
  discardAll,
  effectiveValue,
  createDataset,
  newConflictSet,
  isFullyResolved,
  recreateDataset,
  redo,
  resolveAll,
  resolveConflict,
  resolvedEntry,
  unresolvedKeys,
  withStaged,
  stagePut,
  stageRemove,
  undo,
  unstage,
  type Clock,
  type ConflictSet,
  type DatasetState,
  type StagedEntry,
} from '../sync/index.js';
import { commitDataset, listSince, type Listing, type RequestCounts } from '../session/remote-dataset.js';
import { toPublicConflict, toPublicRecord, toResolution, type CommitOutcome, type Conflict, type DatasetRecord, type Resolution, type StagedChange } from './sync-public.js';

export { SyncValidationError, type LimitIssue, type KeyState, type ConflictKind } from '../sync/index.js';
export { CommitError, type RequestCounts } from '../session/remote-dataset.js';
export type { CommitOutcome, Conflict, DatasetRecord, Resolution, StagedChange } from './sync-public.js';

/** Where the dataset lives and how to reach it. */
export interface OpenDatasetOptions {
  /** An AWS SDK v3 CognitoSyncClient (AWS, or `cogsync serve` via `endpoint`). */
  client: CognitoSyncClient;
  identityPoolId: string;
  identityId: string;
  datasetName: string;
  /** Sent as DeviceId with each commit (the server's LastModifiedBy). None by default. */
  deviceId?: string;
  /** Clock for DeviceLastModifiedDate; `() => new Date()` by default. */
  clock?: Clock;
  /** ListRecords page size (1–1,024; the server's maximum by default). */
  pageSize?: number;
}

const NO_REQUESTS = (): RequestCounts => ({ listPages: 0, updates: 0 });

/**
 * Lists the dataset (every page, tombstones included) and returns an editor for it.
 * A dataset that does not exist yet opens empty; the first commit creates it.
 * @throws SyncValidationError when an id or the dataset name is malformed (nothing sent).
 */
export async function openDataset(options: OpenDatasetOptions): Promise<SyncDataset> {
  const { identityPoolId, identityId, datasetName } = options;
  assertNoErrors(checkDatasetAddress({ identityPoolId, identityId, datasetName }));
  const listing = await listSince(options.client, { identityPoolId, identityId, datasetName }, 0, NO_REQUESTS(), options.pageSize);
  return new SyncDataset(options, createDataset(listing.records, listing.syncCount, listing.exists));
}

/** One dataset: the server's records, your staged edits with undo, and commit. */
export class SyncDataset {
  #state: DatasetState;
  #conflicts: ConflictSet = newConflictSet([]);
  /** Per pick: the conflict set and the affected staged entries before it (undoResolve). */
  #pickHistory: Array<{ conflicts: ConflictSet; entries: Map<string, StagedEntry | undefined> }> = [];
  #deleted: Listing | undefined;
  #busy = false;
  readonly #options: OpenDatasetOptions;

  /** Use {@link openDataset}. */
  constructor(options: OpenDatasetOptions, state: DatasetState) {
    this.#options = options;
    this.#state = state;
  }

  /** The server's records as last listed, sorted by key; tombstones included and flagged. */
  get records(): DatasetRecord[] {
    return [...this.#state.base.records.values()].sort((a, b) => compareKeys(a.key, b.key)).map(toPublicRecord);
  }

  /** DatasetSyncCount of the last listing or commit. */
  get syncCount(): number {
    return this.#state.base.syncCount;
  }

  /** Whether the dataset existed on the server at the last listing. */
  get exists(): boolean {
    return this.#state.base.exists;
  }

  /** Staged changes, sorted by key. */
  get staged(): StagedChange[] {
    return datasetRows(this.#state)
      .filter((row) => row.staged !== undefined)
      .map((row) => ({
        key: row.key,
        state: row.state as StagedChange['state'],
        ...(row.value === undefined ? {} : { value: row.value }),
        baseSyncCount: row.staged!.base?.syncCount ?? 0,
      }));
  }

  /** The value `key` will have after the commit (staged or server); undefined when not live. */
  get(key: string): string | undefined {
    return effectiveValue(this.#state, key);
  }

  /**
   * Stages a value (`""` included). Putting the server's own value unstages the key.
   * @throws SyncValidationError for an empty key, a key over 1,024 or a value over 1,048,575 UTF-16 units.
   */
  put(key: string, value: string): this {
    this.#idle();
    assertNoErrors([...checkKey(key), ...checkValue(key, value)]);
    this.#state = stagePut(this.#state, key, value);
    return this;
  }

  /** Stages a removal. Removing a key that is not live does nothing. */
  remove(key: string): this {
    this.#idle();
    assertNoErrors(checkKey(key));
    this.#state = stageRemove(this.#state, key);
    return this;
  }

  /** Drops the staged change of one key. */
  unstage(key: string): this {
    this.#idle();
    this.#state = unstage(this.#state, [key]);
    return this;
  }

  /** Drops every staged change (one undo step). */
  discard(): this {
    this.#idle();
    this.#state = discardAll(this.#state);
    return this;
  }

  /** Undoes the last staging action (put, remove, unstage, discard, applied resolutions). */
  undo(): boolean {
    this.#idle();
    if (!canUndo(this.#state)) return false;
    this.#state = undo(this.#state);
    return true;
  }

  redo(): boolean {
    this.#idle();
    if (!canRedo(this.#state)) return false;
    this.#state = redo(this.#state);
    return true;
  }

  /** Conflicts left by the last commit, with the picks made so far. */
  get conflicts(): Conflict[] {
    const set = this.#conflicts;
    return set.items.map((item) => toPublicConflict(item, set.resolutions.get(item.key)));
  }

  /**
   * Settles one conflict, at once: `mine` stages my change at the server's CURRENT
   * SyncCount for the key; `theirs` drops my change (the key shows the server's value);
   * `{ value }` stages that value at the current count. Later edits of the key build on
   * the pick.
   * @throws Error for a key without a conflict; SyncValidationError for an over-long value.
   */
  resolve(key: string, resolution: Resolution): this {
    this.#idle();
    this.#pick(resolveConflict(this.#conflicts, key, toResolution(resolution)), [key]);
    return this;
  }

  /** Settles every conflict the same way (one undo step). */
  resolveAll(kind: 'mine' | 'theirs'): this {
    this.#idle();
    this.#pick(resolveAll(this.#conflicts, kind), this.#conflicts.items.map((i) => i.key));
    return this;
  }

  /** Undoes the last `resolve`/`resolveAll`: the pick and what it staged. Returns false when there is none. */
  undoResolve(): boolean {
    this.#idle();
    const last = this.#pickHistory.pop();
    if (!last) return false;
    const staged = new Map(this.#state.staged);
    for (const [key, entry] of last.entries) {
      if (entry) staged.set(key, entry);
      else staged.delete(key);
    }
    this.#state = withStaged(this.#state, staged);
    this.#conflicts = last.conflicts;
    return true;
  }

  /**
   * Stages what the picks for `keys` leave. "Mine" is the operation staged now, or the one
   * the conflict was reported with if a pick of "theirs" dropped it meanwhile.
   */
  #pick(next: ConflictSet, keys: string[]): void {
    const staged = new Map(this.#state.staged);
    const before = new Map<string, StagedEntry | undefined>();
    for (const key of keys) {
      const item = next.items.find((i) => i.key === key)!;
      const current = staged.get(key);
      before.set(key, current);
      const entry = resolvedEntry(item, next.resolutions.get(key)!, current?.op ?? item.mine);
      if (entry) staged.set(key, entry);
      else staged.delete(key);
    }
    this.#pickHistory.push({ conflicts: this.#conflicts, entries: before });
    this.#conflicts = next;
    this.#state = withStaged(this.#state, staged);
  }

  /**
   * Sends every staged change as one batch. While any conflict is unresolved, nothing is
   * sent and `conflict` is returned again with the unresolved ones.
   * @throws CommitError on any other failure (network, access…); staged edits are kept.
   */
  async commit(): Promise<CommitOutcome> {
    this.#idle();
    if (!isFullyResolved(this.#conflicts)) {
      const open = new Set(unresolvedKeys(this.#conflicts));
      return { status: 'conflict', conflicts: this.conflicts.filter((c) => open.has(c.key)), requests: NO_REQUESTS() };
    }
    // Picks are already staged; the listing before sending re-checks every key.
    this.#clearConflicts();
    this.#busy = true;
    try {
      const { client, identityPoolId, identityId, datasetName, clock, deviceId, pageSize } = this.#options;
      const result = await commitDataset(client, { identityPoolId, identityId, datasetName }, this.#state, { clock, deviceId, pageSize });
      switch (result.status) {
        case 'committed':
          this.#state = result.state;
          this.#deleted = undefined;
          return { status: 'committed', records: result.written.map(toPublicRecord), warnings: result.warnings, requests: result.requests };
        case 'conflict':
          this.#state = result.state;
          this.#conflicts = result.conflicts;
          this.#pickHistory = [];
          return { status: 'conflict', conflicts: this.conflicts, requests: result.requests };
        case 'rebased':
          this.#state = result.state;
          return { status: 'rebased', requests: result.requests };
        case 'invalid':
          return { status: 'invalid', issues: result.issues, requests: result.requests };
        case 'dataset-deleted':
          this.#deleted = result.fresh;
          return { status: 'dataset-deleted', existsNow: result.existsNow, requests: result.requests };
      }
    } finally {
      this.#busy = false;
    }
  }

  /**
   * After `dataset-deleted`: stage every key you see as live as a new write (SyncCount 0),
   * over the server's fresh state. Commit to write the dataset back.
   */
  recreate(): this {
    this.#idle();
    if (!this.#deleted) throw new Error('recreate() is only for a dataset the last commit found deleted');
    this.#state = recreateDataset(this.#state, this.#deleted);
    this.#clearConflicts();
    this.#deleted = undefined;
    return this;
  }

  /** Lists the dataset again from 0 and drops every staged change and conflict. */
  async reload(): Promise<void> {
    this.#idle();
    this.#busy = true;
    try {
      const { client, identityPoolId, identityId, datasetName, pageSize } = this.#options;
      const listing = await listSince(client, { identityPoolId, identityId, datasetName }, 0, NO_REQUESTS(), pageSize);
      this.#state = createDataset(listing.records, listing.syncCount, listing.exists);
      this.#clearConflicts();
      this.#deleted = undefined;
    } finally {
      this.#busy = false;
    }
  }

  /** The engine's immutable state (for tools built on `src/sync`). */
  get state(): DatasetState {
    return this.#state;
  }

  #clearConflicts(): void {
    this.#conflicts = newConflictSet([]);
    this.#pickHistory = [];
  }

  #idle(): void {
    if (this.#busy) throw new Error('A commit or reload is in progress; wait for it before changing the dataset');
  }
}
