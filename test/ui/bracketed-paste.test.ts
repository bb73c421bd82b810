// Bracketed paste: the markers and the text between them, taken off Ink's input events before useInput sees them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { collectPastes, PASTE_END, PASTE_START, PasteReader } from '../../src/ui/bracketed-paste.js';

test('PasteReader: keys outside a paste pass; the text between the markers comes out whole at the end marker', () => {
  const reader = new PasteReader();
  assert.deepEqual(reader.feed('j'), { kind: 'key' });
  assert.deepEqual(reader.feed(PASTE_END), { kind: 'stray' }, 'an end marker alone (after a timeout) is swallowed, never a key');
  assert.deepEqual(reader.feed(PASTE_START), { kind: 'inside' });
  assert.equal(reader.pasting, true);
  assert.deepEqual(reader.feed('line1\rline2'), { kind: 'inside' });
  assert.deepEqual(reader.feed('\u001b[31m'), { kind: 'inside' }, 'an escape sequence inside is text of the paste');
  assert.deepEqual(reader.feed('RED'), { kind: 'inside' });
  assert.deepEqual(reader.feed(PASTE_END), { kind: 'done', text: 'line1\rline2\u001b[31mRED' });
  assert.equal(reader.pasting, false);
  assert.deepEqual(reader.feed('d'), { kind: 'key' });
});

test('collectPastes: listeners never see a paste or its markers; onPaste gets it once; other events pass', () => {
  const events = new EventEmitter();
  const seen: string[] = [];
  const pastes: string[] = [];
  events.on('input', (input: string) => seen.push(input));
  events.on('other', (x: string) => seen.push(`other:${x}`));
  collectPastes(events, (text) => pastes.push(text));
  collectPastes(events, (text) => pastes.push(`twice:${text}`)); // installed once per emitter
  for (const input of ['a', PASTE_START, 'x\ry', 'z', PASTE_END, 'b']) events.emit('input', input);
  events.emit('other', 'c');
  assert.deepEqual(seen, ['a', 'b', 'other:c']);
  assert.deepEqual(pastes, ['x\ryz']);
});

test('collectPastes: a paste whose end marker never comes is delivered after a quiet time, and keys flow again', async () => {
  const events = new EventEmitter();
  const seen: string[] = [];
  events.on('input', (input: string) => seen.push(input));
  const delivered = new Promise<string>((resolve) => collectPastes(events, resolve, 10));
  events.emit('input', PASTE_START);
  events.emit('input', 'half a paste');
  // The paste's timer does not hold the process open (unref), so this test does while it waits.
  const keepAlive = setInterval(() => undefined, 1000);
  try {
    assert.equal(await delivered, 'half a paste');
  } finally {
    clearInterval(keepAlive);
  }
  events.emit('input', PASTE_END); // arriving after all: not a key
  events.emit('input', 'k');
  assert.deepEqual(seen, ['k']);
});
