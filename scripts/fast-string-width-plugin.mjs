// esbuild plugin: every `import stringWidth from 'string-width'` in the bundle (Ink's output, widest-line,
// cli-truncate, wrap-ansi, our util/truncate) gets a fast path in front of the real function.
//
// Why: string-width segments every string into graphemes and runs two or three Unicode-property regexes per grapheme;
// Ink calls it for every text node and every character of every frame, and it was about a fifth of the editor's CPU
// per keypress (node --cpu-prof). Text made only of characters that are always one column (src/util/narrow-width.ts:
// printable ASCII, Latin-1, `… › · →`, box drawing…), once ANSI escapes are removed, is as wide as it is long.
// Anything else goes to the real string-width, the copy the importer would have used (wrap-ansi pins its own), and so
// do calls with options that change the answer for those characters.
import { readFileSync } from 'node:fs';
import { useFastSegmenter } from './fast-segmenter-plugin.mjs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const NAMESPACE = 'cogsync-fast-string-width';

const NARROW_WIDTH = fileURLToPath(new URL('../src/util/narrow-width.ts', import.meta.url));

/** Source of the wrapper around the string-width at `realPath`, which strips escapes with its own strip-ansi. */
export function wrapperSource(realPath, stripAnsiPath) {
  return `import realStringWidth from ${JSON.stringify(realPath)};
import stripAnsi from ${JSON.stringify(stripAnsiPath)};
import { narrowWidth } from ${JSON.stringify(NARROW_WIDTH)};
export default function stringWidth(input, options) {
  if (typeof input !== 'string' || (options && (options.countAnsiEscapeCodes || options.ambiguousIsNarrow === false))) {
    return realStringWidth(input, options);
  }
  const text = input.includes('\\u001B') || input.includes('\\u009B') ? stripAnsi(input) : input;
  return narrowWidth(text) ?? realStringWidth(input, options);
}
`;
}

// string-width 8 builds its RGI emoji regex when loaded (~15 ms: \p{RGI_Emoji} expands to thousands of sequences);
// behind the fast path it is rarely needed, so it is built on first use instead.
const EAGER_EMOJI_REGEX = 'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;';
const EMOJI_TEST = 'rgiEmojiRegex.test(segment)';

/** string-width 8's source with the emoji regex built on first use; other versions unchanged. */
export function lazyEmojiRegex(source) {
  if (source.split(EAGER_EMOJI_REGEX).length !== 2 || source.split(EMOJI_TEST).length !== 2) return source;
  return source
    .replace(EAGER_EMOJI_REGEX, () => 'let rgiEmojiRegex;')
    .replace(EMOJI_TEST, () => "(rgiEmojiRegex ??= new RegExp('^\\\\p{RGI_Emoji}$', 'v')).test(segment)");
}

export function fastStringWidthPlugin() {
  return {
    name: 'fast-string-width',
    setup(build) {
      build.onResolve({ filter: /^string-width$/ }, async (args) => {
        if (args.pluginData?.real) return undefined;
        const real = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: { real: true } });
        if (real.errors.length > 0) return { errors: real.errors };
        const strip = await build.resolve('strip-ansi', { kind: 'import-statement', resolveDir: dirname(real.path), pluginData: { real: true } });
        if (strip.errors.length > 0) return { errors: strip.errors };
        return { path: real.path, namespace: NAMESPACE, pluginData: { stripAnsi: strip.path } };
      });
      build.onResolve({ filter: /.*/, namespace: NAMESPACE }, (args) => ({ path: args.path, pluginData: { real: true } }));
      // Every string-width copy also gets the fast grapheme segmenter (fast-segmenter-plugin.mjs says why).
      build.onLoad({ filter: /[\\/]string-width[\\/]index\.js$/, namespace: 'file' }, (args) => ({
        contents: useFastSegmenter(lazyEmojiRegex(readFileSync(args.path, 'utf8')), args.path),
        loader: 'js',
      }));
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => {
        // Fail loudly if the path is not a string-width we can read (a layout change in node_modules).
        readFileSync(args.path);
        return { contents: wrapperSource(args.path, args.pluginData.stripAnsi), loader: 'js', resolveDir: dirname(args.path) };
      });
    },
  };
}
