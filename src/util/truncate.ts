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
  const room = width - 1; // one column for the ellipsis
  const head = position === 'end' ? room : position === 'start' ? 0 : Math.ceil(room / 2);
  const tail = room - head;
  // Only the ends a cut keeps are segmented: Node 20's Intl.Segmenter slows down with the length of the text it is
  // given (a 100 KB CJK value took seconds). Parts this wide that do not overlap make the text wider than `width`.
  const front = wideEnough(text, head, 'front');
  const back = position === 'end' ? '' : wideEnough(text, tail, 'back');
  if (front.length + back.length <= text.length && front.length < text.length && back.length < text.length) {
    return cutByGraphemes(front, back, width, position, head, tail);
  }
  if (stringWidth(text) <= width) return text;
  return cutByGraphemes(text, text, width, position, head, tail);
}

/**
 * The shortest front (or back) part of `text` that is at least `columns` + 2 columns wide, or the whole text: any
 * cut within `columns` lies inside it, clear of a grapheme split where the part ends.
 */
function wideEnough(text: string, columns: number, end: 'front' | 'back'): string {
  for (let units = columns * 4 + 32; ; units *= 2) {
    if (units >= text.length) return text;
    const part = end === 'front' ? text.slice(0, units) : text.slice(text.length - units);
    if (stringWidth(part) >= columns + 2) return part;
  }
}

/** `head` columns from the front of `front` (but for `start`), `…`, then `tail` from the end of `back` (but for `end`). */
function cutByGraphemes(front: string, back: string, width: number, position: TruncatePosition, head: number, tail: number): string {
  if (width === 1) return ELLIPSIS;
  // Our own cut by grapheme: cli-truncate can overshoot by a column around wide characters.
  const graphemes = (text: string) => Array.from(graphemeSegmenter().segment(text), (s) => s.segment);
  const kept = position === 'start' ? '' : takeColumns(graphemes(front), head);
  return kept + ELLIPSIS + (position === 'end' ? '' : takeColumns(graphemes(back).reverse(), tail, true));
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
