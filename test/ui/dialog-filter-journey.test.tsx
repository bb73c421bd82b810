// `/` in the request inspector, the history (`H`) and the sync timeline (`t`), in the whole
// editor on the REAL local server through the REAL SDK: the filter bar and count of the
// screens, the selection on a visible row, Enter keeps the filter, Esc clears it, then closes.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { KEYS, until } from '../helpers/ink.js';
import { startAppRig, type AppRig } from '../helpers/app-rig.js';
import { demoServersClosedAfter, type TestServer } from '../helpers/local-server.js';
import { tempHome } from '../helpers/home.js';
import { DEMO_IDENTITIES, DEMO_POOL_ID } from '../../src/local/seed.js';
import { commitEdit, rigOn as rigOnCarol, writeAsOtherDevice } from './records-helpers.js';

const demoServer = demoServersClosedAfter();

const profileLink = { pool: DEMO_POOL_ID, identity: DEMO_IDENTITIES.alice, dataset: 'profile' };

async function rigOn(server: TestServer): Promise<AppRig> {
  const rig = await startAppRig({ server, deepLink: profileLink, rows: 30, columns: 140 });
  await rig.waitForIdle();
  return rig;
}

/** The selected line of the open dialog (`› …`). */
const selectedLine = (frame: string) => frame.split('\n').find((l) => /│ › /.test(l)) ?? '';

describe('/ in the inspector, history and timeline (real local server, real SDK)', () => {
  it('inspector: / filters the calls by what their line shows, with the count; Enter keeps it, Esc clears, Esc closes', async () => {
    const server = await demoServer();
    const rig = await rigOn(server);
    try {
      await rig.waitForText('displayName');
      await rig.press('i');
      await rig.waitForText('Request inspector');
      const entries = rig.requestLog.entries().reverse();
      const total = entries.length;
      const datasets = entries.filter((e) => e.operation === 'DescribeIdentityPool').length;
      assert.ok(datasets >= 1 && datasets < total, `calls: ${entries.map((e) => e.operation).join(', ')}`);
      // The newest call (ListRecords of the profile) is selected; the filter does not show it.
      await rig.press('/');
      await rig.type('describeid');
      let f = await rig.waitForText(`/describeid`);
      f = await rig.waitForText(`${datasets}/${total}`);
      assert.match(f, /\/describeid.* {2}\d+\/\d+/);
      const rows = f.split('\n').filter((l) => /│ [› ] \d\d:\d\d:\d\d\.\d{3} /.test(l));
      assert.equal(rows.length, datasets, f);
      for (const r of rows) assert.match(r, /DescribeIdentit/); // the column cuts the name
      assert.match(selectedLine(f), /DescribeIdentit/, 'the selection moved onto a visible call');
      // While typing, list keys are text: j went into the query, not down the list.
      await rig.press('j');
      f = await rig.waitForText('/describeidj');
      f = await rig.waitForText('nothing matches the filter');
      assert.match(f, /0\/\d+/);
      await rig.press(KEYS.backspace);
      await rig.press(KEYS.enter);
      f = await rig.waitForNoText('describeidj');
      assert.equal(rig.dialog(), 'inspector');
      // Enter on the list now opens the selected (visible) call.
      await rig.press(KEYS.enter);
      f = await rig.waitForText('request and response');
      assert.match(f, /DescribeIdentityPool · /);
      await rig.press(KEYS.escape);
      f = await rig.waitForText(`${datasets}/${total}`);
      assert.equal(rig.dialog(), 'inspector', 'back to the filtered list');
      await rig.press(KEYS.escape);
      f = await rig.waitForNoText('/describeid');
      assert.equal(rig.dialog(), 'inspector', 'the first Esc clears the filter');
      assert.ok(f.includes('ListRecords'), f);
      await rig.press(KEYS.escape);
      await until(() => rig.dialog() === undefined, rig.frame);
    } finally {
      await rig.close();
    }
  });

  it('timeline: / filters the counts by key (every key of a count, not only the six on its line); dates for counts of other days', async () => {
    const server = await demoServer();
    const rig = await rigOn(server);
    try {
      await rig.waitForText('displayName');
      await rig.press('t');
      let f = await rig.waitForText('Sync timeline of profile');
      // The demo data was written a week ago: its times carry the date, as elsewhere in the editor.
      assert.match(f, /sc 3 {2}\d{4}-\d\d-\d\d \d\d:\d\d:\d\d {2}/);
      const dialog = rig.state().dialog;
      const total = dialog?.kind === 'timeline' ? dialog.timeline.points.length : 0;
      assert.ok(total >= 3, `points: ${total}`);
      await rig.press('/');
      await rig.type('oldnick');
      await rig.press(KEYS.enter);
      f = await rig.waitForText(`1/${total}`);
      const rows = f.split('\n').filter((l) => /│ [› ] sc \d+ /.test(l));
      assert.equal(rows.length, 1, f);
      assert.match(rows[0], /› sc 2 .*-oldNickname/);
      assert.match(f, /keys at 2: .*-oldNickname/, 'the details follow the visible selection');
      // Moving cannot leave the visible rows.
      await rig.press('j');
      await rig.press('k');
      assert.match(selectedLine(rig.frame()), /sc 2 /);
      await rig.press(KEYS.escape);
      f = await rig.waitForNoText(`1/${total}`);
      assert.equal(rig.dialog(), 'timeline');
      await rig.press(KEYS.escape);
      await until(() => rig.dialog() === undefined, rig.frame);
    } finally {
      await rig.close();
    }
  });

  it('history: / filters the commits by the keys they changed; R reverts the selected visible commit', async () => {
    const server = await demoServer();
    await writeAsOtherDevice(server, 'hist-filter', { theme: 'dark', lang: 'en', vol: '3' });
    const home = tempHome('cogsync-hist-filter-');
    try {
      const rig = await rigOnCarol(server, 'hist-filter', { storage: true, home: home.dir, columns: 120 });
      try {
        for (const [key, value] of [['theme', 'light'], ['lang', 'fr'], ['vol', '7']] as const) {
          await commitEdit(rig, key, value);
          await rig.press(KEYS.escape); // clear the records filter commitEdit left
        }
        await rig.press('H');
        let f = await rig.waitForText('History of hist-filter: 3 commits');
        assert.match(selectedLine(f), /sync 3 -> 4/, 'the newest commit (vol) is selected');
        await rig.press('/');
        await rig.type('lang');
        f = await rig.waitForText('1/3');
        const rows = f.split('\n').filter((l) => /│ [› ] \d{4}-\d\d-\d\d /.test(l));
        assert.equal(rows.length, 1, f);
        assert.match(selectedLine(f), /sync 2 -> 3/, 'the commit of lang, selected');
        assert.match(f, /M lang: "en" → "fr"/);
        await rig.press(KEYS.enter);
        await rig.press('R');
        f = await rig.waitForText(/Staged the inverse of the commit/);
        assert.equal(rig.dialog(), undefined);
        assert.match(f, /M lang +en/);
      } finally {
        await rig.close();
      }
    } finally {
      home.cleanup();
    }
  });
});
