// :messages shows every error whole: wrapped to the width, the selected message kept on screen.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { messagesView, messageText, wrapToWidth } from '../../src/ui/state/messages-view.js';

it('a message is the whole error: code, message, operation, status, the full request id, hint; controls made visible', () => {
  const text = messageText(
    { code: 'InvalidParameterException', message: "1 validation error\u001b[2J detected: Value 'x' at 'identityId'", operation: 'ListDatasets', httpStatus: 400, requestId: '3f2a9c1e-0000-4000-8000-00000000abcd', hint: 'check the id', at: Date.UTC(2026, 10, 27, 1, 2, 3) },
    'iso',
  );
  assert.equal(
    text,
    "2026-11-27T01:02:03Z ✗ InvalidParameterException: 1 validation error\\e[2J detected: Value 'x' at 'identityId' · ListDatasets · HTTP 400 · req 3f2a9c1e-0000-4000-8000-00000000abcd · check the id",
  );
});

it('wraps after the last space that fits; a word longer than the line is cut by columns', () => {
  assert.deepEqual(wrapToWidth('HTTP 400 · req 7b70e18c', 10), ['HTTP 400 ·', 'req', '7b70e18c']);
  assert.deepEqual(wrapToWidth('one two three', 7), ['one two', 'three']);
  assert.deepEqual(wrapToWidth('a verylongword', 5), ['a', 'veryl', 'ongwo', 'rd']);
});

it('wraps by columns: a wide character never straddles two lines, nothing is dropped', () => {
  assert.deepEqual(wrapToWidth('abcdefgh', 3), ['abc', 'def', 'gh']);
  assert.deepEqual(wrapToWidth('ab名前c', 3), ['ab', '名', '前c']);
  assert.deepEqual(wrapToWidth('', 10), ['']);
  assert.equal(wrapToWidth('x'.repeat(1000), 7).join(''), 'x'.repeat(1000));
});

it('shows whole messages from the top, and moves the window so the selected one is seen', () => {
  const texts = ['a'.repeat(25), 'b'.repeat(5), 'c'.repeat(30), 'd'.repeat(10)]; // 3, 1, 3 and 1 lines at width 10
  const first = messagesView(texts, 0, 0, 10, 5);
  assert.deepEqual(first.rows.map((r) => r.index), [0, 0, 0, 1, 2]);
  assert.deepEqual(first.rows.filter((r) => r.selected).map((r) => r.text), ['aaaaaaaaaa', 'aaaaaaaaaa', 'aaaaa']);
  assert.equal(first.top, 0);
  // Selecting the third (3 lines) needs it whole on 5 rows: the window starts at the second.
  const third = messagesView(texts, 2, 0, 10, 5);
  assert.equal(third.top, 1);
  assert.deepEqual(third.rows.map((r) => r.index), [1, 2, 2, 2, 3]);
  // Back up to the first: it becomes the top.
  assert.equal(messagesView(texts, 0, third.top, 10, 5).top, 0);
  // A message taller than the window is shown from its start.
  const tall = messagesView(['z'.repeat(100)], 0, 0, 10, 4);
  assert.deepEqual(tall.rows.map((r) => r.text), ['zzzzzzzzzz', 'zzzzzzzzzz', 'zzzzzzzzzz', 'zzzzzzzzzz']);
  assert.deepEqual(messagesView([], 0, 0, 10, 4).rows, []);
});
