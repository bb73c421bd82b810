/**
 * Ink 6 hands a burst of keys that arrive in one read (typing fast, key repeat under load,
 * tmux send-keys, a paste) to `useInput` as ONE string: `jj` or `abc\r`. Matched whole, `jj`
 * is no command and `abc\r` is text with a newline instead of text + Enter. This module cuts
 * such a chunk into the keys a person typed: control keys (Enter, Tab, Backspace) always
 * alone; a run of printable characters whole for a focused text field (a paste stays one
 * edit) and one character at a time for everything else.
 */
import type { Key } from 'ink';

export interface KeyEvent {
  input: string;
  key: Key;
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
    default:
      return { input, key: { ...BASE_KEY, shift: input.length === 1 && /[A-Z]/.test(input) } };
  }
}

const CONTROL = /[\r\n\t\u007f\b]/;

/** Whether Ink's event is a burst of several plain keys that needs cutting. */
export function isBurst(input: string, key: Key): boolean {
  if (key.ctrl || key.meta || key.escape || input.length < 2) return false;
  // Anything with another control character (escape sequences, Ctrl keys) is left to Ink.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0007\u000b\u000c\u000e-\u001f]/.test(input)) return false;
  return true;
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
