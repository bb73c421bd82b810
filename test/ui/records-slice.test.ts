import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as A from '../../src/ui/state/app-reducer.js';
import * as L from '../../src/ui/state/list.js';
import type { RecordsAction } from '../../src/ui/state/records.js';

const conn = (readOnly: boolean): A.ConnectionInfo => ({ name: 'local', kind: 'local', region: 'us-east-1', readOnly });
const KEY = 'records|local|p|i|settings';
const rec = (action: RecordsAction): A.AppAction => ({ type: 'records', key: KEY, action });
const page: RecordsAction = {
  type: 'page', first: true,
  listing: { records: [{ key: 'theme', value: 'dark', syncCount: 4 }, { key: 'lang', value: 'en', syncCount: 2 }], syncCount: 4, exists: true },
};

function start(readOnly = false): A.AppState {
  const s = A.initialState({ connection: conn(readOnly), terminalRows: 30 });
  return [rec({ type: 'loading' }), rec(page)].reduce(A.appReducer, s);
}

describe('records slice of the app reducer', () => {
  it('keeps the location list in step with the records and the header counts with the staged set', () => {
    let s = start();
    assert.equal(A.listAt(s, KEY).status, 'loaded');
    assert.deepEqual(A.listAt(s, KEY).rows.map((r) => r.id), ['lang', 'theme']);
    s = A.appReducer(s, rec({ type: 'dataset', action: { type: 'put', key: 'new', value: 'x' } }));
    s = A.appReducer(s, rec({ type: 'dataset', action: { type: 'remove', key: 'lang' } }));
    assert.deepEqual(A.listAt(s, KEY).rows.map((r) => r.id), ['lang', 'new', 'theme']);
    assert.deepEqual(s.staged, { modified: 0, added: 1, removed: 1 });
  });

  it('keeps the selection on its key when rows change, and does not rebuild rows while typing', () => {
    let s = start();
    s = A.appReducer(s, { type: 'list/move', key: KEY, move: 'down' });
    assert.equal(L.selectedRow(A.listAt(s, KEY))?.id, 'theme');
    s = A.appReducer(s, rec({ type: 'dataset', action: { type: 'put', key: 'a', value: '1' } }));
    assert.equal(L.selectedRow(A.listAt(s, KEY))?.id, 'theme');
    const list = A.listAt(s, KEY);
    s = A.appReducer(s, rec({ type: 'editor', editor: { kind: 'edit', key: 'theme', original: 'dark', field: { text: 'x', cursor: 1 } } }));
    assert.equal(A.listAt(s, KEY), list);
  });

  it('refuses every write on a read-only connection, even dispatched directly', () => {
    const s = start(true);
    const after = [
      rec({ type: 'dataset', action: { type: 'put', key: 'theme', value: 'light' } }),
      rec({ type: 'editor', editor: { kind: 'add', key: { text: '', cursor: 0 }, value: { text: '', cursor: 0 }, focus: 'key' } }),
    ].reduce(A.appReducer, s);
    assert.equal(after, s);
    assert.equal(A.appReducer(s, rec({ type: 'toggleTombstones' })).records[KEY].showTombstones, true);
  });
});
