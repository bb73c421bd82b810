#!/usr/bin/env node
// `npm run build`: bundles the CLI with esbuild into dist/cli.js (+ dist/chunks/ for what each mode loads lazily) and
// builds the `cogsync/sync` library entry (dist/lib/sync.js + .d.ts). A bundle starts about twice as fast as the
// compiled files, because Node resolves and reads one file per module otherwise (UX.md §3 pitfall 10).
//
//   node scripts/build.mjs                 dist/ (CLI and library)
//   node scripts/build.mjs --out DIR       the same into DIR
//   node scripts/build.mjs --cli-only DIR  only the CLI bundle, into DIR (the bench builds a private copy this way)
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { confWithoutAjvPlugin } from './conf-without-ajv-plugin.mjs';
import { fastSegmenterPlugin } from './fast-segmenter-plugin.mjs';
import { fastStringWidthPlugin } from './fast-string-width-plugin.mjs';
import { inkOutputCachePlugin } from './ink-output-cache-plugin.mjs';
import { yogaNoFetchPlugin } from './yoga-no-fetch-plugin.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// Bundled CommonJS packages call require() for Node's built-ins; an ES module has no require of its own.
const REQUIRE_BANNER = "import { createRequire as __cogsyncCreateRequire } from 'node:module'; const require = __cogsyncCreateRequire(import.meta.url);";

/**
 * What every bundle of cogsync's code shares (the CLI, and harnesses that must measure what ships).
 * @param {Record<string, string>} entryPoints
 * @param {string} outDir
 */
export function bundleOptions(entryPoints, outDir) {
  return {
    absWorkingDir: root,
    entryPoints,
    outdir: outDir,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Native addons load their .node files relative to their own package: they stay in node_modules.
    external: ['better-sqlite3', 'node-pty'],
    // ES builds first: a dynamic import() of a CommonJS package gives only `default` in a split bundle, so
    // `(await import('@aws-sdk/client-cognito-sync'))[name]` would find nothing; the ES build also shakes better.
    mainFields: ['module', 'main'],
    // Ink imports its devtools only when DEV=true; the package is not installed, so it must not be resolved.
    alias: { 'react-devtools-core': './scripts/react-devtools-core-stub.mjs' },
    // React's production build: the development one checks every element and is several times slower.
    define: { 'process.env.NODE_ENV': '"production"' },
    banner: { js: REQUIRE_BANNER },
    // One-column text measured by its length before string-width's grapheme walk; Ink's line caches kept across
    // frames; yoga's WebAssembly decoded without starting fetch(); conf without the Ajv and semver it never uses here
    // (see each plugin for why it is safe).
    plugins: [fastStringWidthPlugin(), fastSegmenterPlugin(), inkOutputCachePlugin(), yogaNoFetchPlugin(), confWithoutAjvPlugin()],
    // Minified: V8 parses every byte of each chunk an editor start loads, and 2.7 MB → 1.6 MB took ~15 ms (~6%) off
    // the start to records on screen (bench/editor.ts). keepNames keeps function and class names for crash stacks.
    minify: true,
    keepNames: true,
    legalComments: 'none',
    logLevel: 'warning',
  };
}

/**
 * Bundles src/cli.ts into `outDir`/cli.js. Dynamic imports become chunks, so the editor never parses the commands,
 * the commands never parse Ink and React, and `serve` never parses the SDK.
 * @param {string} outDir
 * @param {{metafile?: boolean}} [options]
 */
export async function buildCli(outDir, options = {}) {
  rmSync(outDir, { recursive: true, force: true });
  return esbuild.build({ ...bundleOptions({ cli: 'src/cli.ts' }, outDir), metafile: options.metafile ?? false });
}

/**
 * The library entry for `import … from 'cogsync/sync'`: its own bundle with the packages left as imports (a script
 * brings its own AWS SDK), and declarations from tsc (tsconfig.lib.json: only what src/lib/sync.ts reaches).
 * @param {string} outDir
 */
async function buildLibrary(outDir) {
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: { 'lib/sync': 'src/lib/sync.ts' },
    outdir: outDir,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const types = join(outDir, 'types');
  const run = spawnSync(
    process.execPath,
    [tsc, '-p', 'tsconfig.lib.json', '--declarationDir', types],
    { cwd: root, stdio: 'inherit' },
  );
  if (run.status !== 0) throw new Error('tsc could not write the declarations');
  // package.json points at dist/lib/sync.d.ts: re-export the declarations tsc laid out under dist/types/.
  writeFileSync(join(outDir, 'lib', 'sync.d.ts'), "export * from '../types/lib/sync.js';\n");
}

/**
 * Everything `npm run build` makes (the CLI bundle and the library with its declarations), into `outDir`.
 * @param {string} outDir
 */
export async function buildAll(outDir) {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  await buildCli(outDir);
  await buildLibrary(outDir);
}

async function main(argv) {
  if (argv[0] === '--cli-only') {
    if (!argv[1]) throw new Error('usage: build.mjs --cli-only <out-dir>');
    await buildCli(resolve(argv[1]));
    return;
  }
  if (argv[0] === '--out') {
    if (!argv[1]) throw new Error('usage: build.mjs --out <out-dir>');
    await buildAll(resolve(argv[1]));
    return;
  }
  await buildAll(join(root, 'dist'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    await main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`build failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
