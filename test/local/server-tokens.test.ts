import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  checkSyncSessionToken,
  decodeNextToken,
  encodeNextToken,
  newSyncSession,
  syncSessionToken,
  SYNC_TOKEN_EXPIRED,
  SYNC_TOKEN_INVALID,
  TokenSigner,
} from '../../src/local/tokens.js';
import { apiErrorOf } from '../helpers/api-error.js';

const ref = { poolId: 'us-east-1:abc', identityId: 'us-east-1:def', datasetName: 'ds' };

function messageOf(fn: () => unknown): string {
  const err = apiErrorOf(fn);
  assert.equal(err.type, 'InvalidParameterException');
  return err.message;
}

test('a session token round-trips and is the same string every time', () => {
  const signer = new TokenSigner(randomBytes(32));
  const session = newSyncSession(1_000_000, 900);
  assert.equal(session.expiresAt, 1_000_000 + 900_000);
  const token = syncSessionToken(signer, ref, session);
  assert.equal(syncSessionToken(signer, ref, session), token);
  assert.match(token, /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, 'URL-safe without escaping');
  assert.deepEqual(checkSyncSessionToken(signer, token, ref, 1_000_000 + 899_999), session);
});

test('a token of another pool, identity or dataset, a bad MAC or junk → not valid for these inputs', () => {
  const signer = new TokenSigner(randomBytes(32));
  const token = syncSessionToken(signer, ref, newSyncSession(0, 900));
  for (const other of [
    { ...ref, poolId: 'us-east-1:abd' },
    { ...ref, identityId: 'us-east-1:deg' },
    { ...ref, datasetName: 'DS' },
  ]) {
    assert.equal(messageOf(() => checkSyncSessionToken(signer, token, other, 1)), SYNC_TOKEN_INVALID);
  }
  const [body, mac] = token.split('.');
  const flipped = `${body}.${mac.slice(0, -2)}${mac.endsWith('AA') ? 'BB' : 'AA'}`;
  for (const bad of ['', 'junk', '.', `${body}.`, flipped, `${body.slice(1)}.${mac}`]) {
    assert.equal(messageOf(() => checkSyncSessionToken(signer, bad, ref, 1)), SYNC_TOKEN_INVALID, bad);
  }
  const otherServer = new TokenSigner(randomBytes(32));
  assert.equal(messageOf(() => checkSyncSessionToken(otherServer, token, ref, 1)), SYNC_TOKEN_INVALID);
});

test('expiry: valid until expiresAt, then "has expired"', () => {
  const signer = new TokenSigner(randomBytes(32));
  const token = syncSessionToken(signer, ref, newSyncSession(0, 5));
  checkSyncSessionToken(signer, token, ref, 4_999);
  assert.equal(messageOf(() => checkSyncSessionToken(signer, token, ref, 5_000)), SYNC_TOKEN_EXPIRED);
});

test('next tokens bind operation and inputs exactly', () => {
  const signer = new TokenSigner(randomBytes(32));
  const token = encodeNextToken(signer, 'ListRecords', ['p', 'i', 'd', 0], { c: 3, k: 'x' });
  assert.deepEqual(decodeNextToken(signer, token, 'ListRecords', ['p', 'i', 'd', 0]), { c: 3, k: 'x' });
  assert.equal(messageOf(() => decodeNextToken(signer, token, 'ListRecords', ['p', 'i', 'd', 1])), 'Invalid NextToken');
  assert.equal(messageOf(() => decodeNextToken(signer, token, 'ListDatasets', ['p', 'i', 'd', 0])), 'Invalid NextToken');
  assert.equal(messageOf(() => decodeNextToken(signer, 'garbage', 'ListRecords', [])), 'Invalid NextToken');
});

test('a token checked before is still refused for another dataset, once expired, or when altered; others are still checked in full', () => {
  const signer = new TokenSigner(randomBytes(32));
  const session = newSyncSession(1_000_000, 900);
  const token = syncSessionToken(signer, ref, session);
  // The second check of the same token comes from the verified-token cache.
  assert.deepEqual(checkSyncSessionToken(signer, token, ref, 1_000_001), session);
  assert.deepEqual(checkSyncSessionToken(signer, token, ref, 1_000_002), session);
  assert.equal(messageOf(() => checkSyncSessionToken(signer, token, { ...ref, datasetName: 'other' }, 1_000_003)), SYNC_TOKEN_INVALID);
  assert.equal(messageOf(() => checkSyncSessionToken(signer, token, ref, session.expiresAt)), SYNC_TOKEN_EXPIRED);
  const [body, mac] = token.split('.');
  const altered = `${body}.${mac.slice(0, -2)}${mac.endsWith('AA') ? 'BB' : 'AA'}`;
  assert.equal(messageOf(() => checkSyncSessionToken(signer, altered, ref, 1_000_004)), SYNC_TOKEN_INVALID);
  // Another server's token (other secret) is not taken from this signer's cache.
  assert.equal(messageOf(() => checkSyncSessionToken(new TokenSigner(randomBytes(32)), token, ref, 1_000_005)), SYNC_TOKEN_INVALID);
  // Past the cache's size, the oldest tokens are checked in full again and still pass.
  const many = Array.from({ length: 300 }, (_, i) => syncSessionToken(signer, ref, newSyncSession(1_000_000 + i, 900)));
  for (const t of many) checkSyncSessionToken(signer, t, ref, 1_000_500);
  assert.deepEqual(checkSyncSessionToken(signer, token, ref, 1_000_006), session);
  assert.throws(() => ((signer.verify(token) as Record<string, unknown>).p = 'changed'), TypeError, 'a cached payload cannot be changed');
});
