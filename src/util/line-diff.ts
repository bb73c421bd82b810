/**
 * A line diff for the review screen: old → new of a multi-line or JSON value. Common
 * leading and trailing lines are matched first; the middle gets a longest-common-
 * subsequence diff when it is small enough, else is shown as removed then added (a 1 MB
 * value must not cost seconds).
 */
import { isJsonDocument, prettyValue } from './json-view.js';

export interface DiffLine {
  readonly kind: 'same' | 'add' | 'del';
  readonly text: string;
}

/** Cells of the LCS table above which the middle is shown as a block replace. */
export const MAX_DIFF_CELLS = 250_000;

export function diffLines(before: readonly string[], after: readonly string[], maxCells = MAX_DIFF_CELLS): DiffLine[] {
  let head = 0;
  while (head < before.length && head < after.length && before[head] === after[head]) head++;
  let tail = 0;
  while (
    tail < before.length - head &&
    tail < after.length - head &&
    before[before.length - 1 - tail] === after[after.length - 1 - tail]
  ) {
    tail++;
  }
  const a = before.slice(head, before.length - tail);
  const b = after.slice(head, after.length - tail);
  const out: DiffLine[] = before.slice(0, head).map((text) => ({ kind: 'same', text }));
  out.push(...middle(a, b, maxCells));
  out.push(...before.slice(before.length - tail).map((text): DiffLine => ({ kind: 'same', text })));
  return out;
}

function middle(a: readonly string[], b: readonly string[], maxCells: number): DiffLine[] {
  if (a.length === 0 || b.length === 0 || a.length * b.length > maxCells) {
    return [...a.map((text): DiffLine => ({ kind: 'del', text })), ...b.map((text): DiffLine => ({ kind: 'add', text }))];
  }
  // lcs[i][j] = length of the LCS of a[i..] and b[j..].
  const lcs: Uint32Array[] = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push({ kind: 'same', text: a[i] });
      i++;
      j++;
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) out.push({ kind: 'del', text: a[i++] });
    else out.push({ kind: 'add', text: b[j++] });
  }
  while (i < a.length) out.push({ kind: 'del', text: a[i++] });
  while (j < b.length) out.push({ kind: 'add', text: b[j++] });
  return out;
}

/** Whether old → new reads better as a line diff than as two quoted one-liners. */
export function wantsLineDiff(before: string | undefined, after: string | undefined): boolean {
  const multi = (v: string | undefined) => v !== undefined && (v.includes('\n') || isJsonDocument(v));
  return multi(before) || multi(after);
}

/** Line diff of two values, JSON documents pretty-printed first; an absent side has no lines. */
export function valueDiff(before: string | undefined, after: string | undefined, maxCells = MAX_DIFF_CELLS): DiffLine[] {
  const lines = (v: string | undefined) => (v === undefined ? [] : prettyValue(v).split('\n'));
  return diffLines(lines(before), lines(after), maxCells);
}
