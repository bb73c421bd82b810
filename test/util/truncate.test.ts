// truncateToWidth segments only the ends a cut keeps (Node 20's grapheme segmenter slows down with the length of its
// input), so on long texts it must give exactly what cutting the whole segmented text gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import stringWidth from 'string-width';
import { displayWidth, truncateToWidth, type TruncatePosition } from '../../src/util/truncate.js';

/** The plain algorithm: segment the whole text, keep graphemes from the front (and back) while they fit. */
function reference(text: string, width: number, position: TruncatePosition): string {
  if (width <= 0) return '';
  if (stringWidth(text) <= width) return text;
  if (width === 1) return '…';
  const graphemes = Array.from(new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(text), (s) => s.segment);
  const take = (list: string[], columns: number) => {
    const taken: string[] = [];
    let used = 0;
    for (const g of list) {
      if (used + stringWidth(g) > columns) break;
      taken.push(g);
      used += stringWidth(g);
    }
    return taken;
  };
  const room = width - 1;
  const head = position === 'end' ? room : position === 'start' ? 0 : Math.ceil(room / 2);
  const front = position === 'start' ? '' : take(graphemes, head).join('');
  const back = position === 'end' ? '' : take([...graphemes].reverse(), room - head).reverse().join('');
  return front + '…' + back;
}

// Wide, zero-width, combining, joined and astral pieces: cuts inside a grapheme are where a shortcut would go wrong.
const piece = fc.constantFrom('a', 'Z', '日', '本', 'é', 'e\u0301', 'e\u0301\u0302', '👍', '👍🏽', '👨‍👩‍👧‍👦', '🇫🇷', '\u200b', '\u200d', ' ', '…', '\ud83d');

test('property: a long text is cut exactly as cutting its whole segmented text would cut it', () => {
  fc.assert(
    fc.property(fc.array(piece, { minLength: 1, maxLength: 260 }), fc.integer({ min: 0, max: 24 }), fc.constantFrom<TruncatePosition>('end', 'start', 'middle'), (pieces, width, position) => {
      const text = pieces.join('');
      const cut = truncateToWidth(text, width, position);
      assert.equal(cut, reference(text, width, position));
      assert.ok(displayWidth(cut) <= Math.max(0, width));
    }),
    { numRuns: 1500 },
  );
});

test('a 100,000-character CJK value is cut from its ends as a short one is', () => {
  const long = '日本語'.repeat(33_334);
  for (const position of ['end', 'start', 'middle'] as const) {
    assert.equal(truncateToWidth(long, 11, position), truncateToWidth('日本語'.repeat(10), 11, position), position);
  }
  assert.equal(truncateToWidth(long, 11), '日本語日本…');
  assert.equal(truncateToWidth('日本', 4), '日本', 'a text that fits is kept whole');
});
