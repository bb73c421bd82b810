/**
 * `:messages` (UX.md "Errors persist"): every error shown this run, newest first, each whole. The error line keeps
 * one row and cuts what does not fit (a long AWS validation message loses its useful end); here nothing is cut:
 * each message is wrapped to the dialog's width, and the request id is given in full.
 */
import { formatTime, type DateFormat } from '../../util/format.js';
import { sanitizeLine } from '../../util/sanitize.js';
import { displayWidth } from '../../util/truncate.js';
import type { ErrorInfo } from './dialogs.js';

/** `14:05:09 ✗ Code: message · Operation · HTTP 400 · req <whole id> · hint`, control characters made visible. */
export function messageText(error: ErrorInfo, dateFormat: DateFormat = 'local'): string {
  const parts = [`${error.code}: ${error.message}`];
  if (error.operation) parts.push(error.operation);
  if (error.httpStatus) parts.push(`HTTP ${error.httpStatus}`);
  if (error.requestId) parts.push(`req ${error.requestId}`);
  if (error.hint) parts.push(error.hint);
  return sanitizeLine(`${formatTime(error.at, { format: dateFormat, style: 'seconds' })} ✗ ${parts.join(' · ')}`);
}

/**
 * `text` cut into lines of at most `width` columns: after the last space that fits, else (a word longer than the
 * line) by code point, so a wide character never straddles two lines. Nothing is dropped but the spaces lines
 * break at.
 */
export function wrapToWidth(text: string, width: number): string[] {
  const room = Math.max(1, width);
  const lines: string[] = [];
  let line: string[] = [];
  let used = 0;
  for (const ch of text) {
    const w = displayWidth(ch);
    if (used + w > room && line.length > 0) {
      if (ch === ' ') {
        lines.push(line.join(''));
        line = [];
        used = 0;
        continue;
      }
      const space = line.lastIndexOf(' ');
      const carried = space > 0 ? line.slice(space + 1) : [];
      lines.push((space > 0 ? line.slice(0, space) : line).join(''));
      line = carried;
      used = carried.reduce((n, c) => n + displayWidth(c), 0);
    }
    line.push(ch);
    used += w;
  }
  if (line.length > 0 || lines.length === 0) lines.push(line.join(''));
  return lines;
}

export interface MessageRow {
  readonly text: string;
  /** Which message (0 = the first text) the row is part of. */
  readonly index: number;
  /** The row belongs to the selected message. */
  readonly selected: boolean;
}

export interface MessagesView {
  readonly rows: MessageRow[];
  /** The first message shown, for the next call (it follows the selection). */
  readonly top: number;
}

/**
 * The rows that fit `height`, from message `top` on (newest first), moved so that the `selected` message is shown
 * whole when it fits at all: above the window it becomes the top, below it the top advances until it fits.
 */
export function messagesView(texts: readonly string[], selected: number, top: number, width: number, height: number): MessagesView {
  const wrapped = texts.map((t) => wrapToWidth(t, width));
  let first = Math.max(0, Math.min(top, selected));
  const linesFrom = (from: number, to: number) => wrapped.slice(from, to + 1).reduce((n, w) => n + w.length, 0);
  while (first < selected && linesFrom(first, selected) > height) first++;
  const rows: MessageRow[] = [];
  for (let i = first; i < wrapped.length && rows.length < height; i++) {
    for (const text of wrapped[i]) {
      if (rows.length === height) break;
      rows.push({ text, index: i, selected: i === selected });
    }
  }
  return { rows, top: first };
}
