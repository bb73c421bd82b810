/**
 * Feeds Ink's input events to the keypress registry one key at a time, each key going where it
 * would have gone had it arrived alone (UX.md §2.4). Apart from React so it is tested directly.
 *
 * A key can change who takes the keys after it: Ctrl+C opens the quit dialog over an edit, `/`
 * opens the filter bar, Enter closes a field. The registry only learns of that when React has
 * rendered the change (subscriptions are layout effects). So after every dispatched key the
 * feeder is "settling" until React has done that work, and every key that arrives meanwhile (the
 * rest of a burst cut by key-chunks.ts, another event of the same read, a paste) waits in line.
 * A key that arrives after the screen settled is dispatched at once, as before.
 *
 * Why a microtask and then an idle-priority task: React 19 (Ink 6's reconciler) does not render
 * on dispatch; it queues a microtask, and that microtask posts the render as a normal-priority
 * task of React's scheduler. React's scheduler runs its tasks back to back without letting
 * microtasks in, so an idle task posted right after the dispatch could run BEFORE React's
 * microtask had posted the render: the second key then saw the screen from before the first.
 * That is how `hello typed`, Ctrl+C, `q`, `y` in one read (tmux send-keys) left `hello typedqy`
 * in the edit under the quit dialog: Ctrl+C, the burst's second key, was dispatched from a task
 * of the scheduler, and the idle task for `qy` ran in that same turn, before the dialog was
 * rendered. Hopping one microtask first (queued after React's; microtasks run in order) puts the
 * render in the queue before the idle task is posted, and an idle task runs only after every
 * render and effect already queued.
 */
import type { Key } from 'ink';
import { unstable_cancelCallback as cancelCallback, unstable_IdlePriority as IdlePriority, unstable_scheduleCallback as scheduleCallback } from 'scheduler';
import { isBurst, pasteEvent, segmentBurst, takeNext, type KeyEvent } from './key-chunks.js';
import type { KeypressRegistry } from './keypress-registry.js';

export interface KeyFeeder {
  /** An input event as Ink's useInput hands it over (possibly a burst of several keys). */
  feed(input: string, key: Key): void;
  /** A bracketed paste (bracketed-paste.ts): one text input, in line behind keys still waiting. */
  paste(text: string): void;
  dispose(): void;
}

export function createKeyFeeder(registry: Pick<KeypressRegistry, 'dispatch' | 'textFieldOnTop'>, onPasteIgnored: (text: string) => void): KeyFeeder {
  const queue: Array<string | KeyEvent> = [];
  let task: unknown;
  /** A key was dispatched and React may not have rendered what it caused yet. */
  let settling = false;
  let disposed = false;
  const dispatch = (event: KeyEvent) => {
    // A paste is text for the field that has the focus when its turn comes; with none, its
    // characters would run as commands, so it is dropped and the app says so.
    if (event.paste && !registry.textFieldOnTop()) onPasteIgnored(event.input);
    else registry.dispatch(event.input, event.key);
  };
  const afterReact = () => {
    settling = true;
    queueMicrotask(() => {
      if (!disposed) task = scheduleCallback(IdlePriority, next);
    });
  };
  /** Dispatches the next waiting key, routed by who is on top now (the previous key's screen). */
  const next = () => {
    task = undefined;
    settling = false;
    const event = takeNext(queue, registry.textFieldOnTop());
    if (!event) return;
    dispatch(event);
    afterReact();
  };
  return {
    feed(input, key) {
      if (isBurst(input, key)) queue.push(...segmentBurst(input));
      else queue.push({ input, key });
      if (!settling) next();
    },
    paste(text) {
      if (text === '') return;
      queue.push(pasteEvent(text));
      if (!settling) next();
    },
    dispose() {
      disposed = true;
      if (task !== undefined) cancelCallback(task);
      task = undefined;
      queue.length = 0;
    },
  };
}
