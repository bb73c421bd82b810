// A dead endpoint: a port that was open a moment ago and is closed now.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { ClientFactory } from '../../src/aws/clients.js';
import { checkConnection } from '../../src/aws/connection-check.js';
import { CogsyncError, formatError } from '../../src/aws/errors.js';
import { listAllDatasets } from '../../src/aws/paging.js';
import { RequestLog } from '../../src/aws/request-log.js';
import { cleanEnv } from './env.js';

async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

test('an unreachable endpoint maps to EndpointUnreachable naming the endpoint, and is logged', async () => {
  const url = await closedPortUrl();
  const log = new RequestLog();
  const factory = new ClientFactory({ log, env: cleanEnv() });
  try {
    const clients = factory.get({ name: 'dead', kind: 'local', endpointUrl: url }, { maxAttempts: 1 });
    await assert.rejects(
      listAllDatasets(clients.sync, { IdentityPoolId: 'us-east-1:00000000-0000-0000-0000-000000000000', IdentityId: 'us-east-1:00000000-0000-0000-0000-000000000001' }),
      (e: unknown) => {
        assert.ok(e instanceof CogsyncError);
        assert.equal(e.code, 'EndpointUnreachable');
        assert.equal(e.operation, 'ListDatasets');
        assert.equal(e.retryable, true);
        assert.ok(e.message.includes(url), e.message);
        assert.ok(e.hint?.includes(url));
        assert.match(formatError(e), new RegExp(`^✗ EndpointUnreachable · ListDatasets : cannot reach ${url.replace(/[.:/]/g, '\\$&')} \\(ECONNREFUSED\\)`));
        return true;
      },
    );
    const [entry] = log.entries();
    assert.equal(entry.operation, 'ListDatasets');
    assert.equal(entry.state, 'error');
    assert.equal(entry.errorCode, 'ECONNREFUSED');
    assert.equal(entry.endpoint, url);
    assert.equal(entry.attempts, 1, 'maxAttempts 1 means one attempt');
    assert.equal(log.inFlight, 0);

    await assert.rejects(checkConnection(clients), (e: unknown) => e instanceof CogsyncError && e.code === 'EndpointUnreachable' && e.operation === 'ListIdentityPools');
  } finally {
    factory.destroy();
  }
});

test('with the SDK default attempts, a refused connection is retried and still maps the same way', async () => {
  const url = await closedPortUrl();
  const log = new RequestLog();
  const factory = new ClientFactory({ log, env: cleanEnv() });
  try {
    const clients = factory.get({ name: 'dead', kind: 'local', endpointUrl: url });
    await assert.rejects(checkConnection(clients), (e: unknown) => e instanceof CogsyncError && e.code === 'EndpointUnreachable');
    const [entry] = log.entries();
    assert.equal(log.entries().length, 1, 'one log entry per call, however many attempts');
    assert.ok((entry.attempts ?? 0) > 1, `expected retries, saw ${entry.attempts} attempt(s)`);
  } finally {
    factory.destroy();
  }
});
