/**
 * Bracketed paste (xterm's mode 2004, which every common terminal and tmux support): with
 * it on, the terminal wraps pasted text in `ESC[200~` … `ESC[201~`, so a paste can be told
 * from typing. Without it a pasted `line1⏎line2` was Enter after `line1`, and `line2…` then
 * ran as commands on the table (`d` removes, `D` discards). Ink 6.8 does not know the mode:
 * it hands each marker to useInput as a key of its own and the text between as ordinary
 * input, in as many events as the terminal needed reads. `collectPastes` sits in front of
 * Ink's input events: between the markers nothing reaches useInput, and at the end marker
 * the whole text goes to `onPaste` at once.
 */
import type { EventEmitter } from 'node:events';

export const ENABLE_BRACKETED_PASTE = '\u001b[?2004h';
export const DISABLE_BRACKETED_PASTE = '\u001b[?2004l';
export const PASTE_START = '\u001b[200~';
export const PASTE_END = '\u001b[201~';
/**
 * A terminal that never sends the end marker must not swallow every key after a paste; long enough that a paste
 * stalling on a slow link (ssh, mosh) is not cut in two, the rest of it then run as keys.
 */
export const PASTE_END_TIMEOUT_MS = 10_000;

export type PasteStep = { kind: 'key' } | { kind: 'inside' } | { kind: 'stray' } | { kind: 'done'; text: string };

/** The markers and the text between them, one input event at a time. Pure. */
export class PasteReader {
  private text: string | undefined;

  get pasting(): boolean {
    return this.text !== undefined;
  }

  /** `key`: not part of a paste (let it through); `inside` and `stray` (an end marker after a timeout): swallowed; `done`: the paste's text. */
  feed(input: string): PasteStep {
    if (this.text === undefined) {
      if (input === PASTE_END) return { kind: 'stray' };
      if (input !== PASTE_START) return { kind: 'key' };
      this.text = '';
      return { kind: 'inside' };
    }
    if (input === PASTE_END) return { kind: 'done', text: this.finish() };
    // A start marker inside a paste is the terminal's, not text (a nested paste cannot happen).
    if (input !== PASTE_START) this.text += input;
    return { kind: 'inside' };
  }

  /** Ends a paste whose end marker never came; undefined when none is open. */
  finish(): string {
    const text = this.text ?? '';
    this.text = undefined;
    return text;
  }
}

/**
 * Wraps the emitter Ink reads keys from (useStdin's internal_eventEmitter) so that pastes
 * go to `onPaste` whole and never reach useInput. Installed once per emitter.
 */
export function collectPastes(events: EventEmitter | undefined, onPaste: (text: string) => void, endTimeoutMs = PASTE_END_TIMEOUT_MS): void {
  if (!events || installed.has(events)) return;
  installed.add(events);
  const reader = new PasteReader();
  let timer: NodeJS.Timeout | undefined;
  const stopTimer = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  const emit = events.emit;
  events.emit = function (this: EventEmitter, event: string | symbol, ...args: unknown[]): boolean {
    if (event !== 'input' || typeof args[0] !== 'string') return emit.call(this, event, ...args);
    const step = reader.feed(args[0]);
    if (step.kind === 'key') return emit.call(this, event, ...args);
    if (step.kind === 'stray') return true;
    stopTimer();
    if (step.kind === 'done') onPaste(step.text);
    else {
      timer = setTimeout(() => {
        timer = undefined;
        if (reader.pasting) onPaste(reader.finish());
      }, endTimeoutMs);
      timer.unref();
    }
    return true;
  };
}

const installed = new WeakSet<EventEmitter>();
