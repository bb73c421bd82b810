import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromSdkRecord, isSessionTokenError, isStaleSyncCount } from '../../src/session/remote-dataset.js';

test('which errors are a stale SyncCount (409, or the 400 variant) and which a token error', () => {
  const rows: Array<[string, string, boolean, boolean]> = [
    ['ResourceConflictException', 'Current SyncCount for: k is: 5 not: 4', true, false],
    ['ResourceConflictException', 'anything', true, false],
    ['InvalidParameterException', 'Current SyncCount for: k is: 5 not: 4', true, false],
    ['InvalidParameterException', 'SyncSessionToken not valid for these inputs', false, true],
    ['InvalidParameterException', 'SyncSessionToken has expired', false, true],
    ['InvalidParameterException', 'No such SyncCount: 9 exists for this Dataset', false, false],
    ['LimitExceededException', 'Too many records in dataset d: 1025 exceeds the limit of 1024', false, false],
    ['InternalErrorException', 'Current SyncCount for: k is: 5 not: 4', false, false],
  ];
  for (const [code, message, stale, token] of rows) {
    assert.equal(isStaleSyncCount({ code, message }), stale, `${code}: ${message}`);
    assert.equal(isSessionTokenError({ code, message }), token, `${code}: ${message}`);
  }
});

test('SDK records: a missing Value is a tombstone, "" stays a value', () => {
  const when = new Date(1_700_000_000_123);
  assert.deepEqual(fromSdkRecord({ Key: 'k', Value: '', SyncCount: 3, LastModifiedDate: when, LastModifiedBy: 'dev' }), {
    key: 'k',
    value: '',
    syncCount: 3,
    lastModifiedDate: when,
    lastModifiedBy: 'dev',
  });
  const tomb = fromSdkRecord({ Key: 'gone', SyncCount: 4 });
  assert.deepEqual(tomb, { key: 'gone', syncCount: 4 });
  assert.equal('value' in tomb, false);
});
