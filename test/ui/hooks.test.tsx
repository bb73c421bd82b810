import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import React, { useEffect } from 'react';
import { render, Text } from 'ink';
import { renderInk, until } from '../helpers/ink.js';
import { useTerminalSize } from '../../src/ui/hooks/use-terminal-size.js';
import { useTimedMessage } from '../../src/ui/hooks/use-timed-message.js';
import { createTheme, noColorFromEnv } from '../../src/ui/theme.js';

function Size({ rows }: { rows?: number }) {
  const s = useTerminalSize({ rows });
  return <Text>size {s.columns}x{s.rows}</Text>;
}

describe('useTerminalSize', () => {
  it('defaults rows to 24 when the stream has none, and honours an override', async () => {
    const h = renderInk(<Size />);
    await h.waitFor('size 100x24'); // ink-testing-library: columns 100, no rows
    h.rerender(<Size rows={40} />);
    await h.waitFor('size 100x40');
  });

  it('follows resize events', async () => {
    const out: string[] = [];
    const stdout = Object.assign(new EventEmitter(), { columns: 60, rows: 15, write: (s: string) => void out.push(s) });
    const app = render(<Size />, { stdout: stdout as unknown as NodeJS.WriteStream, debug: true, patchConsole: false });
    const last = () => out.at(-1) ?? '';
    await until(() => last().includes('size 60x15'), last);
    stdout.columns = 90;
    stdout.rows = 30;
    stdout.emit('resize');
    await until(() => last().includes('size 90x30'), last);
    app.unmount();
  });
});

describe('useTimedMessage', () => {
  it('shows a message and clears it after its duration', async () => {
    function Toast() {
      const [message, show] = useTimedMessage<string>(80);
      useEffect(() => show('saved'), [show]);
      return <Text>toast:{message ?? 'none'}</Text>;
    }
    const h = renderInk(<Toast />);
    await until(() => h.frames().some((f) => f.includes('toast:saved')), h.frame);
    await h.waitFor('toast:none', 3000);
  });
});

describe('theme', () => {
  it('uses colours normally and none under NO_COLOR, keeping attributes', () => {
    const coloured = createTheme();
    assert.equal(coloured.status.error.color, 'red');
    const plain = createTheme({ noColor: true });
    const colours = JSON.stringify(plain).match(/"(color|backgroundColor)"/g);
    assert.equal(colours, null);
    assert.equal(plain.status.error.bold, true);
    assert.equal(plain.selection.inverse, true);
  });

  it('reads NO_COLOR from the environment (empty means unset)', () => {
    assert.equal(noColorFromEnv({ NO_COLOR: '1' }), true);
    assert.equal(noColorFromEnv({ NO_COLOR: '' }), false);
    assert.equal(noColorFromEnv({}), false);
  });

  it('gives protected connections a red accent', () => {
    assert.equal(createTheme({ accent: 'danger' }).accent.color, 'red');
  });
});
