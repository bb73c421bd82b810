// The bundle `npm run build` ships: each mode loads only its own code, the scripted commands work through it against
// the real local server (a regression: a split bundle once gave `import()` of the CommonJS SDK only a default export),
// the library entry has its declarations, the dependency patches refuse sources they were not written for, and the
// bundled editor (with every patch in) draws records and moves the selection in a real terminal.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { ListRecordsCommand, UpdateRecordsCommand } from '@aws-sdk/client-cognito-sync';
import type { Metafile } from 'esbuild';
import { buildAll, buildCli } from '../../scripts/build.mjs';
import { ORIGINAL, patchInkOutput } from '../../scripts/ink-output-cache-plugin.mjs';
import { patchYogaLoader } from '../../scripts/yoga-no-fetch-plugin.mjs';
import { lazyEmojiRegex } from '../../scripts/fast-string-width-plugin.mjs';
import { patchConfSource, UNUSED_IMPORTS, VALIDATOR_GUARD } from '../../scripts/conf-without-ajv-plugin.mjs';
import { useFastSegmenter } from '../../scripts/fast-segmenter-plugin.mjs';
import { tempHome } from '../helpers/home.js';
import { startTestServer, type TestServer } from '../helpers/local-server.js';
import { spawnPty } from '../helpers/pty.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
// Inside node_modules so the bundle's external packages (better-sqlite3) resolve as they do from dist/.
const cacheDir = join(root, 'node_modules', '.cache');
mkdirSync(cacheDir, { recursive: true });
const outDir = mkdtempSync(join(cacheDir, 'cogsync-test-bundle-'));
const cli = join(outDir, 'cli.js');
const home = tempHome();
let metafile: Metafile;
let server: TestServer;

const POOL = 'us-east-1:00000000-0000-4000-8000-0000000b0001';
const IDENTITY = 'us-east-1:00000000-0000-4000-8000-0000000b0002';

before(async () => {
  const result = await buildCli(outDir, { metafile: true });
  metafile = result.metafile!;
  server = await startTestServer({ inMemory: true });
  const place = { IdentityPoolId: POOL, IdentityId: IDENTITY, DatasetName: 'settings' };
  const { SyncSessionToken } = await server.sync.send(new ListRecordsCommand(place));
  await server.sync.send(
    new UpdateRecordsCommand({
      ...place,
      SyncSessionToken,
      RecordPatches: Array.from({ length: 40 }, (_, i) => ({ Op: 'replace', Key: `key-${String(i).padStart(2, '0')}`, Value: `value ${i}`, SyncCount: 0 })),
    }),
  );
});

after(async () => {
  await server?.close();
  rmSync(outDir, { recursive: true, force: true });
  home.cleanup();
});

/** Every input module statically reachable from an output file (what loading it costs), as paths from the root. */
function staticInputs(output: string): string[] {
  const outputs = metafile.outputs;
  const key = (p: string) => relative(root, join(root, p));
  const byName = new Map(Object.entries(outputs).map(([name, o]) => [key(name), o]));
  const seen = new Set<string>();
  const stack = [key(output)];
  while (stack.length > 0) {
    const name = stack.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    for (const i of byName.get(name)?.imports ?? []) if (i.kind === 'import-statement' && !i.external) stack.push(key(i.path));
  }
  return [...seen].flatMap((name) => Object.keys(byName.get(name)?.inputs ?? {}));
}

/** The output chunk holding `source` as an entry of a dynamic import. */
function chunkOf(source: string): string {
  const found = Object.entries(metafile.outputs).find(([, o]) => o.entryPoint === source);
  assert.ok(found, `no chunk for ${source}`);
  return found[0];
}

const has = (inputs: string[], needle: string) => inputs.some((i) => i.includes(needle));

test('each mode loads only its own code', () => {
  const start = staticInputs(relative(root, cli));
  for (const heavy of ['node_modules/ink/', 'node_modules/react', 'node_modules/@aws-sdk/', 'node_modules/ajv/', 'src/commands/']) {
    assert.ok(!has(start, heavy), `cli.js alone must not load ${heavy}`);
  }
  const serve = staticInputs(chunkOf('src/local/serve-command.ts'));
  assert.ok(has(serve, 'src/local/server.ts'));
  for (const heavy of ['node_modules/@aws-sdk/', 'node_modules/@smithy/', 'node_modules/ink/', 'node_modules/react']) {
    assert.ok(!has(serve, heavy), `serve must not load ${heavy}`);
  }
  const operation = staticInputs(chunkOf('src/commands/run-operation.ts'));
  for (const heavy of ['node_modules/ink/', 'node_modules/react', 'node_modules/yoga-layout/']) {
    assert.ok(!has(operation, heavy), `the commands must not load ${heavy}`);
  }
  // Every scripted command registers all of them: registering must not load the settings store (conf, ajv).
  for (const entry of ['src/commands/index.ts', 'src/commands/settings-commands.ts', 'src/commands/run-operation.ts']) {
    const inputs = staticInputs(chunkOf(entry));
    for (const heavy of ['node_modules/conf/', 'node_modules/ajv/', 'src/config/store.ts']) {
      assert.ok(!has(inputs, heavy), `${entry} must not load ${heavy}`);
    }
  }
  const editor = staticInputs(chunkOf('src/ui/run-editor.tsx'));
  assert.ok(has(editor, 'node_modules/ink/'));
  assert.ok(has(editor, 'node_modules/conf/'));
  // conf is given a precompiled validator and no migrations: Ajv's compiler and semver stay out.
  for (const unused of ['node_modules/ajv/dist/core.js', 'node_modules/ajv-formats/', 'node_modules/semver/']) {
    assert.ok(!has(editor, unused), `the editor must not load ${unused}`);
  }
  for (const other of ['src/commands/run-operation.ts', 'src/commands/define-operation.ts', 'src/local/server.ts']) {
    assert.ok(!has(editor, other), `the editor must not load ${other} before it needs it`);
  }
});

