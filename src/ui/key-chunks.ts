/**
 * Ink 6 hands a burst of keys that arrive in one read (typing fast, key repeat under load,
 * tmux send-keys, a paste) to `useInput` as ONE string: `jj` or `abc\r`. Matched whole, `jj`
 * is no command and `abc\r` is text with a newline instead of text + Enter; `\u0015abc\r`
 * (Ctrl+U, text, Enter) loses the Ctrl+U as well. This module cuts such a chunk into the
 * keys a person typed: control keys (Enter, Tab, Backspace, Ctrl+letter) always alone; a run
 * of printable characters whole for a focused text field (a paste stays one edit) and one
 * character at a time for everything else.
 */
import type { Key } from 'ink';

export interface KeyEvent {
  input: string;
  key: Key;
  /** A bracketed paste: text for a focused text field, never keys (bracketed-paste.ts). */
  paste?: true;
}

const BASE_KEY: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

/** A pasted text as one input event (line breaks and all; text-field.ts keeps them). */
export function pasteEvent(text: string): KeyEvent {
  return { input: text, key: { ...BASE_KEY }, paste: true };
}

/** A key as Ink 6 reports one typed alone. */
export function plainKey(input: string): KeyEvent {
  switch (input) {
    case '\r':
    case '\n':
      return { input: '', key: { ...BASE_KEY, return: true } };
    case '\t':
      return { input: '', key: { ...BASE_KEY, tab: true } };
    case '\u007f':
    case '\b':
      // Ink 6 reports Backspace as `delete` (UX.md pitfall 5).
      return { input: '', key: { ...BASE_KEY, delete: true } };
    case '\u001b':
      return { input: '', key: { ...BASE_KEY, escape: true, meta: true } };
    default:
      // Ctrl+letter: Ink names the letter (Ctrl+Space, NUL, becomes a backtick as in Ink).
      if (input.length === 1 && input <= '\u001a') return { input: String.fromCharCode(input.charCodeAt(0) + 0x60), key: { ...BASE_KEY, ctrl: true } };
      return { input, key: { ...BASE_KEY, shift: input.length === 1 && /[A-Z]/.test(input) } };
  }
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Whether Ink's event is a burst of several keys that needs cutting. */
export function isBurst(input: string, key: Key): boolean {
  if (key.ctrl || key.meta || key.escape || input.length < 2) return false;
  // Ink's parser cuts escape sequences (arrows, Alt+key) out of a read before we see it, so
  // an event still holding ESC is one key Ink could not name: not ours to cut.
  return !input.includes('\u001b');
}

/**
 * Cuts a burst into segments: each control key alone, printable runs together (in code
 * points, so an emoji is never split). Runs are cut further by `takeNext` when no text
 * field has the focus.
 */
export function segmentBurst(input: string): string[] {
  const segments: string[] = [];
  let run = '';
  for (const ch of input) {
    if (CONTROL.test(ch)) {
      if (run) segments.push(run);
      run = '';
      // \r\n from a paste is one Enter.
      if (ch === '\n' && segments[segments.length - 1] === '\r') continue;
      segments.push(ch);
    } else {
      run += ch;
    }
  }
  if (run) segments.push(run);
  return segments;
}

/**
 * The next key to dispatch from a queue of segments, decided at dispatch time because a key
 * may open a text field (`/` then `abc`). Mutates the queue: a run is split into its first
 * character and the rest unless a text field is on top.
 */
export function takeNext(queue: Array<string | KeyEvent>, textFieldOnTop: boolean): KeyEvent | undefined {
  const segment = queue.shift();
  if (segment === undefined) return undefined;
  if (typeof segment !== 'string') return segment; // a special key (arrow, Esc…) queued behind a burst
  const chars = Array.from(segment);
  if (chars.length === 1 || CONTROL.test(segment)) return plainKey(segment);
  if (textFieldOnTop) return { input: segment, key: { ...BASE_KEY } };
  queue.unshift(chars.slice(1).join(''));
  return plainKey(chars[0]);
}
