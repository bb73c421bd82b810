import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listProfiles, parseIni, profileExists, profileRegion, sharedConfigPaths } from '../../src/aws/shared-config.js';
import { cleanEnv, writeAwsFiles } from './env.js';

const CONFIG = `
# comment
[default]
region = us-west-2

[profile dev]
region=eu-west-1
s3 =
  max_concurrent_requests = 2
  region = nested-not-this
output = json

[profile sso-user]
sso_session = corp
sso_account_id = 111122223333

[sso-session corp]
sso_region = us-east-1

[profile   spaced   name]
; semicolon comment
region = ap-south-1
`;

const CREDENTIALS = `
[default]
aws_access_key_id = AKIAEXAMPLE
aws_secret_access_key = very-secret

[keys-only]
aws_access_key_id = AKIAEXAMPLE2
aws_secret_access_key = very-secret-2
region = ca-central-1
`;

test('parseIni reads sections and keys, skips comments and nested blocks', () => {
  const ini = parseIni(CONFIG);
  assert.equal(ini.get('default')?.get('region'), 'us-west-2');
  assert.equal(ini.get('profile dev')?.get('region'), 'eu-west-1');
  assert.equal(ini.get('profile dev')?.get('output'), 'json');
  assert.equal(ini.get('profile spaced name')?.get('region'), 'ap-south-1');
  assert.ok(ini.has('sso-session corp'));
});

test('listProfiles merges both files, default first, no secrets in the result', () => {
  const files = writeAwsFiles(CONFIG, CREDENTIALS);
  try {
    const env = cleanEnv({ AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile });
    const profiles = listProfiles(env);
    assert.deepEqual(
      profiles.map((p) => p.name),
      ['default', 'dev', 'keys-only', 'spaced name', 'sso-user'],
    );
    assert.deepEqual(profiles[0], { name: 'default', region: 'us-west-2', inCredentialsFile: true, sso: false, assumesRole: false });
    assert.equal(profiles.find((p) => p.name === 'sso-user')?.sso, true);
    assert.equal(profiles.find((p) => p.name === 'keys-only')?.region, 'ca-central-1');
    assert.doesNotMatch(JSON.stringify(profiles), /secret|AKIA/);
    assert.equal(profileRegion('dev', env), 'eu-west-1');
    assert.equal(profileRegion('default', env), 'us-west-2');
    assert.equal(profileRegion('sso-user', env), undefined);
    assert.equal(profileExists('dev', env), true);
    assert.equal(profileExists('nope', env), false);
  } finally {
    files.cleanup();
  }
});

test('missing files mean no profiles, not an error; paths follow the env vars', () => {
  const env = cleanEnv();
  assert.deepEqual(listProfiles(env), []);
  assert.equal(sharedConfigPaths(env).configFile, '/nonexistent/cogsync-test-aws-config');
  assert.equal(sharedConfigPaths({ HOME: '/h' }).credentialsFile, '/h/.aws/credentials');
});
