import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cutString, redactParams, redactText, rememberSecret, shortenHandle } from '../../src/aws/redact.js';

test('secret parameters are replaced, tokens shortened, record keys kept', () => {
  const token = 'eyJwb29sIjoidXMtZWFzdC0xOmFiYyIsImlkZW50aXR5IjoieHl6In0.c2lnbmF0dXJl';
  const input = {
    IdentityPoolId: 'us-east-1:abc',
    Logins: { 'accounts.google.com': 'id-token-value' },
    SyncSessionToken: token,
    NextToken: 'next-token-0123456789',
    Token: 'apns-device-token',
    RecordPatches: [{ Op: 'replace', Key: 'score', Value: '1', SyncCount: 0 }],
  };
  const out = redactParams(input) as Record<string, unknown>;
  assert.equal(out.IdentityPoolId, 'us-east-1:abc');
  assert.equal(out.Logins, '***');
  assert.equal(out.Token, '***');
  assert.equal(out.SyncSessionToken, `eyJwb29s…(${token.length} chars)`);
  assert.equal(out.NextToken, 'next-tok…(21 chars)');
  assert.deepEqual(out.RecordPatches, [{ Op: 'replace', Key: 'score', Value: '1', SyncCount: 0 }]);
  // the input is untouched
  assert.equal(input.SyncSessionToken, token);
  assert.deepEqual(input.Logins, { 'accounts.google.com': 'id-token-value' });
});

test('long values and long arrays are cut; dates and bytes are summarised', () => {
  const out = redactParams({
    Value: 'x'.repeat(1000),
    Items: Array.from({ length: 60 }, (_, i) => i),
    When: new Date(Date.UTC(2024, 0, 2)),
    Blob: new Uint8Array(5),
  }) as Record<string, unknown>;
  assert.equal(out.Value, `${'x'.repeat(200)}…(+800 chars)`);
  assert.equal((out.Items as unknown[]).length, 51);
  assert.equal((out.Items as unknown[])[50], '…(+10 more)');
  assert.equal(out.When, '2024-01-02T00:00:00.000Z');
  assert.equal(out.Blob, '<5 bytes>');
});

test('remembered secrets are removed from any text; short strings are not remembered', () => {
  rememberSecret('SESSIONTOKEN-abcdefghijklmnop');
  rememberSecret('short');
  assert.equal(redactText('a SESSIONTOKEN-abcdefghijklmnop b short'), 'a *** b short');
  assert.equal(redactText('aws_secret_access_key = abc123'), 'aws_secret_access_key = ***');
  assert.equal(redactText('{"SecretAccessKey":"zzz"}'), '{"SecretAccessKey":"***"}');
});

test('shortenHandle and cutString leave short values alone', () => {
  assert.equal(shortenHandle('abc'), 'abc');
  assert.equal(cutString('abc', 5), 'abc');
  assert.equal(cutString('abcdefg', 5), 'abcde…(+2 chars)');
});
