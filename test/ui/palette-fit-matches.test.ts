// The `:` palette lists as many matches as the status line has room for, then counts the rest.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { fitMatches } from '../../src/ui/state/palette.js';

const names = Array.from({ length: 12 }, (_, i) => `set-${String(i).padStart(2, '0')}`); // 6 columns each

it('shows every match when they fit, counting none', () => {
  // 12 names of 6 columns and 11 gaps of 2: 94 columns.
  assert.deepEqual(fitMatches(names, 94), { shown: names.join('  '), hidden: 0 });
});

it('stops where the next match and the count of the rest would not fit', () => {
  // Room for 93: the twelfth does not fit; eleven (86) and `  +1` (4) do.
  assert.deepEqual(fitMatches(names, 93), { shown: names.slice(0, 11).join('  '), hidden: 1 });
  // Room for 20: `set-00  set-01` (14) and `  +10` (5) fit; a third name (22) would not.
  assert.deepEqual(fitMatches(names, 20), { shown: 'set-00  set-01', hidden: 10 });
  assert.deepEqual(fitMatches(names, 18), { shown: 'set-00', hidden: 11 });
});

it('always shows the first match, even in less room than it takes (the line cuts it)', () => {
  assert.deepEqual(fitMatches(['settings', 'setup'], 3), { shown: 'settings', hidden: 1 });
  assert.deepEqual(fitMatches([], 80), { shown: '', hidden: 0 });
});

it('measures wide characters in columns and shows control characters made visible', () => {
  // `名前` takes 4 columns, not 2: `名前  ab` is 8.
  assert.deepEqual(fitMatches(['名前', 'ab', 'cd'], 8), { shown: '名前', hidden: 2 });
  assert.deepEqual(fitMatches(['名前', 'ab'], 8), { shown: '名前  ab', hidden: 0 });
  const fitted = fitMatches(['bad\u001b[2Jname'], 80);
  assert.ok(!fitted.shown.includes('\u001b'), 'no raw escape reaches the terminal');
  assert.match(fitted.shown, /^bad.+name$/);
});
