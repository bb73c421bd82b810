// The conflict dialog's layout in short terminals: conflictLayout (pure) at every terminal height from 8 to 15 rows and
// 40, 60 and 80 columns, and the dialog drawn by Ink at those sizes: mine and theirs always there, one line each at
// least, under their own labels, nothing drawn over anything else, no line cut at the left, and every line the
// dialog has used. (The dialog budgeted 5 fixed lines but drew 6 and more: Ink squeezed them over each other, the
// title under the list of keys, and mine and theirs were left out.)
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import { renderInk } from '../helpers/ink.js';
import { KeypressProvider } from '../../src/ui/contexts/keypress.js';
import { ConflictDialog, type ConflictHandlers } from '../../src/ui/components/ConflictDialog.js';
import { DEFAULT_KEYMAP } from '../../src/ui/keymap.js';
import { viewportFor } from '../../src/ui/state/app-reducer.js';
import { screenLayout } from '../../src/ui/state/screen-layout.js';
import { conflictLayout, type ConflictLayout, type ConflictTexts } from '../../src/ui/state/conflict-view.js';
import type { Dialog } from '../../src/ui/state/dialogs.js';
import type { ConflictItem, ConflictSet, Resolution } from '../../src/sync/index.js';
import { displayWidth } from '../../src/util/truncate.js';

const WIDTHS = [40, 60, 80];
const HEIGHTS = [8, 9, 10, 11, 12, 13, 14, 15];

/** The lines App gives a body dialog in a terminal of `columns` × `rows` (App.tsx: bodyHeight). */
const dialogHeight = (columns: number, rows: number) => Math.min(viewportFor(rows) + 2, screenLayout(columns, rows).bodyLimit);

const at = new Date(2026, 10, 26, 6, 40);
const SHORT: ConflictItem = {
  key: 'highScore',
  kind: 'both-changed',
  base: { key: 'highScore', value: '4200', syncCount: 3, lastModifiedBy: 'phone-7f3a2c', lastModifiedDate: at },
  mine: { kind: 'replace', value: '42001' },
  theirs: { key: 'highScore', value: '4201', syncCount: 4, lastModifiedBy: 'demo-device-2', lastModifiedDate: at },
};
const LONG: ConflictItem = {
  key: 'settings',
  kind: 'both-changed',
  base: { key: 'settings', value: '{"theme":"light","volume":3,"langs":["en","fr","de"]}', syncCount: 3, lastModifiedBy: 'phone-7f3a2c', lastModifiedDate: at },
  mine: { kind: 'replace', value: 'MINE-first line\nsecond line\nthird line' },
  theirs: { key: 'settings', value: `THEIRS-${'x'.repeat(200)}`, syncCount: 4, lastModifiedBy: 'demo-device-2', lastModifiedDate: at },
};

const TEXTS: ConflictTexts = {
  title: 'Conflicts: 0 of 1 resolved — changed on the server since you staged them; nothing was sent',
  keys: '›highScore [ ]',
  item: 'highScore (1/1) · changed on both sides · no pick yet',
};

interface Case {
  name: string;
  item: ConflictItem;
  texts: ConflictTexts;
  resolution?: Resolution;
  /** What the compact line of each side starts with, after its label. */
  mine: string;
  theirs: string;
  merged?: string;
}
const CASES: Case[] = [
  { name: 'short values, no pick', item: SHORT, texts: TEXTS, mine: '42001', theirs: '4201' },
  { name: 'long and multi-line values', item: LONG, texts: { ...TEXTS, auto: 'auto-resolved (the server already had your change): a, b' }, mine: 'MINE-first line', theirs: 'THEIRS-xxx' },
  {
    name: 'an edited value, every key picked, hints drawn by the dialog',
    item: SHORT,
    resolution: { kind: 'custom', value: '5000' },
    texts: { ...TEXTS, status: 'every key has a pick: ↵ sends the batch again', hints: 'm mine  t theirs  e edit  Esc back' },
    mine: '42001',
    theirs: '4201',
    merged: '5000',
  },
];

const ROLE_ORDER = ['title', 'keys', 'auto', 'item', 'side', 'editLabel', 'field', 'status', 'hints'];

