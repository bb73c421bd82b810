/**
 * The review of staged changes (`c`) as plain data: one item per patch of the batch, in the
 * order the batch sends them (by key), with old → new, the SyncCount the patch carries and
 * the limit check of the whole batch; and the lines an item shows (a line diff for
 * multi-line and JSON values, only for the items on screen).
 */
import { buildPatches, checkBatch, countOf, stateOfEntry, type KeyState, type LimitReport } from '../../sync/index.js';
import { valueDiff, wantsLineDiff, type DiffLine } from '../../util/line-diff.js';
import { sanitizePreview } from '../../util/sanitize.js';
import type { RecordsState } from './records.js';

export interface ReviewItem {
  readonly key: string;
  readonly state: Exclude<KeyState, 'unchanged'>;
  readonly op: 'replace' | 'remove';
  /** The value the change started from; undefined for a new or re-added key. */
  readonly before: string | undefined;
  /** The value to write; undefined for a removal. */
  readonly after: string | undefined;
  /** SyncCount the patch carries (the base record's; 0 for a key the server never had). */
  readonly baseSyncCount: number;
  /** The server's record moved since the change was staged: the commit will ask. */
  readonly drifted: boolean;
}

export function reviewItems(s: RecordsState): ReviewItem[] {
  // buildPatches fixes the order (by key) and the counts: the review shows exactly what is sent.
  return buildPatches(s.dataset.staged).map((patch) => {
    const entry = s.dataset.staged.get(patch.Key)!;
    return {
      key: patch.Key,
      state: stateOfEntry(entry) as ReviewItem['state'],
      op: patch.Op,
      before: entry.base?.value,
      after: patch.Value,
      baseSyncCount: patch.SyncCount,
      drifted: countOf(entry.base) !== countOf(s.dataset.base.records.get(patch.Key)),
    };
  });
}

/** Limits on the dataset as the batch would leave it: errors block sending, warnings do not. */
export function reviewReport(s: RecordsState): LimitReport {
  return checkBatch(s.dataset.base, s.dataset.staged);
}

export const MARKERS: Readonly<Record<ReviewItem['state'], string>> = { modified: 'M', added: '+', readded: '+', removed: '-' };

export interface ReviewLine {
  readonly kind: 'header' | 'same' | 'add' | 'del' | 'more';
  /** Sanitized, ready to print (still to be cut to the width). */
  readonly text: string;
}

/** `"dark"`, `(new)`, `(removed)`: a one-line preview, sanitized and cut. */
export function quoted(value: string | undefined, width: number, absent: string): string {
  return value === undefined ? absent : `"${sanitizePreview(value, Math.max(1, width))}"`;
}

/**
 * Two one-line values cut so the first difference shows: when they share a long prefix,
 * both start a little before the change, marked with `…`.
 */
export function aroundChange(before: string | undefined, after: string | undefined, room: number): [string | undefined, string | undefined] {
  if (before === undefined || after === undefined) return [before, after];
  let same = 0;
  const limit = Math.min(before.length, after.length);
  while (same < limit && before.charCodeAt(same) === after.charCodeAt(same)) same++;
  let start = same - Math.floor(room / 3);
  if (start <= 1) return [before, after];
  const code = before.charCodeAt(start);
  if (code >= 0xdc00 && code <= 0xdfff) start--; // not inside a surrogate pair
  return [`…${before.slice(start)}`, `…${after.slice(start)}`];
}

/** Keeps changed lines and `context` lines around them; other runs of unchanged lines become `…`. */
export function compactDiff(lines: readonly DiffLine[], context = 1): Array<DiffLine | { kind: 'gap'; text: string }> {
  const keep = lines.map(() => false);
  lines.forEach((l, i) => {
    if (l.kind === 'same') return;
    for (let j = Math.max(0, i - context); j <= Math.min(lines.length - 1, i + context); j++) keep[j] = true;
  });
  const out: Array<DiffLine | { kind: 'gap'; text: string }> = [];
  lines.forEach((l, i) => {
    if (keep[i]) out.push(l);
    else if (out.at(-1)?.kind !== 'gap') out.push({ kind: 'gap', text: '…' });
  });
  return out;
}

/**
 * The lines of one item: a header (`M theme  sc 4  "light" → "dark"`), then for
 * multi-line or JSON values a compact line diff of at most `maxDiffLines` lines.
 */
export function reviewLines(item: ReviewItem, width: number, maxDiffLines = 8): ReviewLine[] {
  const key = sanitizePreview(item.key, 40);
  const head = `${MARKERS[item.state]} ${key}  sc ${item.baseSyncCount}${item.drifted ? ' (changed on the server)' : ''}`;
  if (!wantsLineDiff(item.before, item.after)) {
    const room = Math.max(8, Math.floor((width - head.length - 8) / 2));
    const [shownBefore, shownAfter] = aroundChange(item.before, item.after, room);
    const before = quoted(shownBefore, room, item.state === 'readded' ? '(removed)' : '(new)');
    const after = quoted(shownAfter, room, '(removed)');
    return [{ kind: 'header', text: `${head}  ${before} → ${after}` }];
  }
  const diff = compactDiff(valueDiff(item.before, item.after));
  const added = diff.filter((l) => l.kind === 'add').length;
  const removed = diff.filter((l) => l.kind === 'del').length;
  const lines: ReviewLine[] = [{ kind: 'header', text: `${head}  (${removed} - ${added} +)` }];
  const sign = { same: ' ', add: '+', del: '-', gap: ' ' } as const;
  for (const l of diff.slice(0, maxDiffLines)) {
    lines.push({ kind: l.kind === 'gap' ? 'same' : l.kind, text: `    ${sign[l.kind]} ${sanitizePreview(l.text, width)}` });
  }
  const hidden = diff.length - maxDiffLines;
  if (hidden > 0) lines.push({ kind: 'more', text: `    … ${hidden} more ${hidden === 1 ? 'line' : 'lines'}` });
  return lines;
}

/**
 * The first item to draw so that `selected` is on screen: keeps `previousTop` when the
 * selection still fits below it, otherwise scrolls just enough. `heightOf` is asked only
 * for items near the selection.
 */
export function reviewTop(previousTop: number, selected: number, height: number, heightOf: (index: number) => number): number {
  if (selected < previousTop) return selected;
  // Walk up from the selection: O(lines on screen), whatever the distance to previousTop.
  let top = selected;
  let used = heightOf(selected);
  while (top > previousTop) {
    const h = heightOf(top - 1);
    if (used + h > height) return top;
    used += h;
    top--;
  }
  return top;
}
