// The dataset model: the server's records (base) plus a staged overlay, with undo/redo.
// Every function takes a state and returns a new one (the old one is never changed), so
// the UI can keep it in a React reducer and the library can wrap it in a class.
import { compareKeys, isLive, isTombstone, opMatchesRecord, sameOp } from './records.js';
import type { DatasetBase, KeyState, StagedEntry, StagedOp, SyncRecord } from './types.js';

export type StagedMap = ReadonlyMap<string, StagedEntry>;

export interface DatasetState {
  readonly base: DatasetBase;
  /** Staged operations by key; only keys whose content would change. */
  readonly staged: StagedMap;
  /** Earlier staged maps, newest last. One entry per user action. */
  readonly undoStack: readonly StagedMap[];
  readonly redoStack: readonly StagedMap[];
}

/** One key's wanted operation, for multi-key actions. */
export interface StageEdit {
  readonly key: string;
  readonly op: StagedOp;
}

/** How many actions undo remembers; older ones are forgotten first. */
export const UNDO_LIMIT = 1000;

/** A model with nothing staged, from a listing's records and DatasetSyncCount. */
export function createDataset(records: Iterable<SyncRecord>, syncCount: number, exists = true): DatasetState {
  return { base: makeBase(records, syncCount, exists), staged: new Map(), undoStack: [], redoStack: [] };
}

export function makeBase(records: Iterable<SyncRecord>, syncCount: number, exists = true): DatasetBase {
  const map = new Map<string, SyncRecord>();
  for (const r of records) map.set(r.key, r);
  return { records: map, syncCount, exists };
}

/**
 * Stages several edits as ONE undo step. Each key's entry keeps the base record its
 * operation first started from. An edit that leaves the key as the server has it NOW
 * unstages the key instead; comparing with the server's current record, not the entry's
 * older base, means a value the user wants over a newer server version is never dropped
 * as a no-op. Returns the same state when nothing changes.
 */
export function stageEdits(state: DatasetState, edits: readonly StageEdit[]): DatasetState {
  const next = new Map(state.staged);
  let changed = false;
  for (const { key, op } of edits) {
    const current = next.get(key);
    const server = state.base.records.get(key);
    const base = current ? current.base : server;
    if (opMatchesRecord(op, server)) {
      if (current) {
        next.delete(key);
        changed = true;
      }
    } else if (!current || !sameOp(current.op, op)) {
      next.set(key, { op, base });
      changed = true;
    }
  }
  return changed ? withStaged(state, next) : state;
}

/** Stages a value for a key (`""` is a value, not a removal). */
export function stagePut(state: DatasetState, key: string, value: string): DatasetState {
  return stageEdits(state, [{ key, op: { kind: 'replace', value } }]);
}

/** Stages the removal of a key. Removing a key that is not live is a no-op. */
export function stageRemove(state: DatasetState, key: string): DatasetState {
  return stageEdits(state, [{ key, op: { kind: 'remove' } }]);
}

/** Drops the staged operations of some keys (one undo step). */
export function unstage(state: DatasetState, keys: Iterable<string>): DatasetState {
  const next = new Map(state.staged);
  let changed = false;
  for (const key of keys) changed = next.delete(key) || changed;
  return changed ? withStaged(state, next) : state;
}

/** Drops every staged operation, as one undo step. */
export function discardAll(state: DatasetState): DatasetState {
  return state.staged.size === 0 ? state : withStaged(state, new Map());
}

export function canUndo(state: DatasetState): boolean {
  return state.undoStack.length > 0;
}

export function canRedo(state: DatasetState): boolean {
  return state.redoStack.length > 0;
}

export function undo(state: DatasetState): DatasetState {
  const previous = state.undoStack.at(-1);
  if (!previous) return state;
  return {
    ...state,
    staged: previous,
    undoStack: state.undoStack.slice(0, -1),
    redoStack: [...state.redoStack, state.staged],
  };
}

export function redo(state: DatasetState): DatasetState {
  const following = state.redoStack.at(-1);
  if (!following) return state;
  return {
    ...state,
    staged: following,
    undoStack: [...state.undoStack, state.staged],
    redoStack: state.redoStack.slice(0, -1),
  };
}

/**
 * Replaces the staged map as one undo step (used by conflict resolution, which edits
 * several keys at once). Clears redo, like any new action.
 */
export function withStaged(state: DatasetState, staged: StagedMap): DatasetState {
  const undoStack = [...state.undoStack, state.staged];
  if (undoStack.length > UNDO_LIMIT) undoStack.splice(0, undoStack.length - UNDO_LIMIT);
  return { ...state, staged, undoStack, redoStack: [] };
}

/** How a key differs from the server. */
export function keyState(state: DatasetState, key: string): KeyState {
  const entry = state.staged.get(key);
  if (!entry) return 'unchanged';
  return stateOfEntry(entry);
}

