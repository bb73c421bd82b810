import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import React, { useState } from 'react';
import { Text } from 'ink';
import { KEYS, renderInk } from '../helpers/ink.js';
import { Table, columnWidths, type Column } from '../../src/ui/components/Table.js';
import { FilterBar } from '../../src/ui/components/FilterBar.js';
import { KeypressProvider } from '../../src/ui/contexts/keypress.js';
import * as F from '../../src/ui/state/filter.js';
import * as W from '../../src/ui/state/table-window.js';

interface Item { id: string; value: string }
const COLUMNS: Column<Item>[] = [
  { title: 'key', width: 12, value: (r) => r.id },
  { title: 'value', width: 'flex', value: (r) => r.value },
];
const items = (n: number): Item[] => Array.from({ length: n }, (_, i) => ({ id: `key-${i}`, value: `value ${i}` }));

function Windowed({ all, window }: { all: Item[]; window: W.TableWindow }) {
  const { start, end } = W.visibleRange(window);
  const rows = all.slice(start, end).map((row, i) => ({ row, position: start + i }));
  return (
    <Table columns={COLUMNS} rows={rows} selected={window.selected} viewport={window.viewport} width={60}
      position={W.positionLabel(window)} empty="no records" rowKey={(r) => r.id} />
  );
}

describe('Table', () => {
  it('renders only the window, with the position line and a selection marker', () => {
    const all = items(1024);
    const window = W.select(W.createWindow(all.length, 30), 69);
    const h = renderInk(<Windowed all={all} window={window} />);
    const lines = h.frame().split('\n');
    assert.match(lines[0], /^ {3}key {10}value/);
    assert.equal(lines.length, 1 + 30 + 1, 'titles + viewport + position');
    assert.match(lines[1], /key-40 /);
    assert.match(lines[30], /^› {2}key-69 /);
    assert.equal(lines.filter((l) => l.startsWith('›')).length, 1);
    assert.match(lines.at(-1)!, /^41–70 of 1,024/);
    assert.doesNotMatch(h.frame(), /key-39 |key-70 /);
  });

  it('keeps a constant height and shows the empty text', () => {
    const h = renderInk(<Windowed all={[]} window={W.createWindow(0, 5)} />);
    const lines = h.frame().split('\n');
    assert.equal(lines.length, 1 + 5 + 1);
    assert.match(lines[1], /no records/);
    assert.match(lines.at(-1)!, /^0 of 0/);
  });

  it('escapes hostile cells and fits wide text to the column', () => {
    const hostile = [{ id: 'k\u001b[31m', value: 'a\nb\u202e日本語日本語日本語日本語日本語日本語日本語日本語日本語日本語' }];
    const h = renderInk(<Windowed all={hostile} window={W.createWindow(1, 3)} />);
    const row = h.frame().split('\n')[1];
    assert.match(row, /k\\e\[31m/);
    assert.match(row, /a\\nb\\u202e日本/);
    assert.doesNotMatch(h.frame(), /\u001b\[31m|\u202e/);
    assert.ok(row.endsWith('…'), row);
  });

  it('splits the width between fixed and flex columns', () => {
    assert.deepEqual(columnWidths(COLUMNS as Column<unknown>[], 60), [12, 60 - 3 - 1 - 12]);
    const tight = columnWidths([{ title: 'a', width: 40, value: String }, { title: 'b', width: 'flex', value: String }], 20);
    assert.ok(tight[0] + tight[1] <= 20 - 3 - 1);
  });
});

describe('FilterBar', () => {
  function Harness({ total }: { total: number }) {
    const [filter, setFilter] = useState<F.FilterState>(F.startEditing(F.EMPTY_FILTER));
    const [log, setLog] = useState('');
    return (
      <KeypressProvider>
        <FilterBar filter={filter} matched={filter.query.length} total={total}
          onEdit={(input, key) => setFilter((f) => F.editKey(f, input, key) ?? f)}
          onCommit={() => setFilter(F.commit)}
          onEscape={() => (setFilter((f) => F.escape(f).filter), setLog('esc'))} />
        <Text>log:{log}</Text>
      </KeypressProvider>
    );
  }

  it('edits the query with the keyboard and shows the match count', async () => {
    const h = renderInk(<Harness total={340} />);
    await h.type('set');
    await h.waitFor('/set');
    assert.match(h.frame(), /3\/340/);
    await h.press(KEYS.backspace);
    await h.waitFor(/\/se \s+2\/340/);
    await h.press(KEYS.enter);
    await h.waitFor(/\/se\s+2\/340/);
    await h.press('x'); // no longer editing: the bar ignores keys
    assert.match(h.frame(), /\/se\s+2\/340/);
  });

  it('edits the query as any text input: ← and Home move the cursor, Ctrl+W and Ctrl+U erase, Alt+B moves a word', async () => {
    const h = renderInk(<Harness total={340} />);
    await h.type('game state');
    await h.waitFor('/game state ');
    await h.press('\u0017'); // Ctrl+W
    await h.waitFor(/\/game \s+5\/340/);
    await h.press(KEYS.home);
    await h.type('my');
    await h.waitFor(/\/mygame \s+7\/340/);
    await h.press('\u0015'); // Ctrl+U: what is before the cursor
    await h.waitFor(/\/game \s+5\/340/);
    await h.press(KEYS.end);
    await h.press('\u001Bb'); // Alt+B: to the start of the word
    await h.press('\u000B'); // Ctrl+K
    await h.waitFor(/\/ \s+0\/340/);
    await h.press(KEYS.enter);
    await h.waitForNo(/\/ /);
  });

  it('Esc clears it and renders nothing', async () => {
    const h = renderInk(<Harness total={3} />);
    await h.type('ab');
    await h.waitFor('/ab');
    await h.press(KEYS.escape);
    await h.waitFor('log:esc');
    assert.doesNotMatch(h.frame(), /\//);
  });
});
