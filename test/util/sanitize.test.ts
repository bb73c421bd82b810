import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { hasUnsafeText, sanitizeLine, sanitizeMultiline, sanitizePreview } from '../../src/util/sanitize.js';
import { displayWidth, fitToWidth, formatCount, truncateToWidth } from '../../src/util/truncate.js';

// Anything a terminal may act on: C0, DEL, C1, bidi controls, line separators, lone surrogates.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const CONTROL_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

// Strings rich in the dangerous ranges, including unpaired surrogates.
const hostile = fc.array(
  fc.oneof(
    fc.integer({ min: 0, max: 0xa0 }).map((c) => String.fromCharCode(c)),
    fc.constantFrom('\u202a', '\u202e', '\u2066', '\u2069', '\u200e', '\u200f', '\u061c', '\u2028', '\u2029'),
    fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
    fc.constantFrom('\u001b[31m', '\u001b]0;title\u0007', '\u001b]52;c;aGk=\u001b\\', '\u009b2J', '😀', '日本'),
    fc.string(),
  ),
).map((parts) => parts.join(''));

describe('sanitizeLine', () => {
  it('shows escape sequences visibly', () => {
    assert.equal(sanitizeLine('\u001b[31mred\u001b[0m'), '\\e[31mred\\e[0m');
    assert.equal(sanitizeLine('\u001b]0;pwned\u0007'), '\\e]0;pwned\\x07');
    assert.equal(sanitizeLine('a\u009b2Jb'), 'a\\x9b2Jb');
  });

  it('escapes newlines, tabs, NUL and DEL', () => {
    assert.equal(sanitizeLine('a\nb\r\tc\u0000d\u007f'), 'a\\nb\\r\\tc\\x00d\\x7f');
  });

  it('escapes bidi controls and marks', () => {
    assert.equal(sanitizeLine('user\u202eexe.txt'), 'user\\u202eexe.txt');
    assert.equal(sanitizeLine('\u2066x\u2069\u200e\u200f\u061c'), '\\u2066x\\u2069\\u200e\\u200f\\u061c');
  });

  it('escapes lone surrogates but keeps valid pairs', () => {
    assert.equal(sanitizeLine('a\ud800b'), 'a\\ud800b');
    assert.equal(sanitizeLine('\udc00'), '\\udc00');
    assert.equal(sanitizeLine('ok 😀'), 'ok 😀');
  });

  it('returns plain text unchanged, backslashes included', () => {
    assert.equal(sanitizeLine('{"path":"C:\\\\x"} 日本'), '{"path":"C:\\\\x"} 日本');
    assert.equal(hasUnsafeText('plain'), false);
    assert.equal(hasUnsafeText('a\nb'), true);
  });

  it('never outputs a control character (property)', () => {
    fc.assert(fc.property(hostile, (s) => !CONTROL.test(sanitizeLine(s))), { numRuns: 500 });
  });

  it('is idempotent (property)', () => {
    fc.assert(fc.property(hostile, (s) => sanitizeLine(sanitizeLine(s)) === sanitizeLine(s)), { numRuns: 300 });
  });
});

describe('sanitizeMultiline', () => {
  it('keeps newlines and escapes the rest', () => {
    assert.equal(sanitizeMultiline('a\nb\r\n\u001b[2J'), 'a\nb\\r\n\\e[2J');
  });

  it('never outputs a control character other than \\n (property)', () => {
    fc.assert(fc.property(hostile, (s) => !CONTROL_BUT_NEWLINE.test(sanitizeMultiline(s))), { numRuns: 500 });
  });
});

describe('sanitizePreview', () => {
  it('sanitizes only a prefix of huge text', () => {
    const huge = '\u001b'.repeat(1_000_000);
    const out = sanitizePreview(huge, 10);
    assert.ok(out.length < 100, `preview too long: ${out.length}`);
    assert.ok(out.startsWith('\\e\\e'));
    assert.ok(out.endsWith('…'));
  });

  it('does not split a surrogate pair at the cut', () => {
    const text = 'a' + '😀'.repeat(50);
    assert.ok(!CONTROL.test(sanitizePreview(text, 3)));
    assert.ok(!sanitizePreview(text, 3).includes('\\ud'));
  });

  it('never outputs a control character (property)', () => {
    fc.assert(
      fc.property(hostile, fc.integer({ min: 0, max: 40 }), (s, w) => !CONTROL.test(sanitizePreview(s, w))),
      { numRuns: 300 },
    );
  });
});

describe('truncation helpers', () => {
  it('measures wide characters as two columns', () => {
    assert.equal(displayWidth('日本'), 4);
    assert.equal(displayWidth('abc'), 3);
  });

  it('truncates at the end, middle or start with an ellipsis', () => {
    assert.equal(truncateToWidth('abcdefghij', 5), 'abcd…');
    assert.equal(truncateToWidth('us-east-1:1234-5678-5556', 12, 'middle'), 'us-eas…-5556');
    assert.equal(truncateToWidth('short', 10), 'short');
    assert.equal(truncateToWidth('abc', 0), '');
  });

  it('fits to an exact width, padding or cutting', () => {
    assert.equal(fitToWidth('ab', 4), 'ab  ');
    assert.equal(fitToWidth('42', 5, { align: 'right' }), '   42');
    assert.equal(displayWidth(fitToWidth('日本語テキスト', 5)), 5);
  });

  it('fitToWidth always yields the requested width (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.integer({ min: 1, max: 30 }), (s, w) => {
        return displayWidth(fitToWidth(sanitizeLine(s), w)) === w;
      }),
      { numRuns: 300 },
    );
  });

  it('formats counts with separators', () => {
    assert.equal(formatCount(1024), '1,024');
    assert.equal(formatCount(7), '7');
  });
});
