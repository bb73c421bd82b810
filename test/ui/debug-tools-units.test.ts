// The debugging and demo tools' pure parts: inspector text, the sync timeline, merged dataset
// names and comparison, the second device's values and refusals, editor flags.
import { compareCell } from '../../src/ui/components/MergedCompareDialog.js';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RequestLogEntry } from '../../src/aws/request-log.js';
import { RequestLog, requestLogMiddleware } from '../../src/aws/request-log.js';
import type { JournalEntry } from '../../src/config/journal.js';
import { countsText, inspectorDetail, inspectorLine, paramsSummary, selectedIndex, statusText } from '../../src/ui/inspector/inspector-view.js';
import { buildTimeline, pointSummary } from '../../src/ui/timeline/timeline.js';
import { compareRecords, parseMergedName, stageableRows } from '../../src/ui/merged/merged-compare.js';
import { mergedBanner } from '../../src/ui/merged/merged-banner.js';
import { demoRefusal, demoValue, DEMO_DEVICE_ID } from '../../src/ui/demo/demo-device.js';
import { editorOptionsFromFlags, parseWatchInterval } from '../../src/ui/editor-flags.js';
import { initialWatch, watchReducer, datasetWatch } from '../../src/ui/watch/watch-state.js';

const P = 'us-east-1:de300000-0000-4000-8000-000000000001';
const I = 'us-east-1:de300000-0000-4000-8000-00000000a11c';

function entry(fields: Partial<RequestLogEntry>): RequestLogEntry {
  return { id: 1, time: '2025-01-02T03:04:05.678Z', service: 'cognito-sync', operation: 'ListRecords', params: {}, state: 'ok', ...fields };
}

test('inspector lines: key parameters, status, counts seen or written', () => {
  const list = entry({
    params: { IdentityPoolId: P, IdentityId: I, DatasetName: 'profile', LastSyncCount: 4 },
    httpStatus: 200, durationMs: 12.4, requestId: '3f2a9c1e-0000-4000-8000-000000000000', datasetSyncCount: 7, recordSyncCounts: [5, 6, 7],
  });
  assert.equal(paramsSummary(list), 'profile · id …a11c · since 4');
  assert.equal(countsText(list), 'seen 7 · 5–7');
  const line = inspectorLine(list);
  assert.equal(line.status, '200');
  assert.equal(line.duration, '12ms');
  assert.equal(line.requestId, '3f2a9c1e…');
  assert.match(line.time, /^\d\d:\d\d:\d\d\.678$/);
  const update = entry({ operation: 'UpdateRecords', params: { DatasetName: 'p', RecordPatches: [{}, {}], DeviceId: 'dev' }, recordSyncCounts: [8] });
  assert.equal(countsText(update), 'wrote 8');
  assert.equal(paramsSummary(update), 'p · 2 patches · device dev');
  const failed = entry({ state: 'error', httpStatus: 409, errorCode: 'ResourceConflictException', errorMessage: 'Current SyncCount for: k is: 2 not: 1' });
  assert.equal(statusText(failed), '409 ResourceConflictException');
  assert.equal(inspectorLine(failed).failed, true);
  assert.equal(statusText(entry({ state: 'in-flight' })), '… in flight');
  assert.ok(inspectorDetail(failed).some((l) => l === 'error ResourceConflictException: Current SyncCount for: k is: 2 not: 1'));
  const detail = inspectorDetail({ ...list, response: { Records: [{ Key: 'a', Value: 'b' }] } });
  assert.equal(detail[0], 'ListRecords · cognito-sync · AWS regional endpoint');
  const responseAt = detail.indexOf('Response');
  assert.ok(responseAt > detail.indexOf('Request'));
  assert.ok(detail.slice(responseAt).some((l) => l.includes('"Key": "a"')));
  const entries = [entry({ id: 3 }), entry({ id: 2 }), entry({ id: 1 })];
  assert.equal(selectedIndex(entries, undefined), 0);
  assert.equal(selectedIndex(entries, 1), 2);
  assert.equal(selectedIndex(entries, 99), 0);
});

