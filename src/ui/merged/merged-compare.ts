/**
 * Merged datasets (SERVICE.md §3.6): when Cognito merges identity S into D, each dataset
 * `name` of S becomes `name.<S>` under D. This module recognises those names and compares a
 * merged dataset with its main one, key by key, so the editor can show what differs and
 * stage the merged values into the main dataset. Pure.
 */
import type { SyncRecord } from '../../sync/index.js';

/** `name.<identity id>`: the name is everything before the last dot followed by an identity id. */
const MERGED_NAME = /^(.+)\.([\w-]+:[0-9a-f-]+)$/;

export interface MergedName {
  /** The dataset it was merged into the identity as (`profile`). */
  readonly main: string;
  /** The identity it came from. */
  readonly sourceIdentityId: string;
}

export function parseMergedName(name: string): MergedName | undefined {
  const m = MERGED_NAME.exec(name);
  return m ? { main: m[1], sourceIdentityId: m[2] } : undefined;
}

export type CompareState = 'same' | 'differs' | 'onlyMerged' | 'onlyMain';

export interface CompareRow {
  readonly key: string;
  /** Undefined: absent (or removed) in that dataset. */
  readonly merged?: string;
  /** The main dataset's value as it will be once the user's staged edits are sent. */
  readonly main?: string;
  /** True when `main` comes from an edit the user staged (not yet sent), not from the server. */
  readonly mainStaged?: true;
  readonly state: CompareState;
}

/** The user's staged edits of the main dataset, by key: the value it will have, or undefined for a remove. */
export type StagedValues = ReadonlyMap<string, string | undefined>;

export interface MergedComparison {
  readonly connection: string;
  readonly poolId: string;
  readonly poolName?: string;
  readonly identityId: string;
  readonly mergedName: string;
  readonly mainName: string;
  readonly sourceIdentityId: string;
  /** Differing keys first (then merged-only, main-only, same), each by key. */
  readonly rows: readonly CompareRow[];
}

const ORDER: Record<CompareState, number> = { differs: 0, onlyMerged: 1, onlyMain: 2, same: 3 };

/**
 * Live values only: tombstones count as absent. The main dataset is compared as the user will leave it: a staged
 * edit stands in for the server's value, so staging from here shows and replaces what the user has, not what the
 * server had.
 */
export function compareRecords(merged: Iterable<SyncRecord>, main: Iterable<SyncRecord>, staged: StagedValues = new Map()): CompareRow[] {
  const live = (records: Iterable<SyncRecord>) => {
    const out = new Map<string, string>();
    for (const r of records) if (r.value !== undefined) out.set(r.key, r.value);
    return out;
  };
  const a = live(merged);
  const b = live(main);
  for (const [key, value] of staged) {
    if (value === undefined) b.delete(key);
    else b.set(key, value);
  }
  const rows: CompareRow[] = [];
  for (const key of new Set([...a.keys(), ...b.keys(), ...staged.keys()])) {
    const m = a.get(key);
    const n = b.get(key);
    if (m === undefined && n === undefined) continue; // removed by a staged edit and not in the merged dataset
    const state: CompareState = m === undefined ? 'onlyMain' : n === undefined ? 'onlyMerged' : m === n ? 'same' : 'differs';
    const fromStaging = staged.has(key) ? { mainStaged: true as const } : {};
    rows.push({ key, ...(m === undefined ? {} : { merged: m }), ...(n === undefined ? {} : { main: n }), ...fromStaging, state });
  }
  return rows.sort((x, y) => ORDER[x.state] - ORDER[y.state] || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
}

/** Rows whose merged value would change the main dataset if staged. */
export function stageableRows(rows: readonly CompareRow[]): CompareRow[] {
  return rows.filter((r) => r.state === 'differs' || r.state === 'onlyMerged');
}

export function compareMarker(state: CompareState): string {
  switch (state) {
    case 'differs': return '≠';
    case 'onlyMerged': return '+';
    case 'onlyMain': return ' ';
    case 'same': return '=';
  }
}
