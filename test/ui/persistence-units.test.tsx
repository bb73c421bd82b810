// The pure parts and the components of drafts, history, saved connections and typed
// confirmations in the editor.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import React, { useState } from 'react';
import { Box, type Key } from 'ink';
import { KEYS, renderInk } from '../helpers/ink.js';
import { KeypressProvider } from '../../src/ui/contexts/keypress.js';
import { QuitDialog } from '../../src/ui/components/QuitDialog.js';
import { HistoryDialog, changeLine } from '../../src/ui/components/HistoryDialog.js';
import { TypedConfirmDialog, typedConfirmKey } from '../../src/ui/components/TypedConfirmDialog.js';
import { DEFAULT_KEYMAP } from '../../src/ui/keymap.js';
import { checkForm, cycle, moveFocus, newConnectionForm, typeInto, visibleFields, type ConnectionForm } from '../../src/ui/state/connection-form.js';
import type { Dialog } from '../../src/ui/state/dialogs.js';
import { changedDrafts, draftAddressOfKey } from '../../src/ui/state/draft-keys.js';
import { emptyRecords, recordsReducer } from '../../src/ui/state/records.js';
import { draftTime } from '../../src/ui/draft-actions.js';
import type { JournalEntry } from '../../src/config/journal.js';

const key = (over: Partial<Key> = {}): Key => ({
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
  return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false, super: false,
  hyper: false, capsLock: false, numLock: false, ...over,
} as Key);

describe('draft keys', () => {
  it('a records location key names its draft; connection names may hold |', () => {
    assert.deepEqual(draftAddressOfKey('records|local|us-east-1:p|us-east-1:i|settings'), {
      connection: 'local', identityPoolId: 'us-east-1:p', identityId: 'us-east-1:i', datasetName: 'settings',
    });
    assert.equal(draftAddressOfKey('records|a|b|us-east-1:p|us-east-1:i|d')?.connection, 'a|b');
    assert.equal(draftAddressOfKey('datasets|local|p|i'), undefined);
  });

  it('only datasets whose staged edits changed are saved; a fresh empty listing never touches a draft', () => {
    const listed = recordsReducer(emptyRecords(), { type: 'page', first: true, listing: { records: [{ key: 'k', value: 'v', syncCount: 1 }], syncCount: 1, exists: true } });
    const again = recordsReducer(listed, { type: 'page', first: true, listing: { records: [{ key: 'k', value: 'v', syncCount: 1 }], syncCount: 1, exists: true } });
    assert.notEqual(again.dataset.staged, listed.dataset.staged, 'a new empty map');
    assert.deepEqual(changedDrafts({}, { a: listed }), []);
    assert.deepEqual(changedDrafts({ a: listed }, { a: again }), []);
    const edited = recordsReducer(again, { type: 'dataset', action: { type: 'put', key: 'k', value: 'w' } });
    assert.deepEqual(changedDrafts({ a: again }, { a: edited, b: listed }), ['a']);
    const undone = recordsReducer(edited, { type: 'dataset', action: { type: 'undo' } });
    assert.deepEqual(changedDrafts({ a: edited }, { a: undone }), ['a'], 'back to nothing staged: the draft is removed');
    assert.deepEqual(changedDrafts({ a: edited }, { a: edited }), []);
  });

  it('draft times: hours today, a date otherwise', () => {
    const now = new Date(2026, 2, 4, 18, 0);
    assert.equal(draftTime(new Date(2026, 2, 4, 9, 5), now), '09:05');
    assert.equal(draftTime(new Date(2026, 2, 1, 23, 59), now), '2026-03-01 23:59');
  });
});

describe('connection form', () => {
  it('checks every field and builds the connection; protected means read-only unless turned off', () => {
    let form = newConnectionForm();
    assert.deepEqual(checkForm(form, []).errors, { name: 'a name is required' });
    for (const ch of 'prod') form = typeInto(form, ch, key())!;
    form = moveFocus(form, 1); // kind
    assert.equal(form.focus, 'kind');
    form = moveFocus(form, 1); // profile
    for (const ch of 'prod admin') form = typeInto(form, ch, key())!;
    form = moveFocus(moveFocus(form, 1), 1); // endpoint
    for (const ch of 'http://u:p@h') form = typeInto(form, ch, key())!;
    const bad = checkForm(form, ['prod']);
    assert.deepEqual(bad.errors, {
      name: "a connection named 'prod' already exists",
      profile: 'a profile name has no spaces',
      endpointUrl: 'must not contain a user name or password',
    });
    assert.equal(bad.connection, undefined);

    form = { ...newConnectionForm({ name: 'prod', kind: 'aws', profile: 'prod', region: 'eu-west-1' }), focus: 'protected' };
    form = cycle(form);
    assert.equal(form.readOnly, true, 'turning protected on turns read-only on');
    assert.deepEqual(checkForm(form, []).connection, { name: 'prod', kind: 'aws', profile: 'prod', region: 'eu-west-1', readOnly: true, protected: true });
    form = cycle({ ...form, focus: 'readOnly' });
    assert.deepEqual(checkForm(form, []).connection, { name: 'prod', kind: 'aws', profile: 'prod', region: 'eu-west-1', readOnly: false, protected: true });
    form = cycle({ ...form, focus: 'accent' }, -1);
    assert.equal(checkForm(form, []).connection?.accent, 'cyan');
  });

  it('a local connection hides the profile and never saves one; no field is a credential', () => {
    let form: ConnectionForm = { ...newConnectionForm({ name: 'x', kind: 'aws', profile: 'p' }), focus: 'kind' };
    form = cycle(form);
    assert.equal(form.kind, 'local');
    assert.ok(!visibleFields(form).includes('profile'));
    assert.deepEqual(checkForm(form, []).connection, { name: 'x', kind: 'local' });
    assert.ok(visibleFields(newConnectionForm()).every((f) => !/key|secret|token|password/i.test(f)));
  });

  it('errors already shown follow the typing', () => {
    let form = newConnectionForm();
    form = { ...form, errors: checkForm(form, []).errors };
    form = typeInto(form, 'a', key())!;
    assert.deepEqual(form.errors, {});
  });
});

