// The footers of the request inspector (list and details), the history (H) and the sync timeline name `?`, as the
// screens' footers do (each has had its own `?` help since 2b3af14), with the key the keymap binds to help. The
// inspector and timeline run in the whole editor on the REAL local server through the REAL SDK.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import { stripVTControlCharacters } from 'node:util';
import { KEYS, renderInk } from '../helpers/ink.js';
import { startAppRig, type AppRig } from '../helpers/app-rig.js';
import { startTestServer, type TestServer } from '../helpers/local-server.js';
import { DEMO_IDENTITIES, DEMO_POOL_ID } from '../../src/local/seed.js';
import { KeypressProvider } from '../../src/ui/contexts/keypress.js';
import { HistoryDialog } from '../../src/ui/components/HistoryDialog.js';
import { applyOverrides, DEFAULT_KEYMAP, keyLabel } from '../../src/ui/keymap.js';
import type { JournalEntry } from '../../src/config/journal.js';

const servers: TestServer[] = [];
after(async () => {
  for (const s of servers) await s.close().catch(() => undefined);
});

async function rigOn(): Promise<AppRig> {
  const server = await startTestServer({ seed: 'demo', inMemory: true });
  servers.push(server);
  const rig = await startAppRig({ server, deepLink: { pool: DEMO_POOL_ID, identity: DEMO_IDENTITIES.alice, dataset: 'profile' }, rows: 40, columns: 160 });
  await rig.waitForIdle();
  await rig.waitForText('displayName');
  return rig;
}

/** The dialog's footer: its line naming the close key. */
function footer(frame: string, close: RegExp): string {
  const line = stripVTControlCharacters(frame).split('\n').find((l) => close.test(l));
  assert.ok(line, `no footer in\n${frame}`);
  return line;
}

describe('the footers of the inspector, history and timeline name ? help', () => {
  it('inspector list and details, timeline', async () => {
    const rig = await rigOn();
    try {
      await rig.press('i');
      let f = await rig.waitForText('Request inspector');
      assert.match(footer(f, / close · /), /· \? help ·/);
      await rig.press(KEYS.enter);
      f = await rig.waitForText('back to the list');
      assert.match(footer(f, /back to the list/), /· \? help/);
      await rig.press(KEYS.escape);
      await rig.waitForText('Request inspector');
      await rig.press(KEYS.escape);
      await rig.press('t');
      f = await rig.waitForText('Sync timeline of profile');
      assert.match(footer(f, / close · /), /· \? help ·/);
    } finally {
      await rig.close();
    }
  });

  it('history, with the key the keymap binds to help', async () => {
    const entry: JournalEntry = {
      time: new Date(Date.UTC(2026, 0, 2)).toISOString(),
      connection: 'local',
      identityPoolId: DEMO_POOL_ID,
      identityId: DEMO_IDENTITIES.alice,
      datasetName: 'profile',
      syncCountBefore: 1,
      syncCountAfter: 2,
      changes: [{ key: 'theme', op: 'replace', before: { value: 'a', syncCount: 1 }, after: { value: 'b', syncCount: 2 } }],
    };
    const { keymap, errors } = applyOverrides({ 'app.help': ['ctrl+y'] });
    assert.deepEqual(errors, []);
    assert.equal(keyLabel(DEFAULT_KEYMAP, 'app.help'), '?');
    assert.notEqual(keyLabel(keymap, 'app.help'), '?');
    for (const map of [DEFAULT_KEYMAP, keymap]) {
      const label = keyLabel(map, 'app.help');
      const h = renderInk(
        <KeypressProvider>
          <HistoryDialog dataset="profile" entries={[entry]} selected={0} keymap={map} width={120} height={20} onMove={() => {}} onRevert={() => {}} onClose={() => {}} />
        </KeypressProvider>,
      );
      try {
        assert.match(footer(h.frame(), / close/), new RegExp(`· ${label.replace(/[?^$.*+()[\]{}|\\]/g, '\\$&')} help`));
      } finally {
        h.unmount();
      }
    }
  });
});
