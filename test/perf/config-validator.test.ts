// config.json is checked by a validator compiled ahead of time (src/config/config-validator.generated.ts) instead of
// conf + ajv at run time. It must be current with the schema, and accept and refuse exactly what conf did, with
// conf's very messages: both are compared here on the same files, with conf (still installed) as the reference.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import fc from 'fast-check';
import { configValidatorSource, GENERATED_PATH } from '../../scripts/gen-config-validator.js';
import { assertValidConfig, readConfigFile, writeConfigFile } from '../../src/config/config-file.js';
import { CONFIG_SCHEMA, defaultConfig } from '../../src/config/schema.js';

test('the generated validator is current with src/config/schema.ts', () => {
  assert.equal(readFileSync(GENERATED_PATH, 'utf8'), configValidatorSource(), 'run: npx tsx scripts/gen-config-validator.ts');
});

/** What conf (as cogsync configured it before) said about `data` in config.json: undefined when it accepted it. */
function confVerdict(dir: string, data: unknown): string | undefined {
  writeFileSync(join(dir, 'config.json'), JSON.stringify(data));
  try {
    new Conf({
      cwd: dir,
      configName: 'config',
      schema: CONFIG_SCHEMA as never,
      rootSchema: { additionalProperties: false, properties: { $schema: { type: 'string' } } } as never,
      ajvOptions: { useDefaults: false, allErrors: true },
      accessPropertiesByDotNotation: false,
      clearInvalidConfig: false,
    });
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

function ourVerdict(data: unknown): string | undefined {
  try {
    assertValidConfig(data);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

const samples: unknown[] = [
  {},
  defaultConfig(),
  { $schema: 'x' },
  { connections: [{ name: 'prod', kind: 'aws', profile: 'prod', region: 'eu-west-1', protected: true, accent: 'red' }] },
  { connections: [{ name: '', kind: 'cloud', secretAccessKey: 'x' }] },
  { connections: [{ name: 'a\u0007b', kind: 'local', endpointUrl: 'http://user:pw@host' }] },
  { connections: 'none' },
  { recent: { local: [{ identityPoolId: 'us-east-1:x', at: '2026-01-01T00:00:00Z' }] } },
  { recent: { local: Array.from({ length: 9 }, () => ({ identityPoolId: 'p', at: 't' })) } },
  { recent: { local: [{ at: '' }] } },
  { preferences: { theme: 'blue', color: 'yes', dateFormat: 'iso', deviceId: 'x'.repeat(257) } },
  { keymap: { 'app.quit': ['q', ''], 'list.down': 'j', 'list.up': 3 } },
  { unknownSection: true, preferences: [] },
  { connections: [{ name: 'x'.repeat(65), kind: 'aws', profile: 'has space', region: 'EU' }] },
  { connections: [{ name: '😀'.repeat(64), kind: 'aws' }] },
  { connections: [{ name: '😀'.repeat(65), kind: 'aws' }] },
  [],
  'text',
];

test('accepts and refuses what conf did, with the same messages', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cogsync-conf-parity-'));
  try {
    for (const data of samples) assert.equal(ourVerdict(data), confVerdict(dir, data), JSON.stringify(data));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('random configs: the same verdict as conf', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cogsync-conf-parity-'));
  const text = fc.oneof(fc.string({ maxLength: 70 }), fc.constantFrom('local', 'aws', 'dark', 'iso', 'q', ''));
  const leaf = fc.oneof(text, fc.boolean(), fc.integer(), fc.constant(null));
  const connection = fc.record(
    { name: text, kind: text, profile: text, region: text, endpointUrl: text, readOnly: leaf, protected: leaf, accent: text, deviceId: text },
    { requiredKeys: [] },
  );
  const config = fc.record(
    {
      connections: fc.oneof(fc.array(connection, { maxLength: 3 }), leaf),
      recent: fc.dictionary(text, fc.array(fc.record({ identityPoolId: text, at: text, datasetName: leaf }, { requiredKeys: [] }), { maxLength: 9 }), { maxKeys: 2 }),
      preferences: fc.record({ theme: text, color: leaf, dateFormat: text, showTombstones: leaf }, { requiredKeys: [] }),
      keymap: fc.dictionary(text, fc.oneof(text, fc.array(text, { maxLength: 3 }), leaf), { maxKeys: 3 }),
      extra: leaf,
    },
    { requiredKeys: [] },
  );
  try {
    fc.assert(fc.property(config, (data) => ourVerdict(data) === confVerdict(dir, data)), { numRuns: 300 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('writes what conf wrote (tab-indented JSON, owner-only) and reads it back; refuses to write a bad config', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cogsync-config-file-'));
  try {
    const path = join(dir, 'config', 'config.json');
    assert.deepEqual(readConfigFile(path), {}, 'no file: empty settings');
    const data = { ...defaultConfig(), keymap: { 'app.quit': ['q'] } };
    writeConfigFile(path, data);
    assert.equal(readFileSync(path, 'utf8'), JSON.stringify(data, undefined, '\t'));
    assert.deepEqual(readConfigFile(path), data);
    assert.throws(() => writeConfigFile(path, { preferences: { theme: 'blue' } }), /^Error: Config schema violation: `preferences\/theme` must be equal to one of the allowed values/);
    assert.deepEqual(readConfigFile(path), data, 'nothing written');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
