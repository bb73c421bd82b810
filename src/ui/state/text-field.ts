/**
 * A controlled text field as plain data: the text and a cursor (UTF-16 index, always between
 * two characters as they show: graphemes), and the line-editing keys of every text input of the editor (the
 * inline record editor, the add form, the conflict dialog's merged value, the connection
 * form, the typed confirmation, the `:` palette and the `/` filter), so they all edit alike,
 * as readline does. Typing goes through the one key dispatcher and tests can drive it
 * without a terminal. Values may hold newlines and tabs (pasted text), so those are kept
 * unless the input is one line (`oneLine`); other control characters are dropped (a pasted
 * escape sequence must not become a value by accident).
 */
import type { Key } from 'ink';
import { sanitizeLine } from '../../util/sanitize.js';
import { displayWidth, truncateToWidth } from '../../util/truncate.js';
import { FastGraphemeSegmenter } from '../../util/fast-segmenter.js';

export interface TextField {
  readonly text: string;
  /** Index into `text` (UTF-16 code units), 0..text.length, never inside a grapheme (a surrogate pair, `e` + accent). */
  readonly cursor: number;
}

export function textField(text = '', cursor = text.length): TextField {
  return { text, cursor: Math.max(0, Math.min(text.length, cursor)) };
}

/** Pasted `\r\n` and lone `\r` become `\n`; other control characters (ESC, NUL…) are dropped. */
export function cleanInput(input: string): string {
  return input.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}

/** Options of an input: `oneLine` drops pasted line breaks and tabs too (a command, a filter, a name). */
export interface FieldOptions {
  readonly oneLine?: boolean;
}

