// preferences.dateFormat everywhere a time is shown: one formatter (src/util/format.ts),
// local time by default, ISO 8601 (UTC) on demand: records table, detail pane, datasets,
// identities and pools screens, conflict dialog, history.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import '../helpers/ink.js';
import { formatTime, timeWidth } from '../../src/util/format.js';
import { conflictSides } from '../../src/ui/state/conflict-view.js';
import { entryTime } from '../../src/ui/components/HistoryDialog.js';
import { shortTime } from '../../src/ui/screens/RecordsScreen.js';
import { openConfigStore } from '../../src/config/store.js';
import { tempHome } from '../helpers/home.js';
import { startTestServer, type TestServer } from '../helpers/local-server.js';
import { rigOn, writeAsOtherDevice } from './records-helpers.js';
import type { ConflictItem } from '../../src/sync/index.js';

const ISO = /\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\b/;
const LOCAL = /\b\d{4}-\d\d-\d\d \d\d:\d\d\b/;
const at = Date.UTC(2026, 0, 2, 3, 4, 5, 678);
const pad = (n: number) => String(n).padStart(2, '0');

describe('formatTime: the one time formatter', () => {
  it('local by default (minutes, seconds, short), ISO in UTC on demand, whatever the input type', () => {
    const d = new Date(at);
    const localDate = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
    const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
    assert.equal(formatTime(at), `${localDate} ${hm}`);
    assert.equal(formatTime(at, { style: 'seconds' }), `${localDate} ${hm}:${pad(d.getSeconds())}`);
    assert.equal(formatTime(at, { style: 'short', now: new Date(at) }), `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${hm}`);
    assert.equal(formatTime(at, { style: 'short', now: new Date(Date.UTC(2030, 5, 1)) }), localDate, 'another year: the date only');
    for (const input of [at, d, d.toISOString()]) {
      assert.equal(formatTime(input, { format: 'iso' }), '2026-01-02T03:04:05Z');
      assert.equal(formatTime(input, { format: 'iso', style: 'short' }), '2026-01-02T03:04:05Z', 'ISO is never shortened');
    }
    for (const bad of [undefined, Number.NaN, 'not a time']) assert.equal(formatTime(bad, { format: 'iso' }), '–');
    assert.equal(timeWidth({ format: 'iso' }), formatTime(at, { format: 'iso' }).length);
    assert.equal(timeWidth({ style: 'short' }), formatTime(at, { style: 'short', now: d }).length);
    assert.equal(timeWidth(), formatTime(at).length);
    assert.equal(shortTime(at, d, 'iso'), '2026-01-02T03:04:05Z');
    assert.equal(entryTime(d.toISOString(), true), '2026-01-02T03:04:05Z');
    assert.equal(entryTime(d.toISOString()), `${localDate} ${hm}:${pad(d.getSeconds())}`);
  });

  it('the conflict dialog shows who wrote when, in the preferred format', () => {
    const theirs = { key: 'k', value: 'b', syncCount: 3, lastModifiedBy: 'phone', lastModifiedDate: new Date(at) };
    const item = { key: 'k', kind: 'both-changed', base: { ...theirs, value: 'a', syncCount: 2 }, mine: { kind: 'replace', value: 'c' }, theirs } as unknown as ConflictItem;
    const iso = conflictSides(item, 60, 3, 'iso');
    assert.equal(iso[2].facts, 'sc 3 · by phone · 2026-01-02T03:04:05Z');
    assert.match(conflictSides(item, 60, 3)[2].facts, /^sc 3 · by phone · \d{4}-\d\d-\d\d \d\d:\d\d$/);
  });
});

describe('preferences.dateFormat in the editor', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ seed: 'demo' });
    await writeAsOtherDevice(server, 'dated', { colour: 'teal' });
  });
  after(async () => {
    await server.close();
  });

  for (const format of ['iso', 'local'] as const) {
    it(`${format}: the records table, detail pane, datasets, identities and pools screens`, async () => {
      const home = tempHome('cogsync-dates-');
      mkdirSync(join(home.dir, 'config'), { recursive: true });
      if (format === 'iso') openConfigStore({ env: { COGSYNC_HOME: home.dir } }).setPreference('dateFormat', 'iso');
      const [want, not] = format === 'iso' ? [ISO, LOCAL] : [LOCAL, ISO];
      const rig = await rigOn(server, 'dated', { storage: true, home: home.dir, rows: 20 });
      try {
        let f = await rig.waitForText('teal');
        const row = f.split('\n').find((l) => l.includes('colour') && l.includes('teal'))!;
        if (format === 'iso') assert.match(row, ISO, 'records table');
        else assert.match(row, /\b\d\d-\d\d \d\d:\d\d\b/, 'records table: short local time');
        assert.match(f, new RegExp(`modified ${want.source}`), 'detail pane');
        assert.doesNotMatch(f, not);
        await rig.press('\u001B');
        f = await rig.waitForText(/dated .*other-device/);
        assert.match(f.split('\n').find((l) => l.includes('dated'))!, want, 'datasets screen');
        assert.doesNotMatch(f, not);
        await rig.press('\u001B');
        await rig.waitForIdle();
        f = await rig.waitForText(/unauthenticated/);
        assert.match(f, want, 'identities screen');
        assert.doesNotMatch(f, not);
        await rig.press('\u001B');
        await rig.waitForIdle();
        f = await rig.waitForText(/sessions/);
        assert.match(f.split('\n').find((l) => l.includes('demo'))!, want, 'pools screen');
        assert.doesNotMatch(f, not);
      } finally {
        await rig.close();
        home.cleanup();
      }
    });
  }
});
