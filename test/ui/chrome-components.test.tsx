import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import { renderInk } from '../helpers/ink.js';
import { Header, stagedLabel } from '../../src/ui/components/Header.js';
import { Breadcrumbs, shortId } from '../../src/ui/components/Breadcrumbs.js';
import { Footer, READY_MARKER } from '../../src/ui/components/Footer.js';
import { applyOverrides, DEFAULT_KEYMAP } from '../../src/ui/keymap.js';
import { NO_STAGED, type ConnectionInfo } from '../../src/ui/state/app-reducer.js';
import { breadcrumb } from '../../src/ui/state/navigation.js';

const local: ConnectionInfo = { name: 'local', kind: 'local', region: 'us-east-1', endpoint: 'http://127.0.0.1:4567', readOnly: false };

describe('Header', () => {
  it('shows the RW badge, connection, region and endpoint, and staged counts', () => {
    const h = renderInk(<Header connection={local} staged={{ modified: 1, added: 1, removed: 1 }} inFlight={0} />);
    const f = h.frame();
    assert.match(f, /^\[RW\] local · us-east-1 · http:\/\/127\.0\.0\.1:4567/);
    assert.match(f, /3 staged \(1M 1\+ 1-\)/);
    assert.equal(stagedLabel(NO_STAGED), '');
  });

  it('says RO for a read-only connection and names AWS endpoints', () => {
    const h = renderInk(<Header connection={{ ...local, name: 'prod', kind: 'aws', endpoint: undefined, readOnly: true }} staged={NO_STAGED} inFlight={0} />);
    assert.match(h.frame(), /^\[RO\] prod · us-east-1 · cognito-sync\.us-east-1\.amazonaws\.com/);
    assert.doesNotMatch(h.frame(), /staged/);
  });

  it('spins only while a call is in flight', async () => {
    const h = renderInk(<Header connection={local} staged={NO_STAGED} inFlight={1} />);
    assert.match(h.frame(), /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/);
    h.rerender(<Header connection={local} staged={NO_STAGED} inFlight={0} />);
    await h.waitForNo(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/);
  });

  it('sanitizes a hostile connection name and says when connecting', () => {
    const h = renderInk(<Header connection={{ ...local, name: 'x\u001b[2Jy' }} staged={NO_STAGED} inFlight={0} />);
    assert.match(h.frame(), /x\\e\[2Jy/);
    const c = renderInk(<Header connection={null} connecting="local" staged={NO_STAGED} inFlight={0} />);
    assert.match(c.frame(), /\[--\] connecting to local…/);
  });
});

describe('Breadcrumbs', () => {
  it('shows the path with short identity ids', () => {
    const crumbs = breadcrumb({
      screen: 'records', connection: 'local', poolId: 'us-east-1:p', poolName: 'demo-pool',
      identityId: 'us-east-1:de300000-0000-4000-8000-000000005556', dataset: 'settings',
    });
    const h = renderInk(<Breadcrumbs crumbs={crumbs} width={100} />);
    assert.equal(h.frame(), 'local › demo-pool › us-east-1:…5556 › settings');
    assert.equal(shortId('short:1'), 'short:1');
  });

  it('keeps the end of a long path and escapes control characters', () => {
    const crumbs = breadcrumb({ screen: 'datasets', connection: 'c'.repeat(80), poolId: 'p', poolName: 'evil\u202ename', identityId: 'i' });
    const h = renderInk(<Breadcrumbs crumbs={crumbs} width={40} />);
    assert.ok(h.frame().startsWith('…'));
    assert.ok(h.frame().endsWith('evil\\u202ename › i'));
  });
});

describe('Footer', () => {
  it('reads labels from the keymap and always ends with ? help', () => {
    const h = renderInk(<Footer commands={['list.open', 'app.filter', 'app.palette', 'app.refresh']} keymap={DEFAULT_KEYMAP} />);
    assert.equal(h.frame(), '↵ open  / filter  : jump  r refresh  ? help');
  });

  it('follows rebinding, drops unbound commands, and shows the e2e ready marker', () => {
    const { keymap } = applyOverrides({ 'app.refresh': ['F'], 'app.filter': [] });
    const h = renderInk(<Footer commands={['app.filter', 'app.refresh']} keymap={keymap} ready />);
    assert.equal(h.frame(), `${READY_MARKER} F refresh  ? help`);
  });
});
