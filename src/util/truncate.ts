/**
 * Width-aware text fitting for terminal cells. Widths are display columns (a CJK character
 * or most emoji take two), never string lengths. Input should already be sanitized
 * (sanitize.ts): these helpers do not escape anything.
 */
import stringWidth from 'string-width';
import { narrowWidth } from './narrow-width.js';

export type TruncatePosition = 'start' | 'middle' | 'end';

// Text of always-one-column characters (printable ASCII, `…`, `·`, box drawing: narrow-width.ts)
// is one column a code unit: the fast path for most cells. string-width segments graphemes,
// which made a 33-row table spend ~20 ms a frame fitting cells.

/** Display width of `text` in terminal columns. */
export function displayWidth(text: string): number {
  return narrowWidth(text) ?? stringWidth(text);
}

/**
 * Cuts `text` to at most `width` columns, marking the cut with `…`. `middle` keeps both ends,
 * which suits identity ids (`us-east-1:…5556`).
 */
export function truncateToWidth(text: string, width: number, position: TruncatePosition = 'end'): string {
  if (width <= 0) return '';
  if (narrowWidth(text) !== undefined) {
    if (text.length <= width) return text;
    if (position === 'end') return text.slice(0, width - 1) + ELLIPSIS;
    if (position === 'start') return ELLIPSIS + text.slice(text.length - (width - 1));
    const head = Math.ceil((width - 1) / 2);
    return text.slice(0, head) + ELLIPSIS + text.slice(text.length - (width - 1 - head));
  }
  if (stringWidth(text) <= width) return text;
  if (width === 1) return ELLIPSIS;
  // Our own cut by grapheme: cli-truncate can overshoot by a column around wide characters.
  const graphemes = Array.from(graphemeSegmenter().segment(text), (s) => s.segment);
  const room = width - 1; // one column for the ellipsis
  if (position === 'end') return takeColumns(graphemes, room) + ELLIPSIS;
  if (position === 'start') return ELLIPSIS + takeColumns(graphemes.reverse(), room, true);
  const head = Math.ceil(room / 2);
  return takeColumns(graphemes, head) + ELLIPSIS + takeColumns(graphemes.reverse(), room - head, true);
}

const ELLIPSIS = '…';

let segmenter: Intl.Segmenter | undefined;
/** Made on first use: a process's first Intl.Segmenter loads ICU's break rules (~8 ms), which narrow text never needs. */
function graphemeSegmenter(): Intl.Segmenter {
  segmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  return segmenter;
}

/** The longest run of graphemes (from the front of `graphemes`) fitting in `columns`. */
function takeColumns(graphemes: string[], columns: number, reversed = false): string {
  const taken: string[] = [];
  let used = 0;
  for (const g of graphemes) {
    const w = stringWidth(g);
    if (used + w > columns) break;
    taken.push(g);
    used += w;
  }
  return reversed ? taken.reverse().join('') : taken.join('');
}

/**
 * Exactly `width` columns: truncated when longer, padded with spaces when shorter, so
 * table columns line up. `align: 'right'` pads on the left (numbers).
 */
export function fitToWidth(
  text: string,
  width: number,
  options: { align?: 'left' | 'right'; position?: TruncatePosition } = {},
): string {
  if (width <= 0) return '';
  const cut = truncateToWidth(text, width, options.position ?? 'end');
  // A wide character straddling the edge leaves one column free: pad it.
  const pad = ' '.repeat(Math.max(0, width - displayWidth(cut)));
  return options.align === 'right' ? pad + cut : cut + pad;
}

/** A whole number with thousands separators, as in `41–70 of 1,024`. */
export function formatCount(n: number): string {
  // By hand for integers: the first toLocaleString of a process loads ICU's number formats (~4 ms of the first frame).
  return Number.isSafeInteger(n) ? String(n).replace(/\B(?=(\d{3})+$)/g, ',') : n.toLocaleString('en-US');
}
