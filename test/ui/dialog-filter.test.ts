// The `/` filter of the request inspector, the history and the sync timeline (pure parts):
// the same filter as the screens (filter.ts) over each dialog's rows, the selection kept on a
// visible row, and the timeline's times with a date when they are not all today.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { editFilter, filterListEdit, keepOnVisible, moveAmongVisible, visibleRows } from '../../src/ui/state/dialog-filter.js';
import { EMPTY_FILTER } from '../../src/ui/state/filter.js';
import { inspectorFilterText } from '../../src/ui/inspector/inspector-view.js';
import { historyFilterText } from '../../src/ui/history-view.js';
import { buildTimeline, pointFilterText, pointSummary, timelineTime, timelineTimes, type TimelinePoint } from '../../src/ui/timeline/timeline.js';
import type { RequestLogEntry } from '../../src/aws/request-log.js';
import type { JournalEntry } from '../../src/config/journal.js';

const noKey = { upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false } as Parameters<typeof editFilter>[1] extends { key: infer K } ? K : never;

describe('dialog filter', () => {
  it('has the keys of the screens: / starts, text edits, Enter keeps, Esc clears, then Esc closes', () => {
    let r = editFilter(undefined, { type: 'start' });
    assert.deepEqual(r, { filter: { query: '', editing: true }, consumed: true });
    r = editFilter(r.filter, { type: 'edit', input: 'Upd', key: noKey });
    assert.equal(r.filter.query, 'Upd');
    r = editFilter(r.filter, { type: 'backspace' });
    assert.equal(r.filter.query, 'Up');
    r = editFilter(r.filter, { type: 'commit' });
    assert.deepEqual({ q: r.filter.query, e: r.filter.editing }, { q: 'Up', e: false });
    r = editFilter(r.filter, { type: 'escape' });
    assert.deepEqual(r, { filter: EMPTY_FILTER, consumed: true });
    assert.equal(editFilter(r.filter, { type: 'escape' }).consumed, false, 'nothing to clear: the dialog closes');
    assert.equal(editFilter(undefined, { type: 'escape' }).consumed, false);
  });

  it('keeps the selection on a visible row and moves among visible rows only', () => {
    const visible = [1, 4, 6];
    assert.equal(keepOnVisible(visible, 4), 4);
    assert.equal(keepOnVisible(visible, 2), 4, 'the next visible row below');
    assert.equal(keepOnVisible(visible, 9), 6, 'else the last visible row');
    assert.equal(keepOnVisible([], 3), 3, 'nothing visible: unchanged');
    assert.equal(moveAmongVisible(visible, 1, 1), 4);
    assert.equal(moveAmongVisible(visible, 4, 5), 6);
    assert.equal(moveAmongVisible(visible, 6, -10), 1);
    assert.equal(moveAmongVisible(visible, 0, 1), 4, 'from a hidden row: one past the row it snaps to');
    const items = ['ListRecords', 'UpdateRecords', 'ListDatasets', 'UpdateRecords again'];
    const r = filterListEdit(items, (s) => s, { filter: { query: 'update', editing: true }, selected: 2 }, { type: 'edit', input: 'r', key: noKey });
    assert.ok(r.consumed);
    assert.deepEqual(r.visible, [1, 3]);
    assert.equal(r.selected, 3, 'the selected row (ListDatasets) is hidden: the next match is selected');
    assert.deepEqual(visibleRows(items, undefined, (s) => s), [0, 1, 2, 3]);
    assert.deepEqual(visibleRows(items, { query: 'LIST', editing: false }, (s) => s), [0, 2], 'case-insensitive');
  });

  it('matches what each row shows: the inspector line, the commit and its keys, the count and all its keys', () => {
    const call: RequestLogEntry = {
      id: 3, time: '2026-01-02T10:00:00.000Z', service: 'cognito-sync', operation: 'UpdateRecords', state: 'error', httpStatus: 409,
      errorCode: 'ResourceConflictException', params: { DatasetName: 'profile', IdentityId: 'us-east-1:abcd', RecordPatches: [{}] }, durationMs: 12,
    } as RequestLogEntry;
    const text = inspectorFilterText(call);
    for (const part of ['UpdateRecords', '409 ResourceConflictException', 'profile', '1 patch', '12ms']) assert.ok(text.includes(part), `${part} in ${text}`);
    const commit: JournalEntry = {
      time: '2026-01-02T10:00:00.000Z', connection: 'local', identityPoolId: 'p', identityId: 'i', datasetName: 'd', deviceId: 'laptop',
      syncCountBefore: 4, syncCountAfter: 5, requestId: 'abcdef12-3456', changes: [{ key: 'theme', op: 'replace', after: { syncCount: 5, value: 'x' } }],
    } as JournalEntry;
    const h = historyFilterText(commit);
    for (const part of ['1 change', 'sync 4 -> 5', 'req abcdef12', 'local', 'laptop', 'theme']) assert.ok(h.includes(part), `${part} in ${h}`);
    const many: TimelinePoint = { syncCount: 9, devices: ['tablet'], keys: Array.from({ length: 9 }, (_, i) => ({ key: `k${i}`, removed: i === 8 })), sources: ['listing'], notes: [] };
    assert.match(pointSummary(many), /\+3 more$/, 'the line has room for six keys');
    assert.match(pointFilterText(many), /sc 9 .*tablet .*k5, k6, k7, -k8$/, 'the filter sees every key');
  });
});

