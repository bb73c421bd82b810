import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { diffLines, valueDiff, wantsLineDiff } from '../../src/util/line-diff.js';
import { jsonHint, prettyValue } from '../../src/util/json-view.js';

describe('line diff', () => {
  it('finds the changed lines between common ones', () => {
    const d = diffLines(['a', 'b', 'c', 'd'], ['a', 'x', 'c', 'd', 'e']);
    assert.deepEqual(d.map((l) => `${l.kind}:${l.text}`), ['same:a', 'del:b', 'add:x', 'same:c', 'same:d', 'add:e']);
  });

  it('falls back to remove-then-add when the middle is too big for the table', () => {
    const d = diffLines(['p', '1', '2', 's'], ['p', '3', '1', 's'], 1);
    assert.deepEqual(d.map((l) => `${l.kind}:${l.text}`), ['same:p', 'del:1', 'del:2', 'add:3', 'add:1', 'same:s']);
  });

  it('pretty-prints JSON documents before diffing; one-line plain values need no line diff', () => {
    const d = valueDiff('{"theme":"dark","volume":1}', '{"theme":"light","volume":1}');
    assert.deepEqual(d.filter((l) => l.kind !== 'same').map((l) => `${l.kind}:${l.text}`), ['del:  "theme": "dark",', 'add:  "theme": "light",']);
    assert.equal(wantsLineDiff('dark', 'light'), false);
    assert.equal(wantsLineDiff('{"a":1}', undefined), true);
    assert.equal(wantsLineDiff('a\nb', 'a'), true);
  });

  it('gives a JSON hint only for JSON-looking text or a value that was JSON', () => {
    assert.equal(jsonHint('plain').kind, 'none');
    assert.equal(jsonHint('{"a":1}').kind, 'valid');
    assert.equal(jsonHint('{"a":').kind, 'invalid');
    assert.match(jsonHint('oops', '{"a":1}').message, /not valid JSON/);
    assert.equal(prettyValue('[1]'), '[\n  1\n]');
    assert.equal(prettyValue('3100'), '3100');
  });
});
