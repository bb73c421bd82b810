/**
 * KeypressProvider: the ONE root `useInput` of the editor, feeding the prioritized registry
 * (keypress-registry.ts). Components subscribe with `useKeypress` (hooks/use-keypress.ts) and
 * never call `useInput` themselves (@inkjs/ui inputs do: pass them `isDisabled` when not focused).
 */
import React, { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useInput, useStdin, type Key } from 'ink';
import { createKeypressRegistry, type KeypressRegistry } from '../keypress-registry.js';
import { isBurst, segmentBurst, takeNext, type KeyEvent } from '../key-chunks.js';
import { unstable_cancelCallback as cancelCallback, unstable_IdlePriority as IdlePriority, unstable_scheduleCallback as scheduleCallback } from 'scheduler';

interface KeypressContextValue {
  registry: KeypressRegistry;
  /** True once the root input listener is attached: keys sent from now on are not lost. */
  ready: boolean;
}

const KeypressContext = createContext<KeypressContextValue | null>(null);

export function KeypressProvider({ children, registry }: { children: ReactNode; registry?: KeypressRegistry }) {
  const [ownRegistry] = useState(() => registry ?? createKeypressRegistry());
  const { isRawModeSupported } = useStdin();
  // Off a TTY this is `undefined`, not `false`; useInput would then die on setRawMode (pitfall 2).
  const active = isRawModeSupported === true;
  const [feeder] = useState(() => createBurstFeeder(ownRegistry));
  const onInput = useCallback((input: string, key: Key) => feeder.feed(input, key), [feeder]);
  useEffect(() => () => feeder.dispose(), [feeder]);
  useInput(onInput, { isActive: active });
  const [ready, setReady] = useState(false);
  // Runs after useInput's own effects above (same component, declaration order).
  useEffect(() => setReady(active), [active]);
  const value = useMemo(() => ({ registry: ownRegistry, ready }), [ownRegistry, ready]);
  return <KeypressContext.Provider value={value}>{children}</KeypressContext.Provider>;
}

export function useKeypressContext(): KeypressContextValue {
  const value = useContext(KeypressContext);
  if (!value) throw new Error('useKeypress needs a <KeypressProvider> above it');
  return value;
}

/**
 * Feeds Ink's events to the registry, cutting bursts (key-chunks.ts) into single keys. The
 * first key of a burst is handled at once; each next one waits until React has finished
 * all the work the previous key caused (renders and the effects they schedule), so it sees
 * the screen the previous key left: a `/` opens the filter before `nick` is typed into it.
 * React's own scheduler runs tasks by priority, so an idle-priority task runs after every
 * render and effect already queued. While keys wait, new input lines up behind them.
 */
function createBurstFeeder(registry: KeypressRegistry) {
  const queue: Array<string | KeyEvent> = [];
  let task: unknown;
  const drainOne = () => {
    task = undefined;
    const next = takeNext(queue, registry.textFieldOnTop());
    if (next) registry.dispatch(next.input, next.key);
    if (queue.length > 0) task = scheduleCallback(IdlePriority, drainOne);
  };
  return {
    feed(input: string, key: Key) {
      if (!isBurst(input, key)) {
        if (queue.length === 0) registry.dispatch(input, key);
        else queue.push({ input, key }); // typed while a burst drains: wait in line
        return;
      }
      const wasIdle = queue.length === 0;
      queue.push(...segmentBurst(input));
      if (wasIdle) drainOne();
    },
    dispose() {
      if (task !== undefined) cancelCallback(task);
      queue.length = 0;
    },
  };
}
