/**
 * The `/` filter inside a dialog's list (request inspector, history `H`, sync timeline `t`):
 * the filter of the screens (filter.ts: same substring match, same keys, same count) over
 * rows that live in a dialog, with the selection kept on a row the filter lets through.
 * Pure: the dialogs' actions hold the state, the components draw it.
 */
import type { Key } from 'ink';
import * as F from './filter.js';

/** One key of the filter bar: `/` starts it, typing edits it, Enter keeps it, Esc clears it. */
export type FilterEdit =
  | { readonly type: 'start' }
  | { readonly type: 'type'; readonly text: string }
  | { readonly type: 'backspace' }
  /** Any other key of the filter bar: text or a line-editing key (filter.ts `editKey`); the rest change nothing. */
  | { readonly type: 'edit'; readonly input: string; readonly key: Key }
  | { readonly type: 'commit' }
  | { readonly type: 'escape' };

/**
 * The filter after one edit. `consumed: false` only for an Esc with nothing to clear: the
 * dialog then does what Esc did before (go back, close).
 */
export function editFilter(filter: F.FilterState | undefined, edit: FilterEdit): { filter: F.FilterState; consumed: boolean } {
  const f = filter ?? F.EMPTY_FILTER;
  switch (edit.type) {
    case 'start': return { filter: F.startEditing(f), consumed: true };
    case 'type': return { filter: F.typeText(f, edit.text), consumed: true };
    case 'backspace': return { filter: F.backspace(f), consumed: true };
    case 'edit': return { filter: F.editKey(f, edit.input, edit.key) ?? f, consumed: true };
    case 'commit': return { filter: F.commit(f), consumed: true };
    case 'escape': return F.escape(f);
  }
}

/** Indices of the rows whose text (what the row shows) holds the query; all without a filter. */
export function visibleRows<T>(items: readonly T[], filter: F.FilterState | undefined, text: (item: T) => string): number[] {
  return F.matchingIndices(items, filter?.query ?? '', text);
}

/**
 * `selected` (an index into all the rows) moved onto a visible row: itself when it passes the
 * filter, else the nearest visible row after it, else the last visible one. With nothing
 * visible the selection stays where it was (and nothing is drawn as selected).
 */
export function keepOnVisible(visible: readonly number[], selected: number): number {
  if (visible.length === 0 || visible.includes(selected)) return selected;
  const after = visible.find((i) => i > selected);
  return after ?? visible[visible.length - 1];
}

/** The row `delta` visible rows away from `selected` (clamped to the first and last visible rows). */
export function moveAmongVisible(visible: readonly number[], selected: number, delta: number): number {
  if (visible.length === 0) return selected;
  const at = visible.indexOf(keepOnVisible(visible, selected));
  return visible[Math.max(0, Math.min(visible.length - 1, at + delta))];
}

/** Position of `selected` among the visible rows (-1 when nothing is visible), for drawing the window. */
export const visiblePosition = (visible: readonly number[], selected: number): number => visible.indexOf(keepOnVisible(visible, selected));

/**
 * One filter key on a dialog's list: the new filter and the selection kept on a visible row.
 * `consumed: false`: an Esc with no filter to clear (the dialog goes back or closes).
 */
export function filterListEdit<T>(
  items: readonly T[],
  text: (item: T) => string,
  current: { readonly filter?: F.FilterState; readonly selected: number },
  edit: FilterEdit,
): { consumed: false } | { consumed: true; filter: F.FilterState; selected: number; visible: number[] } {
  const { filter, consumed } = editFilter(current.filter, edit);
  if (!consumed) return { consumed: false };
  const visible = visibleRows(items, filter, text);
  return { consumed: true, filter, selected: keepOnVisible(visible, current.selected), visible };
}
