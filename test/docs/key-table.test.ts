// The README's key table is what scripts/key-table.ts prints from the keymap, so it cannot drift from the editor.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { keyTable, KEYS_END, KEYS_START, README_PATH, readmeKeyTable, withKeyTable } from '../../scripts/key-table.js';
import { COMMAND_IDS, COMMANDS, DEFAULT_KEYMAP } from '../../src/ui/keymap.js';
import { formatKey } from '../../src/ui/key-spec.js';

/** The table's body rows (header and separator dropped), split into cells. */
function rows(table: string): string[][] {
  return table
    .trimEnd()
    .split('\n')
    .slice(2)
    .map((line) => line.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim()));
}

test("README.md's key table is exactly what scripts/key-table.ts prints (run it with --write after changing keymap.ts)", () => {
  const readme = readFileSync(README_PATH, 'utf8');
  assert.equal(readmeKeyTable(readme), keyTable());
});

test('the table has one row per command of the keymap, with its default keys and description', () => {
  const body = rows(keyTable());
  assert.equal(body.length, COMMAND_IDS.length);
  for (const [i, id] of COMMAND_IDS.entries()) {
    const [, command, keys, description] = body[i];
    assert.equal(command, `\`${id}\``);
    assert.equal(keys, DEFAULT_KEYMAP[id].map((b) => `\`${formatKey(b.spec)}\``).join(' '));
    assert.equal(description, COMMANDS[id].description);
  }
});

test("each scope is named once, on its first row, with the help overlay's heading", () => {
  const body = rows(keyTable());
  const named = body.filter((r) => r[0] !== '').map((r) => r[0]);
  assert.equal(named.length, new Set(COMMAND_IDS.map((id) => id.split('.')[0])).size);
  assert.deepEqual(named.slice(0, 3), ['**Everywhere**', '**Lists**', '**Records**']);
  assert.ok(named.includes('**Conflicts**'));
});

test('a README without the markers is an error that names them, and --write replaces only the text between them', () => {
  assert.throws(() => readmeKeyTable('# no table here\n'), new RegExp(`${KEYS_START}.*${KEYS_END}`));
  assert.throws(() => readmeKeyTable(`${KEYS_END}\n${KEYS_START}\n`), /needs/);
  const before = `intro\n${KEYS_START}\n| stale |\n${KEYS_END}\noutro\n`;
  const after = withKeyTable(before, '| fresh |\n');
  assert.equal(after, `intro\n${KEYS_START}\n| fresh |\n${KEYS_END}\noutro\n`);
  assert.equal(readmeKeyTable(after), '| fresh |\n');
});
