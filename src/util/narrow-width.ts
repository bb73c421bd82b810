/**
 * The display width of text made only of characters that always take exactly one terminal column on their own, or
 * `undefined` when the text holds anything else (then ask string-width). string-width segments graphemes and runs
 * Unicode-property regexes per grapheme; this loop answers for the text a terminal UI is mostly made of: printable
 * ASCII, Latin-1, dashes and quotes, `… › · → ✓`, box drawing and the braille spinner. None of these characters joins
 * another into one grapheme, none is zero-width, none is an emoji on its own, and the East Asian "ambiguous" ones
 * (`· … – → │`) count as narrow, which is string-width's default (`ambiguousIsNarrow: true`).
 * test/util/narrow-width.test.ts checks every one of them against string-width.
 */

/** Inclusive UTF-16 code unit ranges, all in the Basic Multilingual Plane. */
const NARROW_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x20, 0x7e], // printable ASCII
  [0xa1, 0xa8], // Latin-1 punctuation … (U+00A0 no-break space is left to string-width)
  [0xaa, 0xac], // (U+00A9 © and U+00AE ® can be emoji; U+00AD soft hyphen is zero-width)
  [0xaf, 0xff], // … and letters
  [0x2010, 0x2027], // dashes, quotes, • and …
  [0x2030, 0x203a], // ‰ primes ‹ ›
  [0x2190, 0x2193], // ← ↑ → ↓
  [0x21b5, 0x21b5], // ↵
  [0x21e7, 0x21e7], // ⇧
  [0x2260, 0x2265], // ≠ ≤ ≥
  [0x2500, 0x259f], // box drawing and block elements
  [0x2713, 0x2713], // ✓
  [0x2717, 0x2717], // ✗
  [0x2800, 0x28ff], // braille (spinners)
];

const LOOKUP_END = 0x2900;
const narrow = new Uint8Array(LOOKUP_END);
for (const [from, to] of NARROW_RANGES) narrow.fill(1, from, to + 1);

/** Whether the code unit is in the always-one-column set. */
export const isNarrowCodeUnit = (unit: number): boolean => unit < LOOKUP_END && narrow[unit] === 1;

/** `text.length` when every character is in the always-one-column set, otherwise undefined. */
export function narrowWidth(text: string): number | undefined {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= LOOKUP_END || narrow[unit] !== 1) return undefined;
  }
  return text.length;
}
