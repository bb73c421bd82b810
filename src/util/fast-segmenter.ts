/**
 * A grapheme segmenter that leaves ICU out when every UTF-16 code unit of the text is a grapheme of its own, which is
 * the case for almost everything a terminal UI draws: the always-one-column characters of narrow-width.ts and control
 * codes (ESC starts every colour). Why: a process's first `new Intl.Segmenter()` loads ICU's break rules (~8 ms), and
 * segmenting costs about a microsecond per character; the build (scripts/fast-segmenter-plugin.mjs) puts this in
 * place of the Intl.Segmenter that string-width, ansi-tokenize (Ink's frame output) and slice-ansi create when loaded.
 * Anything else is segmented by a real Intl.Segmenter, made on first need. test/util/fast-segmenter.test.ts checks it
 * against Intl.Segmenter.
 */
import { isNarrowCodeUnit } from './narrow-width.js';

/** What the callers use of Intl.Segments: iteration and `containing`. */
export interface GraphemeSegments extends Iterable<Intl.SegmentData> {
  containing(index?: number): Intl.SegmentData | undefined;
}

const CR = 0x0d;

/**
 * Whether each code unit of `text` is a grapheme cluster by itself: always-one-column characters (none joins another)
 * and control codes other than CR (CR LF is one cluster).
 */
export function codeUnitsAreGraphemes(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (isNarrowCodeUnit(unit)) continue;
    if ((unit < 0x20 && unit !== CR) || (unit >= 0x7f && unit <= 0x9f)) continue;
    return false;
  }
  return true;
}

class CodeUnitSegments implements GraphemeSegments {
  constructor(private readonly input: string) {}

  containing(index = 0): Intl.SegmentData | undefined {
    const at = Math.trunc(index);
    if (!(at >= 0 && at < this.input.length)) return undefined;
    return { segment: this.input[at], index: at, input: this.input };
  }

  *[Symbol.iterator](): Iterator<Intl.SegmentData> {
    for (let i = 0; i < this.input.length; i++) yield { segment: this.input[i], index: i, input: this.input };
  }
}

export class FastGraphemeSegmenter {
  private real: Intl.Segmenter | undefined;

  constructor(
    private readonly locales?: string | string[],
    private readonly options?: Intl.SegmenterOptions,
  ) {}

  segment(text: string): GraphemeSegments {
    const graphemes = (this.options?.granularity ?? 'grapheme') === 'grapheme';
    if (graphemes && codeUnitsAreGraphemes(text)) return new CodeUnitSegments(text);
    this.real ??= new Intl.Segmenter(this.locales, this.options);
    return this.real.segment(text);
  }
}
