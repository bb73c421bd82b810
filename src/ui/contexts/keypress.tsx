/**
 * KeypressProvider: the ONE root `useInput` of the editor, feeding the prioritized registry
 * (keypress-registry.ts). Components subscribe with `useKeypress` (hooks/use-keypress.ts) and
 * never call `useInput` themselves (@inkjs/ui inputs do: pass them `isDisabled` when not focused).
 */
import type { EventEmitter } from 'node:events';
import React, { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useInput, useStdin, type Key } from 'ink';
import { createKeypressRegistry, type KeypressRegistry } from '../keypress-registry.js';
import { createKeyFeeder } from '../key-feeder.js';
import { collectPastes } from '../bracketed-paste.js';

interface KeypressContextValue {
  registry: KeypressRegistry;
  /** True once the root input listener is attached: keys sent from now on are not lost. */
  ready: boolean;
  /** Who is told when a paste arrives with no text field to take it (the app shows a notice). */
  pasteIgnored: Set<(text: string) => void>;
}

const KeypressContext = createContext<KeypressContextValue | null>(null);

export function KeypressProvider({ children, registry }: { children: ReactNode; registry?: KeypressRegistry }) {
  const [ownRegistry] = useState(() => registry ?? createKeypressRegistry());
  const { isRawModeSupported, internal_eventEmitter: inputEvents } = useStdin();
  // Off a TTY this is `undefined`, not `false`; useInput would then die on setRawMode (pitfall 2).
  const active = isRawModeSupported === true;
  const [pasteIgnored] = useState(() => new Set<(text: string) => void>());
  const [feeder] = useState(() => createKeyFeeder(ownRegistry, (text) => pasteIgnored.forEach((listener) => listener(text))));
  const [reached] = useState(() => dropKeysInkCannotName(inputEvents));
  useState(() => collectPastes(inputEvents, (text) => feeder.paste(text)));
  const onInput = useCallback((input: string, key: Key) => {
    reached();
    feeder.feed(input, key);
  }, [feeder, reached]);
  useEffect(() => () => feeder.dispose(), [feeder]);
  useInput(onInput, { isActive: active });
  const [ready, setReady] = useState(false);
  // Runs after useInput's own effects above (same component, declaration order).
  useEffect(() => setReady(active), [active]);
  const value = useMemo(() => ({ registry: ownRegistry, ready, pasteIgnored }), [ownRegistry, ready, pasteIgnored]);
  return <KeypressContext.Provider value={value}>{children}</KeypressContext.Provider>;
}

export function useKeypressContext(): KeypressContextValue {
  const value = useContext(KeypressContext);
  if (!value) throw new Error('useKeypress needs a <KeypressProvider> above it');
  return value;
}

/** Calls `handler` with a paste that arrived while no text field had the focus (and was dropped). */
export function usePasteIgnored(handler: (text: string) => void): void {
  const { pasteIgnored } = useKeypressContext();
  useEffect(() => {
    pasteIgnored.add(handler);
    return () => void pasteIgnored.delete(handler);
  }, [pasteIgnored, handler]);
}

const guarded = new WeakMap<EventEmitter, () => void>();

/**
 * Ink 6.8's useInput throws on a Ctrl-modified escape sequence it has no name for (Ctrl+F1
 * as VS Code and tmux send it, `\e[1;5P`; Ctrl+F13 `\e[25;5~`; a pasted colour code
 * `\e[31m`): the name is undefined and `input.startsWith` throws inside the stdin handler,
 * which ended the editor (vadimdemedes/ink#901, fixed upstream after 6.8). Such a key means
 * nothing to the editor, so an error thrown before the key reached our handler drops it; an
 * error of our own handlers (the key reached them) still goes up. Returns the function the
 * handler calls to say a key reached it.
 */
export function dropKeysInkCannotName(events: EventEmitter | undefined): () => void {
  if (!events) return () => {};
  const known = guarded.get(events);
  if (known) return known;
  let reached = false;
  const emit = events.emit;
  events.emit = function (this: EventEmitter, event: string | symbol, ...args: unknown[]): boolean {
    if (event !== 'input') return emit.call(this, event, ...args);
    reached = false;
    try {
      return emit.call(this, event, ...args);
    } catch (error) {
      if (reached || !(error instanceof TypeError) || typeof args[0] !== 'string' || !args[0].startsWith('\u001B')) throw error;
      return false;
    }
  };
  const markReached = () => {
    reached = true;
  };
  guarded.set(events, markReached);
  return markReached;
}