test('the dependency patches are in the bundle', () => {
  const editorChunk = readFileSync(join(root, chunkOf('src/ui/run-editor.tsx')), 'utf8');
  assert.ok(editorChunk.includes('cogsyncSharedOutputCaches'), "Ink's output caches shared across frames");
  assert.ok(!editorChunk.includes('"function"!=typeof fetch'), 'yoga decodes its WebAssembly without fetch()');
  const all = Object.keys(metafile.inputs);
  assert.ok(all.some((i) => i.startsWith('cogsync-fast-string-width:')), 'string-width wrapped by the fast path');
  // Every grapheme segmenter made when a module loads is the fast one; ICU's is made only on first need.
  const editor = staticInputs(chunkOf('src/ui/run-editor.tsx'));
  assert.ok(editor.some((i) => i.endsWith('src/util/fast-segmenter.ts')));
  for (const chunk of new Set(Object.keys(metafile.outputs))) {
    if (!chunk.endsWith('.js')) continue;
    const text = readFileSync(join(root, chunk), 'utf8');
    for (const created of text.match(/new Intl\.Segmenter\([^)]*\)/g) ?? []) assert.match(created, /this\.locales|"en"/, `${chunk}: ${created} made when loaded`);
  }
});

test('the patches refuse a source they were not written for', () => {
  const ink = readFileSync(join(root, 'node_modules/ink/build/output.js'), 'utf8');
  assert.match(patchInkOutput(ink), /caches = cogsyncSharedOutputCaches\(\);/);
  assert.throws(() => patchInkOutput(ink.replace(ORIGINAL, 'caches = new OtherCaches();')), /update scripts\/ink-output-cache-plugin\.mjs/);
  const yoga = readFileSync(join(root, 'node_modules/yoga-layout/dist/binaries/yoga-wasm-base64-esm.js'), 'utf8');
  assert.ok(!patchYogaLoader(yoga).includes('"function"!=typeof fetch'));
  assert.throws(() => patchYogaLoader(yoga.replace('"function"!=typeof fetch', 'typeof fetch!="function"')), /found 1/);
  const stringWidth = readFileSync(join(root, 'node_modules/string-width/index.js'), 'utf8');
  assert.match(lazyEmojiRegex(stringWidth), /let rgiEmojiRegex;/);
  assert.equal(lazyEmojiRegex('export default 1;'), 'export default 1;', 'other sources pass through');
  for (const file of ['node_modules/@alcalzone/ansi-tokenize/build/tokenize.js', 'node_modules/slice-ansi/tokenize-ansi.js', 'node_modules/string-width/index.js']) {
    const source = readFileSync(join(root, file), 'utf8');
    assert.ok(!useFastSegmenter(source).includes('new Intl.Segmenter('), `${file}: its segmenter replaced`);
    assert.throws(() => useFastSegmenter(source.replace('new Intl.Segmenter(', 'Intl.Segmenter.call(')), /update scripts\/fast-segmenter-plugin\.mjs/);
  }
  const conf = readFileSync(join(root, 'node_modules/conf/dist/source/index.js'), 'utf8');
  const patchedConf = patchConfSource(conf);
  for (const line of Object.keys(UNUSED_IMPORTS)) assert.ok(!patchedConf.includes(line), line);
  assert.throws(() => patchConfSource(conf.replace(VALIDATOR_GUARD, 'if (true) {')), /update scripts\/conf-without-ajv-plugin\.mjs/);
  assert.throws(() => patchConfSource(conf.replace("from 'semver'", "from 'semver/index.js'")), /update scripts\/conf-without-ajv-plugin\.mjs/);
});

