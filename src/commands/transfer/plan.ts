// What an import or a copy must change so a dataset holds the wanted records: pure, so
// the plan printed before `--apply` is exactly what is staged after it. A wanted record
// carrying a SyncCount is a claim "the server had this count when I read it": if the
// server's count moved and its value differs, that key is a conflict, never overwritten
// silently.

export interface WantedRecord {
  key: string;
  /** Undefined: the key should not exist (removed). */
  value?: string;
  /** The SyncCount the value was read at; undefined skips the conflict check. */
  syncCount?: number;
}

export interface CurrentRecord {
  key: string;
  /** Undefined for a tombstone. */
  value?: string;
  syncCount: number;
  lastModifiedBy?: string;
}

export type PlanItem =
  | { kind: 'add' | 'modify' | 'remove'; key: string; value?: string; current?: CurrentRecord }
  | { kind: 'conflict'; key: string; value?: string; readAt: number; current?: CurrentRecord };

export interface PlanOptions {
  /** Also remove live keys the wanted set does not mention. */
  prune?: boolean;
}

export function planDataset(wanted: readonly WantedRecord[], current: readonly CurrentRecord[], options: PlanOptions = {}): PlanItem[] {
  const byKey = new Map(current.map((r) => [r.key, r]));
  const items: PlanItem[] = [];
  for (const w of wanted) {
    const cur = byKey.get(w.key);
    const now = cur?.value;
    if (w.value === now) continue; // already so (a tombstone and an absent key both mean "no value")
    const withCurrent = cur ? { current: cur } : {};
    const withValue = w.value === undefined ? {} : { value: w.value };
    if (w.syncCount !== undefined && (cur?.syncCount ?? 0) !== w.syncCount) {
      items.push({ kind: 'conflict', key: w.key, readAt: w.syncCount, ...withValue, ...withCurrent });
    } else if (w.value === undefined) {
      items.push({ kind: 'remove', key: w.key, ...withCurrent });
    } else {
      items.push({ kind: now === undefined ? 'add' : 'modify', key: w.key, value: w.value, ...withCurrent });
    }
  }
  if (options.prune) {
    const mentioned = new Set(wanted.map((w) => w.key));
    for (const cur of current) {
      if (cur.value !== undefined && !mentioned.has(cur.key)) items.push({ kind: 'remove', key: cur.key, current: cur });
    }
  }
  return items.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export function countPlan(items: readonly PlanItem[]): { changes: number; conflicts: number } {
  const conflicts = items.filter((i) => i.kind === 'conflict').length;
  return { changes: items.length - conflicts, conflicts };
}
