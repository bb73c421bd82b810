import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { configEdit, configGet, configPath, configSet, pickEditor } from '../../src/commands/config.js';
import { captureIO } from '../../src/commands/io.js';
import { runCliSync } from '../helpers/cli-process.js';
import { tempHome } from '../helpers/home.js';

let home: ReturnType<typeof tempHome>;
let io: ReturnType<typeof captureIO>;
const configFile = () => join(home.dir, 'config', 'config.json');
beforeEach(() => {
  home = tempHome();
  io = captureIO({ env: { COGSYNC_HOME: home.dir } });
});
afterEach(() => home.cleanup());

describe('cogsync config (in-process)', () => {
  test('path prints the file under COGSYNC_HOME', () => {
    assert.equal(configPath(io), 0);
    assert.equal(io.out(), `${configFile()}\n`);
  });

  test('set then get: JSON values when they parse, plain text otherwise; unset gives exit 1 and no output', () => {
    assert.equal(configSet(io, 'preferences.showTombstones', 'true'), 0);
    assert.equal(configSet(io, 'connections.prod', '{"kind":"aws","profile":"prod","protected":true}'), 0);
    assert.equal(configSet(io, 'connections.prod.region', 'eu-west-1'), 0);
    assert.equal(configSet(io, 'keymap.app.quit', '["q","ctrl+q"]'), 0);
    assert.equal(io.err(), '');
    assert.equal(configGet(io, 'connections.prod.region'), 0);
    assert.equal(configGet(io, 'preferences.showTombstones'), 0);
    assert.equal(configGet(io, 'keymap.app.quit'), 0);
    assert.equal(io.out(), 'eu-west-1\ntrue\n[\n  "q",\n  "ctrl+q"\n]\n');
    assert.equal(configGet(io, 'keymap.app.help'), 1);
    assert.equal(io.out().endsWith(']\n'), true, 'nothing printed for an unset key');
    const saved = JSON.parse(readFileSync(configFile(), 'utf8'));
    assert.deepEqual(saved.connections, [{ kind: 'aws', profile: 'prod', protected: true, name: 'prod', region: 'eu-west-1' }]);
  });

  test('get on a missing connection is unset like any missing key: exit 1, no output', () => {
    assert.equal(configSet(io, 'connections.prod', '{"kind":"aws"}'), 0);
    for (const key of ['connections.nope', 'connections.nope.region', 'connections.prod.region', 'keymap.app.help', 'preferences.deviceId']) {
      assert.equal(configGet(io, key), 1, key);
    }
    assert.equal(io.out(), '');
    assert.equal(io.err(), '');
  });

  test('set: a text setting takes a bare number or boolean as the text typed; other keys still want JSON', () => {
    assert.equal(configSet(io, 'connections.prod', '{"kind":"aws"}'), 0);
    const cases: Array<[string, string, unknown]> = [
      ['preferences.deviceId', '12345', '12345'],
      ['preferences.deviceId', '"0012"', '0012'],
      ['preferences.deviceId', '1e3', '1e3'],
      ['connections.prod.deviceId', 'true', 'true'],
      ['connections.prod.profile', '42', '42'],
      ['keymap.app.quit', '1', '1'],
      ['keymap.app.help', '["?","F"]', ['?', 'F']],
    ];
    for (const [key, text, stored] of cases) {
      assert.equal(configSet(io, key, text), 0, `${key} ${text}: ${io.err()}`);
      const saved = JSON.parse(readFileSync(configFile(), 'utf8'));
      const [section, ...rest] = key.split('.');
      const value = section === 'connections' ? saved.connections[0][rest[1]] : saved[section][rest.join('.')];
      assert.deepEqual(value, stored, `${key} ${text}`);
    }
    assert.equal(io.err(), '');
    assert.equal(configSet(io, 'preferences.deviceId', 'null'), 0, 'null still removes');
    assert.equal(JSON.parse(readFileSync(configFile(), 'utf8')).preferences.deviceId, undefined);
    const before = readFileSync(configFile(), 'utf8');
    assert.equal(configSet(io, 'preferences.showTombstones', '1'), 252, 'a boolean setting is not text');
    assert.match(io.err(), /preferences\.showTombstones must be boolean/);
    assert.equal(configSet(io, 'connections.prod.secretAccessKey', '12345'), 252);
    assert.equal(configSet(io, 'connections.prod.sessionToken', 'true'), 252);
    assert.match(io.err(), /never stores credentials[\s\S]*never stores credentials/);
    assert.equal(readFileSync(configFile(), 'utf8'), before);
  });

  test('bad input: a clear error, exit 252, the file unchanged', () => {
    configSet(io, 'preferences.theme', 'light');
    const before = readFileSync(configFile(), 'utf8');
    const cases: Array<[string, string, RegExp]> = [
      ['preferences.theme', 'blue', /preferences\.theme must be one of light, dark/],
      ['preferences.fontSize', '12', /preferences must NOT have additional properties/],
      ['colour', 'true', /unknown key 'colour'/],
      ['keymap.app.quit', 'j', /not saved: app\.quit: 'j' is already bound to list\.down/],
      ['connections.prod.secretAccessKey', 'abc', /never stores credentials/],
      ['connections.prod', '{"kind":"aws","sessionToken":"tok"}', /refusing to store credentials \(sessionToken\)/],
      ['connections.ghost.region', 'eu-west-1', /no connection named 'ghost'/],
    ];
    for (const [key, value, message] of cases) {
      const err = io.err().length;
      assert.equal(configSet(io, key, value), 252, key);
      assert.match(io.err().slice(err), message, key);
    }
    assert.equal(readFileSync(configFile(), 'utf8'), before);
    assert.doesNotMatch(before, /abc|tok/);
  });

  test('get on a broken file: told on stderr where it went, defaults printed', () => {
    mkdirSync(join(home.dir, 'config'), { recursive: true });
    writeFileSync(configFile(), '{ broken');
    assert.equal(configGet(io, 'preferences.theme'), 0);
    assert.equal(io.out(), 'dark\n');
    assert.match(io.err(), /is not valid JSON; it was moved to .*config\.corrupt-.*\.json and defaults are used/);
    assert.equal(readdirSync(join(home.dir, 'config')).filter((n) => n.includes('.corrupt-')).length, 1);
  });

  test('edit: a valid edit is checked and kept as is; nothing is moved aside', () => {
    let seen = '';
    const code = configEdit(io, (editor, file) => {
      seen = `${editor} ${file}`;
      assert.match(readFileSync(file, 'utf8'), /"connections"/, 'a missing file starts as the defaults');
      writeFileSync(file, JSON.stringify({ preferences: { theme: 'light' }, keymap: { 'app.quit': 'ctrl+q' } }));
      return { status: 0 };
    });
    assert.equal(code, 0, io.err());
    assert.equal(seen, `vi ${configFile()}`);
    assert.equal(io.out(), `${configFile()}: OK\n`);
    assert.deepEqual(readdirSync(join(home.dir, 'config')), ['config.json']);
  });

  test('edit: an invalid edit is reported with the path (JSON, schema, keymap clash) and the file is left for the user', () => {
    const broken = ['{"preferences": {"theme": "neon"}', '{"preferences": {"theme": "neon"}}', '{"keymap": {"app.help": "j", "app.nah": "x"}}'];
    const expected = [/not valid JSON/, /preferences\.theme must be one of light, dark/, /keymap: unknown command 'app\.nah'[\s\S]*keymap: app\.help: 'j' is already bound[\s\S]*entries are ignored/];
    broken.forEach((text, i) => {
      const err = io.err().length;
      const code = configEdit(io, (_e, file) => (writeFileSync(file, text), { status: 0 }));
      assert.equal(code, 253, text);
      const message = io.err().slice(err);
      assert.match(message, expected[i], text);
      assert.ok(message.startsWith(configFile()), message);
      assert.equal(readFileSync(configFile(), 'utf8'), text, 'not moved aside, not rewritten');
    });
  });

  test('edit: a credential typed in is reported as removed at the next start, not as a file moved aside (the rest is kept)', () => {
    const text = JSON.stringify({ connections: [{ name: 'p', kind: 'aws', profile: 'p', password: 'hunter2' }], preferences: { theme: 'light' } });
    const code = configEdit(io, (_e, file) => (writeFileSync(file, text), { status: 0 }));
    assert.equal(code, 253);
    const message = io.err();
    assert.match(message, /credentials are not allowed here \(connections\.0\.password\)/);
    assert.doesNotMatch(message, /additional properties/, 'the credential is the only problem');
    assert.doesNotMatch(message, /moves the file aside/);
    assert.match(message, /removes them when it starts/);
    assert.doesNotMatch(message, /hunter2/);
    // What the message promised: the next start strips the field and keeps the rest.
    assert.equal(configGet(io, 'preferences.theme'), 0);
    assert.equal(io.out(), 'light\n');
    assert.deepEqual(readdirSync(join(home.dir, 'config')), ['config.json']);
    assert.deepEqual(JSON.parse(readFileSync(configFile(), 'utf8')).connections, [{ name: 'p', kind: 'aws', profile: 'p' }]);
  });

  test('edit: a credential and a real schema error: both are said, and the file is moved aside at the next start', () => {
    const text = JSON.stringify({ connections: [{ name: 'p', kind: 'aws', password: 'x' }], preferences: { theme: 'neon' } });
    assert.equal(configEdit(io, (_e, file) => (writeFileSync(file, text), { status: 0 })), 253);
    assert.match(io.err(), /connections\.0\.password/);
    assert.match(io.err(), /preferences\.theme must be one of light, dark/);
    assert.match(io.err(), /moves the file aside when it starts/);
  });

  test('edit: a missing editor says so; $VISUAL wins over $EDITOR', () => {
    const code = configEdit(io, () => ({ status: null, error: Object.assign(new Error('spawn nope ENOENT'), { code: 'ENOENT' }) }));
    assert.equal(code, 253);
    assert.match(io.err(), /editor not found: vi \(set VISUAL or EDITOR\)/);
    assert.equal(pickEditor({ VISUAL: 'code --wait', EDITOR: 'nano' }), 'code --wait');
    assert.equal(pickEditor({ EDITOR: 'nano' }), 'nano');
    assert.equal(pickEditor({ VISUAL: ' ', EDITOR: 'nano' }), 'nano');
  });
});

