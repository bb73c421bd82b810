// config.json is checked by a validator Ajv compiled ahead of time (scripts/config-validator.ts). It must be the
// schema's, byte for byte, and conf must use it on every read and write.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { configValidatorSource, GENERATED_PATH } from '../../scripts/config-validator.js';
import { createConf } from '../../src/config/conf-factory.js';
import { tempHome } from '../helpers/home.js';

test('the committed validator is the one the schema compiles to (run `npx tsx scripts/config-validator.ts` after a schema change)', () => {
  assert.equal(readFileSync(GENERATED_PATH, 'utf8'), configValidatorSource());
});

test('conf refuses a file that breaks the schema, with the path and the rule, and refuses to write one', () => {
  const home = tempHome();
  const path = join(home.dir, 'config.json');
  writeFileSync(path, JSON.stringify({ connections: [{ name: 'x', kind: 'moon' }] }));
  assert.throws(() => createConf(home.dir), /^Error: Config schema violation: `connections\/0\/kind` must be equal to one of the allowed values$/);

  writeFileSync(path, JSON.stringify({ preferences: { theme: 'dark' } }));
  const conf = createConf(home.dir);
  assert.deepEqual({ ...conf.store }, { preferences: { theme: 'dark' } });
  assert.throws(() => (conf.store = { preferences: { theme: 'pink' } } as never), /Config schema violation: `preferences\/theme`/);
  assert.throws(() => (conf.store = { extra: true } as never), /must NOT have additional properties/);
  assert.equal(readFileSync(path, 'utf8'), JSON.stringify({ preferences: { theme: 'dark' } }), 'nothing written');

  conf.store = { preferences: { theme: 'light' } } as never;
  assert.deepEqual(JSON.parse(readFileSync(path, 'utf8')), { preferences: { theme: 'light' } });
  home.cleanup();
});

test('a maxLength counts characters, not UTF-16 units (the runtime helper the generated code imports)', () => {
  const home = tempHome();
  const path = join(home.dir, 'config.json');
  // 64 astral characters: 128 UTF-16 units, within the 64-character limit of a connection name.
  writeFileSync(path, JSON.stringify({ connections: [{ name: '😀'.repeat(64), kind: 'aws' }] }));
  assert.doesNotThrow(() => createConf(home.dir).store);
  writeFileSync(path, JSON.stringify({ connections: [{ name: '😀'.repeat(65), kind: 'aws' }] }));
  assert.throws(() => createConf(home.dir), /`connections\/0\/name` must NOT have more than 64 characters/);
  home.cleanup();
});
