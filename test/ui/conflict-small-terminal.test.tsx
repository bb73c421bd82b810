import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { KEYS } from '../helpers/ink.js';
import { startTestServer, type TestServer } from '../helpers/local-server.js';
import { conflictSides, sideRows, type SideLines } from '../../src/ui/state/conflict-view.js';
import { editValue, rigOn, serverRecords, writeAsOtherDevice } from './records-helpers.js';

let server: TestServer;
before(async () => {
  server = await startTestServer({ seed: 'demo' });
});
after(async () => {
  await server.close();
});

const SIDES: SideLines[] = [
  { label: 'base', facts: 'sc 1 · by a', lines: ['b0'] },
  { label: 'mine', facts: '', lines: ['m0', 'm1'] },
  { label: 'theirs', facts: 'sc 2 · by b', lines: ['t0'] },
];

describe('conflict dialog in a short terminal', () => {
  it('sideRows: two lines a side or more keep label and value lines; fewer give one line a side, mine and theirs first', () => {
    assert.deepEqual(sideRows(SIDES, 9).map((r) => r.text), ['base   sc 1 · by a', '         b0', 'mine   ', '         m0', '         m1', 'theirs sc 2 · by b', '         t0']);
    assert.deepEqual(sideRows(SIDES, 3).map((r) => r.text), ['base   b0', 'mine   m0 …', 'theirs t0']);
    assert.deepEqual(sideRows(SIDES, 2).map((r) => r.text), ['mine   m0 …', 'theirs t0']);
    assert.deepEqual(sideRows(SIDES, 1).map((r) => r.text), ['mine   m0 …']);
    const merged = [...SIDES, { label: 'merged' as const, facts: 'sent at sc 2', lines: ['x'] }];
    assert.deepEqual(sideRows(merged, 2).map((r) => r.text), ['mine   m0 …', 'merged x']);
  });

  it('a side given one value line shows the value on one line (a JSON value showed only …)', () => {
    const sides = conflictSides(
      { key: 'k', kind: 'both-changed', base: { key: 'k', value: 'b', syncCount: 1 }, mine: { kind: 'replace', value: 'line1\nline2' }, theirs: { key: 'k', value: '{"a":[1,2,3],"b":"x"}', syncCount: 2 } },
      30,
      1,
    );
    assert.deepEqual(sides.map((s) => s.lines), [['b'], ['line1\\nline2'], ['{"a":[1,2,3],"b":"x"}']]);
    assert.deepEqual(sideRows(sides, 2).map((r) => r.text), ['mine   line1\\nline2', 'theirs {"a":[1,2,3],"b":"x"}']);
    const long = conflictSides({ key: 'k', kind: 'both-changed', base: undefined, mine: { kind: 'replace', value: 'x'.repeat(100) }, theirs: undefined }, 30, 1);
    assert.equal(long[1].lines[0], `${'x'.repeat(29)}…`);
  });

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
      assert.doesNotMatch(f, /k-base/, 'no base value without its label');
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
