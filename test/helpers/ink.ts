/**
 * Rendering Ink trees in tests (UX.md §4.1): poll frames with a deadline instead of
 * sleeping, wait for the input listener before the first key, yield after a bare Esc, and
 * fail a test on any React act() warning (an update the test did not wait for).
 *
 * Importing this module installs the act-warning check for the whole test file.
 */
import { afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { stripVTControlCharacters } from 'node:util';
import type { ReactElement } from 'react';
import { cleanup as inkCleanup, render as inkRender } from 'ink-testing-library';
import { unstable_IdlePriority as IdlePriority, unstable_scheduleCallback as scheduleCallback } from 'scheduler';

/** Key sequences as a terminal sends them. */
export const KEYS = {
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  enter: '\r',
  escape: '\u001B',
  tab: '\t',
  shiftTab: '\u001B[Z',
  pageUp: '\u001B[5~',
  pageDown: '\u001B[6~',
  home: '\u001B[H',
  end: '\u001B[F',
  backspace: '\u007F',
  ctrlS: '\u0013',
  ctrlC: '\u0003',
  ctrlR: '\u0012',
} as const;

// --- act() warnings fail the test -------------------------------------------------------
const actWarnings: string[] = [];
const originalConsoleError = console.error;
console.error = (...args: unknown[]) => {
  if (String(args[0]).includes('act(')) actWarnings.push(String(args[0]));
  else originalConsoleError(...args);
};
afterEach(() => {
  inkCleanup();
  assert.deepEqual(actWarnings.splice(0), [], 'React act() warnings');
});

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Lets pending effects and Ink's input parser run: setImmediate, then a macrotask. */
export async function settle(): Promise<void> {
  await new Promise<void>((r) => setImmediate(r));
  await sleep(0);
  // Keys of one burst wait in the key feeder for an idle task of React's scheduler (key-feeder.ts):
  // an idle task queued after it runs once the waiting key, and what it rendered, are done.
  await new Promise<void>((r) => queueMicrotask(() => scheduleCallback(IdlePriority, () => r())));
}

/** Polls `ok` every 5 ms until it holds or `ms` pass; the error shows the last frame. */
export async function until(ok: () => boolean, frame: () => string | undefined, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out; last frame:\n${frame() ?? '(none)'}`);
    await sleep(5);
  }
}

export interface InkHarness {
  /** Last frame, ANSI stripped. */
  frame(): string;
  /** Every frame so far, ANSI stripped (frames.length itself is unreliable under React 19). */
  frames(): string[];
  /** Every frame as Ink wrote it, escape sequences included (to prove data added none). */
  rawFrames(): string[];
  /** Sends one key sequence (see KEYS) and lets Ink process it. */
  press(sequence: string): Promise<void>;
  /** Sends printable text one character at a time. */
  type(text: string): Promise<void>;
  /** Waits until the frame contains `text` or matches the pattern. */
  waitFor(pattern: string | RegExp, ms?: number): Promise<string>;
  /** Waits until the frame no longer contains `text` / matches. */
  waitForNo(pattern: string | RegExp, ms?: number): Promise<string>;
  /** Waits until some component subscribed to stdin, so a key is not lost. */
  waitForInput(): Promise<void>;
  rerender(tree: ReactElement): void;
  unmount(): void;
  stdin: ReturnType<typeof inkRender>['stdin'];
}

const test = (pattern: string | RegExp, text: string) =>
  typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text);

export function renderInk(tree: ReactElement): InkHarness {
  const r = inkRender(tree);
  const frame = () => stripVTControlCharacters(r.lastFrame() ?? '');
  const harness: InkHarness = {
    frame,
    frames: () => r.frames.map((f) => stripVTControlCharacters(f)),
    rawFrames: () => [...r.frames],
    async press(sequence) {
      await harness.waitForInput();
      r.stdin.write(sequence);
      await settle();
      // Ink holds a lone Esc until setImmediate to tell it from Alt+key: give it a turn.
      if (sequence === KEYS.escape) await settle();
    },
    async type(text) {
      for (const ch of text) await harness.press(ch);
    },
    async waitFor(pattern, ms) {
      await until(() => test(pattern, frame()), frame, ms);
      await settle(); // the handlers of what just appeared subscribe after the frame
      return frame();
    },
    async waitForNo(pattern, ms) {
      await until(() => !test(pattern, frame()), frame, ms);
      await settle();
      return frame();
    },
    async waitForInput() {
      await until(() => r.stdin.listenerCount('readable') > 0, frame);
    },
    rerender: (t) => r.rerender(t),
    unmount: () => r.unmount(),
    stdin: r.stdin,
  };
  return harness;
}
