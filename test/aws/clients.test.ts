import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ClientFactory,
  LOCAL_CREDENTIALS,
  clientCacheKey,
  connectionFromFlags,
  isLoopbackUrl,
  resolveConnection,
  type Connection,
} from '../../src/aws/clients.js';
import { CogsyncError } from '../../src/aws/errors.js';
import { RequestLog } from '../../src/aws/request-log.js';
import { cleanEnv, withAwsEnv, writeAwsFiles } from './env.js';

const aws = (extra: Partial<Connection> = {}): Connection => ({ name: 'test', kind: 'aws', ...extra });
const local = (extra: Partial<Connection> = {}): Connection => ({ name: 'local', kind: 'local', endpointUrl: 'http://127.0.0.1:4567', ...extra });

function throwsCode(fn: () => unknown, code: string, message?: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof CogsyncError, `expected CogsyncError, got ${String(e)}`);
    assert.equal(e.code, code);
    if (message) assert.match(e.message, message);
    return true;
  });
}

test('region: flag beats AWS_REGION beats AWS_DEFAULT_REGION beats the profile config', () => {
  const files = writeAwsFiles('[default]\nregion = eu-north-1\n[profile dev]\nregion = ap-south-1\n', '[dev]\naws_access_key_id = A\naws_secret_access_key = B\n');
  try {
    const base = { AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile };
    const all = cleanEnv({ ...base, AWS_REGION: 'us-west-1', AWS_DEFAULT_REGION: 'us-west-2' });
    assert.equal(resolveConnection(aws({ region: 'eu-west-3' }), all).region, 'eu-west-3');
    assert.equal(resolveConnection(aws(), all).region, 'us-west-1');
    assert.equal(resolveConnection(aws(), cleanEnv({ ...base, AWS_DEFAULT_REGION: 'us-west-2' })).region, 'us-west-2');
    assert.equal(resolveConnection(aws(), cleanEnv(base)).region, 'eu-north-1');
    assert.equal(resolveConnection(aws({ profile: 'dev' }), cleanEnv(base)).region, 'ap-south-1');
    assert.equal(resolveConnection(aws(), cleanEnv({ ...base, AWS_PROFILE: 'dev' })).region, 'ap-south-1');
    assert.equal(resolveConnection(aws(), cleanEnv({ ...base, AWS_PROFILE: 'dev' })).profile, 'dev');
    assert.equal(resolveConnection(aws(), cleanEnv({ ...base, AWS_DEFAULT_PROFILE: 'dev', AWS_PROFILE: 'default' })).profile, 'dev');
    assert.equal(resolveConnection(aws(), cleanEnv({ ...base, AWS_DEFAULT_PROFILE: 'dev' })).region, 'ap-south-1');
  } finally {
    files.cleanup();
  }
});

test('no region anywhere is a clear NoRegion error with a hint', () => {
  throwsCode(() => resolveConnection(aws(), cleanEnv()), 'NoRegion', /no AWS region/);
  assert.throws(() => resolveConnection(aws(), cleanEnv()), (e: CogsyncError) => /--region.*AWS_REGION/.test(e.hint ?? ''));
});

test('an unknown named profile fails before any call; bad region and endpoint are rejected', () => {
  throwsCode(() => resolveConnection(aws({ profile: 'ghost', region: 'us-east-1' }), cleanEnv()), 'ProfileNotFound', /'ghost'/);
  throwsCode(() => resolveConnection(aws({ region: 'us east 1' }), cleanEnv()), 'InvalidRegion');
  throwsCode(() => resolveConnection(aws({ region: 'us-east-1', endpointUrl: 'not a url' }), cleanEnv()), 'InvalidEndpoint');
  throwsCode(() => resolveConnection(aws({ region: 'us-east-1', endpointUrl: 'ftp://x' }), cleanEnv()), 'InvalidEndpoint');
  throwsCode(() => resolveConnection(aws({ region: 'us-east-1', endpointUrl: 'http://u:p@x' }), cleanEnv()), 'InvalidEndpoint', /user name/);
  throwsCode(() => resolveConnection({ name: 'l', kind: 'local' }, cleanEnv()), 'InvalidEndpoint', /no endpoint/);
});