describe('timeline times', () => {
  const now = new Date(2026, 10, 26, 15, 0, 0).getTime();
  const todayMorning = new Date(2026, 10, 26, 9, 5, 7).getTime();
  const lastWeek = new Date(2026, 10, 19, 22, 1, 2).getTime();

  it('the clock alone while every time is today; the date on every row once one is not', () => {
    const today = timelineTimes([todayMorning, now], { now });
    assert.deepEqual(today, { format: 'local', withDate: false });
    assert.equal(timelineTime(today, todayMorning), '09:05:07');
    const spans = timelineTimes([todayMorning, lastWeek], { now });
    assert.equal(spans.withDate, true);
    assert.equal(timelineTime(spans, lastWeek), '2026-11-19 22:01:02', 'the date style of the editor (formatTime, seconds)');
    assert.equal(timelineTime(spans, todayMorning), '2026-11-26 09:05:07', 'today too, so the column lines up');
    const iso = timelineTimes([todayMorning], { now, dateFormat: 'iso' });
    assert.equal(timelineTime(iso, Date.UTC(2026, 0, 2, 3, 4, 5)), '2026-01-02T03:04:05Z', 'preferences.dateFormat iso');
  });

  it('buildTimeline writes its rows and notes in that style', () => {
    const address = { connection: 'local', identityPoolId: 'p', identityId: 'i', datasetName: 'd' };
    const t = buildTimeline({
      address, now, currentCount: 2,
      records: [
        { key: 'old', value: '1', syncCount: 1, lastModifiedBy: 'phone', lastModifiedDate: lastWeek },
        { key: 'new', value: '2', syncCount: 2, lastModifiedBy: 'tablet', lastModifiedDate: todayMorning },
      ],
      requests: [{ id: 1, time: new Date(todayMorning).toISOString(), service: 'cognito-sync', operation: 'ListRecords', state: 'ok', params: { IdentityPoolId: 'p', IdentityId: 'i', DatasetName: 'd' }, connection: 'local', datasetSyncCount: 2 } as RequestLogEntry],
    });
    assert.equal(t.times?.withDate, true);
    assert.equal(pointSummary(t.points[1], 6, t.times), 'sc 1  2026-11-19 22:01:02  phone  old');
    assert.equal(pointSummary(t.points[0], 6, t.times), 'sc 2  2026-11-26 09:05:07  tablet  new');
    assert.ok(t.points[0].notes.includes('first seen 2026-11-26 09:05:07 (ListRecords)'), t.points[0].notes.join(' | '));
    const todayOnly = buildTimeline({ address, now, currentCount: 2, records: [{ key: 'new', value: '2', syncCount: 2, lastModifiedBy: 'tablet', lastModifiedDate: todayMorning }] });
    assert.equal(pointSummary(todayOnly.points[0], 6, todayOnly.times), 'sc 2  09:05:07  tablet  new');
    assert.equal(pointSummary({ ...todayOnly.points[0], at: undefined }, 6, t.times), `sc 2  ${' '.repeat(19)}  tablet  new`, 'an unknown time keeps the column');
  });
});
