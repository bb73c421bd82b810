/**
 * One browse list: its rows, load status, paging token, `/` filter and table window.
 * The window counts the FILTERED rows; `visible` maps window positions to row indices.
 */
import { filterText, type Row } from '../data/rows.js';
import * as F from './filter.js';
import * as W from './table-window.js';

export type ListStatus = 'idle' | 'loading' | 'loaded' | 'error';

export interface ListState {
  readonly rows: readonly Row[];
  readonly status: ListStatus;
  /** Indices into `rows` passing the filter, in order. */
  readonly visible: readonly number[];
  readonly window: W.TableWindow;
  readonly filter: F.FilterState;
  /** Set while the server has more pages ("N loaded, more…"). */
  readonly nextToken?: string;
  readonly loadingMore: boolean;
}

export function emptyList(viewport: number): ListState {
  return { rows: [], status: 'idle', visible: [], window: W.createWindow(0, viewport), filter: F.EMPTY_FILTER, loadingMore: false };
}

export const selectedIndex = (l: ListState): number | undefined => l.visible[l.window.selected];

export function selectedRow(l: ListState): Row | undefined {
  const i = selectedIndex(l);
  return i === undefined ? undefined : l.rows[i];
}

/** The rows to render: only the window (UX.md §2.5), with their positions in the filtered list. */
export function windowRows(l: ListState): Array<{ row: Row; position: number }> {
  const { start, end } = W.visibleRange(l.window);
  const out: Array<{ row: Row; position: number }> = [];
  for (let p = start; p < end; p++) out.push({ row: l.rows[l.visible[p]], position: p });
  return out;
}

/**
 * Each row's filter text in lower case, made once per row object (rows are immutable): typing
 * in the filter of a 1 MB dataset otherwise lowered a megabyte of text on every key.
 */
const lowerFilterTexts = new WeakMap<Row, string>();
function lowerFilterText(row: Row): string {
  let text = lowerFilterTexts.get(row);
  if (text === undefined) {
    text = filterText(row).toLowerCase();
    lowerFilterTexts.set(row, text);
  }
  return text;
}

/** Recomputes the filtered indices, keeping the selected row selected when it still passes. */
function refilter(l: ListState, rows: readonly Row[], filter: F.FilterState, keepId?: string): ListState {
  const visible = F.matchingIndices(rows, filter.query, lowerFilterText, { lowerCased: true });
  let selected = l.window.selected;
  if (keepId !== undefined) {
    const at = visible.findIndex((i) => rows[i].id === keepId);
    if (at >= 0) selected = at;
  }
  return { ...l, rows, filter, visible, window: W.setCount(l.window, visible.length, selected) };
}

export function listLoading(l: ListState, more = false): ListState {
  return more ? { ...l, loadingMore: true } : { ...l, status: 'loading' };
}

/** A page arrived: replaces the rows (refresh keeps the selection by id) or appends a page. */
export function listLoaded(l: ListState, rows: readonly Row[], options: { nextToken?: string; append?: boolean } = {}): ListState {
  const keepId = selectedRow(l)?.id;
  const all = options.append ? [...l.rows, ...rows] : rows;
  const next = refilter(l, all, l.filter, keepId);
  return { ...next, status: 'loaded', nextToken: options.nextToken, loadingMore: false };
}

export function listFailed(l: ListState): ListState {
  return { ...l, status: l.rows.length > 0 ? 'loaded' : 'error', loadingMore: false };
}

export function listMove(l: ListState, move: W.WindowMove): ListState {
  return { ...l, window: W.applyMove(l.window, move) };
}

export function listResize(l: ListState, viewport: number): ListState {
  return { ...l, window: W.resize(l.window, viewport) };
}

/** Applies a new filter state; the selection follows the row it was on when possible. */
export function listFilter(l: ListState, filter: F.FilterState): ListState {
  if (filter.query === l.filter.query) return { ...l, filter };
  return refilter(l, l.rows, filter, selectedRow(l)?.id);
}

/** Whether the selection sits on the last loaded row while the server has more. */
export const wantsMore = (l: ListState): boolean =>
  l.nextToken !== undefined && !l.loadingMore && l.status === 'loaded' && l.window.selected >= l.window.count - 1;
