import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Key } from 'ink';
import { plainKey } from '../../src/ui/key-chunks.js';
import type { DatasetRow, Row } from '../../src/ui/data/rows.js';
import * as A from '../../src/ui/state/app-reducer.js';
import * as L from '../../src/ui/state/list.js';
import { errorInfo, confirmDialog } from '../../src/ui/state/dialogs.js';

const local: A.ConnectionInfo = { name: 'local', kind: 'local', region: 'us-east-1', endpoint: 'http://127.0.0.1:1', readOnly: false };
const ds = (id: string): DatasetRow => ({ kind: 'dataset', id });
const rows = (n: number, prefix = 'd'): Row[] => Array.from({ length: n }, (_, i) => ds(`${prefix}${i}`));

function run(state: A.AppState, ...actions: A.AppAction[]): A.AppState {
  return actions.reduce(A.appReducer, state);
}

describe('list state', () => {
  it('keeps the selected row across a refresh by id', () => {
    let l = L.listLoaded(L.emptyList(10), rows(5));
    l = L.listMove(L.listMove(l, 'down'), 'down');
    assert.equal(L.selectedRow(l)?.id, 'd2');
    l = L.listLoaded(l, [ds('new'), ...rows(5)]);
    assert.equal(L.selectedRow(l)?.id, 'd2');
  });

  it('appends pages and says when more are wanted', () => {
    let l = L.listLoaded(L.emptyList(10), rows(3), { nextToken: 't1' });
    assert.equal(L.wantsMore(l), false);
    l = L.listMove(l, 'end');
    assert.equal(L.wantsMore(l), true);
    l = L.listLoading(l, true);
    assert.equal(L.wantsMore(l), false, 'not twice');
    l = L.listLoaded(l, rows(2, 'e'), { append: true });
    assert.deepEqual(l.rows.map((r) => r.id), ['d0', 'd1', 'd2', 'e0', 'e1']);
    assert.equal(l.nextToken, undefined);
    assert.equal(L.windowRows(l).length, 5);
  });

  it('renders only the window', () => {
    const l = L.listLoaded(L.emptyList(30), rows(5000));
    const shown = L.windowRows(L.listMove(l, 'pageDown'));
    assert.equal(shown.length, 30);
    assert.equal(shown[0].row.id, 'd30');
  });
});

