// `?` inside the request inspector, the history (H) and the sync timeline shows that dialog's keys, `/` among them,
// and closes back to the dialog; every close key of the dialog (not only Esc: `i` for the inspector, `t` for the
// timeline, any key bound to history.close) clears a kept filter first, then closes; their footers name `?` as the
// screens' do. The inspector and timeline run in the whole editor on the REAL local server through the REAL SDK.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import React, { useState } from 'react';
import { stripVTControlCharacters } from 'node:util';
import { KEYS, renderInk, until } from '../helpers/ink.js';
import { startAppRig, type AppRig } from '../helpers/app-rig.js';
import { startTestServer, type TestServer } from '../helpers/local-server.js';
import { DEMO_IDENTITIES, DEMO_POOL_ID } from '../../src/local/seed.js';
import { KeypressProvider } from '../../src/ui/contexts/keypress.js';
import { HistoryDialog } from '../../src/ui/components/HistoryDialog.js';
import { applyOverrides, DEFAULT_KEYMAP, keyLabel } from '../../src/ui/keymap.js';
import { editFilter } from '../../src/ui/state/dialog-filter.js';
import type { FilterState } from '../../src/ui/state/filter.js';
import type { JournalEntry } from '../../src/config/journal.js';

const servers: TestServer[] = [];
after(async () => {
  for (const s of servers) await s.close().catch(() => undefined);
});

async function rigOn(): Promise<AppRig> {
  const server = await startTestServer({ seed: 'demo', inMemory: true });
  servers.push(server);
  const rig = await startAppRig({ server, deepLink: { pool: DEMO_POOL_ID, identity: DEMO_IDENTITIES.alice, dataset: 'profile' }, rows: 40, columns: 140 });
  await rig.waitForIdle();
  await rig.waitForText('displayName');
  return rig;
}

/** `/`, a query kept with Enter: the dialog shows it in its filter bar. */
async function keepFilter(rig: AppRig, query: string): Promise<void> {
  await rig.press('/');
  await rig.type(query);
  await rig.press(KEYS.enter);
  await rig.waitForText(`/${query}`);
}

describe('? and the close keys in the inspector, history and timeline', () => {
  it('inspector: ? lists / and the close keys and returns to the list; i clears a kept filter before it closes', async () => {
    const rig = await rigOn();
    try {
      await rig.press('i');
      await rig.waitForText('Request inspector');
      await rig.press('?');
      let f = await rig.waitForText('filter the list');
      assert.match(f, /\/ +filter the list/);
      assert.match(f, /Esc i +back to the list \/ close the inspector/);
      assert.doesNotMatch(f, /command palette/, 'only the keys of the inspector');
      await rig.press(KEYS.escape);
      await rig.waitForText('Request inspector');
      assert.equal(rig.dialog(), 'inspector', '? closed back to the inspector');
      await keepFilter(rig, 'list');
      await rig.press('i');
      f = await rig.waitForNoText('/list');
      assert.equal(rig.dialog(), 'inspector', 'the first i clears the filter');
      await rig.press('i');
      await until(() => rig.dialog() === undefined, rig.frame);
    } finally {
      await rig.close();
    }
  });

  it('timeline: ? lists /; t clears a kept filter before it closes', async () => {
    const rig = await rigOn();
    try {
      await rig.press('t');
      await rig.waitForText('Sync timeline of profile');
      await rig.press('?');
      const f = await rig.waitForText('filter the list');
      assert.match(f, /Esc t +close the timeline/);
      await rig.press('?');
      await rig.waitForText('Sync timeline of profile');
      assert.equal(rig.dialog(), 'timeline');
      await keepFilter(rig, 'oldnick');
      await rig.press('t');
      await rig.waitForNoText('/oldnick');
      assert.equal(rig.dialog(), 'timeline', 'the first t clears the filter');
      await rig.press('t');
      await until(() => rig.dialog() === undefined, rig.frame);
    } finally {
      await rig.close();
    }
  });

  it('history: ? lists / and R; a key bound to history.close clears a kept filter before it closes', async () => {
    const { keymap, errors } = applyOverrides({ 'history.close': ['escape', 'h'] });
    assert.deepEqual(errors, []);
    const entry = (n: number, key: string): JournalEntry => ({
      time: new Date(Date.UTC(2026, 0, n)).toISOString(),
      connection: 'local',
      identityPoolId: DEMO_POOL_ID,
      identityId: DEMO_IDENTITIES.alice,
      datasetName: 'profile',
      syncCountBefore: n,
      syncCountAfter: n + 1,
      changes: [{ key, op: 'replace', before: { value: 'a', syncCount: n }, after: { value: 'b', syncCount: n + 1 } }],
    });
    let closed = 0;
    function Harness() {
      const [filter, setFilter] = useState<FilterState | undefined>(undefined);
      return (
        <HistoryDialog
          dataset="profile"
          entries={[entry(2, 'theme'), entry(1, 'lang')]}
          selected={0}
          keymap={keymap}
          width={100}
          height={24}
          filter={filter}
          onFilter={(edit) => setFilter((f) => editFilter(f, edit).filter)}
          onMove={() => {}}
          onRevert={() => {}}
          onClose={() => closed++}
        />
      );
    }
    const h = renderInk(
      <KeypressProvider>
        <Harness />
      </KeypressProvider>,
    );
    try {
      await h.press('?');
      let f = h.frame();
      assert.match(f, /\/ +filter the list/);
      assert.match(f, /R +stage the inverse of this commit/);
      assert.match(f, /Esc h +close the history/);
      await h.press(KEYS.escape);
      assert.equal(closed, 0, 'Esc closed the help, not the history');
      assert.match(h.frame(), /History of profile/);
      await h.press('/');
      await h.type('lang');
      await h.press(KEYS.enter);
      assert.match(h.frame(), /\/lang/);
      assert.match(h.frame(), /1\/2/);
      await h.press('h');
      assert.doesNotMatch(h.frame(), /\/lang/);
      assert.equal(closed, 0, 'the first h clears the filter');
      await h.press('h');
      assert.equal(closed, 1);
    } finally {
      h.unmount();
    }
  });
});

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
