import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import React, { useState } from 'react';
import { render, Text, type Key } from 'ink';
import { KEYS, renderInk, until } from '../helpers/ink.js';
import { createKeypressRegistry, KeyPriority } from '../../src/ui/keypress-registry.js';
import { KeypressProvider, useKeypressContext } from '../../src/ui/contexts/keypress.js';
import { useKeypress } from '../../src/ui/hooks/use-keypress.js';

const key = (over: Partial<Key> = {}): Key => ({
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false,
  home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false,
  backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false,
  ...over,
});

describe('keypress registry', () => {
  it('runs levels in priority order, newest first within a level, until one swallows', () => {
    const r = createKeypressRegistry();
    const calls: string[] = [];
    r.subscribe(() => void calls.push('low'), KeyPriority.Low);
    r.subscribe(() => void calls.push('normal-old'), KeyPriority.Normal);
    r.subscribe(() => void calls.push('normal-new'), KeyPriority.Normal);
    r.subscribe((input) => (calls.push('high'), input === 'x'), KeyPriority.High);
    assert.equal(r.dispatch('a', key()), false);
    assert.deepEqual(calls, ['high', 'normal-new', 'normal-old', 'low']);
    calls.length = 0;
    assert.equal(r.dispatch('x', key()), true);
    assert.deepEqual(calls, ['high']);
  });

  it('unsubscribes, and tolerates changes while dispatching', () => {
    const r = createKeypressRegistry();
    const calls: string[] = [];
    let off = () => {};
    off = r.subscribe(() => (calls.push('a'), off(), false), KeyPriority.Normal);
    r.subscribe(() => void calls.push('b'), KeyPriority.Low);
    r.dispatch('k', key());
    r.dispatch('k', key());
    assert.deepEqual(calls, ['a', 'b', 'b']);
    assert.equal(r.count(), 1);
  });
});

function Listener({ name, priority, swallow, log }: { name: string; priority: KeyPriority; swallow: string; log: string[] }) {
  useKeypress((input) => (log.push(`${name}:${input}`), input === swallow), { priority });
  return <Text>{name}</Text>;
}

describe('KeypressProvider + useKeypress', () => {
  it('lets an open dialog (High) swallow keys before the screen and the globals', async () => {
    const log: string[] = [];
    function Demo() {
      const [dialog, setDialog] = useState(false);
      useKeypress((input) => (input === 'o' ? (setDialog(true), true) : false), { priority: KeyPriority.Low });
      return (
        <>
          <Listener name="screen" priority={KeyPriority.Normal} swallow="j" log={log} />
          {dialog ? <Listener name="dialog" priority={KeyPriority.High} swallow="j" log={log} /> : <Text>closed</Text>}
        </>
      );
    }
    const h = renderInk(<KeypressProvider><Demo /></KeypressProvider>);
    await h.press('j');
    assert.deepEqual(log.splice(0), ['screen:j']);
    await h.press('o');
    await h.waitFor('dialog');
    assert.deepEqual(log.splice(0), ['screen:o'], 'the screen saw o before the global handler took it');
    await h.press('j');
    assert.deepEqual(log.splice(0), ['dialog:j']);
    await h.press('k');
    assert.deepEqual(log.splice(0), ['dialog:k', 'screen:k']);
  });

  it('calls the latest handler without re-subscribing on each render', async () => {
    const seen: number[] = [];
    function Counter() {
      const [n, setN] = useState(0);
      useKeypress((input) => {
        if (input !== '+') return false;
        seen.push(n);
        setN(n + 1);
        return true;
      });
      return <Text>n={n}</Text>;
    }
    const h = renderInk(<KeypressProvider><Counter /></KeypressProvider>);
    await h.press('+');
    await h.waitFor('n=1');
    await h.press('+');
    await h.waitFor('n=2');
    assert.deepEqual(seen, [0, 1]);
  });

  it('reports ready once the root listener is attached', async () => {
    function Ready() {
      return <Text>{useKeypressContext().ready ? 'ready' : 'not yet'}</Text>;
    }
    const h = renderInk(<KeypressProvider><Ready /></KeypressProvider>);
    await h.waitFor('ready');
    await h.press(KEYS.down);
  });

  it('drops a Ctrl key Ink 6.8 has no name for (Ctrl+F1, a pasted colour code) instead of crashing', async () => {
    // Ink 6.8's useInput reads `.startsWith` of an undefined name for these (vadimdemedes/ink#901):
    // the exception left the stdin handler and ended the editor.
    const log: string[] = [];
    const h = renderInk(<KeypressProvider><Listener name="screen" priority={KeyPriority.Normal} swallow="" log={log} /></KeypressProvider>);
    for (const sequence of ['\u001B[1;5P', '\u001B[1;5S', '\u001B[25;5~', '\u001B[31m']) {
      await h.press(sequence);
      await h.press('j');
    }
    assert.deepEqual(log, ['screen:j', 'screen:j', 'screen:j', 'screen:j']);
  });

  it('still throws an error of a key handler, escape sequences included', async () => {
    function Thrower() {
      useKeypress((_input, k) => {
        if (k.upArrow) throw new TypeError('handler bug');
        return false;
      });
      return <Text>thrower</Text>;
    }
    const h = renderInk(<KeypressProvider><Thrower /></KeypressProvider>);
    await h.waitForInput();
    assert.throws(() => h.stdin.write(KEYS.up), /handler bug/);
  });

  it('stays inactive off a TTY instead of crashing on raw mode (pitfall 2)', async () => {
    const stdin = Object.assign(new EventEmitter(), { isTTY: undefined, setEncoding() {}, resume() {}, pause() {}, ref() {}, unref() {} });
    const out: string[] = [];
    const stdout = Object.assign(new EventEmitter(), { columns: 80, write: (s: string) => void out.push(s) });
    function Ready() {
      return <Text>{useKeypressContext().ready ? 'ready' : 'inactive'}</Text>;
    }
    const app = render(<KeypressProvider><Ready /></KeypressProvider>, {
      stdin: stdin as unknown as NodeJS.ReadStream,
      stdout: stdout as unknown as NodeJS.WriteStream,
      debug: true,
      patchConsole: false,
      exitOnCtrlC: false,
    });
    await until(() => out.join('').includes('inactive'), () => out.at(-1));
    assert.equal(stdin.listenerCount('readable'), 0);
    app.unmount();
  });
});
