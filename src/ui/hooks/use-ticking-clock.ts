import { useEffect, useState } from 'react';

/**
 * The time, redrawn every `everyMs` while `active`: text that counts down (watch mode's "retry in 16s") would
 * otherwise stand still until the next state change. Idle otherwise, so nothing redraws for nothing.
 */
export function useTickingClock(active: boolean, everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [active, everyMs]);
  return active ? now : Date.now();
}
