// The sync timeline shows the selected count's keys over the rows the list leaves free; they
// were cut to one line ("keys at 2: level-101, …, level…") under twenty empty rows, so a count
// that changed many keys could not be read.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import { renderInk } from '../helpers/ink.js';
import { KeypressProvider } from '../../src/ui/contexts/keypress.js';
import { TimelineDialog, wrapKeys } from '../../src/ui/components/TimelineDialog.js';
import { DEFAULT_KEYMAP } from '../../src/ui/keymap.js';
import type { Timeline } from '../../src/ui/timeline/timeline.js';
import { displayWidth } from '../../src/util/truncate.js';

const keys = Array.from({ length: 60 }, (_, i) => ({ key: `level-${String(i + 1).padStart(3, '0')}`, removed: i === 59 }));
const timeline: Timeline = {
  dataset: 'game-state',
  currentCount: 2,
  points: [
    { syncCount: 2, devices: ['tablet'], keys, sources: ['listing'], notes: [] },
    { syncCount: 1, devices: ['phone'], keys: [{ key: 'a', removed: false }], sources: ['listing'], notes: [] },
  ],
};

describe('sync timeline keys', () => {
  it('shows every key of the selected count when the rows allow', () => {
    const h = renderInk(
      <KeypressProvider>
        <TimelineDialog timeline={timeline} selected={0} keymap={DEFAULT_KEYMAP} width={80} height={30} onMove={() => {}} onClose={() => {}} />
      </KeypressProvider>,
    );
    const f = h.frame();
    assert.match(f, /keys at 2: level-001, level-002/);
    assert.match(f, /level-059, -level-060/);
    assert.doesNotMatch(f, /more/);
    h.unmount();
  });

  it('packs keys into lines of the width and says how many did not fit', () => {
    const names = keys.map((k) => k.key);
    const lines = wrapKeys('keys at 2: ', names, 40, 3);
    assert.equal(lines.length, 3);
    for (const l of lines) assert.ok(displayWidth(l) <= 40, l);
    assert.match(lines[0], /^keys at 2: level-001, level-002,$/);
    const m = /\+(\d+) more$/.exec(lines[2]);
    assert.ok(m, lines[2]);
    const placed = lines.join(' ').match(/level-\d{3}/g)!.length;
    assert.equal(placed + Number(m[1]), 60);
    assert.deepEqual(wrapKeys('keys at 1: ', [], 40, 3), ['keys at 1: (unknown)']);
    assert.deepEqual(wrapKeys('keys at 1: ', ['a', 'b'], 40, 1), ['keys at 1: a, b']);
  });
});
