// The benchmarks measure the bundled CLI (what `npm run build` ships), built afresh from the current sources into a
// private folder under node_modules/.cache: a dist/ left by someone else may be stale, and building there would
// change what bin/cogsync.js runs for everybody sharing this working tree. The folder sits inside node_modules so
// the bundle's external packages (better-sqlite3) resolve exactly as they do from dist/.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = fileURLToPath(new URL('../node_modules/.cache/cogsync-bench/cli/', import.meta.url));

let built: string | undefined;

/** Path of the freshly bundled cli.js (built once per process). */
export function builtCli(): string {
  if (built) return built;
  const run = spawnSync(process.execPath, ['scripts/build.mjs', '--cli-only', outDir], { cwd: root, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`bundling the CLI failed:\n${run.stderr}${run.stdout}`);
  built = `${outDir}cli.js`;
  return built;
}
