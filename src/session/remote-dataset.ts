// The commit protocol of SERVICE.md §5.2 over a real CognitoSyncClient: list, classify,
// send ONE UpdateRecords, fold the reply in. The pure decisions live in src/sync/; this
// file only sequences requests. The caller's DatasetState is never changed: a result
// carries a new state to adopt, and on any thrown error the staged edits are exactly as
// they were.
import { UpdateRecordsCommand, type CognitoSyncClient, type RecordPatch, type UpdateRecordsCommandOutput, type _Record } from '@aws-sdk/client-cognito-sync';
import { CogsyncError, listAllRecords, toCogsyncError, type RecordListing } from '../aws/index.js';
import {
  afterCommit,
  analyzeConflicts,
  buildPatches,
  checkBatch,
  checkDatasetAddress,
  createDataset,
  mergeRemote,
  nextSyncCount,
  parseSyncCountConflict,
  type Clock,
  type ConflictSet,
  type DatasetState,
  type LimitIssue,
  type RemoteListing,
  type SyncRecord,
} from '../sync/index.js';
import { withoutRetries } from './send-once.js';

export interface DatasetAddress {
  identityPoolId: string;
  identityId: string;
  datasetName: string;
}

/** Requests a commit made, for the caller and the bench. */
export interface RequestCounts {
  /** ListRecords calls (one per page). */
  listPages: number;
  /** UpdateRecords calls: 1 on the normal path, 2 only after a token error. */
  updates: number;
}

/** A full or delta listing, in the engine's terms. */
export interface Listing extends RemoteListing {
  /** Token of the last page: the one to send with UpdateRecords. */
  readonly token: string | undefined;
  readonly deletedAfter: boolean;
  readonly mergedDatasetNames: readonly string[];
}

export interface CommitOptions {
  /** DeviceLastModifiedDate of the patches; injected for tests. */
  clock?: Clock;
  /** Sent as the body's DeviceId (LastModifiedBy on the server); none by default. */
  deviceId?: string;
  /** ListRecords page size (the server caps it at 1,024). */
  pageSize?: number;
}

export type CommitResult =
  /** Written; `state` has the returned records as base and nothing staged. */
  | {
      status: 'committed';
      state: DatasetState;
      written: SyncRecord[];
      warnings: LimitIssue[];
      requests: RequestCounts;
      /** x-amzn-RequestId of the UpdateRecords that wrote the batch (none when nothing had to be sent). */
      requestId?: string;
      /**
       * The dataset's SyncCount the batch was sent against (the server's, after the listing that came first) and the
       * one it wrote; equal when nothing was sent. The staged state's own base may be older.
       */
      syncCounts: { before: number; after: number };
    }
  /** Keys changed on the server to other values; nothing was sent. Adopt `state`, resolve, commit again. */
  | { status: 'conflict'; state: DatasetState; conflicts: ConflictSet; requests: RequestCounts }
  /**
   * The server refused the batch with a stale SyncCount, but after listing again every
   * staged key turned out clean or already converged: `state` is rebased, commit again.
   */
  | { status: 'rebased'; state: DatasetState; requests: RequestCounts }
  /** A limit or a name is broken; nothing was sent after finding it. The caller's state stands. */
  | { status: 'invalid'; issues: LimitIssue[]; requests: RequestCounts }
  /**
   * The dataset was deleted on the server since the base was listed (and maybe re-created).
   * Nothing was sent. `fresh` is the listing from 0: discard (adopt it) or re-create.
   */
  | { status: 'dataset-deleted'; fresh: Listing; existsNow: boolean; requests: RequestCounts };

/** A failure that is not a conflict; the staged edits are untouched. */
export class CommitError extends CogsyncError {
  constructor(
    cause: CogsyncError,
    readonly requests: RequestCounts,
  ) {
    super(cause.toJSON(), { cause });
    this.name = 'CommitError';
  }
}

/** Converts an SDK record; a missing Value is a tombstone (never read back as ""). */
export function fromSdkRecord(r: _Record): SyncRecord {
  // Plain assignments, not conditional spreads: this runs for every record of every listing
  // (1,024 at the limits), most often on code V8 has not optimised yet.
  const key = r.Key ?? '';
  const syncCount = r.SyncCount ?? 0;
  const record: { -readonly [K in keyof SyncRecord]: SyncRecord[K] } =
    r.Value === undefined || r.Value === null ? { key, syncCount } : { key, value: r.Value, syncCount };
  if (r.LastModifiedDate) record.lastModifiedDate = r.LastModifiedDate;
  if (r.LastModifiedBy) record.lastModifiedBy = r.LastModifiedBy;
  if (r.DeviceLastModifiedDate) record.deviceLastModifiedDate = r.DeviceLastModifiedDate;
  return record;
}

