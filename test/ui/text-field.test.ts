import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Key } from 'ink';
import * as T from '../../src/ui/state/text-field.js';

const key = (over: Partial<Key> = {}): Key => ({
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false,
  home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false,
  backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false,
  ...over,
});

describe('text field', () => {
  it('inserts at the cursor and moves by code point, never splitting a surrogate pair', () => {
    let f = T.textField('a🎮b', 1);
    f = T.right(f);
    assert.equal(f.cursor, 3);
    f = T.backspace(f);
    assert.deepEqual(f, { text: 'ab', cursor: 1 });
    f = T.insert(f, 'XY');
    assert.deepEqual(f, { text: 'aXYb', cursor: 3 });
    assert.deepEqual(T.deleteForward(T.home(f)), { text: 'XYb', cursor: 0 });
    assert.equal(T.left(T.textField('🎮')).cursor, 0);
  });

  it('keeps newlines and tabs of pasted text, drops escape sequences and other controls', () => {
    assert.equal(T.insert(T.textField(''), 'a\r\nb\rc\td\u001b[31me\u0007').text, 'a\nb\nc\td[31me');
  });

  it('maps keys: Backspace and Delete both erase backwards; Enter/Esc/Tab are not text keys', () => {
    const f = T.textField('abc');
    assert.equal(T.applyKey(f, '', key({ backspace: true }))?.text, 'ab');
    assert.equal(T.applyKey(f, '', key({ delete: true }))?.text, 'ab');
    assert.equal(T.applyKey(f, 'x', key())?.text, 'abcx');
    assert.equal(T.applyKey(f, '', key({ return: true })), undefined);
    assert.equal(T.applyKey(f, '', key({ escape: true })), undefined);
    assert.equal(T.applyKey(f, '', key({ tab: true })), undefined);
    assert.equal(T.applyKey(f, 'u', key({ ctrl: true }))?.text, '');
    assert.equal(T.applyKey(f, '', key({ leftArrow: true }))?.cursor, 2);
  });

  it('lays out wrapped lines with the cursor visible and untrusted text escaped', () => {
    const lines = T.fieldLines(T.textField('\u001b[2Jab'), 20, 3);
    assert.deepEqual(lines, [{ before: '\\e[2Jab', cursor: ' ', after: '' }]);
    const wrapped = T.fieldLines(T.textField('abcdefgh', 2), 3, 5);
    assert.deepEqual(wrapped, [
      { before: 'ab', cursor: 'c', after: '' },
      { before: 'def', after: '' },
      { before: 'gh', after: '' },
    ]);
    const multi = T.fieldLines(T.textField('one\ntwo'), 10, 5);
    assert.deepEqual(multi, [{ before: 'one⏎', after: '' }, { before: 'two', cursor: ' ', after: '' }]);
  });

  it('scrolls a long value to the cursor and lays out only text near it', () => {
    const big = 'x'.repeat(1_000_000);
    const started = performance.now();
    const lines = T.fieldLines(T.textField(big), 40, 4);
    assert.ok(performance.now() - started < 200, 'cheap for 1 MB');
    assert.equal(lines.length, 4);
    assert.equal(lines.at(-1)?.cursor, ' ');
    const atStart = T.fieldLines(T.textField(big, 0), 40, 4);
    assert.equal(atStart[0].cursor, 'x');
  });
});
