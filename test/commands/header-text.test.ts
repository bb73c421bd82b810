// Header members (--client-context → x-amz-Client-Context): sent as UTF-8 bytes, shown by --debug as a user reads
// them. Pure functions; the round trip through the SDK and the local server is in operations.test.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeHeaderValue, headerNames, utf8Bytes } from '../../src/commands/header-text.js';
import { getOperation, inputShape } from '../../src/commands/model/service-model.js';

test('the header members of an operation, by their HTTP names', () => {
  assert.deepEqual(headerNames(inputShape(getOperation('UpdateRecords'))), ['x-amz-Client-Context']);
  assert.deepEqual(headerNames(inputShape(getOperation('ListRecords'))), []);
});

test('utf8Bytes: each UTF-8 byte as one character; ASCII unchanged', () => {
  assert.equal(utf8Bytes('plain ascii'), 'plain ascii');
  assert.equal(utf8Bytes('é😀'), '\u00c3\u00a9\u00f0\u009f\u0098\u0080');
  assert.equal(Buffer.from(utf8Bytes('é😀'), 'latin1').toString('utf8'), 'é😀');
});

test('describeHeaderValue: text as typed, base64 with its JSON, never a control character', () => {
  assert.equal(describeHeaderValue('ctx with spaces'), 'ctx with spaces');
  assert.equal(describeHeaderValue('{"client":{"installation_id":"é😀"}}'), '{"client":{"installation_id":"é😀"}} (sent as its UTF-8 bytes)');
  assert.equal(describeHeaderValue('abcd'), 'abcd', 'base64-looking text that is no JSON is shown as it is');
  assert.equal(describeHeaderValue(Buffer.from([0xff, 0xfe, 0x7b]).toString('base64')), '//57', 'bytes that are not UTF-8');
  const encoded = Buffer.from('{"a":"\u202e\u009b",\r\n"b":1}').toString('base64');
  assert.equal(describeHeaderValue(encoded), `${encoded} (base64 of {"a":"\\u202e\\x9b",\\r\\n"b":1})`);
  assert.equal(describeHeaderValue(Buffer.from('"x"').toString('base64url')), 'Ingi (base64 of "x")');
  const long = describeHeaderValue(Buffer.from(JSON.stringify({ v: 'x'.repeat(5000) })).toString('base64'));
  assert.ok(long.length < 2000 && /…\(\+\d+ chars\) \(base64 of \{"v":"x+…\(\+\d+ chars\)\)$/.test(long), long);
});