/**
 * One UpdateRecords of `patches`, never retried by the SDK: a retry after a lost reply
 * would be refused as stale, and the caller decides what a failure means.
 */
export function sendPatches(
  client: CognitoSyncClient,
  address: DatasetAddress,
  token: string | undefined,
  patches: RecordPatch[],
  deviceId?: string,
): Promise<UpdateRecordsCommandOutput> {
  return client.send(
    withoutRetries(
      new UpdateRecordsCommand({
        IdentityPoolId: address.identityPoolId,
        IdentityId: address.identityId,
        DatasetName: address.datasetName,
        SyncSessionToken: token,
        RecordPatches: patches,
        ...(deviceId ? { DeviceId: deviceId } : {}),
      }),
    ),
  );
}

/**
 * ListRecords from `since`, following every NextToken. `since` 0 gives a full listing
 * (tombstones included); anything else gives the changes after that count.
 */
export async function listSince(
  client: CognitoSyncClient,
  address: DatasetAddress,
  since: number,
  requests: RequestCounts,
  pageSize?: number,
): Promise<Listing> {
  let raw: RecordListing;
  try {
    raw = await listAllRecords(
      client,
      { IdentityPoolId: address.identityPoolId, IdentityId: address.identityId, DatasetName: address.datasetName, LastSyncCount: since },
      pageSize === undefined ? {} : { pageSize },
    );
  } catch (error) {
    // A failed page still went out; count what we can see (at least the failing call).
    requests.listPages++;
    throw error;
  }
  requests.listPages += raw.pages;
  return {
    records: raw.records.map(fromSdkRecord),
    syncCount: raw.datasetSyncCount,
    exists: raw.datasetExists,
    full: since === 0,
    token: raw.syncSessionToken,
    deletedAfter: raw.datasetDeletedAfterRequestedSyncCount,
    mergedDatasetNames: raw.mergedDatasetNames,
  };
}

/** Lists the whole dataset (from 0) and builds a model with nothing staged. */
export async function openRemoteDataset(
  client: CognitoSyncClient,
  address: DatasetAddress,
  options: { pageSize?: number } = {},
): Promise<{ state: DatasetState; listing: Listing; requests: RequestCounts }> {
  const requests: RequestCounts = { listPages: 0, updates: 0 };
  const listing = await listSince(client, address, 0, requests, options.pageSize);
  return { state: createDataset(listing.records, listing.syncCount, listing.exists), listing, requests };
}

/**
 * Commits the staged overlay as ONE UpdateRecords (SERVICE.md §5.2):
 * 1. check names and limits on the dataset as it would be → `invalid`, nothing sent;
 * 2. ListRecords from the base count (every page) for a fresh token and remote changes
 *    (`No such SyncCount` → list from 0); a dataset deleted since → `dataset-deleted`;
 * 3. classify: converged keys dropped, unchanged ones kept, changed ones → `conflict`,
 *    nothing sent;
 * 4. one UpdateRecords, retries off for this call;
 * 5. success → the returned records become the base; the count advances only when every
 *    returned SyncCount is listed + 1, else the changes are listed again;
 *    409 (or the 400 variant) → list from 0 and report `conflict` (or `rebased`), never
 *    resend; a session-token error → list again and send once more, at most once.
 */
export async function commitDataset(
  client: CognitoSyncClient,
  address: DatasetAddress,
  state: DatasetState,
  options: CommitOptions = {},
): Promise<CommitResult> {
  const requests: RequestCounts = { listPages: 0, updates: 0 };
  try {
    return await commitSteps(client, address, state, options, requests);
  } catch (error) {
    throw new CommitError(toCogsyncError(error), requests);
  }
}

