/**
 * KeypressProvider: the ONE root `useInput` of the editor, feeding the prioritized registry
 * (keypress-registry.ts). Components subscribe with `useKeypress` (hooks/use-keypress.ts) and
 * never call `useInput` themselves (@inkjs/ui inputs do: pass them `isDisabled` when not focused).
 */
import React, { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useInput, useStdin, type Key } from 'ink';
import { createKeypressRegistry, type KeypressRegistry } from '../keypress-registry.js';

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
  const onInput = useCallback((input: string, key: Key) => void ownRegistry.dispatch(input, key), [ownRegistry]);
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
