/**
 * The prioritized key dispatcher's core, apart from React (UX.md §2.4). Ink 6 hands every key
 * to every active `useInput`, so cogsync has one root `useInput` that feeds this registry.
 *
 * Levels run in order Critical → High → Normal → Low; within a level the newest subscriber
 * runs first (the dialog opened last wins). A handler returning `true` swallows the key.
 */
import type { Key } from 'ink';

export const KeyPriority = {
  /** Guards that must see every key first (Ctrl+C → quit action). */
  Critical: 0,
  /** An open dialog or a focused text input: they swallow what they handle. */
  High: 1,
  /** The focused screen or pane. */
  Normal: 2,
  /** Global keys (`?` `:` `/` `q`): only when nothing above wanted the key. */
  Low: 3,
} as const;
export type KeyPriority = (typeof KeyPriority)[keyof typeof KeyPriority];

/** Returns `true` when it handled the key, so nobody below sees it. */
export type KeyHandler = (input: string, key: Key) => boolean | void;

export interface SubscribeOptions {
  /** A focused text field: a burst of typed characters reaches it whole (key-chunks.ts). */
  text?: boolean;
}

export interface KeypressRegistry {
  subscribe(handler: KeyHandler, priority: KeyPriority, options?: SubscribeOptions): () => void;
  /** Whether the subscriber that sees keys first (below Critical guards) is a text field. */
  textFieldOnTop(): boolean;
  /** Runs the handlers; returns whether one swallowed the key. */
  dispatch(input: string, key: Key): boolean;
  /** Subscribers per level (for tests and the ready marker). */
  count(): number;
}

export function createKeypressRegistry(): KeypressRegistry {
  const levels: KeyHandler[][] = [[], [], [], []];
  const textHandlers = new WeakSet<KeyHandler>();
  return {
    subscribe(handler, priority, options = {}) {
      const level = levels[priority];
      level.push(handler);
      if (options.text) textHandlers.add(handler);
      return () => {
        const i = level.lastIndexOf(handler);
        if (i >= 0) level.splice(i, 1);
      };
    },
    textFieldOnTop() {
      for (const level of levels.slice(KeyPriority.High)) {
        if (level.length > 0) return textHandlers.has(level[level.length - 1]);
      }
      return false;
    },
    dispatch(input, key) {
      for (const level of levels) {
        // Copy: a handler may open a dialog (subscribe) or close one (unsubscribe) while we run.
        const handlers = level.slice();
        for (let i = handlers.length - 1; i >= 0; i--) {
          if (handlers[i](input, key) === true) return true;
        }
      }
      return false;
    },
    count: () => levels.reduce((n, l) => n + l.length, 0),
  };
}
