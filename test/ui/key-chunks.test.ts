import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isBurst, plainKey, segmentBurst, takeNext, type KeyEvent } from '../../src/ui/key-chunks.js';
import { createKeypressRegistry, KeyPriority } from '../../src/ui/keypress-registry.js';

const k = (input: string) => plainKey(input).key;

test('isBurst: several plain keys in one read, never Ctrl/Meta keys or escape sequences', () => {
  assert.equal(isBurst('jj', k('j')), true);
  assert.equal(isBurst('abc\r', k('a')), true);
  assert.equal(isBurst('j', k('j')), false);
  assert.equal(isBurst('', plainKey('\r').key), false);
  assert.equal(isBurst('ab', { ...k('a'), ctrl: true }), false);
  assert.equal(isBurst('ab', { ...k('a'), meta: true }), false);
  assert.equal(isBurst('a\u0003', k('a')), false);
});

test('segmentBurst keeps printable runs together and cuts every control key alone', () => {
  assert.deepEqual(segmentBurst('jj'), ['jj']);
  assert.deepEqual(segmentBurst('abc\r'), ['abc', '\r']);
  assert.deepEqual(segmentBurst('a\tb\u007f\u007fc'), ['a', '\t', 'b', '\u007f', '\u007f', 'c']);
  assert.deepEqual(segmentBurst('x\r\ny'), ['x', '\r', 'y'], 'a pasted CRLF is one Enter');
  assert.deepEqual(segmentBurst('\r\r'), ['\r', '\r']);
});

test('plainKey reports keys as Ink 6 does when typed alone', () => {
  assert.equal(plainKey('\r').key.return, true);
  assert.equal(plainKey('\r').input, '');
  assert.equal(plainKey('\t').key.tab, true);
  assert.equal(plainKey('\u007f').key.delete, true, 'Backspace is key.delete in Ink 6');
  assert.equal(plainKey('G').key.shift, true);
  assert.equal(plainKey('g').key.shift, false);
});

test('takeNext: one character at a time for a screen, the whole run for a text field', () => {
  const drain = (queue: Array<string | KeyEvent>, text: boolean) => {
    const out: string[] = [];
    for (let e = takeNext(queue, text); e; e = takeNext(queue, text)) out.push(e.key.return ? '⏎' : e.input);
    return out;
  };
  assert.deepEqual(drain(['jj', '\r'], false), ['j', 'j', '⏎']);
  assert.deepEqual(drain(['abc', '\r'], true), ['abc', '⏎']);
  assert.deepEqual(drain(['😀é'], false), ['😀', 'é'], 'code points, never half a surrogate pair');
});

test('textFieldOnTop follows the newest subscriber below the Critical guards', () => {
  const r = createKeypressRegistry();
  r.subscribe(() => false, KeyPriority.Critical);
  const offScreen = r.subscribe(() => false, KeyPriority.Normal);
  assert.equal(r.textFieldOnTop(), false);
  const offField = r.subscribe(() => true, KeyPriority.High, { text: true });
  assert.equal(r.textFieldOnTop(), true);
  const offDialog = r.subscribe(() => true, KeyPriority.High);
  assert.equal(r.textFieldOnTop(), false, 'a dialog opened over the field takes the keys');
  offDialog();
  assert.equal(r.textFieldOnTop(), true);
  offField();
  offScreen();
  assert.equal(r.textFieldOnTop(), false);
});
