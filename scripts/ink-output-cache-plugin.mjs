// esbuild plugin: Ink's per-frame output caches (tokenized lines, string widths) live across frames in the bundle.
//
// Why: Ink 6.8 builds a new Output for every frame, and with it new caches, so every line on screen is split into
// styled characters again (Intl.Segmenter + ANSI parsing + one object per character) even when it did not change.
// That was about a third of the editor's CPU per keypress (node --cpu-prof); a cursor move changes two table rows
// and the detail pane, the rest of the screen is the same text as the frame before.
//
// Safe because the cached values are pure functions of their key (a line of text → its styled characters, a string →
// its width) and Output.get() only reads them (it places the cached character objects in its grid and builds new
// ones for wide-character padding). The caches are dropped whole when they grow past a bound, so memory stays small.
//
// The patch is exact: if Ink's output.js no longer contains the line it replaces (an Ink upgrade), the build fails
// and says so, rather than silently shipping without it.
import { readFileSync } from 'node:fs';

export const ORIGINAL = 'caches = new OutputCaches();';
const REPLACEMENT = 'caches = cogsyncSharedOutputCaches();';
const SHARED = `
// Added by cogsync's build (scripts/ink-output-cache-plugin.mjs): caches shared by every frame, dropped when large.
const COGSYNC_MAX_CACHED_LINES = 300;
const COGSYNC_MAX_CACHED_WIDTHS = 5000;
let cogsyncOutputCaches;
function cogsyncSharedOutputCaches() {
    const caches = cogsyncOutputCaches;
    if (caches === undefined || caches.styledChars.size > COGSYNC_MAX_CACHED_LINES || caches.blockWidths.size > COGSYNC_MAX_CACHED_LINES || caches.widths.size > COGSYNC_MAX_CACHED_WIDTHS) {
        cogsyncOutputCaches = new OutputCaches();
    }
    return cogsyncOutputCaches;
}
`;

/** Ink's output.js with the shared caches; throws when the source is not the one this patch was written for. */
export function patchInkOutput(source, path = 'ink/build/output.js') {
  const at = source.indexOf(ORIGINAL);
  if (at === -1 || source.indexOf(ORIGINAL, at + 1) !== -1 || !source.includes('class OutputCaches')) {
    throw new Error(`${path}: expected exactly one "${ORIGINAL}" and class OutputCaches (Ink 6.8); update scripts/ink-output-cache-plugin.mjs for this Ink version`);
  }
  const classStart = source.indexOf('export default class Output');
  if (classStart === -1) throw new Error(`${path}: no "export default class Output"`);
  return source.slice(0, classStart) + SHARED + source.slice(classStart).replace(ORIGINAL, REPLACEMENT);
}

export function inkOutputCachePlugin() {
  return {
    name: 'ink-output-cache',
    setup(build) {
      build.onLoad({ filter: /[\\/]ink[\\/]build[\\/]output\.js$/ }, (args) => ({
        contents: patchInkOutput(readFileSync(args.path, 'utf8'), args.path),
        loader: 'js',
      }));
    },
  };
}
