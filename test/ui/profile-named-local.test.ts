// An AWS profile named `local` (`cogsync --profile local`, AWS_PROFILE=local, or a `[profile local]` in the shared
// config file) never takes the name `local`, which is the embedded server's: it is listed as `profile:local`, next to
// the embedded server's row, and the command line's connection opens under that name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnector } from '../../src/ui/data/connector.js';
import { editorConnections } from '../../src/ui/data/flag-connection.js';
import { editorOptionsFromFlags } from '../../src/ui/editor-flags.js';

function awsFiles(): { env: NodeJS.ProcessEnv; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'cogsync-profile-local-'));
  const configFile = join(dir, 'config');
  writeFileSync(configFile, '[profile local]\nregion = eu-west-1\n\n[profile dev]\nregion = us-east-1\n');
  return {
    env: { AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

test('--profile local (or AWS_PROFILE=local with an endpoint) opens a connection named profile:local, not local', () => {
  const flag = editorOptionsFromFlags({ profile: 'local' }, {});
  assert.ok('options' in flag, JSON.stringify(flag));
  assert.deepEqual(
    { name: flag.options.connection?.name, kind: flag.options.connection?.kind, profile: flag.options.connection?.profile },
    { name: 'profile:local', kind: 'aws', profile: 'local' },
  );
  const fromEnv = editorOptionsFromFlags({ endpointUrl: 'http://127.0.0.1:4567' }, { AWS_PROFILE: 'local' });
  assert.ok('options' in fromEnv, JSON.stringify(fromEnv));
  assert.equal(fromEnv.options.connection?.name, 'profile:local');
  assert.equal(fromEnv.options.connection?.endpointUrl, 'http://127.0.0.1:4567');
  const other = editorOptionsFromFlags({ profile: 'dev' }, {});
  assert.ok('options' in other);
  assert.equal(other.options.connection?.name, 'dev', 'other profiles keep their name');
});

test('the connections list keeps the embedded server as local and shows the profile as profile:local', async () => {
  const files = awsFiles();
  try {
    for (const flags of [{}, { profile: 'local' }]) {
      const parsed = editorOptionsFromFlags(flags, files.env);
      assert.ok('options' in parsed);
      const given = parsed.options.connection;
      const connector = createConnector({ connections: () => editorConnections(given, [], []), env: files.env });
      try {
        const rows = connector.list().map((r) => ({ id: r.id, type: r.type, detail: r.detail }));
        const label = JSON.stringify(flags);
        assert.deepEqual(rows.find((r) => r.id === 'local'), { id: 'local', type: 'local', detail: 'embedded local server (demo data)' }, label);
        assert.equal(rows.filter((r) => r.id === 'local').length, 1, label);
        assert.deepEqual(rows.find((r) => r.id === 'profile:local'), { id: 'profile:local', type: 'aws', detail: 'profile' }, label);
        assert.equal(rows.filter((r) => r.id === 'profile:local').length, 1, label);
        assert.ok(rows.some((r) => r.id === 'dev'), label);
      } finally {
        await connector.close();
      }
    }
  } finally {
    files.cleanup();
  }
});
