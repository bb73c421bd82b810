import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Key } from 'ink';
import * as F from '../../src/ui/state/filter.js';
import { plainKey } from '../../src/ui/key-chunks.js';
import * as N from '../../src/ui/state/navigation.js';

describe('filter', () => {
  it('matches a case-insensitive substring and counts', () => {
    const items = ['Settings', 'profile', 'game-state', 'SETUP'];
    assert.deepEqual(F.matchingIndices(items, 'set', (s) => s), [0, 3]);
    assert.deepEqual(F.matchingIndices(items, '', (s) => s), [0, 1, 2, 3]);
    assert.equal(F.matchLabel(12, 340), '12/340');
    assert.equal(F.matchLabel(1200, 3400), '1,200/3,400');
  });

  it('edits the query, dropping control characters and whole code points', () => {
    let f = F.startEditing(F.EMPTY_FILTER);
    f = F.typeText(f, 'a\u001b[2Jb😀');
    assert.equal(f.query, 'a[2Jb😀');
    f = F.backspace(f);
    assert.equal(f.query, 'a[2Jb');
    f = F.commit(f);
    assert.deepEqual(f, { query: 'a[2Jb', editing: false });
  });

  it('edits the query with the line-editing keys: typing goes in at the cursor, Ctrl+U/W/K, Home, ←', () => {
    const key = (over: Partial<Key> = {}): Key => ({ ...plainKey('').key, ...over });
    let f = F.typeText(F.startEditing(F.EMPTY_FILTER), 'game state');
    f = F.editKey(f, 'w', key({ ctrl: true }))!;
    assert.deepEqual(f, { query: 'game ', editing: true }, 'Ctrl+W: the word before the cursor');
    f = F.editKey(f, '', key({ home: true }))!;
    assert.deepEqual(f, { query: 'game ', editing: true, cursor: 0 });
    f = F.typeText(f, 'my\n');
    assert.deepEqual(f, { query: 'mygame ', editing: true, cursor: 2 }, 'inserted at the cursor, the line break dropped');
    f = F.editKey(f, 'k', key({ ctrl: true }))!;
    assert.deepEqual(f, { query: 'my', editing: true }, 'Ctrl+K; the cursor is at the end again');
    f = F.editKey(f, '', key({ leftArrow: true }))!;
    f = F.backspace(f);
    assert.deepEqual(f, { query: 'y', editing: true, cursor: 0 });
    f = F.editKey(F.typeText(f, 'x'), 'u', key({ ctrl: true }))!;
    assert.deepEqual(f, { query: 'y', editing: true, cursor: 0 }, 'Ctrl+U: everything before the cursor');
    assert.equal(F.editKey(f, '', key({ return: true })), undefined, 'Enter is no edit');
    assert.equal(F.editKey(f, '', key({ upArrow: true })), undefined);
    assert.deepEqual(F.commit(f), { query: 'y', editing: false }, 'Enter keeps the query; a new / edits at its end');
  });

  it('first Esc clears, the next says go back', () => {
    const active = F.commit(F.typeText(F.startEditing(F.EMPTY_FILTER), 'x'));
    const first = F.escape(active);
    assert.deepEqual(first, { filter: F.EMPTY_FILTER, consumed: true });
    assert.equal(F.escape(first.filter).consumed, false);
    assert.equal(F.escape(F.startEditing(F.EMPTY_FILTER)).consumed, true, 'Esc on an empty open bar closes it');
  });
});

describe('navigation', () => {
  const pools: N.Location = { screen: 'pools', connection: 'local' };

  it('drills down and back, never below the bottom', () => {
    let nav = N.initialNavigation('local');
    assert.deepEqual(nav.stack.map((l) => l.screen), ['connections', 'pools']);
    nav = N.push(nav, N.childOf(N.current(nav), { id: 'us-east-1:p1', name: 'demo' })!);
    nav = N.push(nav, N.childOf(N.current(nav), { id: 'us-east-1:i1' })!);
    nav = N.push(nav, N.childOf(N.current(nav), { id: 'settings' })!);
    assert.deepEqual(N.current(nav), {
      screen: 'records', connection: 'local', poolId: 'us-east-1:p1', poolName: 'demo', identityId: 'us-east-1:i1', dataset: 'settings',
    });
    assert.equal(N.childOf(N.current(nav), { id: 'k' }), undefined);
    assert.deepEqual(N.breadcrumb(N.current(nav)).map((c) => c.label), ['local', 'demo', 'us-east-1:i1', 'settings']);
    for (let i = 0; i < 10; i++) nav = N.back(nav);
    assert.deepEqual(nav.stack, [{ screen: 'connections' }]);
    assert.equal(N.canGoBack(nav), false);
  });

  it('opens on a deep link with the full path behind it', () => {
    const nav = N.initialNavigation('local', { pool: 'us-east-1:p', identity: 'us-east-1:i', dataset: 'd' });
    assert.deepEqual(nav.stack.map((l) => l.screen), ['connections', 'pools', 'identities', 'datasets', 'records']);
    assert.deepEqual(N.initialNavigation(undefined).stack, [{ screen: 'connections' }]);
    assert.equal(N.current(N.initialNavigation('c', { pool: 'p' })).screen, 'identities');
  });

  it('names a pool known by id on every level of its path, and nowhere else', () => {
    const nav = N.initialNavigation('prod', { pool: 'us-east-1:p', identity: 'us-east-1:i', dataset: 'd' });
    const named = N.withPoolName(nav, 'prod', 'us-east-1:p', 'players');
    assert.deepEqual(N.breadcrumb(N.current(named)).map((c) => c.label), ['prod', 'players', 'us-east-1:i', 'd']);
    assert.deepEqual(named.stack.map((l) => ('poolName' in l ? l.poolName : '-')), ['-', '-', 'players', 'players', 'players']);
    assert.equal(N.withPoolName(nav, 'staging', 'us-east-1:p', 'x'), nav, 'another connection: unchanged');
    assert.equal(N.withPoolName(nav, 'prod', 'us-east-1:q', 'x'), nav, 'another pool: unchanged');
    assert.equal(N.withPoolName(named, 'prod', 'us-east-1:p', 'renamed'), named, 'a name already there stays');
  });

  it('gives each location a stable, distinct key', () => {
    const a = N.locationKey({ screen: 'identities', connection: 'local', poolId: 'p', poolName: 'x' });
    const b = N.locationKey({ screen: 'identities', connection: 'local', poolId: 'p' });
    assert.equal(a, b, 'the display name is not part of the key');
    assert.notEqual(N.locationKey(pools), N.locationKey({ screen: 'pools', connection: 'prod' }));
    assert.deepEqual(N.breadcrumb({ screen: 'connections' }), [{ label: 'connections', kind: 'connections' }]);
    assert.equal(N.breadcrumb({ screen: 'identities', connection: 'local', poolId: 'p' })[1].label, 'p', 'id when no name');
  });
});
