import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ALL_SYNC_OPERATIONS, matchSyncRoute, parseQuery, splitTarget } from '../../src/local/router.js';
import { apiErrorOf } from '../helpers/api-error.js';

const P = 'us-east-1%3Aabc';
const I = 'us-east-1%3Adef';
const BASE = `/identitypools/${P}/identities/${I}`;

test('all 17 operations are routed', () => {
  assert.equal(new Set(ALL_SYNC_OPERATIONS).size, 17);
  const cases: Array<[string, string, string]> = [
    ['GET', '/identitypools', 'ListIdentityPoolUsage'],
    ['GET', `/identitypools/${P}`, 'DescribeIdentityPoolUsage'],
    ['GET', BASE, 'DescribeIdentityUsage'],
    ['GET', `${BASE}/datasets`, 'ListDatasets'],
    ['GET', `${BASE}/datasets/d`, 'DescribeDataset'],
    ['POST', `${BASE}/datasets/d`, 'UpdateRecords'],
    ['DELETE', `${BASE}/datasets/d`, 'DeleteDataset'],
    ['GET', `${BASE}/datasets/d/records`, 'ListRecords'],
    ['POST', `${BASE}/datasets/d/subscriptions/v`, 'SubscribeToDataset'],
    ['DELETE', `${BASE}/datasets/d/subscriptions/v`, 'UnsubscribeFromDataset'],
    ['POST', `/identitypools/${P}/identity/${I}/device`, 'RegisterDevice'],
    ['POST', `/identitypools/${P}/bulkpublish`, 'BulkPublish'],
    ['POST', `/identitypools/${P}/getBulkPublishDetails`, 'GetBulkPublishDetails'],
    ['GET', `/identitypools/${P}/events`, 'GetCognitoEvents'],
    ['POST', `/identitypools/${P}/events`, 'SetCognitoEvents'],
    ['GET', `/identitypools/${P}/configuration`, 'GetIdentityPoolConfiguration'],
    ['POST', `/identitypools/${P}/configuration`, 'SetIdentityPoolConfiguration'],
  ];
  for (const [method, path, operation] of cases) assert.equal(matchSyncRoute(method, path).operation, operation, `${method} ${path}`);
  assert.deepEqual(new Set(cases.map((c) => c[2])), new Set(ALL_SYNC_OPERATIONS));
});

test('labels are split on the raw path, then percent-decoded: %2F stays inside its label', () => {
  const m = matchSyncRoute('POST', `${BASE}/datasets/my.set/subscriptions/dev%2F1%3Ax`);
  assert.deepEqual(m.labels, { IdentityPoolId: 'us-east-1:abc', IdentityId: 'us-east-1:def', DatasetName: 'my.set', DeviceId: 'dev/1:x' });
  const unicode = matchSyncRoute('GET', `${BASE}/datasets/%E5%90%8D`);
  assert.equal(unicode.labels.DatasetName, '名');
  assert.equal(matchSyncRoute('GET', `${BASE}/datasets/a+b`).labels.DatasetName, 'a+b', '+ stays +');
});

test('an empty segment is an empty label, never another operation', () => {
  const m = matchSyncRoute('GET', `${BASE}/datasets/`);
  assert.equal(m.operation, 'DescribeDataset');
  assert.equal(m.labels.DatasetName, '');
  assert.equal(matchSyncRoute('GET', '/identitypools/').labels.IdentityPoolId, '');
  assert.equal(matchSyncRoute('GET', `/identitypools//identities/${I}`).labels.IdentityPoolId, '');
});

test('undecodable percent-encoding is a 400 InvalidParameterException', () => {
  const err = apiErrorOf(() => matchSyncRoute('GET', `${BASE}/datasets/%E0%A4%A`));
  assert.equal(err.type, 'InvalidParameterException');
  assert.equal(err.status, 400);
  assert.equal(apiErrorOf(() => matchSyncRoute('GET', `${BASE}/datasets/%C3`)).type, 'InvalidParameterException', 'invalid UTF-8');
});

test('no route → 404 UnknownOperationException naming method and path; literals are case-sensitive', () => {
  for (const [method, path] of [
    ['GET', '/IdentityPools'],
    ['PUT', `${BASE}/datasets/d`],
    ['GET', `/identitypools/${P}/bulkpublish`],
    ['POST', `/identitypools/${P}/getbulkpublishdetails`],
    ['GET', '/'],
    ['GET', `${BASE}/datasets/d/records/extra`],
    ['GET', 'identitypools'],
  ]) {
    const err = apiErrorOf(() => matchSyncRoute(method, path));
    assert.equal(err.type, 'UnknownOperationException');
    assert.equal(err.status, 404);
    assert.equal(err.message, `Unknown operation: ${method} ${path}`);
  }
});

test('query: names and values percent-decoded, + stays +, first occurrence wins, any order', () => {
  const q = parseQuery('syncSessionToken=a%2Bb%3D&maxResults=5&lastSyncCount=2&nextToken=x+y&maxResults=9&flag');
  assert.equal(q.get('syncSessionToken'), 'a+b=');
  assert.equal(q.get('maxResults'), '5');
  assert.equal(q.get('lastSyncCount'), '2');
  assert.equal(q.get('nextToken'), 'x+y');
  assert.equal(q.get('flag'), '');
  assert.equal(parseQuery('').size, 0);
  assert.equal(apiErrorOf(() => parseQuery('a=%ZZ')).type, 'InvalidParameterException');
});

test('splitTarget keeps both parts raw', () => {
  assert.deepEqual(splitTarget('/a%2Fb?x=%20'), { rawPath: '/a%2Fb', rawQuery: 'x=%20' });
  assert.deepEqual(splitTarget('/a'), { rawPath: '/a', rawQuery: '' });
});
