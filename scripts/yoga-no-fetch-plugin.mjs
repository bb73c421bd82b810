// esbuild plugin: yoga-layout (Ink's layout engine) decodes its embedded WebAssembly itself instead of through fetch().
//
// Why: yoga's Emscripten loader hands its base64 `data:` URL to fetch() whenever fetch exists, and Node's first
// fetch() loads and starts undici: ~25 ms of every editor start, for a 75 KB buffer that the loader's own fallback
// decodes in well under a millisecond. The patch makes both "is fetch available" checks false, so the fallback runs.
//
// The patch is exact: it must find the check exactly twice (yoga-layout 3.2), or the build fails and says so.
import { readFileSync } from 'node:fs';

const CHECK = '"function"!=typeof fetch';
const EXPECTED = 2;

/** yoga's loader without fetch(); throws when the source is not the one this patch was written for. */
export function patchYogaLoader(source, path = 'yoga-wasm-base64-esm.js') {
  const count = source.split(CHECK).length - 1;
  if (count !== EXPECTED) {
    throw new Error(`${path}: expected ${EXPECTED} "${CHECK}" (yoga-layout 3.2), found ${count}; update scripts/yoga-no-fetch-plugin.mjs for this yoga-layout version`);
  }
  return source.split(CHECK).join('true');
}

export function yogaNoFetchPlugin() {
  return {
    name: 'yoga-no-fetch',
    setup(build) {
      build.onLoad({ filter: /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, (args) => ({
        contents: patchYogaLoader(readFileSync(args.path, 'utf8'), args.path),
        loader: 'js',
      }));
    },
  };
}
