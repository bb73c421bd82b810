// `local` is the embedded local server's name: no saved connection may take it (config set, the store, the form),
// and one already in the file (hand edit, older version) is ignored with a notice instead of hiding the server.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { configSet } from '../../src/commands/config.js';
import { captureIO } from '../../src/commands/io.js';
import { ConfigError } from '../../src/config/config-error.js';
import { reservedNameProblem } from '../../src/config/reserved-name.js';
import { openConfigStore } from '../../src/config/store.js';
import { createConnector } from '../../src/ui/data/connector.js';
import { editorConnections } from '../../src/ui/data/flag-connection.js';
import { checkForm, newConnectionForm } from '../../src/ui/state/connection-form.js';
import { textField } from '../../src/ui/state/text-field.js';
import { tempHome } from '../helpers/home.js';

let home: ReturnType<typeof tempHome>;
let env: NodeJS.ProcessEnv;
const file = () => join(home.dir, 'config', 'config.json');
const writeRaw = (data: unknown) => {
  mkdirSync(join(home.dir, 'config'), { recursive: true });
  writeFileSync(file(), JSON.stringify(data));
};
beforeEach(() => {
  home = tempHome();
  env = { COGSYNC_HOME: home.dir };
});
afterEach(() => home.cleanup());

describe('reserved connection name local: refused when named', () => {
  test('reservedNameProblem: adding, renaming to or changing a local is a problem; keeping, renaming away or removing is not', () => {
    const legacy = { name: 'local', kind: 'aws' as const, profile: 'p' };
    assert.match(reservedNameProblem([], [{ name: 'local', kind: 'local' }])!, /'local' is reserved for the embedded local server/);
    assert.ok(reservedNameProblem([{ name: 'a', kind: 'aws' }], [{ name: 'local', kind: 'aws' }]));
    assert.ok(reservedNameProblem([legacy], [{ ...legacy, region: 'eu-west-1' }]));
    assert.equal(reservedNameProblem([legacy], [legacy, { name: 'b', kind: 'aws' }]), undefined);
    assert.equal(reservedNameProblem([legacy], [{ ...legacy, name: 'old-local' }]), undefined);
    assert.equal(reservedNameProblem([legacy], []), undefined);
    assert.equal(reservedNameProblem([], [{ name: 'Local', kind: 'aws' }]), undefined, 'names are exact, as in the list');
  });

  test('config set: adding, renaming to and listing local are refused with exit 252, the file unchanged', () => {
    const io = captureIO({ env });
    assert.equal(configSet(io, 'connections.prod', '{"kind":"aws","profile":"prod"}'), 0);
    const before = readFileSync(file(), 'utf8');
    assert.equal(configSet(io, 'connections.local', '{"kind":"aws","profile":"prod"}'), 252);
    assert.equal(configSet(io, 'connections.prod.name', 'local'), 252);
    assert.equal(configSet(io, 'connections', '[{"name":"local","kind":"local"}]'), 252);
    const lines = io.err().trim().split('\n');
    assert.equal(lines.length, 3);
    for (const line of lines) assert.match(line, /^'local' is reserved for the embedded local server: pick another name/);
    assert.equal(readFileSync(file(), 'utf8'), before);
  });

  test('the store refuses to save a connection named local, also as a rename', () => {
    const store = openConfigStore({ env });
    assert.throws(() => store.saveConnection({ name: 'local', kind: 'local' }), (e: unknown) => e instanceof ConfigError && /reserved/.test(e.message));
    store.saveConnection({ name: 'mine', kind: 'local' });
    assert.throws(() => store.saveConnection({ name: 'local', kind: 'local' }, { replace: 'mine' }), ConfigError);
    assert.deepEqual(store.connections(), [{ name: 'mine', kind: 'local' }]);
  });

  test('the connection form says so under the name field', () => {
    const form = newConnectionForm();
    const named = { ...form, text: { ...form.text, name: textField('local') } };
    assert.equal(checkForm(named, []).connection, undefined);
    assert.match(checkForm(named, []).errors.name!, /'local' is reserved for the embedded local server/);
    const other = { ...form, text: { ...form.text, name: textField('Local') } };
    assert.ok(checkForm(other, []).connection);
  });
});

describe('reserved connection name local: already in the file', () => {
  test('ignored with a notice and a check warning; the embedded server keeps its row; the rest of the file is used', () => {
    writeRaw({ connections: [{ name: 'local', kind: 'aws', profile: 'prod' }, { name: 'b', kind: 'aws' }] });
    const store = openConfigStore({ env });
    assert.deepEqual(store.connections(), [{ name: 'b', kind: 'aws' }]);
    assert.equal(store.connection('local'), undefined);
    assert.equal(store.notices.length, 1);
    assert.match(store.notices[0], /the saved connection 'local' is ignored: that name is reserved for the embedded local server \(rename it: cogsync config set connections\.local\.name NEW-NAME\)/);
    assert.match(store.check().warnings[0], /the saved connection 'local' is ignored/);
    assert.deepEqual(store.check().errors, []);
    const connector = createConnector({ connections: () => editorConnections(undefined, [], store.connections()), includeProfiles: false, env });
    const rows = connector.list();
    assert.deepEqual(rows.map((r) => [r.id, r.type, r.detail]), [['local', 'local', 'embedded local server (demo data)'], ['b', 'aws', 'aws']]);
  });

  test('it does not block other changes, and can be renamed away or removed', () => {
    writeRaw({ connections: [{ name: 'local', kind: 'aws', profile: 'prod' }], recent: { local: [] } });
    const io = captureIO({ env });
    assert.equal(configSet(io, 'preferences.theme', 'light'), 0);
    assert.equal(configSet(io, 'connections.local.region', 'eu-west-1'), 252, 'changing it in place is refused');
    assert.equal(configSet(io, 'connections.local.name', 'old-local'), 0);
    const store = openConfigStore({ env });
    assert.deepEqual(store.connections(), [{ name: 'old-local', kind: 'aws', profile: 'prod' }]);
    assert.deepEqual(store.notices, []);
    writeRaw({ connections: [{ name: 'local', kind: 'aws' }] });
    assert.equal(configSet(captureIO({ env }), 'connections.local', 'null'), 0);
    assert.deepEqual(openConfigStore({ env }).read().connections, []);
  });
});