test('the request log keeps responses without secrets (the SDK filter, then redaction and cutting)', async () => {
  const log = new RequestLog();
  const mw = requestLogMiddleware(log, { service: 'cognito-identity' });
  const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY';
  const handler = mw(async () => ({
    output: { $metadata: { httpStatusCode: 200, requestId: 'r1' }, IdentityId: I, Credentials: { AccessKeyId: 'AKIA1', SecretKey: secret, SessionToken: 'tok'.repeat(20) }, Long: 'x'.repeat(5000) },
  }), { commandName: 'GetCredentialsForIdentityCommand' });
  await handler({ input: { IdentityId: I } });
  const [logged] = log.entries();
  const text = JSON.stringify(logged);
  assert.ok(!text.includes(secret), 'no secret key');
  assert.ok(!text.includes('$metadata'));
  const response = logged.response as Record<string, unknown>;
  assert.equal(response.IdentityId, I);
  assert.equal(response.Credentials, '***');
  assert.ok(String(response.Long).length < 400, 'long values are cut');
});

test('timeline: counts newest first, devices and keys from the listing, the watch, the journal and the request log', () => {
  const address = { connection: 'local', identityPoolId: P, identityId: I, datasetName: 'profile' };
  let watch = initialWatch();
  // The watch saw count 5 (theme by phone), later overwritten by count 6 (theme by tablet).
  watch = watchReducer(watch, { type: 'observed', recordsKey: 'k', at: Date.parse('2025-01-02T10:00:00Z'), datasetSyncCount: 5, records: [{ key: 'theme', value: 'dark', syncCount: 5, lastModifiedBy: 'phone' }] });
  const journal: JournalEntry[] = [
    { time: '2025-01-02T09:00:00Z', connection: 'local', identityPoolId: P, identityId: I, datasetName: 'profile', requestId: 'abcdef12-0000', syncCountBefore: 2, syncCountAfter: 3, changes: [{ key: 'lang', op: 'remove', before: { syncCount: 1, value: 'fr' }, after: { syncCount: 3 } }] },
    { time: '2025-01-02T09:00:00Z', connection: 'local', identityPoolId: P, identityId: I, datasetName: 'other', syncCountBefore: 0, syncCountAfter: 9, changes: [{ key: 'x', op: 'replace', after: { syncCount: 9, value: '1' } }] },
  ];
  const requests: RequestLogEntry[] = [
    entry({ id: 1, time: '2025-01-02T08:00:00Z', params: { IdentityPoolId: P, IdentityId: I, DatasetName: 'profile' }, connection: 'local', datasetSyncCount: 4 }),
    entry({ id: 2, time: '2025-01-02T08:30:00Z', params: { IdentityPoolId: P, IdentityId: I, DatasetName: 'profile' }, connection: 'local', datasetSyncCount: 4 }),
    entry({ id: 3, time: '2025-01-02T08:00:00Z', params: { IdentityPoolId: P, IdentityId: I, DatasetName: 'elsewhere' }, connection: 'local', datasetSyncCount: 40 }),
  ];
  const t = buildTimeline({
    address,
    records: [
      { key: 'theme', value: 'light', syncCount: 6, lastModifiedBy: 'tablet', lastModifiedDate: Date.parse('2025-01-02T11:00:00Z') },
      { key: 'lang', syncCount: 3, lastModifiedBy: 'cogsync-user' },
      { key: 'name', value: 'A', syncCount: 1, lastModifiedBy: 'phone' },
    ],
    currentCount: 6,
    watch: datasetWatch(watch, 'k'),
    journal,
    requests,
  });
  assert.deepEqual(t.points.map((p) => p.syncCount), [6, 5, 4, 3, 1]);
  const [six, five, four, three] = t.points;
  assert.deepEqual(six.devices, ['tablet']);
  assert.deepEqual(five.keys, [{ key: 'theme', removed: false }]);
  assert.deepEqual(five.sources, ['watch']);
  assert.deepEqual(three.keys, [{ key: 'lang', removed: true }]);
  assert.deepEqual(three.devices, ['cogsync (local)', 'cogsync-user']);
  assert.ok(three.notes.some((n) => n.startsWith('committed by cogsync · req abcdef12')));
  assert.equal(four.keys.length, 0);
  assert.equal(four.notes.filter((n) => n.startsWith('first seen')).length, 1, 'one first-seen note per count');
  assert.match(pointSummary(three), /^sc 3 {2}\d\d:\d\d:\d\d {2}cogsync \(local\), cogsync-user {2}-lang$/);
  assert.match(pointSummary(four), /\(keys unknown\)$/);
});

