import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SyncRecord } from '../../src/sync/index.js';
import * as R from '../../src/ui/state/records.js';
import * as E from '../../src/ui/state/record-editor.js';
import { reviewItems, reviewLines, reviewReport, reviewTop } from '../../src/ui/state/review.js';

const rec = (key: string, value: string | undefined, syncCount: number): SyncRecord => (value === undefined ? { key, syncCount } : { key, value, syncCount });

function loaded(records: SyncRecord[], syncCount = 5): R.RecordsState {
  return R.recordsReducer(R.emptyRecords(), { type: 'page', first: true, listing: { records, syncCount, exists: true } });
}
const run = (s: R.RecordsState, ...actions: R.RecordsAction[]) => actions.reduce(R.recordsReducer, s);
const put = (key: string, value: string): R.RecordsAction => ({ type: 'dataset', action: { type: 'put', key, value } });

describe('records state', () => {
  const base = [rec('theme', 'dark', 4), rec('lang', 'en', 2), rec('gone', undefined, 3)];

  it('derives rows: staged value shown, removal keeps the old value, tombstones only when toggled', () => {
    let s = run(loaded(base), put('theme', 'light'), { type: 'dataset', action: { type: 'remove', key: 'lang' } });
    assert.deepEqual(R.recordRows(s).map((r) => [r.id, r.value]), [['lang', 'en'], ['theme', 'light']]);
    assert.equal(R.markerOf(s, 'theme'), 'M');
    assert.equal(R.markerOf(s, 'lang'), '-');
    s = run(s, { type: 'toggleTombstones' });
    assert.deepEqual(R.recordRows(s).map((r) => r.id), ['gone', 'lang', 'theme']);
    s = run(s, put('gone', 'back'));
    assert.equal(R.markerOf(s, 'gone'), '+');
    assert.deepEqual(R.stagedTally({ a: s }), { modified: 1, added: 1, removed: 1 });
  });

  it('undo and redo go through the engine', () => {
    let s = run(loaded(base), put('theme', 'light'), put('lang', 'fr'));
    s = run(s, { type: 'dataset', action: { type: 'undo' } });
    assert.deepEqual([...s.dataset.staged.keys()], ['theme']);
    s = run(s, { type: 'dataset', action: { type: 'redo' } });
    assert.deepEqual([...s.dataset.staged.keys()].sort(), ['lang', 'theme']);
  });

  it('a refresh keeps staged edits and flags what changed on the server', () => {
    let s = run(loaded(base), put('theme', 'light'));
    s = run(s, { type: 'refreshed', listing: { records: [rec('theme', 'blue', 6), rec('lang', 'en', 2), rec('gone', undefined, 3), rec('new', 'x', 6)], syncCount: 6, exists: true } });
    assert.equal(s.dataset.staged.get('theme')?.op.kind, 'replace');
    assert.deepEqual([...s.changedRemotely].sort(), ['new', 'theme']);
    assert.deepEqual([...R.driftedKeys(s)], ['theme']);
    assert.equal(R.markerOf(s, 'new'), '•');
    assert.equal(R.markerOf(s, 'theme'), 'M', 'a staged key keeps its marker');
  });

  it('later pages are merged into the base; the first page replaces it', () => {
    let s = R.recordsReducer(R.emptyRecords(), { type: 'page', first: true, nextToken: 't', listing: { records: [rec('a', '1', 1)], syncCount: 3, exists: true } });
    assert.equal(s.nextToken, 't');
    s = run(s, { type: 'page', first: false, listing: { records: [rec('b', '2', 3)], syncCount: 3, exists: true } });
    assert.deepEqual(R.recordRows(s).map((r) => r.id), ['a', 'b']);
    assert.equal(s.nextToken, undefined);
  });

  it('classifies write actions (refused on read-only connections)', () => {
    assert.equal(R.isWriteAction(put('a', 'b')), true);
    assert.equal(R.isWriteAction({ type: 'editor', editor: E.openAdd() }), true);
    assert.equal(R.isWriteAction({ type: 'editor', editor: null }), false);
    assert.equal(R.isWriteAction({ type: 'toggleTombstones' }), false);
  });
});

describe('record editor', () => {
  const s = loaded([rec('theme', 'dark', 4), rec('gone', undefined, 3)]);

  it('validates a new key as typed: empty, too long, live duplicate; a tombstoned key is fine', () => {
    assert.match(E.addKeyIssues(s, '')[0].message, /must not be empty/);
    assert.match(E.addKeyIssues(s, 'k'.repeat(1025))[0].message, /limit is 1,024/);
    assert.match(E.addKeyIssues(s, 'theme')[0].message, /already exists/);
    assert.deepEqual(E.addKeyIssues(s, 'gone'), []);
    assert.equal(E.addKeyIssues(s, 'é'.repeat(70))[0].severity, 'warning');
  });

  it('submits what Enter stages, or refuses with the reason', () => {
    const add: R.RecordEditor = { kind: 'add', key: { text: 'theme', cursor: 5 }, value: { text: '', cursor: 0 }, focus: 'key' };
    assert.deepEqual(E.submission(s, add), { ok: false, message: 'Key "theme" already exists: press e on it to edit' });
    const edit = E.openEdit(s, 'theme');
    assert.equal(edit.kind === 'edit' && edit.field.text, 'dark');
    assert.deepEqual(E.submission(s, edit), { ok: true, key: 'theme', value: 'dark' });
    assert.equal(E.switchField(E.openAdd()).kind === 'add' && (E.switchField(E.openAdd()) as { focus: string }).focus, 'value');
  });
});

