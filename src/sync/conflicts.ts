// Conflict analysis and resolution (SERVICE.md §5.2, §5.3). Given the staged operations
// (each with the base record it started from) and the server's CURRENT records, every
// staged key is clean, same, or a conflict; the user's picks turn conflicts into a batch
// rebased on the server's current SyncCount for each key.
import { withStaged, type DatasetState } from './dataset.js';
import { countOf, isLive, opMatchesRecord } from './records.js';
import { checkValue, assertNoErrors } from './limits.js';
import type { StagedEntry, StagedOp, SyncRecord } from './types.js';

/**
 * - clean: the server still has the record my operation started from (same SyncCount).
 * - same: the server changed it, but already holds what I want (my value, or not live for my remove).
 * - conflict: the server changed it to something else.
 */
export type Verdict = 'clean' | 'same' | 'conflict';

/**
 * - both-changed: a live value changed on both sides.
 * - both-added: the key was not live in my base, and both sides wrote a value.
 * - removed-vs-changed: I remove a key the server changed.
 * - changed-vs-removed: I write a key the server removed (or lost with the dataset).
 */
export type ConflictKind = 'both-changed' | 'both-added' | 'removed-vs-changed' | 'changed-vs-removed';

export function classify(entry: StagedEntry, server: SyncRecord | undefined): Verdict {
  if (countOf(entry.base) === countOf(server)) return 'clean';
  return opMatchesRecord(entry.op, server) ? 'same' : 'conflict';
}

export function conflictKind(entry: StagedEntry, server: SyncRecord | undefined): ConflictKind {
  if (entry.op.kind === 'remove') return 'removed-vs-changed';
  if (!isLive(server)) return 'changed-vs-removed';
  return isLive(entry.base) ? 'both-changed' : 'both-added';
}

/** One conflicted key: what it was, what I want, what the server has now. */
export interface ConflictItem {
  readonly key: string;
  readonly kind: ConflictKind;
  /** The record my operation started from (undefined: the key was new to me). */
  readonly base: SyncRecord | undefined;
  readonly mine: StagedOp;
  /** The server's current record, with LastModifiedBy/Date and SyncCount; undefined when gone. */
  readonly theirs: SyncRecord | undefined;
}

export type Resolution = { readonly kind: 'mine' } | { readonly kind: 'theirs' } | { readonly kind: 'custom'; readonly value: string };

/** The state of the conflict dialog: items in key order, picks, undo of picks, and a focus. */
export interface ConflictSet {
  readonly items: readonly ConflictItem[];
  readonly resolutions: ReadonlyMap<string, Resolution>;
  /** Earlier resolution maps, newest last, for undo of a pick. */
  readonly history: readonly ReadonlyMap<string, Resolution>[];
  /** Index of the item the dialog shows. */
  readonly focus: number;
}

export interface Analysis {
  /** The dataset with `same` keys dropped and `clean` keys rebased on the current record. */
  readonly state: DatasetState;
  readonly conflicts: ConflictSet;
  readonly clean: readonly string[];
  readonly same: readonly string[];
}

/**
 * Classifies every staged key against the records in `state.base` (fold a fresh listing in
 * with mergeRemote first). Not an undo step: it records what the server did, not a user action.
 */
export function analyzeConflicts(state: DatasetState): Analysis {
  const staged = new Map(state.staged);
  const items: ConflictItem[] = [];
  const clean: string[] = [];
  const same: string[] = [];
  for (const [key, entry] of [...state.staged].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const server = state.base.records.get(key);
    const verdict = classify(entry, server);
    if (verdict === 'clean') {
      clean.push(key);
      staged.set(key, { op: entry.op, base: server });
    } else if (verdict === 'same') {
      same.push(key);
      staged.delete(key);
    } else {
      items.push({ key, kind: conflictKind(entry, server), base: entry.base, mine: entry.op, theirs: server });
    }
  }
  const changed = same.length > 0 || clean.length > 0;
  return { state: changed ? { ...state, staged } : state, conflicts: newConflictSet(items), clean, same };
}

export function newConflictSet(items: readonly ConflictItem[]): ConflictSet {
  return { items, resolutions: new Map(), history: [], focus: 0 };
}

export function unresolvedKeys(set: ConflictSet): string[] {
  return set.items.filter((i) => !set.resolutions.has(i.key)).map((i) => i.key);
}

export function isFullyResolved(set: ConflictSet): boolean {
  return set.items.every((i) => set.resolutions.has(i.key));
}

