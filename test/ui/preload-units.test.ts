// data/preload.ts without a terminal: the page is taken once and only for its own dataset; the first render waits
// for it only up to the deadline; a failure is never an unhandled rejection.
import assert from 'node:assert/strict';
import test from 'node:test';
import type { Connected, Connector } from '../../src/ui/data/connector.js';
import { preloadedWithin, preloadRecords } from '../../src/ui/data/preload.js';
import { locationKey } from '../../src/ui/state/navigation.js';

const location = { screen: 'records' as const, connection: 'local', poolId: 'us-east-1:p', identityId: 'us-east-1:i', dataset: 'profile' };

function connectorThat(connect: () => Promise<Connected>): Connector {
  return { requestLog: undefined as never, list: () => [], connect, close: async () => undefined };
}

test('the page is taken once, and only for the preloaded dataset', async () => {
  const preload = preloadRecords(connectorThat(() => new Promise(() => undefined)), location);
  assert.equal(preload.take(locationKey({ ...location, dataset: 'other' })), undefined);
  assert.ok(preload.take(locationKey(location)));
  assert.equal(preload.take(locationKey(location)), undefined, 'a second listing asks the server');
});

test('the first render waits no longer than the deadline for a connection that does not answer', async () => {
  const preload = preloadRecords(connectorThat(() => new Promise(() => undefined)), location);
  assert.equal(await preloadedWithin(preload, 5), undefined);
});

test('a failed connection gives no preloaded records, and the records screen gets the error when it takes the page', async () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  try {
    const preload = preloadRecords(connectorThat(async () => Promise.reject(new Error('no such profile'))), location);
    assert.equal(await preloadedWithin(preload, 1000), undefined);
    await assert.rejects(preload.take(locationKey(location))!, /no such profile/);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(unhandled, []);
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
});
