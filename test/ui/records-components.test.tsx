import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import { KEYS, renderInk } from '../helpers/ink.js';
import { KeypressProvider } from '../../src/ui/contexts/keypress.js';
import { AppActionsContext, AppSettingsContext, AppStateContext, type AppActions } from '../../src/ui/contexts/app-state.js';
import { EditorActionsContext } from '../../src/ui/contexts/editor-actions.js';
import type { EditorActions } from '../../src/ui/editor-actions.js';
import { RecordDetail } from '../../src/ui/components/RecordDetail.js';
import { ReviewDialog } from '../../src/ui/components/ReviewDialog.js';
import { ConflictDialog, type ConflictHandlers } from '../../src/ui/components/ConflictDialog.js';
import { RecordEditorPane } from '../../src/ui/components/RecordEditorPane.js';
import { RecordsScreen } from '../../src/ui/screens/RecordsScreen.js';
import { DEFAULT_KEYMAP } from '../../src/ui/keymap.js';
import * as A from '../../src/ui/state/app-reducer.js';
import { recordsReducer, emptyRecords, type RecordEditor, type RecordsAction, type RecordsState } from '../../src/ui/state/records.js';
import { locationKey, type Location } from '../../src/ui/state/navigation.js';
import type { Dialog } from '../../src/ui/state/dialogs.js';
import { analyzeConflicts, mergeRemote, type SyncRecord } from '../../src/sync/index.js';

const rec = (key: string, value: string | undefined, syncCount: number, by = 'phone-7f3a2c'): SyncRecord =>
  ({ key, ...(value === undefined ? {} : { value }), syncCount, lastModifiedBy: by, lastModifiedDate: new Date(2026, 10, 26, 6, 40) });

function records(list: SyncRecord[], ...actions: RecordsAction[]): RecordsState {
  const first: RecordsAction = { type: 'page', first: true, listing: { records: list, syncCount: 9, exists: true } };
  return [first, ...actions].reduce(recordsReducer, emptyRecords());
}
const put = (key: string, value: string): RecordsAction => ({ type: 'dataset', action: { type: 'put', key, value } });
const remove = (key: string): RecordsAction => ({ type: 'dataset', action: { type: 'remove', key } });

