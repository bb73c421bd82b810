import { useLayoutEffect, useRef } from 'react';
import { useKeypressContext } from '../contexts/keypress.js';
import { KeyPriority, type KeyHandler } from '../keypress-registry.js';

export { KeyPriority, type KeyHandler };

/**
 * Subscribes `handler` to the dispatcher while `isActive`. Return `true` from the handler to
 * swallow the key. The latest handler is always called, but the subscription itself is kept
 * while priority and isActive stay the same, so "newest first" means "mounted last", not
 * "re-rendered last".
 */
export function useKeypress(
  handler: KeyHandler,
  {
    priority = KeyPriority.Normal,
    isActive = true,
    text = false,
  }: { priority?: KeyPriority; isActive?: boolean; /** a text field: bursts of typing arrive whole */ text?: boolean } = {},
): void {
  const { registry } = useKeypressContext();
  const latest = useRef(handler);
  latest.current = handler;
  // A layout effect: a dialog opened by one key is subscribed in the commit that draws it, and
  // key-feeder.ts holds the next key until that render is done. With a passive effect, a key
  // typed right after `/` or `:` reached the screen below instead of the new input.
  useLayoutEffect(() => {
    if (!isActive) return;
    return registry.subscribe((input, key) => latest.current(input, key), priority, { text });
  }, [registry, priority, isActive, text]);
}