export function stateOfEntry(entry: StagedEntry): KeyState {
  if (entry.op.kind === 'remove') return 'removed';
  if (isLive(entry.base)) return 'modified';
  return isTombstone(entry.base) ? 'readded' : 'added';
}

/** The value the key would have after the commit; undefined when it would not be live. */
export function effectiveValue(state: DatasetState, key: string): string | undefined {
  const entry = state.staged.get(key);
  if (entry) return entry.op.kind === 'replace' ? entry.op.value : undefined;
  return state.base.records.get(key)?.value;
}

/** One row of the dataset as the editor shows it. */
export interface DatasetRow {
  readonly key: string;
  readonly state: KeyState;
  /** The server's record now (undefined when the server does not have the key). */
  readonly record: SyncRecord | undefined;
  readonly staged: StagedEntry | undefined;
  /** The value after the commit; undefined when the key would not be live. */
  readonly value: string | undefined;
}

/**
 * Every key of the base and the overlay, sorted by key (code units). Tombstones that are
 * not staged are left out unless asked for.
 */
export function datasetRows(state: DatasetState, options: { tombstones?: boolean } = {}): DatasetRow[] {
  const keys = new Set<string>([...state.base.records.keys(), ...state.staged.keys()]);
  const rows: DatasetRow[] = [];
  for (const key of [...keys].sort(compareKeys)) {
    const record = state.base.records.get(key);
    const staged = state.staged.get(key);
    if (!staged && !isLive(record) && !options.tombstones) continue;
    rows.push({ key, state: staged ? stateOfEntry(staged) : 'unchanged', record, staged, value: effectiveValue(state, key) });
  }
  return rows;
}

/** A listing to fold into the base: `full` when listed from 0 (records missing from it are gone). */
export interface RemoteListing {
  readonly records: readonly SyncRecord[];
  readonly syncCount: number;
  readonly exists: boolean;
  readonly full: boolean;
}

/**
 * Folds a listing into the base. Staged entries keep the base they started from, so a key
 * that changed on the server shows up as a conflict (see conflicts.ts) rather than being
 * overwritten.
 */
export function mergeRemote(state: DatasetState, listing: RemoteListing): DatasetState {
  const records = new Map(listing.full ? [] : state.base.records);
  for (const r of listing.records) records.set(r.key, r);
  return { ...state, base: { records, syncCount: listing.syncCount, exists: listing.exists } };
}

/**
 * After a successful UpdateRecords: the returned records become the base, nothing is
 * staged, and the undo history starts afresh (undoing across a commit would restage edits
 * against records that no longer exist).
 */
export function afterCommit(state: DatasetState, written: readonly SyncRecord[], syncCount: number): DatasetState {
  const records = new Map(state.base.records);
  for (const r of written) records.set(r.key, r);
  return { base: { records, syncCount, exists: true }, staged: new Map(), undoStack: [], redoStack: [] };
}

/** Actions for a React reducer. `load` swaps in a state computed elsewhere (e.g. after a commit). */
export type DatasetAction =
  | { type: 'put'; key: string; value: string }
  | { type: 'remove'; key: string }
  | { type: 'stage'; edits: readonly StageEdit[] }
  | { type: 'unstage'; keys: readonly string[] }
  | { type: 'discardAll' }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'load'; state: DatasetState };

export function datasetReducer(state: DatasetState, action: DatasetAction): DatasetState {
  switch (action.type) {
    case 'put':
      return stagePut(state, action.key, action.value);
    case 'remove':
      return stageRemove(state, action.key);
    case 'stage':
      return stageEdits(state, action.edits);
    case 'unstage':
      return unstage(state, action.keys);
    case 'discardAll':
      return discardAll(state);
    case 'undo':
      return undo(state);
    case 'redo':
      return redo(state);
    case 'load':
      return action.state;
  }
}

/**
 * After the dataset was deleted on the server, the user chose "re-create": the base becomes
 * the fresh listing from 0 and every key the editor shows as live is staged again as a
 * write of a key the server never had (SyncCount 0). If someone else re-created the
 * dataset meanwhile with the same keys, those keys conflict instead of being overwritten.
 */
export function recreateDataset(state: DatasetState, fresh: RemoteListing): DatasetState {
  const staged = new Map<string, StagedEntry>();
  for (const row of datasetRows(state)) {
    if (row.value !== undefined) staged.set(row.key, { op: { kind: 'replace', value: row.value }, base: undefined });
  }
  // Keys the fresh listing already holds with the same value are dropped by the conflict
  // analysis before sending ("same"), so they need no special case here.
  return { base: makeBase(fresh.records, fresh.syncCount, fresh.exists), staged, undoStack: [], redoStack: [] };
}
