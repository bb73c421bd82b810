// The config store skips ajv's meta-schema check at startup (src/config/conf-factory.ts, `validateSchema: false`,
// which saved 30-70 ms of every editor start). This test keeps that check, once, here: the schema must stay valid
// JSON Schema 2020-12, and ajv must still reject a bad config with it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { CONFIG_SCHEMA } from '../../src/config/schema.js';

test('CONFIG_SCHEMA is valid JSON Schema 2020-12 (the check the store no longer runs on every start)', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const root = { type: 'object', properties: CONFIG_SCHEMA, additionalProperties: false };
  assert.equal(ajv.validateSchema(root), true, JSON.stringify(ajv.errors));
  const validate = ajv.compile(root);
  assert.equal(validate({}), true, 'an empty config is valid');
  assert.equal(validate({ notASection: 1 }), false, 'an unknown top-level key is refused');
});
