import React, { useEffect, useState } from 'react';
import { Text } from 'ink';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/**
 * A spinner that animates only while mounted: render it only while a call is in flight
 * (an idle spinner redraws the screen for nothing, UX.md pitfall 9).
 */
export function Spinner({ intervalMs = 100 }: { intervalMs?: number }) {
  const [frame, setFrame] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setFrame((f) => (f + 1) % FRAMES.length), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return <Text>{FRAMES[frame]}</Text>;
}
