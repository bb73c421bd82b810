// esbuild plugin: the grapheme segmenters that string-width, ansi-tokenize (Ink's frame output) and slice-ansi create
// when loaded become src/util/fast-segmenter.ts, which leaves ICU out for text whose every code unit is a grapheme.
//
// Why: a process's first `new Intl.Segmenter()` loads ICU's break rules, ~8 ms of every editor start, and segmenting
// costs about a microsecond per character of every new line of every frame. The text a terminal UI draws (ASCII,
// Latin-1, box drawing, colour escapes) needs none of it; fast-segmenter.ts hands anything else to a real
// Intl.Segmenter, made on first need, and a test compares the two.
//
// The patch is exact: each patched module must create exactly one Intl.Segmenter, or the build fails and says so.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const FAST_SEGMENTER = fileURLToPath(new URL('../src/util/fast-segmenter.ts', import.meta.url));
const CREATE = 'new Intl.Segmenter(';

/** `source` with its one Intl.Segmenter replaced by the fast one; throws when it creates none or several. */
export function useFastSegmenter(source, path = 'module') {
  const count = source.split(CREATE).length - 1;
  if (count !== 1) {
    throw new Error(`${path}: expected exactly one "${CREATE}", found ${count}; update scripts/fast-segmenter-plugin.mjs for this version`);
  }
  return `import { FastGraphemeSegmenter as CogsyncFastGraphemeSegmenter } from ${JSON.stringify(FAST_SEGMENTER)};\n${source.replace(CREATE, 'new CogsyncFastGraphemeSegmenter(')}`;
}

/** ansi-tokenize and slice-ansi (string-width is patched by fast-string-width-plugin.mjs, which already loads it). */
const PATCHED = /[\\/](?:@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]tokenize\.js|slice-ansi[\\/]tokenize-ansi\.js)$/;

export function fastSegmenterPlugin() {
  return {
    name: 'fast-segmenter',
    setup(build) {
      build.onLoad({ filter: PATCHED }, (args) => ({ contents: useFastSegmenter(readFileSync(args.path, 'utf8'), args.path), loader: 'js' }));
    },
  };
}
