// Hostile input on the client side, with fast-check: the shorthand parser, option
// unpacking, --cli-input-json through a whole command run, and the loaders of config.json,
// drafts and the journal. Whatever comes in: no crash, no hang, the documented error type,
// and nothing half-changed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { CommandError, ExitCode, ParamError } from '../../src/commands/errors.js';
import { cliName, getOperation, inputShape, operationNames } from '../../src/commands/model/service-model.js';
import { readCliInputJson } from '../../src/commands/params/cli-input-json.js';
import { unpackOption } from '../../src/commands/params/unpack.js';
import { runOperation } from '../../src/commands/run-operation.js';
import { MAX_SHORTHAND_NESTING, parseShorthand, ShorthandSyntaxError } from '../../src/commands/shorthand.js';
import { checkConfigFile } from '../../src/config/check-config.js';
import { DraftStore, type DraftAddress } from '../../src/config/drafts.js';
import { Journal } from '../../src/config/journal.js';
import { ConfigStore, configFilePath } from '../../src/config/store.js';
import { finish, newIO } from '../commands/helpers/run.js';
import { tempHome } from '../helpers/home.js';
import { startTestServer, type TestServer } from '../helpers/local-server.js';

const home = tempHome('cogsync-hostile-');
after(() => home.cleanup());

/** Runs `body` and fails when it takes longer than `ms` (a hang or a blow-up). */
function bounded<T>(ms: number, what: string, body: () => T): T {
  const started = performance.now();
  const result = body();
  const took = performance.now() - started;
  assert.ok(took < ms, `${what} took ${took.toFixed(0)} ms`);
  return result;
}

const ESC = '\u001b';
/** Text a hostile user or server might send: controls, escapes, bidi, quotes, shorthand syntax, astral characters. */
const nasty = fc.string({
  unit: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...'=,[]{}\'"\\@ \n\t:.-_/#a1'.split('')) },
    { weight: 2, arbitrary: fc.constantFrom(ESC, '\u0000', '\u009b', '\u202e', '\u2066', '\u2028', '\ud800', '\udfff', '🎉', 'é', 'file://') },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  ),
  maxLength: 80,
});
const deepShorthand = fc.tuple(fc.integer({ min: 1, max: 20_000 }), fc.constantFrom('{a=', '['), fc.boolean()).map(([n, open, closed]) => {
  const close = open === '[' ? ']' : '}';
  return `k=${open.repeat(n)}x${closed ? close.repeat(n) : ''}`;
});

