import { test } from 'node:test';
import assert from 'node:assert/strict';
import { editorOptionsFromFlags } from '../../src/ui/editor-flags.js';

const P = 'us-east-1:de300000-0000-4000-8000-000000000001';
const I = 'us-east-1:de300000-0000-4000-8000-00000000a11c';

test('no flags: the embedded local server, writable, no deep link', () => {
  assert.deepEqual(editorOptionsFromFlags({}, {}), { options: { connection: undefined, readOnly: false, deepLink: undefined } });
});

test('a deep link needs its parents and valid ids', () => {
  assert.deepEqual(editorOptionsFromFlags({ identityId: I }, {}), { error: '--identity-id needs --identity-pool-id' });
  assert.deepEqual(editorOptionsFromFlags({ identityPoolId: P, datasetName: 'x' }, {}), {
    error: '--dataset-name needs --identity-pool-id and --identity-id',
  });
  const bad = editorOptionsFromFlags({ identityPoolId: P, identityId: I, datasetName: 'bad name!' }, {});
  assert.ok('error' in bad && /bad name!/.test(bad.error), JSON.stringify(bad));
  const ok = editorOptionsFromFlags({ identityPoolId: P, identityId: I, datasetName: 'profile', readonly: true }, {});
  assert.ok('options' in ok);
  assert.deepEqual(ok.options.deepLink, { pool: P, identity: I, dataset: 'profile' });
  assert.equal(ok.options.readOnly, true);
});

test('--endpoint-url on loopback opens a local-kind connection; --profile opens AWS', () => {
  const local = editorOptionsFromFlags({ endpointUrl: 'http://127.0.0.1:4567' }, {});
  assert.ok('options' in local);
  assert.equal(local.options.connection?.kind, 'local');
  assert.equal(local.options.connection?.name, '127.0.0.1:4567');
  const aws = editorOptionsFromFlags({ profile: 'dev', region: 'eu-west-1' }, {});
  assert.ok('options' in aws);
  assert.deepEqual(
    { kind: aws.options.connection?.kind, name: aws.options.connection?.name, region: aws.options.connection?.region },
    { kind: 'aws', name: 'dev', region: 'eu-west-1' },
  );
});