test('endpoint: flag beats the service-specific env var beats AWS_ENDPOINT_URL', () => {
  const env = cleanEnv({
    AWS_REGION: 'us-east-1',
    AWS_ENDPOINT_URL: 'http://general:1',
    AWS_ENDPOINT_URL_COGNITO_SYNC: 'http://sync:2/',
  });
  const fromEnv = resolveConnection(aws(), env);
  assert.equal(fromEnv.syncEndpoint, 'http://sync:2');
  assert.equal(fromEnv.identityEndpoint, 'http://general:1');
  const fromFlag = resolveConnection(aws({ endpointUrl: 'http://flag:3' }), env);
  assert.equal(fromFlag.syncEndpoint, 'http://flag:3');
  assert.equal(fromFlag.identityEndpoint, 'http://flag:3');
  assert.equal(resolveConnection(aws(), cleanEnv({ AWS_REGION: 'us-east-1' })).syncEndpoint, undefined);
});

test('local connections ignore AWS env and profiles, default to us-east-1', () => {
  const env = cleanEnv({ AWS_REGION: 'eu-west-1', AWS_PROFILE: 'ghost', AWS_ENDPOINT_URL: 'http://elsewhere:1' });
  const r = resolveConnection(local(), env);
  assert.deepEqual(r, {
    name: 'local',
    kind: 'local',
    region: 'us-east-1',
    syncEndpoint: 'http://127.0.0.1:4567',
    identityEndpoint: 'http://127.0.0.1:4567',
  });
});

test('cache keys: profile|region|endpoint plus attempts, timeouts and certificates; local never shares with aws', () => {
  const env = cleanEnv({ AWS_REGION: 'us-east-1' });
  const a = resolveConnection(aws({ endpointUrl: 'http://127.0.0.1:4567' }), env);
  const l = resolveConnection(local(), env);
  assert.equal(clientCacheKey(a), '(default chain)|us-east-1|http://127.0.0.1:4567|default|default|default|default CAs');
  assert.equal(clientCacheKey(l), '(local)|us-east-1|http://127.0.0.1:4567|default|default|default|default CAs');
  assert.equal(clientCacheKey(l, { maxAttempts: 1 }), '(local)|us-east-1|http://127.0.0.1:4567|1|default|default|default CAs');
  // Other certificate settings never share clients (their HTTPS agents differ).
  assert.equal(clientCacheKey(l, { caBundle: '/ca.pem', verifySsl: false }), '(local)|us-east-1|http://127.0.0.1:4567|default|default|default|/ca.pem unverified');
});

test('the factory caches per key and builds new clients when anything in the key changes', async () => {
  await withAwsEnv({ AWS_REGION: 'us-east-1' }, () => {
    const factory = new ClientFactory({ log: new RequestLog() });
    try {
      const first = factory.get(local());
      assert.equal(factory.get(local({ name: 'renamed' })), first, 'the name is not part of the key');
      assert.notEqual(factory.get(local({ region: 'eu-west-1' })), first);
      assert.notEqual(factory.get(local({ endpointUrl: 'http://127.0.0.1:4568' })), first);
      assert.notEqual(factory.get(local(), { maxAttempts: 1 }), first);
      assert.notEqual(factory.get(aws({ endpointUrl: 'http://127.0.0.1:4567' })), first);
      assert.equal(factory.size, 5);
      factory.destroy();
      assert.equal(factory.size, 0);
      assert.notEqual(factory.get(local()), first, 'destroyed clients are not handed out again');
    } finally {
      factory.destroy();
    }
  });
});

test('client config: region, maxAttempts, endpoint and the local dummy credentials', async () => {
  const factory = new ClientFactory({ log: new RequestLog(), env: cleanEnv() });
  try {
    const { sync, identity } = factory.get(local({ region: 'eu-west-1' }), { maxAttempts: 1 });
    assert.equal(await sync.config.region(), 'eu-west-1');
    assert.equal(await sync.config.maxAttempts(), 1);
    assert.equal(await identity.config.maxAttempts(), 1);
    const creds = await sync.config.credentials();
    assert.equal(creds.accessKeyId, LOCAL_CREDENTIALS.accessKeyId);
    assert.equal(creds.secretAccessKey, LOCAL_CREDENTIALS.secretAccessKey);
    const endpoint = await sync.config.endpoint?.();
    assert.equal(endpoint?.hostname, '127.0.0.1');
    assert.equal(endpoint?.port, 4567);
    assert.throws(() => factory.get(local(), { maxAttempts: 0 }), /maxAttempts/);
  } finally {
    factory.destroy();
  }
});

