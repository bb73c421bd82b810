/**
 * The records screen of one dataset as plain data: the sync engine's model (server records
 * + staged edits with undo/redo), listing status, the tombstone toggle, keys that changed
 * on the server at the last refresh, and the open inline editor. The app reducer keeps one
 * of these per dataset location, so staged edits survive going back up and down again.
 */
import {
  countOf,
  createDataset,
  datasetReducer,
  datasetRows,
  mergeRemote,
  type DatasetAction,
  type DatasetState,
  type RemoteListing,
  type SyncRecord,
} from '../../sync/index.js';
import { toMillis } from '../../sync/records.js';
import type { RecordRow } from '../data/rows.js';
import type { TextField } from './text-field.js';

/** `e` edits the value of a key; `a` adds a key (key and value fields, Tab switches). */
export type RecordEditor =
  | { readonly kind: 'edit'; readonly key: string; readonly original: string | undefined; readonly field: TextField }
  | { readonly kind: 'add'; readonly key: TextField; readonly value: TextField; readonly focus: 'key' | 'value' };

export interface RecordsState {
  readonly dataset: DatasetState;
  readonly status: 'loading' | 'loaded' | 'error';
  /** More ListRecords pages to load (lazily, when the selection reaches the end). */
  readonly nextToken?: string;
  readonly showTombstones: boolean;
  /** Keys whose server record changed at the last refresh (`•`, or flagged when staged). */
  readonly changedRemotely: ReadonlySet<string>;
  readonly editor: RecordEditor | null;
  readonly mergedDatasetNames: readonly string[];
  /** Set when a commit found the dataset deleted on the server: the fresh listing, for "re-create". */
  readonly deleted?: RemoteListing;
}

/** A listing as the screen receives it. */
export interface RecordsListing {
  readonly records: readonly SyncRecord[];
  readonly syncCount: number;
  readonly exists: boolean;
  readonly mergedDatasetNames?: readonly string[];
}

export type RecordsAction =
  /** A listing started; `more` for a next page (the rows stay usable). */
  | { type: 'loading'; more?: boolean }
  /** A page of the first listing (`first`) or a later one; `nextToken` when the server has more. */
  | { type: 'page'; listing: RecordsListing; first: boolean; nextToken?: string }
  /** A full listing from 0 (`r`): the base is replaced, staged edits are kept. */
  | { type: 'refreshed'; listing: RecordsListing }
  | { type: 'failed' }
  /** A staging action of the engine (put, remove, undo…); `closeEditor` when it came from the editor. */
  | { type: 'dataset'; action: DatasetAction; closeEditor?: boolean; select?: string }
  /** A state computed elsewhere (after a commit or a conflict analysis). */
  | { type: 'adopt'; dataset: DatasetState; clearFlags?: boolean }
  | { type: 'toggleTombstones' }
  /** `select`: the row to move to, as for `dataset` (a restored edit opens on its own row). */
  | { type: 'editor'; editor: RecordEditor | null; select?: string }
  | { type: 'deleted'; listing: RemoteListing | undefined };

export function emptyRecords(): RecordsState {
  return {
    dataset: createDataset([], 0, false),
    status: 'loading',
    showTombstones: false,
    changedRemotely: new Set(),
    editor: null,
    mergedDatasetNames: [],
  };
}

/** Keys whose record differs (count or presence) between two bases. */
function changedKeys(before: DatasetState, records: readonly SyncRecord[]): Set<string> {
  const changed = new Set<string>();
  const after = new Map(records.map((r) => [r.key, r]));
  for (const [key, record] of after) if (before.base.records.get(key)?.syncCount !== record.syncCount) changed.add(key);
  for (const key of before.base.records.keys()) if (!after.has(key)) changed.add(key);
  return changed;
}