/**
 * Records a pick for one key (a new undo step) and moves the focus to the next unresolved
 * item. A custom value is checked against the value limit first.
 */
export function resolveConflict(set: ConflictSet, key: string, resolution: Resolution): ConflictSet {
  const index = set.items.findIndex((i) => i.key === key);
  if (index < 0) throw new Error(`No conflict for key ${JSON.stringify(key)}`);
  if (resolution.kind === 'custom') assertNoErrors(checkValue(key, resolution.value));
  const resolutions = new Map(set.resolutions).set(key, resolution);
  return { ...set, resolutions, history: [...set.history, set.resolutions], focus: nextFocus(set.items, resolutions, index) };
}

/** "All mine" / "all theirs": every item (resolved or not) gets the pick, as one undo step. */
export function resolveAll(set: ConflictSet, kind: 'mine' | 'theirs'): ConflictSet {
  const resolutions = new Map<string, Resolution>(set.items.map((i) => [i.key, { kind }]));
  return { ...set, resolutions, history: [...set.history, set.resolutions] };
}

/** Undoes the last pick (or the last "all"). */
export function undoResolution(set: ConflictSet): ConflictSet {
  const previous = set.history.at(-1);
  if (!previous) return set;
  return { ...set, resolutions: previous, history: set.history.slice(0, -1) };
}

/** Moves the dialog's focus by `delta` items, staying in range. */
export function moveFocus(set: ConflictSet, delta: number): ConflictSet {
  const focus = Math.max(0, Math.min(set.items.length - 1, set.focus + delta));
  return focus === set.focus ? set : { ...set, focus };
}

function nextFocus(items: readonly ConflictItem[], resolutions: ReadonlyMap<string, Resolution>, from: number): number {
  for (let step = 1; step <= items.length; step++) {
    const i = (from + step) % items.length;
    if (!resolutions.has(items[i]!.key)) return i;
  }
  return from;
}

/**
 * The staged entry one pick leaves for a conflicted key, or undefined when nothing is left
 * to send. Every pick rebases on the server's CURRENT record for the key (`theirs`), never
 * the dataset count and never base + 1:
 * - mine: `mineOp` (my operation), SyncCount = theirs' count;
 * - theirs: nothing (the base already holds the server's record);
 * - custom: a replace with the value, SyncCount = theirs' count.
 * A pick that ends up equal to the server's record is a no-op.
 */
export function resolvedEntry(item: ConflictItem, resolution: Resolution, mineOp: StagedOp | undefined): StagedEntry | undefined {
  let op: StagedOp | undefined;
  if (resolution.kind === 'mine') op = mineOp;
  else if (resolution.kind === 'custom') op = { kind: 'replace', value: resolution.value };
  if (op === undefined || opMatchesRecord(op, item.theirs)) return undefined;
  return { op, base: item.theirs };
}

/**
 * Applies the picks to the dataset, as one undo step, and returns what is left unresolved.
 * "Mine" takes the operation staged NOW for the key (nothing, if it was unstaged meanwhile);
 * see resolvedEntry for the counts.
 */
export function applyResolutions(state: DatasetState, set: ConflictSet): { state: DatasetState; remaining: ConflictSet } {
  const staged = new Map(state.staged);
  const left: ConflictItem[] = [];
  for (const item of set.items) {
    const resolution = set.resolutions.get(item.key);
    if (!resolution) {
      left.push(item);
      continue;
    }
    const entry = resolvedEntry(item, resolution, staged.get(item.key)?.op);
    if (entry) staged.set(item.key, entry);
    else staged.delete(item.key);
  }
  const remaining = newConflictSet(left);
  return { state: left.length === set.items.length ? state : withStaged(state, staged), remaining };
}

/** Actions for a React reducer over the conflict dialog. */
export type ConflictAction =
  | { type: 'resolve'; key: string; resolution: Resolution }
  | { type: 'resolveAll'; kind: 'mine' | 'theirs' }
  | { type: 'undo' }
  | { type: 'focus'; delta: number };

export function conflictReducer(set: ConflictSet, action: ConflictAction): ConflictSet {
  switch (action.type) {
    case 'resolve':
      return resolveConflict(set, action.key, action.resolution);
    case 'resolveAll':
      return resolveAll(set, action.kind);
    case 'undo':
      return undoResolution(set);
    case 'focus':
      return moveFocus(set, action.delta);
  }
}
