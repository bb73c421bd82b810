/**
 * The `/` filter of every list (UX.md §1.2): case-insensitive substring over a row's text,
 * a match count `12/340`, and the Esc rule: the first Esc clears the filter, the next one
 * goes back a level.
 */

export interface FilterState {
  readonly query: string;
  /** The filter bar has the keyboard (typing edits the query). */
  readonly editing: boolean;
}

export const EMPTY_FILTER: FilterState = Object.freeze({ query: '', editing: false });

export const isFiltering = (f: FilterState): boolean => f.editing || f.query !== '';

export const startEditing = (f: FilterState): FilterState => ({ ...f, editing: true });

/** Appends typed (or pasted) text; control characters are dropped. */
export function typeText(f: FilterState, text: string): FilterState {
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
  return clean ? { ...f, query: f.query + clean } : f;
}

/** Removes the last character (a whole code point, not half a surrogate pair). */
export function backspace(f: FilterState): FilterState {
  return { ...f, query: Array.from(f.query).slice(0, -1).join('') };
}

/** Enter: stop editing, keep the query (the list keys work again). */
export const commit = (f: FilterState): FilterState => ({ ...f, editing: false });

/**
 * Esc. `consumed: true` when it cleared an active filter; `false` means there was nothing
 * to clear, so the caller should go back.
 */
export function escape(f: FilterState): { filter: FilterState; consumed: boolean } {
  return isFiltering(f) ? { filter: EMPTY_FILTER, consumed: true } : { filter: f, consumed: false };
}

/**
 * Indices of the items matching `query` (all when it is empty). `lowerCased`: `text` already
 * returns lower case (a cache), so nothing is lowered again on every keystroke.
 */
export function matchingIndices<T>(items: readonly T[], query: string, text: (item: T) => string, options: { lowerCased?: boolean } = {}): number[] {
  const needle = query.toLowerCase();
  const out: number[] = [];
  if (needle === '') {
    for (let i = 0; i < items.length; i++) out.push(i);
    return out;
  }
  for (let i = 0; i < items.length; i++) {
    const haystack = options.lowerCased ? text(items[i]) : text(items[i]).toLowerCase();
    if (haystack.includes(needle)) out.push(i);
  }
  return out;
}

/** `12/340`. */
export const matchLabel = (matched: number, total: number): string =>
  `${matched.toLocaleString('en-US')}/${total.toLocaleString('en-US')}`;