/** The text lines a side's value shows on, compact (`mine   42001`) or detailed (`mine` then `         42001`). */
function sideValue(layout: ConflictLayout, label: string): string | undefined {
  const i = layout.rows.findIndex((r) => r.role === 'side' && r.side === label && r.kind === 'label');
  if (i < 0) return undefined;
  if (!layout.detailed) return layout.rows[i].text.slice(7);
  const next = layout.rows[i + 1];
  return next?.role === 'side' && next.side === label && next.kind === 'value' ? next.text.slice(9) : undefined;
}

function check(c: Case, columns: number, rows: number): ConflictLayout {
  const height = dialogHeight(columns, rows);
  const layout = conflictLayout({ item: c.item, resolution: c.resolution, texts: c.texts, width: columns, height });
  const where = `${c.name} at ${columns}×${rows} (dialog ${height} lines):\n${layout.rows.map((r) => r.text).join('\n')}`;
  assert.ok(layout.rows.length <= height, `more lines than the dialog has: ${where}`);
  for (const row of layout.rows) assert.ok(displayWidth(row.text) <= columns, `too wide: ${row.text}`);
  // Mine and theirs (and an edited value) always, each with its value on its own line(s).
  assert.ok(sideValue(layout, 'mine')?.startsWith(c.mine), `mine: ${where}`);
  assert.ok(sideValue(layout, 'theirs')?.startsWith(c.theirs), `theirs: ${where}`);
  if (c.merged) assert.ok(sideValue(layout, 'merged')?.startsWith(c.merged), `merged: ${where}`);
  // Drawn in the dialog's order.
  const order = layout.rows.map((r) => ROLE_ORDER.indexOf(r.role));
  assert.deepEqual(order, [...order].sort((a, b) => a - b), `order: ${where}`);
  // Detail lines go first, then base, then the rest: detail means every side, base among them.
  const has = (role: string) => layout.rows.some((r) => r.role === role);
  const base = layout.rows.some((r) => r.side === 'base');
  if (layout.detailed) assert.ok(base && has('title') && has('keys') && has('item'), `detail before base or titles: ${where}`);
  if (base) assert.ok(has('item') && has('title'), `base before the titles: ${where}`);
  // Every line used, but for fewer than one line a side (the next step, detail, needs one more line a side).
  const sides = c.resolution?.kind === 'custom' ? 4 : 3;
  if (!layout.detailed) assert.ok(height - layout.rows.length < sides, `unused lines: ${where}`);
  return layout;
}

describe('conflictLayout: the conflict dialog in 8 to 15 rows, 40 to 80 columns', () => {
  for (const c of CASES) {
    it(c.name, () => {
      for (const columns of WIDTHS) for (const rows of HEIGHTS) check(c, columns, rows);
    });
  }

  it('at 80×10: title, key, base, mine, theirs, one line each; at 80×15 (and 14) each side has its label line with SyncCount and device', () => {
    assert.deepEqual(check(CASES[0], 80, 10).rows.map((r) => r.text), [
      'Conflicts: 0 of 1 resolved — changed on the server since you staged them; nothi…',
      'highScore (1/1) · changed on both sides · no pick yet',
      'base   4200',
      'mine   42001',
      'theirs 4201',
    ]);
    assert.deepEqual(check(CASES[0], 40, 12).rows.map((r) => r.text), [
      'Conflicts: 0 of 1 resolved — changed on…',
      '›highScore [ ]',
      'highScore (1/1) · changed on both sides…',
      'base   4200',
      'mine   42001',
      'theirs 4201',
    ]);
    const detailed = check(CASES[0], 80, 15);
    assert.equal(detailed.detailed, true);
    assert.deepEqual(detailed.rows.slice(3).map((r) => r.text), [
      'base   sc 3 · by phone-7f3a2c · 2026-11-26 06:40',
      '         4200',
      'mine   ',
      '         42001',
      'theirs sc 4 · by demo-device-2 · 2026-11-26 06:40',
      '         4201',
    ]);
  });

  it('in the fewest lines keeps mine and theirs, then the key; a long value gets the spare lines', () => {
    assert.deepEqual(conflictLayout({ item: SHORT, texts: TEXTS, width: 40, height: 2 }).rows.map((r) => r.text), ['mine   42001', 'theirs 4201']);
    assert.deepEqual(conflictLayout({ item: SHORT, texts: TEXTS, width: 40, height: 1 }).rows.map((r) => r.text), ['mine   42001']);
    const tall = conflictLayout({ item: LONG, texts: TEXTS, width: 40, height: 16 });
    assert.equal(tall.rows.length, 16);
    assert.deepEqual(tall.rows.filter((r) => r.side === 'mine').map((r) => r.text.trim()), ['mine', 'MINE-first line', 'second line', 'third line']);
  });

  it('while a merged value is typed the field gets at least one line and the rest of the room', () => {
    const texts = { ...TEXTS, editLabel: 'merged value for highScore (sent at the server\'s SyncCount 4)' };
    for (const columns of WIDTHS) {
      for (const rows of HEIGHTS) {
        const height = dialogHeight(columns, rows);
        const layout = conflictLayout({ item: SHORT, texts, width: columns, height, editing: true });
        assert.ok(layout.fieldHeight >= 1);
        assert.equal(layout.rows.length - 1 + layout.fieldHeight, height, `${columns}×${rows}`);
        assert.ok(layout.rows.some((r) => r.role === 'field'));
      }
    }
  });
});

