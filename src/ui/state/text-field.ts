/**
 * A controlled text field as plain data: the text and a cursor (UTF-16 index, always on a
 * code-point boundary). The inline record editor, the add form and the conflict dialog's
 * merged value use it, so typing goes through the one key dispatcher and tests can drive
 * it without a terminal. Values may hold newlines and tabs (pasted text), so those are kept;
 * other control characters are dropped (a pasted escape sequence must not become a value
 * by accident).
 */
import type { Key } from 'ink';
import { sanitizeLine } from '../../util/sanitize.js';
import { displayWidth } from '../../util/truncate.js';

export interface TextField {
  readonly text: string;
  /** Index into `text` (UTF-16 code units), 0..text.length, never inside a surrogate pair. */
  readonly cursor: number;
}

export function textField(text = '', cursor = text.length): TextField {
  return { text, cursor: Math.max(0, Math.min(text.length, cursor)) };
}

/** Pasted `\r\n` and lone `\r` become `\n`; other control characters (ESC, NUL…) are dropped. */
export function cleanInput(input: string): string {
  return input.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}

export function insert(f: TextField, input: string): TextField {
  const clean = cleanInput(input);
  if (clean === '') return f;
  return { text: f.text.slice(0, f.cursor) + clean + f.text.slice(f.cursor), cursor: f.cursor + clean.length };
}

/** Length of the code point ending at `index` (1, or 2 for a surrogate pair). */
function sizeBefore(text: string, index: number): number {
  if (index <= 0) return 0;
  const low = text.charCodeAt(index - 1);
  const high = index >= 2 ? text.charCodeAt(index - 2) : 0;
  return low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff ? 2 : 1;
}

/** Length of the code point starting at `index`. */
function sizeAt(text: string, index: number): number {
  if (index >= text.length) return 0;
  const cp = text.codePointAt(index) ?? 0;
  return cp > 0xffff ? 2 : 1;
}

export function backspace(f: TextField): TextField {
  const n = sizeBefore(f.text, f.cursor);
  if (n === 0) return f;
  return { text: f.text.slice(0, f.cursor - n) + f.text.slice(f.cursor), cursor: f.cursor - n };
}

export function deleteForward(f: TextField): TextField {
  const n = sizeAt(f.text, f.cursor);
  return n === 0 ? f : { text: f.text.slice(0, f.cursor) + f.text.slice(f.cursor + n), cursor: f.cursor };
}

export const left = (f: TextField): TextField => ({ ...f, cursor: f.cursor - sizeBefore(f.text, f.cursor) });
export const right = (f: TextField): TextField => ({ ...f, cursor: f.cursor + sizeAt(f.text, f.cursor) });
export const home = (f: TextField): TextField => ({ ...f, cursor: 0 });
export const end = (f: TextField): TextField => ({ ...f, cursor: f.text.length });
export const clear = (): TextField => textField('');

/**
 * What a keypress does to a field; undefined when it is not an editing key (Enter, Esc,
 * Tab, arrows up/down are commands, left to the keymap). Backspace and Delete both erase
 * backwards: Ink 6 reports Backspace as `delete` (UX.md pitfall 5), so they cannot differ.
 */
export function applyKey(f: TextField, input: string, key: Key): TextField | undefined {
  if (key.return || key.escape || key.tab || key.upArrow || key.downArrow || key.pageUp || key.pageDown) return undefined;
  if (key.leftArrow) return left(f);
  if (key.rightArrow) return right(f);
  if (key.home) return home(f);
  if (key.end) return end(f);
  if (key.backspace || key.delete) return backspace(f);
  if (key.ctrl) {
    if (input === 'a') return home(f);
    if (input === 'e') return end(f);
    if (input === 'u') return clear();
    if (input === 'd') return deleteForward(f);
    return undefined;
  }
  if (key.meta) return undefined;
  return input ? insert(f, input) : undefined;
}

/** One rendered line of a field; the line holding the cursor has `cursor` set (a cell, ' ' at the end). */
export interface FieldLine {
  readonly before: string;
  readonly cursor?: string;
  readonly after: string;
}

/** How a code point shows: untrusted text is escaped; a newline ends the line after a `⏎`. */
function glyph(cp: string): string {
  if (cp === '\n') return '⏎';
  return sanitizeLine(cp);
}

/**
 * The lines to draw for a field `width` columns wide and at most `height` lines high,
 * wrapped, scrolled so the cursor is visible. Only text near the cursor is laid out, so a
 * 1 MB value costs the same as a short one.
 */
export function fieldLines(f: TextField, width: number, height: number): FieldLine[] {
  const cols = Math.max(2, width);
  const rows = Math.max(1, height);
  const budget = cols * rows * 2 + 4;
  let start = Math.max(0, f.cursor - budget);
  if (start > 0 && sizeBefore(f.text, start + 1) === 2) start += 1; // not inside a surrogate pair
  let stop = Math.min(f.text.length, f.cursor + budget);
  if (stop < f.text.length && sizeBefore(f.text, stop + 1) === 2) stop += 1;

  type Cell = { text: string; at: number };
  const lines: Cell[][] = [[]];
  let used = 0;
  let cursorLine = -1;
  const push = (cell: Cell, w: number) => {
    if (used + w > cols && lines[lines.length - 1].length > 0) {
      lines.push([]);
      used = 0;
    }
    lines[lines.length - 1].push(cell);
    used += w;
  };
  for (let i = start; i < stop; ) {
    const cp = String.fromCodePoint(f.text.codePointAt(i) ?? 0);
    const g = glyph(cp);
    push({ text: g, at: i }, displayWidth(g));
    if (i === f.cursor) cursorLine = lines.length - 1;
    if (cp === '\n') {
      lines.push([]);
      used = 0;
    }
    i += cp.length;
  }
  if (f.cursor >= stop) {
    if (used + 1 > cols) lines.push([]);
    cursorLine = lines.length - 1;
  }
  // Scroll just enough to keep the cursor's line on screen (at the bottom when the text is long).
  const top = Math.max(0, cursorLine - rows + 1);
  return lines.slice(top, top + rows).map((cells, index) => {
    if (top + index !== cursorLine) return { before: cells.map((c) => c.text).join(''), after: '' };
    const at = cells.findIndex((c) => c.at === f.cursor);
    if (at < 0) return { before: cells.map((c) => c.text).join(''), cursor: ' ', after: '' };
    return {
      before: cells.slice(0, at).map((c) => c.text).join(''),
      cursor: cells[at].text,
      after: cells.slice(at + 1).map((c) => c.text).join(''),
    };
  });
}
