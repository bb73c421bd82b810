// The key feeder apart from React: a key that changes who takes the keys (here Ctrl+C opening a
// dialog) is followed by keys routed by the screen it produced, with "React" simulated as React 19
// renders: a microtask on dispatch, then the render as a task of the scheduler (React posts it at normal priority; LowPriority is the nearest the
// declared scheduler types name, and it too runs before idle tasks).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Key } from 'ink';
import { unstable_LowPriority as LowPriority, unstable_scheduleCallback as scheduleCallback } from 'scheduler';
import { createKeyFeeder } from '../../src/ui/key-feeder.js';
import { plainKey } from '../../src/ui/key-chunks.js';

function fakeApp() {
  let top: 'field' | 'dialog' = 'field';
  const got: Array<[string, string]> = [];
  const render = (next: typeof top) => queueMicrotask(() => void scheduleCallback(LowPriority, () => { top = next; }));
  const registry = {
    textFieldOnTop: () => top === 'field',
    dispatch(input: string, key: Key) {
      got.push([top, key.ctrl ? `ctrl+${input}` : input]);
      if (key.ctrl && input === 'c') render('dialog');
      else render(top); // every key re-renders something
      return true;
    },
  };
  return { registry, got };
}

const idle = () => new Promise<void>((resolve) => setTimeout(resolve, 50));

describe('key feeder', () => {
  it('text, Ctrl+C, q, y in one read: the text to the field, q and y to the dialog Ctrl+C opened', async () => {
    const app = fakeApp();
    const feeder = createKeyFeeder(app.registry, () => {});
    feeder.feed('hello\u0003qy', plainKey('x').key);
    while (app.got.length < 4) await idle();
    assert.deepEqual(app.got, [['field', 'hello'], ['field', 'ctrl+c'], ['dialog', 'q'], ['dialog', 'y']]);
  });

  it('a key of a later event waits for the screen the previous key left', async () => {
    const app = fakeApp();
    const feeder = createKeyFeeder(app.registry, () => {});
    const ctrlC = plainKey('\u0003');
    feeder.feed(ctrlC.input, ctrlC.key);
    feeder.feed('q', plainKey('q').key); // the same read, as a second event
    while (app.got.length < 2) await idle();
    assert.deepEqual(app.got, [['field', 'ctrl+c'], ['dialog', 'q']]);
  });

  it('a paste behind a key that opened a dialog is dropped as a paste, not typed into the field', async () => {
    const app = fakeApp();
    const ignored: string[] = [];
    const feeder = createKeyFeeder(app.registry, (text) => ignored.push(text));
    const ctrlC = plainKey('\u0003');
    feeder.feed(ctrlC.input, ctrlC.key);
    feeder.paste('pasted');
    while (ignored.length < 1) await idle();
    assert.deepEqual(app.got, [['field', 'ctrl+c']]);
    assert.deepEqual(ignored, ['pasted']);
  });
});
