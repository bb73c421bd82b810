import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isBurst, plainKey, segmentBurst, takeNext, type KeyEvent } from '../../src/ui/key-chunks.js';
import { createKeypressRegistry, KeyPriority } from '../../src/ui/keypress-registry.js';

const k = (input: string) => plainKey(input).key;

test('isBurst: several keys in one read, never a single Ctrl/Meta key or escape sequence', () => {
  assert.equal(isBurst('jj', k('j')), true);
  assert.equal(isBurst('abc\r', k('a')), true);
  assert.equal(isBurst('j', k('j')), false);
  assert.equal(isBurst('', plainKey('\r').key), false);
  assert.equal(isBurst('ab', { ...k('a'), ctrl: true }), false);
  assert.equal(isBurst('ab', { ...k('a'), meta: true }), false);
  assert.equal(isBurst('\u00159999\r', k('')), true, 'Ctrl+U, text and Enter in one read');
  assert.equal(isBurst('a\u0003', k('')), true);
  assert.equal(isBurst('\u001bx', k('')), false, 'Ink already cut escape sequences apart');
});

test('segmentBurst keeps printable runs together and cuts every control key alone', () => {
  assert.deepEqual(segmentBurst('jj'), ['jj']);
  assert.deepEqual(segmentBurst('abc\r'), ['abc', '\r']);
  assert.deepEqual(segmentBurst('a\tb\u007f\u007fc'), ['a', '\t', 'b', '\u007f', '\u007f', 'c']);
  assert.deepEqual(segmentBurst('x\r\ny'), ['x', '\r', 'y'], 'a pasted CRLF is one Enter');
  assert.deepEqual(segmentBurst('\r\r'), ['\r', '\r']);
  assert.deepEqual(segmentBurst('\u00159999\r'), ['\u0015', '9999', '\r']);
  assert.deepEqual(segmentBurst('a\u0001\u0005b'), ['a', '\u0001', '\u0005', 'b']);
});

test('plainKey reports keys as Ink 6 does when typed alone', () => {
  assert.equal(plainKey('\r').key.return, true);
  assert.equal(plainKey('\r').input, '');
  assert.equal(plainKey('\t').key.tab, true);
  assert.equal(plainKey('\u007f').key.delete, true, 'Backspace is key.delete in Ink 6');
  assert.equal(plainKey('G').key.shift, true);
  assert.equal(plainKey('g').key.shift, false);
  assert.deepEqual([plainKey('\u0015').input, plainKey('\u0015').key.ctrl], ['u', true], 'Ctrl+U');
  assert.deepEqual([plainKey('\u0000').input, plainKey('\u0000').key.ctrl], ['`', true], 'Ctrl+Space as Ink names it');
  assert.equal(plainKey('\u001b').key.escape, true);
});

test('takeNext: a burst with Ctrl keys gives each control key alone, with Ink\'s names', () => {
  const queue: Array<string | KeyEvent> = segmentBurst('\u00159999\r');
  const out: string[] = [];
  for (let e = takeNext(queue, true); e; e = takeNext(queue, true)) out.push(e.key.return ? '⏎' : e.key.ctrl ? `^${e.input}` : e.input);
  assert.deepEqual(out, ['^u', '9999', '⏎']);
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