describe('app reducer', () => {
  const start = () => A.initialState({ connection: local, terminalRows: 24 });

  it('sizes the viewport to the terminal minus chrome and the spare row', () => {
    const s = start();
    assert.equal(s.viewport, 24 - 1 - A.CHROME_ROWS);
    const key = A.currentKey(s);
    const resized = run(s, { type: 'list/loaded', key, rows: rows(100) }, { type: 'list/move', key, move: 'end' }, { type: 'layout/resize', rows: 10 });
    assert.equal(resized.viewport, 3);
    const w = A.listAt(resized, key).window;
    assert.deepEqual([w.selected, w.offset, w.viewport], [99, 97, 3]);
  });

  it('filters a list: count, selection follows, first Esc clears, next goes back', () => {
    let s = run(start(), { type: 'nav/push', location: { screen: 'identities', connection: 'local', poolId: 'p' } });
    const key = A.currentKey(s);
    s = run(s, { type: 'list/loaded', key, rows: [ds('alpha'), ds('beta'), ds('alphabet')] }, { type: 'filter/start', key });
    s = run(s, ...[...'ALP'].map((text) => ({ type: 'filter/type' as const, key, text })));
    let l = A.listAt(s, key);
    assert.deepEqual(l.visible, [0, 2]);
    assert.equal(l.window.count, 2);
    s = run(s, { type: 'filter/commit', key }, { type: 'list/move', key, move: 'down' });
    assert.equal(L.selectedRow(A.listAt(s, key))?.id, 'alphabet');
    s = run(s, { type: 'filter/escape', key });
    l = A.listAt(s, key);
    assert.equal(l.filter.query, '');
    assert.equal(L.selectedRow(l)?.id, 'alphabet', 'selection stays on the row');
    assert.equal(A.currentLocation(s).screen, 'identities');
    s = run(s, { type: 'filter/escape', key });
    assert.equal(A.currentLocation(s).screen, 'pools');
  });

  it('edits the filter query with line-editing keys (filter/edit): Ctrl+W narrows back, other keys leave the state alone', () => {
    let s = run(start(), { type: 'nav/push', location: { screen: 'identities', connection: 'local', poolId: 'p' } });
    const key = A.currentKey(s);
    const edit = (input: string, over: Partial<Key> = {}) => ({ type: 'filter/edit' as const, key, input, inkKey: { ...plainKey('').key, ...over } });
    s = run(s, { type: 'list/loaded', key, rows: [ds('alpha'), ds('beta'), ds('alphabet')] }, { type: 'filter/start', key });
    s = run(s, edit('beta x'));
    assert.deepEqual(A.listAt(s, key).visible, []);
    s = run(s, edit('w', { ctrl: true }), edit('w', { ctrl: true }));
    assert.equal(A.listAt(s, key).filter.query, '');
    assert.deepEqual(A.listAt(s, key).visible, [0, 1, 2]);
    s = run(s, edit('bet'), edit('', { home: true }), edit('al'));
    assert.deepEqual(A.listAt(s, key).filter, { query: 'albet', editing: true, cursor: 2 });
    assert.strictEqual(run(s, edit('', { upArrow: true })), s, '↑ is no edit: the same state');
  });

  it('keeps a list when going back, so the selection is where it was', () => {
    let s = start();
    const poolsKey = A.currentKey(s);
    s = run(s, { type: 'list/loaded', key: poolsKey, rows: rows(5) }, { type: 'list/move', key: poolsKey, move: 'down' });
    s = run(s, { type: 'nav/push', location: { screen: 'identities', connection: 'local', poolId: 'd1' } }, { type: 'nav/back' });
    assert.equal(L.selectedRow(A.listAt(s, poolsKey))?.id, 'd1');
  });

  it('shows errors sticky, keeps them all, but never over a confirmation', () => {
    let s = start();
    const key = A.currentKey(s);
    s = run(s, { type: 'list/loading', key }, { type: 'list/failed', key, error: errorInfo(new Error('boom'), 1) });
    assert.equal(s.dialog?.kind, 'error');
    assert.equal(A.listAt(s, key).status, 'error');
    s = run(s, { type: 'dialog/open', dialog: confirmDialog('discardAll', 't', 'm') }, { type: 'error/show', error: errorInfo('late', 2) });
    assert.equal(s.dialog?.kind, 'confirm');
    assert.deepEqual(s.messages.map((m) => m.message), ['boom', 'late']);
    s = run(s, { type: 'dialog/open', dialog: { kind: 'help' } }, { type: 'error/show', error: errorInfo('x', 3) });
    assert.equal(s.dialog?.kind, 'error', 'help gives way to an error');
    s = run(s, { type: 'dialog/close' });
    assert.equal(s.dialog, null);
  });

  it('switching connection goes to its pools and clears the staged counts', () => {
    let s = run(start(), { type: 'staged/set', counts: { modified: 1, added: 0, removed: 0 } });
    s = run(s, { type: 'connection/set', connection: { ...local, name: 'prod', kind: 'aws', readOnly: true } });
    assert.deepEqual(A.currentLocation(s), { screen: 'pools', connection: 'prod' });
    assert.deepEqual(s.staged, A.NO_STAGED);
    assert.equal(s.connection?.readOnly, true);
  });

  it('counts work in flight and never below zero', () => {
    let s = run(start(), { type: 'busy', delta: 1 }, { type: 'busy', delta: -1 }, { type: 'busy', delta: -1 });
    assert.equal(s.busy, 0);
    s = run(s, { type: 'requests/inFlight', count: 2 });
    assert.equal(s.inFlight, 2);
    assert.equal(run(s, { type: 'requests/inFlight', count: 2 }), s, 'unchanged state is the same object');
  });
});
