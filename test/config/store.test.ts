import assert from 'node:assert/strict';
import { chmodSync, existsSync, readFileSync, readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { ConfigError } from '../../src/config/config-error.js';
import { RECENT_LIMIT } from '../../src/config/schema.js';
import { openConfigStore } from '../../src/config/store.js';
import { tempHome } from '../helpers/home.js';

let home: ReturnType<typeof tempHome>;
let env: NodeJS.ProcessEnv;
const fixedNow = () => new Date('2026-01-02T03:04:05.678Z');

beforeEach(() => {
  home = tempHome();
  env = { COGSYNC_HOME: home.dir };
});
afterEach(() => home.cleanup());

const configDir = () => join(home.dir, 'config');
const writeRaw = (text: string) => {
  mkdirSync(configDir(), { recursive: true });
  writeFileSync(join(configDir(), 'config.json'), text);
};

describe('config store: schema and defaults', () => {
  test('a missing file gives defaults and opening writes nothing', () => {
    const store = openConfigStore({ env });
    assert.equal(store.path, join(home.dir, 'config', 'config.json'));
    assert.deepEqual(store.read(), {
      connections: [],
      recent: {},
      preferences: { showTombstones: false, dateFormat: 'local', theme: 'dark', color: true },
      keymap: {},
    });
    assert.deepEqual(store.notices, []);
    assert.equal(existsSync(store.path), false);
  });

  test('config set renames and removes a connection as the connections screen does: its recent places follow or go', () => {
    const store = openConfigStore({ env, now: fixedNow });
    store.set('connections.prod', { kind: 'aws', profile: 'prod' });
    store.set('connections.dev', { kind: 'local' });
    store.rememberPlace('prod', { identityPoolId: 'eu-west-1:p', identityId: 'eu-west-1:i', datasetName: 'settings' });
    store.rememberPlace('dev', { identityPoolId: 'us-east-1:p' });
    store.set('connections.prod.name', 'production');
    assert.deepEqual(store.connections().map((c) => c.name), ['production', 'dev']);
    assert.equal(store.recentPlaces('production')[0]?.datasetName, 'settings', 'the editor resumes where it was');
    assert.equal(store.get('recent.prod'), undefined);
    store.set('connections.dev', null);
    assert.equal(store.get('recent.dev'), undefined, 'a removed connection leaves no places behind');
    store.set('connections.dev', { kind: 'local' });
    assert.deepEqual(store.recentPlaces('dev'), [], 'a new connection of that name does not resume at the old one\'s place');
  });

  test('connections are saved, renamed (recent places follow) and removed', () => {
    const store = openConfigStore({ env, now: fixedNow });
    store.saveConnection({ name: 'prod', kind: 'aws', profile: 'prod', region: 'eu-west-1', protected: true, accent: 'red' });
    store.saveConnection({ name: 'dev', kind: 'local', endpointUrl: 'http://127.0.0.1:4567', readOnly: false });
    store.rememberPlace('prod', { identityPoolId: 'eu-west-1:p', identityId: 'eu-west-1:i', datasetName: 'settings' });
    assert.deepEqual(openConfigStore({ env }).connection('prod'), {
      name: 'prod', kind: 'aws', profile: 'prod', region: 'eu-west-1', protected: true, accent: 'red',
    });
    store.saveConnection({ name: 'production', kind: 'aws', profile: 'prod' }, { replace: 'prod' });
    assert.deepEqual(store.connections().map((c) => c.name), ['production', 'dev']);
    assert.equal(store.recentPlaces('production')[0]?.datasetName, 'settings');
    assert.deepEqual(store.recentPlaces('prod'), []);
    assert.throws(() => store.saveConnection({ name: 'dev', kind: 'aws' }), /already exists/);
    assert.throws(() => store.saveConnection({ name: 'dev', kind: 'aws' }, { replace: 'production' }), /already exists/);
    assert.throws(() => store.saveConnection({ name: 'x', kind: 'aws' }, { replace: 'gone' }), /no connection named 'gone'/);
    store.saveConnection({ name: 'dev', kind: 'local', readOnly: true }, { replace: 'dev' });
    assert.equal(store.connection('dev')?.readOnly, true);
    assert.equal(store.removeConnection('dev'), true);
    assert.equal(store.removeConnection('dev'), false);
    assert.deepEqual(store.connections().map((c) => c.name), ['production']);
  });

  test('bad values are refused with the field named and nothing changes', () => {
    const store = openConfigStore({ env });
    store.saveConnection({ name: 'a', kind: 'aws' });
    const before = readFileSync(store.path, 'utf8');
    assert.throws(() => store.saveConnection({ name: 'b', kind: 'gcp' as 'aws' }), (e: Error) => e instanceof ConfigError && /connections\.1\.kind must be one of local, aws/.test(e.message));
    assert.throws(() => store.saveConnection({ name: 'c', kind: 'aws', endpointUrl: 'http://user:pw@host' }), /endpointUrl/);
    assert.throws(() => store.saveConnection({ name: 'd', kind: 'aws', region: 'Not A Region' }), /region/);
    assert.throws(() => store.set('preferences.theme', 'blue'), /preferences\.theme must be one of light, dark/);
    assert.throws(() => store.set('preferences.colour', true), /preferences/);
    assert.throws(() => store.set('nonsense', 1), /unknown key 'nonsense'/);
    assert.equal(readFileSync(store.path, 'utf8'), before);
  });

  test('credentials are refused when set and never written', () => {
    const store = openConfigStore({ env });
    store.saveConnection({ name: 'a', kind: 'aws' });
    const before = readFileSync(store.path, 'utf8');
    for (const path of ['connections.a.secretAccessKey', 'connections.a.aws_access_key_id', 'connections.a.sessionToken']) {
      assert.throws(() => store.set(path, 'SECRETVALUE'), /never stores credentials/);
    }
    assert.throws(() => store.set('connections.b', { kind: 'aws', accessKeyId: 'AKIAEXAMPLE' }), /refusing to store credentials/);
    assert.throws(
      () => store.saveConnection({ name: 'x', kind: 'aws', secretAccessKey: 'shh' } as never),
      /refusing to save credentials \(secretAccessKey\)/,
    );
    assert.equal(readFileSync(store.path, 'utf8'), before);
    assert.doesNotMatch(before, /SECRETVALUE|AKIAEXAMPLE|shh/);
  });

  test('a hand-added credential is stripped from the file on open, with a notice that names only the field', () => {
    writeRaw(JSON.stringify({ connections: [{ name: 'p', kind: 'aws', profile: 'p', secretAccessKey: 'wJalrXUtnFEMI' }] }));
    const store = openConfigStore({ env });
    assert.equal(store.notices.length, 1);
    assert.match(store.notices[0], /removed connections\.0\.secretAccessKey/);
    assert.doesNotMatch(store.notices[0], /wJalrXUtnFEMI/);
    assert.doesNotMatch(readFileSync(store.path, 'utf8'), /wJalrXUtnFEMI/);
    assert.deepEqual(store.connections(), [{ name: 'p', kind: 'aws', profile: 'p' }]);
  });

  test('recent places: newest first, no duplicates, at most RECENT_LIMIT', () => {
    let t = 0;
    const store = openConfigStore({ env, now: () => new Date(Date.UTC(2026, 0, 1, 0, 0, t++)) });
    for (let i = 0; i < RECENT_LIMIT + 3; i++) store.rememberPlace('local', { identityPoolId: 'us-east-1:p', identityId: `us-east-1:${i}` });
    store.rememberPlace('local', { identityPoolId: 'us-east-1:p', identityId: 'us-east-1:5' });
    const places = store.recentPlaces('local');
    assert.equal(places.length, RECENT_LIMIT);
    assert.equal(places[0].identityId, 'us-east-1:5');
    assert.equal(places.filter((p) => p.identityId === 'us-east-1:5').length, 1);
    assert.equal(places[1].identityId, `us-east-1:${RECENT_LIMIT + 2}`);
    assert.equal(places[0].at, '2026-01-01T00:00:11.000Z');
  });

  test('preferences: set, defaults kept for the rest; NO_COLOR always wins over color', () => {
    const store = openConfigStore({ env });
    store.setPreference('showTombstones', true);
    store.setPreference('dateFormat', 'iso');
    assert.deepEqual(store.preferences(), { showTombstones: true, dateFormat: 'iso', theme: 'dark', color: true });
    assert.equal(store.colorEnabled({}), true);
    assert.equal(store.colorEnabled({ NO_COLOR: '1' }), false);
    assert.equal(store.colorEnabled({ NO_COLOR: '' }), true);
    store.setPreference('color', false);
    assert.equal(store.colorEnabled({}), false);
  });

  test('get and set by dotted path; null removes', () => {
    const store = openConfigStore({ env });
    store.set('connections.stage', { kind: 'aws', profile: 'stage' });
    store.set('connections.stage.region', 'us-west-2');
    assert.equal(store.get('connections.stage.region'), 'us-west-2');
    assert.deepEqual(store.get('connections.stage'), { kind: 'aws', profile: 'stage', name: 'stage', region: 'us-west-2' });
    store.set('keymap.app.quit', ['q', 'ctrl+q']);
    assert.deepEqual(store.get('keymap.app.quit'), ['q', 'ctrl+q']);
    store.set('preferences.theme', 'light');
    store.set('preferences.theme', null);
    assert.equal(store.get('preferences.theme'), 'dark');
    store.set('connections.stage.region', null);
    assert.equal(store.get('connections.stage.region'), undefined);
    assert.equal(store.get('connections.nope'), undefined, 'a missing connection is unset, like any missing key');
    assert.equal(store.get('connections.nope.region'), undefined);
  });

  test('a connection whose name holds a dot is created by config set with its object, as one without', () => {
    const store = openConfigStore({ env });
    store.set('connections.eu.prod', { kind: 'aws', profile: 'p' });
    assert.deepEqual(store.get('connections.eu.prod'), { kind: 'aws', profile: 'p', name: 'eu.prod' });
    store.set('connections.eu.prod.region', 'eu-west-1');
    assert.equal(store.get('connections.eu.prod.region'), 'eu-west-1');
    // A field of a connection that does not exist is still refused, naming the connection.
    assert.throws(() => store.set('connections.us.prod.region', 'us-east-1'), /no connection named 'us\.prod'|no connection named 'us'/);
  });

  test('keymap overrides: unknown commands and clashing keys come back with the file path; the rest applies', () => {
    writeRaw(JSON.stringify({ keymap: { 'app.quit': 'ctrl+q', 'app.nope': 'x', 'app.help': 'j' } }));
    const store = openConfigStore({ env });
    const { keymap, errors } = store.keymap();
    assert.deepEqual(keymap['app.quit'].map((b) => b.text), ['ctrl+q']);
    assert.deepEqual(keymap['app.help'].map((b) => b.text), ['?'], 'the clashing override is reverted');
    assert.equal(errors.length, 2);
    for (const e of errors) assert.ok(e.startsWith(`${store.path}: keymap: `), e);
    assert.ok(errors.some((e) => /unknown command 'app\.nope'/.test(e)));
    assert.ok(errors.some((e) => /'j' is already bound to list\.down/.test(e)));
    assert.throws(() => store.set('keymap.app.undo', 'k'), /not saved: .*already bound/);
    assert.throws(() => store.set('keymap.app.frobnicate', 'k'), /not saved: unknown command/);
  });

  test('config set KEY null removes one bad keymap override while another is still in the file (each was refused for the other)', () => {
    writeRaw(JSON.stringify({ keymap: { 'app.nope': 'x', 'app.help': 'j', 'app.quit': 'ctrl+q' } }));
    const store = openConfigStore({ env });
    store.set('keymap.app.nope', null);
    assert.deepEqual(store.get('keymap'), { 'app.help': 'j', 'app.quit': 'ctrl+q' });
    // A change that adds a problem of its own is still refused, naming it.
    assert.throws(() => store.set('keymap.app.redo', 'k'), /^ConfigError: not saved: app\.redo: 'k' is already bound to list\.up/);
    assert.throws(() => store.set('keymap.app.frobnicate', 'k'), /not saved: unknown command 'app\.frobnicate'/);
    // One that adds none is saved; the bad entry left is still skipped (and said) at start.
    store.set('keymap.app.redo', 'ctrl+y');
    store.set('keymap.app.help', null);
    assert.deepEqual(store.get('keymap'), { 'app.quit': 'ctrl+q', 'app.redo': 'ctrl+y' });
    assert.deepEqual(store.keymap().errors, []);
  });

  test('config set of a clashing key says it is not saved and does not claim the default is kept: the saved override stays', () => {
    const store = openConfigStore({ env });
    store.set('keymap.app.quit', ['q', 'ctrl+q']);
    assert.throws(
      () => store.set('keymap.app.quit', ['q', 'x']),
      (error: Error) => {
        assert.match(error.message, /^not saved: app\.quit: 'x' is already bound to records\.discardAll/);
        assert.doesNotMatch(error.message, /keeping the default/);
        return true;
      },
    );
    assert.deepEqual(store.get('keymap.app.quit'), ['q', 'ctrl+q']);
  });
});

describe('config store: a bad keymap override is skipped, the file kept', () => {
  const saved = {
    connections: [{ name: 'prod', kind: 'aws', profile: 'prod', protected: true }],
    recent: { prod: [{ identityPoolId: 'eu-west-1:p', at: '2026-01-01T00:00:00.000Z' }] },
  };

  for (const [label, bad] of [
    ['an empty key in a list', ['q', '']],
    ['an empty key', ''],
    ['a number', 7],
    ['an object', { key: 'q' }],
    ['null', null],
  ] as const) {
    test(`${label}: saved connections and places stay, the override is reported and skipped, good ones apply`, () => {
      const text = JSON.stringify({ ...saved, keymap: { 'app.quit': bad, 'app.help': 'F' } });
      writeRaw(text);
      const store = openConfigStore({ env, now: fixedNow });
      assert.deepEqual(store.notices, []);
      assert.deepEqual(readdirSync(configDir()), ['config.json'], 'nothing moved aside');
      assert.equal(readFileSync(store.path, 'utf8'), text);
      assert.deepEqual(store.connection('prod'), saved.connections[0]);
      assert.equal(store.recentPlaces('prod').length, 1);
      const { keymap, errors } = store.keymap();
      assert.deepEqual(keymap['app.quit'].map((b) => b.text), ['q', 'ctrl+c'], 'the bad override changes nothing');
      assert.deepEqual(keymap['app.help'].map((b) => b.text), ['F']);
      assert.equal(errors.length, 1, errors.join('\n'));
      assert.ok(errors[0].startsWith(`${store.path}: keymap: app.quit: `), errors[0]);
      assert.deepEqual(store.check(), { errors: [], warnings: errors }, '`config edit` calls it a warning, not a file to move aside');
    });
  }

  for (const [label, bad] of [['a string', 'q'], ['a list', ['q']], ['a number', 7]] as const) {
    test(`a keymap that is ${label}, not an object: ignored with a message, the connections stay, keymap sets refused`, () => {
      const text = JSON.stringify({ ...saved, keymap: bad });
      writeRaw(text);
      const store = openConfigStore({ env, now: fixedNow });
      assert.deepEqual(readdirSync(configDir()), ['config.json'], 'nothing moved aside');
      assert.deepEqual(store.connection('prod'), saved.connections[0]);
      const { keymap, errors } = store.keymap();
      assert.deepEqual(keymap['app.quit'].map((b) => b.text), ['q', 'ctrl+c']);
      assert.equal(errors.length, 1);
      assert.match(errors[0], /: keymap: expected an object of command → key or keys, not .*; no override applied$/);
      assert.throws(() => store.set('keymap.app.help', 'F'), /^ConfigError: not saved: keymap: expected an object/);
      store.set('keymap', { 'app.help': 'F' }); // the whole keymap replaced: allowed, and it works again
      assert.deepEqual(store.keymap().keymap['app.help'].map((b) => b.text), ['F']);
      store.set('preferences.theme', 'light');
      assert.deepEqual(store.connection('prod'), saved.connections[0], 'other settings still save');
    });
  }

  test('the message says what was found instead of a key', () => {
    writeRaw(JSON.stringify({ keymap: { 'app.quit': 7, 'app.help': { key: 'q' }, 'app.filter': ['x', ['y']] } }));
    const errors = openConfigStore({ env }).keymap().errors.map((e) => e.slice(`${configDir()}/config.json: keymap: `.length));
    assert.deepEqual(errors, [
      'app.quit: expected a key or a list of keys, not 7',
      'app.help: expected a key or a list of keys, not an object',
      'app.filter: expected a key or a list of keys, not a list holding something other than keys',
    ]);
  });

  for (const depth of [150, 100_000]) {
    test(`an override nested ${depth} deep is moved aside with the file: a credential inside it cannot stay`, () => {
      const deep = `${'['.repeat(depth)}{"secretAccessKey":"SEKRIT"}${']'.repeat(depth)}`;
      writeRaw(`{"connections":[{"name":"a","kind":"aws"}],"keymap":{"app.quit":${deep}}}`);
      const store = openConfigStore({ env, now: fixedNow });
      assert.match(store.notices.join('\n'), /nested more than 100 levels deep.*moved to .*config\.corrupt-/);
      assert.deepEqual(store.connections(), []);
      assert.deepEqual(store.keymap().errors, []);
      store.set('preferences.theme', 'light');
      assert.doesNotMatch(readFileSync(store.path, 'utf8'), /SEKRIT/);
      const moved = readdirSync(configDir()).find((n) => n.startsWith('config.corrupt-'))!;
      assert.equal(statSync(join(configDir(), moved)).mode & 0o777, 0o600);
    });
  }
});

describe('config store: a broken file never crashes cogsync', () => {
  const corruptFiles = () => readdirSync(configDir()).filter((n) => n.startsWith('config.corrupt-'));

  test('invalid JSON is moved aside as config.corrupt-<timestamp>.json and defaults are used', () => {
    writeRaw('{"connections": [ {"name": "prod", ');
    const store = openConfigStore({ env, now: fixedNow });
    assert.deepEqual(corruptFiles(), ['config.corrupt-2026-01-02T03-04-05-678Z.json']);
    assert.equal(readFileSync(join(configDir(), corruptFiles()[0]), 'utf8'), '{"connections": [ {"name": "prod", ');
    assert.equal(store.notices.length, 1);
    assert.match(store.notices[0], /is not valid JSON; it was moved to .*config\.corrupt-2026-01-02T03-04-05-678Z\.json and defaults are used/);
    assert.deepEqual(store.connections(), []);
    store.setPreference('theme', 'light');
    assert.equal(openConfigStore({ env }).preferences().theme, 'light');
  });

  test('JSON that fails the schema is moved aside too, with the reason', () => {
    writeRaw(JSON.stringify({ connections: [{ name: 'x' }], preferences: { theme: 'pink' } }));
    const store = openConfigStore({ env, now: fixedNow });
    assert.equal(corruptFiles().length, 1);
    assert.match(store.notices[0], /does not match the schema \(.*connections\.0 must have required property 'kind'.*preferences\.theme must be one of light, dark/);
    assert.deepEqual(store.read().preferences.theme, 'dark');
  });

  test('an unknown top-level key, a non-object and an empty file are all moved aside', () => {
    for (const text of ['{"colour": true}', '[1,2]', '']) {
      writeRaw(text);
      const store = openConfigStore({ env });
      assert.equal(store.notices.length, 1, text);
      assert.equal(existsSync(store.path), false, text);
    }
    assert.equal(corruptFiles().length, 3);
  });

  test('a file broken while cogsync runs is moved aside on the next read', () => {
    const store = openConfigStore({ env, now: fixedNow });
    store.setPreference('theme', 'light');
    writeFileSync(store.path, 'not json at all');
    assert.equal(store.preferences().theme, 'dark');
    assert.equal(store.notices.length, 1);
    assert.equal(corruptFiles().length, 1);
  });

  test('a moved-aside file is readable by its owner only; one that parses loses its credential-looking fields', () => {
    writeRaw('{"connections": [ {"name": "prod", "aws_secret_access_key": "S3CR3T", ');
    chmodSync(join(configDir(), 'config.json'), 0o644);
    const first = openConfigStore({ env, now: fixedNow });
    const [broken] = corruptFiles();
    assert.equal(statSync(join(configDir(), broken)).mode & 0o777, 0o600, 'not JSON: kept as typed, but owner-only');
    assert.match(readFileSync(join(configDir(), broken), 'utf8'), /S3CR3T/, 'text that does not parse cannot be told apart, so it is kept');
    assert.match(first.notices[0], /readable by you only \(mode 0600\)/);

    // Broken while running (a hand edit): valid JSON, wrong schema, a credential typed in.
    const store = openConfigStore({ env, now: () => new Date('2026-01-03T00:00:00.000Z') });
    store.setPreference('theme', 'light');
    writeFileSync(store.path, JSON.stringify({ connections: [{ name: 'p', kind: 'nope', secretAccessKey: 'S3CR3T', profile: 'x' }], preferences: { token: 'T0K3N' } }));
    chmodSync(store.path, 0o644);
    assert.equal(store.preferences().theme, 'dark');
    const moved = corruptFiles().find((n) => n !== broken)!;
    const text = readFileSync(join(configDir(), moved), 'utf8');
    assert.doesNotMatch(text, /S3CR3T|T0K3N/);
    assert.deepEqual(JSON.parse(text), { connections: [{ name: 'p', kind: 'nope', profile: 'x' }], preferences: {} }, 'everything else is kept');
    assert.equal(statSync(join(configDir(), moved)).mode & 0o777, 0o600);
    assert.match(store.notices.at(-1)!, /does not match the schema .*moved to .*mode 0600.*credential-looking fields were removed from it \(connections\.0\.secretAccessKey, preferences\.token\)/);
    assert.doesNotMatch(store.notices.join('\n'), /S3CR3T|T0K3N/, 'values are never repeated');
  });

  test('check() reports problems of the file on disk without moving it', () => {
    const store = openConfigStore({ env });
    assert.deepEqual(store.check(), { errors: [], warnings: [] });
    writeFileSync(store.path, '{"preferences": {"theme": 3}}');
    const { errors } = store.check();
    assert.equal(errors.length, 1);
    assert.match(errors[0], /preferences\.theme must be one of light, dark/);
    assert.ok(existsSync(store.path));
    writeFileSync(store.path, JSON.stringify({ connections: [{ name: 'a', kind: 'aws' }, { name: 'a', kind: 'local' }] }));
    assert.match(store.check().warnings[0], /two connections are named 'a'; only the first is used/);
    assert.deepEqual(store.connections(), [{ name: 'a', kind: 'aws' }]);
  });
});

describe('secret-looking field names', () => {
  test('credential names in any casing or separator are recognised; ordinary names are not', async () => {
    const { isSecretFieldName } = await import('../../src/config/secrets.js');
    for (const name of ['accessKeyId', 'AccessKeyId', 'aws_access_key_id', 'secretAccessKey', 'aws_secret_access_key', 'SecretKey', 'sessionToken', 'aws_session_token', 'SecurityToken', 'password', 'credentials', 'token']) {
      assert.equal(isSecretFieldName(name), true, name);
    }
    for (const name of ['name', 'kind', 'profile', 'region', 'endpointUrl', 'readOnly', 'protected', 'accent', 'theme', 'app.quit', 'keyName', 'tokens']) {
      assert.equal(isSecretFieldName(name), false, name);
    }
  });
});
