// DeviceId: none unless configured (SERVICE.md §5.2); a connection's `deviceId`, else
// preferences.deviceId, is sent with the editor's UpdateRecords, so the server's
// LastModifiedBy and the journal show who wrote. Real server, real SDK, real editor.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ListRecordsCommand } from '@aws-sdk/client-cognito-sync';
import { KEYS } from '../helpers/ink.js';
import { tempHome } from '../helpers/home.js';
import { serverBeforeAll } from '../helpers/local-server.js';
import type { AppRig } from '../helpers/app-rig.js';
import { Journal } from '../../src/config/journal.js';
import { openConfigStore } from '../../src/config/store.js';
import { checkForm, newConnectionForm } from '../../src/ui/state/connection-form.js';
import { commitEdit, IDENTITY, POOL, rigOn, writeAsOtherDevice } from './records-helpers.js';

const server = serverBeforeAll({ seed: 'demo' });

async function lastModifiedBy(dataset: string, key: string): Promise<string | undefined> {
  const out = await server.newSyncClient().send(new ListRecordsCommand({ IdentityPoolId: POOL, IdentityId: IDENTITY, DatasetName: dataset }));
  return out.Records?.find((r) => r.Key === key)?.LastModifiedBy;
}

const sentDeviceIds = (rig: AppRig) =>
  rig.requestLog.entries().filter((e) => e.operation === 'UpdateRecords').map((e) => (e.params as { DeviceId?: string }).DeviceId);

describe('DeviceId from the settings', () => {
  it('none configured: no DeviceId is sent and the journal names no device', async () => {
    await writeAsOtherDevice(server, 'dev-none', { k: 'a' });
    const rig = await rigOn(server, 'dev-none', { storage: true });
    try {
      await commitEdit(rig, 'k', 'b');
      assert.deepEqual(sentDeviceIds(rig), [undefined]);
      assert.notEqual(await lastModifiedBy('dev-none', 'k'), 'other-device');
      const [entry] = new Journal({ env: { COGSYNC_HOME: rig.home } }).read({ datasetName: 'dev-none' }).entries;
      assert.equal(entry.deviceId, undefined);
    } finally {
      await rig.close();
    }
  });

  it("a connection's deviceId wins over preferences.deviceId; the preference covers connections without one", async () => {
    await writeAsOtherDevice(server, 'dev-set', { k: 'a' });
    const home = tempHome('cogsync-device-');
    mkdirSync(join(home.dir, 'config'), { recursive: true });
    const config = openConfigStore({ env: { COGSYNC_HOME: home.dir } });
    config.setPreference('deviceId', 'pref-device');
    config.saveConnection({ name: 'laptop', kind: 'local', endpointUrl: server.url, deviceId: 'laptop-1' });
    try {
      const own = await rigOn(server, 'dev-set', { storage: true, home: home.dir, connection: 'laptop' });
      try {
        await commitEdit(own, 'k', 'b');
        assert.deepEqual(sentDeviceIds(own), ['laptop-1']);
        assert.equal(await lastModifiedBy('dev-set', 'k'), 'laptop-1');
      } finally {
        await own.close();
      }
      const fallback = await rigOn(server, 'dev-set', { storage: true, home: home.dir, connection: 'local' });
      try {
        await commitEdit(fallback, 'k', 'c');
        assert.deepEqual(sentDeviceIds(fallback), ['pref-device']);
        assert.equal(await lastModifiedBy('dev-set', 'k'), 'pref-device');
        // The history dialog names the device of each commit.
        await fallback.press('H');
        const f = await fallback.waitForText('History of dev-set: 1 commit');
        assert.match(f, /local · device pref-device/);
        await fallback.press(KEYS.escape);
      } finally {
        await fallback.close();
      }
      const entries = new Journal({ env: { COGSYNC_HOME: home.dir } }).read({ datasetName: 'dev-set' }).entries;
      assert.deepEqual(entries.map((e) => [e.connection, e.deviceId]).sort(), [['laptop', 'laptop-1'], ['local', 'pref-device']]);
    } finally {
      home.cleanup();
    }
  });

  it('the settings refuse a bad deviceId and change nothing; the form keeps and checks it', () => {
    const home = tempHome('cogsync-device-bad-');
    try {
      const config = openConfigStore({ env: { COGSYNC_HOME: home.dir } });
      assert.throws(() => config.set('preferences.deviceId', 'x'.repeat(257)), /deviceId/);
      assert.throws(() => config.set('preferences.deviceId', 'a\u001bb'), /deviceId/);
      assert.equal(config.preferences().deviceId, undefined);
      config.saveConnection({ name: 'c', kind: 'aws', deviceId: 'phone-7' });
      const form = newConnectionForm(config.connection('c'));
      assert.equal(form.text.deviceId.text, 'phone-7');
      assert.deepEqual(checkForm(form, []).connection, { name: 'c', kind: 'aws', deviceId: 'phone-7' }, 'editing keeps it');
      const bad = { ...form, text: { ...form.text, deviceId: { ...form.text.deviceId, text: 'a\u0007' } } };
      assert.equal(checkForm(bad, []).errors.deviceId, 'no control characters');
    } finally {
      home.cleanup();
    }
  });
});