test('merged datasets: names, comparison, what can be staged, the banner', () => {
  assert.deepEqual(parseMergedName(`profile.${I}`), { main: 'profile', sourceIdentityId: I });
  assert.deepEqual(parseMergedName(`a.b.${I}`), { main: 'a.b', sourceIdentityId: I });
  assert.equal(parseMergedName('profile'), undefined);
  assert.equal(parseMergedName('v1.2'), undefined);
  const rows = compareRecords(
    [{ key: 'same', value: '1', syncCount: 1 }, { key: 'diff', value: 'new', syncCount: 1 }, { key: 'only', value: '', syncCount: 1 }, { key: 'gone', syncCount: 1 }],
    [{ key: 'same', value: '1', syncCount: 4 }, { key: 'diff', value: 'old', syncCount: 4 }, { key: 'mine', value: 'x', syncCount: 2 }],
  );
  assert.deepEqual(rows.map((r) => [r.key, r.state]), [['diff', 'differs'], ['only', 'onlyMerged'], ['mine', 'onlyMain'], ['same', 'same']]);
  assert.deepEqual(stageableRows(rows).map((r) => r.key), ['diff', 'only']);
  // Staged edits of the main dataset stand in for its server values.
  const staged = new Map<string, string | undefined>([['diff', 'new'], ['same', 'edited'], ['mine', undefined], ['added', 'a']]);
  const withStaged = compareRecords(
    [{ key: 'same', value: '1', syncCount: 1 }, { key: 'diff', value: 'new', syncCount: 1 }],
    [{ key: 'same', value: '1', syncCount: 4 }, { key: 'diff', value: 'old', syncCount: 4 }, { key: 'mine', value: 'x', syncCount: 2 }],
    staged,
  );
  assert.deepEqual(
    withStaged.map((r) => [r.key, r.state, r.main, r.mainStaged]),
    [['same', 'differs', 'edited', true], ['added', 'onlyMain', 'a', true], ['diff', 'same', 'new', true]],
    'a staged remove of a main-only key leaves no row; a staged value equal to the merged one is "same"',
  );
  assert.deepEqual(stageableRows(withStaged).map((r) => r.key), ['same']);
  assert.equal(mergedBanner([{ kind: 'dataset', id: 'profile' }]), undefined);
  assert.equal(mergedBanner([{ kind: 'dataset', id: `profile.${I}` }]), 'm profile.…a11c merged in from another identity · Enter opens · C compares with profile · d deletes');
  assert.match(mergedBanner([{ kind: 'dataset', id: `a.${I}` }, { kind: 'dataset', id: `b.${I}` }])!, /^m 2 datasets were merged in from other identities/);
});

test('the second device: values it writes, and refusal off local connections', () => {
  const now = new Date(2025, 0, 2, 12, 1, 2);
  assert.equal(demoValue('41', now), '42');
  assert.equal(demoValue('true', now), 'false');
  assert.equal(demoValue('dark', now), `dark (${DEMO_DEVICE_ID} 12:01:02)`);
  assert.equal(demoValue(`dark (${DEMO_DEVICE_ID} 11:00:00)`, now), `dark (${DEMO_DEVICE_ID} 12:01:02)`, 'no growth on repeats');
  assert.equal(demoValue(undefined, now), `written by ${DEMO_DEVICE_ID} at 12:01:02`);
  const json = JSON.parse(demoValue('{"theme":"dark"}', now)) as Record<string, unknown>;
  assert.equal(json.theme, 'dark');
  assert.equal(json.editedBy, DEMO_DEVICE_ID);
  assert.equal(demoValue('{not json', now), `{not json (${DEMO_DEVICE_ID} 12:01:02)`);
  const base = { region: 'us-east-1', readOnly: false };
  assert.equal(demoRefusal({ ...base, name: 'local', kind: 'local', endpoint: 'http://127.0.0.1:1' }), undefined);
  assert.equal(demoRefusal({ ...base, name: 'endpoint', kind: 'aws', endpoint: 'http://localhost:4567' }), undefined);
  assert.match(demoRefusal({ ...base, name: 'prod', kind: 'aws' })!, /^Disabled: demo tools write only to a local server; prod is AWS/);
  assert.match(demoRefusal({ ...base, name: 'x', kind: 'aws', endpoint: 'https://cognito-sync.example.com' })!, /Disabled/);
  assert.match(demoRefusal(null)!, /need a connection/);
  assert.equal(demoRefusal({ ...base, readOnly: true, name: 'local', kind: 'local', endpoint: 'http://127.0.0.1:1' }), 'Disabled: connection local is read-only (:rw to allow writes)');
  assert.match(demoRefusal({ ...base, readOnly: true, lockedReadOnly: true, name: 'local', kind: 'local' })!, /started with --readonly/);
});

