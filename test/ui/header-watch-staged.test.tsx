// The header with watch mode on and changes staged keeps the two apart
// (`watch 5s · ok 12:01:03 · 1 staged (1M 0+ 0-)`); it read `ok 12:01:03 1 staged`, the
// count running into the poll's time.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import { renderInk } from '../helpers/ink.js';
import { Header } from '../../src/ui/components/Header.js';
import type { ConnectionInfo } from '../../src/ui/state/app-reducer.js';

const local: ConnectionInfo = { name: 'local', kind: 'local', region: 'us-east-1', endpoint: 'http://127.0.0.1:4567', readOnly: false };

describe('header with watch mode and staged changes', () => {
  it('separates the watch state from the staged count', () => {
    const h = renderInk(<Header connection={local} staged={{ modified: 1, added: 0, removed: 0 }} inFlight={0} watch="watch 5s · ok 12:01:03" />);
    assert.match(h.frame(), /watch 5s · ok 12:01:03 · 1 staged \(1M 0\+ 0-\)/);
    h.rerender(<Header connection={local} staged={{ modified: 0, added: 0, removed: 0 }} inFlight={0} watch="watch 5s · ok 12:01:03" />);
    assert.match(h.frame(), /watch 5s · ok 12:01:03$/m);
    h.rerender(<Header connection={local} staged={{ modified: 1, added: 0, removed: 0 }} inFlight={0} />);
    assert.match(h.frame(), /4567 +1 staged \(1M 0\+ 0-\)$/m);
    h.unmount();
  });
});
