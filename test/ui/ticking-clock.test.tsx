// Watch mode's back-off countdown ("retry in 16s") is redrawn while it runs, and nothing ticks otherwise.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import { Text } from 'ink';
import { renderInk } from '../helpers/ink.js';
import { useTickingClock } from '../../src/ui/hooks/use-ticking-clock.js';

function Countdown({ active, until }: { active: boolean; until: number }) {
  const now = useTickingClock(active, 50);
  const renders = React.useRef(0);
  renders.current++;
  return <Text>{`left ${Math.max(0, Math.ceil((until - now) / 50))} renders ${renders.current}`}</Text>;
}

it('counts down while active; an inactive clock does not redraw', async () => {
  const until = Date.now() + 10_000;
  const h = renderInk(<Countdown active until={until} />);
  const first = h.frame();
  await h.waitForNo(first, 2_000);
  assert.match(h.frame(), /left \d+ renders [2-9]/, 'redrawn without any state change');
  h.unmount();

  const idle = renderInk(<Countdown active={false} until={until} />);
  const before = idle.frame();
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.match(idle.frame(), /renders 1$/, `no redraw while inactive: ${idle.frame()} (was ${before})`);
  idle.unmount();
});