export function insert(f: TextField, input: string, options: FieldOptions = {}): TextField {
  const clean = options.oneLine ? cleanInput(input).replace(/[\n\t]/g, '') : cleanInput(input);
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

// What shows as one character (a grapheme: `e` + a combining accent, an emoji ZWJ sequence, a flag) is what the
// cursor steps over and Backspace/Delete erase: stepping by code point put the cursor on a zero-width combining mark
// (drawn as no cell at all) or inside an emoji sequence (drawn as its broken parts).
// ICU is left out when every code unit is a character (fast-segmenter.ts), as for most typed text.
const graphemes = new FastGraphemeSegmenter('en', { granularity: 'grapheme' });
/** Code units looked at around the cursor for one grapheme (a longer one is stepped by code point). */
const GRAPHEME_WINDOW = 64;

/** Length of the grapheme ending at `index` (a cursor position). */
function graphemeBefore(text: string, index: number): number {
  if (index <= 0) return 0;
  const from = Math.max(0, index - GRAPHEME_WINDOW);
  let last = 0;
  for (const s of graphemes.segment(text.slice(from, index))) last = s.segment.length;
  return last === 0 || (from > 0 && last === index - from) ? sizeBefore(text, index) : last;
}

/** Length of the grapheme starting at `index` (a cursor position). */
function graphemeAt(text: string, index: number): number {
  if (index >= text.length) return 0;
  const first = graphemes.segment(text.slice(index, index + GRAPHEME_WINDOW))[Symbol.iterator]().next();
  return first.done ? sizeAt(text, index) : first.value.segment.length;
}

export function backspace(f: TextField): TextField {
  const n = graphemeBefore(f.text, f.cursor);
  if (n === 0) return f;
  return { text: f.text.slice(0, f.cursor - n) + f.text.slice(f.cursor), cursor: f.cursor - n };
}

export function deleteForward(f: TextField): TextField {
  const n = graphemeAt(f.text, f.cursor);
  return n === 0 ? f : { text: f.text.slice(0, f.cursor) + f.text.slice(f.cursor + n), cursor: f.cursor };
}

export const left = (f: TextField): TextField => ({ ...f, cursor: f.cursor - graphemeBefore(f.text, f.cursor) });
export const right = (f: TextField): TextField => ({ ...f, cursor: f.cursor + graphemeAt(f.text, f.cursor) });
export const home = (f: TextField): TextField => ({ ...f, cursor: 0 });
export const end = (f: TextField): TextField => ({ ...f, cursor: f.text.length });
export const clear = (): TextField => textField('');

/** Ctrl+U: everything before the cursor goes (the whole field when the cursor is at the end). */
export const deleteToStart = (f: TextField): TextField => ({ text: f.text.slice(f.cursor), cursor: 0 });
/** Ctrl+K: everything after the cursor goes. */
export const deleteToEnd = (f: TextField): TextField => ({ text: f.text.slice(0, f.cursor), cursor: f.cursor });

/**
 * What counts as a word. `alnum`: letters and digits, as readline's Alt+B/F/D and
 * Alt+Backspace see them (`user_name` is two words, `us-east-1` three). `blank`: anything
 * but spaces, tabs and line breaks, as readline's Ctrl+W sees it (`:pool us-east-1:ab` → `:pool `).
 */
export type WordKind = 'alnum' | 'blank';

const isWordChar = (cp: string, kind: WordKind): boolean => (kind === 'alnum' ? /[\p{L}\p{N}\p{M}]/u.test(cp) : !/\s/u.test(cp));

/** Where the word before `index` starts: non-word characters skipped first, then the word. */
export function wordStartBefore(text: string, index: number, kind: WordKind): number {
  let i = index;
  let inWord = false;
  while (i > 0) {
    const n = sizeBefore(text, i);
    const word = isWordChar(text.slice(i - n, i), kind);
    if (inWord && !word) break;
    if (word) inWord = true;
    i -= n;
  }
  return i;
}

/** Where the word at or after `index` ends: non-word characters skipped first, then the word. */
export function wordEndAfter(text: string, index: number, kind: WordKind): number {
  let i = index;
  let inWord = false;
  while (i < text.length) {
    const n = sizeAt(text, i);
    const word = isWordChar(text.slice(i, i + n), kind);
    if (inWord && !word) break;
    if (word) inWord = true;
    i += n;
  }
  return i;
}

/** Alt+B, Ctrl+← / Alt+←: to the start of this or the previous word. */
export const wordLeft = (f: TextField): TextField => ({ ...f, cursor: wordStartBefore(f.text, f.cursor, 'alnum') });
/** Alt+F, Ctrl+→ / Alt+→: to the end of this or the next word. */
export const wordRight = (f: TextField): TextField => ({ ...f, cursor: wordEndAfter(f.text, f.cursor, 'alnum') });

/** Ctrl+W (`blank` words), Alt+Backspace (`alnum` words): the word before the cursor goes. */
export function deleteWordBefore(f: TextField, kind: WordKind): TextField {
  const start = wordStartBefore(f.text, f.cursor, kind);
  return { text: f.text.slice(0, start) + f.text.slice(f.cursor), cursor: start };
}

/** Alt+D: the word after the cursor goes. */
export function deleteWordAfter(f: TextField): TextField {
  const stop = wordEndAfter(f.text, f.cursor, 'alnum');
  return { text: f.text.slice(0, f.cursor) + f.text.slice(stop), cursor: f.cursor };
}

/**
 * What a keypress does to a field; undefined when it is not an editing key (Enter, Esc,
 * Tab, arrows up/down are commands, left to the keymap). The keys are readline's:
 *
 * - ←/→ Ctrl+B/Ctrl+F a character; Ctrl+←/→, Alt+←/→, Alt+B/Alt+F a word; Home/End Ctrl+A/Ctrl+E the ends.
 * - Backspace (and Delete, Ctrl+H) erase the character before the cursor; Ctrl+D the one under it.
 * - Ctrl+W erases back to a space; Alt+Backspace, Ctrl+Backspace (where it arrives as its own
 *   key) and Ctrl/Alt+Delete back to the start of a word; Alt+D to the end of a word.
 * - Ctrl+U erases to the start, Ctrl+K to the end.
 *
 * How Ink 6.8 reports them (parse-keypress.ts, use-input.ts): Backspace (0x7F) and Delete
 * (`ESC[3~`) are both `delete`, so they cannot differ (UX.md pitfall 5). Alt+Backspace
 * (`ESC 0x7F`) is `delete` + `meta`; Ctrl+Delete (`ESC[3;5~`) `delete` + `ctrl`. 0x08 is
 * `backspace` with no modifier: xterm, GNOME Terminal and tmux send it for Ctrl+Backspace, but
 * it is also Ctrl+H and the Backspace of Windows consoles, so it erases one character, as in
 * bash. Ctrl+W/U/K… arrive as the letter with `ctrl`; Alt+B/F/D as the letter with `meta`
 * (Esc itself is `escape` + `meta`, taken earlier). Home/End arrive as `home`/`end` in every
 * encoding Ink knows (`ESC[H` `ESC[1~` `ESC OH`, `ESC[F` `ESC[4~` `ESC OF`).
 */
export function applyKey(f: TextField, input: string, key: Key, options: FieldOptions = {}): TextField | undefined {
  if (key.return || key.escape || key.tab || key.upArrow || key.downArrow || key.pageUp || key.pageDown) return undefined;
  if (key.leftArrow) return key.ctrl || key.meta ? wordLeft(f) : left(f);
  if (key.rightArrow) return key.ctrl || key.meta ? wordRight(f) : right(f);
  if (key.home) return home(f);
  if (key.end) return end(f);
  if (key.backspace || key.delete) return key.ctrl || key.meta ? deleteWordBefore(f, 'alnum') : backspace(f);
  if (key.ctrl) {
    switch (input) {
      case 'a': return home(f);
      case 'e': return end(f);
      case 'b': return left(f);
      case 'f': return right(f);
      case 'h': return backspace(f);
      case 'd': return deleteForward(f);
      case 'u': return deleteToStart(f);
      case 'k': return deleteToEnd(f);
      case 'w': return deleteWordBefore(f, 'blank');
      default: return undefined;
    }
  }
  if (key.meta) {
    switch (input) {
      case 'b': return wordLeft(f);
      case 'f': return wordRight(f);
      case 'd': return deleteWordAfter(f);
      default: return undefined;
    }
  }
  return input ? insert(f, input, options) : undefined;
}

/** One rendered line of a field; the line holding the cursor has `cursor` set (a cell, ' ' at the end). */
export interface FieldLine {
  readonly before: string;
  readonly cursor?: string;
  readonly after: string;
}

/** How a character (a grapheme) shows: untrusted text is escaped; a newline ends the line after a `⏎`. */
function glyph(character: string): string {
  if (character === '\n') return '⏎';
  return sanitizeLine(character);
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

  type Cell = { text: string; at: number; size: number };
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
  // One cell a grapheme (what the cursor steps over).
  for (const { segment, index } of graphemes.segment(f.text.slice(start, stop))) {
    const at = start + index;
    const g = glyph(segment);
    push({ text: g, at, size: segment.length }, displayWidth(g));
    if (at <= f.cursor && f.cursor < at + segment.length) cursorLine = lines.length - 1;
    if (segment === '\n') {
      lines.push([]);
      used = 0;
    }
  }
  if (f.cursor >= stop) {
    if (used + 1 > cols) lines.push([]);
    cursorLine = lines.length - 1;
  }
  // Scroll just enough to keep the cursor's line on screen (at the bottom when the text is long).
  const top = Math.max(0, cursorLine - rows + 1);
  return lines.slice(top, top + rows).map((cells, index) => {
    if (top + index !== cursorLine) return { before: cells.map((c) => c.text).join(''), after: '' };
    const at = cells.findIndex((c) => c.at <= f.cursor && f.cursor < c.at + c.size);
    if (at < 0) return { before: cells.map((c) => c.text).join(''), cursor: ' ', after: '' };
    return {
      before: cells.slice(0, at).map((c) => c.text).join(''),
      cursor: cells[at].text,
      after: cells.slice(at + 1).map((c) => c.text).join(''),
    };
  });
}

/**
 * A one-line input drawn in `width` columns: the text before the cursor (its start cut with
 * `…` when long, so the cursor always shows), the cell under the cursor (' ' at the end) and
 * what follows, cut at the right edge. Untrusted text is escaped.
 */
export function lineView(f: TextField, width: number): Required<FieldLine> {
  const at = graphemeAt(f.text, f.cursor);
  const cursor = at === 0 ? ' ' : glyph(f.text.slice(f.cursor, f.cursor + at));
  const room = Math.max(0, width - displayWidth(cursor));
  const before = truncateToWidth(sanitizeLine(f.text.slice(0, f.cursor)), room, 'start');
  const after = truncateToWidth(sanitizeLine(f.text.slice(f.cursor + at)), room - displayWidth(before), 'end');
  return { before, cursor, after };
}
