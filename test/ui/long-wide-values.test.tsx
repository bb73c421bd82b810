import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { KEYS } from '../helpers/ink.js';
import { startTestServer, type TestServer } from '../helpers/local-server.js';
import { rigOn, selectKey, writeAsOtherDevice } from './records-helpers.js';

// Intl.Segmenter in Node 20 takes time quadratic in the text's length: 100,000 CJK characters or one emoji in
// 100 KB of text took ~25 s to segment, and the editor froze that long on each frame showing such a value (a 1 KB
// value costs nothing, so only long values show it). Every frame must segment only what it can show.
const segmented: number[] = [];
const realSegment = Intl.Segmenter.prototype.segment;
let server: TestServer;
before(async () => {
  Intl.Segmenter.prototype.segment = function (this: Intl.Segmenter, input: string) {
    segmented.push(String(input).length);
    return realSegment.call(this, input);
  };
  server = await startTestServer({ seed: 'demo' });
});
after(async () => {
  Intl.Segmenter.prototype.segment = realSegment;
  await server.close();
});

/** The longest text segmented since the last call (0 when none). */
function longestSegmented(): number {
  const n = Math.max(0, ...segmented);
  segmented.length = 0;
  return n;
}

const LIMIT = 20_000;

describe('records editor: a 40,000-character value of wide characters', () => {
  it('is shown, staged, reviewed and resolved without segmenting the whole value', async () => {
    const big = '名'.repeat(39_999) + '🎮';
    await writeAsOtherDevice(server, 'wide-100k', { big, small: 's' });
    const rig = await rigOn(server, 'wide-100k', { rows: 30, columns: 120 });
    try {
      await selectKey(rig, 'big');
      await rig.waitForText(/›\s+big/);
      { const n = longestSegmented(); assert.ok(n < LIMIT, `'table and detail of the value': segmented ${n} characters`); }

      await rig.press('e');
      await rig.waitForText('edit big');
      await rig.press(KEYS.end);
      await rig.type('!');
      await rig.press(KEYS.enter);
      await rig.waitForText('1 staged');
      { const n = longestSegmented(); assert.ok(n < LIMIT, `'edit field and the staged old → new': segmented ${n} characters`); }

      await rig.press('c');
      await rig.waitForText('Review: 1 change');
      { const n = longestSegmented(); assert.ok(n < LIMIT, `'review': segmented ${n} characters`); }

      await writeAsOtherDevice(server, 'wide-100k', { big: '前'.repeat(40_000) });
      await rig.press('y');
      await rig.waitForText('Conflicts: 0 of 1 resolved');
      { const n = longestSegmented(); assert.ok(n < LIMIT, `'conflict dialog': segmented ${n} characters`); }
      await rig.press('e');
      await rig.waitForText('merged value for big');
      { const n = longestSegmented(); assert.ok(n < LIMIT, `'merged value field': segmented ${n} characters`); }
      await rig.press(KEYS.escape);
      await rig.waitForText('Conflicts: 0 of 1 resolved');
      await rig.press('m');
      await rig.press(KEYS.enter);
      await rig.waitForText('committed 1 change');
      assert.ok(longestSegmented() < LIMIT, 'after the commit');

      await rig.press('i');
      await rig.waitForText('Request inspector');
      await rig.press(KEYS.enter);
      await rig.waitForText('UpdateRecords');
      { const n = longestSegmented(); assert.ok(n < LIMIT, `inspector: segmented ${n} characters`); }
      await rig.press(KEYS.escape);
      await rig.press(KEYS.escape);
      await rig.press('H');
      await rig.waitForText(/history/i);
      { const n = longestSegmented(); assert.ok(n < LIMIT, `history: segmented ${n} characters`); }
      await rig.press(KEYS.escape);
      await rig.press('t');
      await rig.waitForText(/timeline/i);
      { const n = longestSegmented(); assert.ok(n < LIMIT, `timeline: segmented ${n} characters`); }
    } finally {
      await rig.close();
    }
  });
});