test('the bundled config commands still check config.json against its schema (conf without Ajv)', async () => {
  await assert.rejects(
    run(process.execPath, [cli, 'config', 'set', 'preferences.theme', 'pink'], { env: env() }),
    (error: { code?: number; stderr?: string }) => error.code !== 0 && /preferences\.theme must be one of light, dark/.test(error.stderr ?? ''),
  );
  await run(process.execPath, [cli, 'config', 'set', 'preferences.theme', 'light'], { env: env() });
  const { stdout } = await run(process.execPath, [cli, 'config', 'get', 'preferences.theme'], { env: env() });
  assert.match(stdout, /light/);
});

const env = () => ({
  ...process.env,
  COGSYNC_HOME: home.dir,
  AWS_ACCESS_KEY_ID: 'AKIDTESTCOGSYNC',
  AWS_SECRET_ACCESS_KEY: 'test-secret-not-real',
  AWS_REGION: 'us-east-1',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
});

test('the bundled list-records reads the dataset from the real server', async () => {
  const { stdout } = await run(
    process.execPath,
    [cli, 'list-records', '--identity-pool-id', POOL, '--identity-id', IDENTITY, '--dataset-name', 'settings', '--endpoint-url', server.url],
    { env: env() },
  );
  const listed = JSON.parse(stdout) as { Records: Array<{ Key: string; Value: string }>; Count: number };
  assert.equal(listed.Count, 40);
  assert.deepEqual(listed.Records[7], { ...listed.Records[7], Key: 'key-07', Value: 'value 7' });
  // --query loads the JMESPath module on demand: through a split bundle too.
  const queried = await run(
    process.execPath,
    [cli, 'list-records', '--identity-pool-id', POOL, '--identity-id', IDENTITY, '--dataset-name', 'settings', '--endpoint-url', server.url,
      '--query', "Records[?Key=='key-07'].Value | [0]", '--output', 'text'],
    { env: env() },
  );
  assert.equal(queried.stdout, 'value 7\n');
});

test('--help still lists the scripted commands (they are registered whenever a word could name one)', async () => {
  const { stdout } = await run(process.execPath, [cli, '--help'], { env: env() });
  assert.match(stdout, /list-records/);
  assert.match(stdout, /serve/);
});

test('the bundled editor draws the records and moves the selection in a real terminal', async () => {
  const editorEnv: NodeJS.ProcessEnv = { ...env(), COGSYNC_E2E: '1' };
  delete editorEnv.AWS_ACCESS_KEY_ID; // a loopback endpoint without keys is a local connection
  delete editorEnv.AWS_SECRET_ACCESS_KEY;
  const term = spawnPty(process.execPath, [cli, '--endpoint-url', server.url, '--identity-pool-id', POOL, '--identity-id', IDENTITY, '--dataset-name', 'settings'], { env: editorEnv });
  try {
    await term.waitFor(/1–\d+ of 40/);
    await term.waitFor('‹ready›');
    await term.waitFor('›  key-00');
    const mark = term.mark();
    await term.send('j', 'j');
    await term.waitFor('›  key-02', { since: mark });
    const screen = term.text();
    assert.match(screen, /value 2/, 'the detail pane or the table shows the selected value');
    term.send('q');
    assert.equal((await term.exited).exitCode, 0);
  } finally {
    term.kill();
  }
});

test('npm run build also makes the library entry with its declarations', async () => {
  const dir = mkdtempSync(join(cacheDir, 'cogsync-test-dist-'));
  try {
    await buildAll(dir);
    const lib = (await import(pathToFileURL(join(dir, 'lib', 'sync.js')).href)) as { openDataset?: unknown };
    assert.equal(typeof lib.openDataset, 'function');
    assert.match(readFileSync(join(dir, 'lib', 'sync.d.ts'), 'utf8'), /types\/lib\/sync\.js/);
    assert.ok(existsSync(join(dir, 'types', 'lib', 'sync.d.ts')), 'the declarations tsc wrote');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bin/cogsync.js runs dist/cli.js when built and the sources through tsx otherwise', async () => {
  const pkg = mkdtempSync(join(cacheDir, 'cogsync-test-bin-'));
  try {
    mkdirSync(join(pkg, 'bin'));
    copyFileSync(join(root, 'bin', 'cogsync.js'), join(pkg, 'bin', 'cogsync.js'));
    mkdirSync(join(pkg, 'src'));
    writeFileSync(join(pkg, 'src', 'cli.ts'), "const from: string = 'sources';\nconsole.log(from);\n");
    writeFileSync(join(pkg, 'package.json'), '{"type":"module"}\n');
    const bin = join(pkg, 'bin', 'cogsync.js');
    assert.equal((await run(process.execPath, [bin])).stdout.trim(), 'sources');
    mkdirSync(join(pkg, 'dist'));
    writeFileSync(join(pkg, 'dist', 'cli.js'), "console.log('bundle');\n");
    assert.equal((await run(process.execPath, [bin])).stdout.trim(), 'bundle');
  } finally {
    rmSync(pkg, { recursive: true, force: true });
  }
});
