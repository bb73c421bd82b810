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

  it('moves and erases by what shows as one character: a combining accent or an emoji sequence is never split', () => {
    const accent = T.textField('e\u0301x', 0); // é as e + combining acute
    assert.equal(T.right(accent).cursor, 2);
    assert.equal(T.left(T.textField('e\u0301x', 2)).cursor, 0);
    assert.deepEqual(T.backspace(T.textField('e\u0301x', 2)), { text: 'x', cursor: 0 });
    assert.deepEqual(T.deleteForward(accent), { text: 'x', cursor: 0 });
    const family = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}'; // one emoji of 8 code units
    assert.equal(T.right(T.textField(family + 'a', 0)).cursor, family.length);
    assert.deepEqual(T.backspace(T.textField('a' + family)), { text: 'a', cursor: 1 });
    assert.equal(T.applyKey(T.textField('🇫🇷🇩🇪'), '', key({ leftArrow: true }))?.cursor, 4, 'a flag is two regional indicators');
    // The cursor cell is the whole character, so it shows (a lone combining mark is zero columns wide).
    assert.deepEqual(T.lineView(T.textField('ae\u0301b', 1), 20), { before: 'a', cursor: 'e\u0301', after: 'b' });
    assert.deepEqual(T.fieldLines(T.textField(family + 'b', 0), 20, 1), [{ before: '', cursor: family, after: 'b' }]);
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

  it('line-editing keys as readline has them: Ctrl+U/K to the ends, Ctrl+W to a space, Alt+Backspace to a word', () => {
    const at = (text: string, cursor: number) => T.textField(text, cursor);
    const ctrl = (c: string) => [c, key({ ctrl: true })] as const;
    const apply = (f: T.TextField, [input, k]: readonly [string, Key]) => T.applyKey(f, input, k);
    // Ctrl+U: everything before the cursor (the whole field when the cursor is at the end, as the editor tests rely on).
    assert.deepEqual(apply(at('pool demo', 5), ctrl('u')), { text: 'demo', cursor: 0 });
    assert.deepEqual(apply(T.textField('pool demo'), ctrl('u')), { text: '', cursor: 0 });
    // Ctrl+K: everything after it.
    assert.deepEqual(apply(at('pool demo', 4), ctrl('k')), { text: 'pool', cursor: 4 });
    // Ctrl+W: back to a space (trailing spaces first), the rest kept.
    assert.deepEqual(apply(T.textField(':pool us-east-1:ab'), ctrl('w')), { text: ':pool ', cursor: 6 });
    assert.deepEqual(apply(T.textField('pool demo  '), ctrl('w')), { text: 'pool ', cursor: 5 });
    assert.deepEqual(apply(at('one two three', 7), ctrl('w')), { text: 'one  three', cursor: 4 });
    assert.deepEqual(apply(at('abc', 0), ctrl('w')), { text: 'abc', cursor: 0 });
    // Alt+Backspace (ESC DEL: delete + meta), Ctrl+Delete (ESC[3;5~: delete + ctrl): back to the start of a word.
    assert.deepEqual(T.applyKey(T.textField('us-east-1'), '', key({ delete: true, meta: true })), { text: 'us-east-', cursor: 8 });
    assert.deepEqual(T.applyKey(T.textField('user_name'), '', key({ delete: true, meta: true })), { text: 'user_', cursor: 5 });
    assert.deepEqual(T.applyKey(T.textField('high score!'), '', key({ delete: true, ctrl: true })), { text: 'high ', cursor: 5 });
    assert.deepEqual(T.applyKey(T.textField('a🎮 bé'), '', key({ backspace: true, meta: true })), { text: 'a🎮 ', cursor: 4 });
    // 0x08 (Ctrl+H, Ctrl+Backspace in xterm, Backspace of Windows consoles) erases one character, as in bash.
    assert.deepEqual(T.applyKey(T.textField('abc'), '', key({ backspace: true })), { text: 'ab', cursor: 2 });
    assert.deepEqual(apply(T.textField('abc'), ctrl('h')), { text: 'ab', cursor: 2 });
    // Alt+D: to the end of the word after the cursor.
    assert.deepEqual(T.applyKey(at('set  theme dark', 3), 'd', key({ meta: true })), { text: 'set dark', cursor: 3 });
  });

  it('moves by character (←/→, Ctrl+B/F), by word (Ctrl+←/→, Alt+←/→, Alt+B/F) and to the ends (Home/End, Ctrl+A/E)', () => {
    const f = T.textField('us-east-1:0f1e 🎮x', 3);
    assert.equal(T.applyKey(f, 'b', key({ ctrl: true }))?.cursor, 2);
    assert.equal(T.applyKey(f, 'f', key({ ctrl: true }))?.cursor, 4);
    assert.equal(T.applyKey(f, 'b', key({ meta: true }))?.cursor, 0);
    assert.equal(T.applyKey(f, 'f', key({ meta: true }))?.cursor, 7, 'end of "east"');
    assert.equal(T.applyKey(f, '', key({ rightArrow: true, ctrl: true }))?.cursor, 7);
    assert.equal(T.applyKey(f, '', key({ rightArrow: true, meta: true }))?.cursor, 7);
    assert.equal(T.applyKey(T.textField('ab cd', 4), '', key({ leftArrow: true, ctrl: true }))?.cursor, 3);
    assert.equal(T.applyKey(T.textField('ab cd', 3), '', key({ leftArrow: true, meta: true }))?.cursor, 0);
    assert.equal(T.applyKey(f, '', key({ home: true }))?.cursor, 0);
    assert.equal(T.applyKey(f, 'a', key({ ctrl: true }))?.cursor, 0);
    assert.equal(T.applyKey(f, '', key({ end: true }))?.cursor, f.text.length);
    assert.equal(T.applyKey(f, 'e', key({ ctrl: true }))?.cursor, f.text.length);
    // Word moves step over a surrogate pair whole (🎮 is not a letter: it ends a word).
    const emoji = T.textField('x 🎮🎮', 2);
    assert.equal(T.applyKey(emoji, 'f', key({ meta: true }))?.cursor, 6);
    // Other Ctrl/Alt keys are no edit; plain text goes in at the cursor.
    assert.equal(T.applyKey(f, 'z', key({ ctrl: true })), undefined);
    assert.equal(T.applyKey(f, 'x', key({ meta: true })), undefined);
    assert.deepEqual(T.applyKey(T.textField('ac', 1), 'b', key()), { text: 'abc', cursor: 2 });
  });

  it('a one-line input drops pasted line breaks and tabs; a value keeps them', () => {
    assert.deepEqual(T.applyKey(T.textField(''), 'a\r\nb\tc', key(), { oneLine: true }), { text: 'abc', cursor: 3 });
    assert.equal(T.applyKey(T.textField(''), 'a\r\nb\tc', key())?.text, 'a\nb\tc');
    assert.equal(T.applyKey(T.textField('x'), '\n', key(), { oneLine: true })?.text, 'x');
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

  it('draws a one-line input scrolled to the cursor, its ends cut with …, untrusted text escaped', () => {
    assert.deepEqual(T.lineView(T.textField('pool demo', 5), 20), { before: 'pool ', cursor: 'd', after: 'emo' });
    assert.deepEqual(T.lineView(T.textField('abcdefghij'), 5), { before: '…hij', cursor: ' ', after: '' });
    assert.deepEqual(T.lineView(T.textField('abcdefghij', 2), 5), { before: 'ab', cursor: 'c', after: 'd…' });
    assert.deepEqual(T.lineView(T.textField('a\u001b[2J', 1), 20), { before: 'a', cursor: '\\e', after: '[2J' });
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