export function recordsReducer(s: RecordsState, a: RecordsAction): RecordsState {
  switch (a.type) {
    case 'loading':
      return a.more ? s : { ...s, status: 'loading' };
    case 'page': {
      const { listing } = a;
      const merged = listing.mergedDatasetNames ?? s.mergedDatasetNames;
      if (a.first) {
        return {
          ...s,
          dataset: createDataset(listing.records, listing.syncCount, listing.exists),
          status: 'loaded',
          nextToken: a.nextToken,
          changedRemotely: new Set(),
          mergedDatasetNames: merged,
        };
      }
      const dataset = mergeRemote(s.dataset, { ...listing, full: false });
      return { ...s, dataset, status: 'loaded', nextToken: a.nextToken, mergedDatasetNames: merged };
    }
    case 'refreshed': {
      const { listing } = a;
      const dataset = mergeRemote(s.dataset, { ...listing, full: true });
      return {
        ...s,
        dataset,
        status: 'loaded',
        nextToken: undefined,
        changedRemotely: changedKeys(s.dataset, listing.records),
        mergedDatasetNames: listing.mergedDatasetNames ?? s.mergedDatasetNames,
      };
    }
    case 'failed':
      return { ...s, status: 'error' };
    case 'dataset': {
      const dataset = datasetReducer(s.dataset, a.action);
      const editor = a.closeEditor ? null : s.editor;
      return dataset === s.dataset && editor === s.editor ? s : { ...s, dataset, editor };
    }
    case 'adopt':
      return { ...s, dataset: a.dataset, changedRemotely: a.clearFlags ? new Set() : s.changedRemotely, deleted: undefined };
    case 'toggleTombstones':
      return { ...s, showTombstones: !s.showTombstones };
    case 'editor':
      return { ...s, editor: a.editor };
    case 'deleted':
      return { ...s, deleted: a.listing };
  }
}

/** Actions that would change what gets written: refused on a read-only connection. */
export function isWriteAction(a: RecordsAction): boolean {
  if (a.type === 'dataset') return a.action.type !== 'load';
  return a.type === 'editor' && a.editor !== null;
}

/**
 * Staged keys whose server record moved since they were staged (seen by a refresh or a
 * commit's listing): the commit will ask about them.
 */
export function driftedKeys(s: RecordsState): Set<string> {
  const out = new Set<string>();
  for (const [key, entry] of s.dataset.staged) {
    if (countOf(entry.base) !== countOf(s.dataset.base.records.get(key))) out.add(key);
  }
  return out;
}

/**
 * The rows of the table, sorted by key. A staged value shows the new value; a staged
 * removal keeps the old value (dimmed by the screen, marked `-`); tombstones only when shown.
 */
export function recordRows(s: RecordsState): RecordRow[] {
  return datasetRows(s.dataset, { tombstones: s.showTombstones }).map((row) => {
    const record = row.record;
    const value = row.state === 'removed' ? record?.value : row.value;
    return {
      kind: 'record',
      id: row.key,
      ...(value === undefined ? {} : { value }),
      syncCount: record?.syncCount ?? 0,
      lastModified: toMillis(record?.lastModifiedDate),
      lastModifiedBy: record?.lastModifiedBy,
    };
  });
}

export interface StagedTally {
  modified: number;
  added: number;
  removed: number;
}

/** `M` / `+` / `-` counts over every dataset with staged edits (the header and the quit question). */
export function stagedTally(all: Readonly<Record<string, RecordsState>>): StagedTally {
  const tally: StagedTally = { modified: 0, added: 0, removed: 0 };
  for (const records of Object.values(all)) {
    for (const entry of records.dataset.staged.values()) {
      if (entry.op.kind === 'remove') tally.removed++;
      else if (entry.base?.value !== undefined) tally.modified++;
      else tally.added++;
    }
  }
  return tally;
}

/** The one-character marker of a row: `M` `+` `-` staged, `•` changed on the server at the last refresh. */
export function markerOf(s: RecordsState, key: string): string {
  const entry = s.dataset.staged.get(key);
  if (entry) return entry.op.kind === 'remove' ? '-' : entry.base?.value !== undefined ? 'M' : '+';
  return s.changedRemotely.has(key) ? '•' : ' ';
}
