/**
 * The window of a long list that is actually rendered (UX.md §2.5): Ink lays out every
 * mounted node, so a list of 5,000 rows renders only `viewport` of them. Pure functions
 * over `{selected, offset, viewport, count}`; every result is clamped, so no caller can
 * produce a window without a visible selection.
 */
import { formatCount } from '../../util/truncate.js';

export interface TableWindow {
  /** Index of the selected row (0 when the list is empty). */
  readonly selected: number;
  /** Index of the first rendered row. */
  readonly offset: number;
  /** Rows that fit on screen (≥ 1). */
  readonly viewport: number;
  /** Rows in the (filtered) list. */
  readonly count: number;
}

/** Scroll just enough to keep `selected` in view. */
export const follow = (offset: number, selected: number, viewport: number): number =>
  selected < offset ? selected : selected >= offset + viewport ? selected - viewport + 1 : offset;

function normalize(selected: number, offset: number, viewport: number, count: number): TableWindow {
  const view = Math.max(1, Math.floor(viewport));
  const n = Math.max(0, Math.floor(count));
  const sel = n === 0 ? 0 : Math.min(Math.max(0, selected), n - 1);
  // Never leave blank rows under the last one when the list could fill the screen.
  const maxOffset = Math.max(0, n - view);
  const off = Math.min(Math.max(0, follow(offset, sel, view)), maxOffset);
  return { selected: sel, offset: follow(off, sel, view), viewport: view, count: n };
}

export function createWindow(count: number, viewport: number, selected = 0): TableWindow {
  return normalize(selected, 0, viewport, count);
}

export function moveBy(w: TableWindow, delta: number): TableWindow {
  return normalize(w.selected + delta, w.offset, w.viewport, w.count);
}

export function select(w: TableWindow, index: number): TableWindow {
  return normalize(index, w.offset, w.viewport, w.count);
}

/** A page down moves the selection and the view together, like a pager. */
export function pageDown(w: TableWindow): TableWindow {
  return normalize(w.selected + w.viewport, w.offset + w.viewport, w.viewport, w.count);
}

export function pageUp(w: TableWindow): TableWindow {
  return normalize(w.selected - w.viewport, w.offset - w.viewport, w.viewport, w.count);
}

export const home = (w: TableWindow): TableWindow => normalize(0, 0, w.viewport, w.count);
export const end = (w: TableWindow): TableWindow => normalize(w.count - 1, w.count, w.viewport, w.count);

/** The terminal changed size: keep the selection visible. */
export function resize(w: TableWindow, viewport: number): TableWindow {
  return normalize(w.selected, w.offset, viewport, w.count);
}

/** The list changed length (load, refresh, filter): clamp, optionally selecting `selected`. */
export function setCount(w: TableWindow, count: number, selected = w.selected): TableWindow {
  return normalize(selected, w.offset, w.viewport, count);
}

export type WindowMove = 'up' | 'down' | 'pageUp' | 'pageDown' | 'home' | 'end';

export function applyMove(w: TableWindow, move: WindowMove): TableWindow {
  switch (move) {
    case 'up': return moveBy(w, -1);
    case 'down': return moveBy(w, 1);
    case 'pageUp': return pageUp(w);
    case 'pageDown': return pageDown(w);
    case 'home': return home(w);
    case 'end': return end(w);
  }
}

/** Half-open [start, end) of the rendered rows. */
export function visibleRange(w: TableWindow): { start: number; end: number } {
  return { start: w.offset, end: Math.min(w.count, w.offset + w.viewport) };
}

/** `41–70 of 1,024`, `1–3 of 3`, or `0 of 0`. */
export function positionLabel(w: TableWindow): string {
  if (w.count === 0) return '0 of 0';
  const { start, end } = visibleRange(w);
  return `${formatCount(start + 1)}–${formatCount(end)} of ${formatCount(w.count)}`;
}