describe('review model', () => {
  const s = run(
    loaded([rec('theme', 'dark', 4), rec('settings', '{"a":1,"b":2}', 2), rec('old', 'x', 1), rec('gone', undefined, 3)]),
    put('theme', 'light'),
    put('settings', '{"a":1,"b":3}'),
    { type: 'dataset', action: { type: 'remove', key: 'old' } },
    put('gone', 'again'),
    put('new', ''),
  );

  it('lists every patch by key with old → new and the SyncCount it carries', () => {
    const items = reviewItems(s);
    assert.deepEqual(items.map((i) => [i.key, i.op, i.state, i.baseSyncCount]), [
      ['gone', 'replace', 'readded', 3],
      ['new', 'replace', 'added', 0],
      ['old', 'remove', 'removed', 1],
      ['settings', 'replace', 'modified', 2],
      ['theme', 'replace', 'modified', 4],
    ]);
    assert.equal(reviewLines(items[4], 80)[0].text, 'M theme  sc 4  "dark" → "light"');
    assert.equal(reviewLines(items[2], 80)[0].text, '- old  sc 1  "x" → (removed)');
    assert.equal(reviewLines(items[1], 80)[0].text, '+ new  sc 0  (new) → ""');
    const json = reviewLines(items[3], 80).map((l) => `${l.kind}|${l.text}`);
    assert.ok(json.includes('del|    -   "b": 2'), json.join('\n'));
    assert.ok(json.includes('add|    +   "b": 3'), json.join('\n'));
  });

  it('reports limit errors before anything is sent', () => {
    const big = run(s, put('huge', 'x'.repeat(1_048_576)));
    assert.match(reviewReport(big).errors.map((e) => e.message).join(';'), /limit/);
    assert.equal(reviewReport(s).errors.length, 0);
  });

  it('scrolls by items so the selection stays on screen', () => {
    const h = () => 3;
    assert.equal(reviewTop(0, 0, 10, h), 0);
    assert.equal(reviewTop(0, 3, 10, h), 1);
    assert.equal(reviewTop(2, 1, 10, h), 1);
    assert.equal(reviewTop(1, 2, 10, h), 1);
  });
});

describe('detail pane', () => {
  it('an empty value says so (the table shows ""), where a tombstone and a missing key say other things', async () => {
    const { detailLines } = await import('../../src/ui/state/detail.js');
    const s = loaded([rec('blank', '', 2), rec('gone', undefined, 3), rec('full', 'text', 1)]);
    const texts = (key: string) => detailLines(s, key, 60, 10).map((l) => l.text);
    assert.ok(texts('blank').includes('"" (empty value)'), texts('blank').join('\n'));
    assert.ok(!texts('gone').includes('"" (empty value)'));
    assert.ok(texts('gone').some((t) => t.startsWith('removed on the server')));
    assert.ok(texts('full').includes('text'));
  });
});

describe('unfinished edits (kept in drafts)', () => {
  it('an open edit counts only once its text differs from what it opened with; an add form once anything is typed', async () => {
    const { unfinishedOf } = await import('../../src/ui/state/draft-keys.js');
    const { pendingWork } = await import('../../src/ui/components/QuitDialog.js');
    const { textField } = await import('../../src/ui/state/text-field.js');
    const s = run(loaded([rec('theme', 'dark', 4)]), put('theme', 'light'));
    const opened = E.openEdit(s, 'theme');
    assert.equal(unfinishedOf({ ...s, editor: opened }), undefined, 'opened with the staged value, unchanged');
    assert.deepEqual(unfinishedOf({ ...s, editor: opened.kind === 'edit' ? { ...opened, field: textField('lig') } : opened }), { kind: 'edit', key: 'theme', text: 'lig' });
    const add = E.openAdd();
    assert.equal(unfinishedOf({ ...s, editor: add }), undefined);
    assert.deepEqual(unfinishedOf({ ...s, editor: add.kind === 'add' ? { ...add, value: textField('v') } : add }), { kind: 'add', key: '', value: 'v' });
    assert.equal(pendingWork(2, 0), '2 staged changes');
    assert.equal(pendingWork(0, 1), 'an unfinished edit');
    assert.equal(pendingWork(1, 1), '1 staged change and an unfinished edit');
  });
});
