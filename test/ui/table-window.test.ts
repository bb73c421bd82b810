import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as W from '../../src/ui/state/table-window.js';

describe('table window', () => {
  it('follows the selection down and up', () => {
    let w = W.createWindow(100, 10);
    for (let i = 0; i < 12; i++) w = W.moveBy(w, 1);
    assert.deepEqual([w.selected, w.offset], [12, 3]);
    for (let i = 0; i < 5; i++) w = W.moveBy(w, -1);
    assert.deepEqual([w.selected, w.offset], [7, 3]);
    w = W.select(w, 1);
    assert.deepEqual([w.selected, w.offset], [1, 1]);
  });

  it('pages, goes home and end, and clamps at the edges', () => {
    let w = W.createWindow(25, 10);
    w = W.pageDown(w);
    assert.deepEqual([w.selected, w.offset], [10, 10]);
    w = W.pageDown(w);
    assert.deepEqual([w.selected, w.offset], [20, 15], 'no blank rows under the last one');
    w = W.pageDown(w);
    assert.deepEqual([w.selected, w.offset], [24, 15]);
    w = W.pageUp(w);
    assert.deepEqual([w.selected, w.offset], [14, 5]);
    w = W.end(w);
    assert.deepEqual([w.selected, w.offset], [24, 15]);
    w = W.home(w);
    assert.deepEqual([w.selected, w.offset], [0, 0]);
    w = W.moveBy(w, -1);
    assert.equal(w.selected, 0);
  });

  it('keeps the selection visible on resize', () => {
    let w = W.select(W.createWindow(100, 20), 19);
    w = W.resize(w, 5);
    assert.deepEqual([w.selected, w.offset, w.viewport], [19, 15, 5]);
    w = W.resize(w, 50);
    assert.deepEqual([w.selected, w.offset], [19, 15], 'growing keeps the scroll position');
    assert.equal(W.resize(w, 0).viewport, 1, 'a viewport is at least one row');
  });

  it('clamps when the list shrinks or empties', () => {
    let w = W.select(W.createWindow(100, 10), 90);
    w = W.setCount(w, 30);
    assert.deepEqual([w.selected, w.offset], [29, 20]);
    w = W.setCount(w, 0);
    assert.deepEqual([w.selected, w.offset, w.count], [0, 0, 0]);
    assert.equal(W.positionLabel(w), '0 of 0');
  });

  it('labels the position with separators', () => {
    const w = W.select(W.createWindow(1024, 30), 69);
    assert.equal(W.positionLabel(w), '41–70 of 1,024');
    assert.equal(W.positionLabel(W.createWindow(3, 30)), '1–3 of 3');
  });

  it('always keeps the selection inside the rendered rows (property)', () => {
    const move = fc.constantFrom<W.WindowMove>('up', 'down', 'pageUp', 'pageDown', 'home', 'end');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 60 }),
        fc.array(fc.oneof(move, fc.integer({ min: 0, max: 600 }), fc.integer({ min: -5, max: 80 }).map((v) => ({ v }))), { maxLength: 40 }),
        (count, viewport, steps) => {
          let w = W.createWindow(count, viewport);
          for (const s of steps) {
            if (typeof s === 'string') w = W.applyMove(w, s);
            else if (typeof s === 'number') w = W.setCount(w, s);
            else w = W.resize(w, s.v);
            const { start, end } = W.visibleRange(w);
            if (w.count > 0 && !(w.selected >= start && w.selected < end)) return false;
            if (end - start > w.viewport || w.offset < 0) return false;
          }
          return true;
        },
      ),
      { numRuns: 300 },
    );
  });
});