async function commitSteps(
  client: CognitoSyncClient,
  address: DatasetAddress,
  original: DatasetState,
  options: CommitOptions,
  requests: RequestCounts,
): Promise<CommitResult> {
  const addressIssues = checkDatasetAddress(address);
  if (addressIssues.length > 0) return { status: 'invalid', issues: addressIssues, requests };
  const unchanged = (count: number) => ({ before: count, after: count });
  if (original.staged.size === 0) return { status: 'committed', state: original, written: [], warnings: [], requests, syncCounts: unchanged(original.base.syncCount) };
  const before = checkBatch(original.base, original.staged);
  if (before.errors.length > 0) return { status: 'invalid', issues: [...before.errors], requests };

  let state = original;
  let listing = await listChanges(client, address, state.base.syncCount, requests, options.pageSize);
  if (state.base.exists && (!listing.exists || listing.deletedAfter)) {
    const fresh = listing.full ? listing : await listSince(client, address, 0, requests, options.pageSize);
    return { status: 'dataset-deleted', fresh, existsNow: fresh.exists, requests };
  }

  for (let tokenRetry = 0; ; tokenRetry++) {
    const analysis = analyzeConflicts(mergeRemote(state, listing));
    state = analysis.state;
    if (analysis.conflicts.items.length > 0) return { status: 'conflict', state, conflicts: analysis.conflicts, requests };
    const report = checkBatch(state.base, state.staged);
    if (report.errors.length > 0) return { status: 'invalid', issues: [...report.errors], requests };
    if (state.staged.size === 0) {
      // Everything staged had already reached the server: nothing to send.
      return { status: 'committed', state: { ...state, undoStack: [], redoStack: [] }, written: [], warnings: [], requests, syncCounts: unchanged(state.base.syncCount) };
    }

    const patches = buildPatches(state.staged, options.clock);
    let written: SyncRecord[];
    let requestId: string | undefined;
    try {
      requests.updates++;
      const out = await sendPatches(client, address, listing.token, patches, options.deviceId);
      written = (out.Records ?? []).map(fromSdkRecord);
      requestId = out.$metadata.requestId;
    } catch (raw) {
      const error = toCogsyncError(raw, { operation: 'UpdateRecords' });
      if (isStaleSyncCount(error)) {
        // The message names one key only: list everything and compare every staged key.
        const fresh = await listSince(client, address, 0, requests, options.pageSize);
        if (state.base.exists && !fresh.exists) return { status: 'dataset-deleted', fresh, existsNow: false, requests };
        const again = analyzeConflicts(mergeRemote(state, fresh));
        if (again.conflicts.items.length > 0) return { status: 'conflict', state: again.state, conflicts: again.conflicts, requests };
        return { status: 'rebased', state: again.state, requests };
      }
      if (isSessionTokenError(error) && tokenRetry === 0) {
        // Nothing was written: list again for a live token (and any new changes), send once more.
        listing = await listChanges(client, address, state.base.syncCount, requests, options.pageSize);
        continue;
      }
      if (isLostAnswer(error)) {
        // Never resent here: the batch may be on the server. The next commit lists first and
        // drops keys that already hold the staged values, so nothing is written twice.
        throw new CogsyncError({ ...error.toJSON(), hint: LOST_ANSWER_HINT }, { cause: raw });
      }
      throw error;
    }

    const listed = listing.syncCount;
    const { syncCount, relist } = nextSyncCount(listed, written);
    let committed = afterCommit(state, written, syncCount);
    if (relist) {
      // A sync trigger or another writer moved the count: take its changes in.
      const changes = await listSince(client, address, listed, requests, options.pageSize);
      committed = { ...committed, base: mergeRemote(committed, changes).base };
    }
    return {
      status: 'committed', state: committed, written, warnings: [...report.warnings], requests, ...(requestId ? { requestId } : {}),
      syncCounts: writtenCounts(written, listed),
    };
  }
}

/**
 * The dataset's count before and after a batch, from the records it wrote: an UpdateRecords raises the count by
 * one and gives every record it writes the new count. The listing's count is older when another writer got in
 * between the listing and the batch.
 */
function writtenCounts(written: readonly SyncRecord[], listed: number): { before: number; after: number } {
  if (written.length === 0) return { before: listed, after: listed };
  const after = Math.max(...written.map((r) => r.syncCount));
  return { before: after - 1, after };
}

/** ListRecords from the base count; a count the server does not know → list from 0. */
async function listChanges(
  client: CognitoSyncClient,
  address: DatasetAddress,
  since: number,
  requests: RequestCounts,
  pageSize?: number,
): Promise<Listing> {
  try {
    return await listSince(client, address, since, requests, pageSize);
  } catch (raw) {
    const error = toCogsyncError(raw);
    if (since > 0 && error.code === 'InvalidParameterException' && /^No such SyncCount/.test(error.message)) {
      return listSince(client, address, 0, requests, pageSize);
    }
    throw error;
  }
}

const LOST_ANSWER_HINT =
  'the batch may have been written before the answer was lost: commit again (keys already on the server with these values are recognised and not written twice)';

/** The connection dropped or timed out after UpdateRecords went out (not: could not connect). */
function isLostAnswer(error: CogsyncError): boolean {
  return error.code === 'EndpointUnreachable' && !/^cannot reach /.test(error.message);
}

/** 409, or the 400 some SDKs turn it into (SERVICE.md §5.2 step 5). */
export function isStaleSyncCount(error: { code: string; message: string }): boolean {
  if (error.code === 'ResourceConflictException') return true;
  return error.code === 'InvalidParameterException' && parseSyncCountConflict(error.message) !== undefined;
}

export function isSessionTokenError(error: { code: string; message: string }): boolean {
  return error.code === 'InvalidParameterException' && /^SyncSessionToken /.test(error.message);
}
