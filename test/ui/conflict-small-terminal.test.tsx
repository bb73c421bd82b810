import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { KEYS, until } from '../helpers/ink.js';
import { startTestServer, type TestServer } from '../helpers/local-server.js';
import { conflictLayout, conflictSides } from '../../src/ui/state/conflict-view.js';
import type { ConflictItem, Resolution } from '../../src/sync/index.js';
import { editValue, rigOn, serverRecords, writeAsOtherDevice } from './records-helpers.js';

let server: TestServer;
before(async () => {
  server = await startTestServer({ seed: 'demo' });
});
after(async () => {
  await server.close();
});

describe('conflict dialog in a short terminal', () => {
  it('one line a side when there is no room for label lines: mine and theirs first, then base, in their usual order', () => {
    const item: ConflictItem = { key: 'k', kind: 'both-changed', base: { key: 'k', value: 'b0', syncCount: 1 }, mine: { kind: 'replace', value: 'm0\nm1' }, theirs: { key: 'k', value: 't0', syncCount: 2 } };
    const texts = { title: 'Conflicts', keys: '›k [ ]' };
    const sides = (height: number, resolution?: Resolution) => conflictLayout({ item, texts, width: 40, height, ...(resolution ? { resolution } : {}) }).rows.filter((r) => r.role === 'side').map((r) => r.text);
    assert.deepEqual(sides(4), ['base   b0', 'mine   m0\\nm1', 'theirs t0']);
    assert.deepEqual(sides(2), ['mine   m0\\nm1', 'theirs t0']);
    assert.deepEqual(sides(1), ['mine   m0\\nm1']);
    assert.deepEqual(sides(2, { kind: 'custom', value: 'x' }), ['mine   m0\\nm1', 'merged x']);
    assert.deepEqual(sides(9), ['base   sc 1', '         b0', 'mine   ', '         m0', '         m1', 'theirs sc 2', '         t0']);
  });

  it('a side given one value line shows the value on one line (a JSON value showed only …)', () => {
    const sides = conflictSides(
      { key: 'k', kind: 'both-changed', base: { key: 'k', value: 'b', syncCount: 1 }, mine: { kind: 'replace', value: 'line1\nline2' }, theirs: { key: 'k', value: '{"a":[1,2,3],"b":"x"}', syncCount: 2 } },
      30,
      1,
    );
    assert.deepEqual(sides.map((s) => s.lines), [['b'], ['line1\\nline2'], ['{"a":[1,2,3],"b":"x"}']]);
    const item: ConflictItem = { key: 'k', kind: 'both-changed', base: { key: 'k', value: 'b', syncCount: 1 }, mine: { kind: 'replace', value: 'line1\nline2' }, theirs: { key: 'k', value: '{"a":[1,2,3],"b":"x"}', syncCount: 2 } };
    assert.deepEqual(conflictLayout({ item, texts: { title: 'T', keys: 'K' }, width: 37, height: 2 }).rows.map((r) => r.text), ['mine   line1\\nline2', 'theirs {"a":[1,2,3],"b":"x"}']);
    const long = conflictSides({ key: 'k', kind: 'both-changed', base: undefined, mine: { kind: 'replace', value: 'x'.repeat(100) }, theirs: undefined }, 30, 1);
    assert.equal(long[1].lines[0], `${'x'.repeat(29)}…`);
  });

  // QA's sizes (README: a line a side at 40×12): at 80×10 the title was drawn over by the list of keys and neither
  // value showed, at 60×10 theirs was missing, at 40×11 mine's first letter was cut (` ine   Dave`), at 80×15 the
  // SyncCount and device lines were left out while lines stayed empty; and the status line came under the key hints.
  for (const [columns, rows] of [[80, 10], [60, 10], [40, 11], [80, 15]] as const) {
    it(`at ${columns}×${rows} shows mine and theirs under their labels, nothing cut at the left, the key hints under the status line`, async () => {
      const dataset = `conflict-${columns}x${rows}`;
      await writeAsOtherDevice(server, dataset, { k: 'k-base' });
      const rig = await rigOn(server, dataset, { columns, rows });
      try {
        await editValue(rig, 'k', 'k-mine');
        await writeAsOtherDevice(server, dataset, { k: 'k-theirs' });
        await rig.press('c');
        await rig.waitForText('Review: 1 change');
        await rig.press('y');
        await until(() => rig.dialog() === 'conflict', rig.frame);
        const f = await rig.waitForText(/k \(1\/1\)/);
        const lines = f.split('\n').map((l) => l.trimEnd());
        assert.ok(lines.length <= rows - 1, f);
        // One line a side (`mine   k-mine`), or the label line with the facts and the value under it.
        assert.match(f, /^mine( {3}k-mine|\n {9}k-mine)$/m, f);
        assert.match(f, /^theirs( k-theirs|( sc \d+ · by other-device .*)?\n {9}k-theirs)$/m, f);
        if (rows >= 14) assert.match(f, /^theirs sc \d+ · by other-device · /m, 'with room, who wrote theirs');
        if (rows >= 10) assert.match(f, /^base( {3}k-base|( {3}sc \d+ · by other-device .*)?\n {9}k-base)$/m, 'with room, base under its label');
        assert.equal(f.match(/k-base/g)?.length ?? 0, rows >= 10 ? 1 : 0, 'no base value without its label');
        // The dialog's lines, the status line, the key hints last; no line cut at the left or drawn over another.
        const title = 'Conflicts: 0 of 1 resolved — changed on the server since you staged them; nothing was sent';
        const body = lines.slice(lines.findIndex((l) => l.startsWith('Conflicts')));
        assert.ok(body.length > 0 && title.startsWith(body[0].replace(/…$/, '')), `title intact: ${f}`);
        for (const l of body.slice(1)) assert.match(l, /^(|›k \[ \]|k \(1\/1\)|base( |$)|mine( |$)|theirs( |$)| {9}\S|✓ |m mine {2}t theirs)/, `line cut or drawn over: ${JSON.stringify(l)} in\n${f}`);
        assert.match(lines[lines.length - 1], /^m mine {2}t theirs {2}e edit/, `key hints on the last line: ${f}`);
        await rig.press('m');
        await rig.waitForText('every key has a pick');
        await rig.press(KEYS.enter);
        await rig.waitForText('committed 1 change');
        assert.deepEqual(await serverRecords(server, dataset), { k: 'k-mine' });
      } finally {
        await rig.close();
      }
    });
  }

  it('at 40×12 shows mine and theirs each under its own label (the base value showed where mine belonged), and the picks land', async () => {
    await writeAsOtherDevice(server, 'conflict-40x12', { k: 'k-base' });
    const rig = await rigOn(server, 'conflict-40x12', { columns: 40, rows: 12 });
    try {
      await editValue(rig, 'k', 'k-mine');
      await writeAsOtherDevice(server, 'conflict-40x12', { k: 'k-theirs' });
      await rig.press('c');
      await rig.waitForText('Review: 1 change');
      await rig.press('y');
      const f = await rig.waitForText('Conflicts: 0 of 1');
      assert.match(f, /^mine {3}k-mine\s*$/m, f);
      assert.match(f, /^theirs k-theirs\s*$/m, f);
      assert.match(f, /^base {3}k-base\s*$/m, 'base, with room for it, on its own labelled line');
      assert.equal(f.match(/k-base/g)?.length, 1, 'no base value without its label');
      await rig.press('m');
      await rig.waitForText('keep mine');
      await rig.press(KEYS.enter);
      await rig.waitForText('committed 1 change');
      assert.deepEqual(await serverRecords(server, 'conflict-40x12'), { k: 'k-mine' });
    } finally {
      await rig.close();
    }
  });
});