describe('RecordDetail', () => {
  it('shows facts and the whole value, JSON pretty-printed and escaped', () => {
    const s = records([rec('settings', '{"theme":"dark","n":{"a":1}}', 4), rec('motd', '\u001b[31mALERT\u0007', 2)]);
    let h = renderInk(<RecordDetail records={s} recordKey="settings" width={60} height={10} />);
    assert.match(h.frame(), /key settings · SyncCount 4 · by phone-7f3a2c/);
    assert.match(h.frame(), /modified 2026-11-26 06:40/);
    assert.match(h.frame(), /\{\n {2}"theme": "dark",\n {2}"n": \{\n {4}"a": 1/);
    h.unmount();
    h = renderInk(<RecordDetail records={s} recordKey="motd" width={40} height={10} />);
    assert.match(h.frame(), /\\e\[31mALERT\\x07/);
  });

  it('shows old → new for a staged key, a line diff for JSON, and drift', () => {
    let s = records([rec('theme', 'dark', 4), rec('cfg', '{"a":1,"b":2}', 3)], put('theme', 'light'), put('cfg', '{"a":1,"b":3}'));
    let h = renderInk(<RecordDetail records={s} recordKey="theme" width={40} height={10} />);
    assert.match(h.frame(), /staged: modified\nold "dark"\nnew "light"/);
    h.unmount();
    h = renderInk(<RecordDetail records={s} recordKey="cfg" width={40} height={10} />);
    assert.match(h.frame(), /- {3}"b": 2\n\+ {3}"b": 3/);
    h.unmount();
    s = recordsReducer(s, { type: 'refreshed', listing: { records: [rec('theme', 'blue', 10), rec('cfg', '{"a":1,"b":2}', 3)], syncCount: 10, exists: true } });
    h = renderInk(<RecordDetail records={s} recordKey="theme" width={80} height={10} />);
    assert.match(h.frame(), /! changed on the server since staged \(sc 4 → 10\): the commit will ask/);
  });
});

describe('ReviewDialog', () => {
  const s = records([rec('theme', 'dark', 4), rec('old', 'x', 2), rec('cfg', '{"a":1}', 3)], put('theme', 'light'), remove('old'), put('new', ''), put('cfg', '{"a":2}'));
  const noop = () => {};

  it('lists every patch with op, key, old → new, base SyncCount and a JSON diff; y sends, Enter and n cancel', async () => {
    const calls: string[] = [];
    const h = renderInk(
      <KeypressProvider>
        <ReviewDialog records={s} dataset="settings" selected={0} sending={false} keymap={DEFAULT_KEYMAP} width={90} height={20}
          onMove={(d) => calls.push(`move ${d}`)} onDrop={() => calls.push('drop')} onSend={() => calls.push('send')} onCancel={() => calls.push('cancel')} />
      </KeypressProvider>,
    );
    const f = h.frame();
    assert.match(f, /Review: 4 changes to settings, sent as ONE UpdateRecords \(dataset sync count 9\)/);
    assert.match(f, /› M cfg  sc 3  \(1 - 1 \+\)/);
    assert.match(f, /- {3}"a": 1\n.*\+ {3}"a": 2/);
    assert.match(f, /\+ new  sc 0  \(new\) → ""/);
    assert.match(f, /- old  sc 2  "x" → \(removed\)/);
    assert.match(f, /M theme  sc 4  "dark" → "light"/);
    await h.press('j');
    await h.press(KEYS.enter);
    await h.press('n');
    await h.press('d');
    await h.press('c'); // the key that opened it does nothing here
    await h.press('y');
    assert.deepEqual(calls, ['move 1', 'cancel', 'cancel', 'drop', 'send']);
  });

  it('shows limit errors before sending, and "sending…" while the call runs', () => {
    const big = recordsReducer(s, put('huge', 'x'.repeat(1_048_576)));
    const h = renderInk(
      <KeypressProvider>
        <ReviewDialog records={big} dataset="settings" selected={0} sending keymap={DEFAULT_KEYMAP} width={100} height={20} onMove={noop} onDrop={noop} onSend={noop} onCancel={noop} />
      </KeypressProvider>,
    );
    assert.match(h.frame(), /✗ Value of key "huge" is 1,048,576 characters/);
    assert.match(h.frame(), /sending… \(one UpdateRecords\)/);
  });

  it('scrolls to keep the selected change on screen', () => {
    const many = records([], ...Array.from({ length: 40 }, (_, i) => put(`k${String(i).padStart(2, '0')}`, 'v')));
    const h = renderInk(
      <KeypressProvider>
        <ReviewDialog records={many} dataset="d" selected={35} sending={false} keymap={DEFAULT_KEYMAP} width={80} height={12} onMove={noop} onDrop={noop} onSend={noop} onCancel={noop} />
      </KeypressProvider>,
    );
    assert.match(h.frame(), /› \+ k35/);
    assert.doesNotMatch(h.frame(), /k00/);
  });
});

describe('ConflictDialog', () => {
  function conflictDialog(extra: Partial<Extract<Dialog, { kind: 'conflict' }>> = {}): Extract<Dialog, { kind: 'conflict' }> {
    const s = records([rec('a', 'a0', 1), rec('b', 'b0', 1), rec('same', 's0', 1)], put('a', 'a-mine'), remove('b'), put('same', 'S'));
    const fresh = mergeRemote(s.dataset, { records: [rec('a', 'a-theirs', 5, 'tablet-91c2e8'), rec('b', 'b-theirs', 5), rec('same', 'S', 5)], syncCount: 5, exists: true, full: true });
    const analysis = analyzeConflicts(fresh);
    return { kind: 'conflict', set: analysis.conflicts, recordsKey: 'k', autoResolved: analysis.same, ...extra };
  }

  it('shows base / mine / theirs with who and when, the auto-resolved keys, and dispatches picks through the keymap', async () => {
    const calls: string[] = [];
    const handlers: ConflictHandlers = {
      pick: (k) => calls.push(`pick ${k}`), pickAll: (k) => calls.push(`all ${k}`), undoPick: () => calls.push('undo'), focus: (d) => calls.push(`focus ${d}`),
      editMerged: () => calls.push('edit'), editChange: (f) => calls.push(`change ${f.text}`), editSubmit: () => calls.push('submit'), editCancel: () => calls.push('cancel'),
      sendResolved: () => calls.push('send'), conflictBack: () => calls.push('back'),
    };
    const d = conflictDialog();
    const h = renderInk(
      <KeypressProvider>
        <ConflictDialog dialog={d} current={() => d} sending={false} keymap={DEFAULT_KEYMAP} width={100} height={24} actions={handlers} />
      </KeypressProvider>,
    );
    const f = h.frame();
    assert.match(f, /Conflicts: 0 of 2 resolved/);
    assert.match(f, /auto-resolved \(the server already had your change\): same/);
    assert.match(f, /a \(1\/2\) · changed on both sides · no pick yet/);
    assert.match(f, /base +sc 1 · by phone-7f3a2c · 2026-11-26 06:40\n +a0/);
    assert.match(f, /mine\s*\n +a-mine/);
    assert.match(f, /theirs +sc 5 · by tablet-91c2e8 · 2026-11-26 06:40\n +a-theirs/);
    for (const k of ['m', 't', 'e', 'n', 'p', 'M', 'T', 'u', KEYS.enter, KEYS.escape]) await h.press(k);
    assert.deepEqual(calls, ['pick mine', 'pick theirs', 'edit', 'focus 1', 'focus -1', 'all mine', 'all theirs', 'undo', 'send', 'back']);
  });

  it('edits a merged value in place: typing is text, Enter uses it, Esc cancels', async () => {
    const calls: string[] = [];
    let d = conflictDialog({ edit: { text: 'a-mine', cursor: 6 } });
    const handlers = {
      pick: () => calls.push('pick'), pickAll: () => {}, undoPick: () => {}, focus: () => {}, editMerged: () => {},
      editChange: (f: { text: string; cursor: number }) => { d = { ...d, edit: f }; calls.push(`change ${f.text}`); },
      editSubmit: () => calls.push('submit'), editCancel: () => calls.push('cancel'), sendResolved: () => {}, conflictBack: () => {},
    };
    const h = renderInk(
      <KeypressProvider>
        <ConflictDialog dialog={d} current={() => d} sending={false} keymap={DEFAULT_KEYMAP} width={100} height={24} actions={handlers} />
      </KeypressProvider>,
    );
    assert.match(h.frame(), /merged value for a \(sent at the server's SyncCount 5\)\na-mine/);
    await h.press('m');
    await h.press(KEYS.enter);
    await h.press(KEYS.escape);
    assert.deepEqual(calls, ['change a-minem', 'submit', 'cancel'], 'm is text while editing');
  });
});

describe('RecordEditorPane', () => {
  it('checks a new key as it is typed and gives the JSON hint for the value', () => {
    const s = records([rec('theme', 'dark', 4), rec('gone', undefined, 3)]);
    const add = (key: string, value = ''): RecordEditor => ({ kind: 'add', key: { text: key, cursor: key.length }, value: { text: value, cursor: value.length }, focus: 'value' });
    const frame = (editor: RecordEditor) => {
      const h = renderInk(
        <KeypressProvider>
          <RecordEditorPane records={s} editor={editor} keymap={DEFAULT_KEYMAP} width={60} height={14} current={() => editor} onChange={() => {}} onSubmit={() => {}} onCancel={() => {}} />
        </KeypressProvider>,
      );
      const f = h.frame();
      h.unmount();
      return f;
    };
    assert.match(frame(add('')), /✗ Key must not be empty/);
    assert.match(frame(add('theme')), /✗ Key "theme" already exists: press e on it to edit/);
    assert.match(frame(add('gone')), /✓ adds back a removed key \(sc 3\)/);
    assert.match(frame(add('k'.repeat(1025))).replace(/\n/g, ' '), /✗ Key "k{40}…" is 1,025 characters; the limit is 1,024/);
    assert.match(frame(add('fresh', '{"a":')), /✓ new key[\s\S]*✗ not valid JSON/);
    assert.match(frame({ kind: 'edit', key: 'theme', original: '{"a":1}', field: { text: 'oops', cursor: 4 } }), /edit theme\noops[\s\S]*✗ not valid JSON/);
  });
});

describe('RecordsScreen (records table)', () => {
  const location: Location = { screen: 'records', connection: 'local', poolId: 'us-east-1:p', identityId: 'us-east-1:i', dataset: 'inventory' };
  const key = locationKey(location);

  function stateWith(list: SyncRecord[], ...actions: RecordsAction[]): A.AppState {
    let s = A.initialState({ connection: { name: 'local', kind: 'local', region: 'us-east-1', readOnly: false }, terminalRows: 30 });
    s = A.appReducer(s, { type: 'nav/jump', location });
    const first: RecordsAction = { type: 'page', first: true, listing: { records: list, syncCount: 9, exists: true } };
    for (const action of [first, ...actions]) s = A.appReducer(s, { type: 'records', key, action });
    return s;
  }

  function render(state: A.AppState, calls: string[] = []) {
    const app = { getState: () => state, move: () => {}, open: () => {}, typeFilter: () => {}, backspaceFilter: () => {}, commitFilter: () => {}, back: () => {} } as unknown as AppActions;
    const editor = new Proxy({}, { get: (_t, name) => (...args: unknown[]) => calls.push([String(name), ...args].join(' ')) }) as EditorActions;
    return renderInk(
      <KeypressProvider>
        <AppSettingsContext.Provider value={{ keymap: DEFAULT_KEYMAP, e2e: false }}>
          <AppActionsContext.Provider value={app}>
            <EditorActionsContext.Provider value={editor}>
              <AppStateContext.Provider value={state}>
                <RecordsScreen width={100} />
              </AppStateContext.Provider>
            </EditorActionsContext.Provider>
          </AppActionsContext.Provider>
        </AppSettingsContext.Provider>
      </KeypressProvider>,
    );
  }

  it('renders markers, SyncCount, date and author, and only the visible window of 1,024 records / ~1 MB', () => {
    const list = Array.from({ length: 1024 }, (_, i) => rec(`item-${String(i).padStart(4, '0')}`, `${'v'.repeat(1000)}${i}`, 1 + (i % 5)));
    const started = performance.now();
    const state = stateWith(list, put('item-0000', 'changed'), remove('item-0001'), put('item-0000n', 'x'));
    const h = render(state);
    const ms = performance.now() - started;
    const f = h.frame();
    assert.match(f, /key +value +sc +modified +by/);
    assert.match(f, /›M item-0000 +changed +1 11-26 06:40 phone-7f3…/);
    assert.match(f, /- item-0001 +v+…/);
    assert.match(f, /\+ item-0000n +x +– +–/);
    assert.match(f, /1–23 of 1,025/);
    assert.equal(f.split('\n').filter((l) => /^.. item-/.test(l)).length, 23, 'only the window is rendered');
    assert.ok(ms < 3000, `state + first frame took ${ms.toFixed(0)} ms`);
    h.unmount();
  });

  it('sends record keys through the keymap to the editor actions', async () => {
    const calls: string[] = [];
    const h = render(stateWith([rec('a', '1', 1)]), calls);
    for (const k of ['e', 'E', 'a', 'd', 'x', 'y', 'Y', 'T', 'c', 'u', KEYS.ctrlR]) await h.press(k);
    assert.deepEqual(calls, ['edit', 'editExternal', 'add', 'remove', 'discardAll', 'copy value', 'copy key', 'toggleTombstones', 'review', 'undo', 'redo']);
  });
});