test('credential chain: each profile in a temp credentials file gets its own keys, never another key\'s', async () => {
  const files = writeAwsFiles(
    '[profile alpha]\nregion = us-east-1\n[profile beta]\nregion = eu-west-1\n',
    '[alpha]\naws_access_key_id = AKIDALPHA\naws_secret_access_key = alpha-secret-value\n' +
      '[beta]\naws_access_key_id = AKIDBETA\naws_secret_access_key = beta-secret-value\naws_session_token = beta-session-token\n',
  );
  try {
    await withAwsEnv(
      {
        AWS_CONFIG_FILE: files.configFile,
        AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile,
        // env keys must lose to an explicit profile, as in the AWS CLI
        AWS_ACCESS_KEY_ID: 'AKIDFROMENV',
        AWS_SECRET_ACCESS_KEY: 'env-secret-value',
      },
      async () => {
        const factory = new ClientFactory({ log: new RequestLog() });
        try {
          const alpha = factory.get(aws({ profile: 'alpha' }));
          const beta = factory.get(aws({ profile: 'beta' }));
          assert.equal(alpha.connection.region, 'us-east-1');
          assert.equal(beta.connection.region, 'eu-west-1');
          const a = await alpha.sync.config.credentials();
          const b = await beta.identity.config.credentials();
          assert.equal(a.accessKeyId, 'AKIDALPHA');
          assert.equal(a.sessionToken, undefined);
          assert.equal(b.accessKeyId, 'AKIDBETA');
          assert.equal(b.sessionToken, 'beta-session-token');
          // no profile: the default chain takes the env keys first
          const anonymous = factory.get(aws({ region: 'us-east-1' }));
          assert.equal((await anonymous.sync.config.credentials()).accessKeyId, 'AKIDFROMENV');
        } finally {
          factory.destroy();
        }
      },
    );
    // A profile named by the environment loses to the environment's keys, as in botocore (only --profile wins over
    // them), and the SDK's "multiple credential sources" warning never reaches the terminal.
    const warned: unknown[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warned.push(args);
    try {
      for (const variable of ['AWS_DEFAULT_PROFILE', 'AWS_PROFILE'] as const) {
        await withAwsEnv(
          { AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile, [variable]: 'alpha', AWS_ACCESS_KEY_ID: 'AKIDFROMENV', AWS_SECRET_ACCESS_KEY: 'env-secret-value' },
          async () => {
            const factory = new ClientFactory({ log: new RequestLog() });
            try {
              const fromEnvProfile = factory.get(aws());
              assert.equal(fromEnvProfile.connection.region, 'us-east-1', `${variable}: the profile's region still applies`);
              assert.equal((await fromEnvProfile.sync.config.credentials()).accessKeyId, 'AKIDFROMENV', variable);
              assert.equal((await factory.get(aws({ profile: 'alpha' })).sync.config.credentials()).accessKeyId, 'AKIDALPHA', `${variable}: --profile wins`);
            } finally {
              factory.destroy();
            }
          },
        );
        await withAwsEnv({ AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile, [variable]: 'beta' }, async () => {
          const factory = new ClientFactory({ log: new RequestLog() });
          try {
            assert.equal((await factory.get(aws()).sync.config.credentials()).accessKeyId, 'AKIDBETA', `${variable} without env keys: the profile's`);
          } finally {
            factory.destroy();
          }
        });
      }
    } finally {
      console.warn = warn;
    }
    assert.deepEqual(warned, [], 'no SDK warning on the terminal');
  } finally {
    files.cleanup();
  }
});

test('connectionFromFlags names the connection after the profile or endpoint', () => {
  assert.deepEqual(connectionFromFlags({ profile: 'dev', region: 'eu-west-1' }, {}), {
    name: 'dev',
    kind: 'aws',
    profile: 'dev',
    region: 'eu-west-1',
    endpointUrl: undefined,
  });
  assert.equal(connectionFromFlags({ endpointUrl: 'http://127.0.0.1:4567' }, {}).name, '127.0.0.1:4567');
  assert.equal(connectionFromFlags({}, { AWS_PROFILE: 'envprof' }).name, 'envprof');
  // The AWS CLI reads AWS_DEFAULT_PROFILE first; the JS SDK alone would ignore it.
  assert.equal(connectionFromFlags({}, { AWS_DEFAULT_PROFILE: 'cliprof', AWS_PROFILE: 'envprof' }).name, 'cliprof');
  assert.equal(connectionFromFlags({}, {}).name, 'default');
});

test('connectionFromFlags never names a connection local (reserved for the embedded server): profile:local, endpoint:local', () => {
  const byFlag = connectionFromFlags({ profile: 'local', region: 'eu-west-1' }, {});
  assert.equal(byFlag.name, 'profile:local');
  assert.equal(byFlag.kind === 'aws' ? byFlag.profile : undefined, 'local', 'the profile read is still local');
  assert.equal(connectionFromFlags({}, { AWS_PROFILE: 'local' }).name, 'profile:local');
  assert.equal(connectionFromFlags({}, { AWS_DEFAULT_PROFILE: 'local' }).name, 'profile:local');
  assert.equal(connectionFromFlags({ endpointUrl: 'http://local' }, {}).name, 'endpoint:local');
  assert.equal(connectionFromFlags({ endpointUrl: 'local' }, {}).name, 'endpoint:local');
  assert.equal(connectionFromFlags({ endpointUrl: 'http://local:4567' }, {}).name, 'local:4567');
  // Names are matched exactly, as everywhere in the list: `Local` is another name.
  assert.equal(connectionFromFlags({ profile: 'Local' }, {}).name, 'Local');
});

test('a loopback endpoint with no profile or env keys is the local server: dummy keys, us-east-1', () => {
  const local = connectionFromFlags({ endpointUrl: 'http://127.0.0.1:4567' }, {});
  assert.equal(local.kind, 'local');
  assert.equal(resolveConnection(local, {}).region, 'us-east-1');
  assert.equal(connectionFromFlags({ endpointUrl: 'http://localhost:9' }, {}).kind, 'local');
  assert.equal(connectionFromFlags({ endpointUrl: 'http://127.0.0.1:4567', region: 'eu-west-1' }, {}).region, 'eu-west-1');
  assert.equal(connectionFromFlags({ endpointUrl: 'http://127.0.0.1:4567' }, { AWS_REGION: 'ap-south-1' }).region, 'ap-south-1');
});

test('a loopback endpoint signs with real credentials when a profile or env keys are given', () => {
  assert.equal(connectionFromFlags({ endpointUrl: 'http://127.0.0.1:4567', profile: 'dev' }, {}).kind, 'aws');
  assert.equal(connectionFromFlags({ endpointUrl: 'http://127.0.0.1:4567' }, { AWS_PROFILE: 'dev' }).kind, 'aws');
  assert.equal(connectionFromFlags({ endpointUrl: 'http://127.0.0.1:4567' }, { AWS_DEFAULT_PROFILE: 'dev' }).kind, 'aws');
  assert.equal(connectionFromFlags({ endpointUrl: 'http://127.0.0.1:4567' }, { AWS_ACCESS_KEY_ID: 'AKID' }).kind, 'aws');
  assert.equal(connectionFromFlags({ endpointUrl: 'https://cognito-sync.us-east-1.amazonaws.com' }, {}).kind, 'aws');
});

test('isLoopbackUrl accepts only this machine', () => {
  for (const url of ['http://127.0.0.1:1', 'http://127.9.8.7', 'http://localhost:4567', 'http://[::1]:4567']) assert.equal(isLoopbackUrl(url), true, url);
  for (const url of ['http://10.0.0.1', 'http://example.com', 'http://127.0.0.1.example.com', 'not a url']) assert.equal(isLoopbackUrl(url), false, url);
});
