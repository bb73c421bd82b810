// `?` in a terminal too small for every key: the overlay says how many lines there are and
// ↓/↑ PgDn/PgUp scroll to the rest. It cut the list at the bottom with no sign of more, so
// on a small terminal most keys of the screen could not be seen at all.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import { KEYS, renderInk } from '../helpers/ink.js';
import { KeypressProvider } from '../../src/ui/contexts/keypress.js';
import { HelpOverlay, helpLines } from '../../src/ui/components/HelpOverlay.js';
import { DEFAULT_KEYMAP } from '../../src/ui/keymap.js';

describe('HelpOverlay on a small terminal', () => {
  it('says there is more and scrolls to every key', async () => {
    const scopes = ['app', 'list', 'records'] as const;
    const total = helpLines(DEFAULT_KEYMAP, scopes).length;
    const h = renderInk(
      <KeypressProvider>
        <HelpOverlay scopes={scopes} keymap={DEFAULT_KEYMAP} height={12} width={60} notes={['a commit cannot be undone']} onClose={() => {}} />
      </KeypressProvider>,
    );
    let f = h.frame();
    assert.match(f, new RegExp(`lines 1–9 of ${total}`));
    assert.doesNotMatch(f, /sync timeline/, 'the last keys are below');
    await h.press('j');
    f = h.frame();
    assert.match(f, new RegExp(`lines 2–10 of ${total}`));
    assert.doesNotMatch(f, /Everywhere/, 'scrolled past the first line');
    await h.press('G');
    f = h.frame();
    assert.match(f, /demo: write this record as a second device/);
    assert.match(f, new RegExp(`lines ${total - 8}–${total} of ${total}`));
    await h.press(KEYS.pageUp);
    await h.press('g');
    f = h.frame();
    assert.match(f, /help: every key/);
    h.unmount();
  });

  it('a tall enough terminal shows no scroll line', () => {
    const h = renderInk(
      <KeypressProvider>
        <HelpOverlay scopes={['app', 'list']} keymap={DEFAULT_KEYMAP} height={40} width={100} onClose={() => {}} />
      </KeypressProvider>,
    );
    assert.doesNotMatch(h.frame(), /lines \d+–\d+ of/);
    h.unmount();
  });
});