test('editor flags: --watch, --watch-interval and --log', () => {
  assert.deepEqual(parseWatchInterval('2'), { ms: 2000 });
  assert.deepEqual(parseWatchInterval('0.25'), { ms: 250 });
  for (const bad of ['0', '-1', 'abc', '', '0.05', 'Infinity']) assert.ok('error' in parseWatchInterval(bad), bad);
  const on = editorOptionsFromFlags({ watch: true, watchInterval: '1.5', log: '/tmp/x.jsonl' });
  assert.ok('options' in on);
  assert.deepEqual(on.options.watch, { enabled: true, intervalMs: 1500 });
  assert.equal(on.options.log, '/tmp/x.jsonl');
  const intervalOnly = editorOptionsFromFlags({ watchInterval: '3' });
  assert.ok('options' in intervalOnly);
  assert.deepEqual(intervalOnly.options.watch, { enabled: false, intervalMs: 3000 });
  const none = editorOptionsFromFlags({});
  assert.ok('options' in none && none.options.watch === undefined && none.options.log === undefined);
  const bad = editorOptionsFromFlags({ watch: true, watchInterval: 'soon' });
  assert.ok('error' in bad);
  assert.match(bad.error, /--watch-interval must be a number of seconds/);
});

test('row markers: R for a key changed remotely since opened; staged markers win', async () => {
  const { watchedMarker } = await import('../../src/ui/watch/row-marker.js');
  let w = initialWatch();
  w = watchReducer(w, { type: 'observed', recordsKey: 'k', at: 1, datasetSyncCount: 2, records: [{ key: 'a', value: '1', syncCount: 2 }, { key: 'b', value: '2', syncCount: 2 }] });
  const remote = datasetWatch(w, 'k');
  assert.equal(watchedMarker(' ', 'a', remote), 'R');
  assert.equal(watchedMarker('•', 'a', remote), 'R');
  assert.equal(watchedMarker('M', 'b', remote), 'M');
  assert.equal(watchedMarker('-', 'b', remote), '-');
  assert.equal(watchedMarker(' ', 'c', remote), ' ');
  assert.equal(watchedMarker('•', 'c', remote), '•');
});

test('D on a non-local connection is refused in the action layer: a notice, and no request', async () => {
  const { createDebugTools } = await import('../../src/ui/debug-tools.js');
  const { initialState } = await import('../../src/ui/state/app-reducer.js');
  const log = new RequestLog();
  const state = initialState({ connection: { name: 'prod', kind: 'aws', region: 'eu-west-1', readOnly: false }, terminalRows: 24, deepLink: { pool: P, identity: I, dataset: 'profile' } });
  const dispatched: unknown[] = [];
  let connects = 0;
  const tools = createDebugTools({
    getState: () => state,
    dispatch: (a) => void dispatched.push(a),
    connector: { requestLog: log, list: () => [], connect: async () => { connects++; throw new Error('must not connect'); }, close: async () => undefined },
    toast: () => undefined,
    loadRecords: async () => undefined,
    refresh: () => undefined,
  });
  await tools.demoWrite();
  assert.equal(connects, 0);
  assert.equal(log.entries().length, 0);
  assert.deepEqual(dispatched, [{ type: 'notice/set', text: 'Disabled: demo tools write only to a local server; prod is AWS (use the local connection or cogsync serve)' }]);
  tools.close();
});

test('merged compare cells: quoted, control characters escaped once as in the records table', () => {
  assert.equal(compareCell('\u001b[31mALERT', 40), '"\\e[31mALERT"');
  assert.equal(compareCell('a\nb', 40), '"a\\nb"');
  assert.equal(compareCell('', 40), '""');
  assert.equal(compareCell(undefined, 40), '–');
});

test('watch: a dataset listed again from 0 forgets what was seen of it (the timeline and R markers), the others keep theirs', () => {
  let w = initialWatch();
  w = watchReducer(w, { type: 'observed', recordsKey: 'k', at: 1, datasetSyncCount: 4, records: [{ key: 'a', value: '1', syncCount: 4 }] });
  w = watchReducer(w, { type: 'observed', recordsKey: 'other', at: 1, datasetSyncCount: 2, records: [{ key: 'b', value: '2', syncCount: 2 }] });
  w = watchReducer(w, { type: 'forget', recordsKey: 'k' });
  assert.equal(datasetWatch(w, 'k').batches.length, 0);
  assert.equal(datasetWatch(w, 'k').changed.size, 0);
  assert.equal(datasetWatch(w, 'other').batches.length, 1);
  assert.equal(watchReducer(w, { type: 'forget', recordsKey: 'k' }), w, 'nothing to forget: unchanged');
});