describe('ConflictDialog drawn at 8 to 15 rows, 40 to 80 columns', () => {
  const handlers: ConflictHandlers = {
    pick: () => {}, pickAll: () => {}, undoPick: () => {}, focus: () => {}, editMerged: () => {}, editChange: () => {},
    editSubmit: () => {}, editCancel: () => {}, sendResolved: () => {}, conflictBack: () => {},
  };
  const dialogOf = (item: ConflictItem, resolutions: Array<[string, Resolution]> = []): Extract<Dialog, { kind: 'conflict' }> => {
    const set: ConflictSet = { items: [item], resolutions: new Map(resolutions), focus: 0, draftOf: undefined } as unknown as ConflictSet;
    return { kind: 'conflict', set, recordsKey: 'k', autoResolved: [] };
  };

  for (const [name, item, mine, theirs] of [['short values', SHORT, '42001', '4201'], ['long values', LONG, 'MINE-first line', 'THEIRS-xxx']] as const) {
    it(`${name}: mine and theirs on lines of their own, under their labels, nothing cut at the left or drawn over`, () => {
      for (const columns of WIDTHS) {
        for (const rows of HEIGHTS) {
          const height = dialogHeight(columns, rows);
          const d = dialogOf(item);
          const h = renderInk(
            <KeypressProvider>
              <ConflictDialog dialog={d} current={() => d} sending={false} keymap={DEFAULT_KEYMAP} width={columns} height={height} hints={false} actions={handlers} />
            </KeypressProvider>,
          );
          const f = h.frame();
          h.unmount();
          const lines = f.split('\n').map((l) => l.trimEnd());
          const where = `${columns}×${rows} (${height} lines):\n${f}`;
          assert.ok(lines.length <= height, `too many lines: ${where}`);
          const mineAt = lines.findIndex((l) => l === 'mine' || l.startsWith('mine   '));
          const theirsAt = lines.findIndex((l) => l.startsWith('theirs '));
          assert.ok(mineAt >= 0 && theirsAt > mineAt, `mine, then theirs: ${where}`);
          // A side's value: on its label's line (`mine   42001`), or, with its facts on the label line, on the next.
          const valueOf = (i: number) => (lines[i + 1]?.startsWith(' '.repeat(9)) ? lines[i + 1].slice(9) : lines[i].slice(7));
          assert.ok(valueOf(mineAt).startsWith(mine), `mine's value: ${where}`);
          assert.ok(valueOf(theirsAt).startsWith(theirs), `theirs' value: ${where}`);
          // Every line starts as one of the dialog's lines does: nothing cut at the left, nothing drawn over another.
          for (const l of lines) {
            assert.match(l, /^(|Conflicts: \d|›|highScore \(|settings \(|base {3}|mine|theirs |merged |every key|sending| {9}\S)/, `line cut or overdrawn: ${JSON.stringify(l)} in ${where}`);
          }
          const title = lines.find((l) => l.startsWith('Conflicts'));
          if (title) assert.ok('Conflicts: 0 of 1 resolved — changed on the server since you staged them; nothing was sent'.startsWith(title.replace(/…$/, '')), `title overdrawn: ${where}`);
          // What Ink drew is what the layout counted.
          const layout = conflictLayout({ item, texts: { ...TEXTS, keys: lines.find((l) => l.startsWith('›')) ?? TEXTS.keys, item: `${item.key} (1/1) · changed on both sides · no pick yet` }, width: columns, height });
          assert.deepEqual(lines.filter((l) => l !== ''), layout.rows.map((r) => r.text.trimEnd()).filter((l) => l !== ''), where);
        }
      }
    });
  }
});