test('shorthand: any text parses or throws ShorthandSyntaxError, quickly; nesting past the limit is refused', () => {
  fc.assert(
    fc.property(fc.oneof(nasty, deepShorthand), (input) => {
      bounded(1_000, 'parseShorthand', () => {
        try {
          const parsed = parseShorthand(input);
          assert.equal(Object.getPrototypeOf(parsed), Object.prototype, 'a plain object, prototype untouched');
        } catch (error) {
          if (!(error instanceof ShorthandSyntaxError)) throw error;
          assert.ok(error.index >= 0 && error.index <= input.length);
        }
      });
    }),
    { numRuns: 2_000 },
  );
  assert.throws(() => parseShorthand(`a=${'['.repeat(MAX_SHORTHAND_NESTING + 1)}]`), /Nesting too deep/);
  assert.deepEqual(parseShorthand(`a=${'['.repeat(MAX_SHORTHAND_NESTING)}x${']'.repeat(MAX_SHORTHAND_NESTING)}`).a !== undefined, true);
  const proto = parseShorthand('__proto__={polluted=yes}');
  assert.deepEqual(Object.keys(proto), ['__proto__']);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('option values: every UpdateRecords member unpacks or is a ParamError (exit 252), never anything else', () => {
  const members = Object.entries(inputShape(getOperation('UpdateRecords')).members ?? {});
  fc.assert(
    fc.property(fc.constantFrom(...members), fc.array(fc.oneof(nasty, fc.json(), deepShorthand), { minLength: 1, maxLength: 3 }), ([member, ref], words) => {
      bounded(1_000, 'unpackOption', () => {
        try {
          unpackOption(`--${cliName(member)}`, member, ref.shape, words.length === 1 ? words[0] : words, { env: { HOME: home.dir }, cwd: home.dir });
        } catch (error) {
          assert.ok(error instanceof ParamError, `${member}: ${String(error)}`);
          assert.equal(error.exitCode, ExitCode.Usage);
        }
      });
    }),
    { numRuns: 1_000 },
  );
});

test('--cli-input-json text: an object or a ParamError naming the flag', () => {
  const deepJson = fc.integer({ min: 1, max: 200_000 }).map((n) => `{"RecordPatches":${'['.repeat(n)}${']'.repeat(n)}}`);
  fc.assert(
    fc.property(fc.oneof(nasty, fc.json(), deepJson, fc.constantFrom('file:///nonexistent/x.json', 'file://', '1e999', 'null', '[]', '"s"')), (text) => {
      bounded(2_000, 'readCliInputJson', () => {
        try {
          const parsed = readCliInputJson(text, { env: { HOME: home.dir }, cwd: home.dir });
          assert.equal(typeof parsed, 'object');
        } catch (error) {
          assert.ok(error instanceof ParamError, String(error));
          assert.match(error.message, /^Error parsing parameter '--cli-input-json': /);
        }
      });
    }),
    { numRuns: 1_000 },
  );
});

let server: TestServer;
before(async () => {
  server = await startTestServer({ inMemory: true });
});
after(async () => server.close());

test('whole command runs with hostile --cli-input-json: exit 0, 252 or 254 with a one-screen message; never a crash (255) or a raw escape', async () => {
  const names = operationNames();
  const memberValue = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.constantFrom(1e308, -1e308, 2 ** 64, -0, 5e-324, 9_007_199_254_740_993, -1, 1.5),
    nasty,
    fc.constant({ Op: 'replace', Key: `k${ESC}]52;c;aGk=\u0007`, Value: `v${ESC}[2J`, SyncCount: 0 }),
  );
  const request = fc.constantFrom(...names).chain((name) => {
    const members = [...Object.keys(inputShape(getOperation(name)).members ?? {}), '__proto__', 'constructor', 'Unknown'];
    return fc.tuple(
      fc.constant(name),
      fc.dictionary(fc.constantFrom(...members), memberValue, { maxKeys: 5 }).map((d) => JSON.stringify(d)),
    );
  });
  const pool = 'us-east-1:00000000-0000-4000-8000-0000000000f1';
  const identity = 'us-east-1:00000000-0000-4000-8000-0000000000f2';
  await fc.assert(
    fc.asyncProperty(request, async ([operation, json]) => {
      const io = newIO();
      // Labels given as options so many requests are routable; the JSON may still override nothing (options win).
      const labels = operation === 'ListIdentityPoolUsage' ? {} : { IdentityPoolId: [pool] };
      const started = performance.now();
      const code = await runOperation({ operation, options: labels, cliInputJson: json, globals: { endpointUrl: server.url } }, io);
      const ran = await finish(io, code);
      assert.ok(performance.now() - started < 10_000, 'bounded time');
      assert.ok([ExitCode.Ok, ExitCode.Usage, ExitCode.Service].includes(ran.code as 0), `${operation} ${json}: exit ${ran.code}: ${ran.err}`);
      assert.doesNotMatch(ran.err, /\n\s+at .+:\d+:\d+/, 'no stack trace');
      assert.ok(!ran.err.includes(ESC) && !ran.out.includes(ESC), 'no raw ESC on the terminal');
      void identity;
    }),
    { numRuns: 300 },
  );
});

// ---- config.json, drafts, journal ----

const configText = fc.oneof(
  nasty,
  fc.json(),
  fc.integer({ min: 1, max: 100_000 }).map((n) => `{"connections":${'['.repeat(n)}${']'.repeat(n)}}`),
  fc.record({
    connections: fc.array(fc.dictionary(fc.constantFrom('name', 'kind', 'endpointUrl', 'region', 'profile', 'secretAccessKey', '__proto__'), fc.jsonValue({ maxDepth: 2 }))),
    preferences: fc.dictionary(fc.constantFrom('pageSize', 'theme', 'showTombstones', 'x'), fc.jsonValue({ maxDepth: 1 })),
    keymap: fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 })),
  }).map((o) => JSON.stringify(o)),
);

test('config.json with any content: opening never throws, defaults stand in, an unusable file is moved aside; `config check` reports', () => {
  let i = 0;
  fc.assert(
    fc.property(configText, (text) => {
      const env = { COGSYNC_HOME: join(home.dir, `config-${i++}`) };
      const path = configFilePath(env);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
      const check = bounded(2_000, 'checkConfigFile', () => checkConfigFile(path));
      assert.ok(Array.isArray(check.errors) && Array.isArray(check.warnings));
      const store = bounded(2_000, 'ConfigStore', () => new ConfigStore({ env }));
      const data = store.read();
      assert.ok(Array.isArray(data.connections) && typeof data.recent === 'object' && typeof data.preferences === 'object');
      assert.ok(Array.isArray(store.connections()));
      if (check.errors.length > 0) {
        // Unusable: moved aside (and told), or credentials stripped in place (and told).
        assert.ok(store.notices.length > 0, `a notice for: ${check.errors.join('; ')}`);
        const siblings = readdirSync(dirname(path));
        assert.ok(!existsSync(path) || siblings.some((n) => n !== 'config.json') || !readFileSync(path, 'utf8').includes('secretAccessKey'));
      }
    }),
    { numRuns: 300 },
  );
});

