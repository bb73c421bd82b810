// HTTPS certificates as the AWS CLI checks them: --ca-bundle, AWS_CA_BUNDLE, the profile's ca_bundle, --no-verify-ssl.
// The server is the local server's request handler behind node:https with a self-signed certificate made for these
// tests only (test/fixtures/tls: `openssl req -x509 -newkey rsa:2048 -nodes -days 36500 -subj '/CN=127.0.0.1'
// -addext 'subjectAltName=IP:127.0.0.1,DNS:localhost'`), which no system trust store holds.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { createRequestHandler } from '../../src/local/server.js';
import { Store } from '../../src/local/store.js';
import { runCli } from '../helpers/cli-process.js';
import { op, SAFE_ENV } from './helpers/run.js';

const certFile = fileURLToPath(new URL('../fixtures/tls/localhost-cert.pem', import.meta.url));
const keyFile = fileURLToPath(new URL('../fixtures/tls/localhost-key.pem', import.meta.url));
const ids = { IdentityPoolId: [`us-east-1:${randomUUID()}`], IdentityId: [`us-east-1:${randomUUID()}`] };
// Node would also trust what NODE_EXTRA_CA_CERTS names; the test must not depend on the machine's.
const ENV: NodeJS.ProcessEnv = { ...SAFE_ENV, NODE_EXTRA_CA_CERTS: '' };
let store: Store;
let server: https.Server;
let url: string;
let dir: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cogsync-tls-'));
  store = new Store({ path: ':memory:' });
  server = https.createServer({ key: readFileSync(keyFile), cert: readFileSync(certFile) }, createRequestHandler(store));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a certificate no trust store holds is refused; --ca-bundle, AWS_CA_BUNDLE or the profile’s ca_bundle make it trusted', async () => {
  const refused = await op(url, 'ListDatasets', ids, { env: ENV });
  assert.equal(refused.code, 255);
  assert.match(refused.err, /the HTTPS certificate of https:\/\/127\.0\.0\.1:\d+ is not trusted: .*\(DEPTH_ZERO_SELF_SIGNED_CERT\)/);
  assert.match(refused.err, /give its CA with --ca-bundle FILE or AWS_CA_BUNDLE/);
  const flag = await op(url, 'ListDatasets', ids, { env: ENV, globals: { caBundle: certFile } });
  assert.equal(flag.code, 0, flag.err);
  assert.deepEqual(flag.json(), { Datasets: [], Count: 0 });
  const fromEnv = await op(url, 'ListDatasets', ids, { env: { ...ENV, AWS_CA_BUNDLE: certFile } });
  assert.equal(fromEnv.code, 0, fromEnv.err);
  const config = join(dir, 'config');
  writeFileSync(config, `[default]\nca_bundle = ${certFile}\n`);
  const fromProfile = await op(url, 'ListDatasets', ids, { env: { ...ENV, AWS_CONFIG_FILE: config } });
  assert.equal(fromProfile.code, 0, fromProfile.err);
  // --ca-bundle comes first: a bad AWS_CA_BUNDLE does not matter then.
  const first = await op(url, 'ListDatasets', ids, { env: { ...ENV, AWS_CA_BUNDLE: '/nonexistent/ca.pem' }, globals: { caBundle: certFile } });
  assert.equal(first.code, 0, first.err);
});

test('a CA bundle that cannot be read is one clear line, and nothing is sent', async () => {
  const bad = await op(url, 'ListDatasets', ids, { env: ENV, globals: { caBundle: join(dir, 'missing.pem') } });
  assert.equal(bad.code, 253, 'a configuration problem, as the AWS CLI v2 counts it');
  assert.match(bad.err, /cannot read the CA bundle .*missing\.pem \(ENOENT\)/);
});

test('--no-verify-ssl skips the check and warns on stderr', async () => {
  const insecure = await op(url, 'ListDatasets', ids, { env: ENV, globals: { verifySsl: false } });
  assert.equal(insecure.code, 0, insecure.err);
  assert.match(insecure.err, /^warning: --no-verify-ssl: HTTPS certificates are not checked/);
});

test('the options on the command line, after the command or before it (child process)', async () => {
  const after = await runCli(['list-datasets', '--identity-pool-id', ids.IdentityPoolId[0], '--identity-id', ids.IdentityId[0], '--endpoint-url', url, '--ca-bundle', certFile], { env: ENV });
  assert.equal(after.code, 0, after.err);
  assert.deepEqual(JSON.parse(after.out), { Datasets: [], Count: 0 });
  const before = await runCli(['--no-verify-ssl', 'list-datasets', '--identity-pool-id', ids.IdentityPoolId[0], '--identity-id', ids.IdentityId[0], '--endpoint-url', url], { env: ENV });
  assert.equal(before.code, 0, before.err);
  assert.match(before.err, /--no-verify-ssl: HTTPS certificates are not checked/);
});
