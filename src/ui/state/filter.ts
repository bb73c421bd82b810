/**
 * The `/` filter of every list (UX.md §1.2): case-insensitive substring over a row's text,
 * a match count `12/340`, and the Esc rule: the first Esc clears the filter, the next one
 * goes back a level. The query is edited with the line-editing keys of every text input
 * (text-field.ts).
 */
import type { Key } from 'ink';
import { applyKey, backspace as backspaceField, insert, textField, type TextField } from './text-field.js';

export interface FilterState {
  readonly query: string;
  /** The filter bar has the keyboard (typing edits the query). */
  readonly editing: boolean;
  /** Where the cursor is in `query` (text-field.ts); absent when it is at the end. */
  readonly cursor?: number;
}

export const EMPTY_FILTER: FilterState = Object.freeze({ query: '', editing: false });

export const isFiltering = (f: FilterState): boolean => f.editing || f.query !== '';

export const startEditing = (f: FilterState): FilterState => ({ ...f, editing: true });

/** The query as a one-line text field (the cursor at the end unless moved). */
export const queryField = (f: FilterState): TextField => textField(f.query, f.cursor ?? f.query.length);

/** The filter holding `field`'s text and cursor (no `cursor` when it is at the end). */
export function withQuery(f: FilterState, field: TextField): FilterState {
  const { cursor: _old, ...rest } = f;
  return field.cursor === field.text.length ? { ...rest, query: field.text } : { ...rest, query: field.text, cursor: field.cursor };
}

/** Typed (or pasted) text goes in at the cursor; line breaks and other control characters are dropped. */
export function typeText(f: FilterState, text: string): FilterState {
  const next = insert(queryField(f), text, { oneLine: true });
  return next.text === f.query ? f : withQuery(f, next);
}

/** Removes the character before the cursor (a whole code point, not half a surrogate pair). */
export function backspace(f: FilterState): FilterState {
  return withQuery(f, backspaceField(queryField(f)));
}

/**
 * A line-editing key on the query (text-field.ts `applyKey`: ←/→, Home/End, Ctrl+A/E/U/K/W,
 * Alt+Backspace…); undefined when the key is not one (Enter, Esc, Tab, ↑/↓, other Ctrl keys).
 */
export function editKey(f: FilterState, input: string, key: Key): FilterState | undefined {
  const next = applyKey(queryField(f), input, key, { oneLine: true });
  return next ? withQuery(f, next) : undefined;
}

/** Enter: stop editing, keep the query (the list keys work again); `/` later edits at its end. */
export const commit = (f: FilterState): FilterState => ({ query: f.query, editing: false });

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
