// esbuild plugin: conf's Ajv, ajv-formats and semver are left out of the bundle.
//
// Why: conf imports all three when it is loaded, but uses Ajv and ajv-formats only when given a `schema` (cogsync
// gives it a validator Ajv compiled ahead of time instead: src/config/conf-factory.ts) and semver only for
// `migrations` (cogsync has none). They were ~330 KB of the ~2.1 MB every editor start parses and runs. Each is
// replaced by a stand-in that throws, naming this file, if conf ever uses it.
//
// The patch is exact: conf's source must import exactly these three and skip Ajv without a schema in the words of
// conf 15, or the build fails and says so.
import { readFileSync } from 'node:fs';

const NAMESPACE = 'cogsync-conf-unused';

/** The import lines this plugin replaces, each with the stand-in's source. */
export const UNUSED_IMPORTS = {
  "import { Ajv2020 as Ajv } from 'ajv/dist/2020.js';": 'export class Ajv2020 { constructor() { unused("Ajv"); } }',
  "import ajvFormatsModule from 'ajv-formats';": 'export default { get default() { return unused("ajv-formats"); } };',
  "import semver from 'semver';": 'export default new Proxy({}, { get: (_target, name) => unused(`semver.${String(name)}`) });',
};

/** conf builds an Ajv only when given one of these options (none of which cogsync passes). */
export const VALIDATOR_GUARD = 'if (!(options.schema ?? options.ajvOptions ?? options.rootSchema)) {';

const STAND_IN_PRELUDE = `function unused(what) {
  throw new Error(\`\${what} is not in cogsync's bundle: conf was given a schema or migrations (see scripts/conf-without-ajv-plugin.mjs)\`);
}
`;

/** conf's source with the three imports pointing at stand-ins; throws when conf is not the version this was written for. */
export function patchConfSource(source, path = 'conf/dist/source/index.js') {
  if (source.split(VALIDATOR_GUARD).length !== 2) {
    throw new Error(`${path}: conf no longer skips Ajv without a schema as conf 15 did; update scripts/conf-without-ajv-plugin.mjs`);
  }
  let patched = source;
  for (const [line, _standIn] of Object.entries(UNUSED_IMPORTS)) {
    if (patched.split(line).length !== 2) throw new Error(`${path}: expected the import \`${line}\` once (conf 15); update scripts/conf-without-ajv-plugin.mjs`);
    patched = patched.replace(line, line.replace(/'[^']+'/, `'${NAMESPACE}:${Object.keys(UNUSED_IMPORTS).indexOf(line)}'`));
  }
  return patched;
}

export function confWithoutAjvPlugin() {
  return {
    name: 'conf-without-ajv',
    setup(build) {
      build.onLoad({ filter: /[\\/]node_modules[\\/]conf[\\/]dist[\\/]source[\\/]index\.js$/ }, (args) => ({
        contents: patchConfSource(readFileSync(args.path, 'utf8'), args.path),
        loader: 'js',
        resolveDir: args.path.replace(/[\\/][^\\/]+$/, ''),
      }));
      build.onResolve({ filter: new RegExp(`^${NAMESPACE}:\\d$`) }, (args) => ({ path: args.path, namespace: NAMESPACE }));
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({
        contents: STAND_IN_PRELUDE + Object.values(UNUSED_IMPORTS)[Number(args.path.split(':')[1])],
        loader: 'js',
      }));
    },
  };
}