describe('typed confirmation', () => {
  const dialog: Extract<Dialog, { kind: 'typedConfirm' }> = { kind: 'typedConfirm', purpose: 'commit', title: 't', expected: 'settings', input: '' };
  it('typing builds the input; a wrong value says so; the exact name confirms; Esc cancels', () => {
    let d = dialog;
    for (const ch of 'setting') {
      const r = typedConfirmKey(d, ch, key(), DEFAULT_KEYMAP);
      assert.equal(r.kind, 'change');
      if (r.kind === 'change') d = r.dialog;
    }
    const wrong = typedConfirmKey(d, '\r', key({ return: true }), DEFAULT_KEYMAP);
    assert.deepEqual(wrong, { kind: 'change', dialog: { ...d, error: 'Value must be exactly settings' } });
    const typed = typedConfirmKey(d, 's', key(), DEFAULT_KEYMAP);
    assert.equal(typed.kind === 'change' && typed.dialog.error, undefined);
    const done = typed.kind === 'change' ? typed.dialog : d;
    assert.deepEqual(typedConfirmKey(done, '\r', key({ return: true }), DEFAULT_KEYMAP), { kind: 'confirmed' });
    assert.deepEqual(typedConfirmKey(done, '', key({ escape: true }), DEFAULT_KEYMAP), { kind: 'cancel' });
    const pasted = typedConfirmKey(dialog, 'sett\nings', key(), DEFAULT_KEYMAP);
    assert.equal(pasted.kind === 'change' && pasted.dialog.input, 'settings');
  });

  it('edits the typed name with the line-editing keys of every input (Home, Ctrl+W, Ctrl+U)', () => {
    const step = (d: Extract<Dialog, { kind: 'typedConfirm' }>, input: string, over: Parameters<typeof key>[0] = {}) => {
      const r = typedConfirmKey(d, input, key(over), DEFAULT_KEYMAP);
      assert.equal(r.kind, 'change');
      return r.kind === 'change' ? r.dialog : d;
    };
    let d = step(dialog, 'ettings');
    d = step(d, '', { home: true });
    assert.deepEqual([d.input, d.cursor], ['ettings', 0]);
    d = step(d, 's');
    assert.deepEqual([d.input, d.cursor], ['settings', 1]);
    assert.deepEqual(typedConfirmKey(d, '\r', key({ return: true }), DEFAULT_KEYMAP), { kind: 'confirmed' });
    d = step(step(d, '', { end: true }), ' x');
    d = step(d, 'w', { ctrl: true });
    assert.deepEqual([d.input, d.cursor], ['settings ', undefined]);
    d = step(d, 'u', { ctrl: true });
    assert.equal(d.input, '');
    assert.equal(typedConfirmKey(d, 'z', key({ ctrl: true }), DEFAULT_KEYMAP).kind, 'none');
  });

  it('keys of one read each edit what the one before left (three Backspaces erase three characters)', async () => {
    function Harness() {
      const [d, setD] = useState(dialog);
      return <TypedConfirmDialog dialog={d} keymap={DEFAULT_KEYMAP} width={60} onChange={setD} onConfirmed={() => {}} onCancel={() => {}} />;
    }
    const h = renderInk(<KeypressProvider><Harness /></KeypressProvider>);
    await h.type('settings');
    await h.waitFor('› settings');
    await h.press('\u007F\u007F\u007F');
    await h.waitFor(/› setti\s/);
    await h.press('\u0001' + 'x'); // Ctrl+A, then x at the start
    await h.waitFor(/› xsetti\s/);
  });
});

