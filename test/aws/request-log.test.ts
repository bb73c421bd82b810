import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OPERATION_KEY } from '../../src/aws/errors.js';
import { RequestLog, formatEntry, requestLogMiddleware, type RequestLogEvent } from '../../src/aws/request-log.js';

const ok = (output: object) => async () => ({ output: { $metadata: { httpStatusCode: 200, requestId: 'req-ok-1234', attempts: 1 }, ...output } });

test('the ring buffer keeps the newest entries; subscribe sees start and end; inFlight counts', async () => {
  const log = new RequestLog({ capacity: 2 });
  const events: RequestLogEvent[] = [];
  const inFlightAtEvents: number[] = [];
  const unsubscribe = log.subscribe((event, l) => {
    events.push(event);
    inFlightAtEvents.push(l.inFlight);
  });
  for (let i = 1; i <= 3; i++) {
    const entry = log.start({ service: 'cognito-sync', operation: `Op${i}`, params: {} });
    assert.equal(log.inFlight, 1);
    log.end(entry, { state: 'ok', httpStatus: 200, durationMs: 1 });
  }
  assert.equal(log.inFlight, 0);
  assert.deepEqual(log.entries().map((e) => e.operation), ['Op2', 'Op3']);
  assert.deepEqual(events.map((e) => `${e.type}:${e.entry.operation}`), ['start:Op1', 'end:Op1', 'start:Op2', 'end:Op2', 'start:Op3', 'end:Op3']);
  assert.deepEqual(inFlightAtEvents, [1, 0, 1, 0, 1, 0]);
  unsubscribe();
  log.end(log.start({ service: 's', operation: 'Op4', params: {} }), { state: 'ok' });
  assert.equal(events.length, 6, 'no events after unsubscribe');
  // a throwing subscriber does not break logging
  log.subscribe(() => {
    throw new Error('ui bug');
  });
  log.end(log.start({ service: 's', operation: 'Op5', params: {} }), { state: 'ok' });
  assert.equal(log.entries().at(-1)?.state, 'ok');
});

test('middleware: success records status, request id, sync counts, redacted params', async () => {
  const log = new RequestLog();
  const mw = requestLogMiddleware(log, { service: 'cognito-sync', connection: 'local', endpoint: 'http://127.0.0.1:1' });
  const records = [3, 1, 2, 3].map((n, i) => ({ Key: `k${i}`, SyncCount: n }));
  const handler = mw(ok({ DatasetSyncCount: 3, Records: records }), { commandName: 'ListRecordsCommand' });
  await handler({ input: { IdentityPoolId: 'p', SyncSessionToken: 'a'.repeat(100), Logins: { x: 'secret-login-token' } } });
  const [entry] = log.entries();
  assert.equal(entry.operation, 'ListRecords');
  assert.equal(entry.service, 'cognito-sync');
  assert.equal(entry.connection, 'local');
  assert.equal(entry.state, 'ok');
  assert.equal(entry.httpStatus, 200);
  assert.equal(entry.requestId, 'req-ok-1234');
  assert.equal(entry.datasetSyncCount, 3);
  assert.deepEqual(entry.recordSyncCounts, [1, 2, 3]);
  assert.ok(typeof entry.durationMs === 'number' && entry.durationMs >= 0);
  assert.deepEqual(entry.params, { IdentityPoolId: 'p', SyncSessionToken: 'aaaaaaaa…(100 chars)', Logins: '***' });
});

test('middleware: many record counts keep both ends of the range', async () => {
  const log = new RequestLog();
  const records = Array.from({ length: 100 }, (_, i) => ({ Key: `k${i}`, SyncCount: i + 1 }));
  await requestLogMiddleware(log, { service: 'cognito-sync' })(ok({ Records: records }), { commandName: 'ListRecordsCommand' })({ input: {} });
  const counts = log.entries()[0].recordSyncCounts ?? [];
  assert.equal(counts.length, 20);
  assert.equal(counts[0], 1);
  assert.equal(counts.at(-1), 100);
});

test('middleware: errors are logged with code and status, annotated with the operation, and rethrown', async () => {
  const log = new RequestLog();
  const failure = Object.assign(new Error('Current SyncCount for: a is: 5 not: 4'), {
    name: 'ResourceConflictException',
    $metadata: { httpStatusCode: 409, requestId: 'req-409' },
  });
  const handler = requestLogMiddleware(log, { service: 'cognito-sync', endpoint: 'http://127.0.0.1:1' })(
    async () => {
      throw failure;
    },
    { commandName: 'UpdateRecordsCommand' },
  );
  await assert.rejects(handler({ input: {} }), (e) => e === failure);
  assert.equal((failure as unknown as Record<symbol, unknown>)[OPERATION_KEY], 'UpdateRecords');
  const [entry] = log.entries();
  assert.equal(entry.state, 'error');
  assert.equal(entry.errorCode, 'ResourceConflictException');
  assert.equal(entry.httpStatus, 409);
  assert.equal(entry.requestId, 'req-409');
  assert.equal(log.inFlight, 0);
  assert.match(formatEntry(entry), /cognito-sync UpdateRecords 409 ResourceConflictException .*ms req req-409…/);
});

test('file sink writes JSONL (mode 0600) and debug sink writes one line per call', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cogsync-log-'));
  try {
    const file = join(dir, 'calls.jsonl');
    const log = new RequestLog();
    const lines: string[] = [];
    log.setFileSink(file);
    log.setDebug(true, (line) => lines.push(line));
    const mw = requestLogMiddleware(log, { service: 'cognito-identity' });
    await mw(ok({}), { commandName: 'ListIdentityPoolsCommand' })({ input: { MaxResults: 1 } });
    await mw(ok({}), { commandName: 'GetIdCommand' })({ input: { IdentityPoolId: 'p' } });
    log.setFileSink(undefined);
    log.setDebug(false);
    await mw(ok({}), { commandName: 'GetIdCommand' })({ input: {} });
    const written = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(written.map((e) => e.operation), ['ListIdentityPools', 'GetId']);
    assert.deepEqual(written[0].params, { MaxResults: 1 });
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(lines.length, 2);
    assert.match(lines[0], /^\[cogsync\] \d\d:\d\d:\d\d\.\d{3} cognito-identity ListIdentityPools 200 /);
    assert.throws(() => log.setFileSink(join(dir, 'missing', 'x.jsonl')), /ENOENT/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