const ADDRESS: DraftAddress = {
  connection: 'local',
  identityPoolId: 'us-east-1:00000000-0000-4000-8000-0000000000e1',
  identityId: 'us-east-1:00000000-0000-4000-8000-0000000000e2',
  datasetName: 'd',
};

test('draft files with any content: load gives none, a valid draft, or moves the file aside with a notice', () => {
  const env = { COGSYNC_HOME: join(home.dir, 'drafts') };
  const store = new DraftStore({ env, debounceMs: 0 });
  const op = fc.record(
    {
      key: fc.oneof(fc.string(), fc.constant(''), fc.constant('__proto__'), fc.jsonValue()),
      op: fc.oneof(fc.constantFrom('replace', 'remove'), fc.jsonValue()),
      value: fc.oneof(fc.string(), fc.jsonValue()),
      base: fc.oneof(fc.record({ syncCount: fc.oneof(fc.nat(), fc.constantFrom(-1, 1.5, 1e308, 2 ** 64)), value: fc.oneof(fc.string(), fc.integer()) }), fc.jsonValue()),
    },
    { requiredKeys: [] },
  );
  const draftText = fc.oneof(
    nasty,
    fc.json(),
    fc.record({ ...Object.fromEntries(Object.entries(ADDRESS).map(([k, v]) => [k, fc.constant(v)])), version: fc.constantFrom(1, 2, '1'), savedAt: fc.oneof(fc.constant(new Date(0).toISOString()), fc.string()), baseSyncCount: fc.oneof(fc.nat(), fc.constant(-1), fc.constant(1e308)), ops: fc.array(op, { maxLength: 5 }) }, { requiredKeys: [] }).map((d) => JSON.stringify(d)),
  );
  fc.assert(
    fc.property(draftText, (text) => {
      const path = store.pathFor(ADDRESS);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
      const loaded = bounded(1_000, 'DraftStore.load', () => store.load(ADDRESS));
      if (loaded.status === 'found') {
        for (const o of loaded.draft.ops) {
          assert.ok(typeof o.key === 'string' && o.key !== '');
          assert.ok(o.op === 'remove' || typeof o.value === 'string');
        }
        assert.ok(Number.isInteger(loaded.draft.baseSyncCount) && loaded.draft.baseSyncCount >= 0);
      } else if (loaded.status === 'corrupt') {
        assert.ok(!existsSync(path) && existsSync(loaded.movedTo), 'moved aside');
        assert.match(loaded.notice, /could not be read/);
      }
      assert.ok(Array.isArray(store.list()));
    }),
    { numRuns: 500 },
  );
});

test('a journal with any lines: read skips what does not parse and counts it; entries keep their shape', () => {
  const path = join(home.dir, 'journal', 'journal.jsonl');
  mkdirSync(dirname(path), { recursive: true });
  const journal = new Journal({ path });
  const line = fc.oneof(nasty, fc.json(), fc.jsonValue().map((v) => JSON.stringify({ time: 't', connection: 'c', identityPoolId: 'p', identityId: 'i', datasetName: 'd', syncCountBefore: 0, syncCountAfter: 1, changes: v })));
  fc.assert(
    fc.property(fc.array(line, { maxLength: 20 }), (lines) => {
      writeFileSync(path, lines.join('\n'));
      const { entries, skipped } = bounded(1_000, 'Journal.read', () => journal.read());
      assert.ok(entries.length + skipped <= lines.join('\n').split('\n').length);
      for (const e of entries) assert.ok(Array.isArray(e.changes) && e.changes.every((c) => typeof c.key === 'string'));
    }),
    { numRuns: 300 },
  );
});

test('found by the runs above: a lone surrogate in a label and a timestamp past what a Date holds are usage errors (252), not crashes', async () => {
  assert.ok(new ParamError('--x', 'y') instanceof CommandError);
  const pool = ['us-east-1:00000000-0000-4000-8000-0000000000f1'];
  const run = async (operation: string, json: string) => {
    const io = newIO();
    return finish(io, await runOperation({ operation, options: { IdentityPoolId: pool }, cliInputJson: json, globals: { endpointUrl: server.url } }, io));
  };
  const label = await run('ListDatasets', '{"IdentityId":"\\udfff"}');
  assert.equal(label.code, ExitCode.Usage, label.err);
  assert.match(label.err, /Invalid value for parameter IdentityId: it holds a lone UTF-16 surrogate/);
  const when = await run('UpdateRecords', '{"IdentityId":"us-east-1:00000000-0000-4000-8000-0000000000f2","DatasetName":"d","SyncSessionToken":"t","RecordPatches":[{"Op":"replace","Key":"k","Value":"v","SyncCount":0,"DeviceLastModifiedDate":1e300}]}');
  assert.equal(when.code, ExitCode.Usage, when.err);
  assert.match(when.err, /Invalid type for parameter RecordPatches\[0\]\.DeviceLastModifiedDate/);
});