describe('QuitDialog with drafts', () => {
  it('y keeps as draft, D discards, Enter on the focused Cancel cancels, Tab cycles Cancel → Keep → Discard', async () => {
    const calls: string[] = [];
    let focus: 'keep' | 'discard' | 'cancel' = 'cancel';
    const tree = () => (
      <KeypressProvider>
        <QuitDialog staged={3} focus={focus} keymap={DEFAULT_KEYMAP} width={90} onFocus={(f) => void calls.push(`focus:${(focus = f)}`)} onKeep={() => void calls.push('keep')} onDiscard={() => void calls.push('discard')} onCancel={() => void calls.push('cancel')} />
      </KeypressProvider>
    );
    const h = renderInk(tree());
    const f = h.frame();
    assert.match(f.replace(/[│\s]+/g, ' '), /3 staged changes: keep as draft and quit \(y\) \/ discard and quit \(D\) \/ Cancel/);
    assert.match(f, /\[›Cancel‹\]/);
    await h.press(KEYS.enter);
    await h.press('y');
    await h.press('D');
    await h.press(KEYS.tab);
    assert.deepEqual(calls, ['cancel', 'keep', 'discard', 'focus:keep']);
    h.unmount();
  });

  it('without drafts it says they are not kept and y does nothing', async () => {
    const calls: string[] = [];
    const h = renderInk(
      <KeypressProvider>
        <QuitDialog staged={1} focus="cancel" keymap={DEFAULT_KEYMAP} width={90} onFocus={() => undefined} onDiscard={() => void calls.push('discard')} onCancel={() => void calls.push('cancel')} />
      </KeypressProvider>,
    );
    assert.match(h.frame(), /Drafts are not kept in this run/);
    assert.doesNotMatch(h.frame(), /Keep as draft/);
    await h.press('y');
    assert.deepEqual(calls, []);
    h.unmount();
  });
});

describe('QuitDialog in a tiny terminal (40x12: a body of 7 lines)', () => {
  it('keeps the question, every button inside the border and the keys; only the message is cut', () => {
    const h = renderInk(
      <KeypressProvider>
        <Box flexDirection="column" height={7} width={40} overflowY="hidden">
          <QuitDialog staged={1} focus="cancel" keymap={DEFAULT_KEYMAP} width={40} onFocus={() => undefined} onKeep={() => undefined} onDiscard={() => undefined} onCancel={() => undefined} />
        </Box>
      </KeypressProvider>,
    );
    const lines = h.frame().split('\n');
    assert.equal(lines.length, 7, h.frame());
    assert.match(lines[1], /│ Quit with 1 staged change\? +│/, h.frame());
    assert.match(lines[6], /^╰─+╯$/, h.frame());
    const inside = lines.slice(1, 6).join('\n');
    for (const b of [/\[›Cancel‹\]/, /\[ Keep as draft and quit \]/, /\[ Discard and quit \]/]) assert.match(inside, b, h.frame());
    assert.match(lines[5], /│ y keep · D discard and quit/, h.frame());
    h.unmount();
  });
});

describe('HistoryDialog', () => {
  const entry = (n: number, changes: JournalEntry['changes']): JournalEntry => ({
    time: `2026-01-0${n}T10:00:00.000Z`, connection: 'local', identityPoolId: 'p', identityId: 'i', datasetName: 'd',
    syncCountBefore: n, syncCountAfter: n + 1, requestId: `req${n}-0000-0000`, changes,
  });
  it('lists commits newest first with the changes of the selected one (escaped); R reverts, j moves, Esc closes', async () => {
    const calls: string[] = [];
    const entries = [
      entry(2, [{ key: 'evil\u001b[2J', op: 'replace', before: { syncCount: 1, value: 'a' }, after: { syncCount: 3, value: 'b' } }]),
      entry(1, [{ key: 'gone', op: 'remove', before: { syncCount: 1, value: 'x' }, after: { syncCount: 2 } }, { key: 'new', op: 'replace', after: { syncCount: 2, value: 'v' } }]),
    ];
    const h = renderInk(
      <KeypressProvider>
        <HistoryDialog dataset="d" entries={entries} selected={0} keymap={DEFAULT_KEYMAP} width={90} height={20} isoTimes onMove={(d) => void calls.push(`move:${d}`)} onRevert={() => void calls.push('revert')} onClose={() => void calls.push('close')} />
      </KeypressProvider>,
    );
    const f = h.frame();
    assert.match(f, /History of d: 2 commits by cogsync, newest first/);
    assert.match(f, /› 2026-01-02T10:00:00Z  1 change  sync 2 -> 3 · req req2-000…/);
    assert.match(f, /M evil\\e\[2J: "a" → "b"/);
    assert.doesNotMatch(f, /\u001b\[2J/);
    await h.press('j');
    await h.press('R');
    await h.press(KEYS.escape);
    assert.deepEqual(calls, ['move:1', 'revert', 'close']);
    h.unmount();
    assert.equal(changeLine(entries[1].changes[0], 60), '- gone: "x" → (removed)');
    assert.equal(changeLine(entries[1].changes[1], 60), '+ new: (new) → "v"');
  });
});
