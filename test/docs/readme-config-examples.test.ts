// Every `cogsync config set KEY 'VALUE'` the README shows works as shown, on a fresh settings file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { configSet } from '../../src/commands/config.js';
import { captureIO } from '../../src/commands/io.js';
import { tempHome } from '../helpers/home.js';

const README = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');

/** `cogsync config set KEY 'VALUE'` in inline code, the line breaks of the prose joined. */
function configSetExamples(): Array<{ key: string; value: string }> {
  const text = README.replace(/\n/g, ' ');
  return [...text.matchAll(/`cogsync config set ([\w.]+) +'([^']*)'`/g)].map((m) => ({ key: m[1]!, value: m[2]! }));
}

test("the README's config set examples are found", () => {
  assert.ok(configSetExamples().length >= 2, JSON.stringify(configSetExamples()));
});

for (const { key, value } of configSetExamples()) {
  test(`README: cogsync config set ${key} '${value}' is saved on a fresh settings file`, () => {
    const home = tempHome();
    try {
      const io = captureIO({ env: { COGSYNC_HOME: home.dir } });
      assert.equal(configSet(io, key, value), 0, io.err());
      assert.equal(io.err(), '');
    } finally {
      home.cleanup();
    }
  });
}
