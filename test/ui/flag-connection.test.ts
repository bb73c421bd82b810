// `cogsync --profile prod …` opens the saved connection `prod` with its own settings (protected, read-only, device
// id, accent): the flags say where to go, not how carefully.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { editorConnections, withSavedSettings } from '../../src/ui/data/flag-connection.js';
import type { EditorConnection } from '../../src/ui/data/connector.js';
import { openConfigStore } from '../../src/config/store.js';
import { DEMO_IDENTITIES, DEMO_POOL_ID } from '../../src/local/seed.js';
import { demoServerAndHome, editorTestEnv, spawnPty } from '../helpers/pty.js';

const fromFlags: EditorConnection = { name: 'prod', kind: 'aws', profile: 'prod', endpointUrl: 'http://127.0.0.1:1' };
const saved: EditorConnection[] = [
  { name: 'prod', kind: 'aws', profile: 'prod', region: 'eu-west-1', protected: true, accent: 'green', deviceId: 'support-laptop' },
  { name: 'staging', kind: 'aws', profile: 'staging' },
];

describe('the command line’s connection and the saved ones', () => {
  it('keeps the saved namesake’s protected flag, accent, device id and region; the flags set the rest', () => {
    assert.deepEqual(withSavedSettings(fromFlags, saved), {
      name: 'prod', kind: 'aws', profile: 'prod', endpointUrl: 'http://127.0.0.1:1',
      protected: true, accent: 'green', deviceId: 'support-laptop', region: 'eu-west-1',
    });
    assert.equal(withSavedSettings({ ...fromFlags, region: 'us-east-1' }, saved).region, 'us-east-1', 'a region on the command line wins');
    assert.deepEqual(withSavedSettings({ ...fromFlags, name: 'other' }, saved), { ...fromFlags, name: 'other' }, 'no namesake: as given');
  });

  it('lists the merged connection once, first', () => {
    const list = editorConnections(fromFlags, [], saved);
    assert.deepEqual(list.map((c) => c.name), ['prod', 'staging']);
    assert.equal(list[0].protected, true);
    assert.deepEqual(editorConnections(undefined, [], saved), saved);
  });
});

describe('in a real terminal', () => {
  const fixture = demoServerAndHome();

  it('`cogsync --profile prod` on a saved protected `prod` starts read-only', async () => {
    const home = fixture.home.dir;
    const awsConfig = join(home, 'aws-config');
    const awsCredentials = join(home, 'aws-credentials');
    writeFileSync(awsConfig, '[profile prod]\nregion = us-east-1\n');
    writeFileSync(awsCredentials, '[prod]\naws_access_key_id = AKIDPRODTEST\naws_secret_access_key = not-a-real-secret\n');
    openConfigStore({ env: { COGSYNC_HOME: home } }).saveConnection({ name: 'prod', kind: 'aws', profile: 'prod', endpointUrl: fixture.server.url, protected: true });
    const term = spawnPty(
      process.execPath,
      ['--import', 'tsx', 'src/cli.ts', '--profile', 'prod', '--endpoint-url', fixture.server.url,
        '--identity-pool-id', DEMO_POOL_ID, '--identity-id', DEMO_IDENTITIES.alice, '--dataset-name', 'profile'],
      { cwd: new URL('../../', import.meta.url).pathname, cols: 110, rows: 30, env: editorTestEnv(home, { AWS_CONFIG_FILE: awsConfig, AWS_SHARED_CREDENTIALS_FILE: awsCredentials, AWS_PROFILE: '', AWS_DEFAULT_PROFILE: '', AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' }) },
    );
    try {
      await term.waitFor('‹ready›', { ms: 20_000 });
      await term.waitFor('[RO] prod');
      await term.send('e');
      await term.waitFor('Disabled: connection prod is read-only');
      await term.send('q');
      assert.equal((await term.exited).exitCode, 0);
    } finally {
      term.kill();
    }
  });
});