describe('cogsync config (child process)', () => {
  const fakeEditor = fileURLToPath(new URL('./helpers/fake-editor.mjs', import.meta.url));
  const run = (args: string[], extra: NodeJS.ProcessEnv = {}) => runCliSync(args, { PATH: process.env.PATH, HOME: home.dir, COGSYNC_HOME: home.dir, ...extra });

  test('cogsync --info prints where settings, drafts, the journal and the local database are, creating nothing', () => {
    const info = run(['--info']);
    assert.equal(info.status, 0, info.stderr);
    const lines = info.stdout.trimEnd().split('\n');
    assert.match(lines[0], /^cogsync \d+\.\d+\.\d+$/);
    const field = (name: string) => lines.find((l) => l.startsWith(`${name} `))?.slice(15).trim();
    assert.equal(field('settings'), configFile());
    assert.equal(field('drafts'), join(home.dir, 'data', 'drafts'));
    assert.equal(field('journal'), join(home.dir, 'data', 'journal.jsonl'));
    assert.match(field('local database') ?? '', new RegExp(`^${join(home.dir, 'data', 'local.db').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `));
    assert.equal(field('COGSYNC_HOME'), home.dir);
    assert.equal(existsSync(join(home.dir, 'config')) || existsSync(join(home.dir, 'data')), false, 'nothing created');
  });

  test('set, get and edit through a real $EDITOR with arguments', () => {
    const set = run(['config', 'set', 'preferences.dateFormat', 'iso']);
    assert.equal(set.status, 0, set.stderr);
    const get = run(['config', 'get', 'preferences.dateFormat']);
    assert.equal(get.stdout, 'iso\n');

    const good = JSON.stringify({ preferences: { dateFormat: 'local', theme: 'light' } });
    const edit = run(['config', 'edit'], { EDITOR: `"${process.execPath}" "${fakeEditor}"`, FAKE_EDITOR_CONTENT: good });
    assert.equal(edit.status, 0, edit.stderr);
    assert.equal(edit.stdout, `${configFile()}: OK\n`);
    assert.equal(readFileSync(configFile(), 'utf8'), good);

    const bad = run(['config', 'edit'], { EDITOR: `"${process.execPath}" "${fakeEditor}"`, FAKE_EDITOR_CONTENT: '{"preferences": 3}' });
    assert.equal(bad.status, 253);
    assert.match(bad.stderr, /preferences must be object/);
    assert.ok(existsSync(configFile()));

    const missing = run(['config', 'edit'], { EDITOR: 'cogsync-no-such-editor-xyz' });
    assert.equal(missing.status, 253);
    assert.match(missing.stderr, /editor not found: cogsync-no-such-editor-xyz/);
  });

  test('a settings folder that cannot be used (COGSYNC_HOME is a file) is one line naming it, exit 255, no stack trace', () => {
    const file = join(home.dir, 'not-a-folder');
    writeFileSync(file, '');
    for (const args of [['config', 'get', 'preferences.theme'], ['config', 'set', 'preferences.theme', 'light'], ['config', 'edit']]) {
      const r = run(args, { COGSYNC_HOME: file, EDITOR: 'true' });
      assert.equal(r.status, 255, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /^cogsync: cannot use the settings file .*not-a-folder\/config\/config\.json \(ENOTDIR\b[^\n]*\n$/, args.join(' '));
    }
  });
});
