import { useCallback, useEffect, useRef, useState } from 'react';

export const DEFAULT_TOAST_MS = 4000;

/**
 * A message that clears itself after `durationMs`: for SUCCESS toasts only ("3 changes
 * committed"). Errors must never time out (UX.md §1.2): they go to the sticky error panel.
 * Showing a new message restarts the timer.
 */
export function useTimedMessage<T>(durationMs = DEFAULT_TOAST_MS): [T | undefined, (message: T) => void, () => void] {
  const [message, setMessage] = useState<T | undefined>(undefined);
  const timer = useRef<NodeJS.Timeout | undefined>(undefined);
  const clear = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = undefined;
    setMessage(undefined);
  }, []);
  const show = useCallback(
    (next: T) => {
      if (timer.current) clearTimeout(timer.current);
      setMessage(() => next);
      timer.current = setTimeout(() => {
        timer.current = undefined;
        setMessage(undefined);
      }, durationMs);
    },
    [durationMs],
  );
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  return [message, show, clear];
}
